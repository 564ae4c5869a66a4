import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { todayInWib } from '../../src/platform/format/format.js';
import { logIn, phoneReady, submit, useE2E } from '../support/e2e-server.js';

/**
 * The village administration books in Chromium on a 360-px phone: the operator opens the shelf
 * from the home page, the monthly recapitulation per dusun (its JUMLAH row), chooses another
 * month, and prints it as PDF; the head opens the KTP and KK register and sees NIKs masked.
 */
let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

async function phone(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  context.setDefaultTimeout(20_000);
  return context.newPage();
}

describe('the administration books on a phone', () => {
  it('the operator opens the recapitulation per dusun, changes the month and prints it; the head reads the KTP and KK register with NIKs masked', async () => {
    const op = await phone();
    await logIn(op, BASE, 'hanura');
    await op.getByRole('link', { name: 'Buku administrasi desa' }).click();
    await phoneReady(op);
    expect(await op.locator('h2').allTextContents()).toEqual(expect.arrayContaining(['Administrasi umum', 'Administrasi penduduk', 'Administrasi keuangan', 'Administrasi pembangunan']));
    await op.getByRole('link', { name: 'Buku Rekapitulasi Jumlah Penduduk' }).click();
    await phoneReady(op);
    // One card per dusun and the JUMLAH card last; its end figure is the village's population.
    const cards = op.locator('table tbody tr');
    expect(await cards.count()).toBeGreaterThan(2);
    const last = cards.last();
    expect(await last.locator('td').nth(1).textContent()).toBe('JUMLAH');
    expect(Number(await last.locator('td').last().textContent())).toBeGreaterThan(2000);

    const month = Number(todayInWib().slice(5, 7));
    const other = month === 1 ? 12 : month - 1;
    await op.getByLabel('Bulan').selectOption(String(other));
    if (month === 1) await op.getByLabel('Tahun').fill(String(Number(todayInWib().slice(0, 4)) - 1));
    await submit(op, 'Tampilkan');
    await phoneReady(op);
    expect(op.url()).toContain(`bulan=${other}`);
    const pdf = await op.request.get(await op.getByRole('link', { name: 'PDF F4 (folio)' }).getAttribute('href').then((h) => `${BASE}${h}`));
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    const head = await phone();
    await logIn(head, BASE, 'kades.hanura');
    await head.goto(`${BASE}/desa/18.09.10.2004/buku`);
    await head.getByRole('link', { name: 'Buku KTP dan KK' }).click();
    await phoneReady(head);
    const nik = await head.locator('table tbody tr').first().locator('td').nth(3).textContent();
    expect(nik).toMatch(/^\d{4}\*{8}\d{4}$/);
  });
});
