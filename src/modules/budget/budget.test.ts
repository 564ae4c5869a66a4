import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../identity/index.js';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';

const V = '18.09.10.2004'; // Hanura
let t: TestApp;
let treasurer: Client;
let secretary: Client;
let head: Client;
let operator: Client;
let district: Client;

beforeAll(async () => {
  t = await createTestApp();
  [treasurer, secretary, head, operator, district] = await Promise.all(
    ['bendahara.hanura', 'sekdes.hanura', 'kades.hanura', 'hanura', 'telukpandan'].map((u) => t.login(u)),
  );
});
afterAll(() => t.close());

/** Starts a year's budget through the page and gives its id. */
async function start(as: Client, year: number, reason = '') {
  const res = await as.form(`/desa/${V}/apbdes`, { year: String(year), reason });
  expect(res.status, await res.clone().text()).toBe(303);
  return Number(/apbdes\/(\d+)/.exec(res.headers.get('location')!)![1]);
}

const line = (as: Client, id: number, f: Record<string, string>) => as.form(`/desa/${V}/apbdes/${id}/baris`, f);
const page = async (as: Client, id: number) => (await as.get(`/desa/${V}/apbdes/${id}`)).text();
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** A small balanced budget: Dana Desa 800 M, ADD 350 M, own income 25 M, SiLPA 15 M; spending in all five bidang. */
async function fillBalanced(as: Client, id: number) {
  const lines: Record<string, string>[] = [
    { account_code: '4.2.1', description: 'Dana Desa 2031', volume: '1', unit: 'tahun', unit_price: '800.000.000' },
    { account_code: '4.2.3', description: 'Alokasi Dana Desa 2031', volume: '1', unit: 'tahun', unit_price: '350000000' },
    { account_code: '4.1.2', description: 'Sewa tanah kas desa', volume: '2,5', unit: 'hektare', unit_price: '10.000.000' },
    { account_code: '6.1.1', description: 'SiLPA 2025', volume: '1', unit: 'tahun', unit_price: '15.000.000' },
    { account_code: '5.1.1', activity_code: '1.1.01', fund: 'ADD', description: 'Penghasilan tetap Kepala Desa', volume: '12', unit: 'bulan', unit_price: '4.000.000' },
    { account_code: '5.1.2', activity_code: '1.1.02', fund: 'ADD', description: 'Penghasilan tetap perangkat desa', volume: '12', unit: 'bulan', unit_price: '20.000.000' },
    { account_code: '5.3.5', activity_code: '2.3.10', fund: 'DDS', description: 'Rabat beton jalan Dusun II', volume: '400', unit: 'meter', unit_price: '1.250.000' },
    { account_code: '5.2.7', activity_code: '2.2.02', fund: 'DDS', description: 'Makanan tambahan balita posyandu', volume: '1200', unit: 'porsi', unit_price: '15.000' },
    { account_code: '5.2.2', activity_code: '3.4.03', fund: 'PAD', description: 'Honor kader PKK', volume: '12', unit: 'bulan', unit_price: '1.500.000' },
    { account_code: '5.2.1', activity_code: '4.2.05', fund: 'DDS', description: 'Pelatihan pupuk organik', volume: '1', unit: 'paket', unit_price: '25.000.000' },
    { account_code: '5.4.1', activity_code: '5.3.00', fund: 'DDS', description: 'Bantuan Langsung Tunai Dana Desa', volume: '40', unit: 'KPM-bulan', unit_price: '300.000' },
  ];
  for (const f of lines) expect((await line(as, id, f)).status).toBe(303);
  // Income 1,175,000,000 + SiLPA 15,000,000 = 1,190,000,000 to plan; the spending above is
  // 48 M + 240 M + 500 M + 18 M + 18 M + 25 M + 12 M = 861 M: the rest to the capital of the BUMDes.
  expect((await line(as, id, { account_code: '6.2.2', description: 'Penyertaan modal BUMDes', volume: '1', unit: 'paket', unit_price: '329.000.000' })).status).toBe(303);
}

