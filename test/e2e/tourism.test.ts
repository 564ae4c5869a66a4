import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { logIn, phoneReady, submit, useE2E } from '../support/e2e-server.js';

/**
 * Tourism and local potential in Chromium on 360-px phones: the operator lists a waterfall with a
 * phone photo and its map point from the village office; a visitor finds it on the village
 * website's menu, then across the province by going down from the regency to the district.
 */
let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

const HANURA = '18.09.10.2004';
const NAME = 'Air Terjun Way Kedondong';

async function phone(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  context.setDefaultTimeout(20_000);
  return context.newPage();
}

describe('tourism and local potential on a phone', () => {
  it('the operator lists a waterfall with a photo; a visitor finds it on the village website and by regency', async () => {
    const op = await phone();
    await logIn(op, BASE, 'hanura');
    await op.getByRole('link', { name: 'Wisata dan potensi desa' }).click();
    await phoneReady(op);
    // A mistake first: the latitude without the longitude is named, and what was typed stays.
    const form = op.locator('form', { has: op.getByRole('button', { name: 'Simpan' }) });
    await form.getByLabel('Jenis *').selectOption({ label: 'Destinasi wisata' });
    await form.getByLabel('Nama *').fill(NAME);
    await form.getByLabel(/^Lintang/).fill('-5.4907');
    await form.getByLabel(/^Harga \(mulai dari/).fill('5.000');
    await form.getByLabel(/^Harga per/).fill('orang');
    await submit(op, 'Simpan');
    expect(await op.locator('.notice.error').textContent()).toContain('Kolom Bujur');
    expect(await op.getByLabel('Nama *').inputValue()).toBe(NAME);
    await phoneReady(op);

    const again = op.locator('form', { has: op.getByRole('button', { name: 'Simpan' }) });
    await again.getByLabel(/^Bujur/).fill('105.1212');
    await again.getByLabel(/^Jam buka/).fill('Setiap hari 07.00–17.00');
    const photo = await sharp({ create: { width: 3000, height: 4000, channels: 3, background: '#3d7a4a' } }).jpeg().toBuffer();
    await again.getByLabel(/^Foto/).setInputFiles([{ name: 'air-terjun.jpg', mimeType: 'image/jpeg', buffer: photo }]);
    await submit(op, 'Simpan');
    expect(await op.locator('.notice.ok').textContent()).toContain('Tersimpan');
    await phoneReady(op);
    await op.getByRole('link', { name: 'Lihat di situs desa' }).click();
    await phoneReady(op);
    expect(await op.locator('h1').textContent()).toBe(NAME);
    await op.context().close();

    // A visitor, not logged in: the village website's menu, the listing with its photo and map.
    const visitor = await phone();
    await visitor.goto(`${BASE}/desa/hanura`);
    await visitor.locator('nav.site-nav').getByRole('link', { name: 'Wisata' }).click();
    await phoneReady(visitor);
    await visitor.getByRole('link', { name: new RegExp(NAME) }).click();
    await phoneReady(visitor);
    const img = visitor.locator('main img').first();
    expect(await img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);
    expect(await visitor.locator('main').textContent()).toContain('Rp5.000 per orang');
    expect(await visitor.getByRole('link', { name: 'Lihat di peta' }).getAttribute('href')).toContain('mlat=-5.490700&mlon=105.121200');

    // Across the province: Pesawaran, then Teluk Pandan, where it is listed with the demo's beach.
    await visitor.goto(`${BASE}/wisata`);
    await phoneReady(visitor);
    await visitor.locator('nav.chips').getByRole('link', { name: /Pesawaran/ }).click();
    await phoneReady(visitor);
    await visitor.locator('nav.chips').getByRole('link', { name: /Teluk Pandan/ }).click();
    await phoneReady(visitor);
    const listed = await visitor.locator('ul.products').textContent();
    expect(listed).toContain(NAME);
    expect(listed).toContain('Pantai Hanura');
    await visitor.context().close();
  });
});
