import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../../test/support/pdf-text.js';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';
import type { Actor } from '../../platform/access/access.js';
import type { Role } from '../../platform/access/roles.js';
import type { UseCaseContext } from '../../platform/context.js';
import { todayInWib } from '../../platform/format/format.js';
import { setDemoPin } from '../citizen/index.js';
import { DEMO_PASSWORD } from '../demo/seed-demo.js';
import { createAccount } from '../identity/index.js';
import { maskNik } from '../population/index.js';
import { groupedCardCode } from './card-pdf.js';
import { farmerCardSheet } from './card.service.js';
import { seasonOf } from './catalog.js';
import { registerFarmer } from './farmers.service.js';
import { createGroup } from './groups.service.js';
import { redeem, registerKiosk } from './kiosks.service.js';
import { advanceRdkk, draftRdkk } from './rdkk.service.js';

const V = '18.09.10.2004';
const PIN = '135790';
let t: TestApp;
let operator: Client;
let otherVillage: Client;
let groupId = 0;
/** The Poktan's members: 12, so its cards fill one sheet and part of a second. */
let members: { id: number; resident_id: number; nik: string; name: string; card: string }[] = [];
let citizen: Client;
let stranger: Client;
let ownReceipt = { id: 0, receipt_no: '' };
let othersReceipt = 0;

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const pdfOf = async (res: Response) => Buffer.from(await res.arrayBuffer());
const pages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\n/g)?.length ?? 0;
const squeeze = (s: string) => s.replace(/\s+/g, '');

/** A service context for a demo account (made here when the demo does not have it yet). */
async function as(username: string, role: Exclude<Role, 'citizen'>, region: string): Promise<UseCaseContext> {
  const db = t.db.kysely;
  let user = await db.selectFrom('users').select(['id', 'full_name']).where('username', '=', username).executeTakeFirst();
  if (!user) {
    const root = await as('provinsi', 'province_admin', '18');
    await createAccount(root, { username, full_name: 'Petugas Dinas Pertanian', role, region_code: region, position_title: 'Dinas Pertanian', password: DEMO_PASSWORD });
    user = await db.selectFrom('users').select(['id', 'full_name']).where('username', '=', username).executeTakeFirstOrThrow();
  }
  const actor: Actor = { kind: 'user', id: Number(user.id), username, fullName: user.full_name, role, regionCode: region, language: 'id' };
  return { db: t.db, actor, ip: 'test', lang: 'id' };
}

beforeAll(async () => {
  t = await createTestApp({ population: true });
  [operator, otherVillage] = await Promise.all([t.login('hanura'), t.login('batumenyan')]);
  const office = await as('hanura', 'village_operator', V);
  const district = await as('telukpandan', 'district_officer', '18.09.10');
  const regency = await as('distan.pesawaran', 'agriculture_officer', '18.09');
  const today = todayInWib();
  const season = String(seasonOf(today));
  const year = today.slice(0, 4);

  const adults = await t.db.kysely.selectFrom('residents').select(['id', 'nik', 'name']).where('village_code', '=', V).where('life_status', '=', 1)
    .where('nik_temporary', '=', false).where('birth_date', '<', `${Number(year) - 21}-01-01`).orderBy('id').limit(14).execute();
  groupId = (await createGroup(office, V, { kind: 'poktan', name: 'Poktan Sido Makmur' })).id;
  for (const r of adults.slice(0, 12)) {
    const f = await registerFarmer(office, V, { nik: r.nik, area_ha: '1', group_id: String(groupId), commodity: 'padi', season, year });
    const card = await t.db.kysely.selectFrom('farmers').select('card_code').where('village_code', '=', V).where('id', '=', f.id).executeTakeFirstOrThrow();
    members.push({ id: f.id, resident_id: Number(r.id), nik: r.nik, name: r.name, card: card.card_code });
  }
  const plan = await draftRdkk(office, V, groupId, { year });
  await advanceRdkk(office, V, plan.id, 'submit');
  await advanceRdkk(district, V, plan.id, 'verify');
  await advanceRdkk(regency, V, plan.id, 'approve');

  await registerKiosk(regency, { name: 'Kios Tani Sejahtera', owner_name: 'Hendra Gunawan', address: 'Jl. Raya Hanura No. 3', district: '18.09.10', villages: V, username: 'kios.kartu', password: DEMO_PASSWORD });
  const kiosk = await as('kios.kartu', 'fertiliser_kiosk', '18.09.10');
  // One padi hectare gives 200 kg of urea: the citizen takes 50, another member 20.
  ownReceipt = await redeem(kiosk, members[0]!.card, { urea: '50' }, today);
  othersReceipt = (await redeem(kiosk, members[1]!.card, { urea: '20' }, today)).id;

  // Two citizens with a PIN: the first member, and a resident who farms nothing.
  await setDemoPin(t.db, V, members[0]!.resident_id, PIN);
  await setDemoPin(t.db, V, Number(adults[13]!.id), PIN);
  citizen = await t.loginCitizen(members[0]!.nik, PIN);
  stranger = await t.loginCitizen(adults[13]!.nik, PIN);
}, 120_000);
afterAll(() => t?.close());

