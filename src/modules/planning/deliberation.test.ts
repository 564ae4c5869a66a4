import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInWib } from '../../platform/format/format.js';
import { DEMO_CITIZEN } from '../demo/seed-demo.js';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';

const V = '18.09.10.2004'; // Hanura, with its 2,500 generated residents
const TODAY = todayInWib();
const YEAR = Number(TODAY.slice(0, 4)) + 1;
let t: TestApp;
let secretary: Client;
let operator: Client;
let head: Client;
let treasurer: Client;
let citizen: Client;
let adults: { nik: string; name: string }[];

beforeAll(async () => {
  t = await createTestApp({ population: true, citizen: true });
  [secretary, operator, head, treasurer] = await Promise.all(['sekdes.hanura', 'hanura', 'kades.hanura', 'bendahara.hanura'].map((u) => t.login(u)));
  citizen = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
  adults = await t.db.kysely.selectFrom('residents').select(['nik', 'name']).where('village_code', '=', V).where('life_status', '=', 1)
    .where('birth_date', '<', '1990-01-01').orderBy('id').limit(31).execute();
}, 120_000);
afterAll(() => t.close());

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const proposal = (f: Record<string, string>) => operator.form(`/desa/${V}/musyawarah/usulan`, { year: String(YEAR), ...f });
const road = { origin: 'dusun', proposer: 'Dusun II', field_code: '2.3.10', description: 'Rabat beton jalan Dusun II', location: 'Dusun II RT 003', beneficiaries: '320 KK', cost: '450.000.000' };
const posyandu = { origin: 'kelompok', proposer: 'Kader Posyandu Melati', field_code: '2.2.02', description: 'Makanan tambahan balita', location: 'Posyandu Melati', beneficiaries: '60 balita', cost: '18.000.000' };
const drain = { origin: 'dusun', proposer: 'Dusun IV', field_code: '2', description: 'Saluran air Dusun IV', location: 'Dusun IV', beneficiaries: '90 KK', cost: '' };
const ids = async () => (await t.db.kysely.selectFrom('plan_proposals').select(['id', 'description']).where('village_code', '=', V).orderBy('id').execute());