describe('APBDes', () => {
  it('is prepared by the treasurer, verified by the secretary and adopted by the head; the public page shows it', async () => {
    const id = await start(treasurer, 2031);
    await fillBalanced(treasurer, id);
    const draft = text(await page(treasurer, id));
    expect(draft).toContain('Rp1.175.000.000'); // income
    expect(draft).toContain('Rp861.000.000'); // spending
    expect(draft).toContain('Seimbang');
    // 2,5 hektare × Rp10.000.000
    expect(draft).toContain('2,5 hektare');
    expect(draft).toContain('Rp25.000.000');

    expect((await secretary.form(`/desa/${V}/apbdes/${id}/verifikasi`, {})).status).toBe(303);
    // Verified: no more lines.
    const late = await line(treasurer, id, { account_code: '4.1.4', description: 'Lain-lain', volume: '1', unit: 'paket', unit_price: '1000' });
    expect(late.status).toBe(409);
    expect(text(await late.text())).toContain('APBDes ini tidak dapat diubah lagi');

    const adopted = await head.form(`/desa/${V}/apbdes/${id}/tetapkan`, { regulation_number: '2 Tahun 2031', regulation_date: '2026-01-15' });
    expect(adopted.status).toBe(303);
    const done = text(await page(head, id));
    expect(done).toContain('Ditetapkan (berlaku)');
    expect(done).toContain('Perdes 2 Tahun 2031, 15 Januari 2026');
    expect(done).toContain('Dewi Lestari'); // prepared by
    expect(done).toContain('Siti Rahmawati'); // verified by

    const pub = await t.anonymous.get(`/publik/desa/${V}/apbdes`);
    expect(pub.status).toBe(200);
    const shown = text(await pub.text());
    expect(shown).toContain('APBDes 2031 (murni)');
    expect(shown).toContain('Dana Desa Rp800.000.000');
    expect(shown).toContain('2. Pelaksanaan Pembangunan Desa Rp518.000.000');
    expect(shown).not.toContain('Dewi Lestari');

    // The district sees the adopted figures in the rollup, written in the same transaction.
    const rollup = await t.db.kysely.selectFrom('monitoring_budgets').selectAll().where('village_code', '=', V).where('year', '=', 2031).executeTakeFirstOrThrow();
    expect([rollup.income, rollup.spending, rollup.financing_receipts, rollup.financing_expenses]).toEqual(['1175000000', '861000000', '15000000', '329000000']);
    expect(rollup.spending_by_field).toEqual({ 1: '288000000', 2: '518000000', 3: '18000000', 4: '25000000', 5: '12000000' });
  });

  it('refuses an unbalanced budget, naming the difference in rupiah, and saves nothing for a bad line', async () => {
    const id = await start(operator, 2032);
    expect((await line(operator, id, { account_code: '4.2.1', description: 'Dana Desa', volume: '1', unit: 'tahun', unit_price: '500000000' })).status).toBe(303);
    expect((await line(operator, id, { account_code: '5.3.5', activity_code: '2.3.10', fund: 'DDS', description: 'Jalan', volume: '1', unit: 'paket', unit_price: '520.000.000' })).status).toBe(303);
    const refused = await secretary.form(`/desa/${V}/apbdes/${id}/verifikasi`, {});
    expect(refused.status).toBe(400);
    expect(text(await refused.text())).toContain('masih kurang Rp20.000.000');

    // Bad lines: the message names the field; nothing is added.
    const before = await t.db.kysely.selectFrom('budget_lines').select((eb) => eb.fn.countAll().as('n')).where('village_code', '=', V).where('budget_id', '=', id).executeTakeFirstOrThrow();
    const noActivity = await line(operator, id, { account_code: '5.2.1', fund: 'DDS', description: 'ATK', volume: '1', unit: 'paket', unit_price: '1000' });
    expect(noActivity.status).toBe(400);
    expect(text(await noActivity.text())).toContain('Kolom Kegiatan wajib untuk belanja');
    const sen = await line(operator, id, { account_code: '4.1.4', description: 'Lain', volume: '1', unit: 'paket', unit_price: '1.000,50' });
    expect(sen.status).toBe(400);
    expect(text(await sen.text())).toContain('Kolom Harga satuan harus rupiah utuh');
    const volume = await line(operator, id, { account_code: '4.1.4', description: 'Lain', volume: '1,234', unit: 'paket', unit_price: '1000' });
    expect(text(await volume.text())).toContain('Kolom Volume harus angka dengan paling banyak dua desimal');
    const after = await t.db.kysely.selectFrom('budget_lines').select((eb) => eb.fn.countAll().as('n')).where('village_code', '=', V).where('budget_id', '=', id).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    // Covered by SiLPA, it verifies.
    expect((await line(operator, id, { account_code: '6.1.1', description: 'SiLPA 2031', volume: '1', unit: 'tahun', unit_price: '20.000.000' })).status).toBe(303);
    expect((await secretary.form(`/desa/${V}/apbdes/${id}/verifikasi`, {})).status).toBe(303);
  });

  it('keeps the earlier version visible when a revision is adopted; the one who prepares cannot adopt', async () => {
    const first = (await t.db.kysely.selectFrom('budgets').select('id').where('village_code', '=', V).where('year', '=', 2031).where('status', '=', 'adopted').executeTakeFirstOrThrow()).id;
    const noReason = await treasurer.form(`/desa/${V}/apbdes`, { year: '2031', reason: '' });
    expect(noReason.status).toBe(400);
    expect(text(await noReason.text())).toContain('Kolom Alasan wajib diisi');
    const revision = await start(treasurer, 2031, 'Tambahan Bantuan Keuangan Kabupaten untuk jalan');
    const copied = await t.db.kysely.selectFrom('budget_lines').select((eb) => eb.fn.countAll().as('n')).where('village_code', '=', V).where('budget_id', '=', revision).executeTakeFirstOrThrow();
    expect(Number(copied.n)).toBe(12);
    await line(treasurer, revision, { account_code: '4.2.5', description: 'BK Kabupaten jalan', volume: '1', unit: 'paket', unit_price: '100.000.000' });
    await line(treasurer, revision, { account_code: '5.3.5', activity_code: '2.3.10', fund: 'BKK', description: 'Aspal jalan Dusun IV', volume: '200', unit: 'meter', unit_price: '500.000' });
    expect((await secretary.form(`/desa/${V}/apbdes/${revision}/verifikasi`, {})).status).toBe(303);

    // The secretary may send it back but not adopt; the head adopts.
    const bySecretary = await secretary.form(`/desa/${V}/apbdes/${revision}/tetapkan`, { regulation_number: '5 Tahun 2031', regulation_date: '2026-07-01' });
    expect(bySecretary.status).toBe(403);
    const future = await head.form(`/desa/${V}/apbdes/${revision}/tetapkan`, { regulation_number: '5 Tahun 2031', regulation_date: '2099-01-01' });
    expect(future.status).toBe(400);
    expect(text(await future.text())).toContain('Kolom Tanggal Peraturan Desa tidak boleh setelah hari ini');
    expect((await head.form(`/desa/${V}/apbdes/${revision}/tetapkan`, { regulation_number: '5 Tahun 2031', regulation_date: '2026-07-01' })).status).toBe(303);

    const versions = await t.db.kysely.selectFrom('budgets').select(['id', 'version', 'status']).where('village_code', '=', V).where('year', '=', 2031).orderBy('version').execute();
    expect(versions).toEqual([{ id: first, version: 1, status: 'superseded' }, { id: revision, version: 2, status: 'adopted' }]);
    const old = text(await page(head, first));
    expect(old).toContain('Diganti perubahan');
    expect(old).toContain('Rp1.175.000.000');
    const pub = text(await (await t.anonymous.get(`/publik/desa/${V}/apbdes?tahun=2031`)).text());
    expect(pub).toContain('APBDes 2031 (perubahan 1)');
    expect(pub).toContain('Bantuan Keuangan Kabupaten/Kota Rp100.000.000');
  });

  it('keeps the budget inside the village and the steps inside the roles', async () => {
    // The district reads its villages' dashboards, not their budget drafts.
    expect((await district.get(`/desa/${V}/apbdes`)).status).toBe(403);
    // Another village's operator cannot open Hanura's budget.
    const other = await t.login('batumenyan');
    expect((await other.get(`/desa/${V}/apbdes`)).status).toBe(403);
    // The treasurer cannot verify, the operator cannot adopt.
    const id = await start(treasurer, 2033);
    await line(treasurer, id, { account_code: '4.2.1', description: 'Dana Desa', volume: '1', unit: 'tahun', unit_price: '100' });
    await line(treasurer, id, { account_code: '5.2.1', activity_code: '1.1.04', fund: 'DDS', description: 'ATK', volume: '1', unit: 'paket', unit_price: '100' });
    expect((await treasurer.form(`/desa/${V}/apbdes/${id}/verifikasi`, {})).status).toBe(403);
    expect((await secretary.form(`/desa/${V}/apbdes/${id}/verifikasi`, {})).status).toBe(303);
    expect((await operator.form(`/desa/${V}/apbdes/${id}/tetapkan`, { regulation_number: '1', regulation_date: '2026-01-01' })).status).toBe(403);
    // A second draft of the same year is refused while one is open.
    const again = await treasurer.form(`/desa/${V}/apbdes`, { year: '2033' });
    expect(again.status).toBe(409);
  });

  it('refuses BLT Dana Desa over the year\'s cap, naming the figures; the national administrator sets the cap', async () => {
    const id = await start(treasurer, 2034);
    for (const f of <Record<string, string>[]>[
      { account_code: '4.2.1', description: 'Dana Desa 2034', volume: '1', unit: 'tahun', unit_price: '800.000.000' },
      { account_code: '5.4.1', activity_code: '5.3.00', fund: 'DDS', description: 'BLT Dana Desa', volume: '600', unit: 'KPM-bulan', unit_price: '300.000' },
      { account_code: '5.3.5', activity_code: '2.3.10', fund: 'DDS', description: 'Jalan', volume: '1', unit: 'paket', unit_price: '620.000.000' },
    ]) expect((await line(treasurer, id, f)).status).toBe(303);
    // 180 M of 800 M is 22.5 %: over 2025's 15 %, which 2034 inherits.
    expect(text(await page(treasurer, id))).toContain('BLT Dana Desa Rp180.000.000 = 22,5% dari Dana Desa Rp800.000.000. Batas: 15% (Rp120.000.000)');
    const refused = await secretary.form(`/desa/${V}/apbdes/${id}/verifikasi`, {});
    expect(refused.status).toBe(400);
    expect(text(await refused.text())).toContain('BLT Dana Desa Rp180.000.000 adalah 22,5% dari Dana Desa Rp800.000.000, melebihi batas tahun 2034: 15% (Rp120.000.000). Kurangi BLT sebesar Rp60.000.000');

    // Only the national administrator sets a cap; a bad percentage names the field.
    expect((await (await t.login('provinsi')).form('/pengaturan/apbdes', { year: '2034', blt_percent: '25', source: 'PMK 1/2034' })).status).toBe(403);
    await t.db.kysely.insertInto('users').values({ username: 'nasional', password_hash: await hashPassword('kata sandi nasional yang panjang'), full_name: 'Admin Nasional', role: 'national_admin', region_code: '', position_title: null, nip: null, email: null, phone: null, created_by: null }).execute();
    const national = await t.login('nasional', 'kata sandi nasional yang panjang');
    expect(text(await (await national.form('/pengaturan/apbdes', { year: '2034', blt_percent: '125', source: 'PMK 1/2034' })).text())).toContain('Kolom Batas BLT (% dari Dana Desa) harus persen 0–100');
    expect((await national.form('/pengaturan/apbdes', { year: '2034', blt_percent: '25', source: 'PMK 1/2034' })).status).toBe(303);
    expect(text(await (await national.get('/pengaturan/apbdes')).text())).toContain('2034 25 % PMK 1/2034');
    expect((await secretary.form(`/desa/${V}/apbdes/${id}/verifikasi`, {})).status).toBe(303);
  });
});
