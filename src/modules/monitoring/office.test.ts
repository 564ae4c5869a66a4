import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';
import { formatRupiah, todayInWib } from '../../platform/format/format.js';
import { rebuildRollups } from './index.js';

/**
 * The village administration tab for the levels above (issue 18): what Hanura and Batu Menyan
 * record in their regulations, inventory and land appears, counted and summed, for the district,
 * the regency and the province — a revoked regulation and a disposed item leave the counts at once,
 * the recount after a restore gives the same, and nothing but counts and sums is shown.
 */
const HANURA = '18.09.10.2004';
const BATU = '18.09.10.2001';
const DISTRICT = '18.09.10';
const year = Number(todayInWib().slice(0, 4));
let t: TestApp;
let hanura: Client;
let batu: Client;
let regency: Client;
let district: Client;

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const idOf = (res: Response) => Number(res.headers.get('location')!.split('/').pop()!.split('?')[0]);
function regulation(client: Client, village: string, fields: Record<string, string>) {
  const body = new FormData();
  body.set('_csrf', client.csrf);
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  return client.request(`/desa/${village}/peraturan`, { method: 'POST', body });
}
const rule = (kind: string, no: string, about: string) => ({ kind, reg_number: no, set_on: `${year}-02-10`, tentang: about, summary: '', bpd_agreed_on: kind === 'perdes' ? `${year}-02-05` : '', report_no: '', reported_on: '', promulgated_on: '', gazette_no: '', note: '' });
const item = (name: string, value: string) => ({ kind: 'peralatan_mesin', name, item_code: '', asset_origin: 'apbdes', acquired_year: String(year - 1), asset_quantity: '1', unit: 'unit', asset_value: value, asset_condition: 'baik', location: '', note: '' });
const parcel = (no: string, area: string) => ({ land_origin: 'asli', certificate_no: no, area_m2: area, land_class: '', acquired_on: '', land_use: 'sawah', location: 'Dusun I', boundaries: '', boundary_marker: '', note: '' });

const NONE = { perdes: 0, perkades: 0, kepkades: 0, last_regulation_on: null, asset_items: 0, asset_value: '0', land_parcels: 0, land_area_m2: '0', updated_at: null };
/** The village's row of the rollup; a village that never recorded anything has none yet. */
const office = async (village: string) => (await t.db.kysely.selectFrom('monitoring_office').selectAll().where('village_code', '=', village).executeTakeFirst()) ?? { village_code: village, ...NONE };
type Office = Awaited<ReturnType<typeof office>>;
const delta = (a: Office, b: Office) => ({
  perdes: a.perdes - b.perdes, perkades: a.perkades - b.perkades, kepkades: a.kepkades - b.kepkades, items: a.asset_items - b.asset_items,
  value: Number(a.asset_value) - Number(b.asset_value), parcels: a.land_parcels - b.land_parcels, area: Number(a.land_area_m2) - Number(b.land_area_m2),
});

/** The district's row for a village (or the total), as the table prints it. */
async function rowOf(client: Client, path: string, label: string) {
  const page = await text(await client.get(path));
  const at = page.indexOf(label);
  expect(at, `${label} on ${path}`).toBeGreaterThan(-1);
  return page.slice(at, at + 160);
}

beforeAll(async () => {
  t = await createTestApp({ population: false });
  [hanura, batu, regency, district] = await Promise.all(['hanura', 'batumenyan', 'pesawaran', 'telukpandan'].map((u) => t.login(u)));
});
afterAll(() => t?.close());

