import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, todayInWib } from '../../platform/format/format.js';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';
import { rkpdesDue } from './plan.service.js';

const V = '18.09.10.2004'; // Hanura
const TODAY = todayInWib();
let t: TestApp;
let secretary: Client;
let head: Client;
let treasurer: Client;
let operator: Client;
let district: Client;

beforeAll(async () => {
  t = await createTestApp();
  [secretary, head, treasurer, operator, district] = await Promise.all(['sekdes.hanura', 'kades.hanura', 'bendahara.hanura', 'hanura', 'telukpandan'].map((u) => t.login(u)));
});
afterAll(() => t.close());

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
async function start(as: Client, f: Record<string, string>) {
  const res = await as.form(`/desa/${V}/perencanaan`, f);
  expect(res.status, await res.clone().text()).toBe(303);
  return Number(/perencanaan\/(\d+)/.exec(res.headers.get('location')!)![1]);
}
const item = (as: Client, id: number, f: Record<string, string>) => as.form(`/desa/${V}/perencanaan/${id}/kegiatan`, f);
const page = async (as: Client, id: number) => text(await as.get(`/desa/${V}/perencanaan/${id}`));
const road = { activity_code: '2.3.10', description: 'Rabat beton jalan Dusun II', location: 'Dusun II', volume: '1.200 m', beneficiaries: '320 KK Dusun II', cost: '600.000.000', fund: 'DDS', execution: 'swakelola' };
const stunting = { activity_code: '2.2.02', description: 'Makanan tambahan balita', location: 'Posyandu Melati', volume: '60 balita', beneficiaries: 'Balita gizi kurang', cost: '18.000.000', fund: 'DDS', execution: 'swakelola' };

