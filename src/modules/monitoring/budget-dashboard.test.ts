import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX } from '../../platform/http/download.js';
import { todayInWib } from '../../platform/format/format.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

const V = '18.09.10.2004'; // Hanura, with the demo's adopted APBDes of this year
const YEAR = todayInWib().slice(0, 4);
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('village budgets on the dashboards above the village', () => {
  it('show the adopted budget and its realisation per regency and per village, live after a posting', async () => {
    const [province, district, treasurer] = await Promise.all([t.login('provinsi'), t.login('telukpandan'), t.login('bendahara.hanura')]);
    const before = await text(await province.get(`/pantau/18/apbdes?tahun=${YEAR}`));
    // Pesawaran: one village adopted, Rp1.158.300.000 of spending, nothing realised yet.
    // Activated villages, RKPDes adopted (on time), APBDes adopted, budget, realised, share.
    expect(before).toMatch(/Kabupaten Pesawaran \d+ 1 \(1 tepat waktu\) 1 Rp1\.158\.300\.000 Rp0 0,0/);

    // A tenth of the spending paid: 115.830.000 of the road (483 M budgeted).
    const form = new FormData();
    form.set('_csrf', treasurer.csrf);
    for (const [k, v] of Object.entries({ entry_date: `${YEAR}-01-01`, account_code: '5.3.5', activity_code: '2.3.10', fund: 'DDS', description: 'Uang muka rabat beton', amount: '115.830.000' })) form.set(k, v);
    expect((await treasurer.request(`/desa/${V}/realisasi`, { method: 'POST', body: form })).status).toBe(303);

    const after = await text(await province.get(`/pantau/18/apbdes?tahun=${YEAR}`));
    expect(after).toMatch(/Kabupaten Pesawaran \d+ 1 \(1 tepat waktu\) 1 Rp1\.158\.300\.000 Rp115\.830\.000 10,0/);
    const villages = await text(await district.get(`/pantau/18.09.10/apbdes?tahun=${YEAR}`));
    // The demo adopted this year's RKPDes last September, before its deadline.
    expect(villages).toMatch(new RegExp(`Hanura 22 September ${Number(YEAR) - 1} \\d+ Januari ${YEAR} Rp1\\.158\\.300\\.000 Rp115\\.830\\.000 10,0 1 Januari ${YEAR}`));
    // Batu Menyan, also active, has not adopted one.
    expect(villages).toContain('Batu Menyan belum ditetapkan belum ditetapkan');
    // Another year: nothing adopted.
    expect(await text(await province.get('/pantau/18/apbdes?tahun=2001'))).toMatch(/Sudah menetapkan APBDes 0/);
    // Outside the district officer's scope: refused.
    expect((await district.get('/pantau/18.71/apbdes')).status).toBe(403);

    // The same figures in Excel, as numbers: the district's villages with their dates and projects.
    const file = await district.get(`/pantau/18.09.10/apbdes.xlsx?tahun=${YEAR}`);
    expect(file.headers.get('content-type')).toBe(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await file.arrayBuffer());
    const sheet = wb.getWorksheet('Desa')!;
    const hanura = sheet.getSheetValues().find((r) => Array.isArray(r) && r[1] === V) as unknown[];
    // Code, village, RKPDes date, APBDes date, income, realised income, spending, realised spending, share, last entry, projects, late.
    expect(hanura.slice(1, 3)).toEqual([V, 'Hanura']);
    expect(hanura.slice(7, 10)).toEqual([1158300000, 115830000, 10]);
    expect(hanura[11]).toBe(1); // the demo's road project
  });
});
