import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { officerPage, useE2E } from '../support/e2e-server.js';

/**
 * The "done when", in Chromium: the demo's province officer opens Pantau from the
 * menu, sees Lampung's adoption with the demo's villages, drills down province → Pesawaran
 * → Teluk Pandan → Hanura and climbs back up by the breadcrumbs; the tabs keep the level.
 */
let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

const officer = (username: string): Promise<Page> => officerPage({ base: BASE, browser }, username);

const crumbs = (page: Page) => page.getByRole('navigation', { name: 'breadcrumb' });

describe('monitoring in the browser', () => {
  it('the province officer drills from Lampung to Hanura and back', async () => {
    const page = await officer('provinsi');
    await page.getByRole('link', { name: 'Pantau' }).click();
    await page.waitForURL(`${BASE}/pantau/18`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Adopsi · Provinsi Lampung');
    expect(await page.locator('p.summary').textContent()).toMatch(/^7 dari 2\.\d{3} desa\/kelurahan sudah memakai Balai/);

    await page.getByRole('link', { name: 'Kabupaten Pesawaran', exact: true }).first().click();
    await page.waitForURL(`${BASE}/pantau/18.09`);
    await page.getByRole('link', { name: 'Teluk Pandan', exact: true }).first().click();
    await page.waitForURL(`${BASE}/pantau/18.09.10`);
    expect(await page.locator('p.summary').textContent()).toMatch(/^4 dari \d+ desa/);
    await page.getByRole('link', { name: 'Hanura', exact: true }).first().click();
    await page.waitForURL(`${BASE}/pantau/18.09.10.2004`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Adopsi · Desa Hanura');

    // The tabs stay on Hanura; the population figures are the village's own.
    await page.getByRole('link', { name: 'Penduduk', exact: true }).click();
    await page.waitForURL(`${BASE}/pantau/18.09.10.2004/penduduk`);
    expect(await page.locator('svg.pyramid').count()).toBe(1);

    // Back up, one level at a time, on the same tab.
    await crumbs(page).getByRole('link', { name: 'Teluk Pandan' }).click();
    await page.waitForURL(`${BASE}/pantau/18.09.10/penduduk`);
    await crumbs(page).getByRole('link', { name: 'Kabupaten Pesawaran' }).click();
    await page.waitForURL(`${BASE}/pantau/18.09/penduduk`);
    await crumbs(page).getByRole('link', { name: 'Lampung' }).click();
    await page.waitForURL(`${BASE}/pantau/18/penduduk`);
    // The national level is not the province officer's: it shows as text, not a link.
    expect(await crumbs(page).getByRole('link', { name: 'Nasional' }).count()).toBe(0);

    // The index tab shows the demo's scores by status.
    await page.getByRole('link', { name: 'Indeks desa', exact: true }).click();
    await page.waitForURL(/\/pantau\/18\/idm$/);
    expect(await page.locator('svg.chart').first().getAttribute('aria-label')).toMatch(/Desa per status \d{4}: Sangat tertinggal \d+; Tertinggal \d+; Berkembang \d+; Maju \d+; Mandiri \d+/);
    await page.close();
  });

  it('the district officer cannot open the neighbouring district', async () => {
    const page = await officer('telukpandan');
    const res = await page.goto(`${BASE}/pantau/18.09.11`);
    expect(res?.status()).toBe(403);
    await page.close();
  });
});
