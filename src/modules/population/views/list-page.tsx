import type { Context } from 'hono';
import { can } from '../../../platform/access/access.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate, formatNumber } from '../../../platform/format/format.js';
import { CODE_LISTS, codeLabel } from '../codes.js';
import type { listResidents } from '../residents.service.js';
import { todayInWib } from '../population.common.js';
import { AreaSelect, ageOn, areaPath } from './components.js';
import { words } from './words.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { GettingStarted } from '../../home/index.js';

type Page = Awaited<ReturnType<typeof listResidents>>;

/** A search or filter was asked for (the default "living residents" is none): "nothing matches" rather than "start here". */
const filtered = (query: Record<string, string | undefined>) =>
  Object.entries(query).some(([k, v]) => v && !['page', 'per_page', '_csrf'].includes(k) && !(k === 'life_status' && v === '1'));

export function PopulationNav({ c, village }: { c: Context<AppEnv>; village: string }) {
  const w = words(c.get('lang'));
  const actor = c.get('ctx').actor;
  return (
    <nav class="subnav">
      <a href={`/desa/${village}/penduduk`}>{w.register}</a>
      <a href={`/desa/${village}/keluarga`}>{w.families}</a>
      <a href={`/desa/${village}/statistik`}>{w.statistics}</a>
      <a href={`/desa/${village}/laporan-bulanan`}>{w.monthly}</a>
      <a href={`/desa/${village}/penduduk-sementara`}>{w.temporaryResidents}</a>
      {can(actor, 'population.import', village) && <a href={`/desa/${village}/penduduk/impor`}>{w.importExport}</a>}
    </nav>
  );
}

export function ResidentListPage({ c, page, villageName, query }: { c: Context<AppEnv>; page: Page; villageName: string; query: Record<string, string | undefined> }) {
  const lang = c.get('lang');
  const w = words(lang);
  const v = page.village;
  const today = todayInWib();
  const canWrite = can(c.get('ctx').actor, 'population.write', v);
  const pages = Math.max(1, Math.ceil(page.total / page.perPage));
  const kept = Object.fromEntries(Object.entries(query).filter(([k, x]) => x && k !== 'page' && k !== '_csrf')) as Record<string, string>;
  const link = (p: number) => `/desa/${v}/penduduk?${new URLSearchParams({ ...kept, page: String(p) })}`;
  // A search by name or NIK is posted, and so are its next pages: the term never enters a URL.
  const pageButton = (p: number, label: string) =>
    kept.q ? (
      <form method="post" action={`/desa/${v}/penduduk`} class="inline">
        <Csrf c={c} />
        {Object.entries(kept).map(([k, x]) => <input type="hidden" name={k} value={x} />)}
        <input type="hidden" name="page" value={String(p)} />
        <button type="submit" class="link">{label}</button>
      </form>
    ) : <a href={link(p)}>{label}</a>;
  return (
    <Layout c={c} title={`${w.register} · ${villageName}`} guide="penduduk">
      <PopulationNav c={c} village={v} />
      {canWrite && (
        <p class="actions">
          <a class="button" href={`/desa/${v}/penduduk/baru`}>{w.addResident}</a>{' '}
          <a class="button secondary" href={`/desa/${v}/penduduk/baru?jenis=pindah-masuk`}>{w.moveIn}</a>
        </p>
      )}
      <form method="post" action={`/desa/${v}/penduduk`} class="card filters" role="search">
        <Csrf c={c} />
        <label>{w.search}<input name="q" type="search" value={query.q ?? ''} maxlength={100} /></label>
        <details open={Boolean(query.area_id || query.sex || query.age_min || query.age_max || query.life_status)}>
          <summary>{w.filter}</summary>
          <AreaSelect areas={page.areas} name="area_id" value={query.area_id} label={w.area} empty={w.all} />
          <label>{w.sex}
            <select name="sex"><option value="">{w.all}</option>{CODE_LISTS.sex.codes.map(([k, t]) => <option value={String(k)} selected={query.sex === String(k)}>{t}</option>)}</select>
          </label>
          <div class="row">
            <label>{w.ageMin}<input name="age_min" type="number" min="0" max="150" value={query.age_min ?? ''} inputmode="numeric" /></label>
            <label>{w.ageMax}<input name="age_max" type="number" min="0" max="150" value={query.age_max ?? ''} inputmode="numeric" /></label>
          </div>
          <label>{w.status}
            <select name="life_status">{CODE_LISTS.lifeStatus.codes.map(([k, t]) => <option value={String(k)} selected={(query.life_status ?? '1') === String(k)}>{t}</option>)}</select>
          </label>
        </details>
        <button type="submit">{w.searchButton}</button>
      </form>
      <p>{formatNumber(page.total, lang)} {w.found}</p>
      {page.items.length === 0 ? (page.total === 0 && !filtered(query) ? <GettingStarted code={v} lang={lang} canWrite={can(c.get('ctx').actor, 'population.write', v)} /> : <Notice kind="warn">{w.none}</Notice>) : (
        <DataTable>
            <thead><tr><th>{w.nik}</th><th>{w.name}</th><th>{w.age}</th><th>{w.relation}</th><th>{w.area}</th></tr></thead>
            <tbody>
              {page.items.map((r) => (
                <tr>
                  <td class="mono">{r.nik}{r.nik_temporary ? ` (${w.temporary})` : ''}</td>
                  <td><a href={`/desa/${v}/penduduk/${r.id}`}>{r.name}</a><br /><small class="muted">{codeLabel('sex', r.sex)}{r.birth_date ? ` · ${r.birth_place ?? ''} ${formatDate(r.birth_date, lang)}` : ''}</small></td>
                  <td class="num">{ageOn(r.birth_date, today) ?? '—'}</td>
                  <td>{codeLabel('familyRelation', r.family_relation)}</td>
                  <td>{areaPath(page.areas, r.area_id)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
      )}
      {pages > 1 && (
        <nav class="pager">
          {page.page > 1 && pageButton(page.page - 1, w.prev)} {w.page} {page.page} / {pages} {page.page < pages && pageButton(page.page + 1, w.next)}
        </nav>
      )}
    </Layout>
  );
}
