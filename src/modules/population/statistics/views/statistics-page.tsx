import type { Context } from 'hono';
import { raw } from 'hono/html';
import { formatDate, formatNumber } from '../../../../platform/format/format.js';
import type { AppEnv } from '../../../../platform/http/env.js';
import type { Lang } from '../../../../platform/i18n/i18n.js';
import { Layout } from '../../../../platform/http/views/layout.js';
import { VillageStarting } from '../../../home/index.js';
import { KIND_LABEL } from '../../../regions/index.js';
import type { Breakdown, HouseholdFigures, PublicVillageStatistics, StatRow, VillageStatistics, VillageStatisticsRequest } from '../statistics.service.js';
import { can } from '../../../../platform/access/access.js';
import { BarChart, PopulationPyramid } from '../svg-chart.js';
import { cellText, type Cells, type Column } from '../small-cells.js';
import { fill, formatPercent, words } from './words.js';

type Village = VillageStatistics['village'];

const kindLabel = (v: Village, lang: Lang) => KIND_LABEL[v.kind as keyof typeof KIND_LABEL]?.[lang] ?? '';

/** "Kecamatan Teluk Pandan, Kabupaten Pesawaran, Provinsi Lampung" (regency names carry their kind already). */
export const placeLine = (v: Village, lang: Lang) =>
  [v.district && `${KIND_LABEL.kecamatan[lang]} ${v.district}`, v.regency, v.province && `${KIND_LABEL.provinsi[lang]} ${v.province}`]
    .filter(Boolean)
    .join(', ');

