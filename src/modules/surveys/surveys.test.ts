import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';
import { rebuildRollups } from '../monitoring/index.js';

const V = '18.09.10.2004'; // Hanura, with generated residents and the demo's households
let t: TestApp;
let operator: Client;
let secretary: Client;
let treasurer: Client;
let otherVillage: Client;
let district: Client;
let survey = 0;
let households: { id: number; number: number }[] = [];
// The demo's own questionnaire (the housing one, open, partly filled) is counted before ours.
let before = { questionnaires: 0, open: 0, responses: 0, complete: 0 };

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const db = () => t.db.kysely;
const questions = () => db().selectFrom('survey_questions').select(['id', 'position', 'text', 'kind', 'options', 'required']).where('village_code', '=', V).where('questionnaire_id', '=', survey).orderBy('position').execute();
const responses = () => db().selectFrom('survey_responses').selectAll().where('village_code', '=', V).where('questionnaire_id', '=', survey).orderBy('id').execute();
const answersOf = (response: number) => db().selectFrom('survey_answers').selectAll().where('village_code', '=', V).where('response_id', '=', response).execute();
const base = () => `/desa/${V}/survei/${survey}`;
const q = async (position: number) => (await questions()).find((x) => x.position === position)!;

beforeAll(async () => {
  t = await createTestApp({ population: true });
  [operator, secretary, treasurer, otherVillage, district] = await Promise.all(['hanura', 'sekdes.hanura', 'bendahara.hanura', 'batumenyan', 'telukpandan'].map((u) => t.login(u)));
  before = (await db().selectFrom('monitoring_surveys').select(['questionnaires', 'open', 'responses', 'complete']).where('village_code', '=', V).executeTakeFirst()) ?? before;
  households = (await db().selectFrom('households').select(['id', 'number']).where('village_code', '=', V).where('status', '=', 'active').orderBy('number').limit(12).execute()).map((h) => ({ id: Number(h.id), number: h.number }));
});
afterAll(() => t?.close());