describe('proposals and the village meeting', () => {
  let meeting = 0;

  it('records proposals from hamlets, groups and a citizen; bad input names the field', async () => {
    for (const p of [road, posyandu, drain]) expect((await proposal(p)).status).toBe(303);
    const noField = await proposal({ ...road, field_code: '9.9' });
    expect(noField.status).toBe(400);
    expect(await text(noField)).toContain('Kolom Bidang/kegiatan: pilih bidang, sub-bidang atau kegiatan dari daftar');
    expect(await text(await proposal({ ...road, cost: '1,5' }))).toContain('Kolom Perkiraan biaya');

    // The citizen proposes from self-service, in his own name; five a day at most.
    const sent = await citizen.form('/warga/usulan', { year: String(YEAR), field_code: '3', description: 'Lampu jalan di gang masjid', location: 'RT 001', beneficiaries: 'Warga RT 001' });
    expect(sent.status).toBe(303);
    for (let i = 0; i < 4; i++) await citizen.form('/warga/usulan', { year: String(YEAR), field_code: '3', description: `Usulan ${i}`, location: 'RT 001', beneficiaries: 'Warga' });
    const sixth = await citizen.form('/warga/usulan', { year: String(YEAR), field_code: '3', description: 'Usulan keenam', location: 'RT 001', beneficiaries: 'Warga' });
    expect(sixth.status).toBe(409);
    expect(await text(sixth)).toContain('Anda sudah mengirim 5 usulan dalam 24 jam terakhir');
    const mine = await text(await citizen.get('/warga/usulan'));
    expect(mine).toContain('Lampu jalan di gang masjid');
    expect(mine).toContain('Menunggu dibahas dalam Musdes');
    const row = await t.db.kysely.selectFrom('plan_proposals').select(['proposer', 'source', 'resident_id']).where('village_code', '=', V).where('description', '=', 'Lampu jalan di gang masjid').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ proposer: DEMO_CITIZEN.name, source: 'warga' });
    expect(row.resident_id).not.toBeNull();

    // Withdrawn, not deleted: four of the citizen's test proposals go, with the reason.
    for (const p of (await ids()).filter((x) => x.description.startsWith('Usulan '))) {
      expect((await secretary.form(`/desa/${V}/musyawarah/usulan/${p.id}/tarik`, { reason: 'Sama dengan usulan lampu jalan' })).status).toBe(303);
    }
    const overview = await text(await secretary.get(`/desa/${V}/musyawarah?tahun=${YEAR}`));
    expect(overview).toContain('Ditarik: Sama dengan usulan lampu jalan');
    expect(overview).toContain('Usulan (12)'); // eight here and the demo's four
  });

  it('takes the attendance of 30 residents from the register; one bad line stores nothing', async () => {
    const started = await secretary.form(`/desa/${V}/musyawarah`, { kind: 'musdes', year: String(YEAR), meeting_title: `Musrenbangdes RKPDes ${YEAR}`, held_on: TODAY, place: 'Balai Desa Hanura', agenda: 'Membahas usulan RKPDes' });
    expect(started.status).toBe(303);
    meeting = Number(/musyawarah\/(\d+)/.exec(started.headers.get('location')!)![1]);

    const sheet = adults.slice(0, 30).map((a, i) => (i === 0 ? `${a.nik}, Ketua BPD` : a.nik));
    const typo = await secretary.form(`/desa/${V}/musyawarah/${meeting}/peserta`, { niks: [...sheet.slice(0, 5), '18091012345', ...sheet.slice(5)].join('\n'), attend_as: 'Warga' });
    expect(typo.status).toBe(400);
    expect(await text(typo)).toContain('Kolom NIK peserta, baris 6: NIK harus 16 angka');
    const stranger = await secretary.form(`/desa/${V}/musyawarah/${meeting}/peserta`, { niks: [...sheet, '1871010101900001'].join('\n') });
    expect(await text(stranger)).toContain('baris 31: NIK 1871********0001 bukan penduduk desa ini');
    expect(await t.db.kysely.selectFrom('meeting_attendees').select('id').where('village_code', '=', V).where('meeting_id', '=', meeting).execute()).toEqual([]);

    expect((await secretary.form(`/desa/${V}/musyawarah/${meeting}/peserta`, { niks: sheet.join('\n'), attend_as: 'Warga' })).status).toBe(303);
    // The same people again: nobody is listed twice.
    expect((await secretary.form(`/desa/${V}/musyawarah/${meeting}/peserta`, { niks: sheet.slice(0, 3).join('\n') })).status).toBe(303);
    const page = await text(await secretary.get(`/desa/${V}/musyawarah/${meeting}`));
    expect(page).toMatch(/Daftar hadir \(30: \d+ laki-laki, \d+ perempuan\)/);
    expect(page).toContain(`${adults[0]!.name} ${adults[0]!.nik.slice(0, 4)}********${adults[0]!.nik.slice(12)} Ketua BPD`);
    // The NIK is masked: never whole on the page.
    expect(page).not.toContain(adults[1]!.nik);
  });

  it('scores the proposals and closes with the priority list; the record is then fixed', async () => {
    const all = await ids();
    const id = (d: string) => all.find((p) => p.description === d)!.id;
    const early = await secretary.form(`/desa/${V}/musyawarah/${meeting}/tutup`, {});
    expect(await text(early)).toContain('Kolom Notulen/hasil musyawarah wajib diisi');
    const badScore = await secretary.form(`/desa/${V}/musyawarah/${meeting}/skor`, { [`skor_${id('Rabat beton jalan Dusun II')}`]: '-3' });
    expect(await text(badScore)).toContain('skor harus bilangan bulat');
    expect((await secretary.form(`/desa/${V}/musyawarah/${meeting}/skor`, {
      [`skor_${id('Rabat beton jalan Dusun II')}`]: '24', [`skor_${id('Makanan tambahan balita')}`]: '27', [`skor_${id('Lampu jalan di gang masjid')}`]: '11', [`skor_${id('Saluran air Dusun IV')}`]: '0',
    })).status).toBe(303);
    expect((await secretary.form(`/desa/${V}/musyawarah/${meeting}/notulen`, { agenda: 'Membahas usulan RKPDes', minutes: 'Musyawarah dibuka Kepala Desa.\nPeserta memilih tiga usulan prioritas.' })).status).toBe(303);
    expect((await secretary.form(`/desa/${V}/musyawarah/${meeting}/tutup`, {})).status).toBe(303);

    const page = await text(await treasurer.get(`/desa/${V}/musyawarah/${meeting}`));
    expect(page).toMatch(/Daftar prioritas .*1 Makanan tambahan balita .*2 Rabat beton jalan Dusun II .*3 Lampu jalan di gang masjid/);
    const late = await secretary.form(`/desa/${V}/musyawarah/${meeting}/peserta`, { niks: adults[30]!.nik });
    expect(late.status).toBe(409);
    expect(await text(late)).toContain('Musyawarah ini sudah ditutup');
    // The citizen sees where his proposal ended.
    expect(await text(await citizen.get('/warga/usulan'))).toContain('Masuk daftar prioritas Musdes, urutan ke-3');

    // The berita acara: the record and, on its own page, the attendance list to sign.
    const pdf = await secretary.get(`/desa/${V}/musyawarah/${meeting}/berita-acara.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('cache-control')).toBe('private, no-store');
    const bytes = Buffer.from(await pdf.arrayBuffer()).toString('latin1');
    if (process.env.BALAI_KEEP_PDF) (await import('node:fs')).writeFileSync(process.env.BALAI_KEEP_PDF, Buffer.from(bytes, 'latin1'));
    expect(bytes).toContain(`(BERITA ACARA Musyawarah desa \\(Musdes/Musrenbangdes\\): Musrenbangdes RKPDes ${YEAR})`);
    expect((bytes.match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(2);
  });

  it('builds the RKPDes from the priority list, each activity pointing at its proposal', async () => {
    const rkpdes = await secretary.form(`/desa/${V}/perencanaan`, { kind: 'rkpdes', first_year: String(YEAR) });
    const plan = Number(/perencanaan\/(\d+)/.exec(rkpdes.headers.get('location')!)![1]);
    const page = await text(await secretary.get(`/desa/${V}/perencanaan/${plan}`));
    expect(page).toContain(`Daftar prioritas Musrenbangdes RKPDes ${YEAR}`);
    const all = await ids();
    const feeding = all.find((p) => p.description === 'Makanan tambahan balita')!.id;
    const drain = all.find((p) => p.description === 'Saluran air Dusun IV')!.id;
    // The form comes filled from the proposal.
    const filled = await (await secretary.get(`/desa/${V}/perencanaan/${plan}?usulan=${feeding}`)).text();
    expect(filled).toContain(`name="source_proposal" value="${feeding}"`);
    expect(filled).toContain('value="Posyandu Melati"');
    const item = { activity_code: '2.2.02', description: 'Makanan tambahan balita', location: 'Posyandu Melati', volume: '60 balita', beneficiaries: '60 balita', cost: '18.000.000', fund: 'DDS', execution: 'swakelola' };
    expect((await secretary.form(`/desa/${V}/perencanaan/${plan}/kegiatan`, { ...item, source_proposal: String(feeding) })).status).toBe(303);
    // A proposal the meeting did not prioritise is not carried as one.
    const refused = await secretary.form(`/desa/${V}/perencanaan/${plan}/kegiatan`, { ...item, source_proposal: String(drain) });
    expect(refused.status).toBe(400);
    expect(await text(refused)).toContain(`Kolom Usulan prioritas: usulan ini tidak ada di daftar prioritas Musdes untuk RKPDes ${YEAR}`);
    const after = await text(await secretary.get(`/desa/${V}/perencanaan/${plan}`));
    expect(after).toContain('(dari usulan Musdes)');
    expect(after).toMatch(/1 Makanan tambahan balita Posyandu Melati Kader Posyandu Melati Rp18\.000\.000 Sudah masuk/);
  });

  it('keeps meetings to the village: the head reads, the district and the public do not', async () => {
    expect((await head.get(`/desa/${V}/musyawarah/${meeting}`)).status).toBe(200);
    expect((await head.form(`/desa/${V}/musyawarah/${meeting}/skor`, {})).status).toBe(403);
    expect((await (await t.login('telukpandan')).get(`/desa/${V}/musyawarah`)).status).toBe(403);
    expect((await t.anonymous.get(`/desa/${V}/musyawarah/${meeting}/berita-acara.pdf`)).status).toBe(401);
    // An officer is not a citizen: the self-service form is not theirs.
    expect((await secretary.get('/warga/usulan')).status).toBe(403);
  });
});
