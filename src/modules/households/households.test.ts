import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';

const V = '18.09.10.2004'; // Hanura, with the demo family and generated residents
let t: TestApp;
let operator: Client;
let head: Client;
let treasurer: Client;

beforeAll(async () => {
  t = await createTestApp({ population: true, citizen: true });
  [operator, head, treasurer] = await Promise.all(['hanura', 'kades.hanura', 'bendahara.hanura'].map((u) => t.login(u)));
});
afterAll(() => t.close());

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const db = () => t.db.kysely;
/** Active family cards of the village not yet in a household, with their living members. */
async function freeCards(n: number) {
  const rows = await db().selectFrom('families as f').select(['f.id', 'f.kk_number'])
    .where('f.village_code', '=', V).where('f.status', '=', 'active')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('household_families as hf').select('hf.id').whereRef('hf.village_code', '=', 'f.village_code').whereRef('hf.family_id', '=', 'f.id').where('hf.removed_at', 'is', null))))
    .where(({ exists, selectFrom }) => exists(selectFrom('residents as r').select('r.id').whereRef('r.village_code', '=', 'f.village_code').whereRef('r.family_id', '=', 'f.id').where('r.life_status', '=', 1).where('r.family_relation', '=', 1)))
    .orderBy('f.id', 'desc').limit(n).execute();
  return rows;
}
const rollup = () => db().selectFrom('monitoring_households').selectAll().where('village_code', '=', V).executeTakeFirstOrThrow();
const living = (familyId: number) => db().selectFrom('residents').select(['id', 'name', 'family_relation']).where('village_code', '=', V).where('family_id', '=', familyId).where('life_status', 'in', [1, 6]).orderBy('family_relation').execute();

