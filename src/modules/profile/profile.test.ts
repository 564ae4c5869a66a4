import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';
import type { UseCaseContext } from '../../platform/context.js';
import { todayInWib } from '../../platform/format/format.js';
import { getPublicBudget } from '../budget/index.js';
import { rebuildRollups } from '../monitoring/index.js';
import { getVillageStatistics } from '../population/statistics/index.js';
import { MANUAL_KEYS, SECTIONS } from './catalog.js';
import { COLUMNS } from './profile-workbook.js';

const V = '18.09.10.2004'; // Hanura as the demo has it: generated residents, budget, households, institutions, farmers
const YEAR = Number(todayInWib().slice(0, 4));
let t: TestApp;
let operator: Client;
let secretary: Client;
let treasurer: Client;
let otherVillage: Client;
let district: Client;
let ctx: UseCaseContext;

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const db = () => t.db.kysely;
const page = `/desa/${V}/profil-desa`;
const save = (client: Client, indikator: string, nilai: string, more: Record<string, string> = {}) => client.form(`${page}/isian`, { tahun: String(YEAR), indikator, nilai, ...more });
const entries = (indicator: string) => db().selectFrom('village_profile_values').selectAll().where('village_code', '=', V).where('year', '=', YEAR).where('indicator', '=', indicator).orderBy('revision').execute();
const rollup = () => db().selectFrom('monitoring_village_profile').select('filled').where('village_code', '=', V).where('year', '=', YEAR).executeTakeFirst();

