import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import type { UseCaseContext } from '../../platform/context.js';
import { DEMO_CITIZEN } from '../demo/seed-demo.js';
import { CART_COOKIE, readCart, writeCart } from './cart.js';
import { buyerOf, placeOrders } from './orders.service.js';
import { addProduct } from './products.service.js';
import { registerVillageSeller } from './sellers.service.js';

const V = '18.09.10.2004'; // Hanura
const W = '18.09.10.2001'; // Batu Menyan
let t: TestApp;
let hanura: UseCaseContext;
let batuMenyan: UseCaseContext;
const ids = { tea: 0, honey: 0, fish: 0 };

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const db = () => t.db.kysely;
const stockOf = async (village: string, id: number) => (await db().selectFrom('market_products').select('stock').where('village_code', '=', village).where('id', '=', id).executeTakeFirstOrThrow()).stock;
const lastMessageTo = async (phone: string) => (await db().selectFrom('notification_outbox').select('body').where('recipient', '=', phone).orderBy('id', 'desc').executeTakeFirstOrThrow()).body;
/** The cookies a response sets, merged over the ones the browser had (a deleted one is dropped). */
function browserCookies(had: string, res: Response) {
  const jar = new Map(had.split('; ').filter(Boolean).map((c) => [c.slice(0, c.indexOf('=')), c] as const));
  for (const set of res.headers.getSetCookie()) {
    const pair = set.split(';')[0]!;
    const name = pair.slice(0, pair.indexOf('='));
    if (/max-age=0/i.test(set) || pair.endsWith('=')) jar.delete(name);
    else jar.set(name, pair);
  }
  return [...jar.values()].join('; ');
}

async function officeOf(username: string, village: string): Promise<UseCaseContext> {
  const user = await db().selectFrom('users').select(['id', 'full_name']).where('username', '=', username).executeTakeFirstOrThrow();
  return { db: t.db, actor: { kind: 'user', id: Number(user.id), username, fullName: user.full_name, role: 'village_operator', regionCode: village, language: 'id' }, ip: 'test', lang: 'id' };
}

beforeAll(async () => {
  t = await createTestApp({ population: true, citizen: true });
  [hanura, batuMenyan] = await Promise.all([officeOf('hanura', V), officeOf('batumenyan', W)]);
  const koperasi = await registerVillageSeller(hanura, V, { kind: 'koperasi', name: 'Koperasi Wanita Hanura', phone: '0721555201', address: 'Balai Desa Hanura' });
  ids.tea = (await addProduct(hanura, V, koperasi.id, { name: 'Teh Daun Kelor', category: 'minuman', unit: 'bungkus', price: '12500', stock: '10' }, [])).id;
  ids.honey = (await addProduct(hanura, V, koperasi.id, { name: 'Madu Hutan', category: 'makanan', unit: 'botol', price: '95000', stock: '4' }, [])).id;
  const bumdes = await registerVillageSeller(batuMenyan, W, { kind: 'bumdes', name: 'BUMDes Batu Menyan Bahari', legal_name: 'BUMDes Batu Menyan Bahari', deed_no: 'Perdes 2/2022', registration_no: 'AHU-0099', phone: '0721555301', address: 'Pantai Batu Menyan' });
  ids.fish = (await addProduct(batuMenyan, W, bumdes.id, { name: 'Ikan Asin Teri', category: 'ternak_ikan', unit: 'kg', price: '60000', stock: '8' }, [])).id;
});
afterAll(() => t?.close());

