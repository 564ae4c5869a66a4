import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, phoneReady, submit, useE2E } from '../support/e2e-server.js';

/**
 * The ministries' village profile in Chromium on a 360-px phone: the operator opens it from the
 * village's home, types one item Balai cannot count (the altitude, asked by Prodeskel and SDGs
 * Desa alike), sees it in both sections, and downloads the workbook with it; the district reads
 * the same page without the forms.
 */
let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

const HANURA = '18.09.10.2004';

async function phone(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, acceptDownloads: true });
  context.setDefaultTimeout(30_000);
  return context.newPage();
}

describe('the village profile on a phone', () => {
  it('types one item, shows it in both systems and downloads the Excel', async () => {
    const op = await phone();
    await logIn(op, BASE, 'hanura');
    await Promise.all([op.waitForURL(/\/profil-desa$/), op.getByRole('link', { name: 'Profil desa untuk Prodeskel dan SDGs Desa' }).click()]);
    await phoneReady(op);
    expect(await op.locator('#isian').textContent()).toMatch(/0 dari \d+ isian manual terisi/);

    const item = op.locator('#isian-ketinggian');
    await item.getByLabel('Nilai (m)').fill('15');
    await submit(op, 'Simpan', item);
    await op.waitForURL(/ok=1/);
    await phoneReady(op);
    expect(await op.locator('.notice.ok').textContent()).toContain('Isian tersimpan');
    expect(await op.locator('#isian').textContent()).toMatch(/1 dari \d+ isian manual terisi/);
    expect(await op.locator('#isian-ketinggian').textContent()).toContain('diisi Operator Desa Hanura');
    // Typed once, shown in the Prodeskel and the SDGs Desa sections.
    expect((await op.locator('#i-pd-ketinggian').textContent())!.replace(/\s+/g, ' ')).toContain('15 m');
    expect((await op.locator('#i-sd-ketinggian').textContent())!.replace(/\s+/g, ' ')).toContain('15 m');

    const [file] = await Promise.all([op.waitForEvent('download'), op.getByRole('link', { name: /^Unduh Excel/ }).click()]);
    expect(file.suggestedFilename()).toMatch(/^profil-desa-1809102004-\d{4}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await file.path())!) as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet('SDGs Kuesioner Desa')!;
    const rows: unknown[][] = [];
    sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows.find((r) => r[0] === 'P226')?.[4]).toBe(15);
    expect(rows.find((r) => r[0] === 'P216')?.[6]).toBe('perlu diisi manual');
    await op.context().close();
  });

  it('the district reads it on a phone, without the forms', async () => {
    const page = await phone();
    await logIn(page, BASE, 'telukpandan');
    await page.goto(`${BASE}/desa/${HANURA}/profil-desa`);
    await phoneReady(page);
    expect(await page.locator('#isian').textContent()).toContain('Hanya dapat dilihat');
    expect(await page.getByRole('button', { name: 'Simpan' }).count()).toBe(0);
    await page.goto(`${BASE}/pantau/18.09.10/profil-desa`);
    await phoneReady(page);
    expect(await page.locator('main').textContent()).toContain('Mulai mengisi');
    await page.context().close();
  });
});
