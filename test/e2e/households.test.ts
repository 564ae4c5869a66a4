import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, officerPage, pageWidth, useE2E } from '../support/e2e-server.js';

let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

describe('households in Chromium', () => {
  it('a married child\'s family moves to its own house: the operator takes its card out, makes it a household and surveys the house on a phone; the district sees the counts', async () => {
    const operator = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await logIn(operator, BASE, 'hanura');
    await operator.getByRole('link', { name: 'Rumah tangga', exact: true }).click();
    await operator.waitForURL(/\/rumah-tangga$/);
    expect(await pageWidth(operator)).toBeLessThanOrEqual(360);
    const before = Number(await operator.locator('dl.figures dd').first().textContent());

    // The demo's second household holds two family cards: parents and a married child.
    await operator.getByRole('link', { name: '2', exact: true }).click();
    await operator.waitForURL(/\/rumah-tangga\/\d+/);
    const cards = operator.locator('main ul.plain > li');
    await expect.poll(() => cards.count()).toBe(2);
    const childCard = /KK (\d{16})/.exec((await cards.nth(1).textContent())!)![1]!;
    const out = cards.nth(1).locator('details');
    await out.locator('summary').click();
    await out.getByLabel(/^Alasan/).fill('Pindah ke rumah sendiri di Dusun III');
    await out.getByRole('button', { name: 'Keluarkan KK ini' }).click();
    await expect.poll(() => operator.locator('.notice').first().textContent()).toBe('Tersimpan.');
    expect(await cards.nth(1).textContent()).toContain('keluar');
    expect(await cards.nth(1).textContent()).toContain('Pindah ke rumah sendiri di Dusun III');
    expect(await pageWidth(operator)).toBeLessThanOrEqual(360);

    // Its own household now, from the same card.
    await operator.getByRole('link', { name: 'Semua rumah tangga' }).click();
    await operator.getByLabel(/^Nomor KK/).fill(childCard);
    await operator.getByLabel(/^Alamat/).fill('Dusun III, RT 002');
    await operator.getByRole('button', { name: 'Buat', exact: true }).click();
    await expect.poll(() => operator.locator('.notice').first().textContent()).toBe('Tersimpan.');
    expect(await operator.locator('main').textContent()).toContain(`KK ${childCard}`);
    expect(await pageWidth(operator)).toBeLessThanOrEqual(360);

    // The house, surveyed on the spot: earth floor, no electricity yet, a phone.
    await operator.getByLabel('Lantai terluas').selectOption({ label: 'Tanah' });
    await operator.getByLabel('Penerangan').selectOption({ label: 'Tidak ada listrik' });
    await operator.getByLabel('Jamban').selectOption({ label: 'Jamban bersama/umum' });
    await operator.getByLabel(/^Luas lantai/).fill('28,5');
    await operator.getByLabel('Telepon genggam').check();
    await operator.getByRole('button', { name: 'Simpan', exact: true }).click();
    await expect.poll(() => operator.locator('.notice').first().textContent()).toBe('Tersimpan.');
    expect(await operator.getByLabel('Lantai terluas').inputValue()).toBe('1');
    expect(await operator.getByLabel('Telepon genggam').isChecked()).toBe(true);
    const number = /Rumah tangga No\. (\d+)/.exec((await operator.locator('h1').textContent())!)![1]!;

    // In the list filtered to earth floors; one household more than before.
    await operator.getByRole('link', { name: 'Semua rumah tangga' }).click();
    expect(Number(await operator.locator('dl.figures dd').first().textContent())).toBe(before + 1);
    await operator.getByLabel('Kondisi rumah').selectOption({ label: 'Lantai tanah' });
    await operator.getByRole('button', { name: 'Tampilkan' }).click();
    // The filtered page comes by a navigation: wait for it, not for the old page.
    await expect.poll(() => operator.getByRole('link', { name: number, exact: true }).count()).toBe(1);
    expect(await pageWidth(operator)).toBeLessThanOrEqual(360);

    // The district's dashboard: the counts, no names.
    const district = await officerPage({ base: BASE, browser }, 'telukpandan');
    await district.goto(`${BASE}/pantau/18.09.10/penduduk`);
    const section = district.locator('section', { hasText: 'Rumah tangga dan kondisi rumah' });
    expect(await section.locator('dl').textContent()).toContain(`Rumah tangga${before + 1}`);
    expect(await section.textContent()).not.toContain(childCard);
  });
});
