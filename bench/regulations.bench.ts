import { sql } from 'kysely';
import { createApp } from '../src/app.js';
import { seedDemo, HANURA } from '../src/modules/demo/seed-demo.js';
import { bookPdf } from '../src/modules/regulations/books.service.js';
import type { UseCaseContext } from '../src/platform/context.js';
import type { Db } from '../src/platform/db/connect.js';
import { todayInWib } from '../src/platform/format/format.js';
import { latency, percentile, serverTimes, signIn, time, withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

/**
 * The register of village regulations and its three books for a village that has recorded a lot:
 * 500 regulations and decisions in one year (a quarter of each kind, every tenth amending an
 * earlier one, every twentieth revoked), made in bulk SQL. Measured as server time through the
 * real pages (routing, session, access check, queries, rendering):
 *  - the register (first page, a word, one kind);
 *  - each book's page (100 rows), and the last page of the Buku Peraturan: ≤ 50 ms p95;
 *  - the Buku Peraturan's PDF for the whole year, drawn in a worker thread.
 *
 *   BENCH_ENGINES   postgresql,pglite (default both)
 */
const REGULATIONS = 500;
const TARGET_MS = 50;
const ROUNDS = 30;

async function generate(db: Db, year: number) {
  const k = db.kysely;
  await seedDemo(db, { population: false, citizen: false });
  const by = Number((await k.selectFrom('users').select('id').where('username', '=', 'hanura').executeTakeFirstOrThrow()).id);
  await sql`insert into village_regulations (village_code, kind, year, number, set_on, about, summary, bpd_agreed_on, report_no, reported_on, promulgated_on, gazette_no, recorded_by)
    select ${HANURA}, (array['perdes','perbersama','perkades','kepkades'])[1 + g % 4], ${year}, (g / 4 + 1)::text,
      ${`${year}-01-01`}::date + ((g * 360 / ${REGULATIONS}) % 360)::int,
      (array['Anggaran Pendapatan dan Belanja Desa','Pengelolaan Sampah','Pembentukan Tim Pelaksana Kegiatan','Tata Tertib Musyawarah Desa','Pungutan Desa','Badan Usaha Milik Desa'])[1 + g % 6] || ' ' || g,
      'Uraian singkat peraturan ' || g, case when g % 4 = 0 then ${`${year}-01-01`}::date + ((g * 360 / ${REGULATIONS}) % 360)::int end,
      '141/' || g || '/HNR/' || ${year}, ${`${year}-01-01`}::date + ((g * 360 / ${REGULATIONS}) % 360)::int + 2,
      case when g % 4 <> 3 then ${`${year}-01-01`}::date + ((g * 360 / ${REGULATIONS}) % 360)::int end, case when g % 4 <> 3 then (g / 4 + 1)::text end, ${by}
    from generate_series(0, ${REGULATIONS - 1}) g`.execute(k);
  // Every tenth amends the one recorded forty before it; every twentieth is revoked.
  const ids = (await k.selectFrom('village_regulations').select('id').where('village_code', '=', HANURA).orderBy('id').execute()).map((r) => Number(r.id));
  for (let i = 40; i < ids.length; i += 10) await k.updateTable('village_regulations').set({ amends_id: ids[i - 40]! }).where('village_code', '=', HANURA).where('id', '=', ids[i]!).execute();
  for (let i = 5; i < ids.length; i += 20) {
    await k.updateTable('village_regulations').set({ revoked_at: new Date(), revoked_by: by, revoke_reason: 'Dicabut dengan peraturan yang lebih baru' }).where('village_code', '=', HANURA).where('id', '=', ids[i]!).execute();
  }
  await sql`analyze village_regulations`.execute(k);
}

async function measure(db: Db, log: (l: string) => void): Promise<Measurement[]> {
  const year = Number(todayInWib().slice(0, 4)) - 1;
  const { seconds } = await time(() => generate(db, year));
  log(`${db.kind}: ${REGULATIONS} regulations in ${seconds.toFixed(1)} s`);
  const out: Measurement[] = [{ what: `a village with ${REGULATIONS} regulations and decisions in one year (bulk SQL)`, database: db.kind, rows: REGULATIONS, seconds, note: 'demo accounts' }];
  const app = createApp({ db, secureCookies: false });
  const operator = await signIn(app, 'hanura');
  const base = `/desa/${HANURA}/peraturan`;
  const pages: [string, string][] = [
    ['register, first page (50)', `${base}?tahun=${year}`],
    ['register, a word ("sampah")', `${base}?tahun=${year}&q=sampah`],
    ['register, one kind (Keputusan)', `${base}?tahun=${year}&kind=kepkades`],
    ['Buku Peraturan di Desa, page 1 (100 rows)', `${base}/buku-peraturan?tahun=${year}`],
    ['Buku Peraturan di Desa, page 4 (last)', `${base}/buku-peraturan?tahun=${year}&page=4`],
    ['Buku Keputusan Kepala Desa, page 1 (100 rows)', `${base}/buku-keputusan?tahun=${year}`],
    ['Buku Lembaran Desa dan Berita Desa, page 1 (100 rows)', `${base}/lembaran-desa?tahun=${year}`],
  ];
  for (const [what, path] of pages) {
    const res = await app.request(path, { headers: { cookie: operator } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    out.push(latency(db.kind, `${what}, server time`, await serverTimes(app, path, { cookie: operator }, ROUNDS), TARGET_MS, log));
  }
  const user = await db.kysely.selectFrom('users').select('id').where('username', '=', 'hanura').executeTakeFirstOrThrow();
  const ctx: UseCaseContext = { db, ip: 'bench', lang: 'id', actor: { kind: 'user', id: Number(user.id), username: 'hanura', fullName: 'Operator', role: 'village_operator', regionCode: HANURA, language: 'id' } };
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    bytes = (await bookPdf(ctx, HANURA, 'peraturan', { tahun: String(year) })).bytes.length;
    ms.push(performance.now() - t0);
  }
  const rows = REGULATIONS * 3 / 4;
  log(`${db.kind} · Buku Peraturan PDF, ${rows} rows: ${percentile(ms, 50).toFixed(0)} ms, ${(bytes / 1024).toFixed(0)} KB`);
  out.push({ what: `Buku Peraturan di Desa as PDF for the whole year (${rows} rows), in a worker thread`, database: db.kind, rows, seconds: percentile(ms, 50) / 1000, note: `median of 3: ${percentile(ms, 50).toFixed(0)} ms, ${(bytes / 1024).toFixed(0)} KB` });
  return out;
}

export const benchmark: Benchmark = {
  name: 'regulations',
  description: `the register of regulations and its three books with ${REGULATIONS} regulations in a year: pages ≤ ${TARGET_MS} ms p95, the year's PDF`,
  async run(log) {
    const engines = (process.env.BENCH_ENGINES ?? 'postgresql,pglite').split(',');
    const a = engines.includes('postgresql') ? ((await withPostgres((db) => measure(db, log), log)) ?? []) : [];
    const b = engines.includes('pglite') ? await withPglite((db) => measure(db, log)) : [];
    return [...a, ...b];
  },
};
