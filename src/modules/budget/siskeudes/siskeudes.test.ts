import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInWib } from '../../../platform/format/format.js';
import { createTestApp, type Client, type TestApp } from '../../../../test/support/test-app.js';

const V = '18.09.10.2004'; // Hanura: the demo's adopted APBDes of this year
const YEAR = Number(todayInWib().slice(0, 4));
const NEXT = YEAR + 1;
const DAY = `${YEAR}-01-01`;
let t: TestApp;
let treasurer: Client;
let head: Client;

beforeAll(async () => {
  t = await createTestApp();
  [treasurer, head] = await Promise.all(['bendahara.hanura', 'kades.hanura'].map((u) => t.login(u)));
});
afterAll(() => t.close());

/** A workbook as Siskeudes' export gives one: a title row, then the columns it names its own way. */
async function xlsx(sheet: string, title: string, rows: (string | number | null)[][]): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow([title]);
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
const csv = (rows: (string | number)[][]) => new TextEncoder().encode(rows.map((r) => r.join(';')).join('\r\n'));

function upload(as: Client, kind: string, year: number, bytes: Uint8Array<ArrayBuffer>, name: string) {
  const form = new FormData();
  form.set('_csrf', as.csrf);
  form.set('kind', kind);
  form.set('tahun', String(year));
  form.set('file', new File([bytes], name));
  return as.request(`/desa/${V}/realisasi/siskeudes`, { method: 'POST', body: form });
}
const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const importId = (html: string) => /\/realisasi\/siskeudes\/(\d+)\/impor/.exec(html)?.[1];
const entries = () => t.db.kysely.selectFrom('budget_entries').selectAll().where('village_code', '=', V).orderBy('id').execute();
const rollup = () => t.db.kysely.selectFrom('monitoring_budgets').select(['realised_income', 'realised_spending']).where('village_code', '=', V).where('year', '=', YEAR).executeTakeFirstOrThrow();

const BUDGET_HEADER = ['Tahun', 'Kd_Desa', 'Kd_Keg', 'Kd_Rincian', 'SumberDana', 'Uraian', 'JmlSatuan', 'Satuan', 'HrgSatuan', 'Anggaran'];
const budgetLines = (year: number): (string | number | null)[][] => [
  BUDGET_HEADER,
  [year, '18.09.10.2004', '', '4.2.1.01.', '', 'Dana Desa', 1, 'tahun', 900_000_000, 900_000_000],
  [year, '18.09.10.2004', '', '4.2.3.01.', '', 'Alokasi Dana Desa', 1, 'tahun', 400_000_000, 400_000_000],
  [year, '18.09.10.2004', '18.09.10.2004.01.01.01.', '5.1.1.01.', 'ADD', 'Penghasilan tetap Kepala Desa', 12, 'bulan', 4_500_000, 54_000_000],
  [year, '18.09.10.2004', '18.09.10.2004.02.03.10.', '5.3.5.01.', 'DDS', 'Rabat beton jalan Dusun III', 2.5, 'km', 240_000_000, 600_000_000],
  [year, '18.09.10.2004', '18.09.10.2004.03.04.03.', '5.2.2.01.', 'Dana Desa', 'Honor kader PKK', 12, 'bulan', 1_000_000, 12_000_000],
];

