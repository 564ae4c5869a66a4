import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { addDays, formatDate, todayInWib } from '../../platform/format/format.js';
import { monthsBefore } from './voter-lists.service.js';

const V = '18.09.10.2004'; // Hanura
const BASE = `/desa/${V}/pilkades`;
let t: TestApp;
let committee: Client;
let head: Client;
let operator: Client;
let otherVillage: Client;
const today = todayInWib();
const day = (n: number) => addDays(today, n);

// The schedule: registration, DPS in 20 days, objections, DPT, campaign, voting in 60 days.
const schedule = {
  title: 'Pemilihan Kepala Desa Hanura 2027', committee_decree: '05/SK/BPD-HNR/2026',
  registration_from: day(1), registration_to: day(10), dps_date: day(20), objections_to: day(27), dpt_date: day(30),
  campaign_from: day(40), campaign_to: day(55), voting_day: day(60),
};
const votingDay = schedule.voting_day;
const dpsDay = schedule.dps_date;

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const db = () => t.db.kysely;
let electionId = 0;
const E = () => `${BASE}/${electionId}`;
const areas: Record<string, number> = {};
const people: Record<string, { id: number; nik: string }> = {};
const stations: Record<number, number> = {}; // number → id
let nikSerial = 0;

async function area(name: string, level: 'dusun' | 'rw' | 'rt', parent: string | null) {
  const { id } = await db().insertInto('village_areas_rows').values({ village_code: V, name, level, parent_id: parent ? areas[parent]! : null }).returning('id').executeTakeFirstOrThrow();
  areas[name] = Number(id);
}

/** A resident put straight into the register (with a move-in event when `movedIn`). */
async function person(key: string, p: { birth: string; marital?: number; life?: number; citizenship?: number; area?: string; familyArea?: string; movedIn?: string }) {
  nikSerial += 1;
  const nik = `18091001019${String(70000 + nikSerial).slice(-5)}`;
  let family: number | null = null;
  if (p.familyArea) {
    const f = await db().insertInto('families_rows').values({ village_code: V, kk_number: `180910010199${String(1000 + nikSerial)}`, area_id: areas[p.familyArea]!, address: 'Jl. Uji' })
      .returning('id').executeTakeFirstOrThrow();
    family = Number(f.id);
  }
  const { id } = await db().insertInto('residents_rows').values({
    village_code: V, nik, name: `Pemilih ${key}`, sex: nikSerial % 2 === 0 ? 2 : 1, religion: 1, birth_date: p.birth, marital_status: p.marital ?? 1,
    life_status: p.life ?? 1, citizenship: p.citizenship ?? 1, area_id: p.area ? areas[p.area]! : null, family_id: family, family_relation: family ? 1 : null,
  }).returning('id').executeTakeFirstOrThrow();
  if (p.movedIn) {
    await db().insertInto('population_events_rows').values({ village_code: V, resident_id: Number(id), family_id: family, kind: 'move_in', event_date: p.movedIn, population_change: 1, details: '{}' }).execute();
  }
  people[key] = { id: Number(id), nik };
}

const voters = async () => db().selectFrom('election_voters as v').innerJoin('election_stations as s', (j) => j.onRef('s.village_code', '=', 'v.village_code').onRef('s.id', '=', 'v.station_id'))
  .select(['v.resident_id', 'v.listed', 'v.source', 's.number']).where('v.village_code', '=', V).where('v.election_id', '=', electionId).execute();
const voterOf = async (key: string) => (await voters()).find((v) => Number(v.resident_id) === people[key]!.id);
const election = () => db().selectFrom('elections').selectAll().where('village_code', '=', V).where('id', '=', electionId).executeTakeFirstOrThrow();

