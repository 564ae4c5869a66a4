import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { createApp } from '../src/app.js';
import type { UseCaseContext } from '../src/platform/context.js';
import type { Db } from '../src/platform/db/connect.js';
import { projectRoot } from '../src/platform/paths.js';
import { addListing } from '../src/modules/tourism/listings.service.js';
import { provinceTourism } from '../src/modules/tourism/public.service.js';
import { latency, timed, withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

/**
 * Tourism and local potential (issue 17, item 5) across Lampung: every village of the province
 * activated, eight listings each (about 20,000: destinations, homestays, events, products), made
 * in bulk SQL. Measured through the real service and pages:
 *  - the province-wide listing with its counts per regency, per district of a regency, narrowed
 *    by kind and by a word: ≤ 50 ms p95 (it groups the whole province on the first page);
 *  - a village's page on its website and one listing's page: ≤ 10 ms p95 server time;
 *  - what a phone downloads for a listing with its photo: ≤ 60 KB, as for a market product.
 *
 *   BENCH_ENGINES            postgresql,pglite (default both)
 *   BENCH_TOURISM_PER_VILLAGE listings per village (default 8)
 */
const PROVINCE = '18';
const PER_VILLAGE = Number(process.env.BENCH_TOURISM_PER_VILLAGE ?? 8);
const LISTING_TARGET_MS = 50;
const PAGE_TARGET_MS = 10;
const PAGE_TARGET_BYTES = 60 * 1024;
const ROUNDS = 40;

const FIRST = ['Pantai', 'Air Terjun', 'Bukit', 'Danau', 'Goa', 'Kebun', 'Homestay', 'Festival', 'Kopi', 'Tapis'];
const SECOND = ['Pasir Putih', 'Sakura', 'Indah', 'Biru', 'Hijau', 'Lestari', 'Pelangi', 'Harapan', 'Sejahtera', 'Mutiara'];
const QUERIES: [what: string, input: Record<string, string>][] = [
  ['the province, counted by regency', {}],
  ['a regency, counted by district (18.02)', { wilayah: '18.02' }],
  ['a district, counted by village (18.02.01)', { wilayah: '18.02.01' }],
  ['events in the province', { jenis: 'event' }],
  ['a word ("air terjun")', { q: 'air terjun' }],
  ['page 5 of the province', { page: '5' }],
];

async function generate(db: Db) {
  const k = db.kysely;
  await sql`insert into villages (village_code, activation_kind) select code, 'initiative' from regions where level = 4 and code > ${`${PROVINCE}.`} and code < ${`${PROVINCE}/`} on conflict do nothing`.execute(k);
  const user = await k.insertInto('users').values({ username: 'bench.tourism', password_hash: 'x', full_name: 'Operator Bench', role: 'village_operator', region_code: '18.09.10.2004', position_title: null, nip: null, email: null, phone: null, created_by: null }).returning('id').executeTakeFirstOrThrow();
  const first = sql.raw(`array[${FIRST.map((w) => `'${w}'`).join(',')}]`);
  const second = sql.raw(`array[${SECOND.map((w) => `'${w}'`).join(',')}]`);
  // Kinds in turn; an event a day ahead to 60 days ahead (a few already over); prices for most.
  await sql`with v as (select village_code, row_number() over (order by village_code) as n from villages where village_code > ${`${PROVINCE}.`} and village_code < ${`${PROVINCE}/`})
    insert into tourism_listings (village_code, kind, name, description, opening_hours, price_min, price_unit, rooms, starts_on, created_by, updated_at)
    select v.village_code, (array['destination','homestay','event','product'])[1 + g % 4],
      (${first})[1 + (v.n * 7 + g) % 10] || ' ' || (${second})[1 + (v.n * 3 + g * 5) % 10], 'Uraian untuk pengunjung.', 'Setiap hari 08.00–17.00',
      case when g % 5 = 0 then null else 5000 * (g % 7) end, case when g % 5 = 0 then null else 'orang' end,
      case when g % 4 = 1 then 3 end, case when g % 4 = 2 then current_date + ((v.n + g) % 70 - 10)::int end,
      ${Number(user.id)}, now() - make_interval(mins => (v.n * ${PER_VILLAGE} + g)::int)
    from v cross join generate_series(0, ${PER_VILLAGE - 1}) g`.execute(k);
  await sql`analyze tourism_listings`.execute(k);
  const count = Number((await sql<{ n: string }>`select count(*)::text as n from tourism_listings`.execute(k)).rows[0]!.n);
  return { count, userId: Number(user.id) };
}

async function pageTimes(app: ReturnType<typeof createApp>, path: string) {
  for (let i = 0; i < 3; i++) await (await app.request(path)).arrayBuffer();
  const ms: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    const res = await app.request(path);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    ms.push(performance.now() - t0);
  }
  return ms;
}

