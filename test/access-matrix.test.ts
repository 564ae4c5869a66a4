import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CITIZEN, HANURA } from '../src/modules/demo/seed-demo.js';
import { decideAccess, declaredRoutes, describeRule, type AccessActor, type DeclaredRoute, type RouteAccess } from '../src/platform/access/route-access.js';
import { enqueueNotification } from '../src/platform/notify/index.js';
import { Client, createTestApp, type TestApp } from './support/test-app.js';
import { SAMPLE_PARAMS } from './support/route-params.js';

/**
 * The access matrix: every route of the app, found from the router itself, tried as six
 * actors, each outcome checked against the route's declared rule (`access(rule)` next to
 * the route). What is allowed must work — a GET answers below 400, a write gets past the
 * door (a 400 for the empty body is fine) — and what is refused must be refused the way the
 * rule says: 401 (or the login page) for nobody, 403 (or the declared redirect) for the rest.
 * Writes are tried with an empty body, on rows whose state makes them harmless.
 */

const OTHER_DISTRICT = '18.71.01'; // Kota Bandar Lampung: outside Pesawaran altogether
const BATU_MENYAN = '18.09.10.2001';
const OTHER_PASSWORD = 'teluk betung di bandar lampung';

interface Probe {
  name: string;
  actor: AccessActor | null;
  login?: () => Promise<Client>;
}

let t: TestApp;
let clients: Map<string, Client>;
const ids = { resident: 0, family: 0, issuedLetter: 0, closedLetter: 0, correction: 0, official: 0, notification: 0, budget: 0, budgetLine: 0, entry: 0, movement: 0, household: 0, householdFamily: 0, programme: 0, recipient: 0, complaint: 0, post: 0, sitePhoto: 0, institution: 0, training: 0, plan: 0, planItem: 0, meeting: 0, proposal: 0, project: 0, photo: 0, verify: '', farmer: 0, poktan: 0, rdkk: 0, offer: 0, receipt: 0, parcel: 0, card: '', seller: 0, product: 0, order: 0, orderCode: '', agentTx: 0, listing: 0, account: 0, incoming: 0, route: 0, regulation: 0, survey: 0, question: 0, assetItem: 0, landParcel: 0, holding: 0, token: 0, temporaryResident: 0, election: 0, station: 0, candidate: 0 };