describe('building a questionnaire', () => {
  it('copies the housing template as a draft, adds, checks, orders and removes questions, then opens it', async () => {
    const copied = await operator.form(`/desa/${V}/survei/salin`, { template: 'kondisi-rumah', period: '2026' });
    expect(copied.status).toBe(303);
    survey = Number(/survei\/(\d+)/.exec(copied.headers.get('location')!)![1]);
    const row = await db().selectFrom('survey_questionnaires').selectAll().where('village_code', '=', V).where('id', '=', survey).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ title: 'Kondisi rumah', unit: 'household', status: 'draft', period: '2026', template: 'kondisi-rumah' });
    expect((await questions()).length).toBe(11);
    expect((await q(1)).options).toEqual([{ code: '1', label: 'Keramik/marmer/granit' }, { code: '2', label: 'Ubin/tegel/teraso' }, { code: '3', label: 'Semen/bata merah' }, { code: '4', label: 'Kayu/papan' }, { code: '5', label: 'Bambu' }, { code: '6', label: 'Tanah' }]);

    // Each refusal names its field; nothing is added.
    const cases: [Record<string, string>, string][] = [
      [{ pertanyaan: '', kind: 'number' }, 'Kolom Pertanyaan wajib diisi'],
      [{ pertanyaan: 'Punya ternak?', kind: 'choice', pilihan_jawaban: 'Ya' }, 'Kolom Pilihan jawaban: tulis paling sedikit dua pilihan'],
      [{ pertanyaan: 'Jumlah anggota', kind: 'number', min_value: '10', max_value: '2' }, 'Kolom Nilai terbesar: nilai terbesar harus lebih besar'],
      [{ pertanyaan: 'Jumlah anggota', kind: 'number', min_value: 'satu' }, 'Kolom Nilai terkecil harus berupa angka'],
      [{ pertanyaan: 'Jumlah anggota', kind: 'rating' }, 'Pilihan pada kolom Jenis tidak dikenal'],
    ];
    for (const [form, message] of cases) {
      const res = await operator.form(`${base()}/pertanyaan`, form);
      expect(res.status, message).toBe(400);
      expect(await text(res)).toContain(message);
    }
    expect((await questions()).length).toBe(11);

    const added = await operator.form(`${base()}/pertanyaan`, { pertanyaan: 'Jumlah penghuni rumah', kind: 'number', satuan_angka: 'orang', min_value: '1', max_value: '40', decimals: '0', wajib: '1' });
    expect(added.status).toBe(303);
    expect(await q(12)).toMatchObject({ text: 'Jumlah penghuni rumah', kind: 'number', required: true, options: null });
    // Up one place, then removed the notes question; positions stay 1…n.
    expect((await operator.form(`${base()}/pertanyaan/${(await q(12)).id}/naik`, {})).status).toBe(303);
    expect((await q(11)).text).toBe('Jumlah penghuni rumah');
    const notes = (await questions()).find((x) => x.text === 'Catatan petugas')!;
    expect((await operator.form(`${base()}/pertanyaan/${notes.id}/hapus`, {})).status).toBe(303);
    expect((await questions()).map((x) => x.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);

    // Not filled while a draft.
    const early = await operator.form(`${base()}/isi/${households[0]!.id}`, { [`a_${(await q(1)).id}`]: '1' });
    expect(early.status).toBe(409);
    expect(await text(early)).toContain('tidak sedang dibuka');

    expect((await operator.form(`${base()}/status`, { status: 'open' })).status).toBe(303);
    const open = await text(await operator.get(base()));
    expect(open).toContain('jenis pertanyaan tidak dapat diubah lagi'.replace('jenis', 'Jenis'));
  });

  it('once open, a type cannot change and a choice keeps its codes; questions are not removed or moved', async () => {
    const floor = await q(1);
    const retype = await operator.form(`${base()}/pertanyaan/${floor.id}`, { pertanyaan: floor.text, kind: 'text' });
    expect(retype.status).toBe(400);
    expect(await text(retype)).toContain('Kolom Jenis: kuesioner sudah dibuka, jenis pertanyaan tidak dapat diubah');
    const fewer = await operator.form(`${base()}/pertanyaan/${floor.id}`, { pertanyaan: floor.text, kind: 'choice', pilihan_jawaban: 'Keramik\nTanah' });
    expect(fewer.status).toBe(400);
    expect(await text(fewer)).toContain('pilihan yang sudah ada tidak boleh dihapus');
    // Reworded and one more choice at the end: the codes stay with their lines.
    const labels = floor.options!.map((o) => o.label);
    labels[0] = 'Keramik/marmer';
    expect((await operator.form(`${base()}/pertanyaan/${floor.id}`, { pertanyaan: 'Jenis lantai terluas rumah', kind: 'choice', pilihan_jawaban: [...labels, 'Lainnya'].join('\n'), wajib: '1' })).status).toBe(303);
    expect((await q(1)).options!.map((o) => o.code)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect((await q(1)).options![0]!.label).toBe('Keramik/marmer');
    const moved = await operator.form(`${base()}/pertanyaan/${(await q(2)).id}/naik`, {});
    expect(moved.status).toBe(409);
    expect(await text(moved)).toContain('tidak dapat dihapus atau diurutkan ulang');
    // The treasurer fills but does not build.
    expect((await treasurer.form(`${base()}/pertanyaan`, { pertanyaan: 'Apa saja', kind: 'text' })).status).toBe(403);
  });
});

