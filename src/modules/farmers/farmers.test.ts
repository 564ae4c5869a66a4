import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';
import type { Actor } from '../../platform/access/access.js';
import type { UseCaseContext } from '../../platform/context.js';
import { todayInWib } from '../../platform/format/format.js';
import { seasonOf } from './catalog.js';
import { redeem } from './kiosks.service.js';
import { rebuildFarmRollups } from './rollup.js';

const V = '18.09.10.2004';
const year = Number(todayInWib().slice(0, 4));
const season = seasonOf(todayInWib());
let t: TestApp;
let operator: Client;
let ppl: Client;
let district: Client;
let regency: Client;
let otherOperator: Client;

beforeAll(async () => {
  t = await createTestApp({ population: true });
  [operator, ppl, district, regency, otherOperator] = await Promise.all(['hanura', 'ppl.telukpandan', 'telukpandan', 'distan.pesawaran', 'batumenyan'].map((u) => t.login(u)));
});
afterAll(() => t.close());

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const db = () => t.db.kysely;
const idFrom = (res: Response) => Number(/\/(\d+)\?ok=1$/.exec(res.headers.get('location') ?? '')?.[1]);
const adults = (n: number, offset = 0) => db().selectFrom('residents').select(['id', 'nik', 'name']).where('village_code', '=', V).where('life_status', '=', 1)
  .where('birth_date', '<', '1995-01-01').orderBy('id').offset(offset).limit(n).execute();