describe('the village administration for the levels above (/pantau/…/administrasi)', () => {
  it('counts regulations in force, the inventory held and its value, and the village land per village, district and regency', async () => {
    const [h0, b0] = [await office(HANURA), await office(BATU)];
    for (const [no, kind, about] of [['91', 'perdes', 'Rencana Kerja Pemerintah Desa'], ['92', 'perdes', 'Pungutan Desa'], ['93', 'perkades', 'Tata Tertib Kantor'], ['94', 'kepkades', 'Pengangkatan Kader Posyandu']] as const) {
      expect((await regulation(hanura, HANURA, rule(kind, no, about))).status).toBe(303);
    }
    expect((await regulation(batu, BATU, rule('perdes', '91', 'Badan Usaha Milik Desa'))).status).toBe(303);
    expect((await hanura.form(`/desa/${HANURA}/aset`, item('Laptop kantor', '12.500.000'))).status).toBe(303);
    const projector = await hanura.form(`/desa/${HANURA}/aset`, item('Proyektor rapat', '7.000.000'));
    expect(projector.status).toBe(303);
    expect((await batu.form(`/desa/${BATU}/aset`, item('Printer', '3.250.000'))).status).toBe(303);
    expect((await hanura.form(`/desa/${HANURA}/tanah/kas-desa`, parcel('Letter C 12', '15.000'))).status).toBe(303);
    expect((await hanura.form(`/desa/${HANURA}/tanah/kas-desa`, parcel('Letter C 13', '5.000'))).status).toBe(303);

    // Each write moved its village's row, in its own transaction.
    const [h1, b1] = [await office(HANURA), await office(BATU)];
    expect(delta(h1, h0)).toEqual({ perdes: 2, perkades: 1, kepkades: 1, items: 2, value: 19_500_000, parcels: 2, area: 20_000 });
    expect(delta(b1, b0)).toEqual({ perdes: 1, perkades: 0, kepkades: 0, items: 1, value: 3_250_000, parcels: 0, area: 0 });
    // The district prints a row per village; the regency one per district, the sum of its villages.
    expect(await rowOf(district, `/pantau/${DISTRICT}/administrasi`, 'Hanura')).toContain(`Hanura 1 1 ${h1.perdes} ${h1.perkades} ${h1.kepkades} 1 ${h1.asset_items} ${formatRupiah(h1.asset_value)} ${h1.land_parcels}`);
    const districtRow = await rowOf(regency, `/pantau/18.09/administrasi`, 'Teluk Pandan');
    expect(districtRow).toContain(` ${h1.perdes + b1.perdes} ${h1.perkades + b1.perkades} ${h1.kepkades + b1.kepkades} `);
    expect(districtRow).toContain(formatRupiah(BigInt(h1.asset_value) + BigInt(b1.asset_value)));

    // Revoked and disposed leave the counts in the same transaction.
    const kepkades = await t.db.kysely.selectFrom('village_regulations').select('id').where('village_code', '=', HANURA).where('number', '=', '94').executeTakeFirstOrThrow();
    expect((await hanura.form(`/desa/${HANURA}/peraturan/${kepkades.id}/cabut`, { revoke_reason: 'Dicabut dengan Keputusan Kepala Desa Nomor 9' })).status).toBe(303);
    expect((await hanura.form(`/desa/${HANURA}/aset/${idOf(projector)}/hapus`, { disposed_on: todayInWib(), disposal_reason: 'rusak', reason: 'Rusak berat, BA No. 3' })).status).toBe(303);
    const h2 = await office(HANURA);
    expect(delta(h2, h1)).toEqual({ perdes: 0, perkades: 0, kepkades: -1, items: -1, value: -7_000_000, parcels: 0, area: 0 });

    // The recount after a restore gives the same numbers.
    await t.db.kysely.deleteFrom('monitoring_office').where('village_code', '=', HANURA).execute();
    await rebuildRollups(t.db, { code: HANURA });
    expect({ ...(await office(HANURA)), updated_at: null }).toEqual({ ...h2, updated_at: null });
  });

  it('gives the same figures as Excel, and shows no title, item or place', async () => {
    const page = await text(await district.get(`/pantau/${DISTRICT}/administrasi`));
    for (const secret of ['Pungutan Desa', 'Laptop kantor', 'Letter C 12']) expect(page).not.toContain(secret);
    const res = await district.get(`/pantau/${DISTRICT}/administrasi.xlsx`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    const hanuraRow = rows.find((r) => r.includes(HANURA))!;
    const h = await office(HANURA);
    expect(hanuraRow.slice(5, 12)).toEqual([h.perdes, h.perkades, h.kepkades, 1, h.asset_items, Number(h.asset_value), h.land_parcels]);
    expect(hanuraRow[12]).toBeCloseTo(Number(h.land_area_m2) / 10_000, 2);
  });

  it('is refused to a village officer outside their village and to the public', async () => {
    expect((await hanura.get(`/pantau/${DISTRICT}/administrasi`)).status).toBe(403);
    expect((await t.anonymous.get(`/pantau/${DISTRICT}/administrasi`)).status).toBe(302);
  });
});
