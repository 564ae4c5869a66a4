import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import type { UseCaseContext } from '../../platform/context.js';
import { formatRupiah } from '../../platform/format/format.js';
import { DEMO_CITIZEN } from '../demo/seed-demo.js';
import { buyerOf, placeOrder } from './orders.service.js';
import { registerVillageSeller } from './sellers.service.js';
import { addProduct } from './products.service.js';
import { rebuildMarketRollup } from './rollup.js';
import { sellerSteps } from './catalog.js';
import { paymentGateway, type TestGateway } from './payment-gateway.js';

const V = '18.09.10.2004';
let t: TestApp;
let operator: Client;
let otherVillage: Client;
let citizen: Client;
let office: UseCaseContext;
let shopId = 0;
let productId = 0;
let orderCode = '';
let buyer: Client;

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const db = () => t.db.kysely;
const jpeg = (w: number, h: number) => sharp({ create: { width: w, height: h, channels: 3, background: '#b5651d' } }).jpeg().toBuffer();
const stockOf = async (id: number) => (await db().selectFrom('market_products').select('stock').where('village_code', '=', V).where('id', '=', id).executeTakeFirstOrThrow()).stock;
/** The last message queued to a phone, as the buyer would read it on WhatsApp. */
const lastMessageTo = async (phone: string) => (await db().selectFrom('notification_outbox').select('body').where('recipient', '=', phone).orderBy('id', 'desc').executeTakeFirstOrThrow()).body;
const cookieOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

/** A multipart post of a shop's product form, photos included, as a phone's browser sends it. */
function postProduct(client: Client, path: string, fields: Record<string, string>, photos: Buffer[]) {
  const body = new FormData();
  body.set('_csrf', client.csrf);
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  for (const [i, p] of photos.entries()) body.append('photos', new Blob([new Uint8Array(p)], { type: 'image/jpeg' }), `foto${i}.jpg`);
  return client.request(path, { method: 'POST', body });
}

beforeAll(async () => {
  t = await createTestApp({ population: true, citizen: true });
  [operator, otherVillage] = await Promise.all([t.login('hanura'), t.login('batumenyan')]);
  const user = await db().selectFrom('users').select('id').where('username', '=', 'hanura').executeTakeFirstOrThrow();
  office = { db: t.db, actor: { kind: 'user', id: Number(user.id), username: 'hanura', fullName: 'Operator Desa Hanura', role: 'village_operator', regionCode: V, language: 'id' }, ip: 'test', lang: 'id' };
  citizen = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
});
afterAll(() => t?.close());

