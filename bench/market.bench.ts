import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { createApp } from '../src/app.js';
import type { UseCaseContext } from '../src/platform/context.js';
import type { Db } from '../src/platform/db/connect.js';
import { projectRoot } from '../src/platform/paths.js';
import { addProduct } from '../src/modules/market/products.service.js';
import { CART_COOKIE, writeCart, type CartLine } from '../src/modules/market/cart.js';
import { buyerOf, placeOrder, placeOrders } from '../src/modules/market/orders.service.js';
import { searchProducts } from '../src/modules/market/search.service.js';
import { latency, percentile, timed, withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

/**
 * The village market (issue 17, "Done when"): 50,000 products of 600 sellers in 300 villages of
 * Lampung Tengah, made in bulk SQL with names from a word list (so the trigram index meets a
 * realistic spread of words). Measured through the real services and pages:
 *  - the search across every village (words, with and without a category or a region): ≤ 20 ms p95;
 *  - a product's page (server time ≤ 10 ms p95) and what a phone downloads for it: the page and
 *    its stylesheet gzipped as served, the icon and the photo (≤ 60 KB);
 *  - 50 buyers ordering at once from 10 products of 3 items each: exactly 30 orders, never more;
 *  - the cart page, and 20 carts of the same 6 products checked out at once (measureCarts).
 *
 *   BENCH_ENGINES           postgresql,pglite (default both)
 *   BENCH_MARKET_PRODUCTS   products on PostgreSQL (default 50,000; PGlite the same)
 */
const REGENCY = '18.02';
const PRODUCTS = Number(process.env.BENCH_MARKET_PRODUCTS ?? 50_000);
const SEARCH_TARGET_MS = 20;
const PAGE_TARGET_MS = 10;
const PAGE_TARGET_BYTES = 60 * 1024;
const ROUNDS = 40;

const FIRST = ['Keripik', 'Kopi', 'Beras', 'Gula', 'Madu', 'Tas', 'Kain', 'Sambal', 'Ikan', 'Telur', 'Kerupuk', 'Dodol', 'Tapis', 'Lada', 'Minyak', 'Emping', 'Teh', 'Susu', 'Tikar', 'Sapu'];
const SECOND = ['Pisang', 'Robusta', 'Organik', 'Aren', 'Hutan', 'Anyaman', 'Tenun', 'Teri', 'Asin', 'Bebek', 'Singkong', 'Durian', 'Lampung', 'Hitam', 'Kelapa', 'Melinjo', 'Jahe', 'Kambing', 'Pandan', 'Ijuk'];
const THIRD = ['Super', 'Asli', 'Premium', 'Manis', 'Pedas', 'Original', 'Kering', 'Segar', 'Kecil', 'Besar'];
const QUERIES: [what: string, input: Record<string, string>][] = [
  ['one word ("keripik")', { q: 'keripik' }],
  ['two words ("kopi hitam")', { q: 'kopi hitam' }],
  ['part of a word ("anyam")', { q: 'anyam' }],
  ['a word and a category ("madu", makanan)', { q: 'madu', kategori: 'makanan' }],
  ['a word in one district ("sambal", 18.02.01)', { q: 'sambal', wilayah: '18.02.01' }],
  ['nothing matches ("zzzz")', { q: 'zzzz' }],
  ['no words: the newest, page 1', {}],
];

/** Villages, two sellers each (the BUMDes and a cooperative, verified), and the products, in bulk SQL. */
export async function generate(db: Db, products: number) {
  const k = db.kysely;
  await sql`insert into villages (village_code, activation_kind) select code, 'initiative' from regions where level = 4 and code > ${`${REGENCY}.`} and code < ${`${REGENCY}/`} order by code limit 300 on conflict do nothing`.execute(k);
  await sql`insert into market_sellers (village_code, kind, name, phone, address, status, legal_name, deed_no, registration_no)
    select v.village_code, k.kind, case k.kind when 'bumdes' then 'BUMDes ' else 'Koperasi ' end || r.name, '0812' || lpad((row_number() over ())::text, 8, '0'), 'Balai Desa ' || r.name, 'verified',
      case k.kind when 'bumdes' then 'BUMDes ' || r.name end, case k.kind when 'bumdes' then 'Perdes 1/2021' end, case k.kind when 'bumdes' then 'AHU-' || v.village_code end
    from villages v join regions r on r.code = v.village_code cross join (values ('bumdes'), ('koperasi')) as k(kind)
    where v.village_code > ${`${REGENCY}.`} and v.village_code < ${`${REGENCY}/`}`.execute(k);
  const first = sql.raw(`array[${FIRST.map((w) => `'${w}'`).join(',')}]`);
  const second = sql.raw(`array[${SECOND.map((w) => `'${w}'`).join(',')}]`);
  const third = sql.raw(`array[${THIRD.map((w) => `'${w}'`).join(',')}]`);
  const cats = sql.raw(`array['makanan','minuman','hasil_tani','ternak_ikan','kerajinan','pakaian','jasa','lainnya']`);
  await sql`with s as (select village_code, id, row_number() over (order by village_code, id) - 1 as n, count(*) over () as total from market_sellers)
    insert into market_products (village_code, seller_id, name, category, unit, price, stock, weight_grams, created_at)
    select s.village_code, s.id,
      (${first})[1 + (g * 7) % 20] || ' ' || (${second})[1 + (g * 13) % 20] || ' ' || (${third})[1 + (g * 3) % 10],
      (${cats})[1 + g % 8], 'bungkus', 1000 * (5 + g % 95), 1 + g % 50, 250, now() - make_interval(mins => g)
    from generate_series(0, ${products - 1}) g join s on s.n = g % s.total`.execute(k);
  await sql`analyze market_products`.execute(k);
  await sql`analyze market_sellers`.execute(k);
  const villages = (await k.selectFrom('villages').select('village_code').where('village_code', '>', `${REGENCY}.`).where('village_code', '<', `${REGENCY}/`).orderBy('village_code').execute()).map((v) => v.village_code);
  return villages;
}

async function measure(db: Db, log: (l: string) => void): Promise<Measurement[]> {
  const k = db.kysely;
  const started = performance.now();
  const villages = await generate(db, PRODUCTS);
  const generated = (performance.now() - started) / 1000;
  const out: Measurement[] = [{ what: `${PRODUCTS.toLocaleString('en-US')} products of ${villages.length * 2} sellers in ${villages.length} villages (bulk SQL)`, database: db.kind, rows: PRODUCTS, seconds: generated, note: 'names from a 20 × 20 × 10 word list' }];
  const anon: UseCaseContext = { db, actor: null, ip: 'bench', lang: 'id' };

  // The search, each query after two warm-up rounds.
  for (const [what, input] of QUERIES) {
    for (let i = 0; i < 2; i++) await searchProducts(anon, input);
    const found = (await searchProducts(anon, input)).products.length;
    out.push(latency(db.kind, `search across ${PRODUCTS.toLocaleString('en-US')} products: ${what}, ${found} shown`, await timed(ROUNDS, () => searchProducts(anon, input)), SEARCH_TARGET_MS, log));
  }

  // A product with a real photo, added through the service as a seller would (a 12-megapixel phone photo).
  const village = villages[0]!;
  const seller = await k.selectFrom('market_sellers').select('id').where('village_code', '=', village).where('kind', '=', 'bumdes').executeTakeFirstOrThrow();
  const user = await k.insertInto('users').values({ username: 'bench.operator', password_hash: 'x', full_name: 'Operator Bench', role: 'village_operator', region_code: village, position_title: null, nip: null, email: null, phone: null, created_by: null }).returning('id').executeTakeFirstOrThrow();
  const office: UseCaseContext = { db, ip: 'bench', lang: 'id', actor: { kind: 'user', id: Number(user.id), username: 'bench.operator', fullName: 'Operator Bench', role: 'village_operator', regionCode: village, language: 'id' } };
  const photo = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#8a5a2b' }, }).composite([{ input: Buffer.from('<svg width="4000" height="3000"><circle cx="2000" cy="1500" r="1200" fill="#e8c07d"/><text x="600" y="500" font-size="300">Keripik</text></svg>') }]).jpeg({ quality: 92 }).toBuffer();
  const { id } = await addProduct(office, village, Number(seller.id), { name: 'Keripik Pisang Kepok Manis Asli Lampung', category: 'makanan', unit: 'bungkus 250 g', price: '15000', stock: '100', weight_grams: '250', pirt_no: '2061802010123-27', description: 'Keripik pisang kepok dari kebun desa, digoreng setiap pagi tanpa pengawet. Renyah dan manis alami.' }, [new Uint8Array(photo)]);
  const app = createApp({ db, secureCookies: false });
  const path = `/pasar/${village}/produk/${id}`;
  const res = await app.request(path);
  const html = await res.text();
  const css = readFileSync(join(projectRoot, 'web', 'app.css'));
  const photoPath = /src="(\/pasar\/foto\/[^"]+)"/.exec(html)![1]!;
  const photoBytes = (await (await app.request(photoPath)).arrayBuffer()).byteLength;
  const icon = readFileSync(join(projectRoot, 'web', 'favicon.svg'));
  const bytes = gzipSync(html).length + gzipSync(css).length + gzipSync(icon).length + photoBytes;
  const ms: number[] = [];
  for (let i = 0; i < 3; i++) await (await app.request(path)).arrayBuffer();
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await (await app.request(path)).arrayBuffer();
    ms.push(performance.now() - t0);
  }
  const page = latency(db.kind, 'product page, server time (not logged in)', ms, PAGE_TARGET_MS, log);
  out.push(page);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const verdict = bytes <= PAGE_TARGET_BYTES ? 'met' : 'MISSED';
  log(`${db.kind} · product page on a phone: ${kb(bytes)} (${verdict})`);
  out.push({ what: 'product page as a phone downloads it: page and stylesheet gzipped, icon, the photo', database: db.kind, rows: 1, seconds: 0,
    note: `${kb(bytes)} = page ${kb(gzipSync(html).length)} + stylesheet ${kb(gzipSync(css).length)} + icon ${kb(gzipSync(icon).length)} + photo ${kb(photoBytes)}; target ≤ 60 KB: ${verdict}` });

  // 50 buyers at once on 10 products of 3 items: 30 orders, the rest told "sold out".
  const items = await Promise.all(Array.from({ length: 10 }, (_, i) => addProduct(office, village, Number(seller.id), { name: `Madu Hutan Botol ${i + 1}`, category: 'makanan', unit: 'botol', price: '95000', stock: '3' }, [])));
  const t0 = performance.now();
  const orders = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => {
    const t = performance.now();
    return placeOrder(anon, buyerOf(null, `0813${String(i).padStart(8, '0')}`), village, String(items[i % 10]!.id), { order_quantity: '1', name: `Pembeli ${i}`, delivery: 'pickup', payment: 'cod' }).then((r) => ({ r, ms: performance.now() - t }));
  }));
  const seconds = (performance.now() - t0) / 1000;
  const placed = orders.filter((o) => o.status === 'fulfilled').length;
  const refused = orders.filter((o) => o.status === 'rejected' && /sold_out|stock_left/.test(String((o.reason as { key?: string }).key))).length;
  const left = await sql<{ s: string; min: number }>`select sum(stock)::text as s, min(stock) as min from market_products where village_code = ${village} and id in (${sql.join(items.map((i) => i.id))})`.execute(k);
  const sold = await sql<{ q: string }>`select coalesce(sum(quantity), 0)::text as q from market_order_lines where village_code = ${village} and product_id in (${sql.join(items.map((i) => i.id))})`.execute(k);
  if (placed !== 30 || refused !== 20 || left.rows[0]!.s !== '0' || sold.rows[0]!.q !== '30') throw new Error(`oversold? ${placed} placed, ${refused} sold out, ${left.rows[0]!.s} left, ${sold.rows[0]!.q} in orders`);
  log(`${db.kind} · 50 concurrent orders on 10 × 3 items: ${placed} placed, ${refused} told sold out, stock 0, 30 in the orders`);
  out.push({ what: '50 buyers at once on 10 products of 3 items each', database: db.kind, rows: 50, seconds, note: `${placed} orders placed, ${refused} told sold out; stock left 0, items in orders 30: never oversold` });
  out.push(...(await measureCarts(db, app, villages, log)));
  return out;
}