describe('the buyer\'s cart', () => {
  it('keeps only lines that read as village, product and quantity; never more than twenty', () => {
    expect(readCart(`${V}-${ids.tea}-2_${W}-${ids.fish}-1`)).toEqual([{ village: V, productId: ids.tea, quantity: 2 }, { village: W, productId: ids.fish, quantity: 1 }]);
    // Junk, a region that is not a village, a zero or negative quantity, the same product twice: dropped.
    expect(readCart(`x_18.09-1-1_${V}-1-0_${V}-2--1_${V}-3-1-9_${V}-4-2_${V}-4-5`)).toEqual([{ village: V, productId: 4, quantity: 2 }]);
    expect(readCart('1'.repeat(5000))).toEqual([]);
    const many = Array.from({ length: 30 }, (_, i) => ({ village: V, productId: i + 1, quantity: 1 }));
    expect(readCart(writeCart(many))).toHaveLength(20);
  });

  it('a buyer fills a cart from two shops in two villages, changes it, and checks out once: one order per shop, stock taken, sales counted', async () => {
    let cookies = '';
    const browser = () => new Client(t.app, cookies, '', { 'x-forwarded-for': '10.7.7.7' });
    const post = async (path: string, fields: Record<string, string>) => {
      const res = await browser().form(path, fields, false);
      cookies = browserCookies(cookies, res);
      return res;
    };
    // "Pesan" on the product page still goes straight to the one-product order form.
    const direct = await post('/pasar/keranjang', { desa: V, produk: String(ids.tea), jumlah: '3', lanjut: 'pesan' });
    expect(direct.headers.get('location')).toBe(`/pasar/${V}/produk/${ids.tea}/pesan?jumlah=3`);
    expect(cookies).toBe('');
    for (const [village, id, n] of [[V, ids.tea, '2'], [V, ids.honey, '1'], [W, ids.fish, '1'], [V, ids.tea, '1']] as const) {
      const added = await post('/pasar/keranjang', { desa: village, produk: String(id), jumlah: n, lanjut: 'keranjang' });
      expect(added.status).toBe(303);
    }
    expect(cookies).toContain(CART_COOKIE);
    // A quantity that is not a whole number is refused, naming the field; the cart is unchanged.
    const bad = await post('/pasar/keranjang', { desa: V, produk: String(ids.tea), jumlah: 'dua', lanjut: 'keranjang' });
    expect(bad.status).toBe(400);
    expect(await text(bad)).toContain('Jumlah');
    let page = await text(await browser().get('/pasar/keranjang'));
    expect(page).toContain('Koperasi Wanita Hanura');
    expect(page).toContain('BUMDes Batu Menyan Bahari');
    expect(page).toContain('Rp12.500 per bungkus × 3 = Rp37.500');
    // Totals: Hanura 3 × 12.500 + 95.000 = 132.500; Batu Menyan 60.000; all 192.500.
    expect(page).toContain('Jumlah toko ini: Rp132.500');
    expect(page).toContain('Jumlah semua: Rp192.500');
    // More honey than there is is shown, and the checkout would be refused naming it.
    await post('/pasar/keranjang/ubah', { desa: V, produk: String(ids.honey), jumlah: '9' });
    page = await text(await browser().get('/pasar/keranjang'));
    expect(page).toContain('stok tinggal 4 botol');
    await post('/pasar/keranjang/ubah', { desa: V, produk: String(ids.honey), jumlah: '2' });

    const who = { name: 'Dewi Pembeli', phone: '0857-2222-3333', delivery: 'courier', address: 'Jl. Pantai 4, Bandar Lampung', payment: 'cod' };
    const sent = await post('/pasar/keranjang/pesan', { ...who, step: 'code' });
    expect(sent.status).toBe(200);
    expect(await text(sent)).toContain('Kode sudah dikirim ke 085722223333');
    const code = /(\d{6})/.exec(await lastMessageTo('085722223333'))![1]!;
    const placed = await post('/pasar/keranjang/pesan', { ...who, otp: code, step: 'order' });
    expect(placed.status).toBe(303);
    expect(placed.headers.get('location')).toBe('/pasar/pesanan-saya?dipesan=1');
    expect(cookies).not.toContain(CART_COOKIE);

    const orders = await db().selectFrom('market_orders').select(['village_code', 'id', 'code', 'total', 'delivery', 'buyer_address']).where('village_code', 'in', [V, W]).where('buyer_phone', '=', '085722223333').orderBy('village_code').execute();
    expect(orders.map((o) => [o.village_code, o.total])).toEqual([[W, '60000'], [V, '227500']]);
    for (const o of orders) {
      const lines = await db().selectFrom('market_order_lines').select(['quantity', 'subtotal']).where('village_code', '=', o.village_code).where('order_id', '=', o.id).execute();
      expect(lines.reduce((s, l) => s + BigInt(l.subtotal), 0n).toString()).toBe(o.total);
      expect(o.buyer_address).toBe('Jl. Pantai 4, Bandar Lampung');
    }
    expect([await stockOf(V, ids.tea), await stockOf(V, ids.honey), await stockOf(W, ids.fish)]).toEqual([7, 2, 7]);
    expect(await lastMessageTo('0721555201')).toContain('3 bungkus Teh Daun Kelor, 2 botol Madu Hutan; Rp227.500');
    expect(await lastMessageTo('0721555301')).toContain('1 kg Ikan Asin Teri; Rp60.000');
    const sales = await db().selectFrom('monitoring_market').select(['village_code', 'orders', 'value', 'items']).where('seller_kind', 'in', ['koperasi', 'bumdes']).where('village_code', 'in', [V, W]).execute();
    expect(sales.find((s) => s.village_code === W)).toMatchObject({ orders: 1, value: '60000', items: 1 });

    // The buyer finds both on "Pesanan saya"; a stranger sees none of them.
    const mine = await text(await browser().get('/pasar/pesanan-saya?dipesan=1'));
    for (const o of orders) expect(mine).toContain(o.code);
    expect(mine).toContain('satu untuk setiap toko');
    const stranger = await text(await t.anonymous.get('/pasar/pesanan-saya'));
    for (const o of orders) expect(stranger).not.toContain(o.code);
  });

  it('refuses the whole checkout when one line no longer holds, naming the product; nothing is taken', async () => {
    const buyer = buyerOf(null, '085799990000');
    const lines = [{ village: V, productId: ids.tea, quantity: 1 }, { village: W, productId: ids.fish, quantity: 50 }];
    await expect(placeOrders({ ...hanura, actor: null }, buyer, lines, { name: 'Budi', delivery: 'pickup', payment: 'cod' }))
      .rejects.toMatchObject({ key: 'market.cart_stock_left', params: { product: 'Ikan Asin Teri', left: 7 } });
    expect([await stockOf(V, ids.tea), await stockOf(W, ids.fish)]).toEqual([7, 7]);
    expect(await db().selectFrom('market_orders').select('id').where('village_code', 'in', [V, W]).where('buyer_phone', '=', '085799990000').execute()).toEqual([]);
    await expect(placeOrders({ ...hanura, actor: null }, buyer, [], { name: 'Budi', delivery: 'pickup', payment: 'cod' })).rejects.toMatchObject({ key: 'market.cart_empty' });
  });

  it('carts sharing products, checked out at the same time in opposite orders, never oversell and never wait on each other', async () => {
    // 7 teas and 7 fish left; 12 carts of one of each, half listing the fish first.
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => {
      const pair = [{ village: V, productId: ids.tea, quantity: 1 }, { village: W, productId: ids.fish, quantity: 1 }];
      return placeOrders({ ...hanura, actor: null }, buyerOf(null, `08570000${String(i).padStart(4, '0')}`), i % 2 ? pair.reverse() : pair, { name: `Pembeli ${i}`, delivery: 'pickup', payment: 'cod' });
    }));
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(results.length - refused.length).toBe(7);
    for (const r of refused) expect(String(r.reason.key)).toMatch(/^market\.cart_(sold_out|stock_left)$/);
    expect([await stockOf(V, ids.tea), await stockOf(W, ids.fish)]).toEqual([0, 0]);
  });

  it('a resident logged in orders from the cart and finds the order under "Pesanan saya"', async () => {
    const citizen = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
    const added = await citizen.form('/pasar/keranjang', { desa: V, produk: String(ids.honey), jumlah: '1', lanjut: 'keranjang' });
    const withCart = new Client(t.app, browserCookies(citizen.cookie, added), citizen.csrf);
    const placed = await withCart.form('/pasar/keranjang/pesan', { name: 'Warga Hanura', phone: '081200001111', delivery: 'pickup', payment: 'cod', step: 'order' });
    expect(placed.status).toBe(303);
    const orderPath = placed.headers.get('location')!.split('?')[0]!;
    expect(orderPath).toMatch(new RegExp(`^/pasar/pesanan/${V.replaceAll('.', '\\.')}/[A-Z2-9]{8}$`));
    expect(await text(await citizen.get('/pasar/pesanan-saya'))).toContain(orderPath.split('/').pop()!);
  });
});
