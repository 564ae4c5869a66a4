import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access/index.js';
import type { UseCaseContext } from '../../platform/context.js';
import { todayInWib } from '../../platform/format/format.js';
import { XLSX } from '../../platform/http/download.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { registerResident } from '../population/index.js';
import { fromUnits, toUnits } from './catalog.js';
import { addParcel, endParcel, recordCrop } from './farmers.service.js';
import { farmerDashboard, type FarmerDashboard } from './figures.service.js';
import { advanceRdkk, createGroup, draftRdkk, redeem, registerFarmer, registerKiosk } from './index.js';
import { recordStock } from './kiosks.service.js';

const HANURA = '18.09.10.2004';
const BATU = '18.09.10.2001'; // Batu Menyan, also activated by the demo
const TODAY = todayInWib();
const YEAR = Number(TODAY.slice(0, 4));
let t: TestApp;
let otherDistrict: { code: string; name: string };

async function as(username: string): Promise<UseCaseContext> {
  const u = await t.db.kysely.selectFrom('users').select(['id', 'username', 'full_name', 'role', 'region_code']).where('username', '=', username).executeTakeFirstOrThrow();
  const actor: Actor = { kind: 'user', id: Number(u.id), username: u.username, fullName: u.full_name, role: u.role as Actor['role'], regionCode: u.region_code ?? '', language: 'id' };
  return { db: t.db, actor, ip: 'test', lang: 'id' };
}

let serial = 0;
/** A living resident (head of a new family) to register as a farmer. */
async function resident(office: UseCaseContext, village: string, name: string): Promise<string> {
  serial += 1;
  const nik = `1809101501${80}${String(9500 + serial)}`;
  await registerResident(office, village, {
    name, nik, sex: 1, birth_date: '1980-01-15', family_relation: 1, marital_status: 2, occupation: 11, education_kk: 5, religion: 1,
    birth_place: 'Pesawaran', address: 'Jl. Sawah', kk_number: `180910150110${String(9500 + serial)}`,
  });
  return nik;
}

/** Farmers in one village, all in the first Poktan unless told; returns their ids. */
async function farmers(office: UseCaseContext, village: string, group: number, list: { name: string; area: string; commodity: string; member?: boolean }[]) {
  const ids: number[] = [];
  for (const f of list) {
    const nik = await resident(office, village, f.name);
    const r = await registerFarmer(office, village, { nik, area_ha: f.area, commodity: f.commodity, ...(f.member === false ? {} : { group_id: String(group) }) });
    ids.push(r.id);
  }
  return ids;
}

async function approve(village: string, group: number, office: UseCaseContext) {
  const plan = await draftRdkk(office, village, group, { year: String(YEAR) });
  await advanceRdkk(office, village, plan.id, 'submit');
  await advanceRdkk(await as('telukpandan'), village, plan.id, 'verify');
  await advanceRdkk(await as('distan.pesawaran'), village, plan.id, 'approve');
}

async function card(village: string, id: number) {
  return (await t.db.kysely.selectFrom('farmers').select('card_code').where('village_code', '=', village).where('id', '=', id).executeTakeFirstOrThrow()).card_code;
}

