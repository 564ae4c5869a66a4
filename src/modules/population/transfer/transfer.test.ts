import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { testDatabaseKind } from '../../../../test/support/test-db.js';
import type { Actor } from '../../../platform/access/access.js';
import { populateVillage } from '../generator.js';
import { getVillageStatistics } from '../statistics/index.js';
import { COLUMNS } from './opensid.js';
import { LIMITS } from './read-sheet.js';
import { checkUnpackedSize, listZip, ZipProblem } from './zip.js';

const HANURA = '18.09.10.2004';
const BATU_MENYAN = '18.09.10.2001';
// A copy of shared/domain/samples/opensid-export-sample.xlsx (synthetic people), kept with the tests.
const SAMPLE = readFileSync(new URL('../../../../test/fixtures/opensid-export-sample.xlsx', import.meta.url));

let t: TestApp;
let hanura: Client;
let batu: Client;
let head: Client;
let province: Client;

beforeAll(async () => {
  t = await createTestApp();
  [hanura, batu, head, province] = await Promise.all([t.login('hanura'), t.login('batumenyan'), t.login('kades.hanura'), t.login('provinsi')]);
});
afterAll(() => t?.close());

// ---------------------------------------------------------------------------------------
// helpers

const page = (code: string) => `/desa/${code}/penduduk`;

function upload(client: Client, code: string, bytes: Buffer | Uint8Array, name = 'penduduk.xlsx') {
  const form = new FormData();
  form.set('_csrf', client.csrf);
  form.set('file', new File([new Uint8Array(bytes)], name));
  return client.request(`${page(code)}/impor`, { method: 'POST', body: form });
}

/** The page's text with entities decoded, for comparing messages. */
const decode = (html: string) =>
  html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The preview's figures, by their label. */
function counts(html: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of html.matchAll(/<dt>([^<]*)<\/dt><dd>([^<]*)<\/dd>/g)) out[decode(m[1]!)] = Number(m[2]!.replace(/\./g, '').split(' ')[0]);
  return out;
}

/** The problem rows of a preview: [line, column, kind, reason]. */
function problems(html: string): string[][] {
  const table = /<table id="problems">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr class="(?:error|warning)">([\s\S]*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => decode(c[1]!)));
}

const arrayBuffer = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

const jobOf = (html: string) => /\/impor\/([\w-]+)\/jalankan/.exec(html)?.[1];

