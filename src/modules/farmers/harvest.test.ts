import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';
import type { UseCaseContext } from '../../platform/context.js';
import { todayInWib } from '../../platform/format/format.js';
import { DEMO_CITIZEN } from '../demo/seed-demo.js';
import { registerFarmer } from './farmers.service.js';
import { createGroup } from './groups.service.js';
import { isoWeek, publicName, weeklyPrices } from './harvest.service.js';


const V = '18.09.10.2004';
const DISTRICT = '18.09.10';
const REGENCY = '18.09';
const GROUP = 'Poktan Panen Raya';
let t: TestApp;
let operator: Client;
let ppl: Client;
let otherVillage: Client;
let citizen: Client;
let office: UseCaseContext;
let groupId = 0;
let groupOffer = 0;
let ownOffer = 0;

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const db = () => t.db.kysely;
const offerOf = (id: number) => db().selectFrom('harvest_offers').selectAll().where('village_code', '=', V).where('id', '=', id).executeTakeFirstOrThrow();
const lastOffer = async () => Number((await db().selectFrom('harvest_offers').select('id').where('village_code', '=', V).orderBy('id', 'desc').executeTakeFirstOrThrow()).id);
/** This week's figure of a commodity in the regency. */
const thisWeek = async (commodity: string) => {
  const prices = await weeklyPrices(office, REGENCY);
  const monday = prices.rows[0]?.week_start;
  return prices.rows.find((r) => r.week_start === monday && r.commodity === commodity);
};

beforeAll(async () => {
  t = await createTestApp({ population: true, citizen: true });
  [operator, ppl, otherVillage] = await Promise.all([t.login('hanura'), t.login('ppl.telukpandan'), t.login('batumenyan')]);
  const user = await db().selectFrom('users').select('id').where('username', '=', 'hanura').executeTakeFirstOrThrow();
  office = { db: t.db, actor: { kind: 'user', id: Number(user.id), username: 'hanura', fullName: 'Operator Desa Hanura', role: 'village_operator', regionCode: V, language: 'id' }, ip: 'test', lang: 'id' };
  // The demo citizen farms (the demo may have registered him already).
  const registered = await db().selectFrom('farmer_niks').select('nik').where('nik', '=', DEMO_CITIZEN.nik).executeTakeFirst();
  if (!registered) await registerFarmer(office, V, { nik: DEMO_CITIZEN.nik, area_ha: '0,75', commodity: 'kakao' });
  groupId = (await createGroup(office, V, { kind: 'poktan', name: GROUP })).id;
  citizen = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
});
afterAll(() => t?.close());

