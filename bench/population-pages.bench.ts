import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app.js';
import type { Db } from '../src/platform/db/connect.js';
import { seedDemo, HANURA } from '../src/modules/demo/seed-demo.js';
import { populateVillage } from '../src/modules/population/generator.js';
import { percentile, serverTimes, time, withCitus, withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

/**
 * The register's pages at 100,000 residents in one village, measured as server time
 * (app.request: routing, session, access check, queries, rendering — no network), then
 * requests per second with 20 concurrent users over a real socket on 127.0.0.1.
 */
const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 100_000);
const ROUNDS = 30;
const CONCURRENCY = 20;
const LOAD_SECONDS = 10;


async function measure(db: Db, log: (l: string) => void): Promise<Measurement[]> {
  await seedDemo(db, { population: false, citizen: false });
  const { seconds: loadSeconds } = await time(() => populateVillage(db.kysely, HANURA, { residents: RESIDENTS, seed: 7, asOf: '2025-07-01', actorLabel: 'bench' }));
  log(`${db.kind}: ${RESIDENTS.toLocaleString('en-US')} residents loaded in ${loadSeconds.toFixed(1)} s`);
  const app = createApp({ db, secureCookies: false });
  const signIn = async (username: string) => {
    const login = await app.request('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ username, password: 'balai-demo' }), headers: { 'content-type': 'application/json' } });
    return login.headers.get('set-cookie')!.split(';')[0]!;
  };
  const cookie = await signIn('hanura');
  const district = await signIn('telukpandan');
  const someone = await db.kysely.selectFrom('residents').select(['nik', 'name', 'family_id']).where('village_code', '=', HANURA).orderBy('id').offset(54_321 % RESIDENTS).limit(1).executeTakeFirstOrThrow();
  const kk = (await db.kysely.selectFrom('families').select('kk_number').where('village_code', '=', HANURA).where('id', '=', someone.family_id!).executeTakeFirstOrThrow()).kk_number;
  const rt = (await db.kysely.selectFrom('village_areas').select('id').where('village_code', '=', HANURA).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).id;
  const misspelt = someone.name.replace(/a/i, 'aa'); // one letter too many
  const partial = someone.name.split(' ')[0]!.slice(0, 4).toLowerCase();
  const asOf = new Date(Date.now() + 7 * 3600_000); // the village's month (WIB)
  const pages: [string, string, string?][] = [
    ['resident list, page 1 (50 rows)', `/desa/${HANURA}/penduduk`],
    ['resident list, page 200', `/desa/${HANURA}/penduduk?page=200`],
    ['resident list, women, page 50', `/desa/${HANURA}/penduduk?sex=2&page=50`],
    ['resident list, one RT', `/desa/${HANURA}/penduduk?area_id=${rt}`],
    ['resident list, aged 20–30, page 10', `/desa/${HANURA}/penduduk?age_min=20&age_max=30&page=10`],
    ['resident list, one religion', `/desa/${HANURA}/penduduk?field=religion&value=2`],
    [`name search, exact ("${someone.name}")`, `/desa/${HANURA}/penduduk?q=${encodeURIComponent(someone.name)}`],
    [`name search, partial ("${partial}")`, `/desa/${HANURA}/penduduk?q=${encodeURIComponent(partial)}`],
    [`name search, misspelt ("${misspelt}")`, `/desa/${HANURA}/penduduk?q=${encodeURIComponent(misspelt)}`],
    ['NIK look-up', `/desa/${HANURA}/penduduk?q=${someone.nik}`],
    ['KK look-up', `/desa/${HANURA}/penduduk?q=${kk}`],
    ['family list, page 1', `/desa/${HANURA}/keluarga`],
    ['family list, page 100', `/desa/${HANURA}/keluarga?page=100`],
    ['statistics page (all breakdowns)', `/desa/${HANURA}/statistik`],
    ['public village page', `/publik/desa/${HANURA}`],
    ['monthly report, this month', `/desa/${HANURA}/laporan-bulanan?tahun=${asOf.getUTCFullYear()}&bulan=${asOf.getUTCMonth() + 1}`],
    ['monthly report, month of the load (2025-07)', `/desa/${HANURA}/laporan-bulanan?tahun=2025&bulan=7`],
    ['village dashboard', `/desa/${HANURA}`],
    ['district dashboard', `/pantau/${HANURA.slice(0, 8)}`, district],
    ['JSON API: resident list', `/api/v1/villages/${HANURA}/residents`],
  ];
  const out: Measurement[] = [];
  for (const [what, path, as = cookie] of pages) {
    const ms = await serverTimes(app, path, { cookie: as }, ROUNDS);
    const median = percentile(ms, 50);
    const p95 = percentile(ms, 95);
    log(`${db.kind} · ${what}: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
    out.push({ what: `${what} at ${RESIDENTS.toLocaleString('en-US')} residents`, database: db.kind, rows: ROUNDS, seconds: ms.reduce((a, b) => a + b, 0) / 1000, note: `server time median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms` });
  }

  // Requests per second: 20 users asking for resident list pages as fast as answers come.
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as AddressInfo).port;
  let done = 0;
  let failed = 0;
  const until = performance.now() + LOAD_SECONDS * 1000;
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, user) => {
      let page = 1 + user;
      while (performance.now() < until) {
        const t0 = performance.now();
        const res = await fetch(`http://127.0.0.1:${port}/desa/${HANURA}/penduduk?page=${page}`, { headers: { cookie } });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (res.status === 200) done++;
        else failed++;
        page = (page % 100) + 1;
      }
    }),
  );
  await new Promise((r) => server.close(r));
  const rps = done / LOAD_SECONDS;
  log(`${db.kind} · ${CONCURRENCY} users on resident lists: ${rps.toFixed(0)} requests/s, p99 ${percentile(latencies, 99).toFixed(0)} ms, ${failed} failed`);
  out.push({ what: `${CONCURRENCY} concurrent users on resident list pages, ${LOAD_SECONDS} s`, database: db.kind, rows: done, seconds: LOAD_SECONDS, note: `requests/s; median ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, ${failed} failed` });
  return out;
}

export const benchmark: Benchmark = {
  name: 'population-pages',
  description: `every register page (lists, filters, searches, look-ups, families, statistics, public page, monthly reports, dashboards) at ${RESIDENTS.toLocaleString('en-US')} residents; requests/s with ${CONCURRENCY} users`,
  async run(log) {
    // BENCH_ENGINES=citus (or any comma list) measures only those engines.
    const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgresql,citus').split(',');
    const rows = engines.includes('pglite') ? await withPglite((db) => measure(db, log)) : [];
    const pgRows = engines.includes('postgresql') ? await withPostgres((db) => measure(db, log), log) : [];
    const citusRows = engines.includes('citus') ? await withCitus((db) => measure(db, log), log) : [];
    return [...rows, ...(pgRows ?? []), ...(citusRows ?? [])];
  },
};
