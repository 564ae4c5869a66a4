import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_CITIZEN, HANURA } from '../../src/modules/demo/seed-demo.js';
import { useE2E } from '../support/e2e-server.js';

/**
 * The kiosk on the village hall's 1280×800 touchscreen, as a resident meets it: every tile
 * says something different, the main action looks like one and the way out is on screen,
 * and a printed letter does not stay open for the next person in the queue.
 */
let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

const KIOSK = () => `${BASE}/anjungan/${HANURA}`;

async function kioskLogin(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(KIOSK());
  await page.getByLabel('NIK').fill(DEMO_CITIZEN.nik);
  await page.getByLabel('PIN').fill(DEMO_CITIZEN.pin);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL(`${KIOSK()}/menu`);
  return page;
}

const inView = (page: Page, name: string) =>
  page.getByRole('link', { name, exact: true }).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
const background = (page: Page, role: 'link' | 'button', name: string) => page.getByRole(role, { name, exact: true }).evaluate((el) => getComputedStyle(el).backgroundColor);

describe('the kiosk at 1280×800', () => {
  it('shows each letter once, its ready letter apart, and "Selesai" without scrolling', async () => {
    const page = await kioskLogin();
    const tiles = (await page.locator('a.tile').allTextContents()).map((t) => t.trim());
    expect(tiles.length).toBeGreaterThan(5);
    expect(new Set(tiles).size, tiles.join(' | ')).toBe(tiles.length);
    // The demo's ready Domisili letter is a print action with its number, not a second "Domisili" tile.
    const ready = page.locator('a.tile.ready');
    expect(await ready.count()).toBe(1);
    expect(await ready.textContent()).toMatch(/^Cetak: Surat Keterangan Domisili\s*Nomor 474\.4\/\d{3}\//);
    expect(await inView(page, 'Selesai')).toBe(true);
    await page.close();
  });

  it('makes "Kirim permohonan" the main button and "Batal" the plain one', async () => {
    const page = await kioskLogin();
    await page.getByRole('link', { name: 'Surat Keterangan Tidak Mampu' }).click();
    const send = await page.getByRole('button', { name: 'Kirim permohonan' }).boundingBox();
    const cancel = await page.getByRole('link', { name: 'Batal' }).boundingBox();
    expect(await background(page, 'link', 'Batal')).toBe('rgb(255, 255, 255)');
    expect(await background(page, 'button', 'Kirim permohonan')).toBe('rgb(11, 110, 79)'); // --brand
    expect(cancel!.x).toBeLessThan(send!.x); // the way back on the left, the way on at the right
    expect(await page.getByRole('button', { name: 'Kirim permohonan' }).evaluate((el) => el.getBoundingClientRect().bottom <= window.innerHeight)).toBe(true);
    await page.close();
  });

  it('prints a ready letter without leaving it on screen, and ends the visit', async () => {
    const page = await kioskLogin();
    const pdf = page.waitForResponse((r) => r.url().includes('/cetak/'));
    await page.locator('a.tile.ready').click();
    const res = await pdf;
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    // Only the kiosk's own page may frame the letter; every other response still refuses frames.
    expect(res.headers()['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
    const menu = await fetch(`${KIOSK()}`);
    expect(menu.headers.get('x-frame-options')).toBe('DENY');
    expect(menu.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    await page.waitForURL(KIOSK());
    expect(page.context().pages()).toEqual([page]); // no tab with the letter left open
    expect(await page.locator('iframe').count()).toBe(0);
    // The visit is over: the menu sends the next person to the start screen.
    await page.goto(`${KIOSK()}/menu`);
    expect(page.url()).toBe(KIOSK());
    await page.close();
  });
});
