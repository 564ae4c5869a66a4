import { sql } from 'kysely';
import { createApp } from '../src/app.js';
import { inventoryBookFile } from '../src/modules/assets/books.service.js';
import { seedDemo, HANURA } from '../src/modules/demo/seed-demo.js';
import type { UseCaseContext } from '../src/platform/context.js';
import type { Db } from '../src/platform/db/connect.js';
import { todayInWib } from '../src/platform/format/format.js';
import { latency, percentile, serverTimes, signIn, time, withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

/**
 * The village's goods and land (issue 18, item 1) for a well-equipped village: 2,000 inventory
 * items over twenty years (a fifth with a change of condition, one in twenty disposed of), 60
 * parcels of tanah kas desa and 1,500 holdings of land in the village, made in bulk SQL.
 * Measured as server time through the real pages (session, access check, queries, the audit
 * row a read of owners writes, rendering):
 *  - the inventory list (first page, filtered by kind and condition);
 *  - the Buku Inventaris dan Kekayaan Desa of the year (every item's state at the start and end
 *    of the year read back from the condition entries; page 1 and page 20): ≤ 50 ms p95, the
 *    register books' target;
 *  - the land page (both lists) and the Buku Tanah di Desa;
 *  - the inventory book's Excel and PDF, written in a worker thread.
 *
 *   BENCH_ENGINES   postgresql,pglite (default both)
 */
const ITEMS = 2_000;
const PARCELS = 60;
const HOLDINGS = 1_500;
const TARGET_MS = 50;
const ROUNDS = 30;

async function generate(db: Db, year: number) {
  const k = db.kysely;
  await seedDemo(db, { population: false, citizen: false });
  await sql`insert into asset_items (village_code, kind, name, item_code, origin, acquired_year, quantity, unit, value, condition, location)
    select ${HANURA}, (array['peralatan_mesin','peralatan_mesin','peralatan_mesin','gedung_bangunan','jalan_irigasi_jaringan','aset_tetap_lainnya','tanah','konstruksi_dalam_pengerjaan'])[1 + g % 8],
      (array['Laptop','Meja kerja','Kursi rapat','Lemari arsip','Printer','Tenda','Pompa air','Sound system'])[1 + (g * 7) % 8] || ' ' || g, 'BRG-' || g,
      (array['apbdes','pemerintah','provinsi','kabupaten','sumbangan'])[1 + g % 5], ${year} - (g % 20), 1 + g % 12, 'unit', 250000 * (1 + g % 400),
      (array['baik','baik','baik','rusak_ringan','rusak_berat'])[1 + g % 5], 'Ruang ' || (1 + g % 9)
    from generate_series(1, ${ITEMS}) g`.execute(k);
  // A fifth found damaged during the year; one in twenty disposed of during it.
  await sql`insert into asset_events (village_code, subject, subject_id, kind, on_day, from_condition, to_condition, reason)
    select village_code, 'item', id, 'condition', ${`${year}-03-01`}::date + (id % 200)::int, 'baik', 'rusak_ringan', 'Pemeriksaan'
    from asset_items where village_code = ${HANURA} and id % 5 = 0 and condition = 'baik' and acquired_year < ${year}`.execute(k);
  await sql`update asset_items set condition = 'rusak_ringan' where village_code = ${HANURA} and id % 5 = 0 and condition = 'baik' and acquired_year < ${year}`.execute(k);
  await sql`update asset_items set disposed_on = ${`${year}-06-01`}::date + (id % 150)::int, disposal_reason = (array['dijual','rusak','hilang','dihibahkan'])[1 + id % 4]
    where village_code = ${HANURA} and id % 20 = 3`.execute(k);
  await sql`insert into village_land_parcels (village_code, origin, certificate_no, area_m2, land_class, land_use, location, boundary_marker)
    select ${HANURA}, (array['asli','pembelian','bantuan','lain_lain'])[1 + g % 4], 'Letter C No. ' || g, 1000 + g * 37, 'S.II', (array['sawah','tegal','kebun','tambak','tanah_kering'])[1 + g % 5], 'Dusun ' || (1 + g % 4), g % 2 = 0
    from generate_series(1, ${PARCELS}) g`.execute(k);
  await sql`insert into land_holdings (village_code, owner_name, land_rights, area_m2, land_use)
    select ${HANURA}, 'Pemilik ' || g, (array['HM','HM','HM','HGB','MA','VI'])[1 + g % 6], 200 + (g * 13) % 5000, (array['perumahan','sawah','perkebunan','tegalan','perdagangan_jasa'])[1 + g % 5]
    from generate_series(1, ${HOLDINGS}) g`.execute(k);
  for (const t of ['asset_items', 'asset_events', 'village_land_parcels', 'land_holdings']) await sql`analyze ${sql.table(t)}`.execute(k);
}

async function measure(db: Db, log: (l: string) => void): Promise<Measurement[]> {
  const year = Number(todayInWib().slice(0, 4)) - 1;
  const { seconds } = await time(() => generate(db, year));
  log(`${db.kind}: ${ITEMS} items, ${PARCELS} parcels, ${HOLDINGS} holdings in ${seconds.toFixed(1)} s`);
  const out: Measurement[] = [{ what: `a village with ${ITEMS.toLocaleString('en-US')} inventory items over 20 years, ${PARCELS} parcels of tanah kas desa, ${HOLDINGS.toLocaleString('en-US')} holdings (bulk SQL)`, database: db.kind, rows: ITEMS + PARCELS + HOLDINGS, seconds, note: 'demo accounts' }];
  const app = createApp({ db, secureCookies: false });
  const operator = await signIn(app, 'hanura');
  const pages: [string, string][] = [
    ['inventory list, first page (50)', `/desa/${HANURA}/aset`],
    ['inventory list, equipment damaged slightly', `/desa/${HANURA}/aset?jenis=peralatan_mesin&kondisi=rusak_ringan&keadaan=semua`],
    [`inventory book of the year (${ITEMS.toLocaleString('en-US')} items), page 1 with the totals`, `/desa/${HANURA}/aset/buku?tahun=${year}`],
    ['inventory book, page 20', `/desa/${HANURA}/aset/buku?tahun=${year}&page=20`],
    [`land page (${PARCELS} parcels, ${HOLDINGS.toLocaleString('en-US')} holdings)`, `/desa/${HANURA}/tanah`],
    ['Buku Tanah di Desa', `/desa/${HANURA}/tanah/buku-tanah-di-desa`],
  ];
  for (const [what, path] of pages) {
    const res = await app.request(path, { headers: { cookie: operator } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    out.push(latency(db.kind, `${what}, server time`, await serverTimes(app, path, { cookie: operator }, ROUNDS), TARGET_MS, log));
  }
  const user = await db.kysely.selectFrom('users').select('id').where('username', '=', 'hanura').executeTakeFirstOrThrow();
  const ctx: UseCaseContext = { db, ip: 'bench', lang: 'id', actor: { kind: 'user', id: Number(user.id), username: 'hanura', fullName: 'Operator', role: 'village_operator', regionCode: HANURA, language: 'id' } };
  for (const format of ['xlsx', 'pdf'] as const) {
    const ms: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      bytes = (await inventoryBookFile(ctx, HANURA, { tahun: String(year) }, format)).bytes.length;
      ms.push(performance.now() - t0);
    }
    log(`${db.kind} · inventory book ${format}: ${percentile(ms, 50).toFixed(0)} ms, ${(bytes / 1024).toFixed(0)} KB`);
    out.push({ what: `inventory book as ${format === 'pdf' ? 'PDF (A4)' : 'Excel'} for the year (${ITEMS.toLocaleString('en-US')} items), in a worker thread`, database: db.kind, rows: ITEMS, seconds: percentile(ms, 50) / 1000, note: `median of 3: ${percentile(ms, 50).toFixed(0)} ms, ${(bytes / 1024).toFixed(0)} KB` });
  }
  return out;
}

export const benchmark: Benchmark = {
  name: 'assets',
  description: `the village inventory and land at ${ITEMS.toLocaleString('en-US')} items and ${HOLDINGS.toLocaleString('en-US')} holdings: pages and the inventory book ≤ ${TARGET_MS} ms p95, the book's Excel and PDF`,
  async run(log) {
    const engines = (process.env.BENCH_ENGINES ?? 'postgresql,pglite').split(',');
    const a = engines.includes('postgresql') ? ((await withPostgres((db) => measure(db, log), log)) ?? []) : [];
    const b = engines.includes('pglite') ? await withPglite((db) => measure(db, log)) : [];
    return [...a, ...b];
  },
};
