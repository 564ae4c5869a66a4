import type { Context } from 'hono';
import { formatNumber, titleCase, formatRupiah } from '../../../platform/format/format.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { codeLabel } from '../../population/index.js';
import { PopulationPyramid } from '../../population/statistics/index.js';
import { EVENT_KINDS, type PopulationDashboard } from '../dashboards.service.js';
import { regionShort } from '../monitoring.common.js';
import { MonthColumns, ValueBars } from './charts.js';
import { ChildLink, dashboardPath, DashboardFrame } from './frame.js';
import { monthLabel, pct, words } from './words.js';
import { DataTable } from '../../../platform/http/views/data-table.js';

const HOUSING_KEYS = ['dirt_floor', 'no_electricity', 'no_sanitation', 'unsafe_water'] as const;
const COMMUNITY_KEYS = ['institutions', 'active_members', 'trainings', 'people_trained', 'digital_cadres'] as const;

export const lifeStatusLabel = (code: number) => titleCase(codeLabel('lifeStatus', code) || String(code));

export function PopulationPage({ c, d }: { c: Context<AppEnv>; d: PopulationDashboard }) {
  const lang = c.get('lang');
  const w = words(lang);
  const n = (x: number) => formatNumber(x, lang);
  const t = d.totals;
  const pyramidRows = d.unknownAge.total > 0 ? [...d.pyramid, d.unknownAge] : d.pyramid;
  return (
    <DashboardFrame c={c} scope={d.scope} tab="penduduk" excel={`${dashboardPath(d.scope.code)}/penduduk.xlsx`}>
      <section class="card">
        <h2>{w.populationTitle}</h2>
        <dl class="stat-summary">
          <dt>{w.residents}</dt><dd>{n(t.total)}</dd>
          <dt>{w.male}</dt><dd>{n(t.male)} ({pct(t.male, t.total, lang)})</dd>
          <dt>{w.female}</dt><dd>{n(t.female)} ({pct(t.female, t.total, lang)})</dd>
          <dt>{w.families}</dt><dd>{n(t.families)}</dd>
        </dl>
        <p class="muted">{w.populationNote}</p>
      </section>

      <section class="card">
        <h2>{w.pyramid} {d.year}</h2>
        <p class="muted">{w.pyramidNote}</p>
        <div class="stat-pair">
          <PopulationPyramid groups={d.pyramid} lang={lang} />
          <div class="scroll">
            <table>
              <thead><tr><th>{w.ageGroup}</th><th class="num">{w.m}</th><th class="num">{w.f}</th><th class="num">{w.total}</th></tr></thead>
              <tbody>{pyramidRows.map((g) => <tr><td>{g.label}</td><td class="num">{n(g.male)}</td><td class="num">{n(g.female)}</td><td class="num">{n(g.total)}</td></tr>)}</tbody>
            </table>
          </div>
        </div>
      </section>

      <section class="card">
        <h2>{w.lifeStatus}</h2>
        <div class="scroll">
          <table>
            <thead><tr><th>{w.lifeStatus}</th><th class="num">{w.m}</th><th class="num">{w.f}</th><th class="num">{w.total}</th></tr></thead>
            <tbody>{d.byStatus.map((s) => <tr><td>{lifeStatusLabel(s.code)}</td><td class="num">{n(s.male)}</td><td class="num">{n(s.female)}</td><td class="num">{n(s.total)}</td></tr>)}</tbody>
          </table>
        </div>
      </section>

      <section class="card">
        <h2>{w.events}</h2>
        <div class="stat-pair">
          <MonthColumns title={`${w.events}: ${w.eventKinds.birth}`} lang={lang} rows={d.months.map((m) => ({ label: monthLabel(m.month, lang), value: m.birth }))} />
          <MonthColumns title={`${w.events}: ${w.eventKinds.death}`} lang={lang} rows={d.months.map((m) => ({ label: monthLabel(m.month, lang), value: m.death }))} />
        </div>
        <DataTable>
            <thead><tr><th>{w.month}</th>{EVENT_KINDS.map((k) => <th class="num">{w.eventKinds[k]}</th>)}</tr></thead>
            <tbody>
              {d.months.map((m) => <tr><td>{monthLabel(m.month, lang)}</td>{EVENT_KINDS.map((k) => <td class="num">{n(m[k])}</td>)}</tr>)}
            </tbody>
          </DataTable>
      </section>

      <section class="card">
        <h2>{w.householdsTitle}</h2>
        <dl class="stat-summary">
          <dt>{w.households}</dt><dd>{n(d.housing.households)}</dd>
          <dt>{w.surveyed}</dt><dd>{n(d.housing.surveyed)}</dd>
          {HOUSING_KEYS.map((k) => <><dt>{w[k]}</dt><dd>{`${n(d.housing[k])} (${pct(d.housing[k], d.housing.surveyed, lang)})`}</dd></>)}
        </dl>
        <p class="muted">{w.householdsNote}</p>
        {d.children.length > 0 && (
          <DataTable aria-label={w.householdsTitle}>
            <thead><tr><th>{w.name}</th><th class="num">{w.households}</th><th class="num">{w.surveyed}</th>{HOUSING_KEYS.map((k) => <th class="num">{w[k]}</th>)}</tr></thead>
            <tbody>{d.children.map((r) => (
              <tr>
                <td><ChildLink code={r.code} name={r.name} kind={r.kind} tab="penduduk" /></td>
                <td class="num">{n(r.housing.households)}</td><td class="num">{n(r.housing.surveyed)}</td>
                {HOUSING_KEYS.map((k) => <td class="num">{n(r.housing[k])}</td>)}
              </tr>
            ))}</tbody>
          </DataTable>
        )}
      </section>

      <section class="card">
        <h2>{`${w.aidTitle} (${d.year})`}</h2>
        {d.aid.length === 0 ? <p>{w.aidNone}</p> : (
          <DataTable aria-label={w.aidTitle}>
            <thead><tr><th>{w.aidKind}</th><th class="num">{w.aidRecipients}</th><th class="num">{w.aidPayouts}</th><th class="num">{w.aidPaid}</th></tr></thead>
            <tbody>{d.aid.map((a) => <tr><td>{a.kind}</td><td class="num">{n(a.recipients)}</td><td class="num">{n(a.payouts)}</td><td class="num">{formatRupiah(a.paid)}</td></tr>)}</tbody>
          </DataTable>
        )}
        {d.aid.length > 0 && d.children.length > 0 && (
          <DataTable aria-label={`${w.aidTitle}: ${w.byChild}`}>
            <thead><tr><th>{w.name}</th>{d.aid.map((a) => <th class="num">{a.kind}</th>)}</tr></thead>
            <tbody>{d.children.map((r) => <tr><td><ChildLink code={r.code} name={r.name} kind={r.kind} tab="penduduk" /></td>{d.aid.map((a) => <td class="num">{n(r.aid[a.kind] ?? 0)}</td>)}</tr>)}</tbody>
          </DataTable>
        )}
        <p class="muted">{w.aidNote}</p>
      </section>

      <section class="card">
        <h2>{w.communityTitle}</h2>
        <dl class="stat-summary">
          {COMMUNITY_KEYS.map((k) => <><dt>{w[k]}</dt><dd>{n(d.community[k])}</dd></>)}
        </dl>
        {d.children.length > 0 && (
          <DataTable aria-label={w.communityTitle}>
            <thead><tr><th>{w.name}</th>{COMMUNITY_KEYS.map((k) => <th class="num">{w[k]}</th>)}</tr></thead>
            <tbody>{d.children.map((r) => <tr><td><ChildLink code={r.code} name={r.name} kind={r.kind} tab="penduduk" /></td>{COMMUNITY_KEYS.map((k) => <td class="num">{n(r.community[k])}</td>)}</tr>)}</tbody>
          </DataTable>
        )}
        <p class="muted">{w.communityNote}</p>
      </section>

      <section class="card">
        <h2>{w.temporaryTitle}</h2>
        <dl class="stat-summary">
          <dt>{w.temporaryStaying}</dt><dd>{n(d.temporary.staying)}</dd>
          <dt>{w.temporaryForeigners}</dt><dd>{n(d.temporary.foreigners)}</dd>
        </dl>
        {d.children.length > 0 && (
          <DataTable aria-label={w.temporaryTitle}>
            <thead><tr><th>{w.name}</th><th class="num">{w.temporaryStaying}</th><th class="num">{w.temporaryForeigners}</th></tr></thead>
            <tbody>{d.children.map((r) => <tr><td><ChildLink code={r.code} name={r.name} kind={r.kind} tab="penduduk" /></td><td class="num">{n(r.temporary.staying)}</td><td class="num">{n(r.temporary.foreigners)}</td></tr>)}</tbody>
          </DataTable>
        )}
        <p class="muted">{w.temporaryNote}</p>
      </section>

      {d.children.length > 0 && (
        <section class="card">
          <h2>{w.byChild}</h2>
          <div class="stat-pair">
            <ValueBars title={w.residents} lang={lang} rows={d.children.map((r) => ({ label: regionShort(r), value: r.total }))} />
            <div class="scroll">
              <table>
                <thead><tr><th>{w.name}</th><th class="num">{w.m}</th><th class="num">{w.f}</th><th class="num">{w.residents}</th></tr></thead>
                <tbody>{d.children.map((r) => <tr><td>{regionShort(r)}</td><td class="num">{n(r.male)}</td><td class="num">{n(r.female)}</td><td class="num">{n(r.total)}</td></tr>)}</tbody>
              </table>
            </div>
          </div>
          <DataTable>
              <thead>
                <tr><th>{w.name}</th><th class="num">{w.m}</th><th class="num">{w.f}</th><th class="num">{w.residents}</th><th class="num">{w.families}</th><th class="num">{w.births}</th><th class="num">{w.deaths}</th><th class="num">{w.moveIn}</th><th class="num">{w.moveOut}</th></tr>
              </thead>
              <tbody>
                {d.children.map((r) => (
                  <tr>
                    <td><ChildLink code={r.code} name={r.name} kind={r.kind} tab="penduduk" /> <span class="muted">{r.code}</span></td>
                    <td class="num">{n(r.male)}</td><td class="num">{n(r.female)}</td><td class="num">{n(r.total)}</td><td class="num">{n(r.families)}</td>
                    <td class="num">{n(r.births)}</td><td class="num">{n(r.deaths)}</td><td class="num">{n(r.moveIn)}</td><td class="num">{n(r.moveOut)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr><th scope="row">{w.total}</th><td class="num">{n(t.male)}</td><td class="num">{n(t.female)}</td><td class="num">{n(t.total)}</td><td class="num">{n(t.families)}</td><td colspan={4} /></tr>
              </tfoot>
            </DataTable>
        </section>
      )}
    </DashboardFrame>
  );
}
