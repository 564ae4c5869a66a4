import type { Actor } from '../../platform/access/access.js';
import { seedDemoBudget } from './demo-budget.js';
import { seedDemoPlans } from './demo-plans.js';
import { seedDemoHouseholds } from './demo-households.js';
import { seedDemoAssistance } from './demo-assistance.js';
import { seedDemoComplaints } from './demo-complaints.js';
import { seedDemoCommunity } from './demo-community.js';
import { seedDemoFarmers } from './demo-farmers.js';
import { seedDemoMarket } from './demo-market.js';
import { seedDemoTourism } from './demo-tourism.js';
import { seedDemoAttendance } from './demo-attendance.js';
import { seedDemoSurveys } from './demo-surveys.js';
import { seedDemoMail } from './demo-mail.js';
import { seedDemoAssets } from './demo-assets.js';
import { seedDemoRegulations } from './demo-regulations.js';
import { seedDemoTemporaryResidents } from './demo-temporary-residents.js';
import { seedDemoElection } from './demo-election.js';
import { todayInWib } from '../../platform/format/format.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import { createAccount, findUserByUsername, hashPassword } from '../identity/index.js';
import { setDemoPin } from '../citizen/index.js';
import { checkLetter, markReady, requestLetter, signLetter } from '../letters/index.js';
import { registerResident } from '../population/index.js';
import { populateVillage } from '../population/generator.js';
import { seedDemoIndexScores } from '../monitoring/index.js';
import { ensureRegionsLoaded } from '../regions/index.js';
import { activateVillage, addVillageArea, backdateActivation, saveOfficial, updateVillageProfile } from '../villages/index.js';

export const DEMO_PASSWORD = 'balai-demo';
export const HANURA = '18.09.10.2004';

/** Villages the demo activates: the launch village Hanura, its neighbours, and a few elsewhere in Lampung. */
const DEMO_VILLAGES: { code: string; kind: 'target' | 'initiative'; since: string }[] = [
  { code: HANURA, kind: 'target', since: '2021-03-25' },
  { code: '18.09.10.2001', kind: 'target', since: '2021-04-12' }, // Batu Menyan
  { code: '18.09.10.2002', kind: 'initiative', since: '2021-08-02' }, // Cilimus
  { code: '18.09.10.2008', kind: 'initiative', since: '2022-02-14' }, // Sukajaya Lempasing
  { code: '18.01.04.2001', kind: 'target', since: '2021-06-21' }, // Hajimena, Lampung Selatan
  { code: '18.10.02.2001', kind: 'initiative', since: '2022-09-05' }, // Parerejo, Pringsewu
  { code: '18.71.01.1003', kind: 'initiative', since: '2023-01-16' }, // Kelurahan Kedaton, Bandar Lampung
];

/** Demo accounts, all with the password `balai-demo`. */
export const DEMO_ACCOUNTS = [
  { username: 'provinsi', full_name: 'Admin Provinsi Lampung', role: 'province_admin', region_code: '18', position_title: 'Dinas PMD Provinsi Lampung' },
  { username: 'pesawaran', full_name: 'Petugas Kabupaten Pesawaran', role: 'regency_officer', region_code: '18.09', position_title: 'Dinas PMD Kabupaten Pesawaran' },
  { username: 'telukpandan', full_name: 'Petugas Kecamatan Teluk Pandan', role: 'district_officer', region_code: '18.09.10', position_title: 'Kasi Pemerintahan Kecamatan' },
  { username: 'hanura', full_name: 'Operator Desa Hanura', role: 'village_operator', region_code: HANURA, position_title: 'Operator Desa' },
  { username: 'sekdes.hanura', full_name: 'Siti Rahmawati', role: 'village_secretary', region_code: HANURA, position_title: 'Sekretaris Desa' },
  { username: 'kades.hanura', full_name: 'Ahmad Suhendra', role: 'village_head', region_code: HANURA, position_title: 'Kepala Desa' },
  { username: 'bendahara.hanura', full_name: 'Dewi Lestari', role: 'village_treasurer', region_code: HANURA, position_title: 'Kaur Keuangan' },
  { username: 'batumenyan', full_name: 'Operator Desa Batu Menyan', role: 'village_operator', region_code: '18.09.10.2001', position_title: 'Operator Desa' },
  // The farmer card: the district's extension officer (PPL) and the regency's agriculture office; the demo kiosk's account is made with the kiosk.
  { username: 'ppl.telukpandan', full_name: 'Sri Mulyani', role: 'extension_officer', region_code: '18.09.10', position_title: 'Penyuluh Pertanian Lapangan Kecamatan Teluk Pandan' },
  { username: 'distan.pesawaran', full_name: 'Bambang Wijaya', role: 'agriculture_officer', region_code: '18.09', position_title: 'Dinas Pertanian Kabupaten Pesawaran' },
  // The village head election: the committee's chair (appointed by the BPD) and two TPS officers (KPPS).
  { username: 'panitia.hanura', full_name: 'Hendra Gunawan', role: 'election_committee', region_code: HANURA, position_title: 'Ketua Panitia Pilkades' },
  { username: 'kpps1.hanura', full_name: 'Yuliana Sari', role: 'polling_officer', region_code: HANURA, position_title: 'Ketua KPPS TPS 1' },
  { username: 'kpps2.hanura', full_name: 'Agus Salim', role: 'polling_officer', region_code: HANURA, position_title: 'Ketua KPPS TPS 2' },
] as const;

