import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { titleCase } from '../../src/platform/format/format.js';
import { logIn, submit, useE2E } from '../support/e2e-server.js';
import { PHONE_WIDTH, TAP_MIN, measurePhonePage } from '../support/phone-check.js';

/**
 * Village institutions' "done when", in Chromium, on a 360-px phone: Hanura's operator records
 * an LPM, adds its chair from the population register by NIK (an unknown NIK is refused naming
 * the field, with what was typed kept), sees the chair among the current members; the village
 * website shows the LPM with its chair's position; the operator ends the term with a reason and
 * finds it in the history of positions, and the website then no longer lists the chair.
 */
let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

const HANURA = '18.09.10.2004';
const PHONE = { width: 360, height: 740 };
const TODAY = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10); // today in WIB, as the server counts
const TERM_START = `${TODAY.slice(0, 4)}-01-01`;
const LPM = 'LPM Desa Hanura';
const DECREE = '141/07/KPTS/2025';
const POSITION = 'Ketua';
const REASON = 'Mengundurkan diri karena pindah kerja ke Bandar Lampung';
/** A NIK of the right shape that nobody in the demo holds (the generator's serials stop at 9588). */
const NOBODY = '1809100101709601';

async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: PHONE });
  context.setDefaultTimeout(15_000);
  return { context, page: await context.newPage() };
}

/** As the phone sweep measures: nothing wider than the screen, every tap target 24 px or more. */
async function phoneReady(page: Page) {
  await page.waitForLoadState('load');
  const found = await page.evaluate(measurePhonePage, TAP_MIN);
  expect(found.width, found.widest).toBeLessThanOrEqual(PHONE_WIDTH);
  expect(found.small, page.url()).toEqual([]);
}
const notice = (page: Page) => page.locator('.notice').first().textContent();
const mainText = async (page: Page) => (await page.locator('main').textContent())!.replace(/\s+/g, ' ');