const probes: Probe[] = [
  { name: 'anonymous', actor: null },
  { name: 'citizen of Hanura', actor: { kind: 'citizen', role: 'citizen', regionCode: HANURA }, login: () => t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin) },
  { name: 'operator of Hanura', actor: { kind: 'user', role: 'village_operator', regionCode: HANURA }, login: () => t.login('hanura') },
  { name: 'operator of Batu Menyan', actor: { kind: 'user', role: 'village_operator', regionCode: BATU_MENYAN }, login: () => t.login('batumenyan') },
  { name: 'district officer elsewhere', actor: { kind: 'user', role: 'district_officer', regionCode: OTHER_DISTRICT }, login: () => t.login('camat.lain', OTHER_PASSWORD) },
  { name: 'province admin', actor: { kind: 'user', role: 'province_admin', regionCode: '18' }, login: () => t.login('provinsi') },
  { name: 'fertiliser kiosk', actor: { kind: 'user', role: 'fertiliser_kiosk', regionCode: '18.09.10' }, login: () => t.login('kios.hanura') },
  { name: 'election committee of Hanura', actor: { kind: 'user', role: 'election_committee', regionCode: HANURA }, login: () => t.login('panitia.hanura') },
];

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  t = await createTestApp({ citizen: true });
  const db = t.db.kysely;
  const [op, sekdes, province] = await Promise.all([t.login('hanura'), t.login('sekdes.hanura'), t.login('provinsi')]);

  expect(await db.selectFrom('regions').select('code').where('code', '=', OTHER_DISTRICT).executeTakeFirst()).toBeTruthy();
  const officer = await province.post('/api/v1/accounts', { username: 'camat.lain', full_name: 'Petugas Kecamatan Lain', role: 'district_officer', region_code: OTHER_DISTRICT, password: OTHER_PASSWORD });
  expect(officer.status).toBe(201);
  // The accounts' own routes act on this one: an empty form (no reason) changes nothing.
  ids.account = (await officer.json()).data.id;

  // The demo citizen's family; a member who is not the demo citizen takes the writes (a PIN reset would log Budi out).
  const budi = await db.selectFrom('residents').select(['id', 'family_id']).where('village_code', '=', HANURA).where('nik', '=', DEMO_CITIZEN.nik).executeTakeFirstOrThrow();
  const member = await db.selectFrom('residents').select('id').where('village_code', '=', HANURA).where('family_id', '=', budi.family_id).where('id', '<>', budi.id).executeTakeFirstOrThrow();
  ids.resident = member.id;
  ids.family = budi.family_id!;

  const citizen = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
  // An issued letter, ready to collect: for the reads, the PDFs and the public verification.
  const sent = await citizen.form('/warga/surat/baru?jenis=sktm', { 'isian.keperluan': 'Beasiswa' });
  expect(sent.status).toBe(303);
  ids.issuedLetter = Number(sent.headers.get('location')!.split('?')[0]!.split('/').pop());
  const api = `/api/v1/villages/${HANURA}/letters/${ids.issuedLetter}`;
  expect((await op.post(`${api}/check`, {})).status).toBe(200);
  // Online, with downloads on: ready for the citizen as soon as it is signed.
  expect((await (await sekdes.post(`${api}/sign`, {})).json()).data.status).toBe('ready');
  ids.verify = (await db.selectFrom('letters').select('verify_code').where('village_code', '=', HANURA).where('id', '=', ids.issuedLetter).executeTakeFirstOrThrow()).verify_code!;
  // A rejected request: every step tried on it ends in 409 (wrong state), so the writes change nothing.
  const requested = await op.post(`/api/v1/villages/${HANURA}/letters`, { type: 'sktm', resident_id: member.id, fields: { keperluan: 'Beasiswa' } });
  expect(requested.status).toBe(201);
  ids.closedLetter = (await requested.json()).data.id;
  expect((await op.post(`/api/v1/villages/${HANURA}/letters/${ids.closedLetter}/reject`, { reason: 'Contoh' })).status).toBe(200);

  const correction = await citizen.form('/warga/perbaikan', { about_resident_id: String(member.id), field: 'pekerjaan', proposed: 'Petani' });
  expect(correction.status).toBe(303);
  ids.correction = (await db.selectFrom('correction_requests').select('id').where('village_code', '=', HANURA).executeTakeFirstOrThrow()).id;
  ids.official = (await db.selectFrom('village_officials').select('id').where('village_code', '=', HANURA).orderBy('id').executeTakeFirstOrThrow()).id;

  // A message that was sent: sending it again is refused (409), so the retry changes nothing.
  ids.notification = await enqueueNotification(db, { villageCode: HANURA, channel: 'log', recipient: 'matrix', body: 'matrix' });
  await db.updateTable('notification_outbox').set({ status: 'sent' }).where('village_code', '=', HANURA).where('id', '=', ids.notification).execute();

  // A logo and a photo, so that the public logo and the photo answer 200.
  const logo = await op.request(`/api/v1/villages/${HANURA}/logo`, { method: 'PUT', body: PNG_1X1, headers: { 'content-type': 'application/json' } });
  expect(logo.status).toBe(204);
  const photo = new FormData();
  photo.set('_csrf', op.csrf);
  photo.set('photo', new File([PNG_1X1], 'foto.png', { type: 'image/png' }));
  // 200 with the page, or 303 back to it (a form post redirects).
  expect([200, 303]).toContain((await op.request(`/desa/${HANURA}/penduduk/${member.id}/foto`, { method: 'POST', body: photo })).status);

  // The demo's adopted budget: every step tried on it is refused by its state (409) or its empty form (400).
  ids.budget = (await db.selectFrom('budgets').select('id').where('village_code', '=', HANURA).where('status', '=', 'adopted').executeTakeFirstOrThrow()).id;
  // The demo's adopted RPJMDes: likewise refused by its state or its empty form.
  ids.plan = (await db.selectFrom('plans').select('id').where('village_code', '=', HANURA).where('kind', '=', 'rpjmdes').executeTakeFirstOrThrow()).id;
  ids.planItem = (await db.selectFrom('plan_items').select('id').where('village_code', '=', HANURA).where('plan_id', '=', ids.plan).executeTakeFirstOrThrow()).id;
  // The demo's open Musdes and one of its proposals.
  ids.meeting = (await db.selectFrom('meetings').select('id').where('village_code', '=', HANURA).executeTakeFirstOrThrow()).id;
  ids.proposal = (await db.selectFrom('plan_proposals').select('id').where('village_code', '=', HANURA).executeTakeFirstOrThrow()).id;
  ids.budgetLine = (await db.selectFrom('budget_lines').select('id').where('village_code', '=', HANURA).where('budget_id', '=', ids.budget).executeTakeFirstOrThrow()).id;

  // A posted entry with its proof (a one-pixel PNG), so that the proof answers 200.
  const treasurer = await t.login('bendahara.hanura');
  const entry = new FormData();
  entry.set('_csrf', treasurer.csrf);
  for (const [k, v] of Object.entries({ entry_date: `${new Date(Date.now() + 7 * 3600_000).getUTCFullYear()}-01-01`, account_code: '4.2.1', description: 'Dana Desa tahap I', amount: '1000000' })) entry.set(k, v);
  entry.set('proof', new File([PNG_1X1], 'bukti.png', { type: 'image/png' }));
  expect((await treasurer.request(`/desa/${HANURA}/realisasi`, { method: 'POST', body: entry })).status).toBe(303);
  ids.entry = (await db.selectFrom('budget_entries').select('id').where('village_code', '=', HANURA).orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
  // A household of the demo (made from the first family card), with a card to take out.
  const household = await db.selectFrom('households').select(['id', 'main_family_id']).where('village_code', '=', HANURA).orderBy('id').executeTakeFirst();
  if (household) [ids.household, ids.householdFamily] = [household.id, household.main_family_id];
  // The demo's BLT programme for next year, with its candidate list.
  const recipient = await db.selectFrom('assistance_recipients').select(['id', 'programme_id']).where('village_code', '=', HANURA).orderBy('id').executeTakeFirst();
  if (recipient) [ids.programme, ids.recipient] = [recipient.programme_id, recipient.id];
  // The demo citizen's answered complaint.
  ids.complaint = (await db.selectFrom('complaints').select('id').where('village_code', '=', HANURA).orderBy('id').executeTakeFirstOrThrow()).id;
  // The demo's institutions, training and website post; a gallery photo so that it answers 200.
  ids.institution = (await db.selectFrom('institutions').select('id').where('village_code', '=', HANURA).orderBy('id').executeTakeFirstOrThrow()).id;
  ids.training = (await db.selectFrom('trainings').select('id').where('village_code', '=', HANURA).orderBy('id').executeTakeFirstOrThrow()).id;
  ids.post = (await db.selectFrom('site_posts').select('id').where('village_code', '=', HANURA).orderBy('id').executeTakeFirstOrThrow()).id;
  const operator = await t.login('hanura');
  const gallery = new FormData();
  gallery.set('_csrf', operator.csrf);
  gallery.set('photo', new File([PNG_1X1], 'galeri.png', { type: 'image/png' }));
  expect((await operator.request(`/desa/${HANURA}/situs/foto`, { method: 'POST', body: gallery })).status).toBe(303);
  ids.sitePhoto = (await db.selectFrom('site_photos').select('id').where('village_code', '=', HANURA).executeTakeFirstOrThrow()).id;
  // Cash drawn from it, to verify and correct.
  const withdrawal = { entry_date: `${new Date(Date.now() + 7 * 3600_000).getUTCFullYear()}-01-01`, kind: 'withdrawal', amount: '1000', description: 'Ambil tunai' };
  expect((await treasurer.form(`/desa/${HANURA}/realisasi/mutasi`, withdrawal)).status).toBe(303);
  ids.movement = (await db.selectFrom('treasury_entries').select('id').where('village_code', '=', HANURA).executeTakeFirstOrThrow()).id;

  // The demo's project with a reported photo, so that the public photo answers 200.
  ids.project = (await db.selectFrom('projects').select('id').where('village_code', '=', HANURA).executeTakeFirstOrThrow()).id;
  const secretary = await t.login('sekdes.hanura');
  const report = new FormData();
  report.set('_csrf', secretary.csrf);
  for (const [k, v] of Object.entries({ reported_on: new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10), progress: '10', note: 'Foto lokasi' })) report.set(k, v);
  report.set('photos', new File([PNG_1X1], 'lokasi.png', { type: 'image/png' }));
  expect((await secretary.request(`/desa/${HANURA}/proyek/${ids.project}/laporan`, { method: 'POST', body: report })).status).toBe(303);
  ids.photo = (await db.selectFrom('project_photos').select('id').where('village_code', '=', HANURA).executeTakeFirstOrThrow()).id;
  // The demo's farmer (the demo citizen), his group and its approved RDKK, his redemption at the demo kiosk, the group's harvest offer.
  const farmer = await db.selectFrom('farmers').select(['id', 'card_code']).where('village_code', '=', HANURA).orderBy('id').executeTakeFirstOrThrow();
  [ids.farmer, ids.card] = [farmer.id, farmer.card_code];
  ids.poktan = (await db.selectFrom('farmer_groups').select('id').where('village_code', '=', HANURA).where('kind', '=', 'poktan').orderBy('id').executeTakeFirstOrThrow()).id;
  ids.rdkk = (await db.selectFrom('rdkk_plans').select('id').where('village_code', '=', HANURA).where('status', '=', 'approved').executeTakeFirstOrThrow()).id;
  ids.receipt = (await db.selectFrom('farm_redemptions').select('id').where('village_code', '=', HANURA).executeTakeFirstOrThrow()).id;
  ids.offer = (await db.selectFrom('harvest_offers').select('id').where('village_code', '=', HANURA).executeTakeFirstOrThrow()).id;
  // The demo's market: the BUMDes, its first product and the order waiting for it.
  const bumdes = await db.selectFrom('market_sellers').select('id').where('village_code', '=', HANURA).where('kind', '=', 'bumdes').executeTakeFirstOrThrow();
  ids.seller = bumdes.id;
  ids.product = (await db.selectFrom('market_products').select('id').where('village_code', '=', HANURA).where('seller_id', '=', bumdes.id).orderBy('id').executeTakeFirstOrThrow()).id;
  const order = await db.selectFrom('market_orders').select(['id', 'code']).where('village_code', '=', HANURA).where('seller_id', '=', bumdes.id).executeTakeFirstOrThrow();
  [ids.order, ids.orderCode] = [order.id, order.code];
  // The demo BUMDes's paid vehicle tax: paying it again or checking it changes nothing; a reversal needs its reason.
  ids.agentTx = (await db.selectFrom('agent_transactions').select('id').where('village_code', '=', HANURA).where('status', '=', 'paid').orderBy('id').executeTakeFirstOrThrow()).id;
  // The demo's tourism: its beach (no photo).
  ids.listing = (await db.selectFrom('tourism_listings').select('id').where('village_code', '=', HANURA).where('kind', '=', 'destination').executeTakeFirstOrThrow()).id;
  // The demo's incoming letter routed by the head to the secretary (no scan).
  const route = await db.selectFrom('incoming_letter_routes').select(['id', 'letter_id']).where('village_code', '=', HANURA).orderBy('id').executeTakeFirstOrThrow();
  [ids.incoming, ids.route] = [route.letter_id, route.id];
  // The demo's Peraturan Desa (with its PDF).
  ids.regulation = (await db.selectFrom('village_regulations').select('id').where('village_code', '=', HANURA).where('kind', '=', 'perdes').orderBy('id').executeTakeFirstOrThrow()).id;
  // The demo's housing questionnaire (open: its questions are not removed or moved) and its first question.
  ids.survey = (await db.selectFrom('survey_questionnaires').select('id').where('village_code', '=', HANURA).orderBy('id').executeTakeFirstOrThrow()).id;
  ids.question = (await db.selectFrom('survey_questions').select('id').where('village_code', '=', HANURA).where('questionnaire_id', '=', ids.survey).orderBy('position').executeTakeFirstOrThrow()).id;
  ids.parcel = (await db.selectFrom('farm_parcels').select('id').where('village_code', '=', HANURA).where('farmer_id', '=', ids.farmer).executeTakeFirstOrThrow()).id;
  // The demo's goods and land: its first item (the office building, held), parcel and holding.
  ids.assetItem = (await db.selectFrom('asset_items').select('id').where('village_code', '=', HANURA).where('disposed_on', 'is', null).orderBy('id').executeTakeFirstOrThrow()).id;
  ids.landParcel = (await db.selectFrom('village_land_parcels').select('id').where('village_code', '=', HANURA).orderBy('id').executeTakeFirstOrThrow()).id;
  ids.holding = (await db.selectFrom('land_holdings').select('id').where('village_code', '=', HANURA).orderBy('id').executeTakeFirstOrThrow()).id;
  // The demo's newcomer still staying (his departure needs a date: an empty form changes nothing).
  // The demo's next village head election (its DPS made, one objection waiting), its first TPS and candidate.
  ids.election = (await db.selectFrom('elections').select('id').where('village_code', '=', HANURA).orderBy('id').executeTakeFirstOrThrow()).id;
  ids.station = (await db.selectFrom('election_stations').select('id').where('village_code', '=', HANURA).where('election_id', '=', ids.election).orderBy('number').executeTakeFirstOrThrow()).id;
  ids.candidate = (await db.selectFrom('election_candidates').select('id').where('village_code', '=', HANURA).where('election_id', '=', ids.election).orderBy('number').executeTakeFirstOrThrow()).id;
  ids.temporaryResident = (await db.selectFrom('temporary_residents').select('id').where('village_code', '=', HANURA).where('departed_on', 'is', null).orderBy('id').executeTakeFirstOrThrow()).id;

  // An API token of the province (region 18): the province revokes it once (then 409); everyone else allowed finds none in their region (404).
  const made = await province.form('/akun/token', { token_name: 'Matriks', region_code: '18', permissions: 'monitoring.read', expires_on: new Date(Date.now() + 7 * 3600_000 + 30 * 86_400_000).toISOString().slice(0, 10) });
  expect(made.status).toBe(201);
  ids.token = (await db.selectFrom('api_tokens').select('id').where('name', '=', 'Matriks').executeTakeFirstOrThrow()).id;

  clients = new Map();
  for (const p of probes) if (p.login) clients.set(p.name, await p.login());
});
afterAll(() => t?.close());

