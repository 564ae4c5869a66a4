import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInWib } from '../../platform/format/format.js';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';

// Batu Menyan: an activated demo village with no residents of its own; nobody else in the test app has any.
const V = '18.09.10.2001';
const api = `/api/v1/villages/${V}`;
const today = todayInWib();
const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
// Born on the last day of a year: its exact age is one less than "this year minus the birth year" for all
// but the last day of the year, so the two pyramids used to put this person in different groups.
const lastDayBirth = `${year - 25}-12-31`;

let t: TestApp;
let op: Client;
const ids: Record<string, number> = {};

const register = async (client: Client, body: Record<string, unknown>) => {
  const res = await client.post(`${api}/residents`, body);
  expect(res.status, JSON.stringify(body)).toBe(201);
  return (await res.json()).data as { id: number; family_id: number };
};

beforeAll(async () => {
  t = await createTestApp();
  op = await t.login('batumenyan');
  const agus = await register(op, { name: 'Agus Salim', sex: 1, religion: 1, birth_date: '1980-05-01', nik: '1809100105800021', kk_number: '1809100101200021' });
  ids.agus = agus.id;
  ids.wati = (await register(op, { name: 'Wati Lestari', sex: 2, religion: 1, birth_date: lastDayBirth, nik: `1809107112${String(year - 25).slice(2)}0022`, family_id: agus.family_id, family_relation: 3 })).id;
  ids.anna = (await register(op, { name: 'Anna Schmidt', sex: 2, religion: 2, birth_date: '1990-02-02', nik: '1809104202900023', citizenship: 2, family_id: agus.family_id, family_relation: 9 })).id;
  ids.darto = (await register(op, { name: 'Darto Wiyono', sex: 1, religion: 1, birth_date: '1950-03-03', nik: '1809100303500024', kk_number: '1809100101200024' })).id;
  // Agus works in Batam for a while (pergi sementara); Darto dies, alone on his family card.
  expect((await op.post(`${api}/residents/${ids.agus}/departure`, { date: today })).status).toBe(201);
  expect((await op.post(`${api}/residents/${ids.darto}/death`, { date: today, place: 'Rumah', cause: 'Sakit' })).status).toBe(201);
  // A resident imported as already dead: the bulk loader gives every imported resident a +1 registration.
  const dead = await t.db.kysely.insertInto('residents_rows')
    .values({ village_code: V, nik: '1809100404400025', name: 'Almarhum Impor', sex: 1, religion: 1, birth_date: '1940-04-04', life_status: 2 })
    .returning('id').executeTakeFirstOrThrow();
  await t.db.kysely.insertInto('population_events_rows')
    .values({ village_code: V, resident_id: dead.id, kind: 'registration', event_date: today, population_change: 1 }).execute();
});
afterAll(() => t.close());

/** The statistics page's summary: residents and families. */
async function statisticsSummary(client: Client) {
  const html = await (await client.get(`/desa/${V}/statistik`)).text();
  const dd = (dt: string) => Number(new RegExp(`<dt>${dt}</dt><dd>([\\d.]+)`).exec(html)?.[1]?.replace(/\./g, ''));
  return { html, total: dd('Jumlah penduduk'), families: dd('Keluarga \\(KK\\)') };
}

describe('the monthly report and the statistics count the same population', () => {
  it('counts a temporarily away resident in both, and the end of the month equals the statistics', async () => {
    const report = (await (await op.get(`${api}/reports/monthly?year=${year}&month=${month}`)).json()).data;
    const stats = await statisticsSummary(op);
    // Agus (away), Wati, Anna: Darto died, the imported dead person never counted.
    expect(stats.total).toBe(3);
    expect(report.total.end).toBe(stats.total);
    expect(report.families.end).toBe(stats.families);
    expect(report.total).toMatchObject({ start: 0, registered: 4, deaths: 1, end: 3 });
    expect(report.wni.total).toMatchObject({ registered: 3, deaths: 1, end: 2 });
    expect(report.wna.female).toMatchObject({ registered: 1, end: 1 });
    expect(report.families).toEqual({ start: 0, added: 1, ended: 0, end: 1 });
    const t0 = report.total;
    expect(t0.end).toBe(t0.start + t0.births + t0.moves_in + t0.registered + t0.returned - t0.deaths - t0.moves_out - t0.lost);
    // The next month starts where this one ends.
    const after = (await (await op.get(`${api}/reports/monthly?year=${next.year}&month=${next.month}`)).json()).data;
    expect(after.total).toMatchObject({ start: 3, end: 3 });
    expect(after.families).toMatchObject({ start: 1, end: 1 });
  });

  it('counts a missing resident out in both, and back in on return', async () => {
    await op.post(`${api}/residents/${ids.anna}/lost`, { date: today });
    let report = (await (await op.get(`${api}/reports/monthly?year=${year}&month=${month}`)).json()).data;
    expect(report.total).toMatchObject({ lost: 1, end: 2 });
    expect((await statisticsSummary(op)).total).toBe(2);
    await op.post(`${api}/residents/${ids.anna}/return`, { date: today });
    report = (await (await op.get(`${api}/reports/monthly?year=${year}&month=${month}`)).json()).data;
    expect(report.total).toMatchObject({ lost: 1, returned: 1, end: 3 });
    expect((await statisticsSummary(op)).total).toBe(3);
  });
});