describe('the farmer card', () => {
  let poktan = 0;
  let farmers: { id: number; nik: string; name: string }[] = [];
  let plan = 0;

  it('registers farmers from the population register by NIK, once, with a parcel, a group and a crop', async () => {
    poktan = idFrom(await operator.form(`/desa/${V}/petani/poktan`, { kind: 'poktan', name: 'Poktan Uji Sejahtera' }));
    expect(poktan).toBeGreaterThan(0);
    const people = await adults(4);
    const areas = ['0.75', '1.5', '2.5', '0.4'];
    const crops = ['padi', 'jagung', 'padi', 'lada'];
    for (const [i, p] of people.entries()) {
      const res = await operator.form(`/desa/${V}/petani`, { nik: p.nik, area_ha: areas[i]!.replace('.', ','), tenure: 'own', group_id: String(poktan), commodity: crops[i]!, season: String(season), year: String(year), bank_name: 'Bank Lampung', bank_account: '1234567890' });
      expect(res.status, await res.clone().text()).toBe(303);
      farmers.push({ id: idFrom(res), nik: p.nik, name: p.name });
    }
    const page = await text(await operator.get(`/desa/${V}/petani/${farmers[0]!.id}`));
    expect(page).toContain(farmers[0]!.name);
    expect(page).toContain('0,75');
    // The KUR account is masked on the page; the NIK is shown whole only to who may see it (the operator may).
    expect(page).toContain('******7890');
    expect(page).not.toContain('1234567890');
    // Twice in the village: refused, naming the person; a NIK that is no resident here: refused naming the field.
    const twice = await operator.form(`/desa/${V}/petani`, { nik: farmers[0]!.nik });
    expect(twice.status).toBe(409);
    expect(await text(twice)).toContain(`${farmers[0]!.name} sudah terdaftar sebagai petani di desa ini`);
    const stranger = await operator.form(`/desa/${V}/petani`, { nik: '1809100101900999' });
    expect(stranger.status).toBe(400);
    expect(await text(stranger)).toContain('Kolom NIK: tidak ada penduduk dengan NIK ini yang tinggal di desa ini');
    const badArea = await operator.form(`/desa/${V}/petani`, { nik: (await adults(1, 10))[0]!.nik, area_ha: 'satu hektar' });
    expect(badArea.status).toBe(400);
    expect(await text(badArea)).toContain('Kolom Luas lahan (ha) harus angka');
    expect(await db().selectFrom('farmers').select('id').where('village_code', '=', V).execute()).toHaveLength(4);
    expect(await db().selectFrom('monitoring_farmers').selectAll().where('village_code', '=', V).executeTakeFirstOrThrow()).toMatchObject({ farmers: 4, poktan: 1, hectares: '5.1500' });
    // Another village's operator cannot open them.
    expect((await otherOperator.get(`/desa/${V}/petani/${farmers[0]!.id}`)).status).toBe(403);
  });

  it('keeps one Poktan per farmer, with the history of who moved', async () => {
    const second = idFrom(await operator.form(`/desa/${V}/petani/poktan`, { kind: 'poktan', name: 'Poktan Uji Makmur' }));
    const moved = await operator.form(`/desa/${V}/petani/poktan/${second}/anggota`, { nik: farmers[3]!.nik });
    expect(moved.status).toBe(303);
    const rows = await db().selectFrom('farmer_group_members').select(['group_id', 'left_on']).where('village_code', '=', V).where('farmer_id', '=', farmers[3]!.id).orderBy('id').execute();
    expect(rows.map((r) => [Number(r.group_id), r.left_on === null])).toEqual([[poktan, false], [second, true]]);
    const page = await text(await operator.get(`/desa/${V}/petani/poktan/${poktan}`));
    expect(page).toContain('Riwayat (sudah keluar)');
    expect(page).toContain(farmers[3]!.name);
    // Back to the first group for the plan below.
    expect((await operator.form(`/desa/${V}/petani/poktan/${poktan}/anggota`, { nik: farmers[3]!.nik })).status).toBe(303);
  });

  it('drafts the RDKK with the dosage table and a reason for each refusal; the district verifies, the regency approves', async () => {
    const drafted = await ppl.form(`/desa/${V}/petani/poktan/${poktan}/rdkk`, { year: String(year) });
    expect(drafted.status).toBe(303);
    plan = idFrom(drafted);
    const lines = await db().selectFrom('rdkk_lines').select(['farmer_id', 'fertiliser', 'quantity', 'refusal']).where('village_code', '=', V).where('plan_id', '=', plan).execute();
    const of = (i: number) => lines.filter((l) => Number(l.farmer_id) === farmers[i]!.id);
    // 0,75 ha of rice: urea 200, NPK 300, organic 500 kg per ha.
    expect(Object.fromEntries(of(0).map((l) => [l.fertiliser, l.quantity]))).toEqual({ urea: '150.00', npk: '225.00', organik: '375.00' });
    expect(of(2).map((l) => l.refusal)).toEqual(['over_two_ha']);
    expect(of(3).map((l) => l.refusal)).toEqual(['not_eligible_commodity']);
    const page = await text(await ppl.get(`/desa/${V}/petani/rdkk/${plan}`));
    expect(page).toContain('luas garapan lebih dari 2 ha');
    expect(page).toContain('komoditas tidak termasuk penerima pupuk bersubsidi');
    // A line by hand for a farmer who is not a member: refused with its reason.
    const outsider = (await adults(1, 20))[0]!;
    await operator.form(`/desa/${V}/petani`, { nik: outsider.nik });
    expect((await ppl.form(`/desa/${V}/petani/rdkk/${plan}/baris`, { nik: outsider.nik, season: String(season), commodity: 'padi', area_ha: '0.5' })).status).toBe(303);
    expect(await text(await ppl.get(`/desa/${V}/petani/rdkk/${plan}`))).toContain('bukan anggota Poktan ini');

    // Steps in order, each by its own office.
    expect((await district.form(`/desa/${V}/petani/rdkk/${plan}/verifikasi`, {})).status).toBe(409);
    expect((await ppl.form(`/desa/${V}/petani/rdkk/${plan}/ajukan`, {})).status).toBe(303);
    expect((await ppl.form(`/desa/${V}/petani/rdkk/${plan}/verifikasi`, {})).status).toBe(403);
    expect((await regency.form(`/desa/${V}/petani/rdkk/${plan}/setujui`, {})).status).toBe(409);
    expect((await district.form(`/desa/${V}/petani/rdkk/${plan}/verifikasi`, {})).status).toBe(303);
    expect(await text(await regency.get('/pantau/18.09/rdkk'))).toContain('Poktan Uji Sejahtera');
    expect((await regency.form(`/desa/${V}/petani/rdkk/${plan}/setujui`, {})).status).toBe(303);
    const steps = await text(await operator.get(`/desa/${V}/petani/rdkk/${plan}`));
    expect(steps).toContain('Disetujui kabupaten (berlaku)');
    expect(steps).toContain('oleh Bambang Wijaya');
    expect(steps).toContain('oleh Petugas Kecamatan Teluk Pandan');
    const alloc = await db().selectFrom('farm_allocations').select(['fertiliser', 'allocated']).where('village_code', '=', V).where('farmer_id', '=', farmers[0]!.id).where('year', '=', year).where('season', '=', season).execute();
    expect(Object.fromEntries(alloc.map((a) => [a.fertiliser, a.allocated]))).toEqual({ urea: '150.00', npk: '225.00', organik: '375.00' });
    const rollup = await db().selectFrom('monitoring_fertiliser').select(['fertiliser', 'allocated']).where('village_code', '=', V).where('year', '=', year).execute();
    const total = await sql<{ fertiliser: string; s: string }>`select fertiliser, sum(allocated)::text as s from farm_allocations where village_code = ${V} and year = ${year} group by 1`.execute(db());
    expect(Object.fromEntries(rollup.map((r) => [r.fertiliser, r.allocated]))).toEqual(Object.fromEntries(total.rows.map((r) => [r.fertiliser, r.s])));
  });

  let kiosk: Client;
  it('lets a kiosk of the village redeem within the allocation, naming what is left when asked for more', async () => {
    const made = await regency.form('/pantau/18.09/kios', { name: 'Kios Uji Tani', owner_name: 'Pemilik Kios', address: 'Jl. Uji No. 1', district: '18.09.10', villages: V, username: 'kios.uji', password: 'kios uji yang panjang' });
    expect(made.status).toBe(303);
    kiosk = await t.login('kios.uji', 'kios uji yang panjang');
    const card = (await db().selectFrom('farmers').select('card_code').where('village_code', '=', V).where('id', '=', farmers[0]!.id).executeTakeFirstOrThrow()).card_code;
    const look = await text(await kiosk.get(`/kios/kartu/${card}`));
    expect(look).toContain(farmers[0]!.name);
    // The kiosk sees the NIK masked, never whole, and nothing else of the register.
    expect(look).not.toContain(farmers[0]!.nik);
    expect(look).toContain(`${farmers[0]!.nik.slice(0, 4)}********${farmers[0]!.nik.slice(12)}`);
    expect((await kiosk.get(`/desa/${V}/petani`)).status).toBe(403);
    const over = await kiosk.form(`/kios/kartu/${card}/tebus`, { urea: '100', npk: '250' });
    expect(over.status).toBe(409);
    expect(await text(over)).toContain('sisa alokasi NPK musim ini 225 kg; yang diminta 250 kg. Tidak ada yang dicatat.');
    expect((await db().selectFrom('farm_allocations').select('redeemed').where('village_code', '=', V).where('farmer_id', '=', farmers[0]!.id).where('fertiliser', '=', 'urea').executeTakeFirstOrThrow()).redeemed).toBe('0.00');
    const ok = await kiosk.form(`/kios/kartu/${card}/tebus`, { urea: '100', npk: '25,5' });
    expect(ok.status).toBe(303);
    const receipt = await text(await kiosk.get(ok.headers.get('location')!));
    expect(receipt).toContain(farmers[0]!.name);
    const report = await text(await kiosk.get('/kios/laporan'));
    expect(report).toContain(farmers[0]!.name);
    expect((await kiosk.get('/kios/laporan.xlsx')).status).toBe(200);
    // A card of a village the kiosk does not serve, or made up: unknown.
    expect((await kiosk.get('/kios/kartu/ZZZZZZZZZZ')).status).toBe(404);
    // The kiosk's own app does the same through the API: what is left, and a refusal naming it.
    const api = await (await kiosk.get(`/api/v1/kiosk/cards/${card}`)).json();
    expect(api.data).toMatchObject({ name: farmers[0]!.name, nik: `${farmers[0]!.nik.slice(0, 4)}********${farmers[0]!.nik.slice(12)}` });
    expect(api.data.remaining.find((r: { fertiliser: string }) => r.fertiliser === 'urea')).toMatchObject({ allocated: '150.00', redeemed: '100.00', remaining: '50.00' });
    const tooMuch = await kiosk.json('POST', `/api/v1/kiosk/cards/${card}/redemptions`, { urea: '50.5' });
    expect(tooMuch.status).toBe(409);
    expect((await tooMuch.json()).error).toMatchObject({ field: 'urea', message: expect.stringContaining('sisa alokasi Urea musim ini 50 kg; yang diminta 50,5 kg') });
    expect((await kiosk.json('POST', `/api/v1/kiosk/cards/${card}/redemptions`, { urea: '50' })).status).toBe(201);
    // Officers read the village's farmers with the NIK masked; another village's operator cannot.
    const listed = await (await operator.get(`/api/v1/villages/${V}/farmers`)).json();
    expect(listed.data.farmers.map((f: { nik: string }) => f.nik)).not.toContain(farmers[0]!.nik);
    expect((await otherOperator.get(`/api/v1/villages/${V}/farmers`)).status).toBe(403);
  });

  it('never lets concurrent redemptions pass the allocation', async () => {
    const user = await db().selectFrom('users').select('id').where('username', '=', 'kios.uji').executeTakeFirstOrThrow();
    const actor: Actor = { kind: 'user', id: Number(user.id), username: 'kios.uji', fullName: 'Kios Uji Tani', role: 'fertiliser_kiosk', regionCode: '18.09.10', language: 'id' };
    const ctx: UseCaseContext = { db: t.db, actor, ip: 'test', lang: 'id' };
    const card = (await db().selectFrom('farmers').select('card_code').where('village_code', '=', V).where('id', '=', farmers[1]!.id).executeTakeFirstOrThrow()).card_code;
    // 1,5 ha of maize: 375 kg of urea. 50 kiosks' worth of 10 kg at once: 37 fit, 13 are refused.
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => redeem(ctx, card, { urea: '10' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(37);
    const row = await db().selectFrom('farm_allocations').select(['allocated', 'redeemed']).where('village_code', '=', V).where('farmer_id', '=', farmers[1]!.id).where('fertiliser', '=', 'urea').where('year', '=', year).where('season', '=', season).executeTakeFirstOrThrow();
    expect(row).toEqual({ allocated: '375.00', redeemed: '370.00' });
    const items = await sql<{ s: string }>`select sum(i.quantity)::text as s from farm_redemption_items i join farm_redemptions d on d.village_code = i.village_code and d.id = i.redemption_id
      where i.village_code = ${V} and d.farmer_id = ${farmers[1]!.id} and i.fertiliser = 'urea'`.execute(db());
    expect(items.rows[0]!.s).toBe('370.00');
    // The rollup the dashboards read says the same as the receipts.
    const redeemed = await sql<{ s: string }>`select sum(i.quantity)::text as s from farm_redemption_items i where i.village_code = ${V} and i.fertiliser = 'urea'`.execute(db());
    const rollup = await db().selectFrom('monitoring_fertiliser').select('redeemed').where('village_code', '=', V).where('year', '=', year).where('fertiliser', '=', 'urea').executeTakeFirstOrThrow();
    expect(rollup.redeemed).toBe(redeemed.rows[0]!.s);
  });

  it('revises an approved RDKK as a new version, keeps the old one, and never allocates below what was redeemed', async () => {
    const revised = await ppl.form(`/desa/${V}/petani/poktan/${poktan}/rdkk`, { year: String(year) });
    expect(revised.status).toBe(303);
    const v2 = idFrom(revised);
    // Taking farmer 2's maize line out leaves less than the 370 kg already redeemed: refused at approval, naming them.
    expect((await ppl.form(`/desa/${V}/petani/rdkk/${v2}/hapus-baris`, { farmer_id: String(farmers[1]!.id), season: String(season), commodity: 'jagung' })).status).toBe(303);
    await ppl.form(`/desa/${V}/petani/rdkk/${v2}/ajukan`, {});
    await district.form(`/desa/${V}/petani/rdkk/${v2}/verifikasi`, {});
    const refused = await regency.form(`/desa/${V}/petani/rdkk/${v2}/setujui`, {});
    expect(refused.status).toBe(409);
    expect(await text(refused)).toContain(`Revisi ini memberi ${farmers[1]!.name} Urea 0 kg, padahal sudah ditebus 370 kg`);
    expect((await db().selectFrom('rdkk_plans').select('status').where('village_code', '=', V).where('id', '=', plan).executeTakeFirstOrThrow()).status).toBe('approved');
    // Sent back, the line restored by computing again, approved: v1 is kept, superseded.
    expect((await regency.form(`/desa/${V}/petani/rdkk/${v2}/kembalikan`, { reason: 'Baris jagung terhapus' })).status).toBe(303);
    expect((await ppl.form(`/desa/${V}/petani/rdkk/${v2}/hitung-ulang`, {})).status).toBe(303);
    await ppl.form(`/desa/${V}/petani/rdkk/${v2}/ajukan`, {});
    await district.form(`/desa/${V}/petani/rdkk/${v2}/verifikasi`, {});
    expect((await regency.form(`/desa/${V}/petani/rdkk/${v2}/setujui`, {})).status).toBe(303);
    const plans = await db().selectFrom('rdkk_plans').select(['version', 'status']).where('village_code', '=', V).where('group_id', '=', poktan).orderBy('version').execute();
    expect(plans).toEqual([{ version: 1, status: 'superseded' }, { version: 2, status: 'approved' }]);
    const row = await db().selectFrom('farm_allocations').select(['allocated', 'redeemed', 'plan_id']).where('village_code', '=', V).where('farmer_id', '=', farmers[1]!.id).where('fertiliser', '=', 'urea').where('season', '=', season).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ allocated: '375.00', redeemed: '370.00', plan_id: v2 });
    const rollup = await db().selectFrom('monitoring_fertiliser').select('allocated').where('village_code', '=', V).where('year', '=', year).where('fertiliser', '=', 'urea').executeTakeFirstOrThrow();
    const total = await sql<{ s: string }>`select sum(allocated)::text as s from farm_allocations where village_code = ${V} and year = ${year} and fertiliser = 'urea'`.execute(db());
    expect(rollup.allocated).toBe(total.rows[0]!.s);
  });

  it('keeps rollups that a rebuild from the rows reproduces exactly', async () => {
    const snapshot = async () => Promise.all(['monitoring_farmers', 'monitoring_farm_crops', 'monitoring_fertiliser', 'monitoring_kiosk_days'].map((table) =>
      sql<Record<string, unknown>>`select * from ${sql.table(table)} where village_code = ${V} order by 1, 2, 3, 4`.execute(db()).then((r) => r.rows.map(({ updated_at: _u, ...rest }) => rest))));
    const before = await snapshot();
    expect(before[2]!.length).toBeGreaterThan(0);
    expect(before[3]!.length).toBeGreaterThan(0);
    await db().transaction().execute((trx) => rebuildFarmRollups(trx, V));
    expect(await snapshot()).toEqual(before);
  });

  it('keeps farmers of a village away from another village\'s officers and kiosk', async () => {
    expect((await otherOperator.get(`/desa/${V}/petani/poktan/${poktan}`)).status).toBe(403);
    expect((await otherOperator.form(`/desa/${V}/petani/rdkk/${plan}/ajukan`, {})).status).toBe(403);
    // The treasurer keeps the money, not the farmers.
    const treasurer = await t.login('bendahara.hanura');
    expect((await treasurer.get(`/desa/${V}/petani`)).status).toBe(403);
  });
});
