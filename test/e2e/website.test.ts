import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { logIn, pageWidth, submit, useE2E } from '../support/e2e-server.js';
import { PHONE_WIDTH, TAP_MIN, measurePhonePage } from '../support/phone-check.js';

/**
 * The village website's "done when", in Chromium, on a 360-px phone: Hanura's operator writes a
 * news post full of HTML and a javascript: link through the editor, and a visitor who is not
 * logged in reads it as text, with nothing run; the site's home is light (few requests, few
 * bytes), fits the screen, has tap targets of 24 px, works without JavaScript and carries Open
 * Graph tags for a link shared on WhatsApp; a gallery photo uploaded from the editor shows on
 * the public gallery as its small copy.
 */
let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

const HANURA = '18.09.10.2004';
const PHONE = { width: 360, height: 740 };
const TITLE = 'Waspada tautan palsu atas nama kantor desa';
const SCRIPT = '<script>window.__pwned = 1</script>';
const IMG = '<img src=x onerror="window.__pwned=2">';
const CONTENT = [
  'Kantor desa tidak pernah meminta data pribadi lewat pesan berantai.',
  SCRIPT,
  IMG,
  'Jangan tekan tautan seperti [klik](javascript:window.__pwned=3) yang dikirim orang tak dikenal.',
].join('\n\n');
/** The demo's posts (src/modules/demo/demo-community.ts). */
const DEMO_TITLES = ['Gotong royong membersihkan Pantai Hanura', 'Jadwal pelayanan surat selama cuti bersama'];
const MENU = ['Beranda', 'Berita', 'Agenda', 'Wisata', 'Galeri', 'Profil', 'Lembaga', 'Kontak dan layanan'];
const CAPTION = 'Perahu nelayan berlabuh di Pantai Hanura';

async function phone(options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: PHONE, ...options });
  context.setDefaultTimeout(15_000);
  return { context, page: await context.newPage() };
}

async function operatorPhone(): Promise<{ context: BrowserContext; page: Page }> {
  const op = await phone();
  await logIn(op.page, BASE, 'hanura');
  return op;
}

const fits = async (page: Page) => expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
/** As the phone sweep measures: nothing wider than the screen, every tap target 24 px or more. */
async function phoneReady(page: Page) {
  await page.waitForLoadState('load');
  const found = await page.evaluate(measurePhonePage, TAP_MIN);
  expect(found.width, found.widest).toBeLessThanOrEqual(PHONE_WIDTH);
  expect(found.small, page.url()).toEqual([]);
}
const mainText = async (page: Page) => (await page.locator('main').textContent())!.replace(/\s+/g, ' ');

