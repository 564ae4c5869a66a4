import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';
import { formatRupiah, todayInWib } from '../../platform/format/format.js';
import { DEMO_CITIZEN } from '../demo/seed-demo.js';
import { inventoryLines, inventoryRegisterLines } from './books.service.js';

const V = '18.09.10.2004'; // Hanura
const OTHER = '18.09.10.2001'; // Batu Menyan
const BASE = `/desa/${V}/aset`;
const LAND = `/desa/${V}/tanah`;
let t: TestApp;
let operator: Client;
let head: Client;
let treasurer: Client;
let otherVillage: Client;
let province: Client;
const today = todayInWib();
const year = Number(today.slice(0, 4));

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '\'').replace(/\s+/g, ' ');
const db = () => t.db.kysely;
const count = async (table: 'asset_items' | 'village_land_parcels' | 'land_holdings') =>
  Number((await db().selectFrom(table).select((e) => e.fn.countAll<string>().as('n')).where('village_code', '=', V).executeTakeFirstOrThrow()).n);
const idOf = (res: Response) => Number(res.headers.get('location')!.split('/').pop()!.split('?')[0]);
const laptop = { kind: 'peralatan_mesin', name: 'Laptop Kaur Keuangan', item_code: '02.06.03.09', asset_origin: 'apbdes', acquired_year: String(year - 1), asset_quantity: '1', unit: 'unit', asset_value: '12.500.000', asset_condition: 'baik', location: 'Ruang keuangan', note: '' };

beforeAll(async () => {
  t = await createTestApp({ citizen: true });
  [operator, head, treasurer, otherVillage, province] = await Promise.all(['hanura', 'kades.hanura', 'bendahara.hanura', 'batumenyan', 'provinsi'].map((u) => t.login(u)));
});
afterAll(() => t?.close());

