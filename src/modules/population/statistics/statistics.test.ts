import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/support/test-app.js';

const HANURA = '18.09.10.2004';
const BATU_MENYAN = '18.09.10.2001';
const page = `/desa/${HANURA}/statistik`;
const AS_OF = '2024-06-30';

let t: TestApp;
let hanura: Client;
let dusun1: number;
let rt1: number; // RT 001 of Dusun I
let foreignArea: number; // a dusun of Batu Menyan

/** Hanura's people. Ages are as of 30 June 2024. */
const HANURA_PEOPLE = [
  { key: 'a1', nik: '1809100105800001', name: 'Sutrisno Wibowo', sex: 1, birth_date: '1980-05-01', religion: 1, occupation: 9, education_kk: 5, marital_status: 2, family: 'f1', family_relation: 1, area: 'd1rt1' }, // 44
  { key: 'a2', nik: '1809105007830002', name: 'Wartini Handayani', sex: 2, birth_date: '1983-07-10', religion: 1, occupation: 2, education_kk: 5, marital_status: 2, family: 'f1', family_relation: 3, area: 'd1rt1' }, // 40
  { key: 'a3', nik: '1809104302210003', name: 'Nur Aisyah Putri', sex: 2, birth_date: '2021-02-03', religion: 1, occupation: 1, family: 'f1', family_relation: 4, area: 'd1rt2' }, // 3
  { key: 'a4', nik: '1809101212220004', name: 'Yohanes Simanjuntak', sex: 1, birth_date: '2022-12-12', religion: 2, occupation: 1, family: 'f2', family_relation: 4, area: 'd2rt1' }, // 1
  { key: 'a5', nik: '1809100101400005', name: 'Markus Hutapea', sex: 1, birth_date: '1940-01-01', religion: 2, occupation: 9, marital_status: 4, family: 'f2', family_relation: 1, area: 'd2rt1' }, // 84
  { key: 'a6', nik: '1809104404950006', name: 'Ni Luh Sekarwati', sex: 2, birth_date: null, religion: 4, family: 'f4', family_relation: 1, area: null }, // no birth date, no area
] as const;
// Not living: never counted.
const HANURA_GONE = [
  { nik: '1809100303500007', name: 'Almarhum Darsono', sex: 1, birth_date: '1950-03-03', religion: 5, life_status: 2, family: 'f3', area: 'd1rt1' },
  { nik: '1809100404600008', name: 'Slamet Pindahan', sex: 1, birth_date: '1960-04-04', religion: 5, life_status: 3, family: 'f1', area: 'd1rt1' },
];
const BATU_MENYAN_PEOPLE = [
  { nik: '1809100505700009', name: 'Hendra Gunawan', sex: 1, birth_date: '1970-05-05', religion: 5 },
  { nik: '1809100606710010', name: 'Rudi Hartono', sex: 1, birth_date: '1971-06-06', religion: 1 },
  { nik: '1809104707720011', name: 'Lina Marlina', sex: 2, birth_date: '1972-07-07', religion: 5 },
];
const KK = { f1: '1809100101200001', f2: '1809100101200002', f3: '1809100101200003', f4: '1809100101200004' };

beforeAll(async () => {
  t = await createTestApp();
  hanura = await t.login('hanura');
  const db = t.db.kysely;
  const areas = await db.selectFrom('village_areas').selectAll().where('village_code', '=', HANURA).execute();
  const named = (name: string, parent: number | null) => areas.find((a) => a.name === name && a.parent_id === parent)!.id;
  dusun1 = named('Dusun I', null);
  const dusun2 = named('Dusun II', null);
  rt1 = named('001', dusun1);
  const areaIds = { d1rt1: rt1, d1rt2: named('002', dusun1), d2rt1: named('001', dusun2) };

  const families: Record<string, number> = {};
  for (const [key, kk] of Object.entries(KK)) {
    const row = await db.insertInto('families_rows').values({ village_code: HANURA, kk_number: kk, status: key === 'f4' ? 'dissolved' : 'active' }).returning('id').executeTakeFirstOrThrow();
    families[key] = row.id;
  }
  for (const p of HANURA_PEOPLE) {
    const { key, family, area, ...fields } = p;
    await db.insertInto('residents_rows').values({ village_code: HANURA, ...fields, family_id: families[family], area_id: area ? areaIds[area] : null, life_status: 1 }).execute();
  }
  for (const { family, area, ...fields } of HANURA_GONE)
    await db.insertInto('residents_rows').values({ village_code: HANURA, ...fields, family_id: families[family], area_id: areaIds[area as keyof typeof areaIds] }).execute();

  const bmFamily = await db.insertInto('families_rows').values({ village_code: BATU_MENYAN, kk_number: '1809100101200009' }).returning('id').executeTakeFirstOrThrow();
  foreignArea = (await db.insertInto('village_areas_rows').values({ village_code: BATU_MENYAN, level: 'dusun', name: 'Dusun Krajan', parent_id: null }).returning('id').executeTakeFirstOrThrow()).id;
  for (const p of BATU_MENYAN_PEOPLE)
    await db.insertInto('residents_rows').values({ village_code: BATU_MENYAN, ...p, family_id: bmFamily.id, area_id: foreignArea, life_status: 1 }).execute();
});
afterAll(() => t.close());

