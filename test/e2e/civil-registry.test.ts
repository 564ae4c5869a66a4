import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_CITIZEN } from '../../src/modules/demo/seed-demo.js';
import { todayInWib } from '../../src/platform/format/format.js';
import { logIn, phoneReady, submit, useE2E } from '../support/e2e-server.js';

/**
 * The civil registry desk in Chromium on a 360-px phone: the operator makes the first report of
 * the register's changes (a birth recorded today is in its LAHIR sheet), uploads the civil
 * registry's list (the upload script shows its progress and opens the comparison), and accepts
 * the one correction it offers: the demo citizen's place of birth.
 */
let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

const HANURA = '18.09.10.2004';
const API = `/api/v1/villages/${HANURA}`;

async function phone(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  context.setDefaultTimeout(30_000);
  return context.newPage();
}

describe('the civil registry desk on a phone', () => {
  it('the operator reports a birth, compares the civil registry\'s list and accepts a correction', { timeout: 300_000 }, async () => {
    const today = todayInWib();
    const p = await phone();
    await logIn(p, BASE, 'hanura');
    const found = (await (await p.request.get(`${BASE}${API}/residents?q=${DEMO_CITIZEN.nik}`)).json()) as { data: { id: number; nik: string; family_id: number; kk_number: string; birth_place: string | null }[] };
    const budi = found.data.find((r) => r.nik === DEMO_CITIZEN.nik)!;
    // A girl born today: her day of birth plus 40 in the NIK.
    const nik = `180910${String(Number(today.slice(8, 10)) + 40)}${today.slice(5, 7)}${today.slice(2, 4)}0777`;
    const born = await p.request.post(`${BASE}${API}/births`, { data: { family_id: budi.family_id, nik, name: 'BAYI DUKCAPIL', sex: 2, birth_place: 'Pesawaran', birth_date: today, religion: 1 } });
    expect(born.status(), await born.text()).toBe(201);

    await p.getByRole('link', { name: 'Dukcapil: laporan dan pemadanan data' }).click();
    await p.waitForURL(/\/dukcapil$/);
    await phoneReady(p);
    await p.getByLabel('Laporan pertama sejak').fill(today);
    await submit(p, 'Ekspor perubahan sejak laporan terakhir');
    await p.waitForURL(/dibuat=1-/);
    expect(await p.locator('.notice.ok').textContent()).toContain('Laporan nomor 1 dibuat');
    await phoneReady(p);
    const href = await p.getByRole('link', { name: 'Unduh Excel' }).first().getAttribute('href');
    const file = await p.request.get(`${BASE}${href}`);
    expect(file.headers()['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await file.body()) as unknown as ArrayBuffer);
    const nikColumn = (wb.getWorksheet('LAHIR')!.getColumn(2).values as unknown[]).map(String);
    expect(nikColumn).toContain(nik);

    // The civil registry writes Budi's place of birth differently: the one difference to accept.
    const list = `NIK;NO_KK;NAMA_LGKP;TMPT_LHR\r\n${DEMO_CITIZEN.nik};${budi.kk_number};BUDI SANTOSO;TANJUNG KARANG\r\n`;
    await p.getByLabel('Berkas data Dukcapil').setInputFiles([{ name: 'biodata-hanura.csv', mimeType: 'text/csv', buffer: Buffer.from(list) }]);
    await p.getByRole('button', { name: 'Unggah dan bandingkan' }).click();
    await p.waitForURL(/\/dukcapil\/impor\/\d+$/);
    await phoneReady(p);
    const main = (await p.locator('main').textContent())!;
    expect(main).toContain('Data berbeda (1)');
    expect(main).toContain('TANJUNG KARANG');
    await p.getByText('Terima (Tempat lahir)').click();
    await submit(p, 'Terapkan koreksi yang dipilih');
    await p.waitForURL(/diterapkan=1-1/);
    expect(await p.locator('.notice.ok').textContent()).toContain('1 koreksi diterapkan pada 1 penduduk');
    expect(await p.locator('main').textContent()).toContain('sudah diterapkan');
    await phoneReady(p);
    const after = (await (await p.request.get(`${BASE}${API}/residents/${budi.id}`)).json()) as { data: { resident: { birth_place: string } } };
    expect(after.data.resident.birth_place).toBe('TANJUNG KARANG');
    await p.context().close();
  });
});
