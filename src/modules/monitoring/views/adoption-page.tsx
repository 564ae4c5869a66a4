import type { Context } from 'hono';
import { formatDate, formatNumber } from '../../../platform/format/format.js';
import type { AppEnv } from '../../../platform/http/env.js';
import type { AdoptionDashboard } from '../dashboards.service.js';
import { LineChart, ValueBars } from './charts.js';
import { ChildLink, dashboardPath, DashboardFrame } from './frame.js';
import { fill, monthLabel, pct, words } from './words.js';
import { DataTable } from '../../../platform/http/views/data-table.js';

export function AdoptionPage({ c, d }: { c: Context<AppEnv>; d: AdoptionDashboard }) {
  const lang = c.get('lang');
  const w = words(lang);
  const n = (x: number) => formatNumber(x, lang);
  const t = d.totals;
  const kindLabel = (k: string) => (k === 'target' ? w.target : w.initiative);
  const excel = `${dashboardPath(d.scope.code)}/adopsi.xlsx`;
  if (d.scope.level === 4) return <VillageAdoption c={c} d={d} excel={excel} />;
  const villageLevel = d.scope.level === 3;
  return (
    <DashboardFrame c={c} scope={d.scope} tab="adopsi" excel={excel}>
      <p class="summary">
        <strong>{fill(w.activatedOf, { a: n(t.activated), n: n(t.villages), p: pct(t.activated, t.villages, lang) })}</strong>
      </p>
      <section class="card">
        <h2>{w.adoptionTitle}</h2>
        <div class="stat-pair">
          <ValueBars
            title={w.adoptionTitle}
            lang={lang}
            rows={[
              { label: w.activated, value: t.activated, note: pct(t.activated, t.villages, lang) },
              { label: w.target, value: t.target },
              { label: w.initiative, value: t.initiative },
              { label: w.active7, value: t.active7, note: pct(t.active7, t.activated, lang) },
              { label: w.active30, value: t.active30, note: pct(t.active30, t.activated, lang) },
              { label: w.quiet, value: Math.max(0, t.activated - t.active30), cls: 'bar-warn' },
            ]}
          />
          <dl class="stat-summary">
            <dt>{w.villages}</dt><dd>{n(t.villages)}</dd>
            <dt>{w.activated}</dt><dd>{n(t.activated)} ({pct(t.activated, t.villages, lang)})</dd>
            <dt>{w.target}</dt><dd>{n(t.target)}</dd>
            <dt>{w.initiative}</dt><dd>{n(t.initiative)}</dd>
            <dt>{w.active7}</dt><dd>{n(t.active7)}</dd>
            <dt>{w.active30}</dt><dd>{n(t.active30)}</dd>
            <dt>{w.actions30}</dt><dd>{n(t.actions30)} ({w.citizenActions30.toLowerCase()}: {n(t.citizenActions30)})</dd>
          </dl>
        </div>
        <p class="muted">{w.activityNote}</p>
      </section>

      <section class="card">
        <h2>{w.perMonth}</h2>
        <p class="muted">{w.perMonthNote}</p>
        <div class="stat-pair">
          <LineChart title={w.perMonth} lang={lang} points={d.timeline.map((m) => ({ label: monthLabel(m.month, lang), value: m.total }))} />
          <div class="scroll tall">
            <table>
              <thead><tr><th>{w.month}</th><th class="num">{w.target}</th><th class="num">{w.initiative}</th><th class="num">{w.cumulative}</th></tr></thead>
              <tbody>
                {[...d.timeline].reverse().filter((m) => m.target || m.initiative).map((m) => (
                  <tr><td>{monthLabel(m.month, lang)}</td><td class="num">{n(m.target)}</td><td class="num">{n(m.initiative)}</td><td class="num">{n(m.total)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </section>

      <section class="card">
        <h2>{w.ranked}</h2>
        <p class="muted">{w.rankedNote}</p>
        <DataTable>
            <thead>
              <tr>
                <th class="num">{w.rank}</th><th>{villageLevel ? w.village : w.name}</th>
                {!villageLevel && <th class="num">{w.villages}</th>}
                <th class="num">{w.activated}</th>{!villageLevel && <th class="num">{w.percent}</th>}
                <th class="num">{w.target}</th><th class="num">{w.initiative}</th>
                <th class="num">{w.active7}</th><th class="num">{w.active30}</th><th class="num">{w.actions30}</th>
              </tr>
            </thead>
            <tbody>
              {d.rankedChildren.map((r, i) => (
                <tr>
                  <td class="num">{i + 1}</td>
                  <td><ChildLink code={r.code} name={r.name} kind={r.kind} tab="adopsi" /> <span class="muted">{r.code}</span></td>
                  {!villageLevel && <td class="num">{n(r.villages)}</td>}
                  <td class="num">{n(r.activated)}</td>{!villageLevel && <td class="num">{pct(r.activated, r.villages, lang)}</td>}
                  <td class="num">{n(r.target)}</td><td class="num">{n(r.initiative)}</td>
                  <td class="num">{n(r.active7)}</td><td class="num">{n(r.active30)}</td><td class="num">{n(r.actions30)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td /><th scope="row">{w.total}</th>
                {!villageLevel && <td class="num">{n(t.villages)}</td>}
                <td class="num">{n(t.activated)}</td>{!villageLevel && <td class="num">{pct(t.activated, t.villages, lang)}</td>}
                <td class="num">{n(t.target)}</td><td class="num">{n(t.initiative)}</td>
                <td class="num">{n(t.active7)}</td><td class="num">{n(t.active30)}</td><td class="num">{n(t.actions30)}</td>
              </tr>
            </tfoot>
          </DataTable>
      </section>

      {!villageLevel && (
        <section class="card">
          <h2>{w.mostActive}</h2>
          <VillageTable c={c} rows={d.villages} />
        </section>
      )}
      {villageLevel && (
        <section class="card">
          <h2>{w.villagesList}</h2>
          <VillageTable c={c} rows={d.villages} />
        </section>
      )}

      <section class="card">
        <h2>{w.quietTitle} ({n(d.quiet.total)})</h2>
        <p class="muted">{w.quietNote}</p>
        {d.quiet.rows.length === 0 ? <p>{w.none}</p> : (
          <DataTable>
              <thead><tr><th>{w.village}</th><th>{w.activatedOn}</th><th>{w.kind}</th><th>{w.lastAction}</th></tr></thead>
              <tbody>
                {d.quiet.rows.map((q) => (
                  <tr>
                    <td><ChildLink code={q.village_code} name={q.name} kind={q.kind as never} tab="adopsi" /> <span class="muted">{q.village_code}</span></td>
                    <td>{formatDate(q.activated_at, lang)}</td>
                    <td>{kindLabel(q.activation_kind)}</td>
                    <td>{q.last_day ? formatDate(q.last_day, lang) : w.never}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
        )}
        {d.quiet.total > d.quiet.rows.length && <p class="muted">{fill(w.quietMore, { n: n(d.quiet.total - d.quiet.rows.length) })}</p>}
      </section>
    </DashboardFrame>
  );
}

function VillageTable({ c, rows }: { c: Context<AppEnv>; rows: AdoptionDashboard['villages'] }) {
  const lang = c.get('lang');
  const w = words(lang);
  const n = (x: number) => formatNumber(x, lang);
  if (!rows.length) return <p>{w.none}</p>;
  return (
    <DataTable>
        <thead>
          <tr><th class="num">{w.rank}</th><th>{w.village}</th><th>{w.activatedOn}</th><th class="num">{w.actions30}</th><th class="num">{w.activeDays}</th><th class="num">{w.issued30}</th><th class="num">{w.residents}</th><th>{w.lastAction}</th></tr>
        </thead>
        <tbody>
          {rows.map((v, i) => (
            <tr>
              <td class="num">{i + 1}</td>
              <td><ChildLink code={v.village_code} name={v.name} kind={v.kind as never} tab="adopsi" /> <span class="muted">{v.village_code}</span></td>
              <td>{formatDate(v.activated_at, lang)}</td>
              <td class="num">{n(v.actions30)}</td><td class="num">{n(v.active_days30)}</td><td class="num">{n(v.issued30)}</td><td class="num">{n(v.residents)}</td>
              <td>{v.last_day ? formatDate(v.last_day, lang) : w.never}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
  );
}

/** One village: when it joined, how it is used day by day. */
function VillageAdoption({ c, d, excel }: { c: Context<AppEnv>; d: AdoptionDashboard; excel: string }) {
  const lang = c.get('lang');
  const w = words(lang);
  const n = (x: number) => formatNumber(x, lang);
  const v = d.village;
  const me = d.villages[0];
  return (
    <DashboardFrame c={c} scope={d.scope} tab="adopsi" excel={excel}>
      {!v ? <p class="notice warn">{w.notActivated}</p> : (
        <>
          <section class="card">
            <dl>
              <dt>{w.activatedOn}</dt><dd>{formatDate(v.activated_at, lang)}</dd>
              <dt>{w.kind}</dt><dd>{v.activation_kind === 'target' ? w.target : w.initiative}</dd>
              <dt>{w.lastAction}</dt><dd>{me?.last_day ? formatDate(me.last_day, lang) : w.never}</dd>
              <dt>{w.actions30}</dt><dd>{n(me?.actions30 ?? 0)}</dd>
              <dt>{w.activeDays}</dt><dd>{n(me?.active_days30 ?? 0)}</dd>
              <dt>{w.issued30}</dt><dd>{n(me?.issued30 ?? 0)}</dd>
            </dl>
            <p class="muted">{w.activityNote}</p>
          </section>
          <section class="card">
            <h2>{w.villageActivity}</h2>
            <div class="stat-pair">
              <ValueBars title={w.villageActivity} lang={lang} rows={v.days.map((x) => ({ label: formatDate(x.day, lang), value: x.officer_actions + x.citizen_actions }))} />
              <div class="scroll">
                <table>
                  <thead><tr><th>{w.day}</th><th class="num">{w.officerActions}</th><th class="num">{w.citizenActions}</th></tr></thead>
                  <tbody>
                    {v.days.map((x) => <tr><td>{formatDate(x.day, lang)}</td><td class="num">{n(x.officer_actions)}</td><td class="num">{n(x.citizen_actions)}</td></tr>)}
                  </tbody>
                </table>
              </div>
            </div>
          </section>
        </>
      )}
    </DashboardFrame>
  );
}