async function measure(db: Db, log: (l: string) => void): Promise<Measurement[]> {
  const started = performance.now();
  const { count, userId } = await generate(db);
  const out: Measurement[] = [{ what: `${count.toLocaleString('en-US')} listings in every village of Lampung (bulk SQL)`, database: db.kind, rows: count, seconds: (performance.now() - started) / 1000, note: `${PER_VILLAGE} per village, four kinds in turn` }];
  const anon: UseCaseContext = { db, actor: null, ip: 'bench', lang: 'id' };
  for (const [what, input] of QUERIES) {
    for (let i = 0; i < 2; i++) await provinceTourism(anon, input);
    const view = await provinceTourism(anon, input);
    out.push(latency(db.kind, `province-wide listing: ${what}; ${view.listings.length} shown, ${view.below.length} regions counted`, await timed(ROUNDS, () => provinceTourism(anon, input)), LISTING_TARGET_MS, log));
  }

  // A listing with a real photo, added through the service as the operator would (a 12-megapixel phone photo).
  const village = '18.09.10.2004';
  const office: UseCaseContext = { db, ip: 'bench', lang: 'id', actor: { kind: 'user', id: userId, username: 'bench.tourism', fullName: 'Operator Bench', role: 'village_operator', regionCode: village, language: 'id' } };
  const photo = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#2a7ab0' } })
    .composite([{ input: Buffer.from('<svg width="4000" height="3000"><rect y="1800" width="4000" height="1200" fill="#e8d8a0"/><circle cx="3000" cy="700" r="400" fill="#ffd54a"/></svg>') }]).jpeg({ quality: 92 }).toBuffer();
  const { id } = await addListing(office, village, {
    kind: 'destination', name: 'Pantai Mutiara Hanura', address: 'Dusun III, Hanura', latitude: '-5.5386', longitude: '105.2492', opening_hours: 'Setiap hari 07.00–18.00',
    price_min: '10000', price_unit: 'orang', contact_phone: '081279400021', description: 'Pantai berpasir putih di Teluk Lampung. Perahu ke pulau-pulau kecil dapat disewa dari nelayan.',
  }, [new Uint8Array(photo)]);
  const app = createApp({ db, secureCookies: false });
  for (const [what, path] of [['a village\'s page on its website', `/desa/${village}/wisata`], ['one listing\'s page', `/desa/${village}/wisata/${id}`]] as const)
    out.push(latency(db.kind, `${what}, server time (not logged in)`, await pageTimes(app, path), PAGE_TARGET_MS, log));
  out.push(latency(db.kind, 'the province-wide listing page, server time (not logged in)', await pageTimes(app, '/wisata'), LISTING_TARGET_MS, log));

  const html = await (await app.request(`/desa/${village}/wisata/${id}`)).text();
  const css = readFileSync(join(projectRoot, 'web', 'app.css'));
  const photoPath = /src="(\/wisata\/foto\/[^"]+)"/.exec(html)![1]!;
  const photoBytes = (await (await app.request(photoPath)).arrayBuffer()).byteLength;
  const bytes = gzipSync(html).length + gzipSync(css).length + photoBytes;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const verdict = bytes <= PAGE_TARGET_BYTES ? 'met' : 'MISSED';
  log(`${db.kind} · listing page on a phone: ${kb(bytes)} (${verdict})`);
  out.push({ what: 'a listing\'s page as a phone downloads it: page and stylesheet gzipped, the photo', database: db.kind, rows: 1, seconds: 0,
    note: `${kb(bytes)} = page ${kb(gzipSync(html).length)} + stylesheet ${kb(gzipSync(css).length)} + photo ${kb(photoBytes)}; target ≤ 60 KB: ${verdict}` });
  return out;
}

export const benchmark: Benchmark = {
  name: 'tourism',
  description: `tourism and local potential across Lampung: the province-wide listing (≤ ${LISTING_TARGET_MS} ms p95), a village's page and a listing's (≤ ${PAGE_TARGET_MS} ms p95, ≤ 60 KB)`,
  async run(log) {
    const engines = (process.env.BENCH_ENGINES ?? 'postgresql,pglite').split(',');
    const a = engines.includes('postgresql') ? ((await withPostgres((db) => measure(db, log), log)) ?? []) : [];
    const b = engines.includes('pglite') ? await withPglite((db) => measure(db, log)) : [];
    return [...a, ...b];
  },
};