type SheetRow = { male: unknown; female: unknown; value: unknown; unit: unknown; source: unknown };
/** The workbook's sheets as code → [L, P, Nilai, Sumber] (a cell's value as read back). */
async function workbook(client: Client, query = '') {
  const res = await client.get(`${page}.xlsx${query}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
  const sheets = new Map<string, Map<string, SheetRow>>();
  wb.eachSheet((ws) => {
    if (ws.name === 'Petunjuk') return;
    const rows = new Map<string, SheetRow>();
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([...COLUMNS]);
    ws.eachRow((row, n) => {
      if (n <= 3) return;
      const v = row.values as unknown[];
      // Codes repeat only for SDGs goals (6 twice): keep both under code + label.
      rows.set(`${v[1]}|${v[2]}`, { male: v[3] ?? null, female: v[4] ?? null, value: v[5] ?? null, unit: v[6] ?? null, source: v[7] ?? null });
    });
    sheets.set(ws.name, rows);
  });
  return { wb, sheets };
}
const find = (sheet: Map<string, SheetRow>, code: string) => [...sheet.entries()].find(([k]) => k.startsWith(`${code}|`))?.[1];

beforeAll(async () => {
  t = await createTestApp({ population: true, citizen: true });
  [operator, secretary, treasurer, otherVillage, district] = await Promise.all(['hanura', 'sekdes.hanura', 'bendahara.hanura', 'batumenyan', 'telukpandan'].map((u) => t.login(u)));
  const user = await db().selectFrom('users').select(['id', 'full_name']).where('username', '=', 'hanura').executeTakeFirstOrThrow();
  ctx = { db: t.db, actor: { kind: 'user', id: Number(user.id), username: 'hanura', fullName: user.full_name, role: 'village_operator', regionCode: V, language: 'id' }, ip: 'test', lang: 'id' };
});
afterAll(() => t?.close());

describe('the profile filled from Balai', () => {
  it('fills every item it claims, and each number equals the statistics service\'s, the budget\'s and the page\'s', async () => {
    const { wb, sheets } = await workbook(operator);
    // One sheet per section, named as the catalogue says, after the sheet that explains them.
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Petunjuk', ...SECTIONS.map((s) => s.sheet)]);
    const stats = await getVillageStatistics(ctx, V, {});
    const sdm = sheets.get('PD SDM')!;
    expect(find(sdm, 'B.2.a.1')!.value).toBe(stats.totals.male);
    expect(find(sdm, 'B.2.a.2')!.value).toBe(stats.totals.female);
    expect(find(sdm, 'B.2.a.3')!.value).toBe(stats.totals.total);
    expect(find(sdm, 'B.2.a.4')!.value).toBe(stats.totals.families);
    expect(stats.totals.total).toBeGreaterThan(2000);
    // Every row of each table the statistics page shows, L, P and total alike.
    const tables = { 'B.2.c': 'education_kk', 'B.2.d': 'occupation', 'B.2.e': 'religion', 'B.2.f': 'citizenship', 'B.2.h': 'disability' } as const;
    for (const [code, key] of Object.entries(tables)) {
      const rows = stats.breakdowns.find((b) => b.key === key)!.rows;
      expect(rows.length, key).toBeGreaterThan(1);
      for (const r of rows) expect(find(sdm, `${code}.${r.code ?? 'x'}`), `${key} ${r.label}`).toMatchObject({ male: r.male, female: r.female, value: r.total });
    }
    stats.ageGroups.forEach((r) => expect(find(sdm, `B.2.b.${r.code}`), r.label).toMatchObject({ male: r.male, female: r.female, value: r.total }));
    const marital = stats.breakdowns.find((b) => b.key === 'marital_status')!.rows;
    for (const r of marital) expect(find(sheets.get('PD Data Dasar Keluarga')!, `A.1.2.${r.code ?? 'x'}`), r.label).toMatchObject({ value: r.total });
    // BPJS health insurance: the statistics' rows 2–4.
    const insured = stats.breakdowns.find((b) => b.key === 'insurance_type')!.rows.filter((r) => [2, 3, 4].includes(r.code ?? 0)).reduce((n, r) => n + r.total, 0);
    expect(find(sheets.get('SDGs Capaian')!, '1.2.1')!.value).toBe(insured);
    // Households and their housing: the statistics page's block.
    const h = stats.households!;
    expect(h.households).toBeGreaterThan(0);
    const ddk = sheets.get('PD Data Dasar Keluarga')!;
    expect([find(ddk, 'A.4.1')!.value, find(ddk, 'A.4.2')!.value, find(ddk, 'A.4.3')!.value, find(ddk, 'A.4.6')!.value]).toEqual([h.households, h.surveyed, h.dirt_floor, h.unsafe_water]);
    // Areas: RW and RT counted from the village's areas, the same in both systems.
    const desa = sheets.get('SDGs Kuesioner Desa')!;
    expect(find(desa, 'P211')!.value).toBe('Desa');
    expect(find(desa, 'P213')!.value).toBe(stats.areas.filter((a) => a.level === 'rt').length);
    expect(find(sheets.get('PD Kelembagaan')!, 'B.3.b.3')!.value).toBe(find(desa, 'P213')!.value);
    // The adopted APBDes of the year, rupiah exact.
    const budget = await getPublicBudget(ctx, V, String(YEAR));
    const money = sheets.get('PD Keuangan')!;
    expect(find(money, 'C.9.2')!.value).toBe(Number(budget.incomeByFund.find((f) => f.fund === 'DDS')!.amount));
    expect(find(money, 'C.9.8')!.value).toBe(Number(budget.totals!.income));
    expect(find(money, 'C.9.14')!.value).toBe(Number(budget.totals!.spending));
    expect(find(money, 'C.9.8')!.source).toBe(`APBDes ${YEAR}`);
    // The farmer card's figures of the year.
    const farm = sheets.get('PD Pertanian')!;
    expect(find(farm, 'B.1.b.1')!.value).toBeGreaterThan(5);
    expect(find(farm, 'B.1.b.3.padi')!.value).toBeGreaterThan(0);

    // Every item the catalogue fills from Balai has a value (the density waits for the area).
    for (const section of SECTIONS) {
      const sheet = sheets.get(section.sheet)!;
      for (const i of section.indicators.filter((x) => x.figure && x.figure.from !== 'density')) {
        const rows = [...sheet.entries()].filter(([k]) => k === `${i.code}|${i.label}` || k.startsWith(`${i.code}.`));
        expect(rows.length, i.id).toBeGreaterThan(0);
        for (const [k, r] of rows) expect(r.value, `${i.id} ${k}`).not.toBeNull();
      }
      // … and every item to type says so.
      for (const i of section.indicators.filter((x) => x.manual)) expect(sheet.get(`${i.code}|${i.label}`)?.source, i.id).toBe('perlu diisi manual');
    }

    // The page shows the same totals as the statistics page's summary.
    const html = await (await operator.get(page)).text();
    const summary = await text(await operator.get(`/desa/${V}/statistik`));
    const shown = (n: number) => n.toLocaleString('id-ID');
    expect(summary).toContain(shown(stats.totals.total));
    expect(html).toContain(`data-label="Nilai">${shown(stats.totals.total)} orang</td>`);
    expect(html).toContain(`data-label="Nilai">${shown(stats.totals.families)} KK</td>`);
    expect(html).toContain(`Rp${shown(Number(budget.totals!.income))}`);
    expect(html).toContain(`0 dari ${MANUAL_KEYS.length} isian manual terisi`);
  });

  it('counts a past year on its last day, as the statistics page of that day does', async () => {
    const past = YEAR - 1;
    const { sheets } = await workbook(operator, `?tahun=${past}`);
    const stats = await getVillageStatistics(ctx, V, { asOf: `${past}-12-31` });
    const sdm = sheets.get('PD SDM')!;
    expect(find(sdm, 'B.2.a.3')!.value).toBe(stats.totals.total);
    stats.ageGroups.forEach((r) => expect(find(sdm, `B.2.b.${r.code}`)!.value, r.label).toBe(r.total));
    // Households exist for today only: said, not guessed.
    expect(find(sheets.get('PD Data Dasar Keluarga')!, 'A.4.1')).toMatchObject({ value: null, source: 'Data rumah tangga hanya untuk tahun berjalan' });
    const later = await operator.get(`${page}?tahun=${YEAR + 1}`);
    expect(later.status).toBe(400);
    expect(await text(later)).toContain('Kolom Tahun: profil desa diisi untuk tahun berjalan');
  });
});

describe('items typed by the village', () => {
  it('saves a value once for both systems, corrects it as a new revision, and counts it for the levels above', async () => {
    const first = await save(operator, 'luas_wilayah', '1250,5');
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toContain('#isian-luas_wilayah');
    expect((await entries('luas_wilayah')).map((e) => [e.revision, Number(e.value_number)])).toEqual([[1, 1250.5]]);
    expect((await rollup())?.filled).toBe(1);
    const { sheets } = await workbook(operator);
    // One value, both screens; the density follows from it and the statistics' total.
    expect(find(sheets.get('PD Potensi Umum')!, 'B.1.a.1')).toMatchObject({ value: 1250.5, source: 'Diisi desa (Operator Desa Hanura)' });
    expect(find(sheets.get('SDGs Kuesioner Desa')!, 'P216')!.value).toBe(1250.5);
    const total = (await getVillageStatistics(ctx, V, {})).totals.total;
    expect(find(sheets.get('PD SDM')!, 'B.2.a.5')!.value).toBe(Number(((total * 100) / 1250.5).toFixed(2)));

    // A correction by the secretary: a new revision, the first kept, both in the audit log.
    const corrected = await save(secretary, 'luas_wilayah', '1300', { revisi: '1' });
    expect(corrected.status).toBe(303);
    expect((await entries('luas_wilayah')).map((e) => [e.revision, Number(e.value_number)])).toEqual([[1, 1250.5], [2, 1300]]);
    const html = await text(await operator.get(page));
    expect(html).toContain('1.300 ha');
    expect(html).toContain('koreksi ke-1; isian sebelumnya tersimpan');
    const audits = await db().selectFrom('audit_log').select(['action', 'subject']).where('village_code', '=', V).where('subject', '=', `profile:${YEAR}:luas_wilayah`).orderBy('id').execute();
    expect(audits.map((a) => a.action)).toEqual(['profile.value.enter', 'profile.value.correct']);

    // The same value again changes nothing; a form that saw an older revision is refused.
    const same = await save(operator, 'luas_wilayah', '1300,0');
    expect(same.headers.get('location')).toContain('ok=sama');
    const stale = await save(operator, 'luas_wilayah', '1400', { revisi: '1' });
    expect(stale.status).toBe(409);
    expect(await text(stale)).toContain('baru saja diubah petugas lain');
    expect((await entries('luas_wilayah')).length).toBe(2);
    expect((await rollup())?.filled).toBe(1);

    // A choice and a text.
    expect((await save(operator, 'topografi', 'Dataran')).status).toBe(303);
    expect((await save(operator, 'etnis', 'Lampung, Jawa, Sunda')).status).toBe(303);
    const after = await workbook(operator);
    expect(find(after.sheets.get('SDGs Kuesioner Desa')!, 'P218')!.value).toBe('Dataran');
    expect(find(after.sheets.get('PD SDM')!, 'B.2.g')!.value).toBe('Lampung, Jawa, Sunda');
  });

  it('refuses bad input naming the item, and stores nothing', async () => {
    const before = await db().selectFrom('village_profile_values').select((eb) => eb.fn.countAll<number>().as('n')).where('village_code', '=', V).executeTakeFirstOrThrow();
    const cases: [string, string, string][] = [
      ['ketinggian', '12,5', 'Kolom B.1.a.2 / P226 Ketinggian tanah dari permukaan laut (m) harus bilangan bulat'],
      ['ketinggian', 'dua ratus', 'Kolom B.1.a.2 / P226 Ketinggian tanah dari permukaan laut (m) harus berupa angka'],
      ['ketinggian', '-3', 'Kolom B.1.a.2 / P226 Ketinggian tanah dari permukaan laut (m) minimal 0'],
      ['ketinggian', '12000', 'Kolom B.1.a.2 / P226 Ketinggian tanah dari permukaan laut (m) maksimal 9.000'],
      ['curah_hujan', '', 'Kolom B.1.a.3 Curah hujan (mm/tahun) wajib diisi'],
      ['jarak_kecamatan', '3,25', 'Kolom B.1.a.4 Jarak ke ibu kota kecamatan (km): paling banyak 1 angka di belakang koma'],
      ['topografi', 'Gunung', 'Pilihan pada kolom P218 Topografi terluas wilayah desa tidak dikenal'],
      ['bukan_isian', '1', 'Pilihan pada kolom Indikator profil desa tidak dikenal'],
    ];
    for (const [item, value, message] of cases) {
      const res = await save(operator, item, value);
      expect(res.status, message).toBe(400);
      const body = await text(res);
      expect(body, message).toContain(message);
    }
    // What was typed stays in the form to be fixed.
    expect(await (await save(operator, 'ketinggian', 'dua ratus')).text()).toContain('value="dua ratus"');
    const future = await operator.form(`${page}/isian`, { tahun: String(YEAR + 1), indikator: 'ketinggian', nilai: '100' });
    expect(future.status).toBe(400);
    expect(await text(future)).toContain('Kolom Tahun');
    const after = await db().selectFrom('village_profile_values').select((eb) => eb.fn.countAll<number>().as('n')).where('village_code', '=', V).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('who sees and types the profile', () => {
  it('refuses another village, lets the levels above and the treasurer read only', async () => {
    for (const path of [page, `${page}.xlsx`]) expect((await otherVillage.get(path)).status, path).toBe(403);
    expect((await save(otherVillage, 'ketinggian', '50')).status).toBe(403);
    // The district reads (its villages), without the forms; it cannot type.
    const seen = await district.get(page);
    expect(seen.status).toBe(200);
    const html = await seen.text();
    expect(html).not.toContain('name="nilai"');
    expect(html).toContain('Hanya dapat dilihat');
    expect((await district.get(`${page}.xlsx`)).status).toBe(200);
    expect((await save(district, 'ketinggian', '50')).status).toBe(403);
    expect((await treasurer.get(page)).status).toBe(200);
    expect((await save(treasurer, 'ketinggian', '50')).status).toBe(403);
    expect((await entries('ketinggian')).length).toBe(0);
    // Aggregates only: no NIK and no resident's name on the page or in the workbook.
    const one = await db().selectFrom('residents').select(['nik', 'name']).where('village_code', '=', V).executeTakeFirstOrThrow();
    const mine = await (await operator.get(page)).text();
    expect(mine).not.toContain(one.nik);
    expect(mine).not.toContain(one.name);
  });

  it('counts the villages whose profile is complete, per region, and the rebuild gives the same', async () => {
    for (const key of MANUAL_KEYS) {
      const typed = (await entries(key)).length > 0;
      if (typed) continue;
      const kind = ['topografi', 'kantor_desa'].includes(key) ? (key === 'topografi' ? 'Dataran' : 'Ada, layak') : key === 'etnis' ? 'Lampung' : '10';
      expect((await save(operator, key, kind)).status, key).toBe(303);
    }
    expect((await rollup())?.filled).toBe(MANUAL_KEYS.length);
    expect(await text(await operator.get(page))).toContain('Semua isian manual tahun ini sudah terisi');
    const dashboard = await text(await district.get(`/pantau/18.09.10/profil-desa?tahun=${YEAR}`));
    expect(dashboard).toMatch(/Hanura \d+ 1 1/);
    expect(dashboard).toMatch(/Jumlah \d+ 1 1/);
    await db().deleteFrom('monitoring_village_profile').where('village_code', '=', V).execute();
    await rebuildRollups(t.db, { code: V });
    expect((await rollup())?.filled).toBe(MANUAL_KEYS.length);
    // Another village sees no dashboard of a district that is not its own.
    expect((await otherVillage.get('/pantau/18.09.10/profil-desa')).status).toBe(403);
  });
});