describe('a month after the residents were registered', () => {
  it('starts from the previous month\'s end, with families that have members on both sides of the month', async () => {
    // As if everyone had been registered on the first day of last month; this month's events stay.
    const prev = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
    const prevStart = `${prev.year}-${String(prev.month).padStart(2, '0')}-01`;
    await t.db.kysely.updateTable('population_events_rows').set({ event_date: prevStart }).where('village_code', '=', V).where('kind', '=', 'registration').execute();
    const before = (await (await op.get(`${api}/reports/monthly?year=${prev.year}&month=${prev.month}`)).json()).data;
    // Agus, Wati, Anna and Darto came in; the resident imported as dead did not count.
    expect(before.total).toMatchObject({ start: 0, registered: 4, end: 4 });
    expect(before.families).toEqual({ start: 0, added: 2, ended: 0, end: 2 });
    const now = (await (await op.get(`${api}/reports/monthly?year=${year}&month=${month}`)).json()).data;
    // Darto died; Anna went missing and came back; Agus left for a while and still counts.
    expect(now.total).toMatchObject({ start: 4, registered: 0, deaths: 1, lost: 1, returned: 1, end: 3 });
    expect(now.families).toEqual({ start: 2, added: 0, ended: 1, end: 1 });
    expect(now.total.end).toBe((await statisticsSummary(op)).total);
  });
});

describe('one age definition for the village and the province pyramid', () => {
  it('puts everyone in the same age group on the statistics page and the province dashboard', async () => {
    const { html } = await statisticsSummary(op);
    expect(html).toContain('Umur = tahun');
    const villageGroups = [...html.matchAll(/<th scope="row">(\d+(?:–\d+|\+))<\/th><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td>/g)]
      .map((m) => ({ label: m[1], male: Number(m[2]), female: Number(m[3]), total: Number(m[4]) }));
    expect(villageGroups).toHaveLength(16);
    const province = (await (await (await t.login('provinsi')).get('/api/v1/monitoring/regions/18/population')).json()).data;
    expect(province.totals.total).toBe(3);
    expect(province.age_groups.map((g: { male: number; female: number; total: number }) => [g.male, g.female, g.total]))
      .toEqual(villageGroups.map((g) => [g.male, g.female, g.total]));
    // Wati, born on 31 December 25 years ago, is 25 in both.
    expect(villageGroups.find((g) => g.label === '25–29')!.female).toBe(1);
  });
});

