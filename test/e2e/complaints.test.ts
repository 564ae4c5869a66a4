import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEMO_CITIZEN } from '../../src/modules/demo/seed-demo.js';
import { logIn, pageWidth, submit, useE2E } from '../support/e2e-server.js';

/**
 * Complaints' "done when", in Chromium, on 360-px phones: the demo citizen files a complaint with
 * a photo from self-service; Hanura's operator reads who sent it, notes something for the office
 * and answers; the citizen reads the answer and not the note; the public list shows the complaint
 * and its answer without the name. Anyone sends one from the public form (the sum answered) and
 * follows it by its code; the district sees the counts and not the complaints.
 */
let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

const HANURA = '18.09.10.2004';
const PHONE = { width: 360, height: 740 };
const COMPLAINT = 'Gorong-gorong di Jalan Pantai Hanura tersumbat, air meluap ke jalan setiap hujan.';
const PLACE = 'Dusun III, dekat masjid';
const NOTE = 'Cek bersama Kadus III hari Kamis; perlu alat dari kecamatan?';
const ANSWER = 'Terima kasih. Gorong-gorong dibersihkan kerja bakti hari Minggu ini.';
const PUBLIC_COMPLAINT = 'Jadwal posyandu bulan ini belum diumumkan di papan desa.';

async function phone(): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

const fits = async (page: Page) => expect(await pageWidth(page)).toBeLessThanOrEqual(360);
const mainText = async (page: Page) => (await page.locator('main').textContent())!.replace(/\s+/g, ' ');
/** The status, first in bold on a complaint's page. */
const status = (page: Page) => page.locator('main p strong').first().textContent();

