import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';
import { todayInWib } from '../../platform/format/format.js';

const V = '18.09.10.2004';
let t: TestApp;
let operator: Client;
let head: Client;
let treasurer: Client;
let otherVillage: Client;

beforeAll(async () => {
  t = await createTestApp({ population: true });
  [operator, head, treasurer] = await Promise.all(['hanura', 'kades.hanura', 'bendahara.hanura'].map((u) => t.login(u)));
  otherVillage = await t.login('batumenyan');
});
afterAll(() => t.close());

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const db = () => t.db.kysely;
const living = (n: number) => db().selectFrom('residents').select(['id', 'nik', 'name']).where('village_code', '=', V).where('life_status', '=', 1).orderBy('id').limit(n).execute();
const idFrom = (res: Response) => Number(/\/(\d+)\?ok=1$/.exec(res.headers.get('location') ?? '')?.[1]);
const rollup = () => db().selectFrom('monitoring_institutions').selectAll().where('village_code', '=', V).executeTakeFirstOrThrow();

describe('village institutions', () => {
  let bpd = 0;

  it('are recorded with their decree; members come from the register with a position and a term', async () => {
    const made = await operator.form(`/desa/${V}/kelembagaan`, { kind: 'bpd', name: 'BPD Hanura', decree_number: '141/05/2023', decree_on: '2023-02-01' });
    expect(made.status).toBe(303);
    bpd = idFrom(made);
    const [a, b] = await living(2);
    const added = await operator.form(`/desa/${V}/kelembagaan/${bpd}/anggota`, { nik: a!.nik, position: 'Ketua', term_start: '2023-02-01', term_end: '2029-02-01' });
    expect(added.status).toBe(303);
    await operator.form(`/desa/${V}/kelembagaan/${bpd}/anggota`, { nik: b!.nik, position: 'Anggota', term_start: '2023-02-01' });
    const page = await text(await head.get(`/desa/${V}/kelembagaan/${bpd}`));
    expect(page).toContain(a!.name);
    expect(page).toContain('Ketua 1 Februari 2023 s.d. 1 Februari 2029');
    // The NIK is masked on the page; the register keeps it whole.
    expect(page).not.toContain(a!.nik);
    expect(await rollup()).toMatchObject({ institutions: 1, active_members: 2 });
    // The same person in the same position twice: refused, naming them.
    const twice = await operator.form(`/desa/${V}/kelembagaan/${bpd}/anggota`, { nik: a!.nik, position: 'ketua', term_start: '2024-01-01' });
    expect(twice.status).toBe(409);
    expect(await text(twice)).toContain(`Kolom NIK: ${a!.name} sudah menjabat sebagai ketua di lembaga ini.`);
  });

  it('refuse a NIK that is not a living resident of the village, and a term that ends before it starts', async () => {
    const unknown = await operator.form(`/desa/${V}/kelembagaan/${bpd}/anggota`, { nik: '1809100101900999', position: 'Anggota', term_start: '2023-02-01' });
    expect(unknown.status).toBe(400);
    expect(await text(unknown)).toContain('Kolom NIK: tidak ada penduduk dengan NIK ini yang tinggal di desa ini');
    const dead = await db().selectFrom('residents').select('nik').where('village_code', '=', V).where('life_status', '=', 2).executeTakeFirst();
    if (dead) expect((await operator.form(`/desa/${V}/kelembagaan/${bpd}/anggota`, { nik: dead.nik, position: 'Anggota', term_start: '2023-02-01' })).status).toBe(400);
    const [, , c] = await living(3);
    const reversed = await operator.form(`/desa/${V}/kelembagaan/${bpd}/anggota`, { nik: c!.nik, position: 'Sekretaris', term_start: '2023-02-01', term_end: '2022-01-01' });
    expect(reversed.status).toBe(400);
    expect(await text(reversed)).toContain('Kolom Akhir masa jabatan: tanggal berakhir tidak boleh sebelum awal masa jabatan.');
    expect(await rollup()).toMatchObject({ active_members: 2 });
  });

  it('end a term as history, never deleted, with who and why in the audit log', async () => {
    const member = await db().selectFrom('institution_members').select(['id']).where('village_code', '=', V).where('institution_id', '=', bpd).where('position', '=', 'Anggota').executeTakeFirstOrThrow();
    // Refused (a day to come): the page comes back with that member's form open and the reason kept.
    const early = await operator.form(`/desa/${V}/kelembagaan/${bpd}/anggota/${member.id}/selesai`, { ended_on: '2999-01-01', reason: 'Mengundurkan diri' });
    expect(early.status).toBe(400);
    const earlyPage = await early.text();
    expect(earlyPage).toContain('Kolom Tanggal berakhir: tanggal tidak boleh setelah hari ini.');
    expect(earlyPage).toMatch(new RegExp(`<details open="">\\s*<summary>Akhiri masa jabatan</summary>\\s*<form method="post" action="/desa/${V}/kelembagaan/${bpd}/anggota/${member.id}/selesai"`));
    expect(earlyPage).toContain('value="Mengundurkan diri"');
    const ended = await operator.form(`/desa/${V}/kelembagaan/${bpd}/anggota/${member.id}/selesai`, { ended_on: todayInWib(), reason: 'Mengundurkan diri' });
    expect(ended.status).toBe(303);
    const page = await text(await operator.get(`/desa/${V}/kelembagaan/${bpd}`));
    expect(page).toContain('Riwayat jabatan');
    expect(page).toContain('Mengundurkan diri');
    expect(await db().selectFrom('institution_members').select('id').where('village_code', '=', V).where('institution_id', '=', bpd).execute()).toHaveLength(2);
    expect(await rollup()).toMatchObject({ active_members: 1 });
    const again = await operator.form(`/desa/${V}/kelembagaan/${bpd}/anggota/${member.id}/selesai`, { ended_on: todayInWib(), reason: 'Lagi' });
    expect(again.status).toBe(409);
    const audit = await db().selectFrom('audit_log').select(['action', 'actor_label', 'detail']).where('subject', '=', `institution:${bpd}`).orderBy('id').execute();
    expect(audit.filter((a) => a.action !== 'institution.read').map((a) => a.action)).toEqual(['institution.create', 'institution.member_add', 'institution.member_add', 'institution.member_end']);
    // Opening the page shows names from the register: each read is logged with whose.
    const read = audit.filter((a) => a.action === 'institution.read').at(-1)!;
    expect(read.actor_label).toBe('hanura');
    expect((read.detail as { residents: number[] }).residents).toHaveLength(2);
  });

  it('keep activities and decisions; a wrong one is withdrawn with a reason, still shown struck through', async () => {
    const rec = await operator.form(`/desa/${V}/kelembagaan/${bpd}/catatan`, { kind: 'decision', held_on: '2024-03-10', title: 'Kesepakatan RKPDes 2025', participants: '9' });
    expect(rec.status).toBe(303);
    const future = await operator.form(`/desa/${V}/kelembagaan/${bpd}/catatan`, { kind: 'activity', held_on: '2999-01-01', title: 'Rapat' });
    expect(future.status).toBe(400);
    expect(await text(future)).toContain('Kolom Tanggal musyawarah: tanggal tidak boleh setelah hari ini.');
    const r = await db().selectFrom('institution_records').select('id').where('village_code', '=', V).where('institution_id', '=', bpd).executeTakeFirstOrThrow();
    expect((await operator.form(`/desa/${V}/kelembagaan/${bpd}/catatan/${r.id}/tarik`, { reason: 'Tanggal salah' })).status).toBe(303);
    const page = await text(await operator.get(`/desa/${V}/kelembagaan/${bpd}`));
    expect(page).toContain('Kesepakatan RKPDes 2025');
    expect(page).toContain('ditarik: Tanggal salah');
  });

  it('count trainings, people trained and digital cadres; a sign-in sheet with one unknown NIK saves nothing', async () => {
    const made = await operator.form(`/desa/${V}/pelatihan`, { title: 'Pelatihan kader digital desa', topic: 'digital', held_on: '2024-05-02', makes_digital_cadres: '1', material_url: 'javascript:alert(1)' });
    expect(made.status).toBe(400);
    expect(await text(made)).toContain('Kolom Tautan materi belajar: tulis alamat web lengkap');
    const ok = await operator.form(`/desa/${V}/pelatihan`, { title: 'Pelatihan kader digital desa', topic: 'digital', held_on: '2024-05-02', makes_digital_cadres: '1', material_url: 'https://example.org/modul' });
    const training = idFrom(ok);
    const people = await living(4);
    const bad = await operator.form(`/desa/${V}/pelatihan/${training}/peserta`, { niks: `${people[0]!.nik}\n1809100101900999` });
    expect(bad.status).toBe(400);
    expect(await text(bad)).toContain('1 NIK tidak ditemukan sebagai penduduk desa ini: 1809100101900999. Tidak ada yang disimpan');
    expect((await rollup()).people_trained).toBe(0);
    expect((await operator.form(`/desa/${V}/pelatihan/${training}/peserta`, { niks: people.map((p) => p.nik).join('\n') })).status).toBe(303);
    // The same sheet again adds nobody twice.
    await operator.form(`/desa/${V}/pelatihan/${training}/peserta`, { niks: people[0]!.nik });
    expect(await rollup()).toMatchObject({ trainings: 1, people_trained: 4, digital_cadres: 4 });
    const page = await text(await operator.get(`/desa/${V}/pelatihan/${training}`));
    expect(page).toContain(people[3]!.name);
  });

  it('are read by other systems: the officers\' API with the counts, the public API with who holds which position', async () => {
    const officers = await (await operator.get(`/api/v1/villages/${V}/institutions`)).json() as { data: { totals: Record<string, number>; institutions: { name: string; members: number }[] } };
    expect(officers.data.totals).toMatchObject({ trainings: 1, people_trained: 4, digital_cadres: 4 });
    expect(officers.data.institutions.find((i) => i.name === 'BPD Hanura')?.members).toBe(1);
    const open = await (await t.anonymous.get(`/api/v1/public/villages/${V}/institutions`)).json() as { data: { name: string; office_holders: { name: string; position: string }[] }[] };
    const [chair] = await living(1);
    expect(open.data.find((i) => i.name === 'BPD Hanura')?.office_holders).toEqual([{ name: chair!.name, position: 'Ketua' }]);
    expect(JSON.stringify(open)).not.toContain(chair!.nik);
    expect((await treasurer.get(`/api/v1/villages/${V}/institutions`)).status).toBe(403);
  });

  it('are the village office\'s: the treasurer and another village are refused', async () => {
    expect((await treasurer.get(`/desa/${V}/kelembagaan`)).status).toBe(403);
    expect((await otherVillage.get(`/desa/${V}/kelembagaan`)).status).toBe(403);
    expect((await otherVillage.form(`/desa/${V}/kelembagaan`, { kind: 'lpm', name: 'LPM' })).status).toBe(403);
    expect((await treasurer.get(`/desa/${V}/kelembagaan/${bpd}`)).status).toBe(403);
  });

  it('dissolving ends every running term and keeps the history', async () => {
    const made = idFrom(await operator.form(`/desa/${V}/kelembagaan`, { kind: 'karang_taruna', name: 'Karang Taruna Tunas Muda' }));
    const [a] = await living(1);
    await operator.form(`/desa/${V}/kelembagaan/${made}/anggota`, { nik: a!.nik, position: 'Ketua', term_start: '2024-01-01' });
    const before = await rollup();
    expect((await operator.form(`/desa/${V}/kelembagaan/${made}/bubarkan`, { ended_on: todayInWib(), reason: 'Bergabung dengan karang taruna dusun' })).status).toBe(303);
    const after = await rollup();
    expect(after.institutions).toBe(before.institutions - 1);
    const members = await db().selectFrom('institution_members').select(['ended_on', 'end_reason']).where('village_code', '=', V).where('institution_id', '=', made).execute();
    expect(members).toEqual([{ ended_on: todayInWib(), end_reason: 'Bergabung dengan karang taruna dusun' }]);
    const late = await operator.form(`/desa/${V}/kelembagaan/${made}/anggota`, { nik: a!.nik, position: 'Anggota', term_start: '2024-01-01' });
    expect(late.status).toBe(409);
  });
});