describe('households', () => {
  it('makes a household from a family card, takes a second card under the same roof, and counts its members from the register', async () => {
    const before = (await rollup()).households;
    const [parents, child] = await freeCards(2);
    const created = await operator.form(`/desa/${V}/rumah-tangga`, { kk_number: parents!.kk_number, address: 'Jl. Pantai Hanura No. 9' });
    expect(created.status).toBe(303);
    const url = created.headers.get('location')!.split('?')[0]!;
    expect((await operator.form(`${url}/kk`, { kk_number: child!.kk_number })).status).toBe(303);
    const page = await text(await operator.get(url));
    const people = [...(await living(parents!.id)), ...(await living(child!.id))];
    expect(page).toContain(`Anggota ${people.length}`);
    for (const p of people) expect(page).toContain(p.name);
    // The head is the main card's head; the page masks every NIK.
    expect(page).toContain(`Kepala rumah tangga ${people.find((p) => p.family_relation === 1)!.name}`);
    const niks = await db().selectFrom('residents').select('nik').where('village_code', '=', V).where('id', 'in', people.map((p) => p.id)).execute();
    for (const { nik } of niks) {
      expect(page).not.toContain(nik);
      expect(page).toContain(`${nik.slice(0, 4)}********${nik.slice(12)}`);
    }
    expect((await rollup()).households).toBe(before + 1);
    // Reading the house's names is logged, as a family card's is.
    const reads = await db().selectFrom('audit_log').select(['actor_label', 'detail']).where('village_code', '=', V).where('action', '=', 'household.read').execute();
    expect(reads.at(-1)).toMatchObject({ actor_label: 'hanura', detail: { residents: expect.arrayContaining(people.map((p) => p.id)) } });

    // The same card cannot be in two households: refused naming the one it is in.
    const twice = await operator.form(`/desa/${V}/rumah-tangga`, { kk_number: child!.kk_number });
    expect(twice.status).toBe(409);
    const number = (await db().selectFrom('households').select('number').where('village_code', '=', V).where('main_family_id', '=', parents!.id).executeTakeFirstOrThrow()).number;
    expect(await text(twice)).toContain(`Kolom Nomor KK: KK ini sudah masuk rumah tangga No. ${number}`);
    // A number that is no card, named by its field; what was typed stays.
    const unknown = await operator.form(`/desa/${V}/rumah-tangga`, { kk_number: '1809100000000000' });
    expect(await text(unknown)).toContain('Kolom Nomor KK: tidak ada KK aktif dengan nomor itu di desa ini');
  });

  it('follows the register: a death leaves the household without a step of its own, a split card stays under the roof', async () => {
    const [card] = await freeCards(1);
    const created = await operator.form(`/desa/${V}/rumah-tangga`, { kk_number: card!.kk_number });
    const url = created.headers.get('location')!.split('?')[0]!;
    const members = await living(card!.id);
    expect(members.length).toBeGreaterThan(1);
    const dying = members.at(-1)!;
    const death = await operator.form(`/desa/${V}/penduduk/${dying.id}/peristiwa/kematian`, { date: '2026-01-05', place: 'Hanura', cause: 'Sakit', reporter_name: 'Keluarga', reporter_relation: 'Anak', confirm: '1' });
    expect(death.status, await death.clone().text()).toBe(303);
    const after = await text(await operator.get(url));
    expect(after).toContain(`Anggota ${members.length - 1}`);
    expect(after).not.toContain(dying.name);

    // A member leaves the card with a new KK of their own (pecah KK), still under the same roof.
    const leaving = (await living(card!.id)).find((m) => m.family_relation !== 1)!;
    const split = await operator.form(`/desa/${V}/keluarga/${card!.id}/pecah`, { member_ids: String(leaving.id), new_head_id: String(leaving.id), kk_number: '1809101512229901', reason: 'Menikah' });
    expect(split.status, await split.clone().text()).toBe(303);
    const split2 = await text(await operator.get(url));
    expect(split2).toContain('KK 1809101512229901');
    expect(split2).toContain(`Anggota ${members.length - 1}`);
  });

  it('records the housing survey by its codes and counts the village\'s poor housing in the rollup, in the same transaction', async () => {
    const [card] = await freeCards(1);
    const url = (await operator.form(`/desa/${V}/rumah-tangga`, { kk_number: card!.kk_number })).headers.get('location')!.split('?')[0]!;
    const before = await rollup();
    const form = new URLSearchParams({ _csrf: operator.csrf, floor: '1', wall: '1', roof: '2', water: '3', sanitation: '1', electricity: '1', house_ownership: '1', floor_area: '24,5' });
    form.append('assets', 'hp');
    form.append('assets', 'perahu');
    const saved = await operator.request(`${url}/rumah`, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(saved.status).toBe(303);
    const row = await db().selectFrom('households').selectAll().where('village_code', '=', V).where('main_family_id', '=', card!.id).executeTakeFirstOrThrow();
    expect([row.floor, row.water, row.floor_area, row.assets]).toEqual([1, 3, '24.50', ['hp', 'perahu']]);
    const after = await rollup();
    expect([after.dirt_floor - before.dirt_floor, after.no_electricity - before.no_electricity, after.no_sanitation - before.no_sanitation, after.unsafe_water - before.unsafe_water, after.surveyed - before.surveyed])
      .toEqual([1, 1, 1, 1, 1]);
    // A code that is not on the list is refused, naming the item; nothing changes.
    const bad = await operator.form(`${url}/rumah`, { floor: '9' });
    expect(bad.status).toBe(400);
    expect(await text(bad)).toContain('Lantai terluas');
    expect((await db().selectFrom('households').select('floor').where('village_code', '=', V).where('id', '=', row.id).executeTakeFirstOrThrow()).floor).toBe(1);
    // The district, regency and province see the counts, live, and no names.
    const province = await t.login('provinsi');
    const dashboard = await text(await province.get('/pantau/18.09.10/penduduk'));
    expect(dashboard).toContain(`Rumah tangga ${after.households} Rumah sudah didata ${after.surveyed} Lantai tanah ${after.dirt_floor}`);
    expect(dashboard).not.toContain(card!.kk_number);
    // The list filters to earth floors.
    expect(await text(await operator.get(`/desa/${V}/rumah-tangga?kondisi=floor`))).toContain(String(row.number));
    // The village's statistics page and its workbook count households beside residents and families (today, the whole village).
    const n = (x: number) => new Intl.NumberFormat('id-ID').format(x);
    const stats = await text(await operator.get(`/desa/${V}/statistik`));
    expect(stats).toContain(`Rumah tangga Rumah tangga ${n(after.households)} Sudah didata rumahnya ${n(after.surveyed)} Lantai tanah ${n(after.dirt_floor)}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await (await operator.get(`/desa/${V}/statistik.xlsx`)).arrayBuffer());
    const summary = wb.getWorksheet('Ringkasan')!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(summary).toContainEqual(['Rumah tangga', after.households]);
    // Another day's statistics cannot be answered from the household register: no households section.
    expect(await text(await operator.get(`/desa/${V}/statistik?tanggal=2020-01-01`))).not.toContain('Sudah didata rumahnya');
  });

  it('takes a card out with its reason, keeps it in the history, and dissolves a household whose last card left', async () => {
    const [card] = await freeCards(1);
    const url = (await operator.form(`/desa/${V}/rumah-tangga`, { kk_number: card!.kk_number })).headers.get('location')!.split('?')[0]!;
    const before = (await rollup()).households;
    expect((await operator.form(`${url}/kk/${card!.id}/keluar`, { reason: 'ok' })).status).toBe(400); // too short a reason
    expect((await operator.form(`${url}/kk/${card!.id}/keluar`, { reason: 'Pindah ke rumah sendiri di Dusun III' })).status).toBe(303);
    const page = await text(await operator.get(url));
    expect(page).toContain('Bubar (semua KK sudah keluar)');
    expect(page).toContain('Pindah ke rumah sendiri di Dusun III');
    expect((await rollup()).households).toBe(before - 1);
    // The card is free again for a new household.
    expect((await operator.form(`/desa/${V}/rumah-tangga`, { kk_number: card!.kk_number })).status).toBe(303);
  });

  it('lets the head read households but not change them, and keeps the treasurer out of personal data', async () => {
    expect((await head.get(`/desa/${V}/rumah-tangga`)).status).toBe(200);
    expect((await head.form(`/desa/${V}/rumah-tangga`, { kk_number: '1809100000000000' })).status).toBe(403);
    expect((await treasurer.get(`/desa/${V}/rumah-tangga`)).status).toBe(403);
  });
});