describe('the village inventory (inventaris desa)', () => {
  it('records an item; bad input names the field in Bahasa Indonesia and saves nothing', async () => {
    const before = await count('asset_items');
    const refusals: [Record<string, string>, string][] = [
      [{ ...laptop, asset_value: 'dua belas juta' }, 'Kolom Nilai (Rp) harus angka rupiah'],
      [{ ...laptop, asset_value: '12.500.000,50' }, 'Nilai (Rp)'],
      [{ ...laptop, asset_quantity: '-2' }, 'Kolom Jumlah harus angka lebih dari 0'],
      [{ ...laptop, asset_quantity: '0' }, 'Kolom Jumlah'],
      [{ ...laptop, acquired_year: String(year + 1) }, 'Kolom Tahun perolehan'],
      [{ ...laptop, name: '' }, 'Kolom Nama wajib diisi'],
      [{ ...laptop, kind: 'kendaraan' }, 'Jenis'],
      [{ ...laptop, asset_condition: 'hancur' }, 'Keadaan barang'],
    ];
    for (const [fields, words] of refusals) {
      const res = await operator.form(BASE, fields);
      expect(res.status, words).toBe(400);
      const html = await res.text();
      expect(html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '), words).toContain(words);
      if (fields.name) expect(html).toContain('value="Laptop Kaur Keuangan"'); // the form keeps what was typed
    }
    expect(await count('asset_items')).toBe(before);
    const ok = await operator.form(BASE, laptop);
    expect(ok.status).toBe(303);
    const row = await db().selectFrom('asset_items').selectAll().where('village_code', '=', V).where('id', '=', idOf(ok)).executeTakeFirstOrThrow();
    expect([String(row.value), Number(row.quantity), row.condition, row.item_code]).toEqual(['12500000', 1, 'baik', '02.06.03.09']);
    // The treasurer keeps goods too; the list is filtered by kind and shows the value.
    expect((await treasurer.form(BASE, { ...laptop, name: 'Brankas kas desa', asset_value: '4500000' })).status).toBe(303);
    const list = await text(await head.get(`${BASE}?jenis=peralatan_mesin&kondisi=baik`));
    expect(list).toContain('Laptop Kaur Keuangan');
    expect(list).toContain('Rp12.500.000');
    expect(list).not.toContain('Kantor Desa Hanura'); // a building, not equipment
  });

  it('disposes of an item without deleting it: out of the stock and of the year-end state, kept in the book of its years', async () => {
    const made = await operator.form(BASE, { ...laptop, name: 'Proyektor rapat', asset_value: '7000000', acquired_year: String(year - 1) });
    const id = idOf(made);
    // A date before the year it was acquired, or after today, is refused with the field.
    const early = await operator.form(`${BASE}/${id}/hapus`, { disposed_on: `${year - 3}-05-01`, disposal_reason: 'dijual', reason: 'Dijual lelang' });
    expect(early.status).toBe(400);
    expect(await text(early)).toContain('Tanggal penghapusan');
    expect((await operator.form(`${BASE}/${id}/hapus`, { disposed_on: today, disposal_reason: 'dijual', reason: 'Dijual lelang, BA No. 7' })).status).toBe(303);
    expect((await operator.form(`${BASE}/${id}/hapus`, { disposed_on: today, disposal_reason: 'hilang', reason: 'lagi' })).status).toBe(409);
    const row = await db().selectFrom('asset_items').select(['disposed_on', 'disposal_reason']).where('village_code', '=', V).where('id', '=', id).executeTakeFirstOrThrow();
    expect([row.disposed_on !== null, row.disposal_reason]).toEqual([true, 'dijual']);
    expect(await text(await operator.get(BASE))).not.toContain('Proyektor rapat');
    expect(await text(await operator.get(`${BASE}?keadaan=dihapus`))).toContain('Proyektor rapat');

    const thisYear = (await inventoryLines(db(), V, year)).find((l) => l.id === id)!;
    expect([thisYear.start, thisYear.end, thisYear.disposal_reason]).toEqual(['baik', null, 'dijual']);
    const lastYear = (await inventoryLines(db(), V, year - 1)).find((l) => l.id === id)!;
    expect([lastYear.start, lastYear.end]).toEqual([null, 'baik']); // acquired that year, held at its end
    const nextYear = await inventoryLines(db(), V, year + 1);
    expect(nextYear.some((l) => l.id === id)).toBe(false);
    const cells = inventoryRegisterLines([thisYear]).at(0)!.cells;
    expect(cells[10]).toBe('1 unit'); // penghapusan: dijual
    expect(cells[13]).toBe(''); // not at the year's end

    // A change of condition is dated: the year starts good and ends damaged; the history keeps both.
    const chair = idOf(await operator.form(BASE, { ...laptop, name: 'Kursi rapat', asset_quantity: '40', unit: 'buah', asset_value: '6000000', acquired_year: String(year - 2) }));
    expect((await operator.form(`${BASE}/${chair}/kondisi`, { asset_condition: 'rusak_berat', condition_on: today, reason: 'Pemeriksaan akhir tahun' })).status).toBe(303);
    const c = (await inventoryLines(db(), V, year)).find((l) => l.id === chair)!;
    expect([c.start, c.end]).toEqual(['baik', 'rusak_berat']);
    expect((await inventoryLines(db(), V, year - 1)).find((l) => l.id === chair)!.end).toBe('baik');
    // A correction keeps the values before, with the reason.
    expect((await operator.form(`${BASE}/${chair}/ubah`, { ...laptop, name: 'Kursi rapat', asset_quantity: '40', unit: 'buah', asset_value: '6500000', acquired_year: String(year - 2), reason: 'Salah ketik nilai' })).status).toBe(303);
    const page = await text(await operator.get(`${BASE}/${chair}`));
    expect(page).toContain('Perbaikan isian');
    expect(page).toContain('value: 6000000');
    expect(page).toContain('Rusak berat');
  });

  it('makes the year\'s book whose totals are the items\' sums, per kind and overall; Excel and PDF with the official columns', async () => {
    const sum = await db().selectFrom('asset_items').select((e) => e.fn.sum<string>('value').as('v')).where('village_code', '=', V).where('acquired_year', '<=', year)
      .where((e) => e.or([e('disposed_on', 'is', null), e('disposed_on', '>=', `${year}-01-01`)])).executeTakeFirstOrThrow();
    const lines = await inventoryLines(db(), V, year);
    const printed = inventoryRegisterLines(lines);
    expect(printed.at(-1)!.cells[15]).toBe(formatRupiah(sum.v));
    const perKind = printed.filter((l) => l.cells[1]!.startsWith('Jumlah '));
    expect(perKind.reduce((n, l) => n + BigInt(l.cells[15]!.replace(/\D/g, '')), 0n)).toBe(BigInt(sum.v));
    const page = await text(await head.get(`${BASE}/buku?tahun=${year}`));
    expect(page).toContain(formatRupiah(sum.v));
    expect(page).toContain('Peralatan dan mesin');

    const xlsx = await head.get(`${BASE}/buku.xlsx?tahun=${year}`);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const all = ws.getSheetValues().flat().map(String).join('|');
    expect(all).toContain('BUKU INVENTARIS DAN KEKAYAAN DESA');
    expect(all).toContain('ASAL: DIBELI SENDIRI');
    expect(all).toContain('PENGHAPUSAN: DIJUAL');
    expect(all).toContain('Proyektor rapat');
    expect(all).toContain('Ahmad Suhendra'); // the head signs
    const pdf = await head.get(`${BASE}/buku.pdf?tahun=${year}&kertas=f4`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('village land (tanah kas desa, tanah di desa)', () => {
  it('records parcels and holdings with named-field refusals; the books sum the areas; Excel and PDF', async () => {
    const parcels = await count('village_land_parcels');
    const parcel = { land_origin: 'pembelian', certificate_no: 'SHM No. 512', area_m2: '2.500', land_class: 'D.III', acquired_on: `${year - 1}-03-15`, land_use: 'kebun', location: 'Dusun IV', boundaries: '', boundary_marker: '1', note: '' };
    for (const [fields, words] of [
      [{ ...parcel, area_m2: '-50' }, 'Kolom Luas (m²)'], [{ ...parcel, area_m2: 'luas' }, 'Kolom Luas (m²)'],
      [{ ...parcel, certificate_no: '' }, 'Nomor sertifikat'], [{ ...parcel, acquired_on: '2026-02-30' }, 'Tanggal perolehan'], [{ ...parcel, land_use: 'hutan' }, 'Penggunaan tanah'],
    ] as const) {
      const res = await operator.form(`${LAND}/kas-desa`, fields);
      expect(res.status, words).toBe(400);
      expect(await text(res), words).toContain(words);
    }
    expect(await count('village_land_parcels')).toBe(parcels);
    expect((await operator.form(`${LAND}/kas-desa`, parcel)).status).toBe(303);
    const row = await db().selectFrom('village_land_parcels').select(['area_m2', 'boundary_marker', 'sign_board']).where('village_code', '=', V).where('certificate_no', '=', 'SHM No. 512').executeTakeFirstOrThrow();
    expect([Number(row.area_m2), row.boundary_marker, row.sign_board]).toEqual([2500, true, false]);

    const holdings = await count('land_holdings');
    const unknown = await operator.form(`${LAND}/di-desa`, { nik: '1809100101900099', land_rights: 'HM', area_m2: '300', land_use: 'perumahan' });
    expect(unknown.status).toBe(400);
    expect(await text(unknown)).toContain('Kolom NIK');
    const noOwner = await operator.form(`${LAND}/di-desa`, { owner_name: '', land_rights: 'HM', area_m2: '300', land_use: 'perumahan' });
    expect(await text(noOwner)).toContain('Kolom Pemilik');
    expect((await operator.form(`${LAND}/di-desa`, { owner_name: 'Koperasi Nelayan Hanura', land_rights: 'MA', area_m2: '640,5', land_use: 'peternakan_perikanan' })).status).toBe(303);
    expect(await count('land_holdings')).toBe(holdings + 1);

    const sumParcels = await db().selectFrom('village_land_parcels').select((e) => e.fn.sum<string>('area_m2').as('a')).where('village_code', '=', V).executeTakeFirstOrThrow();
    const parcelBook = await text(await head.get(`${LAND}/buku-kas-desa?tahun=${year}`));
    const area = (s: string | number) => new Intl.NumberFormat('id-ID').format(Number(s));
    expect(parcelBook).toContain(`Luas seluruhnya ${area(sumParcels.a)} m²`);
    const sumHoldings = await db().selectFrom('land_holdings').select((e) => e.fn.sum<string>('area_m2').as('a')).where('village_code', '=', V).executeTakeFirstOrThrow();
    expect(await text(await head.get(`${LAND}/buku-tanah-di-desa`))).toContain(`Luas seluruhnya ${area(sumHoldings.a).replace(/,(\d)0$/, ',$1')} m²`);
    for (const path of [`${LAND}/buku-kas-desa`, `${LAND}/buku-tanah-di-desa`]) {
      const x = await operator.get(`${path}.xlsx`);
      expect(x.status, path).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await x.arrayBuffer()) as unknown as ArrayBuffer);
      expect(wb.worksheets[0]!.getSheetValues().flat().map(String).join('|')).toContain('JUMLAH');
      const p = await operator.get(`${path}.pdf`);
      expect(Buffer.from(await p.arrayBuffer()).subarray(0, 5).toString(), path).toBe('%PDF-');
    }
  });

  it('masks a resident owner\'s NIK for who may not see NIKs, and logs each read of the owners', async () => {
    const full = await text(await operator.get(LAND));
    expect(full).toContain(DEMO_CITIZEN.name);
    expect(full).toContain(DEMO_CITIZEN.nik);
    const masked = await text(await head.get(LAND));
    expect(masked).toContain(DEMO_CITIZEN.name);
    expect(masked).not.toContain(DEMO_CITIZEN.nik);
    expect(masked).toContain(`${DEMO_CITIZEN.nik.slice(0, 4)}********${DEMO_CITIZEN.nik.slice(12)}`);
    const logged = await db().selectFrom('audit_log').select('actor_label').where('village_code', '=', V).where('action', '=', 'asset.holdings_read').execute();
    expect(logged.map((r) => r.actor_label)).toEqual(expect.arrayContaining(['hanura', 'kades.hanura']));
  });

  it('keeps every page and file to the village\'s own officers', async () => {
    const item = await db().selectFrom('asset_items').select('id').where('village_code', '=', V).orderBy('id').executeTakeFirstOrThrow();
    for (const client of [otherVillage, province]) {
      for (const path of [BASE, `${BASE}/${item.id}`, `${BASE}/buku`, `${BASE}/buku.pdf`, LAND, `${LAND}/buku-tanah-di-desa.xlsx`]) expect((await client.get(path)).status, path).toBe(403);
      expect((await client.form(BASE, laptop)).status).toBe(403);
      expect((await client.form(`${BASE}/${item.id}/hapus`, { disposed_on: today, disposal_reason: 'hilang', reason: 'coba' })).status).toBe(403);
    }
    // Another village's own pages do not reach Hanura's rows by their id.
    expect((await otherVillage.get(`/desa/${OTHER}/aset/${item.id}`)).status).toBe(404);
    expect((await db().selectFrom('asset_items').select('disposed_on').where('village_code', '=', V).where('id', '=', item.id).executeTakeFirstOrThrow()).disposed_on).toBeNull();
  });
});