describe('printed farmer cards', () => {
  it("put a Poktan's members ten to an A4 sheet, with names and masked NIKs, never a whole NIK", async () => {
    const res = await operator.get(`/desa/${V}/petani/poktan/${groupId}/kartu.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('cache-control')).toContain('no-store');
    const pdf = await pdfOf(res);
    expect(pages(pdf)).toBe(2);
    const words = pdfText(pdf);
    expect(words).toContain('KARTUPETANIBERJAYA');
    expect(words).toContain('ProvinsiLampung');
    expect(words).toContain('PoktanSidoMakmur');
    for (const m of members) {
      expect(words).toContain(squeeze(m.name));
      expect(words).toContain(maskNik(m.nik));
      expect(words).toContain(groupedCardCode(m.card));
      expect(words).not.toContain(m.nik);
    }
    // The print is a read of every member's data: logged, naming them.
    const logged = await t.db.kysely.selectFrom('audit_log').select('detail').where('village_code', '=', V).where('action', '=', 'farmers.card_print')
      .where('subject', '=', `farmer_group:${groupId}`).executeTakeFirstOrThrow();
    expect((logged.detail as { residents: number[] }).residents.sort()).toEqual(members.map((m) => m.resident_id).sort());
  });

  it("print one farmer's card on one page", async () => {
    const m = members[2]!;
    const res = await operator.get(`/desa/${V}/petani/${m.id}/kartu.pdf`);
    expect(res.status).toBe(200);
    const pdf = await pdfOf(res);
    expect(pages(pdf)).toBe(1);
    const words = pdfText(pdf);
    expect(words).toContain(squeeze(m.name));
    expect(words).toContain(maskNik(m.nik));
    expect(words).not.toContain(m.nik);
    expect(words).not.toContain(squeeze(members[3]!.name));
    expect(await t.db.kysely.selectFrom('audit_log').select('id').where('village_code', '=', V).where('action', '=', 'farmers.card_print')
      .where('subject', '=', `resident:${m.resident_id}`).executeTakeFirst()).toBeTruthy();
  });

  it("carry in the QR only the kiosk's link with the card's code", async () => {
    const m = members[2]!;
    const { input } = await farmerCardSheet(await as('hanura', 'village_operator', V), V, m.id, 'https://balai.example.id');
    expect(input.cards[0]!.qrUrl).toBe(`https://balai.example.id/kios/kartu/${m.card}`);
    expect(input.cards[0]!.nik).toBe(maskNik(m.nik));
  });

  it("are refused to an officer of another village, and a Poktan that does not exist is not found", async () => {
    expect((await otherVillage.get(`/desa/${V}/petani/${members[0]!.id}/kartu.pdf`)).status).toBe(403);
    expect((await otherVillage.get(`/desa/${V}/petani/poktan/${groupId}/kartu.pdf`)).status).toBe(403);
    expect((await operator.get(`/desa/${V}/petani/poktan/999999/kartu.pdf`)).status).toBe(404);
    expect((await operator.get(`/desa/${V}/petani/999999/kartu.pdf`)).status).toBe(404);
  });
});

describe("the farmer's self-service", () => {
  it('shows a farmer their card, what is left after a redemption, and their receipts', async () => {
    const me = members[0]!;
    const home = await citizen.get('/warga');
    expect(await home.text()).toContain('href="/warga/kartu-tani"');
    const res = await citizen.get('/warga/kartu-tani');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<svg');
    const page = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(page).toContain(me.name);
    expect(page).toContain(groupedCardCode(me.card));
    expect(page).toContain('Hanura');
    expect(page).toContain('Poktan Sido Makmur');
    // 200 kg of urea for the hectare of rice; 50 taken: 150 left.
    expect(page).toMatch(/Urea 200 50 150/);
    expect(page).toContain('Urea 50 kg');
    expect(page).not.toContain(me.nik);
    expect(html).toContain(`href="/warga/kartu-tani/struk/${ownReceipt.id}"`);
    expect(html).not.toContain(`/warga/kartu-tani/struk/${othersReceipt}"`);

    const receipt = await citizen.get(`/warga/kartu-tani/struk/${ownReceipt.id}`);
    expect(receipt.status).toBe(200);
    const slip = await text(receipt);
    expect(slip).toContain(ownReceipt.receipt_no);
    expect(slip).toContain('Kios Tani Sejahtera');
    expect(slip).toMatch(/Urea 50 150/);
    // Another farmer's receipt is not found, as is a made-up one.
    expect((await citizen.get(`/warga/kartu-tani/struk/${othersReceipt}`)).status).toBe(404);
    expect((await citizen.get('/warga/kartu-tani/struk/999999')).status).toBe(404);
  });

  it("gives the farmer their own card as PDF", async () => {
    const res = await citizen.get('/warga/kartu-tani.pdf');
    expect(res.status).toBe(200);
    const pdf = await pdfOf(res);
    expect(pages(pdf)).toBe(1);
    const words = pdfText(pdf);
    expect(words).toContain(squeeze(members[0]!.name));
    expect(words).not.toContain(members[0]!.nik);
  });

  it('tells a citizen who is not a farmer how to register, and shows them no card', async () => {
    expect(await (await stranger.get('/warga')).text()).not.toContain('/warga/kartu-tani');
    const res = await stranger.get('/warga/kartu-tani');
    expect(res.status).toBe(200);
    const page = await text(res);
    expect(page).toContain('Anda belum terdaftar sebagai petani');
    expect(page).toContain('kantor desa');
    expect(page).toContain('Poktan');
    expect((await stranger.get('/warga/kartu-tani.pdf')).status).toBe(404);
    expect((await stranger.get(`/warga/kartu-tani/struk/${ownReceipt.id}`)).status).toBe(404);
  });

  it('sends a visitor to the citizen login and refuses an officer', async () => {
    const anon = await t.anonymous.get('/warga/kartu-tani');
    expect(anon.status).toBe(302);
    expect(anon.headers.get('location')).toBe('/warga/masuk');
    expect((await operator.get('/warga/kartu-tani')).status).toBe(403);
  });
});