describe('the village marketplace', () => {
  it('a resident registers a small business; it sells only once the village has verified it', async () => {
    expect((await citizen.get('/warga/toko')).status).toBe(200);
    const res = await citizen.form('/warga/toko', { name: 'Keripik Pisang Bu Sari', phone: '0812-3456-7001', address: 'Dusun I, Hanura', description: 'Keripik pisang kepok, digoreng tiap pagi.' });
    expect(res.status).toBe(303);
    const seller = await db().selectFrom('market_sellers').selectAll().where('village_code', '=', V).where('name', '=', 'Keripik Pisang Bu Sari').executeTakeFirstOrThrow();
    shopId = Number(seller.id);
    expect(seller).toMatchObject({ kind: 'umkm', status: 'pending', phone: '081234567001' });
    // One business per resident.
    expect((await citizen.form('/warga/toko', { name: 'Usaha Kedua', phone: '081234567002', address: 'Dusun I' })).status).toBe(409);
    // Not verified yet: no product can be listed, and nothing is public.
    expect((await postProduct(citizen, '/warga/toko/produk', { name: 'Keripik', category: 'makanan', unit: 'bungkus', price: '15000', stock: '5' }, [])).status).toBe(409);
    expect((await t.anonymous.get(`/pasar/${V}/penjual/${shopId}`)).status).toBe(404);
    // The village sees it waiting; another village's operator cannot open the page.
    expect(await text(await operator.get(`/desa/${V}/pasar`))).toContain('Keripik Pisang Bu Sari');
    expect((await otherVillage.get(`/desa/${V}/pasar`)).status).toBe(403);
    expect((await otherVillage.form(`/desa/${V}/pasar/penjual/${shopId}/status`, { decision: 'verified' })).status).toBe(403);
    // A refusal needs its reason, named.
    const noReason = await operator.form(`/desa/${V}/pasar/penjual/${shopId}/status`, { decision: 'refused' });
    expect(noReason.status).toBe(400);
    expect(await text(noReason)).toContain('Alasan');
    expect((await operator.form(`/desa/${V}/pasar/penjual/${shopId}/status`, { decision: 'verified' })).status).toBe(303);
    expect(await lastMessageTo('081234567001')).toContain('telah diverifikasi desa');
  });

  it('lists products with photos made small for phones, found by search across villages, text shown as text', async () => {
    const big = await jpeg(2000, 1500);
    const res = await postProduct(citizen, '/warga/toko/produk', {
      name: 'Keripik Pisang Kepok <b>Manis</b>', category: 'makanan', unit: 'bungkus', price: 'Rp15.000', stock: '3', weight_grams: '250', pirt_no: '2061809010123-27', description: 'Renyah.\n<script>alert(1)</script>',
    }, [big, await jpeg(600, 800)]);
    expect(res.status).toBe(303);
    const product = await db().selectFrom('market_products').selectAll().where('village_code', '=', V).where('seller_id', '=', shopId).executeTakeFirstOrThrow();
    productId = Number(product.id);
    expect(product).toMatchObject({ price: '15000', stock: 3, weight_grams: 250, active: true });
    const photos = await db().selectFrom('market_product_photos').select(['id', 'large', 'small', 'width', 'height']).where('village_code', '=', V).where('product_id', '=', productId).orderBy('position').execute();
    expect(photos).toHaveLength(2);
    expect([photos[0]!.width, photos[0]!.height]).toEqual([1280, 960]);
    const small = await sharp(Buffer.from(photos[0]!.small)).metadata();
    expect(Math.max(small.width!, small.height!)).toBe(360);
    // A file that is not a photo is refused by its content, whatever its name says.
    const fake = await postProduct(citizen, '/warga/toko/produk', { name: 'Palsu', category: 'makanan', unit: 'buah', price: '1000', stock: '1' }, [Buffer.from('bukan foto sama sekali')]);
    expect(fake.status).toBe(415);
    // A price with sen is refused, naming the field.
    const sen = await postProduct(citizen, '/warga/toko/produk', { name: 'Gula Aren', category: 'makanan', unit: 'kg', price: '15.000,50', stock: '1' }, []);
    expect(sen.status).toBe(400);
    expect(await text(sen)).toContain('Harga');

    // Search: part of the name in any case, across every village, narrowed by category and region.
    const found = await text(await t.anonymous.get('/pasar?q=KERIPIK%20pisang'));
    expect(found).toContain('Keripik Pisang Kepok &lt;b&gt;Manis&lt;/b&gt;');
    expect(found).toContain('Rp15.000');
    expect(await text(await t.anonymous.get('/pasar?q=keripik&kategori=kerajinan'))).not.toContain('Keripik Pisang Kepok');
    expect(await text(await t.anonymous.get('/pasar?q=keripik&wilayah=18.01'))).not.toContain('Keripik Pisang Kepok');
    expect(await text(await t.anonymous.get('/pasar?q=keripik&wilayah=18.09.10'))).toContain('Keripik Pisang Kepok');
    // A % in the search is a character, not "anything".
    expect(await text(await t.anonymous.get('/pasar?q=%25'))).not.toContain('Keripik Pisang Kepok');

    const page = await t.anonymous.get(`/pasar/${V}/produk/${productId}`);
    const html = await page.text();
    expect(html).toContain('<meta property="og:title" content="Keripik Pisang Kepok &lt;b&gt;Manis&lt;/b&gt;"/>');
    expect(html).toContain(`/pasar/foto/${V}/${photos[0]!.id}/kecil`);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html.length).toBeLessThan(20_000);
    const photo = await t.anonymous.get(`/pasar/foto/${V}/${photos[0]!.id}/kecil`);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect((await photo.arrayBuffer()).byteLength).toBeLessThan(30_000);
  });

  it('a buyer proves a phone with a code and orders with cash on delivery; the seller and the buyer follow each step', async () => {
    const anon = new Client(t.app, '', '', { 'x-forwarded-for': '10.9.9.9' });
    const form = await anon.get(`/pasar/${V}/produk/${productId}/pesan?jumlah=2`);
    expect(await text(form)).toContain('Kirim kode ke HP saya');
    const fields = { order_quantity: '2', name: 'Rina Pembeli', phone: '+62 813-1111-2222', delivery: 'pickup', payment: 'cod' };
    const sent = await anon.form(`/pasar/${V}/produk/${productId}/pesan`, { ...fields, step: 'code' }, false);
    expect(sent.status).toBe(200);
    expect(await text(sent)).toContain('Kode sudah dikirim ke 081311112222');
    const code = /(\d{6})/.exec(await lastMessageTo('081311112222'))![1]!;
    const wrong = await anon.form(`/pasar/${V}/produk/${productId}/pesan`, { ...fields, otp: code === '000000' ? '111111' : '000000', step: 'order' }, false);
    expect(wrong.status).toBe(400);
    expect(await text(wrong)).toContain('kode salah');
    expect(await stockOf(productId)).toBe(3);
    const placed = await anon.form(`/pasar/${V}/produk/${productId}/pesan`, { ...fields, otp: code, step: 'order' }, false);
    expect(placed.status).toBe(303);
    const orderPath = placed.headers.get('location')!.split('?')[0]!;
    orderCode = orderPath.split('/').pop()!;
    buyer = new Client(t.app, cookieOf(placed));
    expect(await stockOf(productId)).toBe(1);
    // The code is spent: it cannot prove the phone again.
    expect((await anon.form(`/pasar/${V}/produk/${productId}/pesan`, { ...fields, otp: code, step: 'order' }, false)).status).toBe(400);

    const mine = await text(await buyer.get(orderPath));
    expect(mine).toContain('Dipesan');
    expect(mine).toContain('Rp30.000');
    // Only the buyer opens the order: nobody else, not even by its code.
    expect((await t.anonymous.get(orderPath)).status).toBe(404);
    expect(await lastMessageTo('081234567001')).toContain(`Pesanan baru ${orderCode}`);

    // The seller sees the buyer's contact; the public pages never show it.
    const shop = await text(await citizen.get('/warga/toko'));
    expect(shop).toContain(orderCode);
    const order = await db().selectFrom('market_orders').select('id').where('village_code', '=', V).where('code', '=', orderCode).executeTakeFirstOrThrow();
    const detail = await text(await citizen.get(`/warga/toko/pesanan/${order.id}`));
    expect(detail).toContain('081311112222');
    expect(await text(await t.anonymous.get(`/pasar/${V}/produk/${productId}`))).not.toContain('081311112222');
    expect(await text(await t.anonymous.get(`/pasar/${V}/penjual/${shopId}`))).not.toContain('081311112222');
    // The village's officers see it too, to settle a dispute; the read is logged.
    expect(await text(await operator.get(`/desa/${V}/pasar/pesanan`))).toContain('081311112222');
    expect(await db().selectFrom('audit_log').select('id').where('action', '=', 'market.orders_read').executeTakeFirst()).toBeTruthy();

    // Pick-up with cash: confirm, ready, done — never "shipped".
    const base = `/warga/toko/pesanan/${order.id}`;
    expect((await citizen.form(`${base}/langkah`, { status: 'shipped' })).status).toBe(409);
    expect((await citizen.form(`${base}/langkah`, { status: 'confirmed' })).status).toBe(303);
    // Confirmed: the buyer can no longer cancel.
    expect((await buyer.form(`${orderPath}/batal`, {}, false)).status).toBe(409);
    expect((await citizen.form(`${base}/langkah`, { status: 'ready', note: 'Ambil di Balai Desa jam 9' })).status).toBe(303);
    expect(await lastMessageTo('081311112222')).toContain('siap diambil');
    expect((await buyer.form(`${orderPath}/pesan`, { message: 'Saya datang jam 10, ya.' }, false)).status).toBe(303);
    expect((await citizen.form(`${base}/langkah`, { status: 'done' })).status).toBe(303);
    const steps = await text(await buyer.get(orderPath));
    for (const s of ['Dipesan', 'Dikonfirmasi penjual', 'Siap diambil', 'Ambil di Balai Desa jam 9', 'Saya datang jam 10, ya.', 'Selesai']) expect(steps).toContain(s);
    // The day's sales count it, exactly.
    const sales = await db().selectFrom('monitoring_market').select(['orders', 'value', 'items']).where('village_code', '=', V).where('seller_kind', '=', 'umkm').executeTakeFirstOrThrow();
    expect(sales).toEqual({ orders: 1, value: '30000', items: 2 });
  });

  it('a buyer paying by transfer sends the receipt; only the seller sees it, and only until the payment is recorded', async () => {
    const placed = await buyer.form(`/pasar/${V}/produk/${productId}/pesan`, { order_quantity: '1', name: 'Rina Pembeli', delivery: 'pickup', payment: 'transfer', step: 'order' }, false);
    expect(placed.status).toBe(303);
    const orderPath = placed.headers.get('location')!.split('?')[0]!;
    expect(await text(await buyer.get(orderPath))).toContain('Unggah bukti transfer');
    const upload = (client: Client, bytes: Buffer) => {
      const body = new FormData();
      body.set('proof', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'bukti.jpg');
      return client.request(`${orderPath}/bukti`, { method: 'POST', body });
    };
    const receipt = await jpeg(1080, 1920);
    // Nobody but the buyer; nothing but a photo.
    expect((await upload(t.anonymous, receipt)).status).toBe(404);
    expect((await upload(buyer, Buffer.from('%PDF-1.4 bukan foto'))).status).toBe(415);
    expect((await upload(buyer, receipt)).status).toBe(303);
    expect(await text(await buyer.get(orderPath))).toContain('Bukti transfer sudah diunggah');
    expect(await lastMessageTo('081234567001')).toContain('mengunggah bukti transfer');
    const order = await db().selectFrom('market_orders').select('id').where('village_code', '=', V).where('code', '=', orderPath.split('/').pop()!).executeTakeFirstOrThrow();
    const shopOrderPath = `/warga/toko/pesanan/${order.id}`;
    expect(await (await citizen.get(shopOrderPath)).text()).toContain(`${shopOrderPath}/bukti`);
    const seen = await citizen.get(`${shopOrderPath}/bukti`);
    expect(seen.headers.get('content-type')).toBe('image/jpeg');
    expect(seen.headers.get('cache-control')).toBe('private, no-store');
    expect((await sharp(Buffer.from(await seen.arrayBuffer())).metadata()).exif).toBeUndefined();
    expect((await operator.get(`/desa/${V}/pasar/toko/${shopId}/pesanan/${order.id}/bukti`)).status).toBe(404);
    // Recorded as paid: no more receipts.
    expect((await citizen.form(`${shopOrderPath}/langkah`, { status: 'confirmed' })).status).toBe(303);
    expect((await citizen.form(`${shopOrderPath}/langkah`, { status: 'paid' })).status).toBe(303);
    expect((await upload(buyer, receipt)).status).toBe(409);
  });

  it('never oversells: concurrent orders for the last items get the stock once, the rest are told it is sold out', async () => {
    // The demo village has its BUMDes already: a second is refused, naming why.
    await expect(registerVillageSeller(office, V, { kind: 'bumdes', name: 'BUMDes Hanura Jaya', legal_name: 'BUMDes Hanura Jaya', deed_no: 'Perdes 3/2021', registration_no: 'AHU-0001234', phone: '0721555111', address: 'Balai Desa Hanura' }))
      .rejects.toMatchObject({ key: 'market.bumdes_exists' });
    const koperasi = await registerVillageSeller(office, V, { kind: 'koperasi', name: 'Koperasi Tani Hanura', phone: '0721555112', address: 'Balai Desa Hanura' });
    const { id } = await addProduct(office, V, koperasi.id, { name: 'Beras Organik Hanura', category: 'hasil_tani', unit: 'karung 5 kg', price: '75000', stock: '5' }, []);
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) =>
      placeOrder({ ...office, actor: null }, buyerOf(null, `0813000000${String(i).padStart(2, '0')}`), V, String(id), { order_quantity: '1', name: `Pembeli ${i}`, delivery: 'pickup', payment: 'cod' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(15);
    for (const r of refused) expect(String(r.reason.key)).toMatch(/sold_out|stock_left/);
    expect(await stockOf(id)).toBe(0);
    const lines = await db().selectFrom('market_order_lines').select(db().fn.sum<string>('quantity').as('q')).where('village_code', '=', V).where('product_id', '=', id).executeTakeFirstOrThrow();
    expect(Number(lines.q)).toBe(5);
    // The product page says so, and the order form is gone.
    const page = await text(await t.anonymous.get(`/pasar/${V}/produk/${id}`));
    expect(page).toContain('Habis');
    expect(page).not.toContain('Pesan ');
  });

  it('the dashboards count sellers and sales per region, with the BUMDes turnover, and the Excel file', async () => {
    // The rollup's value is the sum of the orders not cancelled, the BUMDes's share its own.
    const sums = await sql<{ all: string; bumdes: string }>`select sum(o.total)::text as all, (sum(o.total) filter (where s.kind = 'bumdes'))::text as bumdes
      from market_orders o join market_sellers s on s.village_code = o.village_code and s.id = o.seller_id where o.village_code = ${V} and o.status <> 'cancelled'`.execute(db());
    const { all, bumdes } = sums.rows[0]!;
    expect(BigInt(all)).toBeGreaterThan(BigInt(bumdes));
    // Counted again from the orders, the rollup says the same.
    const before = await db().selectFrom('monitoring_market').selectAll().where('village_code', '=', V).orderBy('day').orderBy('seller_kind').execute();
    await db().transaction().execute((trx) => rebuildMarketRollup(trx, V));
    expect(await db().selectFrom('monitoring_market').selectAll().where('village_code', '=', V).orderBy('day').orderBy('seller_kind').execute()).toEqual(before);
    const page = await text(await operator.get(`/pantau/${V}/pasar`));
    expect(page).toContain(formatRupiah(all));
    expect(page).toContain(formatRupiah(bumdes));
    const district = await t.login('telukpandan');
    expect((await district.get('/pantau/18.09/pasar')).status).toBe(403);
    expect(await text(await district.get('/pantau/18.09.10/pasar'))).toContain(formatRupiah(all));
    expect((await district.get('/pantau/18.09.10/pasar.xlsx')).status).toBe(200);
  });

  it('the BUMDes\'s public page shows the capital the village put into it by its adopted APBDes; a small business\'s does not', async () => {
    const bumdes = await db().selectFrom('market_sellers').select('id').where('village_code', '=', V).where('kind', '=', 'bumdes').executeTakeFirstOrThrow();
    // The sum of the 6.2.2 lines of the budget in force, per year, as the budget keeps them.
    const capital = await sql<{ year: number; amount: string }>`select b.year, sum(l.amount)::text as amount from budgets b join budget_lines l on l.village_code = b.village_code and l.budget_id = b.id
      where b.village_code = ${V} and b.status = 'adopted' and l.account_code like '6.2.2%' group by b.year`.execute(db());
    expect(capital.rows.length).toBeGreaterThan(0);
    const page = await text(await t.anonymous.get(`/pasar/${V}/penjual/${bumdes.id}`));
    expect(page).toContain('Penyertaan modal desa (APBDes, rekening 6.2.2)');
    for (const row of capital.rows) expect(page).toContain(`${row.year} ${formatRupiah(row.amount)}`);
    const umkm = await db().selectFrom('market_sellers').select('id').where('village_code', '=', V).where('kind', '=', 'umkm').where('status', '=', 'verified').executeTakeFirstOrThrow();
    expect(await text(await t.anonymous.get(`/pasar/${V}/penjual/${umkm.id}`))).not.toContain('Penyertaan modal');
  });

  it('a buyer pays online through the gateway: the order is paid by its signed notice alone, once; a forged or short notice changes nothing', async () => {
    const gula = await db().selectFrom('market_products').select(['id', 'stock']).where('village_code', '=', V).where('name', '=', 'Gula Aren Cetak').executeTakeFirstOrThrow();
    const form = await text(await citizen.get(`/pasar/${V}/produk/${gula.id}/pesan`));
    expect(form).toContain('Bayar online (virtual account, QRIS, e-wallet) (mode uji: tidak ada uang berpindah)');
    const placed = await citizen.form(`/pasar/${V}/produk/${gula.id}/pesan`, { order_quantity: '2', name: 'Budi Santoso', phone: '081277770001', delivery: 'pickup', payment: 'gateway' });
    expect(placed.status).toBe(303);
    const orderPath = placed.headers.get('location')!.split('?')[0]!;
    const code = orderPath.split('/').pop()!;
    const order = () => db().selectFrom('market_orders').select(['id', 'status', 'payment_ref', 'total']).where('village_code', '=', V).where('code', '=', code).executeTakeFirstOrThrow();
    expect(await text(await citizen.get(orderPath))).toContain('Bayar online sekarang: Rp56.000');
    // The seller cannot mark it paid, nor hand it over before the gateway says so.
    expect(sellerSteps({ status: 'confirmed', payment: 'gateway', delivery: 'pickup' })).toEqual(['cancelled']);
    expect(sellerSteps({ status: 'paid', payment: 'gateway', delivery: 'pickup' })).toEqual(['ready', 'cancelled']);

    const go = await citizen.form(`${orderPath}/bayar`, {});
    expect(go.status).toBe(303);
    const payUrl = go.headers.get('location')!;
    expect(payUrl).toBe(`/pasar/bayar-uji?kunci=${encodeURIComponent(`${V}-${code}`)}`);
    expect(await text(await citizen.get(payUrl))).toContain('Bayar Rp56.000');
    // Nobody else reaches the buyer's payment page.
    expect((await t.anonymous.get(payUrl)).status).toBe(404);

    // A notice not signed by the gateway is refused; so is a tampered one.
    const gateway = paymentGateway() as TestGateway;
    const forged = JSON.stringify({ key: `${V}-${code}`, reference: 'PALSU-1', state: 'paid', amount: '56000' });
    const post = (body: string, signature: string) => t.anonymous.request('/api/v1/market/payments/notice', { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-balai-signature': signature } });
    expect((await post(forged, 'ab'.repeat(32))).status).toBe(401);
    const real = gateway.notice({ key: `${V}-${code}`, reference: 'UJI-1', state: 'paid', amount: 56000n });
    expect((await post(real.body.replace('56000', '5600'), real.signature)).status).toBe(401);
    // A notice for less than the total is the gateway's, but does not pay the order.
    const short = gateway.notice({ key: `${V}-${code}`, reference: 'UJI-1', state: 'paid', amount: 5600n });
    expect((await post(short.body, short.signature)).status).toBe(409);
    expect((await order()).status).toBe('placed');

    // The buyer gives up once (noted, nothing paid), then pays.
    expect((await citizen.form('/pasar/bayar-uji', { kunci: `${V}-${code}`, hasil: 'gagal' })).status).toBe(303);
    expect((await order()).status).toBe('placed');
    expect(await text(await citizen.get(orderPath))).toContain('Pembayaran online gagal');
    expect((await citizen.form('/pasar/bayar-uji', { kunci: `${V}-${code}`, hasil: 'bayar' })).status).toBe(303);
    const paid = await order();
    expect(paid).toMatchObject({ status: 'paid', total: '56000' });
    expect(paid.payment_ref).toMatch(/^UJI-[0-9A-F]{12}$/);
    // The same notice again (gateways repeat them): answered, nothing changes.
    const again = gateway.notice({ key: `${V}-${code}`, reference: paid.payment_ref!, state: 'paid', amount: 56000n });
    const repeat = await post(again.body, again.signature);
    expect(repeat.status).toBe(200);
    expect((await repeat.json()).data).toEqual({ changed: false });
    const steps = await db().selectFrom('market_order_events').select(['status', 'by_buyer', 'by_user']).where('village_code', '=', V).where('order_id', '=', paid.id).where('status', '=', 'paid').execute();
    expect(steps).toEqual([{ status: 'paid', by_buyer: false, by_user: null }]);
    expect(await text(await citizen.get(orderPath))).toContain('pembayaran online: Sudah dibayar');
    expect(await lastMessageTo('081277770001')).toContain(`Pesanan ${code} dari toko "BUMDes Hanura Makmur" sudah dibayar online: Rp56.000`);
  });
});
