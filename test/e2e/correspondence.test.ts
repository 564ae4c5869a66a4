import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { todayInWib } from '../../src/platform/format/format.js';
import { logIn, phoneReady, submit, useE2E } from '../support/e2e-server.js';

/**
 * Incoming letters in Chromium on 360-px phones: the operator registers a letter from the
 * regency with its PDF scan, the head routes it to the secretary with a due date, the secretary
 * finds it in her queue and marks it done with a note, and the head sees what came of it; the
 * agenda book lists it.
 */
let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

const HANURA = '18.09.10.2004';
const SUBJECT = 'Undangan Sosialisasi Indeks Desa';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');

async function phone(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  context.setDefaultTimeout(20_000);
  return context.newPage();
}

describe('incoming letters on a phone', () => {
  it('a letter is registered with its scan, routed to the secretary, marked done, and listed in the agenda book', { timeout: 300_000 }, async () => {
    const today = todayInWib();
    // 1. The operator registers it from the village office's home.
    const op = await phone();
    await logIn(op, BASE, 'hanura');
    await op.getByRole('link', { name: 'Surat masuk dan buku agenda' }).click();
    await phoneReady(op);
    await op.getByText('Catat surat masuk').click();
    const form = op.locator('form', { has: op.getByRole('button', { name: 'Simpan' }) });
    await form.getByLabel(/^Tanggal diterima/).fill(today);
    await form.getByLabel(/^Pengirim/).fill('Dinas PMD Kabupaten Pesawaran');
    await form.getByLabel(/^Nomor surat/).fill('005/311/V.06/2026');
    await form.getByLabel(/^Tanggal surat/).fill(today);
    await form.getByLabel(/^Perihal/).fill(SUBJECT);
    await form.getByLabel(/^Sifat surat/).selectOption({ label: 'Segera' });
    await form.getByLabel(/^Pindaian surat/).setInputFiles([{ name: 'undangan.pdf', mimeType: 'application/pdf', buffer: PDF }]);
    await submit(op, 'Simpan');
    expect(await op.locator('.notice.ok').textContent()).toContain('Tersimpan');
    await phoneReady(op);
    const letterUrl = op.url().split('?')[0]!;
    expect(await op.locator('h1').textContent()).toMatch(/^No\. Agenda \d+\/\d{4}$/);
    const scanHref = await op.getByRole('link', { name: 'Buka pindaian' }).getAttribute('href');
    const scan = await op.request.get(`${BASE}${scanHref}`);
    expect(scan.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.from(await scan.body()).equals(PDF)).toBe(true);
    await op.context().close();

    // 2. The head routes it to the secretary, due in two days.
    const head = await phone();
    await logIn(head, BASE, 'kades.hanura');
    await head.goto(letterUrl);
    await phoneReady(head);
    const due = new Date(Date.parse(`${today}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
    await head.getByLabel(/^Diteruskan kepada/).selectOption({ label: 'Siti Rahmawati (Sekretaris Desa)' });
    await head.getByLabel(/^Isi disposisi/).fill('Mohon dihadiri, siapkan data IDM tahun lalu.');
    await head.getByLabel(/^Batas waktu/).fill(due);
    await submit(head, 'Kirim disposisi');
    expect(await head.locator('.notice.ok').textContent()).toContain('Tersimpan');
    expect(await head.locator('ul.cards').textContent()).toContain('belum selesai');
    await phoneReady(head);

    // 3. The secretary finds it in her queue and marks it done with a note.
    const secretary = await phone();
    await logIn(secretary, BASE, 'sekdes.hanura');
    await secretary.getByRole('link', { name: 'Disposisi saya' }).click();
    await phoneReady(secretary);
    const item = secretary.locator('ul.cards > li', { hasText: SUBJECT });
    expect(await item.textContent()).toContain('Mohon dihadiri, siapkan data IDM tahun lalu.');
    await item.getByLabel(/^Catatan penyelesaian/).fill('Sudah hadir; data IDM diserahkan ke pendamping desa.');
    await submit(secretary, 'Tandai selesai', item);
    expect(await secretary.locator('.notice.ok').textContent()).toContain('Tersimpan');
    expect(await secretary.locator('ul.cards > li', { hasText: SUBJECT }).getByRole('button').count()).toBe(0);
    await phoneReady(secretary);
    await secretary.context().close();

    // 4. The head sees what came of it; the agenda book lists the letter.
    await head.reload();
    const routes = (await head.locator('ul.cards').textContent())!;
    expect(routes).toContain('Sudah hadir; data IDM diserahkan ke pendamping desa.');
    expect(routes).not.toContain('belum selesai');
    await head.goto(`${BASE}/desa/${HANURA}/buku-agenda`);
    await phoneReady(head);
    expect(await head.locator('main').textContent()).toContain(SUBJECT);
    await head.context().close();
  });
});