/** The HTML of one section (`<section … id="b-religion">`). */
function section(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  expect(start, id).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start));
}

/** [L, P, jumlah] of a table row, as numbers. */
function row(html: string, id: string, label: string): number[] | undefined {
  const esc = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`<th scope="row">${esc}</th><td class="num">([^<]*)</td><td class="num">([^<]*)</td><td class="num">([^<]*)</td>`).exec(section(html, id));
  return m ? m.slice(1, 4).map((s) => Number(s.replace(/\./g, ''))) : undefined;
}

const summaryOf = (html: string) => {
  const s = section(html, 'ringkasan');
  const dd = (dt: string) => Number(new RegExp(`<dt>${dt}</dt><dd>([\\d.]+)`).exec(s)?.[1]?.replace(/\./g, ''));
  return { total: dd('Jumlah penduduk'), male: dd('Laki-laki'), female: dd('Perempuan'), families: dd('Keluarga \\(KK\\)') };
};

const html = async (client: Client, path: string) => {
  const res = await client.get(path);
  expect(res.status, path).toBe(200);
  return res.text();
};

describe('statistics of one village', () => {
  it('counts living residents of Hanura only, by sex, with families that have a living member', async () => {
    const body = await html(hanura, page);
    expect(body).toContain('<title>Statistik penduduk · Desa Hanura · Balai</title>');
    expect(summaryOf(body)).toEqual({ total: 6, male: 3, female: 3, families: 2 });
    expect(body).toContain('href="/panduan/statistik"');
  });

  it('groups ages in five-year groups as of the chosen date, for the pyramid', async () => {
    const body = await html(hanura, `${page}?tanggal=${AS_OF}`);
    expect(body).toContain('Umur dihitung per tanggal 30 Juni 2024');
    expect(row(body, 'b-age', '0–4')).toEqual([1, 1, 2]);
    expect(row(body, 'b-age', '40–44')).toEqual([1, 1, 2]);
    expect(row(body, 'b-age', '35–39')).toEqual([0, 0, 0]);
    expect(row(body, 'b-age', '75+')).toEqual([1, 0, 1]);
    expect(row(body, 'b-age', 'BELUM MENGISI')).toEqual([0, 1, 1]);
    // A year earlier Wartini was 39, and the youngest was not born yet.
    const earlier = await html(hanura, `${page}?tanggal=2022-06-30`);
    expect(row(earlier, 'b-age', '35–39')).toEqual([0, 1, 1]);
    expect(row(earlier, 'b-age', '0–4')).toEqual([0, 1, 1]);
    const pyramid = section(body, 'b-age');
    expect(pyramid).toMatch(/<svg class="chart pyramid"[^>]*role="img"[^>]*aria-label="Piramida penduduk: 3 laki-laki dan 2 perempuan/);
    expect((await hanura.get(`${page}?tanggal=2024-02-30`)).status).toBe(400);
  });

  it('breaks down by coded fields with the official labels, empty categories and BELUM MENGISI', async () => {
    const body = await html(hanura, page);
    expect(row(body, 'b-religion', 'ISLAM')).toEqual([1, 2, 3]);
    expect(row(body, 'b-religion', 'KRISTEN')).toEqual([2, 0, 2]);
    expect(row(body, 'b-religion', 'HINDU')).toEqual([0, 1, 1]);
    expect(row(body, 'b-religion', 'BUDHA')).toEqual([0, 0, 0]); // only the dead, the moved and Batu Menyan are Buddhist
    expect(section(body, 'b-religion')).toContain('<td class="num">50,0%</td>');
    expect(section(body, 'b-religion')).toContain('aria-label="Agama: ISLAM 3 (L 1, P 2); KRISTEN 2 (L 2, P 0); HINDU 1 (L 0, P 1)"');
    expect(row(body, 'b-occupation', 'PETANI/PEKEBUN')).toEqual([2, 0, 2]);
    expect(row(body, 'b-occupation', 'BELUM/TIDAK BEKERJA')).toEqual([1, 1, 2]);
    expect(row(body, 'b-occupation', 'BELUM MENGISI')).toEqual([0, 1, 1]);
    expect(row(body, 'b-occupation', 'PNS')).toBeUndefined(); // long lists show only what occurs
    expect(row(body, 'b-education_kk', 'SLTA / SEDERAJAT')).toEqual([1, 1, 2]);
    expect(row(body, 'b-education_kk', 'BELUM MENGISI')).toEqual([2, 2, 4]);
    expect(row(body, 'b-marital_status', 'CERAI MATI')).toEqual([1, 0, 1]);
    expect(row(body, 'b-family_relation', 'KEPALA KELUARGA')).toEqual([2, 1, 3]);
    expect(row(body, 'b-citizenship', 'WNI')).toEqual([3, 3, 6]);
    for (const id of ['b-education_current', 'b-blood_type', 'b-disability', 'b-chronic_illness', 'b-insurance_type', 'b-ektp', 'b-ektp_recording'])
      expect(row(body, id, 'BELUM MENGISI'), id).toEqual([3, 3, 6]);
  });

  it('counts by dusun and RT (Hanura has no RW), and filters by an area with everything below it', async () => {
    const body = await html(hanura, page);
    expect(row(body, 'b-dusun', 'Dusun I')).toEqual([1, 2, 3]);
    expect(row(body, 'b-dusun', 'Dusun II')).toEqual([2, 0, 2]);
    expect(row(body, 'b-dusun', 'Dusun IV')).toEqual([0, 0, 0]);
    expect(row(body, 'b-dusun', 'BELUM MENGISI')).toEqual([0, 1, 1]);
    expect(row(body, 'b-rt', 'Dusun I › RT 002')).toEqual([0, 1, 1]);
    expect(body).not.toContain('id="b-rw"');

    const inDusun = await html(hanura, `${page}?wilayah=${dusun1}`);
    expect(summaryOf(inDusun)).toEqual({ total: 3, male: 1, female: 2, families: 1 });
    expect(row(inDusun, 'b-rt', 'Dusun I › RT 001')).toEqual([1, 1, 2]);
    expect(row(inDusun, 'b-rt', 'Dusun I › RT 003')).toEqual([0, 0, 0]);
    expect(row(inDusun, 'b-rt', 'Dusun II › RT 001')).toBeUndefined();
    expect(inDusun).toContain(`<option value="${dusun1}" selected="">Dusun I</option>`);

    const inRt = await html(hanura, `${page}?wilayah=${rt1}`);
    expect(summaryOf(inRt)).toEqual({ total: 2, male: 1, female: 1, families: 1 });
    expect(row(inRt, 'b-religion', 'ISLAM')).toEqual([1, 1, 2]);
    expect(row(inRt, 'b-dusun', 'Dusun I')).toEqual([1, 1, 2]);

    // Another village's area, or none at all, is a bad choice, not an empty page.
    expect((await hanura.get(`${page}?wilayah=${foreignArea}`)).status).toBe(400);
    expect((await hanura.get(`${page}?wilayah=abc`)).status).toBe(400);
  });

  it('keeps each village to itself', async () => {
    const own = await html(await t.login('batumenyan'), `/desa/${BATU_MENYAN}/statistik`);
    expect(summaryOf(own)).toEqual({ total: 3, male: 2, female: 1, families: 1 });
    expect(row(own, 'b-religion', 'BUDHA')).toEqual([1, 1, 2]);
    expect(row(own, 'b-dusun', 'Dusun Krajan')).toEqual([2, 1, 3]);
  });
});

describe('who may see the statistics', () => {
  it('refuses another village (403) and nobody (401); lets the district officer see counts', async () => {
    const batumenyan = await t.login('batumenyan');
    expect((await batumenyan.get(page)).status).toBe(403);
    expect((await batumenyan.get(`${page}.xlsx`)).status).toBe(403);
    const denied = await t.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'access.denied').where('actor_label', '=', 'batumenyan').execute();
    expect(denied.map((d) => d.region_code)).toContain(HANURA);
    expect((await t.anonymous.get(page)).status).toBe(401);
    expect((await t.anonymous.get(`${page}.xlsx`)).status).toBe(401);
    const district = await html(await t.login('telukpandan'), page);
    expect(summaryOf(district).total).toBe(6);
    expect((await hanura.get('/desa/18.09.10.2006/statistik')).status).toBe(403);
    expect((await (await t.login('telukpandan')).get('/desa/18.09.10.2006/statistik')).status).toBe(404); // Munca: not activated
  });
});

