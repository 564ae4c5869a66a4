import { sql } from 'kysely';
import { createApp } from '../src/app.js';
import { seedDemo, HANURA } from '../src/modules/demo/seed-demo.js';
import { populateVillage } from '../src/modules/population/generator.js';
import { bukuIndukPenduduk } from '../src/modules/population/transfer/export.service.js';
import type { UseCaseContext } from '../src/platform/context.js';
import type { Db } from '../src/platform/db/connect.js';
import { todayInWib } from '../src/platform/format/format.js';
import { latency, percentile, serverTimes, signIn, time, withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

/**
 * The village administration books (issue 18, item 1) for a village of 10,000 residents with a
 * year of movements (600 births, 300 deaths, 300 departures, made in bulk SQL on the generated
 * register, the triggers keeping the counts as the real writes do). Measured as server time through
 * the real pages (routing, session, access, queries, the audit row a personal book's read writes,
 * rendering): each book's first page, the last page of the long ones, the monthly recapitulation
 * per dusun — target ≤ 50 ms p95 — and the Buku Induk Penduduk's PDF of all 10,000 (≤ 5 s).
 *
 *   BENCH_ENGINES   postgresql,pglite (default both)
 */
const RESIDENTS = 10_000;
const TARGET_MS = 50;
const ROUNDS = 30;

export async function generate(db: Db, year: number) {
  const k = db.kysely;
  await seedDemo(db, { population: false, citizen: false });
  await populateVillage(k, HANURA, { residents: RESIDENTS, seed: 7, asOf: `${year}-01-01`, actorLabel: 'bench' });
  // Births: the youngest 600 were born this year rather than registered on the first day.
  await sql`update population_events e set kind = 'birth', event_date = ${`${year}-01-01`}::date + (x.n % 300)::int
    from (select id, row_number() over (order by birth_date desc, id) as n from residents where village_code = ${HANURA}) x
    where e.village_code = ${HANURA} and e.resident_id = x.id and e.kind = 'registration' and x.n <= 600`.execute(k);
  // Deaths and departures of 600 others through the year, as the status events record them.
  await sql`insert into population_events (village_code, resident_id, family_id, kind, event_date, population_change, details)
    select village_code, id, family_id, case when n % 2 = 0 then 'death' else 'move_out' end, ${`${year}-01-15`}::date + (n % 300)::int, -1,
      case when n % 2 = 0 then '{"from_status":1,"place":"Rumah"}' else '{"from_status":1,"destination":"Bandar Lampung"}' end::jsonb
    from (select village_code, id, family_id, row_number() over (order by id) as n from residents where village_code = ${HANURA} order by id offset 1000 limit 600) r`.execute(k);
  await sql`update residents r set life_status = case when e.kind = 'death' then 2 else 3 end
    from population_events e where e.village_code = ${HANURA} and r.village_code = e.village_code and r.id = e.resident_id and e.kind in ('death', 'move_out')`.execute(k);
  for (const t of ['residents', 'population_events', 'families']) await sql`analyze ${sql.table(t)}`.execute(k);
}

async function measure(db: Db, log: (l: string) => void): Promise<Measurement[]> {
  const today = todayInWib();
  const year = Number(today.slice(0, 4)) - 1;
  const { seconds } = await time(() => generate(db, year));
  log(`${db.kind}: ${RESIDENTS.toLocaleString('en-US')} residents and a year of 1,200 movements in ${seconds.toFixed(1)} s`);
  const out: Measurement[] = [{ what: `a village of ${RESIDENTS.toLocaleString('en-US')} residents, 600 births, 300 deaths and 300 departures in a year (bulk SQL)`, database: db.kind, rows: RESIDENTS, seconds, note: 'demo accounts; population generator' }];
  const app = createApp({ db, secureCookies: false });
  const operator = await signIn(app, 'hanura');
  const book = (slug: string, q = '') => `/desa/${HANURA}/buku/${slug}${q}`;
  const pages: [string, string][] = [
    ['the shelf of books', `/desa/${HANURA}/buku`],
    ['Buku Mutasi Penduduk, the year, page 1 of 12', book('mutasi-penduduk', `?tahun=${year}`)],
    ['Buku Mutasi Penduduk, the year, page 12', book('mutasi-penduduk', `?tahun=${year}&page=12`)],
    ['Buku Rekapitulasi Jumlah Penduduk, June (per dusun)', book('rekapitulasi-penduduk', `?tahun=${year}&bulan=6`)],
    ['Buku Rekapitulasi Jumlah Penduduk, this month', book('rekapitulasi-penduduk')],
    ['Buku KTP dan KK, page 1 of ~90', book('ktp-kk')],
    ['Buku KTP dan KK, page 80', book('ktp-kk', '?page=80')],
    ['Buku Aparat Pemerintah Desa', book('aparat')],
    ['Buku Ekspedisi, the year', book('ekspedisi', `?tahun=${year}`)],
    ['Buku Kegiatan Pembangunan, this year', book('kegiatan-pembangunan')],
    ['Buku Kader Pemberdayaan Masyarakat, this year', book('kader-pemberdayaan')],
  ];
  for (const [what, path] of pages) {
    const res = await app.request(path, { headers: { cookie: operator } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    out.push(latency(db.kind, `${what}, server time`, await serverTimes(app, path, { cookie: operator }, ROUNDS), TARGET_MS, log));
  }
  // The whole KTP and KK register as Excel, and the Buku Induk as the printed PDF, in worker threads.
  for (const [what, path] of [['Buku KTP dan KK as Excel (all residents)', book('ktp-kk.xlsx')], ['Buku Rekapitulasi as PDF (June)', book('rekapitulasi-penduduk.pdf', `?tahun=${year}&bulan=6`)]] as const) {
    const ms: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const res = await app.request(path, { headers: { cookie: operator } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      bytes = (await res.arrayBuffer()).byteLength;
      ms.push(performance.now() - t0);
    }
    log(`${db.kind} · ${what}: ${percentile(ms, 50).toFixed(0)} ms, ${(bytes / 1024).toFixed(0)} KB`);
    out.push({ what: `${what}, request to last byte`, database: db.kind, rows: RESIDENTS, seconds: percentile(ms, 50) / 1000, note: `median of 3: ${percentile(ms, 50).toFixed(0)} ms, ${(bytes / 1024).toFixed(0)} KB` });
  }
  const user = await db.kysely.selectFrom('users').select('id').where('username', '=', 'hanura').executeTakeFirstOrThrow();
  const ctx: UseCaseContext = { db, ip: 'bench', lang: 'id', actor: { kind: 'user', id: Number(user.id), username: 'hanura', fullName: 'Operator', role: 'village_operator', regionCode: HANURA, language: 'id' } };
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    bytes = (await bukuIndukPenduduk(ctx, HANURA, 'pdf', { status: 'hidup' })).bytes.length;
    ms.push(performance.now() - t0);
  }
  log(`${db.kind} · Buku Induk Penduduk PDF, ${RESIDENTS} residents: ${percentile(ms, 50).toFixed(0)} ms, ${(bytes / 1024).toFixed(0)} KB (target 5,000 ms)`);
  out.push({ what: `Buku Induk Penduduk as PDF, the ${(RESIDENTS - 600).toLocaleString('en-US')} living residents (target ≤ 5 s)`, database: db.kind, rows: RESIDENTS - 600, seconds: Math.max(...ms) / 1000, note: `worst of 2: ${Math.max(...ms).toFixed(0)} ms, ${(bytes / 1024).toFixed(0)} KB` });
  return out;
}

export const benchmark: Benchmark = {
  name: 'books',
  description: `the village administration books at ${RESIDENTS.toLocaleString('en-US')} residents: pages ≤ ${TARGET_MS} ms p95, the Buku Induk PDF ≤ 5 s`,
  async run(log) {
    const engines = (process.env.BENCH_ENGINES ?? 'postgresql,pglite').split(',');
    const a = engines.includes('postgresql') ? ((await withPostgres((db) => measure(db, log), log)) ?? []) : [];
    const b = engines.includes('pglite') ? await withPglite((db) => measure(db, log)) : [];
    return [...a, ...b];
  },
};