describe('Siskeudes import and export', () => {
  it('imports a year of budget lines as a new draft after a preview that names each bad row; the same file twice is refused', async () => {
    // One line whose total is not volume × price: the preview names the row and column, and stores nothing.
    const wrong = budgetLines(NEXT);
    wrong[4] = [...wrong[4]!.slice(0, 9), 500_000_000];
    const refused = await upload(treasurer, 'apbdes', NEXT, await xlsx('Ta_RABRinci', 'DAFTAR RINCIAN APBDES', wrong), 'rab.xlsx');
    expect(refused.status).toBe(422);
    const page = await text(refused);
    expect(page).toContain('1 masalah: tidak ada yang diimpor');
    expect(page).toContain('6 Anggaran Kolom Anggaran: volume × harga satuan = Rp600.000.000, tetapi berkas menulis Rp500.000.000');
    expect(await t.db.kysely.selectFrom('budget_imports').select('id').where('village_code', '=', V).execute()).toHaveLength(0);

    const file = await xlsx('Ta_RABRinci', 'DAFTAR RINCIAN APBDES', budgetLines(NEXT));
    const preview = await upload(treasurer, 'apbdes', NEXT, file, 'rab.xlsx');
    const html = await preview.text();
    expect(preview.status, html.replace(/<[^>]+>/g, ' ')).toBe(200);
    expect(html).toContain('5 baris siap diimpor');
    expect(html).toContain('Rp1.300.000.000'); // income
    expect(html).toContain('Rp666.000.000'); // spending
    const run = await treasurer.form(`/desa/${V}/realisasi/siskeudes/${importId(html)}/impor`, {});
    expect(run.status).toBe(303);
    const draft = await t.db.kysely.selectFrom('budgets').selectAll().where('village_code', '=', V).where('year', '=', NEXT).executeTakeFirstOrThrow();
    expect([draft.status, draft.version]).toEqual(['draft', 1]);
    const lines = await t.db.kysely.selectFrom('budget_lines').selectAll().where('village_code', '=', V).where('budget_id', '=', draft.id).orderBy('id').execute();
    expect(lines.map((l) => [l.account_code, l.activity_code, l.fund, l.volume, l.amount])).toEqual([
      ['4.2.1', null, null, '1.00', '900000000'], ['4.2.3', null, null, '1.00', '400000000'], ['5.1.1', '1.1.01', 'ADD', '12.00', '54000000'],
      ['5.3.5', '2.3.10', 'DDS', '2.50', '600000000'], ['5.2.2', '3.4.03', 'DDS', '12.00', '12000000'],
    ]);
    // The draft is an ordinary one: it shows on the budget page, to be checked, verified and adopted.
    expect(await text(await treasurer.get(`/desa/${V}/apbdes/${draft.id}`))).toContain('Rabat beton jalan Dusun III');
    expect(await text(await treasurer.get(`/desa/${V}/realisasi/siskeudes?tahun=${NEXT}`))).toContain('5 ditambahkan');

    // The same file again: refused at the preview, nothing to confirm.
    const again = await text(await upload(treasurer, 'apbdes', NEXT, file, 'rab-lagi.xlsx'));
    expect(again).toContain('Berkas ini sudah diimpor pada');
    expect(importId(again)).toBeUndefined();
    // A confirmation sent twice imports once.
    expect((await treasurer.form(`/desa/${V}/realisasi/siskeudes/${importId(html)}/impor`, {})).status).toBe(409);
    expect(await t.db.kysely.selectFrom('budgets').select('id').where('village_code', '=', V).where('year', '=', NEXT).execute()).toHaveLength(1);
  });

  const VOUCHER_HEADER = ['No_Bukti', 'Tgl_Bukti', 'Kd_Keg', 'Kd_Rincian', 'SumberDana', 'Keterangan', 'Nilai', 'PPN', 'PPh'];
  const vouchers = [
    VOUCHER_HEADER,
    ['0001/TBP/2004/' + YEAR, `01/01/${YEAR}`, '', '4.2.1.01.', '', 'Dana Desa tahap I', '409.600.000', '', ''],
    ['0001/SPP/2004/' + YEAR, `${YEAR}-01-01`, '18.09.10.2004.02.03.10.', '5.3.5.01.', 'DDS', 'Semen dan besi', '110000000.00', '10000000', '1650000'],
    ['0001/SPP/2004/' + YEAR, `${YEAR}-01-01`, '18.09.10.2004.02.03.10.', '5.3.5.02.', 'DDS', 'Upah tukang', '20000000.00', '0', '0'],
    ['0002/SPP/2004/' + YEAR, `${YEAR}-01-01`, '18.09.10.2004.01.01.01.', '5.1.1.01.', 'ADD', 'Siltap Kepala Desa Januari', '4200000', '', ''],
  ];

  it('imports vouchers as entries against the budget in force, in one go; a longer file later adds only the new ones', async () => {
    // A payment past the budget is named with what is left, and nothing is written.
    const over = [...vouchers, ['0003/SPP/2004/' + YEAR, `${YEAR}-01-01`, '18.09.10.2004.02.03.10.', '5.3.5.01.', 'DDS', 'Aspal', '400.000.000', '', '']];
    const refused = await text(await upload(treasurer, 'realisasi', YEAR, csv(over), 'bukti.csv'));
    expect(refused).toContain('6 Nilai Kolom Nilai: pembayaran melebihi anggaran. Anggaran Rp483.000.000, sudah dibayar Rp130.000.000, sisa Rp353.000.000');
    expect(await entries()).toHaveLength(0);

    const html = await (await upload(treasurer, 'realisasi', YEAR, csv(vouchers), 'bukti.csv')).text();
    expect(html).toContain('4 baris siap diimpor');
    expect((await treasurer.form(`/desa/${V}/realisasi/siskeudes/${importId(html)}/impor`, {})).status).toBe(303);
    const all = await entries();
    expect(all.map((e) => [e.account_code, e.activity_code, e.amount, e.tax_ppn, e.tax_pph, e.entry_date])).toEqual([
      ['4.2.1', null, '409600000', '0', '0', DAY], ['5.3.5', '2.3.10', '110000000', '10000000', '1650000', DAY],
      ['5.3.5', '2.3.10', '20000000', '0', '0', DAY], ['5.1.1', '1.1.01', '4200000', '0', '0', DAY],
    ]);
    expect(await rollup()).toEqual({ realised_income: '409600000', realised_spending: '134200000' });
    // The realisation report reads them like entries typed in.
    expect(await text(await treasurer.get(`/desa/${V}/realisasi?tahun=${YEAR}`))).toContain('Rp134.200.000 / Rp1.158.300.000');

    // Next month's file holds January's vouchers too: only the new one is added.
    const longer = [...vouchers, ['0002/TBP/2004/' + YEAR, `${YEAR}-01-01`, '', '4.2.3.01.', '', 'ADD tahap I', '100.000.000', '', '']];
    const second = await (await upload(treasurer, 'realisasi', YEAR, csv(longer), 'bukti-feb.csv')).text();
    expect(second).toContain('1 baris siap diimpor');
    expect(second).toContain('4 baris sudah ada dan dilewati');
    expect((await treasurer.form(`/desa/${V}/realisasi/siskeudes/${importId(second)}/impor`, {})).status).toBe(303);
    expect(await entries()).toHaveLength(5);
    expect((await rollup()).realised_income).toBe('509600000');
  });

  it('stores nothing when the books changed between the preview and the import', async () => {
    const file = csv([VOUCHER_HEADER, ['0009/SPP/2004/' + YEAR, `${YEAR}-01-01`, '18.09.10.2004.02.03.10.', '5.3.5.01.', 'DDS', 'Pasir', '300.000.000', '', '']]);
    const html = await (await upload(treasurer, 'realisasi', YEAR, file, 'pasir.csv')).text();
    expect(html).toContain('1 baris siap diimpor');
    // Meanwhile a payment typed in takes most of what was left on the road.
    const form = new FormData();
    form.set('_csrf', treasurer.csrf);
    for (const [k, v] of Object.entries({ entry_date: DAY, account_code: '5.3.5', activity_code: '2.3.10', fund: 'DDS', description: 'Batu split', amount: '200.000.000' })) form.set(k, v);
    expect((await treasurer.request(`/desa/${V}/realisasi`, { method: 'POST', body: form })).status).toBe(303);
    const before = (await entries()).length;
    const run = await treasurer.form(`/desa/${V}/realisasi/siskeudes/${importId(html)}/impor`, {});
    expect(run.status).toBe(400);
    expect(await text(run)).toContain('Baris 2 tidak dapat diimpor lagi');
    expect(await entries()).toHaveLength(before);
    // The preview can be tried again once the file is fixed: it was not marked imported.
    expect(await t.db.kysely.selectFrom('budget_imports').select('status').where('village_code', '=', V).where('id', '=', Number(importId(html))).executeTakeFirstOrThrow()).toEqual({ status: 'previewed' });
  });

  it('exports what it holds in the same columns, and that export imports back as nothing new', async () => {
    const res = await treasurer.get(`/desa/${V}/realisasi/siskeudes.xlsx?kind=realisasi&tahun=${YEAR}`);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer);
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['No_Bukti', 'Tgl_Bukti', 'Kd_Keg', 'Kd_Rincian', 'SumberDana', 'Keterangan', 'Nilai', 'PPN', 'PPh', 'Cara_Bayar']);
    expect(rows).toHaveLength(1 + (await entries()).length);
    expect(rows[2]).toEqual([`0001/SPP/2004/${YEAR}`, DAY, '2.3.10', '5.3.5', 'DDS', 'Semen dan besi', 110_000_000, 10_000_000, 1_650_000, 'Bank']);
    expect(rows.at(-1)![0]).toMatch(/^BALAI\/\d+$/); // the payment typed in
    const back = await text(await upload(treasurer, 'realisasi', YEAR, bytes, 'ekspor.xlsx'));
    expect(back).toContain('Semua baris sudah ada: tidak ada yang perlu diimpor');
    expect(back).toContain(`${rows.length - 1} baris sudah ada dan dilewati`);

    // This year's budget out and in again: a revision with the same lines and totals.
    const budget = await treasurer.get(`/desa/${V}/realisasi/siskeudes.xlsx?kind=apbdes&tahun=${YEAR}`);
    const again = await (await upload(treasurer, 'apbdes', YEAR, new Uint8Array(await budget.arrayBuffer()), 'apbdes.xlsx')).text();
    expect(again).toContain('Rp1.494.700.000'); // the demo's income
    expect(again).toContain('Rp1.158.300.000'); // and spending
    expect((await treasurer.form(`/desa/${V}/realisasi/siskeudes/${importId(again)}/impor`, {})).status).toBe(303);
    const revision = await t.db.kysely.selectFrom('budgets').selectAll().where('village_code', '=', V).where('year', '=', YEAR).where('status', '=', 'draft').executeTakeFirstOrThrow();
    expect(revision.version).toBe(2);
    expect(revision.reason).toBe('Impor Siskeudes: apbdes.xlsx');
  });

  it('lets only those who prepare the books import, and names a file that is not Siskeudes', async () => {
    expect((await upload(head, 'realisasi', YEAR, csv(vouchers), 'bukti.csv')).status).toBe(403);
    const notSiskeudes = await text(await upload(treasurer, 'realisasi', YEAR, csv([['Nama', 'Alamat'], ['Budi', 'Dusun I']]), 'warga.csv'));
    expect(notSiskeudes).toContain('Kolom Berkas: baris judul kolom tidak ditemukan di 10 baris pertama. Kolom yang wajib ada: No_Bukti, Tgl_Bukti, Kd_Rincian, Keterangan, Nilai');
  });
});
