import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2E } from '../support/e2e-server.js';

let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

describe('a village operator in Chromium on a phone', () => {
  it('logs in as hanura, sees Hanura, and cannot open another village', async () => {
    // With JavaScript off: every step below works without it (the scripts only add the offline outbox).
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });

    await page.goto(`${BASE}/masuk`);
    await page.getByLabel('Nama pengguna').fill('hanura');
    await page.getByLabel('Kata sandi').fill('balai-demo');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(`${BASE}/`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Beranda · Hanura');

    await page.getByRole('link', { name: 'Desa saya' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Desa Hanura');
    expect(await page.getByLabel('Nama kepala desa').inputValue()).toBe('Ahmad Suhendra');
    expect(await page.locator('ul.tree').first().textContent()).toContain('Dusun I');
    // the page fits a 360-px phone: nothing wider than the screen
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: join(tmpdir(), 'balai-e2e-hanura.png'), fullPage: true });

    await page.getByLabel('Telepon').fill('0721 555 000');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await expect.poll(() => page.locator('.notice.ok').textContent()).toBe('Profil desa disimpan.');

    // Another village's office is closed (its address alone shows that village's public website).
    const other = await page.goto(`${BASE}/desa/18.09.10.2001/penduduk`);
    expect(other!.status()).toBe(403);
    expect(await page.locator('.notice.error').textContent()).toBe('Anda tidak berhak mengakses wilayah 18.09.10.2001.');
    // The only scripts an officer's page names are the offline indicator and outbox, loaded deferred.
    const scripts = await page.locator('script').evaluateAll((els) => els.map((e) => `${e.getAttribute('src')?.replace(/\.[0-9a-f]{10}\.js$/, '.js')} ${e.hasAttribute('defer')}`));
    expect(scripts).toEqual(['/static/outbox-store.js true', '/static/offline.js true']);
    await page.close();
  });
});
