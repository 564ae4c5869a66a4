import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { todayInWib } from '../../src/platform/format/format.js';
import { logIn, phoneReady, submit, useE2E } from '../support/e2e-server.js';

/**
 * The register of temporary residents in Chromium on a 360-px phone: the operator opens it from
 * the home page, records a newcomer staying with the demo citizen, and finds her in the Buku
 * Penduduk Sementara, a card of her own; the head sees her NIK masked.
 */
let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

const NAME = 'Siti Khodijah';
const NIK = '1871054402980003';

async function phone(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  context.setDefaultTimeout(20_000);
  return context.newPage();
}

describe('temporary residents on a phone', () => {
  it('the operator records a newcomer and sees her in the book; the head sees her NIK masked', { timeout: 300_000 }, async () => {
    const today = todayInWib();
    const p = await phone();
    await logIn(p, BASE, 'hanura');
    await p.getByRole('link', { name: 'Penduduk sementara (pendatang)' }).click();
    await p.waitForURL(/\/penduduk-sementara$/);
    await phoneReady(p);
    await p.getByText('Catat pendatang').click();
    const form = p.locator('form', { has: p.getByRole('button', { name: 'Simpan' }) });
    await form.getByLabel(/^Nama lengkap/).fill(NAME);
    await form.getByLabel(/^Jenis kelamin/).selectOption({ label: 'PEREMPUAN' });
    await form.getByLabel(/^NIK \(16 angka/).fill(NIK);
    await form.getByLabel(/^Tempat lahir/).fill('Bandar Lampung');
    await form.getByLabel(/^Tanggal lahir/).fill('1998-02-04');
    await form.getByLabel(/^Pekerjaan/).selectOption({ label: 'PELAJAR/MAHASISWA' });
    await form.getByLabel(/^Datang dari/).fill('Jl. Teuku Umar No. 3, Kedaton, Kota Bandar Lampung');
    await form.getByLabel(/^Maksud dan tujuan/).fill('Kuliah kerja nyata');
    await form.getByLabel(/^Tanggal datang/).fill(today);
    await form.getByLabel(/^NIK penduduk yang didatangi/).fill('1809101708859901');
    await phoneReady(p); // the open form fits the phone too
    await submit(p, 'Simpan');
    await phoneReady(p);
    expect(await p.locator('.notice.ok').textContent()).toContain('Tersimpan');
    expect(await p.locator('h1').textContent()).toBe(NAME);
    expect(await p.locator('main').textContent()).toContain('Budi Santoso');
    await p.getByText('Koreksi catatan ini').first().click();
    await phoneReady(p);

    await p.getByRole('link', { name: 'Buku Penduduk Sementara' }).click();
    await p.waitForURL(/\/buku\/penduduk-sementara/);
    await phoneReady(p);
    const card = p.locator('table tbody tr', { hasText: NAME });
    expect(await card.count()).toBe(1);
    expect(await card.textContent()).toContain(NIK);
    expect(await card.textContent()).toContain('Kuliah kerja nyata');
    await p.context().close();

    const head = await phone();
    await logIn(head, BASE, 'kades.hanura');
    await head.goto(`${BASE}/desa/18.09.10.2004/penduduk-sementara`);
    await phoneReady(head);
    const row = head.locator('table tbody tr', { hasText: NAME });
    expect(await row.locator('td.nik').textContent()).toBe('1871********0003');
    await head.context().close();
  });
});
