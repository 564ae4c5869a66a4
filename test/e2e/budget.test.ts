import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn as logInAs, pageWidth, useE2E } from '../support/e2e-server.js';

let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

const logIn = (page: Page, username: string) => logInAs(page, BASE, username);
const fits = pageWidth;

describe('the village budget in Chromium', () => {
  it('the treasurer prepares next year on a phone, the secretary verifies, the head adopts, the public page shows it', async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const treasurer = await phone.newPage();
    await logIn(treasurer, 'bendahara.hanura');
    await treasurer.getByRole('link', { name: 'APBDes', exact: true }).click();
    expect(await fits(treasurer)).toBeLessThanOrEqual(360);
    const year = String(new Date().getUTCFullYear() + 1);
    await treasurer.getByLabel('Tahun anggaran').fill(year);
    await treasurer.getByRole('button', { name: 'Mulai' }).click();
    await expect.poll(() => treasurer.locator('.notice.ok').textContent()).toContain(`APBDes ${year} (murni) dimulai`);

    const add = async (line: { account: string; activity?: string; fund?: string; description: string; volume: string; unit: string; price: string }) => {
      await treasurer.getByLabel('Kode rekening').selectOption(line.account);
      if (line.activity) await treasurer.getByLabel('Kegiatan (untuk belanja)').selectOption(line.activity);
      if (line.fund) await treasurer.getByLabel('Sumber dana (untuk belanja)').selectOption(line.fund);
      await treasurer.getByLabel('Uraian').fill(line.description);
      await treasurer.getByLabel('Volume').fill(line.volume);
      await treasurer.getByLabel(/^Satuan/).fill(line.unit);
      await treasurer.getByLabel('Harga satuan (Rp)').fill(line.price);
      await treasurer.getByRole('button', { name: 'Tambah', exact: true }).click();
      await expect.poll(() => treasurer.locator('.notice').first().textContent()).toBe('Tersimpan.');
    };
    await add({ account: '4.2.1', description: 'Dana Desa', volume: '1', unit: 'tahun', price: '900.000.000' });
    await add({ account: '4.2.3', description: 'Alokasi Dana Desa', volume: '1', unit: 'tahun', price: '400.000.000' });
    await add({ account: '5.1.1', activity: '1.1.01', fund: 'ADD', description: 'Penghasilan tetap Kepala Desa', volume: '12', unit: 'bulan', price: '4.500.000' });
    await add({ account: '5.3.5', activity: '2.3.10', fund: 'DDS', description: 'Rabat beton jalan Dusun I', volume: '500', unit: 'meter', price: '1.200.000' });
    // A spending line without its activity is refused, naming the field; what was typed stays.
    await treasurer.getByLabel('Kode rekening').selectOption('5.2.1');
    await treasurer.getByLabel('Uraian').fill('Alat tulis kantor');
    await treasurer.getByLabel('Volume').fill('1');
    await treasurer.getByLabel(/^Satuan/).fill('paket');
    await treasurer.getByLabel('Harga satuan (Rp)').fill('6.000.000');
    await treasurer.getByRole('button', { name: 'Tambah', exact: true }).click();
    await expect.poll(() => treasurer.locator('.notice.error').textContent()).toContain('Kolom Kegiatan wajib untuk belanja');
    expect(await treasurer.getByLabel('Uraian').inputValue()).toBe('Alat tulis kantor');
    await treasurer.getByLabel('Kegiatan (untuk belanja)').selectOption('1.1.04');
    await treasurer.getByLabel('Sumber dana (untuk belanja)').selectOption('ADD');
    await treasurer.getByRole('button', { name: 'Tambah', exact: true }).click();
    await expect.poll(() => treasurer.locator('.notice').first().textContent()).toBe('Tersimpan.');
    // 1.3 billion in, 54 M + 600 M + 6 M out: 640 M left to plan.
    expect(await treasurer.locator('.notice.warn').textContent()).toContain('Rp640.000.000');
    await add({ account: '6.2.2', description: 'Penyertaan modal BUMDes', volume: '1', unit: 'paket', price: '640.000.000' });
    expect(await treasurer.locator('.notice.ok').last().textContent()).toContain('Seimbang');
    // On the phone, the lines are cards: nothing wider than the screen.
    expect(await fits(treasurer)).toBeLessThanOrEqual(360);
    const budgetUrl = treasurer.url().split('?')[0]!;
    await phone.close();

    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const secretary = await desk.newPage();
    await logIn(secretary, 'sekdes.hanura');
    await secretary.goto(budgetUrl);
    await secretary.getByRole('button', { name: 'Nyatakan sudah diverifikasi' }).click();
    await expect.poll(() => secretary.locator('p strong').first().textContent()).toBe('Diverifikasi Sekretaris Desa');

    const head = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await logIn(head, 'kades.hanura');
    await head.goto(budgetUrl);
    await head.getByLabel('Nomor Peraturan Desa').fill(`4 Tahun ${year}`);
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    await head.getByLabel('Tanggal Peraturan Desa').fill(today);
    await head.getByRole('button', { name: 'Tetapkan APBDes' }).click();
    await expect.poll(() => head.locator('p strong').first().textContent()).toBe('Ditetapkan (berlaku)');

    const visitor = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await visitor.goto(`${BASE}/publik/desa/18.09.10.2004/apbdes?tahun=${year}`);
    const shown = await visitor.locator('main').textContent();
    expect(shown).toContain(`APBDes ${year} (murni)`);
    expect(shown).toContain('Rp1.300.000.000');
    expect(await visitor.locator('svg.chart').count()).toBe(2);
    expect(await fits(visitor)).toBeLessThanOrEqual(360);
    // The poster for the village hall, from its link on the page.
    const posterUrl = await visitor.getByRole('link', { name: 'PDF A3' }).getAttribute('href');
    const poster = await visitor.request.get(`${BASE}${posterUrl}`);
    expect(poster.headers()['content-type']).toBe('application/pdf');
    expect((await poster.body()).toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.8\d* 1190\.5\d*\]/);
    await desk.close();
  });

  it('the treasurer posts a payment with a photographed receipt on a phone; the secretary verifies it in the cash book', async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
    phone.setDefaultTimeout(10_000);
    const treasurer = await phone.newPage();
    await logIn(treasurer, 'bendahara.hanura');
    await treasurer.getByRole('link', { name: 'Realisasi APBDes', exact: true }).click();
    expect(await fits(treasurer)).toBeLessThanOrEqual(360);
    const year = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4);
    await treasurer.getByLabel('Tanggal transaksi').fill(`${year}-01-02`);
    await treasurer.getByLabel('Kode rekening').selectOption('5.2.7');
    await treasurer.getByLabel('Kegiatan (untuk belanja)').selectOption('2.2.02');
    await treasurer.getByLabel('Sumber dana (untuk belanja)').selectOption('DDS');
    await treasurer.getByLabel('Uraian').fill('Makanan tambahan posyandu Januari');
    await treasurer.getByLabel('Jumlah (Rp)').fill('3.000.000');
    await treasurer.getByLabel('PPh dipotong (Rp)').fill('45.000');
    // A receipt photographed by the phone: a JPEG by its content.
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
    await treasurer.getByLabel(/^Bukti/).setInputFiles({ name: 'kuitansi.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await treasurer.getByRole('button', { name: 'Catat', exact: true }).click();
    await expect.poll(() => treasurer.locator('.notice.ok').first().textContent()).toBe('Transaksi dicatat.');
    expect(await treasurer.locator('main').textContent()).toContain('Rp3.000.000 / Rp1.158.300.000');
    await phone.close();

    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    desk.setDefaultTimeout(10_000);
    const secretary = await desk.newPage();
    await logIn(secretary, 'sekdes.hanura');
    await secretary.goto(`${BASE}/desa/18.09.10.2004/realisasi/bku?tahun=${year}&bulan=1`);
    const row = secretary.locator('tr', { hasText: 'Makanan tambahan posyandu Januari' });
    expect(await row.textContent()).toContain('PPh Rp45.000');
    const proof = await secretary.request.get(await row.getByRole('link', { name: 'bukti' }).getAttribute('href').then((h) => `${BASE}${h}`));
    expect(proof.headers()['content-type']).toBe('image/jpeg');
    await row.getByRole('button', { name: 'Verifikasi' }).click();
    await expect.poll(() => secretary.locator('tr', { hasText: 'Makanan tambahan posyandu Januari' }).textContent()).toContain('diverifikasi (Siti Rahmawati)');
    await desk.close();
  });
});
