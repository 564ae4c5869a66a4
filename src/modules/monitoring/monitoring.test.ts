import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { testDatabaseKind } from '../../../test/support/test-db.js';
import { DEMO_CITIZEN } from '../demo/seed-demo.js';
import { hashPassword } from '../identity/index.js';
import { refreshLastActiveDays } from './rollups.repository.js';

/**
 * The dashboards as officers use them: scoped to their region, drilling down and back up,
 * exporting to Excel, the public page without personal data, and a letter signed in Hanura
 * counted in the province's figures at once.
 */

const HANURA = '18.09.10.2004';
let t: TestApp;
let province: Client;
let district: Client;
let operator: Client;
let sekdes: Client;

beforeAll(async () => {
  t = await createTestApp({ citizen: true });
  [province, district, operator, sekdes] = await Promise.all([t.login('provinsi'), t.login('telukpandan'), t.login('hanura'), t.login('sekdes.hanura')]);
});
afterAll(() => t?.close());

const TABS = ['', '/layanan', '/penduduk', '/idm', '/kabar'];

describe(`dashboards on ${testDatabaseKind()}`, () => {
  it('open for each level inside the officer\'s scope, and nowhere else', async () => {
    for (const tab of TABS) {
      expect((await province.get(`/pantau/18${tab}`)).status, `province 18${tab}`).toBe(200);
      expect((await district.get(`/pantau/18.09.10${tab}`)).status, `district 18.09.10${tab}`).toBe(200);
      expect((await district.get(`/pantau/${HANURA}${tab}`)).status, `district → Hanura${tab}`).toBe(200);
      for (const other of ['18.09.11', '18.71', '18.09', '18', 'nasional', '18.09.11.2001'])
        expect((await district.get(`/pantau/${other}${tab}`)).status, `district → ${other}${tab}`).toBe(403);
      expect((await operator.get(`/pantau/${HANURA}${tab}`)).status, `operator → own village${tab}`).toBe(200);
      for (const other of ['18.09.10', '18.09.10.2001', '18'])
        expect((await operator.get(`/pantau/${other}${tab}`)).status, `operator → ${other}${tab}`).toBe(403);
      expect((await province.get(`/pantau/nasional${tab}`)).status, `province → national${tab}`).toBe(403);
      expect((await province.get(`/pantau/17${tab}`)).status, `province → Bengkulu${tab}`).toBe(403);
    }
    // The API says the same.
    expect((await district.get('/api/v1/monitoring/regions/18.09.11/adoption')).status).toBe(403);
    expect((await district.get('/api/v1/monitoring/regions/18.71/population')).status).toBe(403);
    expect((await operator.get('/api/v1/monitoring/regions/18.09.10/services')).status).toBe(403);
    expect((await t.anonymous.get('/api/v1/monitoring/regions/18/adoption')).status).toBe(401);
    const doc = await (await t.anonymous.get('/api/openapi.json')).json();
    for (const path of ['adoption', 'services', 'population', 'index', 'feed']) expect(Object.keys(doc.paths)).toContain(`/api/v1/monitoring/regions/{code}/${path}`);
    // /pantau sends each officer to their own scope; the citizen has no dashboard.
    expect((await district.get('/pantau')).headers.get('location')).toBe('/pantau/18.09.10');
    expect((await operator.get('/pantau')).headers.get('location')).toBe(`/pantau/${HANURA}`);
    const citizen = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
    expect((await citizen.get(`/pantau/${HANURA}`)).status).toBe(403);
  });

  it('gives the national administrator the country, province by province', async () => {
    await t.db.kysely.insertInto('users').values({ username: 'nasional', password_hash: await hashPassword('kata sandi nasional yang panjang'), full_name: 'Admin Nasional', role: 'national_admin', region_code: '', position_title: null, nip: null, email: null, phone: null, created_by: null }).execute();
    const national = await t.login('nasional', 'kata sandi nasional yang panjang');
    expect((await national.get('/pantau')).headers.get('location')).toBe('/pantau/nasional');
    for (const tab of TABS) {
      const res = await national.get(`/pantau/nasional${tab}`);
      expect(res.status, `nasional${tab}`).toBe(200);
      const html = await res.text();
      if (tab === '/kabar') continue; // the week's feed lists villages, not provinces
      // Down to each province on the same tab (keeping the year where the tab has one).
      expect(html, tab).toMatch(new RegExp(`href="/pantau/18${tab}(\\?[^"]*)?"`));
      expect(html, tab).toMatch(new RegExp(`href="/pantau/17${tab}(\\?[^"]*)?"`));
    }
    const api = await (await national.get('/api/v1/monitoring/regions/nasional/adoption')).json();
    expect(api.data.region).toEqual({ code: '', name: 'Indonesia', level: 0 });
    expect(api.data.totals.activated).toBe(7);
  });

  it('drill down from the province to Hanura and back up by the breadcrumbs', async () => {
    const html = async (path: string) => (await province.get(path)).text();
    const p = await html('/pantau/18');
    expect(p).toContain('href="/pantau/18.09"');
    expect(p).toMatch(/7 dari 2\.\d{3} desa\/kelurahan sudah memakai Balai/);
    const r = await html('/pantau/18.09/penduduk');
    expect(r).toContain('href="/pantau/18.09.10/penduduk"');
    expect(r).toContain('href="/pantau/18/penduduk"'); // back up
    const d = await html('/pantau/18.09.10');
    expect(d).toContain(`href="/pantau/${HANURA}"`);
    expect(d).toContain('href="/pantau/18.09"');
    expect(d).toContain('href="/pantau/18"');
    const v = await html(`/pantau/${HANURA}`);
    for (const up of ['/pantau/18.09.10', '/pantau/18.09', '/pantau/18']) expect(v).toContain(`href="${up}"`);
    expect(v).not.toContain('href="/pantau/nasional"'); // the province officer cannot open the national level
    // A village officer sees the levels above as text, not links.
    const own = await (await operator.get(`/pantau/${HANURA}`)).text();
    expect(own).not.toContain('href="/pantau/18.09.10"');
    expect(own).toContain('Teluk Pandan');
  });

  it('counts a letter signed in Hanura in the province figures at once', async () => {
    const issued = async () => (await (await province.get('/api/v1/monitoring/regions/18/services')).json()).data.totals.issued as number;
    const before = await issued();
    const budi = await t.db.kysely.selectFrom('residents').select('id').where('village_code', '=', HANURA).where('nik', '=', DEMO_CITIZEN.nik).executeTakeFirstOrThrow();
    const api = `/api/v1/villages/${HANURA}/letters`;
    const req = await operator.post(api, { type: 'domisili', resident_id: budi.id, fields: { keperluan: 'Uji dasbor' } });
    const id = (await req.json()).data.id;
    expect((await operator.post(`${api}/${id}/check`, {})).status).toBe(200);
    expect((await sekdes.post(`${api}/${id}/sign`, {})).status).toBe(200);
    expect(await issued()).toBe(before + 1);
    const regency = await (await province.get('/api/v1/monitoring/regions/18.09/services')).json();
    expect(regency.data.children.find((c: { code: string }) => c.code === '18.09.10').issued).toBeGreaterThanOrEqual(1);
    // …and on the page and in the week's feed, with a link to the village.
    const feed = await (await province.get('/pantau/18/kabar')).text();
    expect(feed).toContain(`href="/pantau/${HANURA}/layanan"`);
  });

  it('lists a silent village as quiet, and counts it active again at its officer\'s next action', async () => {
    const adoption = async () => (await (await district.get('/api/v1/monitoring/regions/18.09.10/adoption')).json()).data;
    // Hanura's last action 40 days ago (its activity rows replaced, the villages' row recounted from them).
    await sql`delete from village_activity_daily where village_code = ${HANURA}`.execute(t.db.kysely);
    await sql`insert into village_activity_daily (village_code, day, officer_actions, citizen_actions, last_at)
      values (${HANURA}, current_date - 40, 3, 0, now() - interval '40 days')`.execute(t.db.kysely);
    await refreshLastActiveDays(t.db.kysely, HANURA);
    const silent = await adoption();
    const quietRow = silent.quiet.villages.find((r: { code: string }) => r.code === HANURA);
    expect(quietRow, 'Hanura is listed as quiet').toBeTruthy();
    expect(String(quietRow.last_active_day).slice(0, 10)).toBe((await sql<{ d: string }>`select (current_date - 40)::text as d`.execute(t.db.kysely)).rows[0]!.d);
    const hanura = (d: typeof silent) => d.children.find((r: { code: string }) => r.code === HANURA);
    expect(hanura(silent)).toMatchObject({ active7: 0, active30: 0, actions30: 0, quiet: 1 });
    // One action by the operator: active this week, no longer quiet.
    const budi = await t.db.kysely.selectFrom('residents').select('id').where('village_code', '=', HANURA).where('nik', '=', DEMO_CITIZEN.nik).executeTakeFirstOrThrow();
    expect((await operator.post(`/api/v1/villages/${HANURA}/letters`, { type: 'domisili', resident_id: budi.id, fields: { keperluan: 'Uji keaktifan' } })).status).toBe(201);
    const active = await adoption();
    expect(active.totals.active7).toBe(silent.totals.active7 + 1);
    expect(active.quiet.villages.some((r: { code: string }) => r.code === HANURA)).toBe(false);
    expect(hanura(active)).toMatchObject({ active7: 1, active30: 1, actions30: 1, quiet: 0 });
  });

  it('sums population from the villages below, with a pyramid', async () => {
    const res = await (await province.get('/api/v1/monitoring/regions/18.09/population')).json();
    const own = await sql<{ n: number }>`select count(*)::int as n from residents where village_code = ${HANURA} and life_status in (1, 6)`.execute(t.db.kysely);
    expect(res.data.totals.total).toBe(own.rows[0]!.n);
    expect(res.data.age_groups).toHaveLength(16);
    expect(res.data.age_groups.reduce((n: number, g: { total: number }) => n + g.total, 0) + res.data.unknown_age.total).toBe(own.rows[0]!.n);
  });

  it('exports every dashboard to a workbook that opens', async () => {
    for (const [path, sheet] of [
      ['/pantau/18/adopsi.xlsx', 'Adopsi Balai'],
      ['/pantau/18/layanan.xlsx', 'Layanan surat'],
      ['/pantau/18/penduduk.xlsx', 'Penduduk'],
      ['/pantau/18/idm.xlsx', 'Desa per status'],
      ['/pantau/18/kabar.xlsx', 'Desa yang baru aktif'],
      [`/pantau/${HANURA}/adopsi.xlsx`, 'Adopsi Balai'],
    ] as const) {
      const res = await province.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      expect(wb.worksheets.map((w) => w.name), path).toContain(sheet);
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await (await province.get('/pantau/18/adopsi.xlsx')).arrayBuffer());
    const summary = wb.getWorksheet('Adopsi Balai')!;
    const activated = summary.getSheetValues().find((r) => Array.isArray(r) && r[1] === 'Aktif di Balai') as unknown[];
    expect(activated[2]).toBe(7); // a number, not text
  });

  it('gives the public page of a province and a regency, without names or NIKs, for caching', async () => {
    const res = await t.anonymous.get('/publik/wilayah/18');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const html = await res.text();
    expect(html).toContain('7 dari');
    expect(html).toContain('href="/publik/wilayah/18.09"');
    const names = await t.db.kysely.selectFrom('residents').select(['name', 'nik']).where('village_code', '=', HANURA).execute();
    expect(names.length).toBeGreaterThan(0);
    for (const page of [html, await (await t.anonymous.get('/publik/wilayah/18.09.10')).text(), JSON.stringify(await (await t.anonymous.get('/api/v1/monitoring/public/18.09')).json())]) {
      for (const r of names) {
        expect(page).not.toContain(r.name);
        expect(page).not.toContain(r.nik);
      }
      expect(page).not.toMatch(/\b\d{16}\b/);
    }
    expect((await t.anonymous.get(`/publik/wilayah/${HANURA}`)).headers.get('location')).toBe(`/publik/desa/${HANURA}`);
  });
});
