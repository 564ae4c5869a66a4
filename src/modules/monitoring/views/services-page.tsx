import type { Context } from 'hono';
import { formatDate, formatNumber } from '../../../platform/format/format.js';
import type { AppEnv } from '../../../platform/http/env.js';
import type { ServicesDashboard } from '../dashboards.service.js';
import { formatDuration, READY_BUCKETS } from '../figures.js';
import { addDays, today } from '../monitoring.common.js';
import { MonthColumns, ValueBars } from './charts.js';
import { ChildLink, dashboardPath, DashboardFrame } from './frame.js';
import { monthLabel, pct, words } from './words.js';
import { DataTable } from '../../../platform/http/views/data-table.js';

/** "< 15 menit", "15–30 menit", …, "> 14 hari". */
export function bucketLabel(b: number, lang: 'id' | 'en'): string {
  const lo = b === 0 ? 0 : READY_BUCKETS[b - 1]!;
  if (b === 0) return `< ${formatDuration(READY_BUCKETS[0], lang)}`;
  if (b === READY_BUCKETS.length) return `≥ ${formatDuration(lo, lang)}`;
  return `${formatDuration(lo, lang)} – ${formatDuration(READY_BUCKETS[b]!, lang)}`;
}

export function ServicesPage({ c, d }: { c: Context<AppEnv>; d: ServicesDashboard }) {
  const lang = c.get('lang');
  const w = words(lang);
  const n = (x: number) => formatNumber(x, lang);
  const base = dashboardPath(d.scope.code, 'layanan');
  const q = `?dari=${d.period.from}&sampai=${d.period.to}`;
  const day = today();
  const t = d.total;
  // The bucket, not a false precision: with few letters an interpolated minute means little.
  const median = d.median ? bucketLabel(d.median.bucket, lang) : '–';
  return (
    <DashboardFrame c={c} scope={d.scope} tab="layanan" excel={`${dashboardPath(d.scope.code)}/layanan.xlsx${q}`}>
      <form method="get" action={base} class="stat-filter">
        <label>{w.from}<input type="date" name="dari" value={d.period.from} /></label>
        <label>{w.to}<input type="date" name="sampai" value={d.period.to} /></label>
        <button type="submit">{w.show}</button>
      </form>
      <p class="no-print">
        <a href={`${base}?dari=${addDays(day, -29)}&sampai=${day}`}>{w.last30}</a> · <a href={`${base}?dari=${day.slice(0, 4)}-01-01&sampai=${day}`}>{w.thisYear}</a>
      </p>
      <p><strong>{w.period}:</strong> {formatDate(d.period.from, lang)} – {formatDate(d.period.to, lang)}</p>
      <section class="card">
        <h2>{w.servicesTitle}</h2>
        <dl class="stat-summary">
          <dt>{w.requested}</dt><dd>{n(t.requested)}</dd>
          <dt>{w.online}</dt><dd>{n(t.requested_online)} ({pct(t.requested_online, t.requested, lang)})</dd>
          <dt>{w.issued}</dt><dd>{n(t.issued)}</dd>
          <dt>{w.ready}</dt><dd>{n(t.ready)}</dd>
          <dt>{w.rejected}</dt><dd>{n(t.rejected)}</dd>
          <dt>{w.median}</dt><dd>{median}{d.meanSeconds !== null && <span class="muted"> · {w.mean} {formatDuration(d.meanSeconds, lang)}</span>}</dd>
        </dl>
        <p class="muted">{w.medianNote}</p>
      </section>

      <section class="card">
        <h2>{w.letterType}</h2>
        <div class="stat-pair">
          <ValueBars title={w.issued} lang={lang} rows={d.types.map((r) => ({ label: r.title, value: r.issued }))} />
          <DataTable>
              <thead><tr><th>{w.letterType}</th><th class="num">{w.requested}</th><th class="num"><abbr title={w.online}>{w.onlineShort}</abbr></th><th class="num">{w.issued}</th><th class="num">{w.rejected}</th></tr></thead>
              <tbody>
                {d.types.map((r) => (
                  <tr><td>{r.title}</td><td class="num">{n(r.requested)}</td><td class="num">{n(r.requested_online)}</td><td class="num">{n(r.issued)}</td><td class="num">{n(r.rejected)}</td></tr>
                ))}
              </tbody>
              <tfoot><tr><th scope="row">{w.total}</th><td class="num">{n(t.requested)}</td><td class="num">{n(t.requested_online)}</td><td class="num">{n(t.issued)}</td><td class="num">{n(t.rejected)}</td></tr></tfoot>
            </DataTable>
        </div>
      </section>

      <section class="card">
        <h2>{w.perMonthLetters}</h2>
        <div class="stat-pair">
          <MonthColumns title={w.perMonthLetters} lang={lang} rows={d.months.map((m) => ({ label: monthLabel(m.month, lang), value: m.issued }))} />
          <div class="scroll">
            <table>
              <thead><tr><th>{w.month}</th><th class="num">{w.requested}</th><th class="num"><abbr title={w.online}>{w.onlineShort}</abbr></th><th class="num">{w.issued}</th></tr></thead>
              <tbody>
                {d.months.map((m) => <tr><td>{monthLabel(m.month, lang)}</td><td class="num">{n(m.requested)}</td><td class="num">{n(m.requested_online)}</td><td class="num">{n(m.issued)}</td></tr>)}
              </tbody>
            </table>
          </div>
        </div>
      </section>

      <section class="card">
        <h2>{w.histogram}</h2>
        <div class="stat-pair">
          <ValueBars title={w.histogram} lang={lang} rows={d.histogram.map((h) => ({ label: bucketLabel(h.bucket, lang), value: h.letters }))} />
          <div class="scroll">
            <table>
              <thead><tr><th>{w.bucket}</th><th class="num">{w.letters}</th></tr></thead>
              <tbody>{d.histogram.map((h) => <tr><td>{bucketLabel(h.bucket, lang)}</td><td class="num">{n(h.letters)}</td></tr>)}</tbody>
            </table>
          </div>
        </div>
      </section>

      <section class="card">
        <h2>{w.complaintsTitle}</h2>
        <dl class="stat-summary">
          <dt>{w.complaintsReceived}</dt><dd>{n(d.complaints.received)}</dd>
          <dt>{w.complaintsAnswered}</dt><dd>{n(d.complaints.answered)}</dd>
          <dt>{w.complaintsOpen}</dt><dd>{n(d.complaints.open)}</dd>
          <dt>{w.complaintsOverdue}</dt><dd>{n(d.complaints.overdue)}</dd>
        </dl>
        {d.children.length > 0 && (
          <DataTable aria-label={w.complaintsTitle}>
            <thead><tr><th>{w.name}</th><th class="num">{w.complaintsReceived}</th><th class="num">{w.complaintsOpen}</th><th class="num">{w.complaintsOverdue}</th></tr></thead>
            <tbody>{d.children.map((r) => (
              <tr><td><ChildLink code={r.code} name={r.name} kind={r.kind} tab="layanan" /></td><td class="num">{n(r.complaints.received)}</td><td class="num">{n(r.complaints.open)}</td><td class="num">{n(r.complaints.overdue)}</td></tr>
            ))}</tbody>
          </DataTable>
        )}
        <p class="muted">{w.complaintsNote}</p>
      </section>

      {d.children.length > 0 && (
        <section class="card">
          <h2>{w.byChild}</h2>
          <DataTable>
              <thead><tr><th>{w.name}</th><th class="num">{w.requested}</th><th class="num">{w.onlineShare}</th><th class="num">{w.issued}</th><th class="num">{w.ready}</th><th class="num">{w.mean}</th></tr></thead>
              <tbody>
                {[...d.children].sort((a, b) => b.issued - a.issued || a.code.localeCompare(b.code)).map((r) => (
                  <tr>
                    <td><ChildLink code={r.code} name={r.name} kind={r.kind} tab="layanan" /> <span class="muted">{r.code}</span></td>
                    <td class="num">{n(r.requested)}</td><td class="num">{pct(r.requested_online, r.requested, lang)}</td>
                    <td class="num">{n(r.issued)}</td><td class="num">{n(r.ready)}</td>
                    <td class="num">{r.ready ? formatDuration(r.ready_seconds / r.ready, lang) : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
        </section>
      )}
    </DashboardFrame>
  );
}