beforeAll(async () => {
  t = await createTestApp();

  const [hanura, batu, regency] = await Promise.all([as('hanura'), as('batumenyan'), as('distan.pesawaran')]);
  const [h1] = [await createGroup(hanura, HANURA, { kind: 'poktan', name: 'Poktan Tani Maju' })];
  await createGroup(hanura, HANURA, { kind: 'poktan', name: 'Poktan Harapan' }); // no members yet: still a Poktan
  const b1 = await createGroup(batu, BATU, { kind: 'poktan', name: 'Poktan Sido Makmur' });

  // Hanura: rice on 0.75 ha and maize on 1.25 ha in the group; rice on 0.5 ha outside it.
  const h = await farmers(hanura, HANURA, h1!.id, [
    { name: 'Sutrisno', area: '0.75', commodity: 'padi' },
    { name: 'Wagiman', area: '1.25', commodity: 'jagung' },
    { name: 'Karyono', area: '0.5', commodity: 'padi', member: false },
  ]);
  // A parcel given up does not count; last year's soybean only in last year's figures.
  await addParcel(hanura, HANURA, h[2]!, { area_ha: '0.2', tenure: 'rent' });
  const ended = await t.db.kysely.selectFrom('farm_parcels').select('id').where('village_code', '=', HANURA).where('farmer_id', '=', h[2]!).where('area_ha', '=', '0.2').executeTakeFirstOrThrow();
  await endParcel(hanura, HANURA, h[2]!, Number(ended.id));
  await recordCrop(hanura, HANURA, h[0]!, { commodity: 'kedelai', year: String(YEAR - 1), season: '1', crop_area_ha: '0.6' });
  // Batu Menyan: rice on 1.5 ha, chili on 0.3333 ha.
  const b = await farmers(batu, BATU, b1.id, [
    { name: 'Suparman', area: '1.5', commodity: 'padi' },
    { name: 'Rohmat', area: '0.3333', commodity: 'cabai' },
  ]);

  // Allocations by the dosage table: Hanura urea 150 + 312.5, NPK 225 + 375, organic 375 + 625;
  // Batu Menyan urea 300 + 50 (0.3333 × 150 = 49.995 → 50.00), NPK 450 + 99.99, organic 750 + 333.30.
  await approve(HANURA, h1!.id, hanura);
  await approve(BATU, b1.id, batu);

  otherDistrict = await t.db.kysely.selectFrom('regions').select(['code', 'name']).where('parent_code', '=', '18.09').where('code', '<>', '18.09.10').orderBy('code').limit(1).executeTakeFirstOrThrow();
  await registerKiosk(regency, { name: 'Kios Tani Teluk Pandan', owner_name: 'Hendra Gunawan', address: 'Jl. Raya Hanura No. 21', district: '18.09.10', villages: `${HANURA}\n${BATU}`, username: 'kios.uji', password: 'pupuk subsidi untuk petani teluk pandan' });
  await registerKiosk(regency, { name: 'Kios Makmur Jaya', owner_name: 'Budi Hartono', address: 'Jl. Lintas Barat No. 3', district: otherDistrict.code, villages: BATU, username: 'kios.uji2', password: 'pupuk subsidi untuk petani kecamatan lain' });
  const [kiosk, kiosk2] = await Promise.all([as('kios.uji'), as('kios.uji2')]);
  await recordStock(kiosk, { fertiliser: 'urea', quantity: '1000', received_on: TODAY });
  await recordStock(kiosk, { fertiliser: 'npk', quantity: '500.5', received_on: TODAY });
  await recordStock(kiosk2, { fertiliser: 'npk', quantity: '200', received_on: TODAY });
  await redeem(kiosk, await card(HANURA, h[0]!), { urea: '100', npk: '50,25' }, TODAY);
  await redeem(kiosk, await card(BATU, b[0]!), { urea: '120.5' }, TODAY);
  await redeem(kiosk, await card(BATU, b[1]!), { organik: '33.3' }, TODAY);
});
afterAll(() => t.close());

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
/** A sheet's rows as arrays (index 1 is column A). */
const rowsOf = (ws: ExcelJS.Worksheet) => (ws.getSheetValues() as unknown[]).filter((r): r is unknown[] => Array.isArray(r));
const sum = (values: string[]) => fromUnits(values.reduce((s, v) => s + toUnits(v), 0n));