describe('filling', () => {
  it('refuses a wrong answer naming its question, and saves nothing of the form', async () => {
    const h = households[0]!;
    const [floor, area, date, people] = [await q(1), (await questions()).find((x) => x.text === 'Luas lantai rumah')!, (await questions()).find((x) => x.kind === 'date')!, (await questions()).find((x) => x.text === 'Jumlah penghuni rumah')!];
    const cases: [Record<string, string>, string][] = [
      [{ [`a_${area.id}`]: 'luas' }, `Kolom ${area.position}. Luas lantai rumah harus berupa angka`],
      [{ [`a_${area.id}`]: '36,25' }, `Kolom ${area.position}. Luas lantai rumah: paling banyak 1 angka di belakang koma`],
      [{ [`a_${area.id}`]: '5000' }, `Kolom ${area.position}. Luas lantai rumah maksimal 2.000`],
      [{ [`a_${people.id}`]: '2,5' }, `Kolom ${people.position}. Jumlah penghuni rumah harus bilangan bulat`],
      [{ [`a_${date.id}`]: '2026-02-30' }, `Kolom ${date.position}. Tanggal pendataan harus tanggal yang ada`],
      [{ [`a_${floor.id}`]: '99' }, `Pilihan pada kolom 1. Jenis lantai terluas rumah tidak dikenal`],
    ];
    for (const [form, message] of cases) {
      const res = await operator.form(`${base()}/isi/${h.id}`, { [`a_${floor.id}`]: '1', ...form });
      expect(res.status, message).toBe(400);
      expect(await text(res)).toContain(message);
    }
    expect(await responses()).toEqual([]);
  });

  it('keeps a partial response, resumes it, replaces a changed answer and records who changed it', async () => {
    const h = households[0]!;
    const all = await questions();
    const [floor, wall, roof] = all;
    const area = all.find((x) => x.text === 'Luas lantai rumah')!;
    const partial = await operator.form(`${base()}/isi/${h.id}`, { [`a_${floor!.id}`]: '1', [`a_${area.id}`]: '45,5' });
    expect(partial.status).toBe(303);
    expect(partial.headers.get('location')).toBe(`${base()}/isi/${h.id}?ok=sebagian`);
    const [r] = await responses();
    expect(r).toMatchObject({ household_id: h.id, answered: 2, complete: false });
    expect((await answersOf(Number(r!.id))).find((a) => Number(a.question_id) === area.id)?.value_number).toMatch(/^45\.50*$/);
    // The form shows what was saved: the choice ticked, the number as typed in Indonesian.
    const page = await operator.get(`${base()}/isi/${h.id}`);
    const html = await page.text();
    expect(html).toContain('value="45,5"');
    expect(html).toMatch(new RegExp(`name="a_${floor!.id}" value="1" checked`));
    expect(await text(await operator.get(`${base()}/isi`))).toContain('0 dari');
    // Resumed by the secretary: the rest of the required ones, and the floor changed.
    const rest = await secretary.form(`${base()}/isi/${h.id}`, { [`a_${floor!.id}`]: '2', [`a_${wall!.id}`]: '1', [`a_${roof!.id}`]: '1', [`a_${all.find((x) => x.text === 'Jumlah penghuni rumah')!.id}`]: '4' });
    expect(rest.status).toBe(303);
    const [again] = await responses();
    const secretaryId = (await db().selectFrom('users').select('id').where('username', '=', 'sekdes.hanura').executeTakeFirstOrThrow()).id;
    expect(again).toMatchObject({ id: r!.id, answered: 5, complete: true, updated_by: secretaryId });
    expect(new Date(again!.updated_at).getTime()).toBeGreaterThanOrEqual(new Date(r!.updated_at).getTime());
    const saved = await answersOf(Number(r!.id));
    expect(saved.filter((a) => Number(a.question_id) === floor!.id)).toEqual([expect.objectContaining({ value_text: '2' })]);
    // Emptied: the answer goes, the response counts again.
    expect((await operator.form(`${base()}/isi/${h.id}`, { [`a_${area.id}`]: '' })).status).toBe(303);
    expect((await responses())[0]).toMatchObject({ answered: 4, complete: true });
    expect(await text(await operator.get(`${base()}/isi`))).toMatch(/1 dari \d+ subjek terisi lengkap/);
    const audit = (await db().selectFrom('audit_log').select(['action', 'subject', 'detail']).where('village_code', '=', V).where('action', '=', 'survey.fill').execute())
      .filter((a) => (a.detail as { survey?: number }).survey === survey);
    expect(audit.length).toBe(3);
    expect(audit[0]!.subject).toBe(`household:${h.id}`);
  });
});

describe('finding a subject', () => {
  it('finds a household by its head\'s name or by its number, and in its area', async () => {
    const h = households[2]!;
    const main = await db().selectFrom('households').select('main_family_id').where('village_code', '=', V).where('id', '=', h.id).executeTakeFirstOrThrow();
    const head = await db().selectFrom('residents').select('name').where('village_code', '=', V).where('family_id', '=', main.main_family_id).where('family_relation', '=', 1).executeTakeFirstOrThrow();
    const byName = await text(await operator.get(`${base()}/isi?q=${encodeURIComponent(head.name.split(' ')[0]!.toLowerCase())}`));
    expect(byName).toContain(`No. ${h.number}`);
    expect(byName.toLowerCase()).toContain(head.name.toLowerCase());
    expect(await text(await operator.get(`${base()}/isi?q=${h.number}`))).toContain(`No. ${h.number}`);
    const area = await db().selectFrom('families').select('area_id').where('village_code', '=', V).where('id', '=', main.main_family_id).executeTakeFirstOrThrow();
    expect(await text(await operator.get(`${base()}/isi?wilayah=${area.area_id}&q=${h.number}`))).toContain(`No. ${h.number}`);
  });
});

