import { sql } from 'kysely';
import { createApp } from '../src/app.js';
import { seedDemo, HANURA } from '../src/modules/demo/seed-demo.js';
import { bookFile } from '../src/modules/books/books.service.js';
import { recordStay } from '../src/modules/temporary-residents/index.js';
import type { UseCaseContext } from '../src/platform/context.js';
import type { Db } from '../src/platform/db/connect.js';
import { todayInWib } from '../src/platform/format/format.js';
import { latency, percentile, serverTimes, signIn, time, withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

/**
 * The register of temporary residents of a village with many newcomers (a village beside an
 * industrial estate or a campus): TEMP_STAYS stays over two years (default 3,000; a third of them
 * still staying, every tenth corrected once), in the village's four dusun, made in bulk SQL.
 * Measured as server time through the real pages (routing, session, access check, queries, the
 * audit entry of the read, rendering):
 *  - the list (those staying, one dusun, one year), a record: ≤ 50 ms p95;
 *  - the Buku Penduduk Sementara's page (100 rows) and its last page: ≤ 50 ms p95;
 *  - recording one newcomer (the write, its audit entry, the recount of the village's row);
 *  - the year's book as PDF, drawn in a worker thread.
 *
 *   TEMP_STAYS      how many stays (run it small: TEMP_STAYS=300)
 *   BENCH_ENGINES   postgresql,pglite (default both)
 */
const STAYS = Number(process.env.TEMP_STAYS ?? 3000);
const TARGET_MS = 50;
const ROUNDS = 30;

async function generate(db: Db, year: number) {
  const k = db.kysely;
  await seedDemo(db, { population: false, citizen: false });
  const by = Number((await k.selectFrom('users').select('id').where('username', '=', 'hanura').executeTakeFirstOrThrow()).id);
  const dusun = (await k.selectFrom('village_areas').select('id').where('village_code', '=', HANURA).where('level', '=', 'dusun').orderBy('id').execute()).map((a) => Number(a.id));
  // NIKs of another regency (18.71), unique by serial; arrivals spread over last year and this one.
  await sql`insert into temporary_residents (village_code, name, sex, citizenship, nik, birth_place, birth_date, occupation, origin_address, purpose, area_id, host_name, host_address,
      arrived_on, planned_departure_on, departed_on, departure_recorded_at, departure_recorded_by, recorded_by)
    select ${HANURA}, 'Pendatang ' || g, 1 + g % 2, 1, '187101' || lpad(((g % 28) + 1 + 40 * (g % 2))::text, 2, '0') || '0195' || lpad((g + 1)::text, 4, '0'),
      'Bandar Lampung', '1995-01-01'::date + (g % 28), 15, 'Jl. Contoh No. ' || g || ', Kota Bandar Lampung', 'Bekerja di kawasan industri',
      (select a.id from village_areas a where a.village_code = ${HANURA} and a.level = 'dusun' order by a.id offset g % ${dusun.length} limit 1), 'Mes pekerja ' || (g % 7), 'Jl. Pantai Hanura',
      ${`${year - 1}-01-01`}::date + (g * 700 / ${STAYS}), ${`${year - 1}-01-01`}::date + (g * 700 / ${STAYS}) + 120,
      case when g % 3 <> 0 then ${`${year - 1}-01-01`}::date + (g * 700 / ${STAYS}) + 90 end, case when g % 3 <> 0 then now() end, case when g % 3 <> 0 then ${by}::bigint end, ${by}
    from generate_series(0, ${STAYS - 1}) g`.execute(k);
  // Departures after today are not departures yet: those stay.
  await sql`update temporary_residents set departed_on = null, departure_recorded_at = null, departure_recorded_by = null
    where village_code = ${HANURA} and departed_on > ${todayInWib()}::date`.execute(k);
  // Every tenth corrected once: the old version stays, marked.
  await sql`update temporary_residents set corrected_at = now(), corrected_by = ${by}, correction_reason = 'Salah ketik alamat'
    where village_code = ${HANURA} and id % 10 = 0`.execute(k);
  await sql`insert into temporary_residents (village_code, stay_id, corrects_id, name, sex, citizenship, nik, birth_place, birth_date, occupation, origin_address, purpose, area_id,
      host_name, host_address, arrived_on, planned_departure_on, departed_on, departure_recorded_at, departure_recorded_by, recorded_by)
    select village_code, id, id, name, sex, citizenship, nik, birth_place, birth_date, occupation, origin_address || ' (dikoreksi)', purpose, area_id, host_name, host_address,
      arrived_on, planned_departure_on, departed_on, departure_recorded_at, departure_recorded_by, recorded_by
    from temporary_residents where village_code = ${HANURA} and corrected_at is not null`.execute(k);
  await sql`analyze temporary_residents`.execute(k);
  return dusun[0]!;
}

async function measure(db: Db, log: (l: string) => void): Promise<Measurement[]> {
  const year = Number(todayInWib().slice(0, 4));
  const { seconds, value: dusun } = await time(() => generate(db, year));
  log(`${db.kind}: ${STAYS} stays in ${seconds.toFixed(1)} s`);
  const out: Measurement[] = [{ what: `a village with ${STAYS} temporary residents over two years (bulk SQL)`, database: db.kind, rows: STAYS, seconds, note: 'demo accounts' }];
  const app = createApp({ db, secureCookies: false });
  const operator = await signIn(app, 'hanura');
  const base = `/desa/${HANURA}/penduduk-sementara`;
  const book = `/desa/${HANURA}/buku/penduduk-sementara`;
  const some = await db.kysely.selectFrom('temporary_residents').select('id').where('village_code', '=', HANURA).where('corrected_at', 'is', null).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const inYear = Number((await sql<{ n: number }>`select count(*)::int as n from temporary_residents where village_code = ${HANURA} and corrected_at is null
    and arrived_on < ${`${year + 1}-01-01`}::date and (departed_on is null or departed_on >= ${`${year}-01-01`}::date)`.execute(db.kysely)).rows[0]!.n);
  const pages: [string, string][] = [
    ['list, those staying (first 50)', base],
    ['list, one dusun, everyone', `${base}?status=semua&dusun=${dusun}`],
    [`list, staying in ${year}`, `${base}?status=semua&tahun=${year}`],
    ['one record with its versions and access log', `${base}/${some.id}`],
    [`Buku Penduduk Sementara ${year}, page 1 (100 rows of ${inYear})`, `${book}?tahun=${year}`],
    [`Buku Penduduk Sementara ${year}, last page`, `${book}?tahun=${year}&page=${Math.max(1, Math.ceil(inYear / 100))}`],
  ];
  for (const [what, path] of pages) out.push(latency(db.kind, `${what}, server time`, await serverTimes(app, path, { cookie: operator }, ROUNDS), TARGET_MS, log));

  const user = await db.kysely.selectFrom('users').select('id').where('username', '=', 'hanura').executeTakeFirstOrThrow();
  const ctx: UseCaseContext = { db, ip: 'bench', lang: 'id', actor: { kind: 'user', id: Number(user.id), username: 'hanura', fullName: 'Operator', role: 'village_operator', regionCode: HANURA, language: 'id' } };
  const writes: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await recordStay(ctx, HANURA, {
      name: `Pendatang baru ${i}`, sex: '1', citizenship: '1', nik: `187201010190${String(1 + i).padStart(4, '0')}`, birth_place: 'Metro', birth_date: '1990-01-01', occupation: '15',
      origin_address: 'Jl. Ahmad Yani, Kota Metro', stay_purpose: 'Bekerja', stay_area: String(dusun), arrived_on: todayInWib(),
    });
    writes.push(performance.now() - t0);
  }
  out.push(latency(db.kind, 'recording one newcomer (write, audit, recount)', writes, TARGET_MS, log));
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    bytes = (await bookFile(ctx, HANURA, 'penduduk-sementara', 'pdf', { tahun: String(year) })).bytes.length;
    ms.push(performance.now() - t0);
  }
  log(`${db.kind} · Buku Penduduk Sementara PDF, ${inYear} rows: ${percentile(ms, 50).toFixed(0)} ms, ${(bytes / 1024).toFixed(0)} KB`);
  out.push({ what: `Buku Penduduk Sementara as PDF for ${year} (${inYear} rows), in a worker thread`, database: db.kind, rows: inYear, seconds: percentile(ms, 50) / 1000, note: `median of 3: ${percentile(ms, 50).toFixed(0)} ms, ${(bytes / 1024).toFixed(0)} KB` });
  return out;
}

export const benchmark: Benchmark = {
  name: 'temporary-residents',
  description: `the register of temporary residents and its book with ${STAYS} stays: pages ≤ ${TARGET_MS} ms p95, one write, the year's PDF`,
  async run(log) {
    const engines = (process.env.BENCH_ENGINES ?? 'postgresql,pglite').split(',');
    const a = engines.includes('postgresql') ? ((await withPostgres((db) => measure(db, log), log)) ?? []) : [];
    const b = engines.includes('pglite') ? await withPglite((db) => measure(db, log)) : [];
    return [...a, ...b];
  },
};
