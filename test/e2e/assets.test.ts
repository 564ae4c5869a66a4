import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { todayInWib } from '../../src/platform/format/format.js';
import { logIn, phoneReady, submit, useE2E } from '../support/e2e-server.js';

/**
 * The village's goods and land in Chromium on a 360-px phone: the operator records an item from
 * the home page's tile, then a parcel of tanah kas desa and a holding of land in the village, and
 * finds each in its book; every page fits the phone.
 */
let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

const HANURA = '18.09.10.2004';
const ITEM = 'Pompa air sumur bor';

async function phone(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  context.setDefaultTimeout(20_000);
  return context.newPage();
}

describe('inventory and land on a phone', () => {
  it('the operator records an item and a parcel and sees them in the books', { timeout: 300_000 }, async () => {
    const year = todayInWib().slice(0, 4);
    const op = await phone();
    await logIn(op, BASE, 'hanura');
    await op.getByRole('link', { name: 'Inventaris dan tanah desa' }).click();
    await phoneReady(op);

    // 1. An item, with a mistake first: the message names the field and keeps what was typed.
    await op.getByText('Catat barang').click();
    const form = op.locator('form', { has: op.getByRole('button', { name: 'Simpan' }) });
    await form.getByLabel(/^Jenis barang/).selectOption({ label: 'Peralatan dan mesin' });
    await form.getByLabel(/^Nama barang/).fill(ITEM);
    await form.getByLabel(/^Asal barang/).selectOption({ label: 'Bantuan kabupaten/kota' });
    await form.getByLabel(/^Tahun perolehan/).fill(year);
    await form.getByLabel(/^Jumlah/).fill('2');
    await form.getByLabel(/^Satuan/).fill('unit');
    await form.getByLabel(/^Nilai perolehan/).fill('tiga juta');
    await submit(op, 'Simpan');
    expect(await op.locator('.notice.error').textContent()).toContain('Nilai (Rp)');
    await phoneReady(op);
    const again = op.locator('form', { has: op.getByRole('button', { name: 'Simpan' }) });
    expect(await again.getByLabel(/^Nama barang/).inputValue()).toBe(ITEM);
    await again.getByLabel(/^Nilai perolehan/).fill('3.250.000');
    await submit(op, 'Simpan');
    expect(await op.locator('.notice.ok').textContent()).toContain('Tersimpan');
    expect(await op.locator('h1').textContent()).toBe(ITEM);
    await phoneReady(op);

    // 2. The year's inventory book lists it with its value.
    await op.getByRole('link', { name: 'Buku Inventaris dan Kekayaan Desa' }).first().click();
    await phoneReady(op);
    const book = (await op.locator('main').textContent())!;
    expect(book).toContain(ITEM);
    expect(book).toContain('Rp3.250.000');
    const pdf = await op.request.get(`${BASE}/desa/${HANURA}/aset/buku.pdf?tahun=${year}`);
    expect(pdf.headers()['content-type']).toContain('application/pdf');

    // 3. A parcel of tanah kas desa and a holding of land in the village.
    await op.getByRole('link', { name: 'Tanah desa' }).first().click();
    await phoneReady(op);
    await op.getByText('Catat tanah kas desa').click();
    const parcel = op.locator('form[action$="/tanah/kas-desa"]');
    await parcel.getByLabel(/^Asal perolehan/).selectOption({ label: 'Pembelian' });
    await parcel.getByLabel(/^Nomor sertifikat/).fill('SHM No. 777');
    await parcel.getByLabel(/^Luas/).fill('1.750');
    await parcel.getByLabel(/^Penggunaan/).selectOption({ label: 'Kebun' });
    await parcel.getByLabel(/^Lokasi/).fill('Dusun IV, dekat embung');
    await parcel.getByLabel('Ada patok tanda batas').check();
    await submit(op, 'Simpan', parcel);
    expect(await op.locator('.notice.ok').textContent()).toContain('Tersimpan');
    await phoneReady(op);
    await op.getByText('Catat tanah di desa').click();
    const holding = op.locator('form[action$="/tanah/di-desa"]');
    await holding.getByLabel(/^Nama pemilik/).fill('Kelompok Tani Maju Bersama');
    await holding.getByLabel(/^Status hak/).selectOption({ label: 'Milik Adat (MA)' });
    await holding.getByLabel(/^Luas/).fill('3200');
    await holding.getByLabel(/^Penggunaan/).selectOption({ label: 'Perkebunan' });
    await submit(op, 'Simpan', holding);
    expect(await op.locator('.notice.ok').textContent()).toContain('Tersimpan');
    await phoneReady(op);

    // 4. Both books list them.
    await op.getByRole('link', { name: 'Buku Tanah Kas Desa' }).first().click();
    await phoneReady(op);
    const parcels = (await op.locator('main').textContent())!;
    expect(parcels).toContain('SHM No. 777');
    expect(parcels).toContain('1.750');
    await op.getByRole('link', { name: 'Buku Tanah di Desa' }).first().click();
    await phoneReady(op);
    expect(await op.locator('main').textContent()).toContain('Kelompok Tani Maju Bersama');
    await op.context().close();
  });
});