describe('results', () => {
  it('counts each choice and sums each number by dusun, the same as the answers', async () => {
    const all = await questions();
    const [floor, wall, roof] = all;
    const area = all.find((x) => x.text === 'Luas lantai rumah')!;
    const people = all.find((x) => x.text === 'Jumlah penghuni rumah')!;
    for (const [i, h] of households.slice(0, 10).entries()) {
      const res = await operator.form(`${base()}/isi/${h.id}`, { [`a_${floor!.id}`]: String((i % 3) + 1), [`a_${wall!.id}`]: '1', [`a_${roof!.id}`]: i < 4 ? '2' : '1', [`a_${area.id}`]: String(30 + i), [`a_${people.id}`]: '3' });
      expect(res.status).toBe(303);
    }
    const page = await text(await operator.get(`${base()}/hasil`));
    expect(page).toContain('10 responden, 10 lengkap');
    // Floors: codes 1,2,3 cycling over ten: 4, 3, 3.
    expect(page).toContain('Keramik/marmer: 4');
    expect(page).toContain('Ubin/tegel/teraso: 3');
    expect(page).toContain('Semen/bata merah: 3');
    // The sum of the floor areas, and the same from the database, by dusun.
    const expected = (30 + 31 + 32 + 33 + 34 + 35 + 36 + 37 + 38 + 39);
    expect(page).toContain(`Jumlah Jumlah (m²) Rata-rata`.replace('Jumlah Jumlah', 'Terisi Jumlah'));
    expect(page).toContain(`Jumlah 10 ${expected} ${(expected / 10).toLocaleString('id-ID')}`);
    const byDusun = await db().selectFrom('survey_answers as a').innerJoin('survey_responses as r', (j) => j.onRef('r.village_code', '=', 'a.village_code').onRef('r.id', '=', 'a.response_id'))
      .select((eb) => [eb.fn.countAll<number>().as('n')]).where('a.village_code', '=', V).where('a.question_id', '=', floor!.id).where('a.value_text', '=', '1').executeTakeFirstOrThrow();
    expect(Number(byDusun.n)).toBe(4);
    // By RT too; and the summary workbook carries the same numbers.
    expect(page).not.toContain('Dusun Dusun');
    expect(await text(await operator.get(`${base()}/hasil?per=rt`))).toMatch(/Dusun I · RT \S+ /);
    const file = await operator.get(`${base()}/hasil.xlsx`);
    expect(file.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await file.arrayBuffer()) as never);
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    const keramik = rows.find((r) => r[1] === 'Keramik/marmer')!;
    expect(keramik.at(-1)).toBe('4');
  });

  it('exports every response with names to survey.read only, and logs it', async () => {
    const file = await operator.get(`${base()}/jawaban.xlsx`);
    expect(file.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await file.arrayBuffer()) as never);
    let body = 0;
    wb.worksheets[0]!.eachRow((r) => { if (/^\d+$/.test(String(r.getCell(1).value ?? ''))) body++; });
    expect(body).toBe(10);
    const logged = await db().selectFrom('audit_log').select(['actor_label', 'detail']).where('village_code', '=', V).where('action', '=', 'survey.export').execute();
    expect(logged).toEqual([expect.objectContaining({ actor_label: 'hanura', detail: expect.objectContaining({ rows: 10 }) })]);
    expect((await treasurer.get(`${base()}/jawaban.xlsx`)).status).toBe(403);
    expect((await treasurer.get(`${base()}/hasil`)).status).toBe(403);
  });
});

describe('scope', () => {
  it('refuses another village\'s operator, and finds no questionnaire of Hanura under another village', async () => {
    for (const path of [`/desa/${V}/survei`, base(), `${base()}/isi`, `${base()}/hasil`, `${base()}/jawaban.xlsx`]) expect((await otherVillage.get(path)).status, path).toBe(403);
    expect((await otherVillage.form(`${base()}/isi/${households[1]!.id}`, { [`a_${(await q(1)).id}`]: '1' })).status).toBe(403);
    expect((await otherVillage.form(`/desa/${V}/survei/salin`, { template: 'kondisi-rumah' })).status).toBe(403);
    const own = (await db().selectFrom('users').select('region_code').where('username', '=', 'batumenyan').executeTakeFirstOrThrow()).region_code!;
    expect((await otherVillage.get(`/desa/${own}/survei/${survey}`)).status).toBe(404);
    // A household of another village is no subject here.
    expect((await operator.get(`${base()}/isi/999999999`)).status).toBe(404);
  });

  it('shows the levels above counts per village only', async () => {
    const page = await district.get('/pantau/18.09.10/survei');
    expect(page.status).toBe(200);
    const body = await text(page);
    const row = await db().selectFrom('monitoring_surveys').selectAll().where('village_code', '=', V).executeTakeFirstOrThrow();
    const ours = { questionnaires: before.questionnaires + 1, open: before.open + 1, responses: before.responses + 10, complete: before.complete + 10 };
    expect(row).toMatchObject(ours);
    expect(body).toContain('Hanura');
    expect(body).not.toContain('Keramik');
    for (const path of [base(), `${base()}/isi`, `${base()}/hasil`, `${base()}/jawaban.xlsx`]) expect((await district.get(path)).status, path).toBe(403);
    // The rollup counted again from the rows gives the same.
    await rebuildRollups(t.db, { code: V });
    expect(await db().selectFrom('monitoring_surveys').selectAll().where('village_code', '=', V).executeTakeFirstOrThrow()).toMatchObject(ours);
  });
});
