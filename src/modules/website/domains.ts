import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { siteDomains } from './site.repository.js';

/**
 * A village's own domain (desahanura.id) shows its site: a request whose Host is one of the
 * domains villages set is answered as /desa/<slug-or-code>/<path>. The map is read from the
 * database and kept a minute in each process (several processes need not agree at once); a
 * village saving its settings drops this process's copy at once.
 */
const KEEP_MS = 60_000;
let known: { at: number; map: Map<string, string> } | null = null;
let loading: Promise<Map<string, string>> | null = null;

export function forgetDomains() {
  known = null;
}

/** A Host header as a domain: lower case, without the port. */
export const hostName = (host: string | null | undefined) => (host ?? '').toLowerCase().replace(/:\d+$/, '');

async function domains(db: Kysely<Database>): Promise<Map<string, string>> {
  if (known && Date.now() - known.at < KEEP_MS) return known.map;
  loading ??= siteDomains(db)
    .then((rows) => {
      const map = new Map(rows.map((r) => [r.domain!, r.slug ?? r.village_code]));
      known = { at: Date.now(), map };
      return map;
    })
    // The map is read for every request: if it cannot be read, requests go on as the platform's (tried again next time).
    .catch(() => known?.map ?? new Map<string, string>())
    .finally(() => {
      loading = null;
    });
  // While a newer copy is read, the one held still answers.
  return known?.map ?? loading;
}

/** The site's own paths: what a visitor of desahanura.id/<path> means. Everything else (CSS, /publik, /v) is the platform's. */
const SITE_PATHS = ['/', '/berita', '/agenda', '/galeri', '/tentang', '/lembaga', '/kontak', '/sitemap.xml', '/foto'];

/** The same request addressed to /desa/<slug-or-code>/<path> when its Host is a village's domain and its path the site's; else null. */
export async function siteRequest(db: Kysely<Database>, request: Request): Promise<Request | null> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  const map = await domains(db);
  if (map.size === 0) return null;
  const url = new URL(request.url);
  const site = map.get(hostName(request.headers.get('host') ?? url.host));
  if (!site) return null;
  const path = url.pathname;
  if (!SITE_PATHS.some((p) => path === p || (p !== '/' && path.startsWith(`${p}/`)))) return null;
  url.pathname = path === '/' ? `/desa/${site}` : `/desa/${site}${path}`;
  return new Request(url, request);
}
