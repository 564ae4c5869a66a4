import { sql } from 'kysely';
import { createApp } from '../src/app.js';
import { connect, type Db } from '../src/platform/db/connect.js';
import { migrate } from '../src/platform/db/migrate.js';
import { hashPassword } from '../src/modules/identity/index.js';
import { foldRollups, rebuildRollups, seedDemoIndexScores } from '../src/modules/monitoring/index.js';
import { refreshLastActiveDays } from '../src/modules/monitoring/rollups.repository.js';
import { fillRegion } from '../src/modules/population/generate-population.command.js';
import { ensureRegionsLoaded } from '../src/modules/regions/index.js';
import { percentile, BENCH_PROVINCES, time, withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

/**
 * The province dashboards (Lampung, code 18) as server time — routing, session, access
 * check, the rollup queries, rendering — over villages filled by the population generator,
 * with a year of letters and activity per village. Target: under 300 ms on PostgreSQL at
 * 2,651 villages and 9 million residents.
 *
 * Scale by environment (defaults run in about a minute):
 *   BENCH_MONITORING_VILLAGES   villages filled (default 200; all of Lampung: 2651)
 *   BENCH_MONITORING_RESIDENTS  residents per village (default 300; 9 M in Lampung: 3395)
 *   BENCH_MONITORING_DATABASE_URL  a PostgreSQL database to fill and keep (the generator skips
 *                               villages already filled, so a second run measures at once);
 *                               without it a throw-away database is used
 *   BENCH_MONITORING_PGLITE=1   measure on PGlite too
 * The full run: BENCH_MONITORING_VILLAGES=2651 BENCH_MONITORING_RESIDENTS=3395
 *   BENCH_MONITORING_DATABASE_URL=postgres://postgres@127.0.0.1:5432/balai_bench_lampung npm run bench -- monitoring
 * (the fill takes ≈ 20 minutes once; create the database first: createdb balai_bench_lampung).
 */
const VILLAGES = Number(process.env.BENCH_MONITORING_VILLAGES ?? 200);
const PER_VILLAGE = Number(process.env.BENCH_MONITORING_RESIDENTS ?? 300);
const KEEP_URL = process.env.BENCH_MONITORING_DATABASE_URL;
const ROUNDS = 20;
const TARGET_MS = 300;
const USER = 'bench.provinsi';
const PASSWORD = 'bench-monitoring-password';


/** Villages, residents (the generator: rollups by the triggers), a year of letters and activity, two years of IDM. */
async function prepare(db: Db, log: (l: string) => void): Promise<{ villages: number; residents: number }> {
  const fill = await fillRegion(db, { scope: '18', perVillage: PER_VILLAGE, seed: 1, asOf: '2025-07-01', limit: VILLAGES, concurrency: 2, progressEvery: 100, log });
  if (fill.failure) throw fill.failure;
  const k = db.kysely;
  // Letters and activity as a busy year would leave them (made up, deterministic): the rollup rows only.
  const hasLetters = await sql<{ n: number }>`select count(*)::int as n from letter_daily`.execute(k);
  if (hasLetters.rows[0]!.n === 0) {
    const { seconds } = await time(async () => {
      await sql`
        insert into letter_daily (village_code, day, type_code, requested, requested_online, issued, ready, ready_seconds, rejected)
        select v.village_code, d::date, t, 1 + (h & 3), (h >> 2) & 1, 1 + (h & 3), 1 + (h & 3), (1 + (h & 3)) * (1800 + ((h >> 3) & 8191)), 0
        from villages v cross join generate_series(current_date - 364, current_date, interval '1 day') d
        cross join unnest(array['domisili', 'sktm', 'usaha']) t
        cross join lateral (select abs(hashtext(v.village_code || d::date::text || t)) as h) x
        where h % 8 < 3
        on conflict do nothing`.execute(k);
      // letter_daily's trigger queues its deltas for the regions; the histogram is written here, so its deltas too.
      await sql`
        insert into monitoring_letter_ready (village_code, day, bucket, letters)
        select village_code, day, monitoring_ready_bucket(ready_seconds / ready), sum(ready)::int from letter_daily where ready > 0 group by 1, 2, 3
        on conflict do nothing`.execute(k);
      await sql`
        insert into monitoring_pending_letter_ready (village_code, day, bucket, letters)
        select village_code, day, bucket, letters from monitoring_letter_ready`.execute(k);
      await sql`
        insert into village_activity_daily (village_code, day, officer_actions, citizen_actions, last_at)
        select v.village_code, d::date, 1 + (h & 31), (h >> 5) & 7, d + interval '10 hours'
        from villages v cross join generate_series(current_date - 119, current_date, interval '1 day') d
        cross join lateral (select abs(hashtext(v.village_code || d::date::text)) as h) x
        where h % 5 < 3 and (h % 97) > 3
        on conflict do nothing`.execute(k);
      await refreshLastActiveDays(k, '');
    });
    log(`${db.kind}: a year of letters and activity rows in ${seconds.toFixed(1)} s`);
  }
  const scored = await sql<{ n: number }>`select count(*)::int as n from village_index_scores`.execute(k);
  if (scored.rows[0]!.n === 0) {
    const all = await k.selectFrom('regions').select('code').where('level', '=', 4).where('code', '>', '18.').where('code', '<', '18/').execute();
    await seedDemoIndexScores(db, all.map((r) => r.code));
  }
  if (!(await k.selectFrom('users').select('id').where('username', '=', USER).executeTakeFirst()))
    await k.insertInto('users').values({ username: USER, password_hash: await hashPassword(PASSWORD), full_name: 'Benchmark Provinsi', role: 'province_admin', region_code: '18', position_title: null, nip: null, email: null, phone: null, created_by: null }).execute();
  await sql`analyze`.execute(k);
  const counts = await sql<{ villages: number; residents: number }>`
    select (select count(*)::int from villages) as villages, (select coalesce(sum(residents), 0)::int from monitoring_population where life_status = 1) as residents`.execute(k);
  return counts.rows[0]!;
}

async function measure(db: Db, log: (l: string) => void): Promise<Measurement[]> {
  const { villages, residents } = await prepare(db, log);
  const scale = `${villages.toLocaleString('en-US')} villages, ${residents.toLocaleString('en-US')} residents`;
  // What the running server does every few seconds: add the pending deltas into the region rows.
  const folded = await time(() => foldRollups(db));
  log(`${db.kind}: folded ${folded.value.toLocaleString('en-US')} pending deltas into the region rows in ${folded.seconds.toFixed(1)} s`);
  await sql`analyze`.execute(db.kysely);
  log(`${db.kind}: measuring at ${scale}`);
  const app = createApp({ db, secureCookies: false });
  const login = await app.request('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ username: USER, password: PASSWORD }), headers: { 'content-type': 'application/json' } });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const pages: [string, string][] = [
    ['province adoption page', '/pantau/18'],
    ['province services page (30 days)', '/pantau/18/layanan'],
    ['province services page (a year)', `/pantau/18/layanan?dari=${new Date(Date.now() - 364 * 86400_000).toISOString().slice(0, 10)}`],
    ['province population page', '/pantau/18/penduduk'],
    ['province village index page', '/pantau/18/idm'],
    ['province week feed', '/pantau/18/kabar'],
    ['JSON API: province population', '/api/v1/monitoring/regions/18/population'],
    ['public province page', '/publik/wilayah/18'],
    ['regency population page (Pesawaran)', '/pantau/18.09/penduduk'],
  ];
  const out: Measurement[] = [];
  for (const [what, path] of pages) {
    const headers: Record<string, string> = path.startsWith('/publik/') ? {} : { cookie };
    for (let i = 0; i < 2; i++) {
      const first = await app.request(path, { headers });
      if (first.status !== 200) throw new Error(`${path}: ${first.status} ${await first.text()}`);
      await first.arrayBuffer();
    }
    const ms: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      const res = await app.request(path, { headers });
      await res.arrayBuffer();
      ms.push(performance.now() - t0);
    }
    const median = percentile(ms, 50);
    const p95 = percentile(ms, 95);
    const verdict = median < TARGET_MS ? `under the ${TARGET_MS} ms target` : `OVER the ${TARGET_MS} ms target`;
    log(`${db.kind} · ${what}: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (${verdict})`);
    out.push({ what: `${what} at ${scale}`, database: db.kind, rows: ROUNDS, seconds: ms.reduce((a, b) => a + b, 0) / 1000, note: `server time median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms; ${verdict}` });
  }
  out.unshift({ what: `fold the pending deltas after filling (${scale})`, database: db.kind, rows: folded.value, seconds: folded.seconds, note: 'deltas/s; the server does this every 5 s' });
  // Rebuilding every rollup from the source, as `balai rebuild-rollups` does (it also drops the
  // made-up letter and activity rows above, which have no source: the next run makes them again).
  const r = await rebuildRollups(db, { code: '18', progressEvery: 500, log });
  out.push({ what: `rebuild-rollups over ${scale}`, database: db.kind, rows: r.villages, seconds: r.seconds, note: 'villages/s' });
  return out;
}

/** A kept database: created by the user, migrated here; filled on the first run only. */
async function withKept<T>(url: string, work: (db: Db) => Promise<T>): Promise<T> {
  const db = await connect({ databaseUrl: url, poolSize: 4 });
  try {
    await migrate(db);
    await ensureRegionsLoaded(db.kysely, BENCH_PROVINCES);
    return await work(db);
  } finally {
    await db.close();
  }
}

export const benchmark: Benchmark = {
  name: 'monitoring',
  description: `province dashboards over ${VILLAGES.toLocaleString('en-US')} Lampung villages × ${PER_VILLAGE.toLocaleString('en-US')} residents (target < ${TARGET_MS} ms on PostgreSQL)`,
  async run(log) {
    const results: Measurement[] = [];
    if (process.env.BENCH_MONITORING_PGLITE === '1') results.push(...(await withPglite((db) => measure(db, log))));
    const pg = KEEP_URL ? await withKept(KEEP_URL, (db) => measure(db, log)) : await withPostgres((db) => measure(db, log), log);
    results.push(...(pg ?? [{ what: 'province dashboards (skipped: PostgreSQL not reachable)', database: 'postgresql' as const, rows: 0, seconds: 0 }]));
    return results;
  },
};
