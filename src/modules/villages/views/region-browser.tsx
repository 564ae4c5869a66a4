import type { Context } from 'hono';
import { can, type Actor } from '../../../platform/access/access.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate, formatNumber, titleCase } from '../../../platform/format/format.js';
import { KIND_LABEL, type RegionRow, type RegionWithTotals } from '../../regions/index.js';
import { words } from './words.js';
import { DataTable } from '../../../platform/http/views/data-table.js';

interface Activated { village_code: string; name: string; activated_at: Date; activation_kind: 'target' | 'initiative'; activated_by_name: string | null }

export interface RegionBrowserProps {
  c: Context<AppEnv>;
  actor: Actor;
  region: RegionRow | null;
  ancestors: RegionRow[];
  rows: RegionWithTotals[];
  activated: Activated[];
  error?: string;
  ok?: string;
}

const percent = (a: number, b: number) => (b === 0 ? '0%' : `${Math.round((a / b) * 1000) / 10}%`.replace('.', ','));

export function RegionBrowser({ c, actor, region, ancestors, rows, activated, error, ok }: RegionBrowserProps) {
  const lang = c.get('lang');
  const w = words(lang);
  const title = region ? `${KIND_LABEL[region.kind][lang]} ${titleCase(region.name.replace(/^(KABUPATEN|KOTA) /, ''))}` : w.regionsTitle;
  const sumVillages = rows.reduce((s, r) => s + r.villages, 0);
  const sumActive = rows.reduce((s, r) => s + r.activated, 0);
  const villageLevel = region?.level === 3;
  return (
    <Layout c={c} title={title} guide="wilayah">
      <nav class="crumbs" aria-label="breadcrumb">
        <a href="/wilayah">{w.indonesia}</a>
        {[...ancestors, ...(region ? [region] : [])].map((r) => (
          <>
            {' › '}
            <a href={`/wilayah/${r.code}`}>{titleCase(r.name)}</a>
          </>
        ))}
      </nav>
      {error && <Notice kind="error">{error}</Notice>}
      {ok && <Notice kind="ok">{ok}</Notice>}
      {region && <p class="muted">{w.code}: {region.code}</p>}
      <SearchBox c={c} />
      <p class="summary">
        <strong>{formatNumber(sumActive, lang)}</strong> / {formatNumber(sumVillages, lang)} {w.villages.toLowerCase()} {w.activated.toLowerCase()} ({percent(sumActive, sumVillages)})
      </p>
      <DataTable>
          <thead>
            <tr>
              <th>{w.code}</th><th>{w.name}</th>
              {villageLevel ? <th>{w.kind}</th> : <th class="num">{w.villages}</th>}
              <th class="num">{villageLevel ? w.activated : `${w.activated}`}</th>
              {!villageLevel && <th class="num">{w.percent}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{r.code}</td>
                <td>
                  {villageLevel ? (r.activated ? <a href={`/desa/${r.code}`}>{r.name}</a> : r.name) : <a href={`/wilayah/${r.code}`}>{titleCase(r.name)}</a>}
                </td>
                {villageLevel ? <td>{KIND_LABEL[r.kind][lang]}</td> : <td class="num">{formatNumber(r.villages, lang)}</td>}
                <td class="num">
                  {villageLevel ? (
                    r.activated ? (
                      w.activated
                    ) : can(actor, 'village.activate', r.code) ? (
                      <form method="post" action={`/wilayah/${r.code}/aktivasi`} class="inline">
                        <Csrf c={c} />
                        <select name="activation_kind" aria-label={w.activationKind}>
                          <option value="initiative">{w.initiative}</option>
                          <option value="target">{w.target}</option>
                        </select>{' '}
                        <button type="submit" class="small">{w.activate}</button>
                      </form>
                    ) : (
                      w.notActive
                    )
                  ) : (
                    formatNumber(r.activated, lang)
                  )}
                </td>
                {!villageLevel && <td class="num">{percent(r.activated, r.villages)}</td>}
              </tr>
            ))}
          </tbody>
        </DataTable>
      {activated.length > 0 && (
        <>
          <h2>{w.activatedHere}</h2>
          <ul class="plain">
            {activated.map((v) => (
              <li>
                <a href={`/desa/${v.village_code}`}>{v.name}</a> — {w.activeSince} {formatDate(v.activated_at, lang)} ·{' '}
                {v.activation_kind === 'target' ? w.target : w.initiative}
                {v.activated_by_name && ` · ${w.activatedBy} ${v.activated_by_name}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}

function SearchBox({ c }: { c: Context<AppEnv> }) {
  const w = words(c.get('lang'));
  return (
    <form method="get" action="/wilayah" class="search" role="search">
      <label>
        {w.search}
        <input name="q" type="search" minlength={2} maxlength={60} required placeholder="Hanura, Teluk Pandan, 1809…" value={c.req.query('q') ?? ''} />
      </label>
      <button type="submit">{w.searchButton}</button>
    </form>
  );
}

/** Search results: each row opens the region (or the village page, where it is active). */
export function RegionSearchResults({ c, query, rows }: { c: Context<AppEnv>; query: string; rows: RegionRow[] }) {
  const lang = c.get('lang');
  const w = words(lang);
  return (
    <Layout c={c} title={w.search} guide="wilayah">
      <SearchBox c={c} />
      <p>{rows.length ? `${rows.length} ${w.results} "${query}"` : `${w.noResults} "${query}"`}</p>
      <ul class="plain">
        {rows.map((r) => (
          <li>
            <a href={`/wilayah/${r.level === 4 ? r.parent_code : r.code}`}>{KIND_LABEL[r.kind][lang]} {titleCase(r.name)}</a> <span class="muted">{r.code}</span>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