describe('village plans', () => {
  it('an RPJMDes is prepared by the secretary and adopted by the head; the RKPDes takes its year from it', async () => {
    const rpjmdes = await start(secretary, { kind: 'rpjmdes', first_year: '2031', years: '6', vision: 'Hanura maju, mandiri dan sejahtera', mission: '1. Jalan desa yang baik\n2. Balita sehat' });
    // The road runs in 2031 and 2032; the feeding programme every year from 2031 to 2036.
    expect((await item(secretary, rpjmdes, { ...road, tahun_2031: '1', tahun_2032: '1' })).status).toBe(303);
    expect((await item(secretary, rpjmdes, { ...stunting, ...Object.fromEntries([2031, 2032, 2033, 2034, 2035, 2036].map((y) => [`tahun_${y}`, '1'])) })).status).toBe(303);
    // Bad input names the field, and nothing is added.
    const noYear = await item(secretary, rpjmdes, road);
    expect(noYear.status).toBe(400);
    expect(await text(noYear)).toContain('Kolom Tahun pelaksanaan: centang paling sedikit satu tahun dari 2031 sampai 2036');
    const outside = await item(secretary, rpjmdes, { ...road, tahun_2040: '1' });
    expect(await text(outside)).toContain('Kolom Tahun pelaksanaan');
    const cost = await item(secretary, rpjmdes, { ...road, cost: '600,5', tahun_2031: '1' });
    expect(await text(cost)).toContain('Kolom Perkiraan biaya');
    const noActivity = await item(secretary, rpjmdes, { ...road, activity_code: '2.3', tahun_2031: '1' });
    expect(await text(noActivity)).toContain('Kolom Kegiatan');
    const draft = await page(secretary, rpjmdes);
    expect(draft).toContain('RPJMDes 2031–2036');
    expect(draft).toContain('Kegiatan (2) · Jumlah Rp618.000.000');
    expect(draft).toContain('2031: 2 · 2032: 2 · 2033: 1');

    // The treasurer reads plans but does not write them; the head adopts.
    expect((await item(treasurer, rpjmdes, { ...road, tahun_2031: '1' })).status).toBe(403);
    const future = await head.form(`/desa/${V}/perencanaan/${rpjmdes}/tetapkan`, { regulation_number: '1 Tahun 2031', regulation_date: '2099-01-01' });
    expect(await text(future)).toContain('Kolom Tanggal Peraturan Desa tidak boleh setelah hari ini');
    expect((await head.form(`/desa/${V}/perencanaan/${rpjmdes}/tetapkan`, { regulation_number: '1 Tahun 2031', regulation_date: TODAY })).status).toBe(303);
    const adopted = await page(treasurer, rpjmdes);
    expect(adopted).toContain('Ditetapkan (berlaku) · Perdes 1 Tahun 2031');
    expect(adopted).toContain('Hanura maju, mandiri dan sejahtera');
    // Adopted: no more activities.
    const late = await item(secretary, rpjmdes, { ...road, tahun_2031: '1' });
    expect(late.status).toBe(409);
    expect(await text(late)).toContain('Rencana ini tidak dapat diubah lagi');

    // The 2032 RKPDes takes the two activities scheduled for 2032, once.
    const rkpdes = await start(operator, { kind: 'rkpdes', first_year: '2032' });
    for (let i = 0; i < 2; i++) expect((await secretary.form(`/desa/${V}/perencanaan/${rkpdes}/ambil-rpjmdes`, {})).status).toBe(303);
    const annual = await page(secretary, rkpdes);
    expect(annual).toContain('Kegiatan (2) · Jumlah Rp618.000.000');
    expect(annual).toContain('(dari RPJMDes)');
    const items = await t.db.kysely.selectFrom('plan_items').select(['run_years', 'source_item']).where('village_code', '=', V).where('plan_id', '=', rkpdes).execute();
    expect(items.map((i) => i.run_years)).toEqual([[2032], [2032]]);
    expect(items.every((i) => i.source_item !== null)).toBe(true);
    // An RKPDes of a year no RPJMDes covers cannot be filled from one.
    const alone = await start(secretary, { kind: 'rkpdes', first_year: '2040' });
    const refused = await secretary.form(`/desa/${V}/perencanaan/${alone}/ambil-rpjmdes`, {});
    expect(refused.status).toBe(409);
    expect(await text(refused)).toContain('Belum ada RPJMDes yang ditetapkan untuk tahun 2040');
    const empty = await head.form(`/desa/${V}/perencanaan/${alone}/tetapkan`, { regulation_number: '9 Tahun 2039', regulation_date: TODAY });
    expect(await text(empty)).toContain('Rencana belum berisi kegiatan');

    // Adopted: the district's dashboard shows the date, live.
    expect((await head.form(`/desa/${V}/perencanaan/${rkpdes}/tetapkan`, { regulation_number: '4 Tahun 2031', regulation_date: TODAY })).status).toBe(303);
    const rollup = await t.db.kysely.selectFrom('monitoring_plans').selectAll().where('village_code', '=', V).where('year', '=', 2032).executeTakeFirstOrThrow();
    expect([rollup.activities, rollup.cost, rollup.rkpdes_regulation_date]).toEqual([2, '618000000', TODAY]);
    const dashboard = await text(await district.get(`/pantau/18.09.10/apbdes?tahun=2032`));
    expect(dashboard).toContain(`Hanura ${formatDate(TODAY)}`);
  });

  it('a revision keeps the adopted version visible and carries its activities; only one version is prepared at a time', async () => {
    const first = await start(secretary, { kind: 'rkpdes', first_year: '2033' });
    expect((await item(secretary, first, road)).status).toBe(303);
    expect((await head.form(`/desa/${V}/perencanaan/${first}/tetapkan`, { regulation_number: '5 Tahun 2032', regulation_date: TODAY })).status).toBe(303);
    const noReason = await secretary.form(`/desa/${V}/perencanaan`, { kind: 'rkpdes', first_year: '2033', reason: 'ubah' });
    expect(await text(noReason)).toContain('Kolom Alasan wajib diisi (minimal 10 karakter)');
    const revision = await start(secretary, { kind: 'rkpdes', first_year: '2033', reason: 'Hasil Musdes perubahan: tambah posyandu' });
    const again = await secretary.form(`/desa/${V}/perencanaan`, { kind: 'rkpdes', first_year: '2033', reason: 'Hasil Musdes perubahan kedua' });
    expect(again.status).toBe(409);
    expect(await text(again)).toContain('RKPDes 2033 perubahan 1 masih disusun');
    expect(await page(secretary, revision)).toContain('Rabat beton jalan Dusun II');
    expect((await item(secretary, revision, stunting)).status).toBe(303);
    expect((await head.form(`/desa/${V}/perencanaan/${revision}/tetapkan`, { regulation_number: '6 Tahun 2032', regulation_date: TODAY })).status).toBe(303);
    const list = await text(await secretary.get(`/desa/${V}/perencanaan`));
    expect(list).toMatch(/RKPDes 2033 perubahan 1 Ditetapkan \(berlaku\) 2 Rp618\.000\.000/);
    expect(list).toMatch(/RKPDes 2033 murni Diganti perubahan 1 Rp600\.000\.000/);
    const rollup = await t.db.kysely.selectFrom('monitoring_plans').select(['activities', 'cost']).where('village_code', '=', V).where('year', '=', 2033).executeTakeFirstOrThrow();
    expect(rollup).toEqual({ activities: 2, cost: '618000000' });
  });

  it('warns the village when next year\'s RKPDes is past its deadline (30 September) without one adopted', async () => {
    expect(rkpdesDue('2030-09-30')).toEqual({ year: 2031, deadline: '2030-09-30', passed: false });
    expect(rkpdesDue('2030-10-01')).toEqual({ year: 2031, deadline: '2030-09-30', passed: true });
    const due = rkpdesDue(TODAY);
    const warning = `RKPDes ${due.year} belum ditetapkan, padahal batas waktunya (${formatDate(due.deadline)}) sudah lewat`;
    expect((await text(await secretary.get('/'))).includes(warning)).toBe(due.passed);
    const id = await start(secretary, { kind: 'rkpdes', first_year: String(due.year) });
    expect((await item(secretary, id, road)).status).toBe(303);
    expect((await head.form(`/desa/${V}/perencanaan/${id}/tetapkan`, { regulation_number: '7 Tahun 2030', regulation_date: TODAY })).status).toBe(303);
    expect(await text(await head.get('/'))).not.toContain(warning);
    // The plans are the village's working papers: the public and the district see the rollup, not the pages.
    expect((await t.anonymous.get(`/desa/${V}/perencanaan`)).status).toBe(401);
    expect((await district.get(`/desa/${V}/perencanaan`)).status).toBe(403);
  });
});