describe('village institutions in Chromium', () => {
  it('the operator records an LPM and its chair by NIK, then ends the term with a reason; the website shows the chair while in office', async () => {
    const { page: op } = await phone();
    await logIn(op, BASE, 'hanura');
    await op.getByRole('link', { name: 'Kelembagaan dan pelatihan', exact: true }).click();
    await op.waitForURL(`${BASE}/desa/${HANURA}/kelembagaan`);
    await phoneReady(op);
    // The demo's institutions and training are listed.
    const list = op.getByRole('table', { name: 'Lembaga' });
    for (const name of ['BPD Desa Hanura', 'Posyandu Melati', 'Karang Taruna Tunas Bahari']) expect(await list.getByRole('link', { name }).count()).toBe(1);
    expect(await op.getByRole('table', { name: 'Pelatihan dan pembelajaran warga' }).getByRole('link', { name: 'Pelatihan kader digital desa' }).count()).toBe(1);

    // 1. Catat lembaga: an LPM for the whole village.
    const create = op.locator('form', { has: op.getByRole('heading', { name: 'Catat lembaga' }) });
    await create.getByLabel(/^Jenis/).selectOption('lpm');
    await create.getByLabel(/^Nama lembaga/).fill(LPM);
    await create.getByLabel('Nomor SK pembentukan').fill(DECREE);
    await create.getByLabel('Tanggal SK').fill(TERM_START);
    await submit(op, 'Simpan', create);
    const id = new RegExp(`^${BASE}/desa/${HANURA}/kelembagaan/(\\d+)\\?ok=1$`).exec(op.url())?.[1];
    expect(id, op.url()).toBeDefined();
    const page = `${BASE}/desa/${HANURA}/kelembagaan/${id}`;
    expect(await notice(op)).toBe('Tersimpan.');
    expect(await op.title()).toMatch(new RegExp(`^${LPM} · `));
    const figures = await mainText(op);
    expect(figures).toContain('LPM (Lembaga Pemberdayaan Masyarakat)');
    expect(figures).toContain(DECREE);
    await phoneReady(op);

    // 2. A living adult of Hanura, read from the register as the office sees it.
    const res = await op.request.get(`${BASE}/api/v1/villages/${HANURA}/residents?per_page=20&age_min=25`);
    expect(res.status()).toBe(200);
    const person = ((await res.json()).data as { nik: string; name: string }[]).find((p) => /^\d{16}$/.test(p.nik))!;
    expect(person).toBeDefined();

    // 3. An unknown NIK: refused, naming the field, with everything typed kept.
    const memberForm = () => op.locator('form', { has: op.getByRole('heading', { name: 'Tambah pengurus/anggota dari data penduduk' }) });
    await memberForm().getByLabel(/^NIK penduduk/).fill(NOBODY);
    await memberForm().getByLabel(/^Jabatan/).fill(POSITION);
    await memberForm().getByLabel(/^Awal masa jabatan/).fill(TERM_START);
    await submit(op, 'Simpan', memberForm());
    expect(await op.locator('.notice.error').textContent()).toMatch(/^Kolom NIK: /);
    expect(await memberForm().getByLabel(/^NIK penduduk/).inputValue()).toBe(NOBODY);
    expect(await memberForm().getByLabel(/^Jabatan/).inputValue()).toBe(POSITION);
    expect(await memberForm().getByLabel(/^Awal masa jabatan/).inputValue()).toBe(TERM_START);
    expect(await op.getByRole('table', { name: 'Pengurus dan anggota saat ini' }).count()).toBe(0);
    await phoneReady(op);

    // 4. The right NIK: the chair is among the current members (the NIK masked).
    await memberForm().getByLabel(/^NIK penduduk/).fill(person.nik);
    await submit(op, 'Simpan', memberForm());
    expect(op.url()).toBe(`${page}?ok=1`);
    expect(await notice(op)).toBe('Tersimpan.');
    const current = op.getByRole('table', { name: 'Pengurus dan anggota saat ini' });
    const row = current.locator('tbody tr', { hasText: person.name });
    expect(await row.count()).toBe(1);
    const cells = (await row.locator('td').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(cells[1]).toBe(POSITION);
    expect(cells[3]).toBe(`${person.nik.slice(0, 4)}********${person.nik.slice(12)}`);
    expect(await op.content()).not.toContain(person.nik);
    await phoneReady(op);

    // 5. The village website, for anyone: the LPM with its chair.
    const { context: visitorContext, page: visitor } = await phone();
    await visitor.goto(`${BASE}/desa/hanura`);
    await visitor.locator('nav.site-nav').getByRole('link', { name: 'Lembaga', exact: true }).click();
    await visitor.waitForURL(`${BASE}/desa/hanura/lembaga`);
    await phoneReady(visitor);
    const section = visitor.locator('main section', { has: visitor.getByRole('heading', { name: LPM, exact: true }) });
    expect(await section.count()).toBe(1);
    expect((await section.locator('p.muted').textContent())!.trim()).toBe('LPM (Lembaga Pemberdayaan Masyarakat) · 1 anggota');
    expect((await section.locator('li').allTextContents()).map((t) => t.trim())).toEqual([`${POSITION}: ${titleCase(person.name)}`]);
    expect(await visitor.content()).not.toContain(person.nik);

    // 6. The term ends, with a day and a reason: it moves to the history of positions.
    await row.locator('summary', { hasText: 'Akhiri masa jabatan' }).click();
    const endForm = row.locator('form');
    expect(await endForm.getByLabel(/^Tanggal berakhir/).inputValue()).toBe(TODAY);
    await endForm.getByLabel(/^Alasan/).fill(REASON);
    await phoneReady(op);
    await submit(op, 'Akhiri masa jabatan', endForm);
    expect(op.url()).toBe(`${page}?ok=1`);
    expect(await notice(op)).toBe('Tersimpan.');
    expect(await op.getByRole('table', { name: 'Pengurus dan anggota saat ini' }).count()).toBe(0);
    const history = op.getByRole('table', { name: 'Riwayat jabatan (masa jabatan yang sudah berakhir)' });
    const past = history.locator('tbody tr', { hasText: person.name });
    expect(await past.count()).toBe(1);
    const pastCells = (await past.locator('td').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(pastCells[1]).toBe(POSITION);
    expect(pastCells[3]).toMatch(new RegExp(` · ${REASON}$`));
    await phoneReady(op);

    // 7. The website lists current office holders only: the LPM stays, without its former chair.
    await visitor.reload();
    expect((await section.locator('p.muted').textContent())!.trim()).toBe('LPM (Lembaga Pemberdayaan Masyarakat) · 0 anggota');
    expect(await section.locator('li').count()).toBe(0);
    await phoneReady(visitor);
    await visitorContext.close();
  });
});