describe('the village website in Chromium', () => {
  let postUrl = '';

  it('a post with HTML and a javascript: link, written in the editor, is read by a visitor as text: nothing runs', async () => {
    const { context: opContext, page: op } = await operatorPhone();
    await op.getByRole('link', { name: 'Situs desa', exact: true }).click();
    await op.waitForURL(`${BASE}/desa/${HANURA}/situs`);
    await phoneReady(op);
    const form = op.locator('form', { has: op.getByRole('heading', { name: 'Tulis berita, pengumuman atau agenda' }) });
    await form.getByLabel(/^Jenis/).selectOption('news');
    await form.getByLabel(/^Judul/).fill(TITLE);
    await form.getByLabel(/^Isi/).fill(CONTENT);
    await submit(op, 'Terbitkan');
    expect(op.url()).toBe(`${BASE}/desa/${HANURA}/situs?ok=1`);
    expect(await op.locator('.notice').first().textContent()).toBe('Tersimpan.');
    await fits(op);
    // The editor lists it, with its public address and an "Ubah" link.
    const row = op.getByRole('table', { name: 'Tulisan' }).locator('tbody tr', { hasText: TITLE });
    expect(await row.count()).toBe(1);
    const href = (await row.getByRole('link', { name: TITLE }).getAttribute('href'))!;
    expect(href).toMatch(/^\/desa\/hanura\/berita\/\d+$/);
    expect(await row.getByRole('link', { name: 'Ubah' }).getAttribute('href')).toMatch(new RegExp(`^/desa/${HANURA}/situs/tulisan/\\d+$`));
    await opContext.close();

    // Anyone, not logged in, from the site's home to the post.
    const { context, page } = await phone();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${BASE}/desa/hanura`);
    await page.locator('main ul.posts').getByRole('link', { name: TITLE }).click();
    await page.waitForURL(`${BASE}${href}`);
    postUrl = page.url();
    await page.waitForLoadState('load');
    expect(await page.locator('main h1').textContent()).toBe(TITLE);
    const text = await mainText(page);
    // The HTML is there to read, as the officer typed it; the link is only its words.
    expect(text).toContain(SCRIPT);
    expect(text).toContain(IMG);
    expect(text).toContain('Jangan tekan tautan seperti klik yang dikirim');
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('main article img').count()).toBe(0);
    expect(await page.locator('[onerror], [onclick], [onload]').count()).toBe(0);
    // Give an onerror a moment to fire, had there been one.
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await phoneReady(page);
    // The excerpts (the news list, the page's description) are plain text too.
    await page.goto(`${BASE}/desa/hanura/berita`);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('the home is light, fits a 360-px phone, has 24-px tap targets and works without JavaScript', async () => {
    const { context, page } = await phone();
    const requests: Request[] = [];
    page.on('request', (r) => requests.push(r));
    await page.goto(`${BASE}/desa/hanura`, { waitUntil: 'load' });
    const untilLoad = [...requests];
    const sizes = await Promise.all(untilLoad.map(async (r) => {
      const response = await r.response();
      if (!response) return { url: r.url(), bytes: 0 };
      await response.finished();
      const s = await r.sizes();
      return { url: r.url(), bytes: s.responseHeadersSize + s.responseBodySize };
    }));
    const listing = sizes.map((s) => `${s.url} ${s.bytes} B`).join('\n');
    expect(untilLoad.length, listing).toBeLessThanOrEqual(5);
    const total = sizes.reduce((sum, s) => sum + s.bytes, 0);
    expect(total, listing).toBeLessThanOrEqual(60 * 1024);
    expect(total, listing).toBeGreaterThan(0);
    // The page itself came gzipped.
    const doc = await untilLoad[0]!.response();
    expect(doc!.url()).toBe(`${BASE}/desa/hanura`);
    expect((await doc!.allHeaders())['content-encoding']).toBe('gzip');

    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_WIDTH);
    await phoneReady(page);
    expect(await page.locator('main h1').textContent()).toBe('Desa Hanura');
    for (const title of [TITLE, ...DEMO_TITLES]) expect(await page.locator('main ul.posts').getByRole('link', { name: title }).count()).toBe(1);
    await context.close();

    // Without JavaScript: the same news and the same menu, and the menu leads on.
    const { context: noJs, page: plain } = await phone({ javaScriptEnabled: false });
    await plain.goto(`${BASE}/desa/hanura`);
    for (const title of [TITLE, ...DEMO_TITLES]) expect(await plain.locator('main ul.posts').getByRole('link', { name: title }).count()).toBe(1);
    const menu = plain.locator('nav.site-nav a');
    expect((await menu.allTextContents()).map((t) => t.trim())).toEqual(MENU);
    expect(await menu.first().getAttribute('aria-current')).toBe('page');
    await plain.locator('nav.site-nav').getByRole('link', { name: 'Berita', exact: true }).click();
    await plain.waitForURL(`${BASE}/desa/hanura/berita`);
    for (const title of [TITLE, ...DEMO_TITLES]) expect(await plain.locator('main ul.posts').getByRole('link', { name: title }).count()).toBe(1);
    await plain.locator('nav.site-nav').getByRole('link', { name: 'Lembaga', exact: true }).click();
    await plain.waitForURL(`${BASE}/desa/hanura/lembaga`);
    expect(await mainText(plain)).toContain('BPD Desa Hanura');
    await noJs.close();
  });

  it('the home and a post carry Open Graph tags and a title that names the village', async () => {
    const { context, page } = await phone();
    await page.goto(`${BASE}/desa/hanura`);
    const meta = (property: string) => page.locator(`head meta[property="${property}"]`).getAttribute('content');
    expect(await page.title()).toMatch(/^Desa Hanura/);
    expect(await meta('og:title')).toBe('Desa Hanura');
    expect((await meta('og:description'))!.length).toBeGreaterThan(10);
    const ogUrl = (await meta('og:url'))!;
    expect(new URL(ogUrl).pathname).toBe('/desa/hanura');
    expect(await page.locator('head link[rel="canonical"]').getAttribute('href')).toBe(ogUrl);
    expect((await page.locator('head meta[name="description"]').getAttribute('content'))!.length).toBeGreaterThan(10);

    // A post: its own title and an excerpt of its text, its own address.
    expect(postUrl).not.toBe('');
    await page.goto(postUrl);
    expect(await page.title()).toBe(`${TITLE} · Desa Hanura`);
    expect(await meta('og:title')).toBe(TITLE);
    expect(await meta('og:type')).toBe('article');
    expect(await meta('og:description')).toMatch(/^Kantor desa tidak pernah meminta data pribadi/);
    expect(new URL((await meta('og:url'))!).pathname).toBe(new URL(postUrl).pathname);
    await context.close();
  });

  it('a gallery photo uploaded from the editor shows on the public gallery as its small copy', async () => {
    const { context: opContext, page: op } = await operatorPhone();
    await op.goto(`${BASE}/desa/${HANURA}/situs`);
    const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#2f6d8c' } }).jpeg({ quality: 80 }).toBuffer();
    const form = op.locator('form', { has: op.getByRole('heading', { name: 'Unggah foto galeri atau foto perangkat desa' }) });
    await form.getByLabel(/^Foto \(JPEG/).setInputFiles({ name: 'perahu.jpg', mimeType: 'image/jpeg', buffer: photo });
    await form.getByLabel('Keterangan foto').fill(CAPTION);
    expect(await form.getByLabel('Foto untuk').inputValue()).toBe('');
    await submit(op, 'Unggah');
    expect(op.url()).toBe(`${BASE}/desa/${HANURA}/situs?ok=1`);
    expect(await op.locator('.notice').first().textContent()).toBe('Tersimpan.');
    await phoneReady(op);
    expect(await op.locator(`main ul.gallery img[alt="${CAPTION}"]`).count()).toBe(1);
    await opContext.close();

    const { context, page } = await phone();
    await page.goto(`${BASE}/desa/hanura`);
    await page.locator('nav.site-nav').getByRole('link', { name: 'Galeri', exact: true }).click();
    await page.waitForURL(`${BASE}/desa/hanura/galeri`);
    await phoneReady(page);
    const img = page.getByRole('img', { name: CAPTION });
    expect(await img.count()).toBe(1);
    const src = (await img.getAttribute('src'))!;
    expect(src).toMatch(/^\/desa\/hanura\/foto\/\d+\?kecil=1$/);
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
    expect(await img.evaluate((el: HTMLImageElement) => ({ width: el.naturalWidth, height: el.naturalHeight, src: el.currentSrc }))).toEqual({ width: 360, height: 270, src: `${BASE}${src}` });
    // The grid saves the page from jumping: the size is in the HTML.
    expect(await img.getAttribute('height')).toBe('270');
    expect(await page.locator('main ul.gallery small', { hasText: CAPTION }).count()).toBe(1);
    // The full photo is one tap away, made fit for the web (1280 px at most).
    const full = (await page.locator('main ul.gallery a', { has: img }).getAttribute('href'))!;
    expect(full).toBe(src.replace('?kecil=1', ''));
    const res = await page.request.get(`${BASE}${full}`);
    expect(res.headers()['content-type']).toBe('image/jpeg');
    expect(await sharp(await res.body()).metadata()).toMatchObject({ width: 1280, height: 960 });
    await context.close();
  });
});