describe('the Excel workbook', () => {
  it('holds the same numbers as the page, one sheet per breakdown', async () => {
    const res = await hanura.get(`${page}.xlsx?tanggal=${AS_OF}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="statistik-penduduk-1809102004-${AS_OF}.xlsx"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const names = wb.worksheets.map((s) => s.name);
    expect(names.slice(0, 4)).toEqual(['Ringkasan', 'Kelompok umur', 'Agama', 'Pendidikan dalam KK']);
    expect(names).toContain('Dusun');
    const values = (sheet: string) => wb.getWorksheet(sheet)!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    const find = (sheet: string, label: string) => values(sheet).find((r) => r.includes(label));
    expect(find('Ringkasan', 'Jumlah penduduk')).toEqual(['Jumlah penduduk', 6]);
    expect(find('Ringkasan', 'Keluarga (KK)')).toEqual(['Keluarga (KK)', 2]);
    expect(find('Agama', 'ISLAM')).toEqual([1, 'ISLAM', 1, 2, 3, 50]);
    expect(find('Agama', 'BUDHA')).toEqual([5, 'BUDHA', 0, 0, 0, 0]);
    expect(find('Kelompok umur', '40–44')).toEqual(['40–44', 1, 1, 2, 33.3]);
    expect(find('Dusun', 'Dusun II')).toEqual(['Dusun II', 2, 0, 2, 33.3]);
    expect(values('Agama').at(-1)).toEqual(['', 'Jumlah', 3, 3, 6, 100]);

    const filtered = await hanura.get(`${page}.xlsx?wilayah=${dusun1}`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(await filtered.arrayBuffer());
    const total = wb2.getWorksheet('Ringkasan')!.getSheetValues().find((r) => Array.isArray(r) && r[1] === 'Jumlah penduduk') as unknown[];
    expect(total[2]).toBe(3);
  });
});

describe('the public page of a village', () => {
  it('shows counts to anyone, never a name or a NIK', async () => {
    const body = await html(t.anonymous, `/publik/desa/${HANURA}`);
    expect(body).toContain('<h1>Desa Hanura</h1>');
    expect(body).toContain('Kecamatan Teluk Pandan, Kabupaten Pesawaran, Provinsi Lampung');
    expect(summaryOf(body)).toEqual({ total: 6, male: 3, female: 3, families: 2 });
    expect(row(body, 'b-religion', 'ISLAM')).toEqual([1, 2, 3]);
    expect(body).toMatch(/<svg class="chart pyramid"[^>]*role="img"/);
    for (const p of [...HANURA_PEOPLE, ...HANURA_GONE, ...BATU_MENYAN_PEOPLE]) {
      expect(body).not.toContain(p.name);
      expect(body).not.toContain(p.nik);
    }
    for (const kk of Object.values(KK)) expect(body).not.toContain(kk);
    // Health and disability stay behind a login, even as counts.
    expect(body).not.toContain('id="b-disability"');
    expect(body).not.toContain('id="b-chronic_illness"');
  });

  it('speaks English when asked, and lets a proxy cache only the anonymous copy', async () => {
    const res = await t.anonymous.get(`/publik/desa/${HANURA}`, { cookie: 'lang=en' });
    const body = await res.text();
    expect(body).toContain('<h2>Population data</h2>');
    expect(body).toContain('<dt>Male</dt><dd>3 (50.0%)</dd>');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect((await hanura.get(`/publik/desa/${HANURA}`)).headers.get('cache-control')).toBe('private, no-store');
  });

  it('exists only for activated villages', async () => {
    expect((await t.anonymous.get('/publik/desa/18.09.10.2006')).status).toBe(404);
    expect((await t.anonymous.get('/publik/desa/bukan-kode')).status).toBe(400);
    const other = await html(t.anonymous, `/publik/desa/${BATU_MENYAN}`);
    expect(summaryOf(other).total).toBe(3);
  });
});

describe('small counts of health data above the village (issue 11, item 12)', () => {
  it('shows "< 5" to the district officer filtering one RT, and the exact count to the village', async () => {
    // Sutrisno (RT 001 of Dusun I) has a physical disability and a chronic illness: one person each.
    await t.db.kysely.updateTable('residents_rows').set({ disability: 1, chronic_illness: 1 }).where('village_code', '=', HANURA).where('nik', '=', HANURA_PEOPLE[0].nik).execute();
    const district = await t.login('telukpandan');
    const above = await html(district, `${page}?wilayah=${rt1}`);
    const cells = (body: string, id: string, label: string) =>
      new RegExp(`<th scope="row">${label}</th><td class="num">([^<]*)</td><td class="num">([^<]*)</td><td class="num">([^<]*)</td><td class="num">([^<]*)</td>`).exec(section(body, id))?.slice(1);
    expect(cells(above, 'b-disability', 'CACAT FISIK')).toEqual(['&lt; 5', '–', '&lt; 5', '–']);
    expect(cells(above, 'b-disability', 'BELUM MENGISI')).toEqual(['–', '&lt; 5', '&lt; 5', '–']);
    expect(section(above, 'b-disability')).not.toMatch(/CACAT FISIK: <tspan font-weight="700">1</);
    expect(section(above, 'b-disability')).toContain('&lt; 5 berarti 1 sampai 4 orang');
    expect(section(above, 'ringkasan')).toContain('perangkat desa melihat angka lengkap');
    // Not a special category: religion stays exact for everyone.
    expect(row(above, 'b-religion', 'ISLAM')).toEqual([1, 1, 2]);

    // The village itself sees the exact count, without the note.
    const own = await html(hanura, `${page}?wilayah=${rt1}`);
    expect(row(own, 'b-disability', 'CACAT FISIK')).toEqual([1, 0, 1]);
    expect(own).not.toContain('&lt; 5 berarti');

    // The workbook says the same as the page.
    const res = await district.get(`${page}.xlsx?wilayah=${rt1}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.getWorksheet('Disabilitas (cacat)')!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(sheet.find((r) => r.includes('CACAT FISIK'))).toEqual([1, 'CACAT FISIK', '< 5', '–', '< 5', '–']);
    const illness = wb.getWorksheet('Sakit menahun')!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(illness.find((r) => r.includes('JANTUNG'))).toEqual([1, 'JANTUNG', '< 5', '–', '< 5', '–']);
  });

  it('shows the village index page\'s BPJS share only where the small counts behind it are not hidden', async () => {
    await t.db.kysely.updateTable('residents_rows').set({ insurance_type: 2 }).where('village_code', '=', HANURA).where('nik', '=', HANURA_PEOPLE[0].nik).execute();
    const share = 'Penduduk peserta BPJS Kesehatan <strong>';
    expect(await html(hanura, `/pantau/${HANURA}/idm`)).toContain(share);
    expect(await html(await t.login('telukpandan'), `/pantau/${HANURA}/idm`)).not.toContain(share);
  });

  it('shows a change to the register, or a renamed area, at once (the figures are kept only while nothing changed)', async () => {
    const before = await html(hanura, page);
    expect(await html(hanura, page)).toBe(before);
    const { total, male } = summaryOf(before);
    // The public page keeps its figures the same way.
    const publicPage = `/publik/desa/${HANURA}`;
    expect(summaryOf(await html(t.anonymous, publicPage)).total).toBe(total);
    // Registered straight into the table, as an import's publishing or a correction also writes.
    const family = await t.db.kysely.selectFrom('families').select('id').where('village_code', '=', HANURA).where('kk_number', '=', KK.f1).executeTakeFirstOrThrow();
    await t.db.kysely.insertInto('residents_rows').values({ village_code: HANURA, nik: '1809100909900012', name: 'Budi Baru', sex: 1, religion: 1, birth_date: '1990-09-09', family_id: family.id, family_relation: 4 }).execute();
    const after = await html(hanura, page);
    expect(summaryOf(after)).toMatchObject({ total: total + 1, male: male + 1 });
    expect(summaryOf(await html(t.anonymous, publicPage))).toMatchObject({ total: total + 1, male: male + 1 });
    await t.db.kysely.updateTable('village_areas_rows').set({ name: 'Dusun Satu' }).where('village_code', '=', HANURA).where('id', '=', dusun1).execute();
    const renamed = await html(hanura, page);
    expect(row(renamed, 'b-dusun', 'Dusun Satu')).toBeDefined();
    expect(row(renamed, 'b-dusun', 'Dusun I')).toBeUndefined();
    await t.db.kysely.updateTable('village_areas_rows').set({ name: 'Dusun I' }).where('village_code', '=', HANURA).where('id', '=', dusun1).execute();
  });
});
