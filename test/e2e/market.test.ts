import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_CITIZEN } from '../../src/modules/demo/seed-demo.js';
import { logIn, phoneReady, submit, useE2E } from '../support/e2e-server.js';

/**
 * The village market's "done when", in Chromium on 360-px phones: a resident registers a small
 * business, the village verifies it, it lists three products with photos; a buyer finds one by
 * search and orders it with cash on delivery in at most 5 taps after the product page, proving
 * the phone with the code WhatsApp brings (a fake gateway here, the server's real HTTP channel);
 * the seller confirms and ships, and the buyer sees each step; two buyers ordering the last item
 * at the same moment get one order and one "sold out".
 */
let BASE: string;
let browser: Browser;

// The WhatsApp gateway the server posts to: it keeps each message, as a phone would show it.
const inbox: { to: string; message: string }[] = [];
const gateway = createServer((req, res) => {
  let body = '';
  req.on('data', (d) => (body += d));
  req.on('end', () => {
    inbox.push(JSON.parse(body) as { to: string; message: string });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
await new Promise<void>((done) => gateway.listen(0, '127.0.0.1', done));
afterAll(() => new Promise<void>((done) => gateway.close(() => done())));
useE2E((e2e) => ({ base: BASE, browser } = e2e), { BALAI_WHATSAPP_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`, BALAI_WHATSAPP_TOKEN: 'uji' });

const HANURA = '18.09.10.2004';
const PHONE = { width: 360, height: 740 };
const SHOP = 'Dapur Bu Budi';

async function phone(): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE });
  context.setDefaultTimeout(20_000);
  return context.newPage();
}
const notice = async (page: Page) => ((await page.locator('.notice').first().textContent()) ?? '').replace(/\s+/g, ' ');
/** The newest one-time code WhatsApp brought to a phone (the notification worker sends within seconds). */
async function codeFor(phoneNumber: string, after: number): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const m = inbox.slice(after).reverse().find((x) => x.to === phoneNumber && /Kode pesanan/.test(x.message));
    if (m) return /(\d{6})/.exec(m.message)![1]!;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no code reached ${phoneNumber}`);
}

/**
 * The buyer's path from a product page up to the last tap (the code typed in), counting the taps
 * after the product page; the last tap, "Pesan sekarang", is `place`.
 */
async function prepareOrder(buyer: Page, name: string, phoneNumber: string, options: { courier: boolean }) {
  let taps = 0;
  const tap = async (action: Promise<unknown>) => {
    taps++;
    await action;
  };
  await tap(submit(buyer, 'Pesan'));
  await phoneReady(buyer);
  await buyer.getByLabel(/^Nama Anda/).fill(name);
  await buyer.getByLabel(/^Nomor HP Anda/).fill(phoneNumber);
  if (options.courier) {
    await tap(buyer.getByLabel(/Diantar kurir penjual/).check());
    await buyer.getByLabel('Alamat pengiriman').fill('Jl. Raya Hanura No. 12, Teluk Pandan');
  }
  const sent = inbox.length;
  await tap(submit(buyer, 'Kirim kode ke HP saya'));
  expect(await notice(buyer)).toContain('Kode sudah dikirim ke');
  await buyer.getByLabel(/^Kode dari HP/).fill(await codeFor(phoneNumber.replace(/[\s-]/g, ''), sent));
  return taps + 1;
}
const place = (buyer: Page) => submit(buyer, 'Pesan sekarang');

describe('the village market in Chromium', () => {
  it('a resident opens a shop, the village verifies it, a buyer orders by search with cash on delivery, the seller ships, the last item sells once', { timeout: 600_000 }, async () => {
    // 1. A resident (the demo citizen, NIK and PIN) registers a small business from self-service.
    const seller = await phone();
    await seller.goto(`${BASE}/warga/masuk`);
    await seller.getByLabel('NIK').fill(DEMO_CITIZEN.nik);
    await seller.getByLabel('PIN').fill(DEMO_CITIZEN.pin);
    await seller.getByRole('button', { name: 'Masuk' }).click();
    await seller.waitForURL(`${BASE}/warga`);
    await seller.getByRole('link', { name: 'Jualan di Pasar Desa' }).click();
    await seller.waitForURL(`${BASE}/warga/toko`);
    await phoneReady(seller);
    await seller.getByLabel(/^Nama usaha/).fill(SHOP);
    await seller.getByLabel(/^Nomor HP toko/).fill('0812 7940 0021');
    await seller.getByLabel(/^Alamat usaha/).fill('Dusun I, Hanura');
    await seller.getByLabel('Keterangan').fill('Keripik, sambal dan kue kering buatan rumah.');
    await submit(seller, 'Daftarkan');
    expect(await notice(seller)).toContain('Tersimpan');
    expect(await seller.locator('main').textContent()).toContain('Menunggu verifikasi desa');
    await phoneReady(seller);

    // 2. The village's operator verifies it from the village home page.
    const op = await phone();
    await logIn(op, BASE, 'hanura');
    await op.getByRole('link', { name: 'Pasar desa: penjual, toko BUMDes, pesanan' }).click();
    await op.waitForURL(`${BASE}/desa/${HANURA}/pasar`);
    await phoneReady(op);
    const card = op.locator('ul.cards > li', { hasText: SHOP });
    await submit(op, 'Verifikasi', card);
    expect(await notice(op)).toContain('Tersimpan');
    expect(await op.locator('ul.cards > li', { hasText: SHOP }).textContent()).toContain('Terverifikasi');

    // 3. The shop lists three products with photos; the last has one item left.
    const products = [
      { name: 'Keripik Tempe Renyah Bu Budi', category: 'Makanan olahan', price: '12.000', unit: 'bungkus', stock: '10', color: '#c9a227' },
      { name: 'Sambal Lingkung Botol', category: 'Makanan olahan', price: '25.000', unit: 'botol', stock: '5', color: '#a52a2a' },
      { name: 'Kue Bawang Toples Terakhir', category: 'Makanan olahan', price: '35.000', unit: 'toples', stock: '1', color: '#e3c58a' },
    ];
    for (const p of products) {
      await seller.goto(`${BASE}/warga/toko`);
      const form = seller.locator('form', { has: seller.getByRole('heading', { name: 'Tambah produk' }) });
      await form.getByLabel(/^Nama produk/).fill(p.name);
      await form.getByLabel(/^Kategori/).selectOption({ label: p.category });
      await form.getByLabel(/^Harga/).fill(p.price);
      await form.getByLabel(/^Satuan/).fill(p.unit);
      await form.getByLabel(/^Stok/).fill(p.stock);
      const photo = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: p.color } }).jpeg({ quality: 85 }).toBuffer();
      await form.getByLabel(/^Foto/).setInputFiles([{ name: 'produk.jpg', mimeType: 'image/jpeg', buffer: photo }]);
      await submit(seller, 'Simpan', form);
      expect(await notice(seller)).toContain('Tersimpan');
    }
    await phoneReady(seller);
    expect(await seller.locator('ul.cards img').count()).toBe(3);

    // 4. A buyer with no account finds the tempe chips by search and orders them, cash on delivery by courier.
    const buyer = await phone();
    await buyer.goto(`${BASE}/pasar`);
    await phoneReady(buyer);
    await buyer.getByLabel('Cari produk').fill('keripik tempe');
    await submit(buyer, 'Cari');
    await phoneReady(buyer);
    await buyer.getByRole('link', { name: /Keripik Tempe Renyah Bu Budi/ }).click();
    await buyer.waitForLoadState('load');
    await phoneReady(buyer);
    expect(await buyer.locator('meta[property="og:title"]').getAttribute('content')).toBe('Keripik Tempe Renyah Bu Budi');
    expect(await buyer.locator('img.product').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(360);
    const taps = await prepareOrder(buyer, 'Rina Pembeli', '0813 1111 2222', { courier: true });
    await place(buyer);
    expect(taps).toBeLessThanOrEqual(5);
    expect(await notice(buyer)).toContain('Pesanan dibuat');
    await phoneReady(buyer);
    const orderUrl = buyer.url().split('?')[0]!;
    expect(await buyer.locator('main').textContent()).toContain('Rp12.000');

    // 5. The seller confirms and ships; the buyer sees each step, and WhatsApp told them.
    await seller.goto(`${BASE}/warga/toko`);
    await seller.getByRole('link', { name: /^[A-Z2-9]{8}$/ }).first().click();
    await seller.waitForLoadState('load');
    await phoneReady(seller);
    expect(await seller.locator('main').textContent()).toContain('081311112222');
    await submit(seller, 'Konfirmasi pesanan');
    expect(await notice(seller)).toContain('Tersimpan');
    await seller.getByLabel(/^Catatan langkah/).fill('Diantar kurir desa sore ini');
    await submit(seller, 'Sudah dikirim');
    await buyer.goto(orderUrl);
    await phoneReady(buyer);
    const steps = (await buyer.locator('ol.events').textContent())!;
    for (const s of ['Dipesan', 'Dikonfirmasi penjual', 'Dikirim', 'Diantar kurir desa sore ini']) expect(steps).toContain(s);
    await expect.poll(() => inbox.some((m) => m.to === '081311112222' && m.message.includes('dikirim')), { timeout: 20_000 }).toBe(true);

    // 6. Two buyers reach the last jar, each with the code typed in; they tap "Pesan sekarang" at the same moment.
    const [first, second] = [await phone(), await phone()];
    for (const [b, name, number] of [[first, 'Pembeli Satu', '0813 3333 0001'], [second, 'Pembeli Dua', '0813 3333 0002']] as const) {
      await b.goto(`${BASE}/pasar?q=kue+bawang`);
      await b.getByRole('link', { name: /Kue Bawang Toples Terakhir/ }).click();
      await b.waitForLoadState('load');
      await prepareOrder(b, name, number, { courier: false });
    }
    await Promise.all([place(first), place(second)]);
    const outcomes = await Promise.all([first, second].map(async (b) => (b.url().includes('/pasar/pesanan/') ? 'ordered' : await notice(b))));
    expect(outcomes.filter((o) => o === 'ordered')).toHaveLength(1);
    expect(outcomes.find((o) => o !== 'ordered')).toContain('sudah habis terjual');

    // 7. The first buyer fills a cart from two shops (the chips and sambal here, the BUMDes's coffee)
    //    and checks out once: one order per shop, both under "Pesanan saya".
    for (const [q, name, n] of [['keripik tempe', /Keripik Tempe Renyah/, '2'], ['sambal lingkung', /Sambal Lingkung Botol/, '1'], ['kopi robusta', /Kopi Robusta Bubuk/, '1']] as const) {
      await buyer.goto(`${BASE}/pasar?q=${encodeURIComponent(q)}`);
      await buyer.getByRole('link', { name }).first().click();
      await buyer.waitForLoadState('load');
      await buyer.getByLabel('Jumlah').fill(n);
      await submit(buyer, 'Tambah ke keranjang');
      expect(await notice(buyer)).toContain('Ditambahkan ke keranjang');
    }
    await phoneReady(buyer);
    const cart = (await buyer.locator('main').textContent())!.replace(/\s+/g, ' ');
    expect(cart).toContain('Jumlah toko ini: Rp49.000');
    expect(cart).toContain('Jumlah semua: Rp79.000');
    await buyer.getByLabel(/^Nama Anda/).fill('Rina Pembeli');
    await place(buyer);
    expect(await notice(buyer)).toContain('satu untuk setiap toko');
    await phoneReady(buyer);
    expect(await buyer.locator('ul.cards > li').filter({ hasText: /Dipesan/ }).count()).toBeGreaterThanOrEqual(2);
  });
});