describe('the monthly report page', () => {
  it('shows WNI and WNA columns, the families, the definition and the village head who signs', async () => {
    await t.db.kysely.updateTable('villages').set({ head_name: 'Suparman', head_nip: '196805121990031005' }).where('village_code', '=', V).execute();
    const html = await (await op.get(`/desa/${V}/laporan-bulanan?tahun=${year}&bulan=${month}`)).text();
    expect(html).toContain('<th colspan="3" scope="colgroup" class="num">WNI</th>');
    expect(html).toContain('<th colspan="3" scope="colgroup" class="num">WNA</th>');
    // Penduduk akhir bulan: WNI L1 P1 (2), WNA L0 P1 (1), all L1 P2 (3).
    expect(html).toMatch(/<th scope="row">Penduduk akhir bulan<\/th>(<td class="num">[\d]+<\/td>){9}/);
    expect(/<th scope="row">Penduduk akhir bulan<\/th>((?:<td class="num">\d+<\/td>){9})/.exec(html)![1]!.match(/\d+/g)).toEqual(['1', '1', '2', '0', '1', '1', '1', '2', '3']);
    expect(html).toContain('<th scope="row">KK akhir bulan</th><td class="num">1</td>');
    expect(html).toContain('termasuk yang pergi sementara');
    expect(html).toContain('Kepala Desa Batu Menyan');
    expect(html).toContain('<strong>Suparman</strong>');
    expect(html).toContain('NIP 196805121990031005');
    expect(html).toContain(`href="/desa/${V}/laporan-bulanan.xlsx?tahun=${year}&amp;bulan=${month}"`);
    // Once the village records its head among its officials, that person signs.
    await t.db.kysely.insertInto('village_officials').values({ village_code: V, name: 'Hj. Suparmi', position: 'kepala_desa', position_title: 'Kepala Desa', staff_number: '0012' }).execute();
    const signed = await (await op.get(`/desa/${V}/laporan-bulanan?tahun=${year}&bulan=${month}`)).text();
    expect(signed).toContain('<strong>Hj. Suparmi</strong>');
    expect(signed).toContain('NIPD 0012'); // a short number is the village's own, not a civil servant's NIP
    await t.db.kysely.updateTable('village_officials').set({ active: false }).where('village_code', '=', V).execute();
  });

  it('exports the same figures to Excel, numbers as numbers', async () => {
    const res = await op.get(`/desa/${V}/laporan-bulanan.xlsx?tahun=${year}&bulan=${month}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="laporan-bulanan-1809102001-${year}-${String(month).padStart(2, '0')}.xlsx"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows.find((r) => r[0] === 'Penduduk akhir bulan')).toEqual(['Penduduk akhir bulan', 1, 1, 2, 0, 1, 1, 1, 2, 3]);
    expect(rows.find((r) => r[0] === 'KK akhir bulan')).toEqual(['KK akhir bulan', 1]);
    expect(rows.some((r) => r[0] === 'Suparman')).toBe(true);
  });

  it('is for the village and the officers above it only', async () => {
    expect((await (await t.login('hanura')).get(`/desa/${V}/laporan-bulanan.xlsx`)).status).toBe(403);
    expect((await t.anonymous.get(`/desa/${V}/laporan-bulanan.xlsx`)).status).toBe(401);
    expect((await (await t.login('telukpandan')).get(`/desa/${V}/laporan-bulanan.xlsx`)).status).toBe(200);
  });
});

describe('the report of a month that has ended', () => {
  const prev = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
  const prevStart = `${prev.year}-${String(prev.month).padStart(2, '0')}-01`;
  const monthly = async () => (await (await op.get(`${api}/reports/monthly?year=${prev.year}&month=${prev.month}`)).json()).data;
  const kept = () => t.db.kysely.selectFrom('population_monthly_reports').select(['version', 'report']).where('village_code', '=', V).where('month', '=', prevStart).executeTakeFirst();
  const version = async () => (await t.db.kysely.selectFrom('population_versions').select('version').where('village_code', '=', V).executeTakeFirst())?.version;

  it('is kept once worked out, and served as kept while the register stays the same', async () => {
    const first = await monthly();
    expect(first.total).toMatchObject({ registered: 4, end: 4 });
    const row = await kept();
    expect(String(row?.version)).toBe(String(await version()));
    // Served from what was kept: a figure changed there shows (nothing else could produce it).
    const report = row!.report as { counts: { measure: string; n: number; sex: number; foreign: boolean }[] };
    const marked = report.counts.map((c) => (c.measure === 'end' && c.sex === 1 && !c.foreign ? { ...c, n: c.n + 100 } : c));
    await t.db.kysely.updateTable('population_monthly_reports').set({ report: JSON.stringify({ ...report, counts: marked }) }).where('village_code', '=', V).where('month', '=', prevStart).execute();
    expect((await monthly()).total.end).toBe(104);
  });

  it('is worked out again after a change to the register, even one dated in that month', async () => {
    // Wati's death, recorded today, dated in the middle of that month.
    const died = await op.post(`${api}/residents/${ids.wati}/death`, { date: `${prevStart.slice(0, 8)}15`, place: 'Rumah', cause: 'Sakit' });
    expect(died.status).toBe(201);
    const after = await monthly();
    expect(after.total).toMatchObject({ start: 0, registered: 4, deaths: 1, end: 3 });
    // A correction that writes no event: Anna's sex.
    await t.db.kysely.updateTable('residents_rows').set({ sex: 1 }).where('village_code', '=', V).where('id', '=', ids.anna!).execute();
    const corrected = await monthly();
    expect(corrected.wna.male).toMatchObject({ end: 1 });
    expect(corrected.wna.female).toMatchObject({ end: 0 });
    // What is kept now is what working it out again gives.
    const { monthlyCountsByArea } = await import('./report.repository.js');
    const nextStart = prev.month === 12 ? `${prev.year + 1}-01-01` : `${prev.year}-${String(prev.month + 1).padStart(2, '0')}-01`;
    expect((await kept())!.report).toEqual(JSON.parse(JSON.stringify(await monthlyCountsByArea(t.db.kysely, V, prevStart, nextStart))));
  });
});