function candidate(as: Client, fields: Record<string, string>, photo?: Buffer) {
  const form = new FormData();
  form.set('_csrf', as.csrf);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (photo) form.set('candidate_photo', new File([new Uint8Array(photo)], 'calon.png', { type: 'image/png' }));
  return as.request(`${E()}/calon`, { method: 'POST', body: form });
}
const form = (as: Client, path: string, fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams({ _csrf: as.csrf });
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return as.request(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
};

beforeAll(async () => {
  t = await createTestApp();
  [committee, head, operator, otherVillage] = await Promise.all(['panitia.hanura', 'kades.hanura', 'hanura', 'batumenyan'].map((u) => t.login(u)));
  // Hanura's areas for the test: Dusun Uji A (RW 01 → RT 01, RT 02) and Dusun Uji B (RT 03).
  await area('Uji A', 'dusun', null);
  await area('01', 'rw', 'Uji A');
  await area('U01', 'rt', '01');
  await area('U02', 'rt', '01');
  await area('Uji B', 'dusun', null);
  await area('U03', 'rt', 'Uji B');
  const adult = monthsBefore(votingDay, 30 * 12);
  await person('dewasa-rt1', { birth: adult, marital: 2, area: 'U01' });
  await person('keluarga-rt2', { birth: adult, familyArea: 'U02' }); // their own area empty: the family's RT 02 → RW 01 → Dusun Uji A
  await person('rt3', { birth: adult, area: 'U03' });
  await person('tanpa-wilayah', { birth: adult });
  await person('kawin-16', { birth: monthsBefore(votingDay, 16 * 12), marital: 2, area: 'U01' });
  await person('tepat-17', { birth: monthsBefore(votingDay, 17 * 12), area: 'U01' });
  await person('kurang-sehari', { birth: addDays(monthsBefore(votingDay, 17 * 12), 1), area: 'U01' });
  await person('pindah-5-bulan', { birth: adult, area: 'U01', movedIn: monthsBefore(dpsDay, 5) });
  await person('pindah-7-bulan', { birth: adult, area: 'U01', movedIn: monthsBefore(dpsDay, 7) });
  await person('meninggal', { birth: adult, life: 2, area: 'U01' });
  await person('pindah-keluar', { birth: adult, life: 3, area: 'U01' });
  await person('bepergian', { birth: adult, life: 6, area: 'U03' });
  await person('dicabut', { birth: adult, area: 'U01' });
  await person('wna', { birth: adult, citizenship: 2, area: 'U01' });
  // Recorded as disqualified by mistake, then withdrawn: in set-up (TPS 1's area), once the DPS is made (TPS 2's).
  await person('keliru-a', { birth: adult, area: 'U01' });
  await person('keliru-b', { birth: adult, area: 'U03' });
});
afterAll(() => t?.close());

describe('Pilkades set-up and voter lists', () => {
  it('refuses a bad election naming the field in Bahasa Indonesia, and saves nothing', async () => {
    const refusals: [Record<string, string>, string][] = [
      [{ ...schedule, title: '' }, 'Kolom Judul wajib diisi'],
      [{ ...schedule, committee_decree: '' }, 'Kolom Nomor SK BPD pembentukan panitia wajib diisi'],
      [{ ...schedule, registration_to: '2027-02-30' }, 'Kolom Pendaftaran calon sampai harus tanggal yang ada'],
      [{ ...schedule, dps_date: day(5) }, 'Kolom Tanggal penetapan DPS tidak boleh sebelum'],
      [{ ...schedule, voting_day: schedule.campaign_to }, 'Kolom Hari pemungutan suara harus sesudah'],
      [{ ...schedule, registration_from: day(-40), registration_to: day(-35), dps_date: day(-30), objections_to: day(-25), dpt_date: day(-20), campaign_from: day(-15), campaign_to: day(-10), voting_day: day(-1) }, 'Kolom Hari pemungutan suara tidak boleh sebelum hari ini'],
    ];
    for (const [fields, words] of refusals) {
      const res = await committee.form(BASE, fields);
      expect(res.status, words).toBe(400);
      const html = await res.text();
      expect(html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '), words).toContain(words);
      expect(html).toContain(`value="${fields.committee_decree}"`); // what was typed stays
    }
    expect(await db().selectFrom('elections').select('id').where('village_code', '=', V).execute()).toHaveLength(0);
  });

  it('the committee creates an election; officials read it but may not manage it; other villages and visitors are kept out', async () => {
    const res = await committee.form(BASE, schedule);
    expect(res.status, await res.clone().text()).toBe(303);
    electionId = Number(res.headers.get('location')!.split('/').pop()!.split('?')[0]);
    const page = await text(await committee.get(E()));
    expect(page).toContain(schedule.title);
    expect(page).toContain('Persiapan');
    for (const official of [head, operator]) {
      expect((await official.get(BASE)).status).toBe(200);
      const overview = await text(await official.get(E()));
      expect(overview).toContain(schedule.title);
      expect(overview).toContain('hanya panitia Pilkades');
      expect((await official.form(BASE, schedule)).status).toBe(403);
      expect((await official.form(`${E()}/atur-tps`, { tps_number: '9', tps_place: 'Balai Desa' })).status).toBe(403);
    }
    expect([403, 404]).toContain((await otherVillage.get(E())).status);
    expect([403, 404]).toContain((await otherVillage.get(`/desa/18.09.10.2001/pilkades/${electionId}`)).status);
    const anon = await t.anonymous.get(E());
    expect(anon.status).toBe(302);
    // Nothing to publish before the DPS is made.
    expect((await t.anonymous.get(`${E()}/dps`)).status).toBe(404);
    const audited = await db().selectFrom('audit_log').select('action').where('subject', '=', `election:${electionId}`).execute();
    expect(audited.map((a) => a.action)).toContain('election.create');
  });

  it('adds TPS with their areas (an area at one TPS only) and candidates with photos; the DPS needs 2 candidates', async () => {
    // TPS 2 first: residents of no TPS's area still go to the lowest number.
    const two = await form(committee, `${E()}/atur-tps`, { tps_number: '2', tps_place: 'Balai Dusun Uji B', tps_areas: [String(areas['Uji B'])] });
    expect(two.status, await two.clone().text()).toBe(303);
    const one = await form(committee, `${E()}/atur-tps`, { tps_number: '1', tps_place: 'Balai Desa Hanura', tps_areas: [String(areas['Uji A'])] });
    expect(one.status).toBe(303);
    const taken = await form(committee, `${E()}/atur-tps`, { tps_number: '3', tps_place: 'Masjid', tps_areas: [String(areas.U02), String(areas['Uji B'])] });
    expect(taken.status).toBe(409);
    expect(await text(taken)).toContain('Kolom Wilayah TPS (dusun/RW/RT): Dusun Uji B sudah masuk TPS 2');
    const sameNumber = await form(committee, `${E()}/atur-tps`, { tps_number: '1', tps_place: 'Masjid' });
    expect(sameNumber.status).toBe(409);
    expect(await text(sameNumber)).toContain('Kolom Nomor TPS: TPS 1 sudah ada');
    for (const s of await db().selectFrom('election_stations').select(['id', 'number']).where('village_code', '=', V).where('election_id', '=', electionId).execute()) stations[s.number] = Number(s.id);
    expect(Object.keys(stations)).toEqual(['1', '2']);

    const photo = await sharp({ create: { width: 900, height: 1200, channels: 3, background: '#c33' } }).png().toBuffer();
    const first = await candidate(committee, { candidate_number: '1', candidate_name: 'Suparman', vision: 'Desa Hanura maju dan sejahtera', mission: '1. Jalan desa mulus\n2. Air bersih untuk semua' }, photo);
    expect(first.status, await first.clone().text()).toBe(303);
    const early = await form(committee, `${E()}/dps`, {});
    expect(early.status).toBe(409);
    expect(await text(early)).toContain('sedikitnya 2 calon (sekarang 1)');
    const bad = await candidate(committee, { candidate_number: '2', candidate_name: 'Wati', vision: 'Maju', mission: 'Membangun desa bersama' });
    expect(bad.status).toBe(400);
    expect(await text(bad)).toContain('Kolom Visi minimal 5 karakter');
    const notPhoto = await candidate(committee, { candidate_number: '2', candidate_name: 'Wati', vision: 'Desa hijau', mission: 'Membangun desa bersama' }, Buffer.from('bukan foto sama sekali'));
    expect(notPhoto.status).toBe(415);
    const dup = await candidate(committee, { candidate_number: '1', candidate_name: 'Wati', vision: 'Desa hijau', mission: 'Membangun desa bersama' });
    expect(dup.status).toBe(409);
    expect(await text(dup)).toContain('Kolom Nomor urut calon: nomor urut 1 sudah dipakai');
    for (const [n, name] of [['2', 'Wati Lestari'], ['3', 'Bambang Irawan']] as const) {
      expect((await candidate(committee, { candidate_number: n, candidate_name: name, vision: 'Desa hijau dan mandiri', mission: 'Membangun desa bersama warga' })).status).toBe(303);
    }
    const cands = await db().selectFrom('election_candidates').select(['id', 'number', 'photo_type']).where('village_code', '=', V).where('election_id', '=', electionId).orderBy('number').execute();
    expect(cands.map((c) => c.number)).toEqual([1, 2, 3]);
    // The photo is public (candidates are), resized, a JPEG.
    const pic = await t.anonymous.get(`${E()}/calon/${cands[0]!.id}/foto`);
    expect(pic.status).toBe(200);
    expect(pic.headers.get('content-type')).toBe('image/jpeg');
    const meta = await sharp(Buffer.from(await pic.arrayBuffer())).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(600);
    expect((await t.anonymous.get(`${E()}/calon/${cands[1]!.id}/foto`)).status).toBe(404);
    const overview = await text(await head.get(E()));
    expect(overview).toContain('Bambang Irawan');
    expect(overview).toContain('TPS 2');
  });

  it('records a court disqualification by NIK; an unknown NIK is refused naming the field', async () => {
    const unknown = await committee.form(`${E()}/cabut-hak`, { voter_nik: '1809100101990000', court_decision: 'Putusan PN Tanjung Karang No. 12/Pid/2026' });
    expect(unknown.status).toBe(400);
    expect(await text(unknown)).toContain('Kolom NIK pemilih: NIK ini bukan penduduk desa ini');
    const res = await committee.form(`${E()}/cabut-hak`, { voter_nik: people.dicabut!.nik, court_decision: 'Putusan PN Tanjung Karang No. 12/Pid/2026' });
    expect(res.status).toBe(303);
  });

  it('withdraws a disqualification recorded by mistake: kept struck through with its reason; recorded again as a new entry', async () => {
    const record = (key: string) => committee.form(`${E()}/cabut-hak`, { voter_nik: people[key]!.nik, court_decision: 'Putusan PN Tanjung Karang No. 13/Pid/2026' });
    for (const key of ['keliru-a', 'keliru-b']) expect((await record(key)).status).toBe(303);
    const withdraw = (fields: Record<string, string>) => committee.form(`${E()}/cabut-hak/batal`, { reason: 'Salah catat: putusan untuk orang lain', ...fields });
    const noReason = await withdraw({ resident_id: String(people['keliru-a']!.id), reason: '' });
    expect(noReason.status).toBe(400);
    expect(await text(noReason)).toContain('Kolom Alasan wajib diisi');
    const notRecorded = await withdraw({ voter_nik: people['rt3']!.nik });
    expect(notRecorded.status).toBe(400);
    expect(await text(notRecorded)).toContain('Kolom NIK pemilih: tidak ada pencatatan pencabutan hak pilih');
    expect((await withdraw({ resident_id: String(people['keliru-a']!.id) })).status).toBe(303);
    const twice = await withdraw({ resident_id: String(people['keliru-a']!.id) });
    expect(twice.status).toBe(409);
    expect(await text(twice)).toContain('sudah dicabut pada');
    // Recorded again (the withdrawal was the mistake), then withdrawn again: each entry stays.
    expect((await record('keliru-a')).status).toBe(303);
    expect((await record('keliru-a')).status).toBe(409);
    expect((await withdraw({ voter_nik: people['keliru-a']!.nik })).status).toBe(303);
    const rows = await db().selectFrom('election_disqualifications').select(['entry', 'withdrawn_at', 'withdrawal_reason'])
      .where('village_code', '=', V).where('election_id', '=', electionId).where('resident_id', '=', people['keliru-a']!.id).orderBy('entry').execute();
    expect(rows.map((r) => [r.entry, r.withdrawn_at !== null, r.withdrawal_reason])).toEqual([[1, true, 'Salah catat: putusan untuk orang lain'], [2, true, 'Salah catat: putusan untuk orang lain']]);
    const html = await (await head.get(E())).text();
    expect(html).toContain('<s>Pemilih keliru-a: Putusan PN Tanjung Karang No. 13/Pid/2026</s>');
    expect(html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).toContain(`dicabut ${formatDate(today)}: Salah catat: putusan untuk orang lain`);
    expect(html).not.toContain('<s>Pemilih keliru-b');
    expect(html).not.toContain('cabut-hak/batal'); // officials see no form
    expect(await (await committee.get(E())).text()).toContain('Cabut pencatatan');
  });

  it('makes the DPS from the register by the rules, each voter at the TPS of their area', async () => {
    const res = await form(committee, `${E()}/dps`, {});
    expect(res.status, await res.clone().text()).toBe(303);
    expect((await election()).status).toBe('dps');
    const on = async (key: string) => (await voterOf(key))?.number ?? null;
    // Included, and where.
    expect(await on('dewasa-rt1')).toBe(1);
    expect(await on('keluarga-rt2')).toBe(1); // family's RT → RW → dusun Uji A → TPS 1
    expect(await on('rt3')).toBe(2);
    expect(await on('bepergian')).toBe(2); // temporarily away still votes
    expect(await on('tanpa-wilayah')).toBe(1); // no area: the lowest-numbered TPS
    expect(await on('kawin-16')).toBe(1); // 16 but married
    expect(await on('tepat-17')).toBe(1); // turns 17 on the voting day
    expect(await on('pindah-7-bulan')).toBe(1);
    expect(await on('keliru-a')).toBe(1); // its disqualification withdrawn
    // Left out.
    for (const key of ['kurang-sehari', 'pindah-5-bulan', 'meninggal', 'pindah-keluar', 'dicabut', 'keliru-b', 'wna']) expect(await on(key), key).toBeNull();
    expect((await voters()).every((v) => v.source === 'register' && v.listed)).toBe(true);
    const monitoring = await db().selectFrom('monitoring_elections').selectAll().where('village_code', '=', V).executeTakeFirstOrThrow();
    expect(monitoring).toMatchObject({ status: 'dps', stations: 2, candidates: 3, registered: (await voters()).length });
    // Set-up is over: TPS and candidates stay as they are.
    expect((await form(committee, `${E()}/atur-tps`, { tps_number: '3', tps_place: 'Masjid' })).status).toBe(409);
  });

  it('publishes the DPS to anyone per TPS: names, masked NIKs, sex and age only', async () => {
    const res = await t.anonymous.get(`${E()}/dps?tps=${stations[1]}`);
    expect(res.status).toBe(200);
    const page = await text(res);
    expect(page).toContain('Daftar Pemilih Sementara (DPS)');
    expect(page).toContain('Pemilih dewasa-rt1');
    expect(page).not.toContain('Pemilih rt3'); // TPS 2's
    const nik = people['dewasa-rt1']!.nik;
    expect(page).not.toContain(nik);
    expect(page).toContain(`${nik.slice(0, 4)}`);
    expect(page).toMatch(/\d{4}\*{8}\d{4}/);
    expect(page).not.toContain(monthsBefore(votingDay, 30 * 12)); // no birth date
    const two = await text(await t.anonymous.get(`${E()}/dps?tps=${stations[2]}`));
    expect(two).toContain('Pemilih rt3');
    // The committee's page lists the same with masked NIKs too.
    const lists = await text(await committee.get(`${E()}/pemilih?tps=${stations[1]}`));
    expect(lists).toContain('Pemilih dewasa-rt1');
    expect(lists).not.toContain(nik);
  });

  it('withdraws a disqualification in the DPS stage: the resident joins the DPS at the TPS of their area; officials, KPPS and other villages may not', async () => {
    const fields = { resident_id: String(people['keliru-b']!.id), reason: 'Salah catat: NIK tertukar' };
    const kpps = await t.login('kpps1.hanura');
    for (const who of [head, kpps, otherVillage]) expect([403, 404]).toContain((await who.form(`${E()}/cabut-hak/batal`, fields)).status);
    const registered = async () => (await db().selectFrom('monitoring_elections').select('registered').where('village_code', '=', V).executeTakeFirstOrThrow()).registered;
    const atTwo = async () => (await voters()).filter((v) => v.listed && v.number === 2).length;
    const [before, beforeAtTwo] = [await registered(), await atTwo()];
    const res = await committee.form(`${E()}/cabut-hak/batal`, fields);
    expect(res.status, await res.clone().text()).toBe(303);
    expect(await voterOf('keliru-b')).toMatchObject({ listed: true, source: 'register', number: 2 });
    expect([await registered(), await atTwo()]).toEqual([before + 1, beforeAtTwo + 1]);
    expect(await text(await t.anonymous.get(`${E()}/dps?tps=${stations[2]}`))).toContain('Pemilih keliru-b');
    expect(await text(await committee.get(E()))).toContain(`dicabut ${formatDate(today)}: Salah catat: NIK tertukar (di DPS, TPS 2)`);
    const audited = await db().selectFrom('audit_log').select('action').where('subject', '=', `election:${electionId}`).where('action', '=', 'election.disqualification_withdrawn').execute();
    expect(audited).toHaveLength(3);
  });

  let addId = 0;
  let rejectId = 0;
  let deadAddId = 0;
  it('records objections; an accepted addition lists the resident, a rejected one changes nothing, a dead resident cannot be added', async () => {
    const bad = await committee.form(`${E()}/tanggapan`, { objection_kind: 'add', voter_nik: people['pindah-5-bulan']!.nik, reason: 'Sudah tinggal sejak lama', filed_by: 'Sutrisno', tps_station: '' });
    expect(bad.status).toBe(400);
    expect(await text(bad)).toContain('Kolom TPS wajib diisi');
    const listed = await committee.form(`${E()}/tanggapan`, { objection_kind: 'add', voter_nik: people['rt3']!.nik, reason: 'Belum terdaftar', filed_by: 'Sutrisno', tps_station: String(stations[2]) });
    expect(listed.status).toBe(400);
    expect(await text(listed)).toContain('sudah ada di DPS (TPS 2)');
    const file = async (kind: string, key: string, station?: number) => {
      const res = await committee.form(`${E()}/tanggapan`, { objection_kind: kind, voter_nik: people[key]!.nik, reason: 'Tanggapan warga saat pengumuman DPS', filed_by: 'Ketua RT 01', tps_station: station ? String(station) : '' });
      expect(res.status, await res.clone().text()).toBe(303);
      const o = await db().selectFrom('election_objections').select('id').where('village_code', '=', V).where('election_id', '=', electionId).orderBy('id', 'desc').executeTakeFirstOrThrow();
      return Number(o.id);
    };
    addId = await file('add', 'pindah-5-bulan', stations[1]);
    rejectId = await file('add', 'kurang-sehari', stations[1]);
    deadAddId = await file('add', 'meninggal', stations[1]);
    const moveId = await file('move', 'tanpa-wilayah', stations[2]);

    const decide = (id: number, fields: Record<string, string>) => committee.form(`${E()}/tanggapan/${id}/putusan`, fields);
    const noNote = await decide(addId, { decision: 'accepted', decision_note: '' });
    expect(noNote.status).toBe(400);
    expect(await text(noNote)).toContain('Kolom Catatan keputusan wajib diisi');
    expect((await decide(addId, { decision: 'accepted', decision_note: 'Surat keterangan domisili RT menunjukkan tinggal sejak 2025' })).status).toBe(303);
    expect(await voterOf('pindah-5-bulan')).toMatchObject({ listed: true, source: 'objection', number: 1 });
    expect((await decide(rejectId, { decision: 'rejected', decision_note: 'Belum 17 tahun pada hari pemungutan suara' })).status).toBe(303);
    expect(await voterOf('kurang-sehari')).toBeUndefined();
    const dead = await decide(deadAddId, { decision: 'accepted', decision_note: 'Diterima' });
    expect(dead.status).toBe(409);
    expect(await text(dead)).toContain('Pemilih meninggal tidak lagi tinggal di desa');
    expect(await voterOf('meninggal')).toBeUndefined();
    expect((await decide(moveId, { decision: 'accepted', decision_note: 'Tinggal di Dusun Uji B' })).status).toBe(303);
    expect((await voterOf('tanpa-wilayah'))?.number).toBe(2);
    expect((await decide(moveId, { decision: 'rejected', decision_note: 'Lagi' })).status).toBe(409);
    // Nothing is deleted: every objection stays with its decision (or none).
    const all = await db().selectFrom('election_objections').select(['id', 'decision']).where('village_code', '=', V).where('election_id', '=', electionId).orderBy('id').execute();
    expect(all.map((o) => o.decision)).toEqual(['accepted', 'rejected', null, 'accepted']);
    // Officials cannot decide.
    expect((await head.form(`${E()}/tanggapan/${deadAddId}/putusan`, { decision: 'rejected', decision_note: 'Meninggal dunia' })).status).toBe(403);
  });

  it('refuses to freeze the DPT while an objection is undecided; freezes it once all are; the lists are read-only after', async () => {
    const early = await committee.form(`${E()}/dpt`, {});
    expect(early.status).toBe(409);
    expect(await text(early)).toContain('masih ada 1 tanggapan yang belum diputuskan');
    expect((await election()).status).toBe('dps');
    expect((await committee.form(`${E()}/tanggapan/${deadAddId}/putusan`, { decision: 'rejected', decision_note: 'Yang bersangkutan sudah meninggal dunia' })).status).toBe(303);
    // A remove accepted strikes the voter off, kept in the list as struck off.
    const r = await committee.form(`${E()}/tanggapan`, { objection_kind: 'remove', voter_nik: people['bepergian']!.nik, reason: 'Bekerja di Malaysia, tidak kembali', filed_by: 'Kepala Dusun Uji B', tps_station: '' });
    expect(r.status).toBe(303);
    const o = await db().selectFrom('election_objections').select('id').where('village_code', '=', V).where('election_id', '=', electionId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect((await committee.form(`${E()}/tanggapan/${o.id}/putusan`, { decision: 'accepted', decision_note: 'Dikonfirmasi keluarga' })).status).toBe(303);
    expect(await voterOf('bepergian')).toMatchObject({ listed: false });
    const listed = (await voters()).filter((v) => v.listed).length;

    const res = await committee.form(`${E()}/dpt`, {});
    expect(res.status).toBe(303);
    expect((await election()).status).toBe('dpt');
    const monitoring = await db().selectFrom('monitoring_elections').selectAll().where('village_code', '=', V).executeTakeFirstOrThrow();
    expect(monitoring).toMatchObject({ status: 'dpt', registered: listed });
    const frozen = await committee.form(`${E()}/tanggapan`, { objection_kind: 'add', voter_nik: people['kurang-sehari']!.nik, reason: 'Mohon ditambahkan', filed_by: 'Warga', tps_station: String(stations[1]) });
    expect(frozen.status).toBe(409);
    expect(await text(frozen)).toContain('sudah ditetapkan sebagai DPT dan tidak dapat diubah');
    expect((await committee.form(`${E()}/dpt`, {})).status).toBe(409);
    const late = await committee.form(`${E()}/cabut-hak/batal`, { voter_nik: people.dicabut!.nik, reason: 'Salah catat: putusan untuk orang lain' });
    expect(late.status).toBe(409);
    expect(await text(late)).toContain('tidak dapat dicabut lagi: daftar pemilih sudah ditetapkan sebagai DPT');
    expect(await voterOf('dicabut')).toBeUndefined();
    expect((await committee.form(`${E()}/jadwal`, schedule)).status).toBe(409);
    expect((await form(committee, `${E()}/dps`, {})).status).toBe(409);
    const pub = await text(await t.anonymous.get(`${E()}/dps?tps=${stations[2]}`));
    expect(pub).toContain('Daftar Pemilih Tetap (DPT)');
    expect(pub).not.toContain('Pemilih bepergian'); // struck off
    expect(pub).toContain('Pemilih tanpa-wilayah'); // moved here
  });
});