/** The value each path parameter takes: Hanura, and the rows made above. */
function fillPath(route: DeclaredRoute): { url: string; params: Record<string, string> } {
  const write = route.method !== 'GET';
  const params: Record<string, string> = {};
  const url = route.path.replace(/:(\w+)(\{[^}]*\})?/g, (_, name: string, __: string, offset: number) => (params[name] = value(name, route.path.slice(0, offset))));
  return { url, params };

  function value(name: string, before: string): string {
    switch (name) {
      case 'code':
        return HANURA;
      case 'id':
        if (/\/(surat-masuk|disposisi\/surat)\/$/.test(before)) return String(ids.incoming);
        if (/\/aset\/$/.test(before)) return String(ids.assetItem);
        if (/\/tanah\/kas-desa\/$/.test(before)) return String(ids.landParcel);
        if (/\/tanah\/di-desa\/$/.test(before)) return String(ids.holding);
        if (/\/peraturan\/$/.test(before)) return String(ids.regulation);
        if (/\/dukcapil\/(laporan|impor)\/$/.test(before)) return '1';
        if (/\/survei\/$/.test(before)) return String(ids.survey);
        if (/\/disposisi\/$/.test(before)) return String(ids.route);
        if (/\/penduduk-sementara\/$/.test(before)) return String(ids.temporaryResident);
        if (/\/pilkades\/$/.test(before)) return String(ids.election);
        if (/\/elections\/$/.test(before)) return String(ids.election);
        if (/\/(residents|penduduk)\/$/.test(before)) return String(ids.resident);
        if (/\/(families|keluarga)\/$/.test(before)) return String(ids.family);
        if (/\/(letters|surat|cetak)\/$/.test(before)) return String(write ? ids.closedLetter : ids.issuedLetter);
        if (/\/perbaikan-data\/$/.test(before)) return String(ids.correction);
        if (/\/notifikasi\/$/.test(before)) return String(ids.notification);
        if (/\/perangkat\/$/.test(before)) return String(ids.official);
        if (/\/(apbdes|budgets)\/$/.test(before)) return String(ids.budget);
        if (/\/plans\/$/.test(before)) return String(ids.plan);
        if (/\/meetings\/$/.test(before)) return String(ids.meeting);
        if (/\/projects\/$/.test(before)) return String(ids.project);
        if (/\/perencanaan\/$/.test(before)) return String(ids.plan);
        if (/\/musyawarah\/usulan\/$/.test(before)) return String(ids.proposal);
        if (/\/musyawarah\/$/.test(before)) return String(ids.meeting);
        if (/\/proyek\/foto\/$/.test(before)) return String(ids.photo);
        if (/\/proyek\/$/.test(before)) return String(ids.project);
        if (/\/realisasi\/$/.test(before)) return String(ids.entry);
        if (/\/realisasi\/mutasi\/$/.test(before)) return String(ids.movement);
        if (/\/realisasi\/siskeudes\/$/.test(before)) return '1';
        if (/\/rumah-tangga\/$/.test(before)) return String(ids.household);
        if (/\/bansos\/dtsen\/$/.test(before)) return '1';
        if (/\/bansos\/$/.test(before)) return String(ids.programme);
        if (/\/assistance\/programmes\/$/.test(before)) return String(ids.programme);
        if (/\/pengaduan\/$/.test(before)) return String(ids.complaint);
        if (/\/(berita|situs\/tulisan)\/$/.test(before)) return String(ids.post);
        if (/\/foto\/$/.test(before)) return String(ids.sitePhoto);
        if (/\/kelembagaan\/$/.test(before)) return String(ids.institution);
        if (/\/pelatihan\/$/.test(before)) return String(ids.training);
        if (/\/sinkron\/(bentrok|kunci)\/$/.test(before)) return '1';
        if (/\/petani\/poktan\/$/.test(before)) return String(ids.poktan);
        if (/\/petani\/rdkk\/$/.test(before)) return String(ids.rdkk);
        if (/\/panen\/$/.test(before)) return String(ids.offer);
        if (/\/(kios\/struk\/[^/]+|kartu-tani\/struk)\/$/.test(before)) return String(ids.receipt);
        if (/\/(petani|farmers)\/$/.test(before)) return String(ids.farmer);
        if (/^\/pasar\/[^/]+\/(produk|penjual)\/$/.test(before)) return String(/produk\/$/.test(before) ? ids.product : ids.seller);
        if (/^\/pasar\/foto\/[^/]+\/$/.test(before)) return '1';
        if (/\/pasar\/penjual\/$/.test(before)) return String(ids.seller);
        if (/\/pasar\/layanan\/$/.test(before)) return String(ids.agentTx);
        if (/\/(wisata|potensi)\/$/.test(before)) return String(ids.listing);
        if (/^\/wisata\/foto\/[^/]+\/$/.test(before)) return '1';
        if (before === '/akun/token/') return String(ids.token);
        if (before === '/akun/') return String(ids.account);
        throw new Error(`access matrix: no row for :id in ${route.method} ${route.path} — add one to fillPath`);
      case 'family':
        return String(ids.householdFamily);
      case 'qid':
        return String(ids.question);
      case 'subject':
        return String(ids.household);
      case 'line':
        return String(ids.budgetLine);
      case 'item':
        return String(ids.planItem);
      case 'member':
        // Not the demo farmer's membership: ending it would leave his group without a card to print.
        if (/\/petani\/poktan\//.test(before)) return '999999';
        return '1';
      case 'attendee':
      case 'record':
      case 'payout':
      case 'meeting':
        return '1';
      case 'recipient':
        return String(ids.recipient);
      case 'parcel':
        return String(ids.parcel);
      case 'sid':
        // A TPS of the election (its berita acara is `<id>.pdf`), else a market seller.
        if (/\/pilkades\/.*\/berita-acara\/$/.test(before)) return `${ids.station}.pdf`;
        if (/\/pilkades\//.test(before)) return String(ids.station);
        return String(ids.seller);
      case 'cid':
        return String(ids.candidate);
      case 'pid':
        return String(ids.product);
      case 'oid':
        return String(ids.order);
      case 'order':
        return ids.orderCode;
      case 'size':
        return 'kecil';
      case 'card':
        return ids.card;
      case 'village':
        return HANURA;
      case 'verify':
      case 'verify_code':
        return ids.verify;
      default:
        if (SAMPLE_PARAMS[name]) return SAMPLE_PARAMS[name];
        throw new Error(`access matrix: no value for :${name} in ${route.method} ${route.path} — add one to fillPath or SAMPLE_PARAMS`);
    }
  }
}

/** Query strings some routes need to answer at all. */
const QUERY: Record<string, string> = {
  '/publik/desa/:code/pengaduan/lacak': '?tracking=ABCDEFGHJK',
  '/api/v1/villages/:code/reports/monthly': '?year=2025&month=1',
  '/warga/surat/baru': '?jenis=sktm',
  '/kios/kartu': '?nomor_kartu=ZZZZZZZZZZ',
};

/**
 * Outcomes for allowed actors that are not a success, each with its reason. Import jobs
 * live in memory between the preview of an upload and its confirmation: a made-up job id
 * is unknown to everyone allowed (404), and still refused to everyone else.
 */
const ALLOWED_STATUS: Record<string, number> = {
  'GET /desa/:code/penduduk/impor/:job': 404,
  'POST /desa/:code/penduduk/impor/:job/jalankan': 404,
  // The demo's Musdes is still open: its berita acara waits for the meeting to close.
  'GET /desa/:code/musyawarah/:id{[0-9]+}/berita-acara.pdf': 409,
  // The demo's election is at its DPS: nothing is counted yet, so no berita acara.
  'GET /desa/:code/pilkades/:id{[0-9]+}/berita-acara.pdf': 409,
  'GET /desa/:code/pilkades/:id{[0-9]+}/berita-acara/:sid{[0-9]+\\.pdf}': 409,
  // The demo's BLT list is not adopted yet: no musdesus, no payout photo.
  'GET /desa/:code/bansos/musdesus/:meeting{[0-9]+}': 404,
  'GET /desa/:code/bansos/:id{[0-9]+}/penyaluran/:payout{[0-9]+}/foto': 404,
  // The demo's complaints have no photo; a made-up tracking code finds none.
  'GET /desa/:code/pengaduan/:id{[0-9]+}/foto': 404,
  'GET /warga/pengaduan/:id{[0-9]+}/foto': 404,
  'GET /publik/desa/:code/pengaduan/lacak': 404,
  // The demo's products have no photo; its order is a buyer's (a phone), none of the probes;
  // the demo citizen has no shop of his own.
  'GET /pasar/foto/:code/:id{[0-9]+}/:size{kecil|besar}': 404,
  'GET /wisata/foto/:code/:id{[0-9]+}/:size{kecil|besar}': 404,
  'GET /pasar/pesanan/:code/:order{[A-Z2-9]+}': 404,
  // The test gateway's page for an order's key: none in the probes' hands.
  'GET /pasar/bayar-uji': 404,
  'GET /warga/toko/pesanan/:oid{[0-9]+}': 404,
  'GET /warga/toko/pesanan/:oid{[0-9]+}/bukti': 404,
  // The demo's order is paid in cash: no transfer receipt to see.
  'GET /desa/:code/pasar/toko/:sid{[0-9]+}/pesanan/:oid{[0-9]+}/bukti': 404,
  // The demo's incoming letters have no scan; its routing is to the secretary, not the operator probed.
  'GET /desa/:code/surat-masuk/:id{[0-9]+}/pindaian': 404,
  'GET /desa/:code/disposisi/surat/:id{[0-9]+}': 404,
  'GET /desa/:code/disposisi/surat/:id{[0-9]+}/pindaian': 404,
  // The demo has no report to the civil registry and no comparison with its list: id 1 is unknown to everyone allowed.
  'GET /desa/:code/dukcapil/laporan/:id{[0-9]+}/berkas': 404,
  'GET /desa/:code/dukcapil/impor/:id{[0-9]+}': 404,
};

function send(client: Client, route: DeclaredRoute, url: string) {
  if (route.method === 'GET') return client.get(url);
  if (url.startsWith('/api/')) return client.json(route.method, url, {});
  const body = new URLSearchParams(client.csrf ? { _csrf: client.csrf } : {});
  return client.request(url, { method: route.method, body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

const fill = (path: string, params: Record<string, string>) => path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? '');

/** Why the outcome does not match the rule, or null when it does. */
function judge(route: DeclaredRoute, rule: RouteAccess, params: Record<string, string>, probe: Probe, res: Response): string | null {
  const status = res.status;
  const location = res.headers.get('location');
  const key = `${route.method} ${route.path}`;
  const decision = decideAccess(rule.rule, probe.actor, params);
  const { login, redirect, hides } = rule.options;
  const sentAway = (target?: string) => !!target && status >= 300 && status < 400 && location?.split('?')[0] === fill(target, params).split('?')[0];
  if (decision.allowed) {
    if (status >= 500) return `allowed, but the server failed (${status})`;
    if (sentAway(login) || sentAway(redirect)) return `allowed, but sent to ${location}`;
    if (ALLOWED_STATUS[key] !== undefined) return status === ALLOWED_STATUS[key] ? null : `allowed: expected ${ALLOWED_STATUS[key]}, got ${status}`;
    if (route.method === 'GET') return status < 400 ? null : `allowed, but got ${status}`;
    // A write with an empty body may fail validation (400) or the row's state (409), and a
    // public login form may say the password is wrong (401): past the door all the same.
    if (status === 403 || (status === 401 && rule.rule !== 'public')) return `allowed, but refused with ${status}`;
    return null;
  }
  if (decision.reason === 'unauthenticated') {
    if (login) return sentAway(login) ? null : `not logged in: expected a redirect to ${login}, got ${status} ${location ?? ''}`;
    if (redirect) return sentAway(redirect) ? null : `not logged in: expected a redirect to ${redirect}, got ${status} ${location ?? ''}`;
    return status === 401 ? null : `not logged in: expected 401, got ${status} ${location ?? ''}`;
  }
  if (redirect) return sentAway(redirect) ? null : `refused: expected a redirect to ${redirect}, got ${status} ${location ?? ''}`;
  const expected = hides ? 404 : 403;
  return status === expected ? null : `refused: expected ${expected}, got ${status} ${location ?? ''}`;
}

/** A session that ended (log out, the kiosk's "done") is replaced before the next probe. */
async function keepSession(probe: Probe, res: Response) {
  const cookie = res.headers.get('set-cookie') ?? '';
  if (probe.login && /balai_sid=;|balai_sid=[^;]*;[^,]*Max-Age=0/i.test(cookie)) clients.set(probe.name, await probe.login());
}

describe('access matrix', () => {
  it('every route declares its access rule', () => {
    const missing = declaredRoutes(t.app).filter((r) => !r.access).map((r) => `${r.method} ${r.path}`);
    expect(missing, `routes without access(rule) — declare one next to the route (docs/security.md):\n${missing.join('\n')}`).toEqual([]);
  });

  it('every route answers each actor as its rule says', async () => {
    const routes = declaredRoutes(t.app).filter((r) => r.access);
    expect(routes.length).toBeGreaterThan(100);
    const failures: string[] = [];
    for (const route of routes) {
      const { url: path, params } = fillPath(route);
      const url = path + (QUERY[route.path] ?? '');
      for (const probe of probes) {
        const client = probe.login ? clients.get(probe.name)! : t.anonymous;
        const res = await send(client, route, url);
        await res.arrayBuffer();
        const problem = judge(route, route.access!, params, probe, res);
        // MATRIX_DEBUG=1 prints every probe: route, actor, what the rule says, what came back.
        if (process.env.MATRIX_DEBUG) console.log(`${route.method} ${url} ${probe.name} ${decideAccess(route.access!.rule, probe.actor, params).allowed ? 'ALLOW' : 'REFUSE'} ${res.status} ${res.headers.get('location') ?? ''}`);
        if (problem) failures.push(`${route.method} ${url} [${describeRule(route.access!.rule)}] as ${probe.name}: ${problem}`);
        await keepSession(probe, res);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  }, 180_000);
});