/** Label, L, P, total and share, with a total row: what the chart beside it shows, in numbers. */
export function StatTable({ title, rows, lang, footer }: { title: string; rows: StatRow[]; lang: Lang; footer?: Cells }) {
  const w = words(lang);
  const sums: Cells = footer ?? { male: rows.reduce((s, r) => s + r.male, 0), female: rows.reduce((s, r) => s + r.female, 0), total: rows.reduce((s, r) => s + r.total, 0) };
  const total = sums.total;
  const cell = (r: Cells, c: Column) => cellText(r, c, lang);
  return (
    <div class="scroll">
      <table aria-label={title}>
        <thead>
          <tr>
            <th scope="col">{w.label}</th>
            <th scope="col" class="num"><abbr title={w.male}>{w.m}</abbr></th>
            <th scope="col" class="num"><abbr title={w.female}>{w.f}</abbr></th>
            <th scope="col" class="num">{w.total}</th>
            <th scope="col" class="num">{w.percent}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">{r.label}</th>
              <td class="num">{cell(r, 'male')}</td>
              <td class="num">{cell(r, 'female')}</td>
              <td class="num">{cell(r, 'total')}</td>
              <td class="num">{r.mask?.total ? '–' : formatPercent(r.total, total, lang)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{w.total}</th>
            <td class="num">{cell(sums, 'male')}</td>
            <td class="num">{cell(sums, 'female')}</td>
            <td class="num">{cell(sums, 'total')}</td>
            <td class="num">{sums.mask?.total ? '–' : formatPercent(total, total, lang)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

type Counts = Pick<VillageStatistics, 'totals' | 'ageGroups' | 'noBirthDate' | 'breakdowns'>;

function Summary({ totals, lang }: { totals: Counts['totals']; lang: Lang }) {
  const w = words(lang);
  return (
    <dl class="stat-summary">
      <dt>{w.residents}</dt>
      <dd>{formatNumber(totals.total, lang)}</dd>
      <dt>{w.male}</dt>
      <dd>{formatNumber(totals.male, lang)} ({formatPercent(totals.male, totals.total, lang)})</dd>
      <dt>{w.female}</dt>
      <dd>{formatNumber(totals.female, lang)} ({formatPercent(totals.female, totals.total, lang)})</dd>
      <dt>{w.families}</dt>
      <dd>{formatNumber(totals.families, lang)}</dd>
    </dl>
  );
}

/** "↑ Daftar isi": back to the contents from a section, on the officers' page. */
const ToContents = ({ lang }: { lang: Lang }) => <p class="stat-up"><a href="#daftar-isi">↑ {words(lang).contents}</a></p>;

function PyramidSection({ counts, asOf, lang, toc = false }: { counts: Counts; asOf: string; lang: Lang; toc?: boolean }) {
  const w = words(lang);
  const rows = counts.noBirthDate.total > 0 ? [...counts.ageGroups, counts.noBirthDate] : counts.ageGroups;
  return (
    <section class={toc ? 'card stat-section' : 'card'} id="b-age">
      <h2>{w.pyramid}</h2>
      <p class="muted">{w.asOf} {formatDate(asOf, lang)}</p>
      <div class="stat-pair">
        <PopulationPyramid groups={counts.ageGroups} lang={lang} />
        <StatTable title={w.ageGroup} rows={rows} lang={lang} />
      </div>
      <p class="muted">{fill(w.ageRule, { year: asOf.slice(0, 4) })}</p>
      {counts.noBirthDate.total > 0 && <p class="muted">{formatNumber(counts.noBirthDate.total, lang)} {w.noBirthDate}</p>}
      {toc && <ToContents lang={lang} />}
    </section>
  );
}

function BreakdownSection({ b, lang, toc = false }: { b: Breakdown; lang: Lang; toc?: boolean }) {
  const title = words(lang)[b.key];
  return (
    <section class={toc ? 'card stat-section' : 'card'} id={`b-${b.key}`}>
      <h2>{title}</h2>
      <div class="stat-pair">
        <BarChart title={title} rows={b.rows} lang={lang} />
        <StatTable title={title} rows={b.rows} lang={lang} footer={b.footer} />
      </div>
      {b.footer && <p class="muted">{words(lang).smallCellsNote}</p>}
      {toc && <ToContents lang={lang} />}
    </section>
  );
}

/** The officers' page: filter, summary, pyramid, then every breakdown as chart and table. */
/**
 * The officers' page: filter, then the figures, rendered apart (StatisticsFigures) so the
 * page can keep them while the register stays the same (statistics.pages.tsx).
 */
/** Households and their housing (the whole village, today), from the household register. */
function HouseholdSummary({ h, code, lang, link }: { h: HouseholdFigures; code: string; lang: Lang; link: boolean }) {
  const w = words(lang);
  const share = (n: number) => `${formatNumber(n, lang)} (${formatPercent(n, h.surveyed, lang)})`;
  return (
    <section class="card" id="rumah-tangga">
      <h2>{w.householdsTitle}</h2>
      <dl class="stat-summary">
        <dt>{w.households}</dt><dd>{formatNumber(h.households, lang)}</dd>
        <dt>{w.surveyed}</dt><dd>{formatNumber(h.surveyed, lang)}</dd>
        <dt>{w.dirtFloor}</dt><dd>{share(h.dirt_floor)}</dd>
        <dt>{w.noElectricity}</dt><dd>{share(h.no_electricity)}</dd>
        <dt>{w.noSanitation}</dt><dd>{share(h.no_sanitation)}</dd>
        <dt>{w.unsafeWater}</dt><dd>{share(h.unsafe_water)}</dd>
      </dl>
      <p class="muted">{w.householdsNote} {link && <a href={`/desa/${code}/rumah-tangga`}>{w.householdsLink}</a>}</p>
    </section>
  );
}

export function StatisticsPage({ c, stats, figures, households = null }: { c: Context<AppEnv>; stats: VillageStatisticsRequest; figures: string; households?: HouseholdFigures | null }) {
  const lang = c.get('lang');
  const w = words(lang);
  const v = stats.village;
  const query = new URLSearchParams();
  if (stats.area) query.set('wilayah', String(stats.area.id));
  if (c.req.query('tanggal')) query.set('tanggal', stats.asOf);
  const qs = query.toString() ? `?${query}` : '';
  return (
    <Layout c={c} title={`${w.title} · ${kindLabel(v, lang)} ${v.name}`} guide="statistik">
      <p class="muted">{v.code} · {placeLine(v, lang)}</p>
      <form method="get" action={`/desa/${v.code}/statistik`} class="stat-filter">
        <label>
          {w.area}
          <select name="wilayah">
            <option value="">{w.allAreas}</option>
            {stats.areas.map((a) => (
              <option value={String(a.id)} selected={stats.area?.id === a.id}>{a.label}</option>
            ))}
          </select>
        </label>
        <label>
          {w.asOf}
          <input type="date" name="tanggal" value={stats.asOf} />
        </label>
        <button type="submit">{w.show}</button>
      </form>
      <p>
        <strong>{w.area}:</strong> {stats.area?.label ?? w.allAreas} · <a href={`/desa/${v.code}/statistik.xlsx${qs}`} download>{w.excel}</a>
      </p>
      {raw(figures)}
      {households && <HouseholdSummary h={households} code={v.code} lang={lang} link={can(c.get('ctx').actor, 'population.read', v.code)} />}
    </Layout>
  );
}

/** The officers' figures: summary, contents, pyramid, then every breakdown as chart and table. */
export function StatisticsFigures({ stats, lang }: { stats: VillageStatistics; lang: Lang }) {
  const w = words(lang);
  return (
    <>
      <section class="card" id="ringkasan">
        <h2>{w.summary}</h2>
        <Summary totals={stats.totals} lang={lang} />
        <p class="muted">{w.scopeNote}</p>
        {stats.smallCellsHidden && <p class="muted">{w.smallCellsNote}</p>}
      </section>
      {/* On screen one section at a time, chosen in the contents (anchors and CSS :target, no
          JavaScript; 18,000 px on a phone otherwise); #semua shows them all, and print always does. */}
      <nav aria-label={w.contents} class="stat-toc" id="daftar-isi">
        <a href="#b-age">{w.pyramid}</a>
        {stats.breakdowns.map((b) => <a href={`#b-${b.key}`}>{w[b.key]}</a>)}
        <a href="#semua">{w.allSections}</a>
      </nav>
      <div class="stat-sections" id="semua">
        <PyramidSection counts={stats} asOf={stats.asOf} lang={lang} toc />
        {stats.breakdowns.map((b) => <BreakdownSection b={b} lang={lang} toc />)}
      </div>
    </>
  );
}

/** The village's public page: counts only, for anyone, no login. */
/** The public page's figures: summary, pyramid and the public breakdowns (kept by the page's key). */
export function PublicVillageFigures({ stats, lang }: { stats: PublicVillageStatistics; lang: Lang }) {
  const w = words(lang);
  const v = stats.village;
  // A village that has just started: say so rather than show a page of zeros.
  if (stats.totals.total === 0 && stats.totals.families === 0) return <VillageStarting name={`${kindLabel(v, lang)} ${v.name}`} lang={lang} />;
  return (
    <>
      <section class="card" id="ringkasan">
        <h2>{w.publicTitle}</h2>
        <Summary totals={stats.totals} lang={lang} />
        <p class="muted">{w.dataAsOf} {formatDate(stats.asOf, lang)}. {w.publicNote}</p>
      </section>
      <PyramidSection counts={stats} asOf={stats.asOf} lang={lang} />
      {stats.breakdowns.map((b) => <BreakdownSection b={b} lang={lang} />)}
    </>
  );
}

export function PublicVillagePage({ c, village: v, figures }: { c: Context<AppEnv>; village: PublicVillageStatistics['village']; figures: string }) {
  const lang = c.get('lang');
  return (
    <Layout c={c} title={`${kindLabel(v, lang)} ${v.name}`}>
      <p class="muted">{placeLine(v, lang)}</p>
      <p>
        <a href={`/desa/${v.code}`}>{lang === 'en' ? 'Village website' : 'Situs desa'}</a>{' · '}
        <a href={`/publik/desa/${v.code}/apbdes`}>{lang === 'en' ? 'Village budget (APBDes)' : 'APBDes'}</a>{' · '}
        <a href={`/publik/desa/${v.code}/pengaduan`}>{lang === 'en' ? 'Complaints' : 'Pengaduan'}</a>{' · '}
        <a href={`/publik/desa/${v.code}/pengaduan/kirim`}>{lang === 'en' ? 'Send a complaint' : 'Kirim pengaduan'}</a>
      </p>
      {raw(figures)}
    </Layout>
  );
}
