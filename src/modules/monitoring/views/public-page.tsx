import type { Context } from 'hono';
import { formatDate, formatNumber } from '../../../platform/format/format.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { Layout } from '../../../platform/http/views/layout.js';
import { STATUS_LABEL, STATUSES } from '../index-models.js';
import { regionShort, regionTitle } from '../monitoring.common.js';
import type { PublicRegionFigures } from '../public.service.js';
import { LineChart, ValueBars } from './charts.js';
import { fill, monthLabel, pct, words } from './words.js';
import { DataTable } from '../../../platform/http/views/data-table.js';

/** The public figures of a province, regency or district: villages on Balai and index statuses, no personal data. */
export function PublicRegionPage({ c, f }: { c: Context<AppEnv>; f: PublicRegionFigures }) {
  const lang = c.get('lang');
  const w = words(lang);
  const n = (x: number) => formatNumber(x, lang);
  const t = f.totals;
  const childIsVillage = f.region.level === 3;
  return (
    <Layout c={c} title={`${w.publicTitle} · ${regionTitle(f.region, lang)}`} guide="pantau">
      <div class="pantau">
        {f.region.level > 1 && (
          <nav class="crumbs" aria-label="breadcrumb">
            <a href={`/publik/wilayah/${f.region.code.split('.').slice(0, -1).join('.')}`}>{w.upTo} {f.region.code.split('.').slice(0, -1).join('.')}</a>
          </nav>
        )}
        <p>{w.publicIntro}</p>
        <p class="muted">{w.dataAsOf} {formatDate(f.today, lang)}</p>
        <p class="summary"><strong>{fill(w.activatedOf, { a: n(t.activated), n: n(t.villages), p: pct(t.activated, t.villages, lang) })}</strong></p>
        <section class="card">
          <h2>{w.perMonth}</h2>
          <div class="stat-pair">
            <LineChart title={w.perMonth} lang={lang} points={f.timeline.map((m) => ({ label: monthLabel(m.month, lang), value: m.total }))} />
            <dl class="stat-summary">
              <dt>{w.activated}</dt><dd>{n(t.activated)}</dd>
              <dt>{w.target}</dt><dd>{n(t.target)}</dd>
              <dt>{w.initiative}</dt><dd>{n(t.initiative)}</dd>
              <dt>{w.villages}</dt><dd>{n(t.villages)}</dd>
            </dl>
          </div>
        </section>
        {f.index.year !== null && (
          <section class="card">
            <h2>{fill(w.publicIndex, { year: f.index.year })}</h2>
            <p class="muted">{f.index.label[lang]} · {w.scored}: {n(f.index.scored)}</p>
            <div class="stat-pair">
              <ValueBars title={fill(w.publicIndex, { year: f.index.year })} lang={lang} rows={STATUSES.map((s) => ({ label: STATUS_LABEL[s][lang], value: f.index.statuses[s], cls: `st-${s}`, note: pct(f.index.statuses[s], f.index.scored, lang) }))} />
              <dl class="stat-summary">
                {STATUSES.map((s) => <><dt>{STATUS_LABEL[s][lang]}</dt><dd>{n(f.index.statuses[s])} ({pct(f.index.statuses[s], f.index.scored, lang)})</dd></>)}
              </dl>
            </div>
          </section>
        )}
        <section class="card">
          <h2>{w.byChild}</h2>
          <DataTable>
              <thead>
                <tr>
                  <th>{childIsVillage ? w.village : w.name}</th>
                  {!childIsVillage && <th class="num">{w.villages}</th>}
                  <th class="num">{w.activated}</th>{!childIsVillage && <th class="num">{w.percent}</th>}
                  {STATUSES.map((s) => <th class="num">{STATUS_LABEL[s][lang]}</th>)}
                </tr>
              </thead>
              <tbody>
                {f.children.map((r) => (
                  <tr>
                    <td>{childIsVillage && !r.activated ? regionShort(r) : <a href={childIsVillage ? `/publik/desa/${r.code}` : `/publik/wilayah/${r.code}`}>{regionShort(r)}</a>} <span class="muted">{r.code}</span></td>
                    {!childIsVillage && <td class="num">{n(r.villages)}</td>}
                    <td class="num">{childIsVillage ? (r.activated ? '✓' : '–') : n(r.activated)}</td>{!childIsVillage && <td class="num">{pct(r.activated, r.villages, lang)}</td>}
                    {STATUSES.map((s) => <td class="num">{n(r.statuses[s])}</td>)}
                  </tr>
                ))}
              </tbody>
            </DataTable>
        </section>
      </div>
    </Layout>
  );
}