/**
 * Carts: six products of three shops in two villages, ten of each; the cart page with all six, and
 * twenty buyers checking out the same six at once, each listing them in its own order: ten
 * checkouts of three orders, ten refused whole, never oversold.
 */
async function measureCarts(db: Db, app: ReturnType<typeof createApp>, villages: string[], log: (l: string) => void): Promise<Measurement[]> {
  const k = db.kysely;
  const shops = await sql<{ village_code: string; id: number }>`select village_code, id from market_sellers
    where village_code in (${villages[0]!}, ${villages[1]!}) and (village_code = ${villages[0]!} or kind = 'bumdes') order by village_code, id`.execute(k);
  const lines: CartLine[] = [];
  for (const shop of shops.rows) {
    for (const n of [1, 2]) {
      const { id } = await k.insertInto('market_products').values({ village_code: shop.village_code, seller_id: Number(shop.id), name: `Kopi Keranjang ${shop.id}-${n}`, category: 'minuman', unit: 'bungkus', price: '25000', stock: 10 }).returning('id').executeTakeFirstOrThrow();
      lines.push({ village: shop.village_code, productId: Number(id), quantity: 1 });
    }
  }
  const cookie = `${CART_COOKIE}=${writeCart(lines)}`;
  for (let i = 0; i < 3; i++) await (await app.request('/pasar/keranjang', { headers: { cookie } })).arrayBuffer();
  const page = latency(db.kind, `cart page with ${lines.length} products of ${shops.rows.length} shops in 2 villages, server time`, await timed(ROUNDS, async () => (await app.request('/pasar/keranjang', { headers: { cookie } })).arrayBuffer()), null, log);
  const anon: UseCaseContext = { db, actor: null, ip: 'bench', lang: 'id' };
  const ms: number[] = [];
  const t0 = performance.now();
  const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => {
    const t = performance.now();
    const mine = lines.map((l, j) => ({ l, key: (j * 7 + i * 5) % 11 })).sort((a, b) => a.key - b.key).map((x) => x.l);
    return placeOrders(anon, buyerOf(null, `0814${String(i).padStart(8, '0')}`), mine, { name: `Pembeli Keranjang ${i}`, delivery: 'pickup', payment: 'cod' }).then((r) => { ms.push(performance.now() - t); return r; });
  }));
  const seconds = (performance.now() - t0) / 1000;
  const done = results.filter((r) => r.status === 'fulfilled');
  const refused = results.filter((r) => r.status === 'rejected' && /cart_(sold_out|stock_left)/.test(String((r.reason as { key?: string }).key))).length;
  const orders = done.reduce((n, r) => n + (r as PromiseFulfilledResult<unknown[]>).value.length, 0);
  const left = await sql<{ s: string }>`select sum(stock)::text as s from market_products where (village_code, id) in (${sql.join(lines.map((l) => sql`(${l.village}, ${l.productId}::bigint)`))})`.execute(k);
  if (done.length !== 10 || refused !== 10 || left.rows[0]!.s !== '0') throw new Error(`cart oversold? ${done.length} checkouts, ${refused} refused, ${left.rows[0]!.s} left`);
  log(`${db.kind} · 20 carts of the same 6 products at once: ${done.length} checkouts (${orders} orders), ${refused} refused whole, stock 0`);
  return [page,
    { what: '20 buyers at once checking out carts of the same 6 products of 3 shops (10 of each), in 20 different orders', database: db.kind, rows: 20, seconds,
      note: `${done.length} checkouts of ${orders / Math.max(done.length, 1)} orders each, ${refused} refused whole, stock left 0, no deadlock; a checkout p95 ${percentile(ms, 95).toFixed(0)} ms` }];
}

export const benchmark: Benchmark = {
  name: 'market',
  description: `the village market: search across ${PRODUCTS.toLocaleString('en-US')} products (≤ ${SEARCH_TARGET_MS} ms p95), the product page (≤ ${PAGE_TARGET_MS} ms p95, ≤ 60 KB), 50 concurrent orders on 10 items`,
  async run(log) {
    const engines = (process.env.BENCH_ENGINES ?? 'postgresql,pglite').split(',');
    const a = engines.includes('postgresql') ? ((await withPostgres((db) => measure(db, log), log)) ?? []) : [];
    const b = engines.includes('pglite') ? await withPglite((db) => measure(db, log)) : [];
    return [...a, ...b];
  },
};