/** Every total of a dashboard is the sum of its rows. */
function expectTotalsAddUp(d: FarmerDashboard) {
  const types = d.types.map((f) => f.code);
  expect(d.totals.farmers).toBe(d.rows.reduce((n, r) => n + r.farmers, 0));
  expect(d.totals.poktan).toBe(d.rows.reduce((n, r) => n + r.poktan, 0));
  expect(d.totals.activated).toBe(d.rows.reduce((n, r) => n + r.activated, 0));
  expect(d.totals.hectares).toBe(sum(d.rows.map((r) => r.hectares)));
  expect(d.totals.plantedTotal).toBe(sum(d.rows.map((r) => r.plantedTotal)));
  for (const k of d.commodities) expect(d.totals.planted[k.code]).toBe(sum(d.rows.map((r) => r.planted[k.code]!)));
  expect(d.totals.plantedTotal).toBe(sum(d.commodities.map((k) => k.hectares)));
  for (const f of types) {
    expect(d.totals.allocated[f]).toBe(sum(d.rows.map((r) => r.allocated[f]!)));
    expect(d.totals.redeemed[f]).toBe(sum(d.rows.map((r) => r.redeemed[f]!)));
    expect(d.stock.totals.received[f]).toBe(sum(d.stock.rows.map((r) => r.received[f]!)));
    expect(d.stock.totals.handedOut[f]).toBe(sum(d.stock.rows.map((r) => r.handedOut[f]!)));
  }
  expect(d.stock.totals.kiosks).toBe(d.stock.rows.reduce((n, r) => n + r.kiosks, 0));
}

/** What the district, the regency and the province must all show for Teluk Pandan. */
const TELUK_PANDAN = {
  farmers: 5, poktan: 3, hectares: '4.3333', plantedTotal: '4.3333',
  planted: { padi: '2.75', jagung: '1.25', cabai: '0.3333' },
  allocated: { urea: '812.5', npk: '1149.99', organik: '2083.3' },
  redeemed: { urea: '220.5', npk: '50.25', organik: '33.3' },
};