describe('harvest offers', () => {
  it('the office records an offer for a Poktan: its price in whole rupiah, its quantity exact', async () => {
    const res = await operator.form(`/desa/${V}/petani/panen`, {
      group_id: String(groupId), commodity: 'kakao', quantity_kg: '1000', price_per_kg: 'Rp 5.000', available_on: todayInWib(), contact_phone: '0721-123 456',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/desa/${V}/petani/panen?ok=1`);
    groupOffer = await lastOffer();
    expect(await offerOf(groupOffer)).toMatchObject({ group_id: groupId, farmer_id: null, commodity: 'kakao', price_per_kg: '5000', contact_phone: '0721123456', status: 'open', created_by_resident: null });
    const page = await text(await operator.get(`/desa/${V}/petani/panen?ok=1`));
    expect(page).toContain('Tersimpan.');
    expect(page).toContain(`Kakao Dicatat`);
    expect(page).toContain(`${GROUP} 1.000 kg Rp5.000/kg`);
  });

  it('a registered farmer offers his own harvest from self-service', async () => {
    // The home page of self-service leads a registered farmer here.
    expect(await (await citizen.get('/warga')).text()).toContain('href="/warga/panen"');
    const form = await text(await citizen.get('/warga/panen'));
    expect(form).toContain('Tawarkan hasil panen');
    const res = await citizen.form('/warga/panen', { commodity: 'kakao', quantity_kg: '3000', price_per_kg: '6000', available_on: todayInWib() });
    expect(res.status).toBe(303);
    ownOffer = await lastOffer();
    const budi = await db().selectFrom('residents').select('id').where('village_code', '=', V).where('nik', '=', DEMO_CITIZEN.nik).executeTakeFirstOrThrow();
    const farmer = await db().selectFrom('farmers').select('id').where('village_code', '=', V).where('resident_id', '=', budi.id).executeTakeFirstOrThrow();
    expect(await offerOf(ownOffer)).toMatchObject({ farmer_id: Number(farmer.id), group_id: null, created_by_resident: Number(budi.id), created_by_user: null, contact_phone: null });
    expect(await text(await citizen.get('/warga/panen'))).toContain('Kakao');
  });

  it('both show on the district\'s public page, the farmer by first name and initial, never by NIK; a proxy may keep it', async () => {
    const res = await t.anonymous.get(`/publik/panen/${DISTRICT}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const page = await text(res);
    expect(page).toContain(`Kakao 1.000 kg Rp5.000/kg`);
    expect(page).toContain(`${GROUP} 0721123456`);
    expect(page).toContain('Kakao 3.000 kg Rp6.000/kg');
    expect(page).toContain('Hanura Budi S. kantor desa');
    expect(page).not.toContain(DEMO_CITIZEN.name);
    expect(page).not.toContain(DEMO_CITIZEN.nik);
    // Filtered by another commodity, neither shows; a commodity that does not exist is named in the message.
    expect(await text(await t.anonymous.get(`/publik/panen/${DISTRICT}?komoditas=lada`))).not.toContain('Kakao 1.000 kg');
    const junk = await t.anonymous.get(`/publik/panen/${DISTRICT}?komoditas=emas`);
    expect(junk.status).toBe(400);
    expect(await text(junk)).toContain('Pilihan pada kolom Komoditas tidak dikenal.');
    // A village's code leads to its district; a logged-in officer's copy is kept by nobody.
    const village = await t.anonymous.get(`/publik/panen/${V}`);
    expect(village.status).toBe(302);
    expect(village.headers.get('location')).toBe(`/publik/panen/${DISTRICT}`);
    expect((await operator.get(`/publik/panen/${DISTRICT}`)).headers.get('cache-control')).toBe('private, no-store');
  });

  it('a sold offer leaves the public page but counts in the week\'s prices: the average weighted by kilograms, exactly', async () => {
    const sold = await operator.form(`/desa/${V}/petani/panen/${groupOffer}/tutup`, { status: 'sold' });
    expect(sold.status).toBe(303);
    expect(await offerOf(groupOffer)).toMatchObject({ status: 'sold', closed_at: expect.any(Date) });
    const page = await text(await t.anonymous.get(`/publik/panen/${DISTRICT}`));
    expect(page).not.toContain(GROUP);
    expect(page).toContain('Budi S.');
    // 1000 kg at Rp5.000 and 3000 kg at Rp6.000: (5.000.000 + 18.000.000) / 4000 = Rp5.750.
    expect(await thisWeek('kakao')).toMatchObject({ offers: 2, average: '5750', min_price: '5000', max_price: '6000' });
    const prices = await t.anonymous.get(`/publik/harga-panen/${REGENCY}`);
    expect(prices.status).toBe(200);
    expect(prices.headers.get('cache-control')).toBe('public, max-age=300');
    const table = await text(prices);
    const { week, year } = isoWeek((await thisWeek('kakao'))!.week_start);
    expect(table).toContain(`Kakao 2 4.000 kg Rp5.750 Rp5.000 Rp6.000`);
    expect(table).toContain(`${week}/${year}`);
    expect(table).toContain('Kecamatan Teluk Pandan');
    // Closed once: a second close is refused, the state kept.
    const again = await operator.form(`/desa/${V}/petani/panen/${groupOffer}/tutup`, { status: 'withdrawn' });
    expect(again.status).toBe(409);
    expect(await text(again)).toContain('Penawaran ini sudah ditutup');
    expect((await offerOf(groupOffer)).status).toBe('sold');
  });

  it('rounds the weighted average to whole rupiah in numeric, half away from zero', async () => {
    for (const [q, p] of [['0.5', '5000'], ['0.5', '5001']]) {
      expect((await operator.form(`/desa/${V}/petani/panen`, { group_id: String(groupId), commodity: 'lada', quantity_kg: q!, price_per_kg: p!, available_on: todayInWib() })).status).toBe(303);
    }
    expect(await thisWeek('lada')).toMatchObject({ offers: 2, quantity_kg: '1.00', average: '5001', min_price: '5000', max_price: '5001' });
  });

  it('the PPL of the district records offers for the village too', async () => {
    const res = await ppl.form(`/desa/${V}/petani/panen`, { nik: DEMO_CITIZEN.nik, commodity: 'kopi', quantity_kg: '250,5', price_per_kg: '28000', available_on: todayInWib() });
    expect(res.status).toBe(303);
    const offer = await offerOf(await lastOffer());
    expect(offer).toMatchObject({ commodity: 'kopi', quantity_kg: '250.50', group_id: null });
    // The farmer sees it among his own.
    expect(await text(await citizen.get('/warga/panen'))).toContain('Kopi');
  });

  it('bad input is refused naming the field in Bahasa Indonesia, with what was typed kept', async () => {
    const base = { group_id: String(groupId), commodity: 'kakao', quantity_kg: '100', price_per_kg: '5000', available_on: todayInWib() };
    const cases: [Record<string, string>, string][] = [
      [{ price_per_kg: 'lima ribu' }, 'Kolom Harga per kg harus angka rupiah, misalnya 1500000 atau 1.500.000.'],
      [{ price_per_kg: '0' }, 'Kolom Harga per kg minimal 1.'],
      [{ quantity_kg: '1,255' }, 'Kolom Jumlah (kg) harus angka, paling banyak 2 desimal'],
      [{ contact_phone: 'telepon kantor' }, 'Kolom Nomor HP yang dapat dihubungi: tulis nomor HP 8 sampai 15 angka'],
      [{ available_on: '2001-01-01' }, 'Kolom Tanggal siap dijual: tanggal siap dijual antara'],
      [{ nik: DEMO_CITIZEN.nik }, 'Kolom Poktan: pilih satu Poktan, atau kosongkan lalu isi NIK satu petani'],
      [{ group_id: '', nik: '1809100101900999' }, 'Kolom NIK: NIK ini bukan petani terdaftar'],
    ];
    const before = await lastOffer();
    for (const [change, message] of cases) {
      const res = await operator.form(`/desa/${V}/petani/panen`, { ...base, ...change });
      expect(res.status, message).toBe(400);
      const html = await res.text();
      expect(html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).toContain(message);
      if (change.price_per_kg) expect(html).toContain(`value="${change.price_per_kg}"`);
    }
    const own = await citizen.form('/warga/panen', { commodity: 'kakao', quantity_kg: '10', price_per_kg: 'lima ribu' });
    expect(own.status).toBe(400);
    expect(await text(own)).toContain('Kolom Harga per kg harus angka rupiah');
    expect(await lastOffer()).toBe(before);
  });

  it('a citizen closes only his own offers: someone else\'s is not found', async () => {
    expect((await operator.form(`/desa/${V}/petani/panen`, { group_id: String(groupId), commodity: 'padi', quantity_kg: '2000', price_per_kg: '6500', available_on: todayInWib() })).status).toBe(303);
    const others = await lastOffer();
    const refused = await citizen.form(`/warga/panen/${others}/tutup`, { status: 'sold' });
    expect(refused.status).toBe(404);
    expect((await offerOf(others)).status).toBe('open');
    const withdrawn = await citizen.form(`/warga/panen/${ownOffer}/tutup`, { status: 'withdrawn' });
    expect(withdrawn.status).toBe(303);
    expect((await offerOf(ownOffer)).status).toBe('withdrawn');
    expect(await text(await t.anonymous.get(`/publik/panen/${DISTRICT}?komoditas=kakao`))).not.toContain('Budi S.');
    // Withdrawn, it still counts in the week's prices; nothing is ever deleted.
    expect(await thisWeek('kakao')).toMatchObject({ offers: 2, average: '5750' });
    const audit = await db().selectFrom('audit_log').select('action').where('subject', '=', `harvest_offer:${ownOffer}`).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['farmers.harvest_offer', 'farmers.harvest_close']);
  });

  it('another village\'s operator is refused at the door', async () => {
    expect((await otherVillage.get(`/desa/${V}/petani/panen`)).status).toBe(403);
    expect((await otherVillage.form(`/desa/${V}/petani/panen`, { group_id: String(groupId), commodity: 'kakao', quantity_kg: '1', price_per_kg: '1' })).status).toBe(403);
    expect((await otherVillage.form(`/desa/${V}/petani/panen/${groupOffer}/tutup`, { status: 'withdrawn' })).status).toBe(403);
    // Not logged in: the citizen page sends to the citizen login.
    const anonymous = await t.anonymous.get('/warga/panen');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toContain('/warga/masuk');
  });

  it('names a farmer to buyers by first name and initial', () => {
    expect(publicName('Budi Santoso')).toBe('Budi S.');
    expect(publicName('  Siti Nur  rahmawati ')).toBe('Siti R.');
    expect(publicName('Suparman')).toBe('Suparman');
  });
});
