import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../../../platform/http/env.js';
import { Layout } from '../../../platform/http/views/layout.js';
import { regionShort, regionTitle, urlCode, type Scope } from '../monitoring.common.js';
import { words } from './words.js';

export type Tab = 'adopsi' | 'layanan' | 'penduduk' | 'idm' | 'apbdes' | 'petani' | 'pasar' | 'surat' | 'kehadiran' | 'survei' | 'administrasi' | 'pilkades' | 'profil' | 'dukcapil' | 'kabar';
// 'petani': the farmer card's figures (src/modules/farmers/figures.pages.tsx); 'pasar': the market's (src/modules/market);
// 'surat': the village offices' incoming mail (src/modules/correspondence).
// 'kehadiran': the officials' attendance and the guests (src/modules/attendance).
// 'survei': the villages' own questionnaires, counts only (src/modules/surveys).
// 'profil': the villages whose ministry profile (Prodeskel, SDGs Desa) is complete, counts only (src/modules/profile).
// 'administrasi': regulations, inventory and land from the village books (office-dashboard.service.ts).
// 'pilkades': the village head elections, counts only (election-dashboard.service.ts).
// 'dukcapil': the villages' reports to the civil registry, counts only (src/modules/civil-registry).
export const TAB_PATH: Record<Tab, string> = { adopsi: '', layanan: '/layanan', penduduk: '/penduduk', idm: '/idm', apbdes: '/apbdes', petani: '/petani', pasar: '/pasar', surat: '/surat-masuk', kehadiran: '/kehadiran', survei: '/survei', administrasi: '/administrasi', pilkades: '/pilkades', profil: '/profil-desa', dukcapil: '/dukcapil', kabar: '/kabar' };

export const dashboardPath = (code: string, tab: Tab = 'adopsi') => `/pantau/${urlCode(code)}${TAB_PATH[tab]}`;

/** Indonesia › Lampung › Kabupaten Pesawaran › …: a link where the officer may open that level, on the same tab and choice (`query`, e.g. the year). */
export function Crumbs({ scope, tab, lang, query = '' }: { scope: Scope; tab: Tab; lang: 'id' | 'en'; query?: string }) {
  const w = words(lang);
  return (
    <nav class="crumbs" aria-label="breadcrumb">
      {scope.crumbs.map((r) => (
        <>
          {r.open ? <a href={`${dashboardPath(r.code, tab)}${query}`}>{r.code === '' ? w.national : regionShort(r)}</a> : <span>{r.code === '' ? w.national : regionShort(r)}</span>}
          {' › '}
        </>
      ))}
      <span aria-current="page">{scope.code === '' ? w.national : regionShort(scope)}</span>
    </nav>
  );
}

export function Tabs({ scope, tab, lang }: { scope: Scope; tab: Tab; lang: 'id' | 'en' }) {
  const w = words(lang);
  return (
    <nav class="tabs" aria-label={w.pantau}>
      {(Object.keys(TAB_PATH) as Tab[]).map((t) => (
        <a href={dashboardPath(scope.code, t)} aria-current={t === tab ? 'page' : undefined}>{w.tabs[t]}</a>
      ))}
    </nav>
  );
}

/** The frame of every dashboard page: title, breadcrumbs, tabs, the Excel link, the content, the print note. */
export function DashboardFrame({ c, scope, tab, excel, guide = 'pantau', query, children }: { c: Context<AppEnv>; scope: Scope; tab: Tab; excel?: string; guide?: string; query?: string; children?: Child }) {
  const lang = c.get('lang');
  const w = words(lang);
  return (
    <Layout c={c} title={`${w.tabs[tab]} · ${regionTitle(scope, lang)}`} guide={guide}>
      <div class="pantau">
        <Crumbs scope={scope} tab={tab} lang={lang} query={query} />
        <p class="muted">{scope.code ? `${w.code} ${scope.code}` : 'Indonesia'}</p>
        <Tabs scope={scope} tab={tab} lang={lang} />
        {excel && (
          <p class="no-print">
            <a href={excel} download>{w.excel}</a>
          </p>
        )}
        {children}
        <p class="muted no-print">{w.print}</p>
      </div>
    </Layout>
  );
}

/** A link down to a child's dashboard on the same tab, keeping what was chosen (`query`, e.g. the year). */
export const ChildLink = ({ code, name, kind, tab, query = '' }: { code: string; name: string; kind: Parameters<typeof regionShort>[0]['kind']; tab: Tab; query?: string }) => (
  <a href={`${dashboardPath(code, tab)}${query}`}>{regionShort({ name, kind })}</a>
);