describe('the farmer card figures above the village', () => {
  it('add up at every level, from the village to the province, and agree with each other', async () => {
    const ctx = await as('provinsi');
    const [province, regency, district, hanura, batu] = await Promise.all(['18', '18.09', '18.09.10', HANURA, BATU].map((code) => farmerDashboard(ctx, code, String(YEAR))));
    for (const d of [province, regency, district, hanura, batu]) expectTotalsAddUp(d);

    expect(district.totals).toMatchObject(TELUK_PANDAN);
    expect(regency.totals).toMatchObject(TELUK_PANDAN);
    expect(province.totals).toMatchObject(TELUK_PANDAN);
    expect(regency.rows.find((r) => r.code === '18.09.10')).toMatchObject(TELUK_PANDAN);
    expect(province.rows.find((r) => r.code === '18.09')).toMatchObject(TELUK_PANDAN);
    expect(province.rows).toHaveLength(15); // Lampung's regencies and cities, with or without farmers

    // The district's rows are its villages; a village shows itself.
    expect(district.rows.find((r) => r.code === HANURA)).toMatchObject({ activated: 1, farmers: 3, poktan: 2, hectares: '2.5', allocated: { urea: '462.5', npk: '600', organik: '1000' }, redeemed: { urea: '100', npk: '50.25', organik: '0' } });
    expect(district.rows.find((r) => r.code === BATU)).toMatchObject({ activated: 1, farmers: 2, poktan: 1, hectares: '1.8333', allocated: { urea: '350', npk: '549.99', organik: '1083.3' }, redeemed: { urea: '120.5', npk: '0', organik: '33.3' } });
    expect(hanura.rows.map((r) => r.code)).toEqual([HANURA]);
    expect(hanura.totals).toMatchObject({ farmers: 3, poktan: 2, hectares: '2.5', planted: { padi: '1.25', jagung: '1.25' }, plantedTotal: '2.5' });
    expect(district.commodities.map((k) => [k.code, k.farmers, k.hectares])).toEqual([['padi', 3, '2.75'], ['jagung', 1, '1.25'], ['cabai', 1, '0.3333']]);

    // The kiosks' stock: by the district a kiosk stands in above the district; the kiosks themselves below.
    expect(regency.stock.by).toBe('region');
    expect(regency.stock.rows.map((r) => [r.key, r.kiosks, r.received, r.handedOut])).toEqual([
      [otherDistrict.code, 1, { urea: '0', npk: '200', organik: '0' }, { urea: '0', npk: '0', organik: '0' }],
      ['18.09.10', 1, { urea: '1000', npk: '500.5', organik: '0' }, { urea: '220.5', npk: '50.25', organik: '33.3' }],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    expect(province.stock.totals).toEqual({ kiosks: 2, received: { urea: '1000', npk: '700.5', organik: '0' }, handedOut: { urea: '220.5', npk: '50.25', organik: '33.3' } });
    expect(district.stock.by).toBe('kiosk');
    expect(district.stock.rows.map((r) => r.name)).toEqual(['Kios Tani Teluk Pandan']);
    // Batu Menyan is served by both kiosks; Hanura by the one in Teluk Pandan.
    expect(batu.stock.rows.map((r) => r.name)).toEqual(['Kios Makmur Jaya', 'Kios Tani Teluk Pandan']);
    expect(hanura.stock.rows.map((r) => r.name)).toEqual(['Kios Tani Teluk Pandan']);

    // Another year: last year's soybean, no fertiliser, no stock movement.
    const before = await farmerDashboard(ctx, '18.09.10', String(YEAR - 1));
    expectTotalsAddUp(before);
    expect(before.commodities.map((k) => [k.code, k.hectares])).toEqual([['kedelai', '0.6']]);
    expect(before.totals.redeemed).toEqual({ urea: '0', npk: '0', organik: '0' });
    expect(before.stock.totals.received).toEqual({ urea: '0', npk: '0', organik: '0' });
    // Farmers and hectares are the register as it is now, whatever the year.
    expect(before.totals.farmers).toBe(5);
  });

  it('show the province, regency, district and village pages with the redeemed share and drill-down links', async () => {
    const [province, regency, district, operator] = await Promise.all([t.login('provinsi'), t.login('pesawaran'), t.login('telukpandan'), t.login('hanura')]);
    const q = `?tahun=${YEAR}`;

    const p = await province.get(`/pantau/18/petani${q}`);
    expect(p.status).toBe(200);
    const ph = await p.text();
    expect(ph).toContain(`href="/pantau/18.09/petani${q}"`);
    expect(ph).toContain('href="/panduan/rdkk"');
    const pt = await text(new Response(ph));
    // Urea: 220,5 of 812,5 kg redeemed (27,1 %), in the summary and on Pesawaran's row.
    expect(pt).toContain('Urea: ditebus / alokasi (kg) 220,5 / 812,5 27,1%');
    expect(pt).toMatch(/Kabupaten Pesawaran \d+ 5 3 4,3333 4,3333/);
    expect(pt).toMatch(/Kabupaten Pesawaran 220,5 \/ 812,5 27,1% 50,25 \/ 1\.149,99 4,4% 33,3 \/ 2\.083,3 1,6%/);
    expect(ph).toMatch(/<progress max="100" value="27\.1"/);

    const r = await text(await regency.get(`/pantau/18.09/petani${q}`));
    expect(r).toMatch(/Teluk Pandan 4 5 3 4,3333 4,3333/); // four of its villages are active in the demo
    expect(r).toContain('Padi 3 2,75 Jagung 1 1,25 Cabai 1 0,3333');
    // The stock per district: received, handed out, the difference, by fertiliser.
    expect(r).toContain('Urea 1.000 220,5 779,5 NPK 700,5 50,25 650,25 Organik 0 33,3 -33,3');
    expect(await (await regency.get(`/pantau/18.09/petani${q}`)).text()).toContain(`href="/pantau/18.09.10/petani${q}"`);

    const dh = await (await district.get(`/pantau/18.09.10/petani${q}`)).text();
    expect(dh).toContain(`href="/pantau/${HANURA}/petani${q}"`);
    expect(dh).toContain(`href="/pantau/${BATU}/petani${q}"`);
    const dt = await text(new Response(dh));
    expect(dt).toMatch(/Hanura aktif 3 2 2,5 2,5/);
    expect(dt).toMatch(/Batu Menyan aktif 2 1 1,8333 1,8333/);
    expect(dt).toContain('Hanura 100 / 462,5 21,6% 50,25 / 600 8,4% 0 / 1.000 0,0%');
    expect(dt).toContain('Kios Tani Teluk Pandan Jl. Raya Hanura No. 21 1.000 220,5 500,5 50,25 0 33,3');

    // The village operator sees their own village, and the year can be chosen.
    const v = await operator.get(`/pantau/${HANURA}/petani`);
    expect(v.status).toBe(200);
    const vt = await text(v);
    expect(vt).toContain(`Petani dan pupuk bersubsidi ${YEAR}`);
    expect(vt).toContain('Urea: ditebus / alokasi (kg) 100 / 462,5 21,6%');
    const last = await text(await operator.get(`/pantau/${HANURA}/petani?tahun=${YEAR - 1}`));
    expect(last).toContain('Kedelai 1 0,6');
    expect((await operator.get(`/pantau/${HANURA}/petani?tahun=dua`)).status).toBe(400);

    // The tab on the other dashboards leads here.
    expect(await (await regency.get('/pantau/18.09')).text()).toContain('href="/pantau/18.09/petani"');
  });

  it('refuse a village operator another village, and an officer a region outside their scope', async () => {
    const [batu, district] = await Promise.all([t.login('batumenyan'), t.login('telukpandan')]);
    expect((await batu.get(`/pantau/${HANURA}/petani`)).status).toBe(403);
    expect((await batu.get(`/pantau/${HANURA}/petani.xlsx`)).status).toBe(403);
    expect((await batu.get('/pantau/18.09.10/petani')).status).toBe(403);
    expect((await batu.get(`/pantau/${BATU}/petani`)).status).toBe(200);
    expect((await district.get('/pantau/18.71/petani')).status).toBe(403);
    expect((await t.anonymous.get('/pantau/18/petani')).status).toBe(302);
  });

  it('give the same figures in Excel, with the total row equal to the sum of the rows', async () => {
    const district = await t.login('telukpandan');
    const file = await district.get(`/pantau/18.09.10/petani.xlsx?tahun=${YEAR}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe(XLSX);
    expect(file.headers.get('content-disposition')).toContain(`petani-180910-${YEAR}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await file.arrayBuffer());

    const sheet = wb.getWorksheet('Per wilayah')!;
    const rows = rowsOf(sheet);
    const header = rows.find((r) => r[1] === 'Kode')!;
    const col = (name: string) => header.indexOf(name);
    const villages = rows.slice(rows.indexOf(header) + 1).filter((r) => typeof r[1] === 'string');
    const total = rows.find((r) => r[2] === 'Jumlah')!;
    const hanura = villages.find((r) => r[1] === HANURA)!;
    expect(hanura.slice(2, 8)).toEqual(['Hanura', 1, 3, 2, 2.5, 2.5]);
    for (const name of ['Petani terdaftar', 'Poktan', 'Desa aktif di Balai']) expect(total[col(name)]).toBe(villages.reduce((n, r) => n + Number(r[col(name)] ?? 0), 0));
    expect(total.slice(3, 8)).toEqual([4, 5, 3, 4.3333, 4.3333]);
    // Urea: allocated, redeemed, share.
    const urea = col('Urea — alokasi (kg)');
    expect(total.slice(urea, urea + 3)).toEqual([812.5, 220.5, 27.1]);
    expect(hanura.slice(urea, urea + 3)).toEqual([462.5, 100, 21.6]);
    expect(Math.round(villages.reduce((s, r) => s + Number(r[urea + 1] ?? 0), 0) * 100) / 100).toBe(220.5);

    const summary = rowsOf(wb.getWorksheet('Ringkasan')!);
    const figure = (label: string) => summary.find((r) => r[1] === label)?.[2];
    expect([figure('Petani terdaftar'), figure('Luas lahan (ha)'), figure('Urea — ditebus (kg)'), figure('Urea ditebus (%)')]).toEqual([5, 4.3333, 220.5, 27.1]);

    const stock = rowsOf(wb.getWorksheet('Stok kios')!);
    expect(stock.find((r) => r[2] === 'Kios Tani Teluk Pandan')?.slice(4, 10)).toEqual([1000, 220.5, 500.5, 50.25, 0, 33.3]);
    const crops = rowsOf(wb.getWorksheet('Luas tanam')!);
    expect(crops.find((r) => r[2] === 'Jumlah')?.slice(3)).toEqual([2.75, 1.25, 0.3333, 4.3333]);
  });
});
