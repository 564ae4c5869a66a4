import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { logIn, pageWidth, useE2E } from '../support/e2e-server.js';

let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

describe('development projects in Chromium', () => {
  it('the secretary reports progress with a phone photo; the public sees it on a phone', async () => {
    const secretary = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await logIn(secretary, BASE, 'sekdes.hanura');
    await secretary.getByRole('link', { name: 'Proyek pembangunan' }).click();
    await secretary.getByRole('link', { name: 'Rabat beton jalan Dusun II' }).click();
    const photo = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#7a6' } }).jpeg().toBuffer();
    await secretary.getByLabel('Kemajuan fisik (%)').fill('55');
    await secretary.getByLabel(/^Catatan/).fill('Pengecoran separuh jalan selesai');
    await secretary.getByLabel(/^Foto \(paling banyak/).setInputFiles({ name: 'jalan.jpg', mimeType: 'image/jpeg', buffer: photo });
    await secretary.getByRole('button', { name: 'Simpan laporan' }).click();
    await expect.poll(() => secretary.locator('.notice').first().textContent()).toBe('Tersimpan.');
    // The 50 % photo is the one just sent, beside the empty 0 % and 100 % places.
    const stages = secretary.locator('.stages').first().locator('figure');
    expect(await stages.count()).toBe(3);
    expect(await stages.nth(1).locator('img').count()).toBe(1);
    expect(await stages.nth(1).textContent()).toContain('55 %');
    expect(await pageWidth(secretary)).toBeLessThanOrEqual(360);

    const visitor = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await visitor.goto(`${BASE}/publik/desa/18.09.10.2004/apbdes`);
    await visitor.getByRole('link', { name: 'Rabat beton jalan Dusun II' }).click();
    await expect.poll(() => visitor.locator('main').textContent()).toContain('Pengecoran separuh jalan selesai');
    const width = await visitor.locator('.stages img').first().evaluate((img: HTMLImageElement) => img.naturalWidth);
    expect(width).toBe(1280);
    expect(await pageWidth(visitor)).toBeLessThanOrEqual(360);
  });
});