describe('complaints in Chromium', () => {
  it('a citizen complains with a photo from a phone, the operator answers, the citizen reads the answer, the public list shows it without the name; anyone sends and follows one by its code; the district sees counts only', async () => {
    // 1. The citizen, logged in with NIK and PIN, sends a complaint with a photo.
    const citizen = await phone();
    await citizen.goto(`${BASE}/warga/masuk`);
    await fits(citizen);
    await citizen.getByLabel('NIK').fill(DEMO_CITIZEN.nik);
    await citizen.getByLabel('PIN').fill(DEMO_CITIZEN.pin);
    await citizen.getByRole('button', { name: 'Masuk' }).click();
    await citizen.waitForURL(`${BASE}/warga`);
    await fits(citizen);
    await citizen.getByRole('link', { name: 'Pengaduan dan aspirasi' }).click();
    await citizen.waitForURL(`${BASE}/warga/pengaduan`);
    await fits(citizen);
    // The demo's two complaints are already listed.
    expect(await citizen.locator('main ul.plain > li').count()).toBe(2);
    const photo = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#5b6e4a' } }).jpeg({ quality: 80 }).toBuffer();
    await citizen.getByLabel(/^Kategori/).selectOption({ label: 'Jalan, jembatan, saluran, penerangan' });
    await citizen.getByLabel(/^Isi pengaduan/).fill(COMPLAINT);
    await citizen.getByLabel(/^Lokasi/).fill(PLACE);
    await citizen.getByLabel(/^Foto/).setInputFiles({ name: 'gorong-gorong.jpg', mimeType: 'image/jpeg', buffer: photo });
    await submit(citizen, 'Kirim');
    const id = new RegExp(`^${BASE}/warga/pengaduan/(\\d+)(\\?|$)`).exec(citizen.url())![1]!;
    expect(await citizen.locator('.notice.ok').textContent()).toMatch(/^Terkirim sebagai pengaduan No\. \d+\/\d{4}\.$/);
    expect(await status(citizen)).toBe('Diterima');
    const sent = await mainText(citizen);
    expect(sent).toContain(COMPLAINT);
    expect(sent).toContain('Belum ada jawaban.');
    await fits(citizen);

    // 2. The operator, on a phone too: the list says what, not who; the complaint's page says who, with the photo.
    const operator = await phone();
    await logIn(operator, BASE, 'hanura');
    await fits(operator);
    await operator.getByRole('link', { name: 'Pengaduan', exact: true }).click();
    await operator.waitForURL(`${BASE}/desa/${HANURA}/pengaduan`);
    await fits(operator);
    const list = await mainText(operator);
    expect(list).toContain(COMPLAINT);
    expect(list).not.toContain(DEMO_CITIZEN.name);
    expect(await operator.content()).not.toContain(DEMO_CITIZEN.name);
    await operator.getByRole('link', { name: COMPLAINT }).click();
    await operator.waitForURL(`${BASE}/desa/${HANURA}/pengaduan/${id}`);
    await fits(operator);
    const detail = await mainText(operator);
    expect(detail).toContain(`Dari: ${DEMO_CITIZEN.name} — Warga (layanan mandiri)`);
    expect(detail).toContain(`Lokasi: ${PLACE}`);
    expect(await status(operator)).toBe('Diterima');
    const img = operator.getByRole('img', { name: 'Foto' });
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
    const natural = await img.evaluate((el: HTMLImageElement) => ({ width: el.naturalWidth, height: el.naturalHeight }));
    expect(natural).toEqual({ width: 1280, height: 960 });

    const noteForm = operator.locator('form', { has: operator.getByRole('heading', { name: /^Catatan internal/ }) });
    await noteForm.getByLabel(/^Pesan/).fill(NOTE);
    await submit(operator, 'Simpan catatan');
    await expect.poll(() => operator.locator('.notice').first().textContent()).toBe('Tersimpan.');
    expect(await status(operator)).toBe('Diproses');
    expect(await mainText(operator)).toContain(NOTE);
    await fits(operator);
    const replyForm = operator.locator('form', { has: operator.getByRole('heading', { name: /^Jawab \(/ }) });
    await replyForm.getByLabel(/^Pesan/).fill(ANSWER);
    await submit(operator, 'Kirim jawaban');
    await expect.poll(() => operator.locator('.notice').first().textContent()).toBe('Tersimpan.');
    expect(await status(operator)).toBe('Dijawab');
    expect(await mainText(operator)).toContain(ANSWER);
    await fits(operator);

    // 3. The citizen reloads: answered, the answer, not the note.
    await citizen.reload();
    await fits(citizen);
    expect(await status(citizen)).toBe('Dijawab');
    const answered = await mainText(citizen);
    expect(answered).toContain(ANSWER);
    expect(answered).toContain('Operator Desa Hanura');
    expect(answered).not.toContain(NOTE);
    expect(await citizen.content()).not.toContain(NOTE);

    // 4. Anyone: the public list shows the complaint and its answer, never the name (nor the place).
    const visitor = await phone();
    await visitor.goto(`${BASE}/publik/desa/${HANURA}/pengaduan`);
    await fits(visitor);
    const item = visitor.locator('main ul.plain > li', { hasText: COMPLAINT });
    expect(await item.count()).toBe(1);
    expect((await item.textContent())!.replace(/\s+/g, ' ')).toContain(`Jawaban: ${ANSWER}`);
    expect((await item.locator('strong').textContent())!).toMatch(/ · Dijawab$/);
    const publicHtml = await visitor.content();
    expect(publicHtml).not.toContain(DEMO_CITIZEN.name);
    expect(publicHtml).not.toContain(PLACE);
    expect(publicHtml).not.toContain(NOTE);

    // 5. Anyone, on a phone, from the public form: a wrong sum is refused and what was typed kept; the right one sends.
    await visitor.getByRole('link', { name: 'Kirim pengaduan' }).click();
    await visitor.waitForURL(`${BASE}/publik/desa/${HANURA}/pengaduan/kirim`);
    await fits(visitor);
    const sum = async () => {
      const label = (await visitor.locator('label', { has: visitor.locator('input[name="sum"]') }).textContent())!;
      const [a, b] = /berapa (\d+) \+ (\d+)\?/.exec(label)!.slice(1).map(Number) as [number, number];
      return a + b;
    };
    await visitor.getByLabel(/^Kategori/).selectOption({ label: 'Kesehatan (posyandu, puskesmas)' });
    await visitor.getByLabel(/^Isi pengaduan/).fill(PUBLIC_COMPLAINT);
    await visitor.getByLabel(/^Nama/).fill('Rina');
    await visitor.getByLabel(/^Nomor /).fill('0812 3456 7890');
    await visitor.getByLabel(/berapa \d+ \+ \d+\?/).fill(String((await sum()) + 1));
    await submit(visitor, 'Kirim');
    expect(await visitor.locator('.notice.error').textContent()).toMatch(/^Kolom Soal hitungan: /);
    expect(await visitor.getByLabel(/^Kategori/).inputValue()).toBe('kesehatan');
    expect(await visitor.getByLabel(/^Isi pengaduan/).inputValue()).toBe(PUBLIC_COMPLAINT);
    expect(await visitor.getByLabel(/^Nama/).inputValue()).toBe('Rina');
    expect(await visitor.getByLabel(/^Nomor /).inputValue()).toBe('0812 3456 7890');
    expect(await visitor.getByLabel(/berapa \d+ \+ \d+\?/).inputValue()).toBe('');
    await fits(visitor);
    await visitor.getByLabel(/berapa \d+ \+ \d+\?/).fill(String(await sum()));
    await submit(visitor, 'Kirim');
    const kept = (await visitor.locator('.notice.ok').textContent())!;
    const code = /^Terkirim sebagai pengaduan No\. \d+\/\d{4}\. Simpan kode ini untuk melacak pengaduan Anda: ([A-Z0-9]{10})$/.exec(kept)![1]!;
    expect(await status(visitor)).toBe('Diterima');
    await fits(visitor);
    // Later, from the public list: the code in the box, "Lacak".
    await visitor.getByRole('link', { name: 'Semua pengaduan' }).click();
    await visitor.waitForURL(`${BASE}/publik/desa/${HANURA}/pengaduan`);
    await visitor.getByLabel('Kode pengaduan').fill(code);
    await submit(visitor, 'Lacak');
    expect(visitor.url()).toBe(`${BASE}/publik/desa/${HANURA}/pengaduan/lacak?tracking=${code}`);
    await fits(visitor);
    expect(await status(visitor)).toBe('Diterima');
    const tracked = await mainText(visitor);
    expect(tracked).toContain(PUBLIC_COMPLAINT);
    expect(tracked).toContain('Belum ada jawaban.');
    expect(tracked).not.toContain('Rina');

    // 6. The district: the counts on its services dashboard, the complaints out of reach.
    const district = await phone();
    await logIn(district, BASE, 'telukpandan');
    await district.goto(`${BASE}/pantau/18.09.10/layanan`);
    await fits(district);
    const section = district.locator('section', { has: district.getByRole('heading', { name: 'Pengaduan warga', exact: true }) });
    const terms = (await section.locator('dl dt').allTextContents()).map((t) => t.trim());
    const values = (await section.locator('dl dd').allTextContents()).map((t) => t.trim());
    expect(terms).toContain('Belum dijawab');
    const open = Number(values[terms.indexOf('Belum dijawab')]);
    expect(open).toBeGreaterThanOrEqual(1);
    const dashboard = await district.content();
    expect(dashboard).not.toContain(COMPLAINT);
    expect(dashboard).not.toContain(DEMO_CITIZEN.name);
    const forbidden = await district.goto(`${BASE}/desa/${HANURA}/pengaduan`);
    expect(forbidden!.status()).toBe(403);
    await fits(district);
  });
});
