import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2E } from '../support/e2e-server.js';

/**
 * Issue 10 item 15: the statistics page of the demo's Hanura (2,500 residents) on a 360-px
 * phone shows one section at a time, reached from the contents, and prints whole.
 */
let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

const HANURA = '18.09.10.2004';
// Everything above the first section plus one section (the tallest: occupation, or the RT list)
// fits in a few screens; all sections at once were about 18,000 px.
const ONE_SECTION_MAX = 5000;

async function phone(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  await page.goto(`${BASE}/masuk`);
  await page.getByLabel('Nama pengguna').fill('hanura');
  await page.getByLabel('Kata sandi').fill('balai-demo');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL(`${BASE}/`);
  return page;
}

const height = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight);
const width = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
const visibleSections = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.stat-section')].filter((s) => s.offsetParent !== null).map((s) => s.id));

describe('the statistics page on a phone', () => {
  it('shows one section at a time from the contents, every link reaches its section, print shows all', async () => {
    const page = await phone();
    await page.goto(`${BASE}/desa/${HANURA}/statistik`);
    const all = await page.evaluate(() => [...document.querySelectorAll('.stat-section')].map((s) => s.id));
    expect(all.length).toBeGreaterThanOrEqual(15);
    expect(await visibleSections(page)).toEqual(['b-age']);
    expect(await height(page)).toBeLessThan(ONE_SECTION_MAX);
    expect(await width(page)).toBeLessThanOrEqual(360);

    const contents = page.getByRole('navigation', { name: 'Daftar isi' });
    let tallest = await height(page);
    for (const id of all) {
      await contents.locator(`a[href="#${id}"]`).click();
      await page.waitForURL(`**#${id}`);
      expect(await visibleSections(page), id).toEqual([id]);
      const box = await page.locator(`#${id} h2`).boundingBox();
      expect(box, id).not.toBeNull();
      expect(box!.y, id).toBeGreaterThanOrEqual(0);
      expect(box!.y, id).toBeLessThan(740); // the heading is on screen after the jump
      tallest = Math.max(tallest, await height(page));
      expect(tallest, id).toBeLessThan(ONE_SECTION_MAX);
      expect(await width(page), id).toBeLessThanOrEqual(360);
      // Each link is big enough to tap.
      const link = await contents.locator(`a[href="#${id}"]`).boundingBox();
      expect(link!.height, id).toBeGreaterThanOrEqual(24);
      // …and each section leads back to the contents.
      await page.locator(`#${id} a[href="#daftar-isi"]`).click();
      await page.waitForURL('**#daftar-isi');
    }

    await contents.getByRole('link', { name: 'Semua bagian' }).click();
    expect(await visibleSections(page)).toEqual(all);
    const everything = await height(page);
    expect(everything).toBeGreaterThan(ONE_SECTION_MAX);

    await page.goto(`${BASE}/desa/${HANURA}/statistik#b-religion`);
    await page.emulateMedia({ media: 'print' });
    expect(await visibleSections(page)).toEqual(all);
    console.log(`statistics page at 360 px: at most ${tallest} px with one section, ${everything} px with all on screen, ${await height(page)} px printed`);
    await page.close();
  });

  it('the monthly report fits a phone and prints without menus and forms, with the signature block', async () => {
    const page = await phone();
    await page.goto(`${BASE}/desa/${HANURA}/laporan-bulanan`);
    expect(await width(page)).toBeLessThanOrEqual(360);
    expect(await page.locator('#laporan-penduduk th', { hasText: 'WNA' }).count()).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('form.search').isVisible()).toBe(false);
    expect(await page.locator('nav.subnav').isVisible()).toBe(false);
    expect(await page.locator('.signature').isVisible()).toBe(true);
    expect(await page.locator('#laporan-keluarga').isVisible()).toBe(true);
    await page.close();
  });
});
