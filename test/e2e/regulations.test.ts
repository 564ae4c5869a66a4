import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { todayInWib } from '../../src/platform/format/format.js';
import { logIn, phoneReady, submit, useE2E } from '../support/e2e-server.js';

/**
 * The register of regulations in Chromium on a 360-px phone: the secretary records a Peraturan
 * Desa with its PDF (agreed with the BPD, promulgated in the Lembaran Desa), opens the PDF, and
 * finds it in the Buku Peraturan di Desa and the Buku Lembaran Desa dan Berita Desa.
 */
let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

const HANURA = '18.09.10.2004';
const ABOUT = 'Pengelolaan Sampah Rumah Tangga';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');

async function phone(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  context.setDefaultTimeout(20_000);
  return context.newPage();
}

describe('village regulations on a phone', () => {
  it('the secretary records a Perdes with its PDF and sees it in the Buku Peraturan and the Lembaran Desa', { timeout: 300_000 }, async () => {
    const today = todayInWib();
    const year = today.slice(0, 4);
    const p = await phone();
    await logIn(p, BASE, 'sekdes.hanura');
    await p.getByRole('link', { name: 'Peraturan, keputusan dan Lembaran Desa' }).click();
    await phoneReady(p);
    await p.getByText('Catat peraturan atau keputusan').click();
    const form = p.locator('form', { has: p.getByRole('button', { name: 'Simpan' }) });
    await form.getByLabel(/^Jenis/).selectOption({ label: 'Peraturan Desa' });
    await form.getByLabel(/^Nomor \(mis/).fill('7');
    await form.getByLabel(/^Tanggal ditetapkan/).fill(today);
    await form.getByLabel(/^Tentang/).fill(ABOUT);
    await form.getByLabel(/^Uraian singkat/).fill('Pemilahan sampah di rumah dan iuran pengangkutan.');
    await form.getByLabel(/^Tanggal kesepakatan BPD/).fill(today);
    await form.getByLabel(/^Diundangkan: tanggal/).fill(today);
    await form.getByLabel(/^Nomor Lembaran Desa/).fill('7');
    await form.getByLabel(/^Berkas yang ditandatangani/).setInputFiles([{ name: 'perdes-7.pdf', mimeType: 'application/pdf', buffer: PDF }]);
    await submit(p, 'Simpan');
    expect(await p.locator('.notice.ok').textContent()).toContain('Tersimpan');
    await phoneReady(p);
    expect(await p.locator('h1').textContent()).toBe(`Peraturan Desa Nomor 7 Tahun ${year}`);
    const href = await p.getByRole('link', { name: 'Buka berkas PDF' }).getAttribute('href');
    const doc = await p.request.get(`${BASE}${href}`);
    expect(doc.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.from(await doc.body()).equals(PDF)).toBe(true);

    await p.getByRole('link', { name: 'Buku Peraturan di Desa' }).click();
    await phoneReady(p);
    expect(await p.locator('main').textContent()).toContain(ABOUT);
    await p.getByRole('link', { name: 'Buku Lembaran Desa dan Berita Desa' }).click();
    await phoneReady(p);
    const gazette = (await p.locator('main').textContent())!;
    expect(gazette).toContain(ABOUT);
    expect(gazette).toContain(`Lembaran Desa Tahun ${year} Nomor 7`);
    await p.context().close();
  });
});