/**
 * A family in Hanura whose head can log in to citizen self-service (/warga/masuk). Real
 * PINs are random and issued at the office; this one is fixed so the demo can be tried.
 * The NIK serials 99xx are ones the population generator never makes, so the family fits
 * beside the generated residents.
 */
export const DEMO_CITIZEN = { nik: '1809101708859901', pin: '246810', name: 'Budi Santoso' } as const;
const DEMO_FAMILY = {
  kk_number: '1809101501109901',
  address: 'Jl. Pantai Hanura No. 7',
  members: [
    { name: DEMO_CITIZEN.name, nik: DEMO_CITIZEN.nik, sex: 1, birth_date: '1985-08-17', family_relation: 1, marital_status: 2, occupation: 11, education_kk: 5 },
    { name: 'Sri Wahyuni', nik: '1809105203889902', sex: 2, birth_date: '1988-03-12', family_relation: 3, marital_status: 2, occupation: 2, education_kk: 5 },
    { name: 'Dimas Santoso', nik: '1809100506129903', sex: 1, birth_date: '2012-06-05', family_relation: 4, marital_status: 1, occupation: 3, education_kk: 3 },
  ],
};

/** Creates the demo once: Lampung is loaded with the rest of Indonesia; returns false if it was already there. */
export async function seedDemo(db: Db, options: { population?: boolean; citizen?: boolean } = {}): Promise<boolean> {
  await ensureRegionsLoaded(db.kysely);
  if (await findUserByUsername(db.kysely, 'provinsi')) return false;

  const root = await db.kysely.transaction().execute(async (trx) => {
    const user = await trx
      .insertInto('users')
      .values({ username: 'provinsi', password_hash: await hashPassword(DEMO_PASSWORD), full_name: DEMO_ACCOUNTS[0].full_name, role: 'province_admin', region_code: '18', position_title: DEMO_ACCOUNTS[0].position_title, nip: null, email: null, phone: null, created_by: null })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: null, ip: 'cli' }, { action: 'account.create', subject: `user:${user.id}`, regionCode: '18', detail: { username: 'provinsi', via: 'seed-demo' } }, 'seed-demo');
    return user;
  });
  const actor: Actor = { kind: 'user', id: root.id, username: 'provinsi', fullName: DEMO_ACCOUNTS[0].full_name, role: 'province_admin', regionCode: '18', language: 'id' };
  const ctx: UseCaseContext = { db, actor, ip: 'seed-demo', lang: 'id' };

  for (const v of DEMO_VILLAGES) {
    await activateVillage(ctx, v.code, v.kind);
    await backdateActivation(db.kysely, v.code, new Date(`${v.since}T09:00:00+07:00`));
  }
  // A year of (made-up) IDM scores for the demo's villages and a sample of Lampung, for the index dashboards.
  await seedDemoIndexScores(db, DEMO_VILLAGES.map((v) => v.code));
  const created = new Map<string, number>();
  for (const a of DEMO_ACCOUNTS.slice(1)) created.set(a.username, (await createAccount(ctx, { ...a, password: DEMO_PASSWORD })).id);

  // The village's own data is entered by the village, as it would be.
  const head: Actor = { kind: 'user', id: created.get('kades.hanura')!, username: 'kades.hanura', fullName: 'Ahmad Suhendra', role: 'village_head', regionCode: HANURA, language: 'id' };
  const village: UseCaseContext = { ...ctx, actor: head };
  await updateVillageProfile(village, HANURA, {
    head_name: 'Ahmad Suhendra',
    office_address: 'Jl. Raya Hanura No. 1, Kecamatan Teluk Pandan, Kabupaten Pesawaran',
    postal_code: '35450',
    phone: '0721-000000',
    email: 'desa.hanura@example.id',
  });
  // The officials who sign, each linked to their own account: letters name a person, not a desk.
  await saveOfficial(village, HANURA, { name: 'Ahmad Suhendra', position: 'kepala_desa', position_title: 'Kepala Desa', user_id: created.get('kades.hanura')! });
  await saveOfficial(village, HANURA, { name: 'Siti Rahmawati', position: 'sekretaris_desa', position_title: 'Sekretaris Desa', staff_number: '0012', user_id: created.get('sekdes.hanura')! });
  await saveOfficial(village, HANURA, { name: 'Rudi Hartono', position: 'kaur', position_title: 'Kaur Umum dan Perencanaan', staff_number: '0015', signs_ub: true });
  await saveOfficial(village, HANURA, { name: 'Dewi Lestari', position: 'kaur', position_title: 'Kaur Keuangan', staff_number: '0016', user_id: created.get('bendahara.hanura')! });
  const treasurer: Actor = { ...head, id: created.get('bendahara.hanura')!, username: 'bendahara.hanura', fullName: 'Dewi Lestari', role: 'village_treasurer' };
  const secretaryActor: Actor = { ...head, id: created.get('sekdes.hanura')!, username: 'sekdes.hanura', fullName: 'Siti Rahmawati', role: 'village_secretary' };
  await seedDemoPlans(ctx, HANURA, { secretary: secretaryActor, head });
  await seedDemoBudget(ctx, HANURA, { treasurer, secretary: secretaryActor, head });
  let firstRt: number | null = null;
  let dusunOne: number | null = null;
  for (const dusun of ['Dusun I', 'Dusun II', 'Dusun III', 'Dusun IV']) {
    const d = await addVillageArea(village, HANURA, { level: 'dusun', name: dusun });
    dusunOne ??= d.id;
    for (const rt of ['001', '002', '003']) {
      const a = await addVillageArea(village, HANURA, { level: 'rt', parent_id: d.id, name: rt });
      firstRt ??= a.id;
    }
  }
  // A populated village to look at: 2,500 made-up residents (seed 2021), aged as of the day the demo is made.
  if (options.population !== false)
    await populateVillage(db.kysely, HANURA, { residents: 2500, seed: 2021, asOf: new Date().toISOString().slice(0, 10), userId: created.get('hanura') ?? null, actorLabel: 'seed-demo', ip: 'seed-demo' });
  // After the generator, which fills only an empty village. Registered by the operator, as at the office.
  if (options.citizen !== false) {
    const operator: Actor = { kind: 'user', id: created.get('hanura')!, username: 'hanura', fullName: 'Operator Desa Hanura', role: 'village_operator', regionCode: HANURA, language: 'id' };
    const office: UseCaseContext = { ...ctx, actor: operator };
    let familyId: number | undefined;
    let citizenId = 0;
    for (const m of DEMO_FAMILY.members) {
      const r = await registerResident(office, HANURA, {
        ...m, religion: 1, birth_place: 'Pesawaran', address: DEMO_FAMILY.address, area_id: firstRt,
        ...(familyId ? { family_id: familyId } : { kk_number: DEMO_FAMILY.kk_number }),
      });
      familyId ??= r.family_id;
      if (m.nik === DEMO_CITIZEN.nik) {
        await setDemoPin(db, HANURA, r.id, DEMO_CITIZEN.pin);
        citizenId = r.id;
      }
    }
    // Something in the letter desk to look at: one letter issued a.n. the head and ready, one
    // request waiting to be checked.
    const secretary: UseCaseContext = { ...ctx, actor: { ...operator, id: created.get('sekdes.hanura')!, username: 'sekdes.hanura', fullName: 'Siti Rahmawati', role: 'village_secretary' } };
    const issued = await requestLetter(office, HANURA, { type: 'domisili', resident_id: citizenId, fields: { keperluan: 'Pendaftaran sekolah anak' } }, 'counter');
    await checkLetter(office, HANURA, issued.id);
    await signLetter(secretary, HANURA, issued.id);
    await markReady(office, HANURA, issued.id);
    await requestLetter(office, HANURA, { type: 'usaha', resident_id: citizenId, fields: { nama_usaha: 'Warung Pantai Hanura', jenis_usaha: 'Warung makan', alamat_usaha: 'Jl. Pantai Hanura No. 7', keperluan: 'Pengajuan Kredit Usaha Rakyat (KUR)' } }, 'counter');
    const citizen: Actor = { kind: 'citizen', id: 0, residentId: citizenId, username: DEMO_CITIZEN.nik, fullName: DEMO_CITIZEN.name, role: 'citizen', regionCode: HANURA, language: 'id' };
    await seedDemoComplaints(ctx, HANURA, citizen, head, todayInWib());
  }
  // Households: the demo family's first, then the first generated cards.
  const operatorCtx: UseCaseContext = { ...ctx, actor: { kind: 'user', id: created.get('hanura')!, username: 'hanura', fullName: 'Operator Desa Hanura', role: 'village_operator', regionCode: HANURA, language: 'id' } };
  const cards = await db.kysely.selectFrom('families').select('kk_number').where('village_code', '=', HANURA).where('status', '=', 'active')
    .where('kk_number', '<>', DEMO_FAMILY.kk_number).orderBy('id').limit(40).execute();
  const demoCard = options.citizen !== false ? [DEMO_FAMILY.kk_number] : [];
  await seedDemoHouseholds(operatorCtx, HANURA, [...demoCard, ...cards.map((f) => f.kk_number)], todayInWib());
  // Welfare ranks for the heads of the first households, and next year's BLT list to adopt.
  const heads = await db.kysely.selectFrom('households as h').innerJoin('residents as r', (j) => j.onRef('r.village_code', '=', 'h.village_code').onRef('r.family_id', '=', 'h.main_family_id'))
    .select('r.nik').where('h.village_code', '=', HANURA).where('r.family_relation', '=', 1).where('r.life_status', '=', 1).orderBy('h.number').limit(24).execute();
  await seedDemoAssistance(operatorCtx, HANURA, heads.map((h) => h.nik), todayInWib());
  if (options.citizen !== false) {
    const adults = await db.kysely.selectFrom('residents').select('nik').where('village_code', '=', HANURA).where('life_status', '=', 1)
      .where('birth_date', '<', `${Number(todayInWib().slice(0, 4)) - 20}-01-01`).orderBy('id', 'desc').limit(14).execute();
    await seedDemoCommunity(operatorCtx, HANURA, adults.map((r) => r.nik), todayInWib());
    const actorOf = (username: string, role: Actor['role'], regionCode: string): UseCaseContext => ({ ...ctx, actor: { kind: 'user', id: created.get(username)!, username, fullName: username, role, regionCode, language: 'id' } });
    const growers = await db.kysely.selectFrom('residents').select('nik').where('village_code', '=', HANURA).where('life_status', '=', 1).where('nik', '<>', DEMO_CITIZEN.nik)
      .where('birth_date', '<', `${Number(todayInWib().slice(0, 4)) - 25}-01-01`).where('birth_date', '>', `${Number(todayInWib().slice(0, 4)) - 65}-01-01`).orderBy('id').limit(11).execute();
    await seedDemoFarmers({
      office: operatorCtx, ppl: actorOf('ppl.telukpandan', 'extension_officer', '18.09.10'), district: actorOf('telukpandan', 'district_officer', '18.09.10'),
      regency: actorOf('distan.pesawaran', 'agriculture_officer', '18.09'),
    }, HANURA, [DEMO_CITIZEN.nik, ...growers.map((r) => r.nik)], todayInWib(), DEMO_PASSWORD);
    const owners = await db.kysely.selectFrom('residents').select(['id', 'name']).where('village_code', '=', HANURA).where('life_status', '=', 1).where('nik', '<>', DEMO_CITIZEN.nik)
      .where('birth_date', '<', `${Number(todayInWib().slice(0, 4)) - 25}-01-01`).orderBy('id', 'desc').limit(2).execute();
    await seedDemoMarket(operatorCtx, HANURA, owners.map((o) => ({ id: Number(o.id), name: o.name })), todayInWib());
    await seedDemoTourism(operatorCtx, HANURA, todayInWib());
    await seedDemoMail(operatorCtx, actorOf('kades.hanura', 'village_head', HANURA), HANURA, created.get('sekdes.hanura')!, todayInWib());
    await seedDemoRegulations(operatorCtx, HANURA, todayInWib());
  }
  await seedDemoAttendance(operatorCtx, HANURA, todayInWib(), {
    head: created.get('kades.hanura')!, secretary: created.get('sekdes.hanura')!, treasurer: created.get('bendahara.hanura')!, operator: created.get('hanura')!,
  });
  await seedDemoAssets(operatorCtx, HANURA, todayInWib(), options.citizen !== false ? DEMO_CITIZEN.nik : null);
  await seedDemoTemporaryResidents(operatorCtx, HANURA, todayInWib(), options.citizen !== false ? DEMO_CITIZEN.nik : null, firstRt);
  // An open housing questionnaire filled for the first households (the last one halfway).
  const surveyed = await db.kysely.selectFrom('households').select('id').where('village_code', '=', HANURA).where('status', '=', 'active').orderBy('number').limit(8).execute();
  await seedDemoSurveys(operatorCtx, HANURA, surveyed.map((h) => Number(h.id)), todayInWib());
  // The next village head election, kept by its committee: the DPS made, one objection waiting.
  const committee: UseCaseContext = { ...ctx, actor: { kind: 'user', id: created.get('panitia.hanura')!, username: 'panitia.hanura', fullName: 'Hendra Gunawan', role: 'election_committee', regionCode: HANURA, language: 'id' } };
  if (options.citizen !== false) await seedDemoElection(committee, HANURA, todayInWib(), dusunOne, DEMO_CITIZEN.nik);
  return true;
}