/** Confirms the previewed import and waits for its page to stop refreshing. */
async function confirm(client: Client, code: string, previewHtml: string): Promise<string> {
  const job = jobOf(previewHtml);
  expect(job, 'the preview offers the import').toBeTruthy();
  const res = await client.form(`${page(code)}/impor/${job}/jalankan`, {});
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe(`${page(code)}/impor/${job}`);
  for (let i = 0; i < 2400; i++) {
    const html = await (await client.get(`${page(code)}/impor/${job}`)).text();
    if (!html.includes('http-equiv="refresh"')) return html;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the import did not finish');
}

async function importFile(client: Client, code: string, bytes: Buffer, name = 'penduduk.xlsx') {
  const res = await upload(client, code, bytes, name);
  expect(res.status).toBe(200);
  const preview = await res.text();
  return { preview, result: await confirm(client, code, preview) };
}

/** What a village holds, to show that a refused file stored nothing. */
async function footprint(db: TestApp['db'], code: string) {
  const k = db.kysely;
  const n = async (table: 'residents' | 'families' | 'village_areas' | 'population_events') =>
    Number((await k.selectFrom(table).select(k.fn.countAll().as('n')).where('village_code', '=', code).executeTakeFirstOrThrow()).n);
  const active = Number((await k.selectFrom('active_niks').select(k.fn.countAll().as('n')).where('village_code', '=', code).executeTakeFirstOrThrow()).n);
  return { residents: await n('residents'), families: await n('families'), areas: await n('village_areas'), events: await n('population_events'), active };
}

type Row = Record<string, string | number | ExcelJS.CellValue>;
const HEADER = ['alamat', 'dusun', 'rw', 'rt', 'nama', 'no_kk', 'nik', 'sex', 'tempatlahir', 'tanggallahir', 'agama_id', 'pekerjaan_id', 'status_kawin', 'kk_level', 'status_dasar'];

async function workbook(rows: Row[], header = HEADER, sheet = 'Data Penduduk'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(header);
  for (const r of rows) ws.addRow(header.map((h) => r[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A person of Hanura: NIK from the district 180910, the birth date and a serial. */
function person(p: { nik?: string; kk: string; name: string; sex?: number; born?: string; level?: number; dusun?: string; rt?: string } & Row): Row {
  const { kk, name, sex = 1, born = '1990-08-17', level = 1, dusun = 'Dusun I', rt = '001', nik, ...rest } = p;
  return { alamat: 'Jl. Raya Hanura', dusun, rw: '-', rt, nama: name, no_kk: kk, nik: nik ?? '', sex: String(sex), tempatlahir: 'Pesawaran', tanggallahir: born, agama_id: '1', pekerjaan_id: '9', status_kawin: '1', kk_level: String(level), status_dasar: '1', ...rest };
}

/** The sample with some cells changed: { row number: { column: value } }. */
async function editedSample(edits: Record<number, Record<string, string | null>>, extra: string[][] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(arrayBuffer(SAMPLE));
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  for (const [line, cells] of Object.entries(edits)) {
    for (const [col, value] of Object.entries(cells)) ws.getRow(Number(line)).getCell(header.indexOf(col) + 1).value = value;
  }
  for (const r of extra) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------

describe('importing the real OpenSID sample', () => {
  let previewHtml: string;

  it('previews 40 new residents in 14 families and stores nothing', async () => {
    const before = await footprint(t.db, BATU_MENYAN);
    const res = await upload(batu, BATU_MENYAN, SAMPLE, 'opensid-export-sample.xlsx');
    expect(res.status).toBe(200);
    previewHtml = await res.text();
    const c = counts(previewHtml);
    expect(c).toMatchObject({ 'Baris data': 40, 'Penduduk baru': 40, 'Keluarga (KK) baru': 14, Kesalahan: 0, Peringatan: 0 });
    expect(previewHtml).toContain('Impor 40 baris sekarang');
    expect(await footprint(t.db, BATU_MENYAN)).toEqual(before);
  });

  it('imports them in one go: dusun, RW and RT created, families with one head, events, active NIKs, audit', async () => {
    const result = await confirm(batu, BATU_MENYAN, previewHtml);
    expect(result).toContain('Impor selesai.');
    expect(counts(result)).toMatchObject({ 'Penduduk ditambahkan': 40, 'Keluarga (KK) baru': 14 });

    const k = t.db.kysely;
    const areas = await k.selectFrom('village_areas').select(['id', 'parent_id', 'level', 'name']).where('village_code', '=', BATU_MENYAN).execute();
    const dusun = areas.filter((a) => a.level === 'dusun').map((a) => a.name).sort();
    expect(dusun).toEqual(['MAWAR', 'MELATI']);
    const melati = areas.find((a) => a.name === 'MELATI')!;
    const rw001 = areas.find((a) => a.level === 'rw' && a.name === '001' && a.parent_id === melati.id)!;
    expect(rw001).toBeTruthy();
    expect(areas.some((a) => a.level === 'rt' && a.name === '003' && a.parent_id === rw001.id)).toBe(true);

    const dedi = await k.selectFrom('residents').selectAll().where('village_code', '=', BATU_MENYAN).where('nik', '=', '3201011204082720').executeTakeFirstOrThrow();
    expect(dedi).toMatchObject({ name: 'Dedi Hidayat', sex: 1, birth_place: 'Bekasi', birth_date: '2008-04-12', religion: 5, occupation: 27, family_relation: 1, citizenship: 1, life_status: 1, blood_type: 11, address: 'Jl. Kurniawan No. 21' });
    const rt003 = areas.find((a) => a.id === dedi.area_id)!;
    expect(rt003).toMatchObject({ level: 'rt', name: '003', parent_id: rw001.id });
    const family = await k.selectFrom('families').selectAll().where('village_code', '=', BATU_MENYAN).where('id', '=', dedi.family_id!).executeTakeFirstOrThrow();
    expect(family).toMatchObject({ kk_number: '3201012807240868', address: 'Jl. Kurniawan No. 21', area_id: rt003.id, status: 'active' });

    const heads = await k.selectFrom('residents').select(['family_id']).where('village_code', '=', BATU_MENYAN).where('family_relation', '=', 1).execute();
    expect(heads).toHaveLength(14);
    expect(new Set(heads.map((h) => h.family_id)).size).toBe(14);
    expect(await footprint(t.db, BATU_MENYAN)).toMatchObject({ residents: 40, families: 14, events: 40, active: 40 });
    const events = await k.selectFrom('population_events').select(['kind', 'details', 'family_id']).where('village_code', '=', BATU_MENYAN).execute();
    expect(events.every((e) => e.kind === 'registration' && e.family_id !== null && (e.details as { source?: string }).source === 'import')).toBe(true);

    const audit = await k.selectFrom('audit_log').selectAll().where('action', '=', 'population.import').where('village_code', '=', BATU_MENYAN).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_label: 'batumenyan', outcome: 'ok' });
    expect(audit[0]!.detail).toMatchObject({ file: 'opensid-export-sample.xlsx', rows: 40, inserted: 40, updated: 0, families_created: 14 });
  });

  it('imports the same file a second time without changing anything', async () => {
    const before = await footprint(t.db, BATU_MENYAN);
    const { preview, result } = await importFile(batu, BATU_MENYAN, SAMPLE, 'opensid-export-sample.xlsx');
    expect(counts(preview)).toMatchObject({ 'Penduduk baru': 0, 'Penduduk yang sudah ada dan datanya berubah': 0, 'Penduduk yang sudah ada tanpa perubahan': 40, 'Keluarga (KK) baru': 0 });
    expect(preview).toContain('Mengimpornya lagi tidak mengubah apa pun');
    expect(counts(result)).toMatchObject({ 'Penduduk ditambahkan': 0, 'Penduduk diperbarui (perubahan dicatat sebagai koreksi)': 0, 'Penduduk tidak berubah': 40 });
    expect(await footprint(t.db, BATU_MENYAN)).toEqual(before);
  });

  it('updates a resident whose data changed (recording the correction), adds a new member to an existing family', async () => {
    const k = t.db.kysely;
    // Row 2 is Dedi Hidayat, head of KK 3201012807240868; an empty cell keeps what is recorded.
    const file = await editedSample(
      { 2: { nama: 'DEDI HIDAYAT', pekerjaan_id: '88', golongan_darah_id: null }, 3: { pendidikan_kk_id: '' } },
      [['Jl. Kurniawan No. 21', 'MELATI', '001', '003', 'Bayi Hidayat', '3201012807240868', '3201015001250001', '2', 'Bekasi', '2025-01-10', '5', '1', '1', '1', '1', '4', '1']],
    );
    const { preview, result } = await importFile(batu, BATU_MENYAN, file, 'koreksi.xlsx');
    expect(counts(preview)).toMatchObject({ 'Penduduk baru': 1, 'Penduduk yang sudah ada dan datanya berubah': 1, 'Penduduk yang sudah ada tanpa perubahan': 39, 'Keluarga (KK) baru': 0 });
    expect(counts(result)).toMatchObject({ 'Penduduk ditambahkan': 1, 'Penduduk diperbarui (perubahan dicatat sebagai koreksi)': 1 });

    const dedi = await k.selectFrom('residents').selectAll().where('village_code', '=', BATU_MENYAN).where('nik', '=', '3201011204082720').execute();
    expect(dedi).toHaveLength(1);
    expect(dedi[0]).toMatchObject({ name: 'DEDI HIDAYAT', occupation: 88, blood_type: 11 });
    const ani = await k.selectFrom('residents').select('education_kk').where('village_code', '=', BATU_MENYAN).where('nik', '=', '3201016304792721').executeTakeFirstOrThrow();
    expect(ani.education_kk).toBe(2);
    const corrections = await k.selectFrom('population_events').selectAll().where('village_code', '=', BATU_MENYAN).where('kind', '=', 'correction').execute();
    expect(corrections).toHaveLength(1);
    expect(corrections[0]).toMatchObject({ resident_id: dedi[0]!.id, family_id: dedi[0]!.family_id, population_change: 0 });
    expect(corrections[0]!.details).toEqual({
      changes: { name: { from: 'Dedi Hidayat', to: 'DEDI HIDAYAT' }, occupation: { from: 27, to: 88 } },
      reason: 'Impor berkas koreksi.xlsx',
      source: 'import',
    });
    const baby = await k.selectFrom('residents').selectAll().where('village_code', '=', BATU_MENYAN).where('nik', '=', '3201015001250001').executeTakeFirstOrThrow();
    expect(baby.family_id).toBe(dedi[0]!.family_id);
    const birthEvent = await k.selectFrom('population_events').select(['kind', 'family_id']).where('resident_id', '=', baby.id).where('village_code', '=', BATU_MENYAN).executeTakeFirstOrThrow();
    expect(birthEvent).toEqual({ kind: 'registration', family_id: dedi[0]!.family_id });

    // The same corrected file again: nothing left to do.
    const before = await footprint(t.db, BATU_MENYAN);
    const again = await importFile(batu, BATU_MENYAN, file, 'koreksi.xlsx');
    expect(counts(again.preview)).toMatchObject({ 'Penduduk baru': 0, 'Penduduk yang sudah ada dan datanya berubah': 0 });
    expect(await footprint(t.db, BATU_MENYAN)).toEqual(before);
  });

  it('refuses to change a life status through an import', async () => {
    const before = await footprint(t.db, BATU_MENYAN);
    const res = await upload(batu, BATU_MENYAN, await editedSample({ 4: { status_dasar: '2' } }));
    const html = await res.text();
    expect(jobOf(html)).toBeUndefined();
    expect(problems(html)).toContainEqual(['4', 'status_dasar', 'Kesalahan', 'Status dasar akan berubah dari HIDUP menjadi MATI. Impor tidak mengubah status: catat peristiwanya (kematian, pindah, …) di halaman penduduk.']);
    expect(await footprint(t.db, BATU_MENYAN)).toEqual(before);
  });
});

describe('the preview of a file with mistakes', () => {
  const KK1 = '1809100101200001';
  const rows = (): Row[] => [
    person({ kk: KK1, name: 'Budi Santoso', nik: '1809101708900001' }), // 2: fine
    person({ kk: KK1, name: 'Anak Satu', nik: '180910170890001', level: 4 }), // 3: 15 digits
    person({ kk: KK1, name: 'Anak Dua', nik: '1.80910E+15', level: 4 }), // 4: rounded by Excel
    person({ kk: KK1, name: '', nik: '1809100101100002', born: '2010-01-01', level: 4 }), // 5: no name
    person({ kk: KK1, name: 'Anak Empat', nik: '1809100202110003', born: '2011-02-02', level: 4, agama_id: '9' }), // 6: unknown religion
    person({ kk: KK1, name: 'Anak Lima', nik: '1809100303120004', born: '31-02-2012', level: 4 }), // 7: no such date
    person({ kk: KK1, name: 'Kembar', nik: '1809101708900001', level: 4 }), // 8: the NIK of row 2
    person({ kk: '1809100101200002', name: 'Tanpa Kepala', nik: '1809100404950005', born: '1995-04-04', level: 4 }), // 9: family without head
    person({ kk: '1809100101200003', name: 'Orang Batu Menyan', nik: '3201011204082720', born: '2008-04-12' }), // 10: active in Batu Menyan
    person({ kk: KK1, name: 'Istri Budi', nik: '1809105708920006', sex: 1, born: '1992-08-18', level: 3 }), // 11: NIK says woman born 17th: warnings only
    person({ kk: KK1, name: 'Angka', nik: 1809100505130010 as unknown as string, born: '2013-05-05', level: 4 }), // 12: a number cell
    person({ kk: KK1, name: 'Dua Kepala', nik: '1809100606930007', born: '1993-06-06', level: 1, dusun: 'Dusun Baru', rt: '005' }), // 13: second head
    person({ kk: KK1, name: 'Anak Enam', nik: '1809100707140008', born: '7 Juli 2014', level: 4 }), // 14: a date in words
  ];

  it('lists every bad row with its column and reason, in Bahasa Indonesia, and stores nothing', async () => {
    const before = await footprint(t.db, HANURA);
    const res = await upload(hanura, HANURA, await workbook(rows()));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(jobOf(html)).toBeUndefined();
    expect(html).toContain('Berkas ini belum bisa diimpor.');
    const list = problems(html);
    expect(list).toEqual(
      expect.arrayContaining([
        ['3', 'nik', 'Kesalahan', 'NIK harus 16 digit (yang diisi 15 digit).'],
        ['4', 'nik', 'Kesalahan', 'NIK "1.80910E+15" rusak karena dibulatkan Excel. Format kolom NIK sebagai Teks lalu ketik ulang.'],
        ['5', 'nama', 'Kesalahan', 'Wajib diisi.'],
        ['6', 'agama_id', 'Kesalahan', 'Kode "9" tidak ada dalam daftar agama. Lihat lembar Kode di templat.'],
        ['7', 'tanggallahir', 'Kesalahan', 'Tanggal "31-02-2012" tidak ada di kalender (misalnya 31 Februari). Periksa tanggal dan bulannya.'],
        ['8', 'nik', 'Kesalahan', 'NIK ini sudah ada di baris 2 berkas ini.'],
        ['9', 'kk_level', 'Kesalahan', 'Keluarga KK 1809100101200002 tidak punya kepala keluarga (kk_level 1).'],
        ['10', 'nik', 'Kesalahan', 'NIK ini masih terdaftar sebagai penduduk desa lain. Warga perlu mengurus pindah keluar di desa asalnya dulu (surat pindah dari desa itu), lalu didaftarkan sebagai pindah masuk.'],
        ['11', 'nik', 'Peringatan', 'Jenis kelamin di dalam NIK berbeda dengan data penduduk.'],
        ['11', 'nik', 'Peringatan', 'Tanggal lahir di dalam NIK berbeda dengan data penduduk.'],
        ['12', 'nik', 'Kesalahan', 'Nomor "1809100505130010" tersimpan sebagai angka, dan Excel hanya menyimpan 15 digit: digit terakhir bisa berubah menjadi 0. Format kolom sebagai Teks lalu ketik ulang.'],
        ['13', 'kk_level', 'Kesalahan', 'Keluarga KK 1809100101200001 punya lebih dari satu kepala keluarga (kk_level 1).'],
        ['14', 'tanggallahir', 'Kesalahan', 'Tanggal "7 Juli 2014" tidak dikenali. Tulis TTTT-BB-HH, misalnya 1990-08-17.'],
      ]),
    );
    expect(list.filter((p) => p[0] === '2')).toEqual([]);
    expect(counts(html)).toMatchObject({ 'Baris data': 13, Peringatan: 2 });
    expect(await footprint(t.db, HANURA)).toEqual(before);
  });

  it('gives the reasons in English when the user chose it', async () => {
    const english = new Client(t.app, `${hanura.cookie}; lang=en`, hanura.csrf);
    const html = await (await upload(english, HANURA, await workbook(rows()))).text();
    expect(problems(html)).toContainEqual(['3', 'nik', 'Error', 'A NIK has 16 digits (this one has 15).']);
    expect(problems(html)).toContainEqual(['4', 'nik', 'Error', 'NIK "1.80910E+15" was rounded by Excel. Format the NIK column as Text and type it again.']);
  });

  it('refuses the template\'s example row, and reads a template filled in by hand', async () => {
    const res = await hanura.get(`${page(HANURA)}/template.xlsx`);
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(arrayBuffer(bytes));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Data Penduduk', 'Kode']);
    const sheet = wb.getWorksheet('Data Penduduk')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(COLUMNS.map((c) => c.name));
    expect(sheet.actualRowCount).toBe(2);
    const codes = wb.getWorksheet('Kode')!;
    const listed = new Set<string>();
    codes.eachRow((r) => listed.add(String(r.getCell(1).value)));
    for (const col of ['sex', 'agama_id', 'pekerjaan_id', 'kk_level', 'status_dasar', 'id_asuransi', 'sakit_menahun_id']) expect(listed.has(col)).toBe(true);

    const html = await (await upload(hanura, HANURA, bytes, 'templat.xlsx')).text();
    expect(problems(html)).toContainEqual(['2', 'nama', 'Kesalahan', 'Ini baris contoh dari templat. Hapus baris ini sebelum mengunggah.']);
  });

  it('places an RW beside an RT of the same name (names are unique per level); a head who died leaves only a warning', async () => {
    const html = await (
      await upload(hanura, HANURA, await workbook([
        { ...person({ kk: '1809100101200031', name: 'Salah Tempat', nik: '1809101708900031' }), rw: '001', rt: '002' },
        person({ kk: '1809100101200032', name: 'Almarhum Kepala', nik: '1809101708600032', born: '1960-08-17', status_dasar: '2' }),
        person({ kk: '1809100101200032', name: 'Anak Yatim', nik: '1809101708050033', born: '2005-08-17', level: 4 }),
      ]))
    ).text();
    expect(problems(html)).toEqual([
      ['3', 'kk_level', 'Peringatan', 'Kepala keluarga KK 1809100101200032 sudah tidak tercatat hidup di desa. Tetapkan kepala keluarga baru setelah impor.'],
    ]);
  });

  it('reads what Excel makes of a sheet typed by hand: numbers, date serials, RT without zeros, a formula by its result', async () => {
    const rows: Row[] = [
      // 33101 = 16 August 1990 in Excel's 1900 date system.
      { ...person({ kk: '1809100101200009', name: 'Ketik Tangan', nik: '1809101608900009', born: 33101 as unknown as string }), sex: 1, agama_id: 1, kk_level: 1, rt: 4 },
      { ...person({ kk: '1809100101200009', name: 'Rumus', nik: '', level: 4 }), nik: { formula: '"18091001011000"&"08"', result: '1809100101100008' }, tanggallahir: '2010-01-01' },
    ];
    const html = await (await upload(hanura, HANURA, await workbook(rows))).text();
    expect(problems(html)).toEqual([]);
    expect(counts(html)).toMatchObject({ 'Penduduk baru': 2, 'Keluarga (KK) baru': 1 });
    expect(html).toContain('0 dusun, 0 RW, 1 RT'); // RT "4" is not "004": kept as written
  });
});

describe('files that cannot be read end in a clear error, with nothing stored', () => {
  const expectRefused = async (bytes: Buffer | Uint8Array, message: string, status = 400, name = 'penduduk.xlsx') => {
    const before = await footprint(t.db, HANURA);
    const res = await upload(hanura, HANURA, bytes, name);
    expect(res.status).toBe(status);
    const html = decode(await res.text());
    expect(html).toContain(message);
    expect(html).toContain('enctype="multipart/form-data"'); // the form is there to try again
    expect(await footprint(t.db, HANURA)).toEqual(before);
  };

  it('a formula without a saved result', async () => {
    const row = { ...person({ kk: '1809100101200001', name: 'Rumus', nik: '' }), nik: { formula: 'A1&B1' } };
    await expectRefused(await workbook([row]), 'Sel G2 berisi rumus tanpa hasil tersimpan.');
  });

  it('a cell of more than 1,000 characters', async () => {
    await expectRefused(await workbook([person({ kk: '1809100101200001', name: 'x'.repeat(1001), nik: '1809101708900001' })]), 'Sel E2 berisi lebih dari 1000 karakter.');
  });

  it('a broken zip, an old .xls, a PDF', async () => {
    const good = await workbook([person({ kk: '1809100101200001', name: 'Budi', nik: '1809101708900001' })]);
    await expectRefused(good.subarray(0, Math.floor(good.length / 2)), 'Berkas .xlsx rusak atau tidak lengkap');
    const scrambled = Buffer.from(good);
    for (let i = 200; i < scrambled.length - 300; i += 7) scrambled[i] = scrambled[i]! ^ 0x5a;
    await expectRefused(scrambled, 'Berkas .xlsx rusak atau tidak lengkap');
    await expectRefused(Buffer.from('d0cf11e0a1b11ae1000000000000000000', 'hex'), 'Ini berkas Excel lama (.xls)', 400, 'lama.xls');
    await expectRefused(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100)]), 'bukan lembar kerja .xlsx atau .csv', 400, 'surat.xlsx');
  });

  it('a sheet of 5,000 columns', async () => {
    const header = [...HEADER, ...Array.from({ length: 5000 - HEADER.length }, (_, i) => `kolom${i}`)];
    await expectRefused(await workbook([person({ kk: '1809100101200001', name: 'Budi', nik: '1809101708900001' })], header), 'Baris 1 berisi data di kolom ke-201; paling banyak 200 kolom.');
  });

  it('more than 50,000 rows (CSV), a file over 10 MB, an empty file', async () => {
    const line = 'Dusun I,-,001,Budi,1809100101200001,1809101708900001,1,1\n';
    await expectRefused(Buffer.from(`dusun,rw,rt,nama,no_kk,nik,sex,agama_id\n${line.repeat(LIMITS.rows + 1)}`), 'lebih dari 50000 baris data', 400, 'besar.csv');
    await expectRefused(Buffer.alloc(LIMITS.fileBytes + 1, 0x41), 'Berkas terlalu besar (maksimal 10 MB)', 413, 'besar.csv');
    await expectRefused(Buffer.alloc(0), 'Pilih berkas .xlsx atau .csv untuk diunggah.', 400, 'kosong.csv');
  });

  it('a header without the required columns', async () => {
    await expectRefused(Buffer.from('nama;nik\nBudi;1809101708900001\n'), 'Baris judul kolom (alamat, dusun, rw, rt, nama, no_kk, nik, …) tidak ditemukan.', 400, 'x.csv');
    await expectRefused(Buffer.from('nama;nik;sex;dusun\nBudi;1809101708900001;1;I\n'), 'Kolom wajib tidak ada di baris judul: no_kk, agama_id.', 400, 'x.csv');
  });

  it('an archive that unpacks to more than the limit (measured, not as declared)', async () => {
    const good = await workbook([person({ kk: '1809100101200001', name: 'Budi', nik: '1809101708900001' })]);
    const entries = listZip(good);
    await expect(checkUnpackedSize(good, entries, 2000)).rejects.toEqual(new ZipProblem('too_big'));
    // Lie about the sizes in the central directory: the real inflated size still counts.
    for (const e of entries.values()) e.size = 1;
    await expect(checkUnpackedSize(good, entries, 2000)).rejects.toEqual(new ZipProblem('too_big'));
  });
});

describe('CSV', () => {
  it('reads a semicolon CSV as Excel writes it on Windows (not UTF-8), with a numeric-looking KK', async () => {
    const text = [
      'alamat;dusun;rw;rt;nama;no_kk;nik;sex;tanggallahir;agama_id;kk_level',
      'Jl. Pantai;Dusun II;-;002;Dédé Rahmat;1809100101200021;1809101001800021;1;1980-01-10;1;1',
    ].join('\r\n');
    const html = await (await upload(hanura, HANURA, Buffer.from(text, 'latin1'), 'data.csv')).text();
    expect(problems(html)).toEqual([]);
    expect(counts(html)).toMatchObject({ 'Penduduk baru': 1, 'Keluarga (KK) baru': 1 });
    expect(html).toContain('(csv)');
  });
});

describe('who may import and export', () => {
  it('the village head may export but not import', async () => {
    const p = await head.get(`${page(HANURA)}/impor`);
    expect(p.status).toBe(200);
    const html = await p.text();
    expect(html).not.toContain('enctype="multipart/form-data"');
    expect(html).toContain(`${page(HANURA)}/ekspor.xlsx`);
    expect((await head.get(`${page(HANURA)}/ekspor.xlsx`)).status).toBe(200);
    expect((await head.get(`${page(HANURA)}/buku-induk.pdf`)).status).toBe(200);
    expect((await upload(head, HANURA, SAMPLE)).status).toBe(403);
    expect((await head.get(`${page(HANURA)}/template.xlsx`)).status).toBe(403);
  });

  it('the province gets 403 on every route; a village officer cannot reach another village', async () => {
    for (const path of ['impor', 'ekspor.xlsx', 'ekspor.csv', 'buku-induk.xlsx', 'buku-induk.pdf', 'template.xlsx']) {
      expect((await province.get(`${page(HANURA)}/${path}`)).status, path).toBe(403);
      expect((await batu.get(`${page(HANURA)}/${path}`)).status, path).toBe(403);
    }
    expect((await upload(province, HANURA, SAMPLE)).status).toBe(403);
    expect((await t.anonymous.get(`${page(HANURA)}/ekspor.csv`)).status).toBe(401);
  });

  it('a job is only found by whoever started it, in its village', async () => {
    const html = await (await upload(batu, BATU_MENYAN, SAMPLE)).text();
    const job = jobOf(html)!;
    expect(job).toBeTruthy();
    const other = await t.login('batumenyan');
    expect((await other.get(`${page(BATU_MENYAN)}/impor/${job}`)).status).toBe(200); // same account, another session
    expect((await hanura.get(`${page(HANURA)}/impor/${job}`)).status).toBe(404);
    expect((await hanura.form(`${page(HANURA)}/impor/${job}/jalankan`, {})).status).toBe(404);
    expect((await batu.get(`${page(BATU_MENYAN)}/impor/tidak-ada`)).status).toBe(404);
  });

  it('refuses a confirmation without the form token', async () => {
    const html = await (await upload(batu, BATU_MENYAN, SAMPLE)).text();
    expect((await batu.form(`${page(BATU_MENYAN)}/impor/${jobOf(html)}/jalankan`, {}, false)).status).toBe(403);
  });
});

describe('export', () => {
  it('writes the OpenSID columns in order, text cells, dates YYYY-MM-DD, and logs the download', async () => {
    const res = await batu.get(`${page(BATU_MENYAN)}/ekspor.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="penduduk-1809102001-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const sampleWb = new ExcelJS.Workbook();
    await sampleWb.xlsx.load(arrayBuffer(SAMPLE));
    const opensid = (sampleWb.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, opensid.length)).toEqual(opensid);
    expect(header.slice(opensid.length)).toEqual(['sakit_menahun_id', 'telepon', 'email', 'alamat_sebelumnya']);
    expect(ws.actualRowCount).toBe(42); // header + 41 residents
    let dedi: unknown[] = [];
    ws.eachRow((r) => {
      const v = (r.values as unknown[]).slice(1);
      if (v[header.indexOf('nik')] === '3201011204082720') dedi = v;
    });
    const at = (name: string) => dedi[header.indexOf(name)];
    expect([at('nik'), at('no_kk'), at('tanggallahir'), at('agama_id'), at('rw'), at('rt')]).toEqual(['3201011204082720', '3201012807240868', '2008-04-12', '5', '001', '003']);

    const audit = await t.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'population.export').where('actor_label', '=', 'batumenyan').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ village_code: BATU_MENYAN, outcome: 'ok' });
    expect(audit.detail).toEqual({ format: 'xlsx', count: 41, statuses: 'semua' });
  });

  it('exports only the residents asked for, as CSV too', async () => {
    const res = await batu.get(`${page(BATU_MENYAN)}/ekspor.csv?status=hidup`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 3).toString('hex')).toBe('efbbbf');
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]!.split(',').slice(0, 4)).toEqual(['alamat', 'dusun', 'rw', 'rt']);
    expect(lines).toHaveLength(42);
    expect((await batu.get(`${page(BATU_MENYAN)}/ekspor.csv?status=banyak`)).status).toBe(400);
  });

  it('prints the Buku Induk Penduduk as PDF and xlsx, with the family relation and the head\'s signature block, logged', async () => {
    await t.db.kysely.insertInto('village_officials').values({ village_code: BATU_MENYAN, name: 'Sukarman', position: 'kepala_desa', position_title: 'Kepala Desa' }).execute();
    const pdf = await batu.get(`${page(BATU_MENYAN)}/buku-induk.pdf?kertas=f4`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await batu.get(`${page(BATU_MENYAN)}/buku-induk.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('BUKU INDUK PENDUDUK');
    expect(String(ws.getRow(2).getCell(1).value)).toContain('DESA BATU MENYAN');
    const titles = (ws.getRow(5).values as unknown[]).slice(1);
    expect(titles).toEqual(['NO', 'NAMA LENGKAP', 'L/P', 'STATUS PERKAWINAN', 'TEMPAT DAN TANGGAL LAHIR', 'AGAMA', 'PENDIDIKAN TERAKHIR', 'PEKERJAAN', 'KEWARGA-NEGARAAN', 'ALAMAT LENGKAP', 'KEDUDUKAN DALAM KELUARGA', 'NOMOR KK', 'NIK', 'KET']);
    let dedi: unknown[] = [];
    let relation: unknown;
    const texts: string[] = [];
    ws.eachRow((r) => {
      if (r.getCell(13).value === '3201011204082720') [dedi, relation] = [(r.values as unknown[]).slice(2, 6), r.getCell(11).value];
      texts.push((r.values as unknown[]).filter(Boolean).join(' '));
    });
    expect(dedi).toEqual(['DEDI HIDAYAT', 'L', 'KAWIN', 'Bekasi, 12-04-2008']);
    expect(relation).toBe('KEPALA KELUARGA');
    // Signed by the head in office, in his own name and position, under the last row.
    expect(texts.slice(-3)).toEqual([expect.stringMatching(/^Batu Menyan, \d{1,2} \w+ \d{4}$/), 'KEPALA DESA BATU MENYAN', 'Sukarman']);
    const formats = await t.db.kysely.selectFrom('audit_log').select('detail').where('action', '=', 'population.export').where('village_code', '=', BATU_MENYAN).execute();
    expect(formats.map((f) => (f.detail as { format: string }).format)).toEqual(expect.arrayContaining(['buku-induk-pdf', 'buku-induk-xlsx', 'csv']));
  });
});

// ---------------------------------------------------------------------------------------

describe('round trip: export a village, import it into an empty one, compare', () => {
  const RESIDENTS = 10_000;
  let source: TestApp;
  let target: TestApp;

  beforeAll(async () => {
    [source, target] = await Promise.all([createTestApp(), createTestApp()]);
    await populateVillage(source.db.kysely, HANURA, { residents: RESIDENTS, seed: 7, asOf: '2025-06-30', actorLabel: 'test' });
    // Beyond what the generator makes: other statuses, coordinates, documents, a temporary NIK.
    const k = source.db.kysely;
    const some = await k.selectFrom('residents').select(['id', 'nik', 'family_relation']).where('village_code', '=', HANURA).orderBy('id').limit(40).execute();
    const members = some.filter((r) => r.family_relation !== 1);
    await k.updateTable('residents_rows').where('village_code', '=', HANURA).set({ life_status: 2 }).where('id', '=', members[0]!.id).execute();
    await k.updateTable('residents_rows').where('village_code', '=', HANURA).set({ life_status: 3 }).where('id', '=', members[1]!.id).execute();
    await k.deleteFrom('active_niks').where('nik', 'in', [members[0]!.nik, members[1]!.nik]).execute();
    await k.updateTable('residents_rows').where('village_code', '=', HANURA).set({ lat: '-5.4512345', lng: '105.2000000', passport_number: 'C1234567', passport_expiry: '2030-01-31', email: 'warga@example.id', previous_address: 'Bandar Lampung', kitas_number: 'K-1', divorce_certificate: 'AC-9', divorce_date: '2019-03-04' }).where('id', '=', members[2]!.id).execute();
    await k.updateTable('residents_rows').where('village_code', '=', HANURA).set({ nik: '0180910200400001', nik_temporary: true, warnings: '[]' }).where('id', '=', members[3]!.id).execute();
    // The NIK is the index's key (and its distribution key on Citus): a new NIK is a new row.
    await k.deleteFrom('active_niks').where('nik', '=', members[3]!.nik).execute();
    await k.insertInto('active_niks').values({ nik: '0180910200400001', village_code: HANURA, resident_id: members[3]!.id }).execute();
  }, 180_000);
  afterAll(async () => {
    await source?.close();
    await target?.close();
  });

  const fields = COLUMNS.flatMap((c) => (c.field ? [c.field] : []));
  const snapshot = async (db: TestApp['db']) => {
    const k = db.kysely;
    const areas = new Map((await k.selectFrom('village_areas').selectAll().where('village_code', '=', HANURA).execute()).map((a) => [a.id, a]));
    const path = (id: number | null): string => {
      const a = id === null ? undefined : areas.get(id);
      return a ? `${path(a.parent_id)}/${a.level}:${a.name}` : '';
    };
    const families = new Map((await k.selectFrom('families').selectAll().where('village_code', '=', HANURA).execute()).map((f) => [f.id, f]));
    const residents = await k.selectFrom('residents').selectAll().where('village_code', '=', HANURA).orderBy('nik').execute();
    return {
      residents: residents.map((r) => ({
        nik: r.nik,
        nik_temporary: r.nik_temporary,
        warnings: r.warnings,
        ...Object.fromEntries(fields.map((f) => [f, r[f]])),
        area: path(r.area_id),
        kk: families.get(r.family_id!)?.kk_number,
      })),
      families: [...families.values()].map((f) => ({ kk: f.kk_number, address: f.address, area: path(f.area_id), status: f.status })).sort((a, b) => a.kk.localeCompare(b.kk)),
      active: (await k.selectFrom('active_niks').select('nik').where('village_code', '=', HANURA).orderBy('nik').execute()).map((a) => a.nik),
    };
  };
  const statistics = async (db: TestApp['db']) => {
    const user = await db.kysely.selectFrom('users').select('id').where('username', '=', 'hanura').executeTakeFirstOrThrow();
    const actor: Actor = { kind: 'user', id: user.id, username: 'hanura', fullName: 'x', role: 'village_operator', regionCode: HANURA, language: 'id' };
    const s = await getVillageStatistics({ db, actor, ip: 'test', lang: 'id' }, HANURA, { asOf: '2025-06-30' });
    return { totals: s.totals, ages: s.ageGroups, breakdowns: s.breakdowns.map((b) => ({ key: b.key, rows: b.rows.map(({ label, male, female, total }) => ({ label, male, female, total })) })) };
  };

  it(`gives identical residents, families and statistics (${RESIDENTS.toLocaleString('en')} residents, timed)`, async () => {
    const from = await source.login('hanura');
    const to = await target.login('hanura');
    let started = Date.now();
    const exported = await from.get(`${page(HANURA)}/ekspor.xlsx`);
    expect(exported.status).toBe(200);
    const file = Buffer.from(await exported.arrayBuffer());
    const exportMs = Date.now() - started;

    started = Date.now();
    const res = await upload(to, HANURA, file, 'hanura.xlsx');
    const preview = await res.text();
    const previewMs = Date.now() - started;
    expect(problems(preview).filter((p) => p[2] === 'Kesalahan')).toEqual([]);
    expect(counts(preview)).toMatchObject({ 'Baris data': RESIDENTS, 'Penduduk baru': RESIDENTS });

    started = Date.now();
    const result = await confirm(to, HANURA, preview);
    const importMs = Date.now() - started;
    expect(result).toContain('Impor selesai.');
    console.log(`[import speed] ${testDatabaseKind()}: ${RESIDENTS} residents (${(file.length / 1024).toFixed(0)} KB xlsx): export ${exportMs} ms, upload+read+check ${previewMs} ms, import ${importMs} ms`);

    const [a, b] = await Promise.all([snapshot(source.db), snapshot(target.db)]);
    expect(b.residents.length).toBe(RESIDENTS);
    expect(b.families).toEqual(a.families);
    expect(b.active).toEqual(a.active);
    for (let i = 0; i < a.residents.length; i++) expect(b.residents[i], a.residents[i]!.nik).toEqual(a.residents[i]);
    expect(await statistics(target.db)).toEqual(await statistics(source.db));

    // The file Balai wrote, imported once more: nothing changes.
    const again = await (await upload(to, HANURA, file, 'hanura.xlsx')).text();
    expect(counts(again)).toMatchObject({ 'Penduduk baru': 0, 'Penduduk yang sudah ada dan datanya berubah': 0, 'Penduduk yang sudah ada tanpa perubahan': RESIDENTS });
  }, 240_000);

  it('round-trips through CSV as well', async () => {
    const from = await t.login('batumenyan');
    const csv = Buffer.from(await (await from.get(`${page(BATU_MENYAN)}/ekspor.csv`)).arrayBuffer());
    const to = await target.login('batumenyan');
    const { result } = await importFile(to, BATU_MENYAN, csv, 'batu-menyan.csv');
    expect(counts(result)).toMatchObject({ 'Penduduk ditambahkan': 41, 'Keluarga (KK) baru': 14 });
    const pick = async (db: TestApp['db']) =>
      (await db.kysely.selectFrom('residents').select(['nik', 'name', 'birth_date', 'occupation', 'blood_type', 'current_address', 'family_relation']).where('village_code', '=', BATU_MENYAN).orderBy('nik').execute());
    expect(await pick(target.db)).toEqual(await pick(t.db));
  });
});
