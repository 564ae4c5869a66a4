import sharp from 'sharp';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';
import { pdfText } from '../../../test/support/pdf-text.js';
import { rebuildRollups } from '../monitoring/index.js';
import { STATE_PAID_OCCUPATIONS } from './rules.js';

const V = '18.09.10.2004'; // Hanura: the demo households and a budget with BLT for 30 households a year
const B = '18.09.10.2001'; // Batu Menyan
const YEAR = Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4)); // this year in WIB, as the pages count it
let t: TestApp;
let operator: Client;
let head: Client;
let treasurer: Client;
let district: Client;
let batu: Client;

beforeAll(async () => {
  t = await createTestApp({ population: true, citizen: true });
  [operator, head, treasurer, district, batu] = await Promise.all(['hanura', 'kades.hanura', 'bendahara.hanura', 'telukpandan', 'batumenyan'].map((u) => t.login(u)));
});
afterAll(() => t.close());

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const db = () => t.db.kysely;
const masked = (nik: string) => `${nik.slice(0, 4)}********${nik.slice(12)}`;

/** A multipart form post with the client's CSRF token. */
function upload(client: Client, path: string, fields: Record<string, string | string[]>, files: Record<string, { name: string; bytes: Uint8Array; type: string }> = {}) {
  const form = new FormData();
  form.set('_csrf', client.csrf);
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) form.append(k, one);
  for (const [k, f] of Object.entries(files)) form.set(k, new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
  return client.request(path, { method: 'POST', body: form });
}
const csv = (lines: string[]) => ({ name: 'dtsen-hanura.csv', bytes: new TextEncoder().encode(lines.join('\n')), type: 'text/csv' });

/** The heads of the demo households (by household id), with their NIKs. */
const householdHeads = async () =>
  (await sql<{ household: number; number: number; nik: string; kk: string }>`
    select h.id as household, h.number, r.nik, f.kk_number as kk from households h
    join families f on f.village_code = h.village_code and f.id = h.main_family_id
    join residents r on r.village_code = h.village_code and r.family_id = h.main_family_id and r.family_relation = 1 and r.life_status = 1
    where h.village_code = ${V} and h.status = 'active'
      -- Households of no civil servant, soldier, police officer or official: the rules leave those out.
      and not exists (select 1 from household_families hf join residents m on m.village_code = hf.village_code and m.family_id = hf.family_id and m.life_status in (1, 6)
        where hf.village_code = h.village_code and hf.household_id = h.id and hf.removed_at is null and m.occupation in (${sql.join(STATE_PAID_OCCUPATIONS)}))
    order by h.number`.execute(db())).rows.map((r) => ({ ...r, household: Number(r.household) }));

let programmeUrl = '';
let programme = 0;
let ranked: { household: number; number: number; nik: string; kk: string; desil: number }[] = [];

describe('welfare ranks (DTSEN)', () => {
  it('previews a desil file: unknown NIKs and NIKs living elsewhere listed (never naming the village), errors by line; imports only the village\'s people', async () => {
    const heads = await householdHeads();
    ranked = heads.slice(0, 12).map((h, i) => ({ ...h, desil: (i % 4) + 1 }));
    // Someone registered in Batu Menyan: the Hanura file lists them too.
    const moved = await batu.post(`/api/v1/villages/${B}/residents`, { name: 'Rudi Hartono', sex: 1, religion: 1, birth_place: 'Pesawaran', birth_date: '1980-02-03', nik: '1809100302800007', kk_number: '1809100101210007' });
    expect(moved.status).toBe(201);
    const unknown = ['1809104101990001', '1809104101990002', '1809104101990003'];
    const rows = ['NIK,DESIL', ...ranked.map((r) => `${r.nik},${r.desil}`), ...unknown.map((n) => `${n},2`), '1809100302800007,1'];

    const bad = await upload(operator, `/desa/${V}/bansos/dtsen`, { source: 'DTSEN' }, { file: csv([...rows, '18091,3', `${ranked[0]!.nik},1`, '1809104101990009,11']) });
    expect(bad.status).toBe(422);
    const badPage = await text(bad);
    expect(badPage).toContain(`${rows.length + 1} NIK NIK harus 16 angka.`);
    expect(badPage).toContain(`${rows.length + 2} NIK NIK ini sudah ada di baris 2.`);
    expect(badPage).toContain(`${rows.length + 3} DESIL Desil harus angka 1 sampai 10.`);
    expect(badPage).not.toContain('Impor: ganti data desil');

    const res = await upload(operator, `/desa/${V}/bansos/dtsen`, { source: 'DTSEN' }, { file: csv(rows) });
    expect(res.status).toBe(200);
    const page = await text(res);
    expect(page).toContain(`Baris di berkas ${rows.length - 1}`);
    expect(page).toContain(`Cocok dengan penduduk desa ini (akan disimpan) ${ranked.length}`);
    expect(page).toContain('NIK tidak ada di data penduduk desa ini 3');
    expect(page).toContain('NIK tercatat tinggal di desa lain (tidak disimpan; nama desanya tidak ditampilkan) 1');
    for (const n of unknown) expect(page).toContain(masked(n));
    expect(page).toContain(masked('1809100302800007'));
    expect(page).not.toContain('Batu Menyan');
    expect(page).not.toContain(ranked[0]!.nik);
    // The answer about another village is counted and audited with the NIK hashed.
    const audit = await db().selectFrom('audit_log').select('detail').where('action', '=', 'population.nik_elsewhere').where('village_code', '=', V).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ via: 'welfare', count: 1 });
    expect(JSON.stringify(audit.detail)).not.toContain('1809100302800007');

    const id = /bansos\/dtsen\/(\d+)\/impor/.exec(await (await upload(operator, `/desa/${V}/bansos/dtsen`, {}, { file: csv(rows) })).text())![1];
    const done = await operator.form(`/desa/${V}/bansos/dtsen/${id}/impor`, {});
    expect(done.status).toBe(303);
    const kept = await db().selectFrom('welfare_ranks').select(['nik', 'desil']).where('village_code', '=', V).orderBy('nik').execute();
    expect(kept).toEqual(ranked.map((r) => ({ nik: r.nik, desil: r.desil })).sort((a, b) => a.nik.localeCompare(b.nik)));
    expect((await operator.form(`/desa/${V}/bansos/dtsen/${id}/impor`, {})).status).toBe(409);
  });

  it('lets the head read the counts but not import; the district sees nothing', async () => {
    const page = await text(await head.get(`/desa/${V}/bansos/dtsen`));
    expect(page).toMatch(/Desil Penduduk 1 3 2 3 3 3 4 3/);
    expect(page).not.toContain('Periksa berkas');
    expect((await upload(head, `/desa/${V}/bansos/dtsen`, {}, { file: csv(['NIK,DESIL']) })).status).toBe(403);
    expect((await district.get(`/desa/${V}/bansos/dtsen`)).status).toBe(403);
    expect((await district.get(`/desa/${V}/bansos`)).status).toBe(403);
  });
});

const bltForm = (over: Record<string, string> = {}) => ({
  kind: 'BLT-DD', name: 'BLT Dana Desa', year: String(YEAR), target: 'household', period_kind: 'month', periods: '12', amount: '300000', fund: 'DDS',
  c_desil: '1', desil_max: '4', c_single_elderly: '1', elderly_age: '60', x_official: '1', x_receives: '1', receives_kind: 'PKH', ...over,
});

describe('an aid programme', () => {
  it('refuses a programme without criteria, naming the field', async () => {
    const res = await operator.form(`/desa/${V}/bansos`, bltForm({ c_desil: '', c_single_elderly: '' }));
    expect(res.status).toBe(400);
    expect(await text(res)).toContain('Pilih sedikitnya satu kriteria penerima');
  });

  it('generates the candidate list from the register with each reason, desil 1 first, without state-paid households', async () => {
    // A civil servant in the last ranked household: excluded whatever its desil.
    const official = ranked.at(-1)!;
    await db().updateTable('residents_rows').set({ occupation: 5 }).where('village_code', '=', V).where('nik', '=', official.nik).execute();
    const created = await operator.form(`/desa/${V}/bansos`, bltForm());
    expect(created.status).toBe(303);
    programmeUrl = created.headers.get('location')!;
    const built = await operator.form(`${programmeUrl}/calon`, {});
    expect(built.status).toBe(200);
    expect(await text(built)).toContain(`${ranked.length - 1} calon ditambahkan ke daftar. 0 yang memenuhi syarat`);
    programme = Number(programmeUrl.split('/').at(-1));
    const list = await db().selectFrom('assistance_recipients').select(['household_id', 'reasons', 'priority', 'status']).where('village_code', '=', V).where('programme_id', '=', programme).orderBy('priority').execute();
    const expected = ranked.slice(0, -1);
    for (const r of expected) {
      const row = list.find((l) => Number(l.household_id) === r.household)!;
      expect(row.reasons).toEqual(expect.arrayContaining([{ key: 'desil', desil: expect.any(Number) }]));
      expect((row.reasons as { desil?: number }[]).find((x) => x.desil)!.desil).toBeLessThanOrEqual(r.desil);
    }
    expect(list.some((l) => Number(l.household_id) === official.household)).toBe(false);
    const page = await text(await operator.get(programmeUrl));
    const first = ranked.find((r) => r.desil === 1)!;
    expect(page).toContain(masked(first.nik));
    expect(page).not.toContain(first.nik);
    expect(page).toMatch(/desil 1/);
    // Reading the list is logged.
    const read = await db().selectFrom('audit_log').select(['actor_label']).where('action', '=', 'assistance.read').where('village_code', '=', V).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(read.actor_label).toBe('hanura');
    // Generating again adds nobody twice.
    const before = list.length;
    await operator.form(`${programmeUrl}/calon`, {});
    expect(Number((await db().selectFrom('assistance_recipients').select(sql<string>`count(*)`.as('n')).where('village_code', '=', V).where('programme_id', '=', programme).executeTakeFirstOrThrow()).n)).toBe(before);
  });

  it('adds a name by hand with its reason and drops one with why; both audited; the treasurer only reads', async () => {
    const heads = await householdHeads();
    const extra = heads.find((h) => !ranked.some((r) => r.household === h.household))!;
    const noNote = await operator.form(`${programmeUrl}/penerima`, { recipient: String(extra.number), reason: 'lost_livelihood', note: '' });
    expect(noNote.status).toBe(400);
    expect(await text(noNote)).toContain('Kolom Catatan wajib diisi');
    const added = await operator.form(`${programmeUrl}/penerima`, { recipient: String(extra.number), reason: 'lost_livelihood', note: 'Kepala keluarga kena PHK Oktober' });
    expect(added.status).toBe(303);
    expect((await operator.form(`${programmeUrl}/penerima`, { recipient: String(extra.number), reason: 'other', note: 'dua kali' })).status).toBe(409);
    // The rules' exclusions hold for a name added by hand too.
    const official = await operator.form(`${programmeUrl}/penerima`, { recipient: String(ranked.at(-1)!.number), reason: 'other', note: 'Usulan RT 003' });
    expect(official.status).toBe(400);
    expect(await text(official)).toContain('ada anggota PNS/TNI/Polri/pejabat/perangkat desa — dikecualikan');
    expect(await text(await operator.get(programmeUrl))).toContain('kehilangan mata pencaharian (petugas) — Kepala keluarga kena PHK Oktober');

    const drop = await db().selectFrom('assistance_recipients').select('id').where('village_code', '=', V).where('programme_id', '=', programme).where('household_id', '=', ranked[1]!.household).executeTakeFirstOrThrow();
    expect((await operator.form(`${programmeUrl}/penerima/${drop.id}/keluar`, { reason: 'Sudah mampu, usaha berjalan' })).status).toBe(303);
    const audits = await db().selectFrom('audit_log').select(['action', 'detail']).where('village_code', '=', V).where('action', 'in', ['assistance.recipient_add', 'assistance.recipient_drop']).execute();
    expect(audits.map((a) => a.action).sort()).toEqual(['assistance.recipient_add', 'assistance.recipient_drop']);
    expect(audits.find((a) => a.action === 'assistance.recipient_drop')!.detail).toMatchObject({ reason: 'Sudah mampu, usaha berjalan' });
    // Dropped stays dropped when the list is built again.
    await operator.form(`${programmeUrl}/calon`, {});
    expect((await db().selectFrom('assistance_recipients').select('status').where('id', '=', drop.id).where('village_code', '=', V).executeTakeFirstOrThrow()).status).toBe('dropped');
    expect((await treasurer.get(programmeUrl)).status).toBe(200);
    expect((await treasurer.form(`${programmeUrl}/calon`, {})).status).toBe(403);
  });

  it('is adopted by the musdesus (attendance and minutes), claiming each benefit once; another village is refused naming the first', async () => {
    const adoptEarly = await operator.form(`${programmeUrl}/tetapkan`, {});
    expect(await text(adoptEarly)).toContain('Buka musdesus dulu');
    expect((await operator.form(`${programmeUrl}/musdesus`, { held_on: `${YEAR}-01-10`, place: 'Balai Desa Hanura' })).status).toBe(303);
    const meeting = (await db().selectFrom('assistance_programmes').select('meeting_id').where('village_code', '=', V).where('id', '=', programme).executeTakeFirstOrThrow()).meeting_id!;
    expect(await text(await operator.form(`${programmeUrl}/tetapkan`, {}))).toContain('Daftar hadir masih kosong');
    const m = `/desa/${V}/musyawarah/${meeting}`;
    expect((await operator.form(`${m}/peserta`, { niks: ranked.slice(0, 3).map((r) => r.nik).join('\n'), attend_as: 'Warga' })).status).toBe(303);
    expect(await text(await operator.form(`${programmeUrl}/tetapkan`, {}))).toContain('Notulen musdesus masih kosong');
    expect((await operator.form(`${m}/notulen`, { minutes: 'Daftar calon dibacakan, disepakati tanpa perubahan.' })).status).toBe(303);
    // The meeting page does not close it: the programme does, with its list.
    expect((await operator.form(`${m}/tutup`, {})).status).toBe(409);
    const adopted = await operator.form(`${programmeUrl}/tetapkan`, {});
    expect(adopted.status).toBe(303);

    const recipients = await db().selectFrom('assistance_recipients').select(['id', 'claim_subjects']).where('village_code', '=', V).where('programme_id', '=', programme).where('status', '=', 'adopted').execute();
    const claims = await db().selectFrom('assistance_claims').select(['subject', 'village_code']).where('claim_key', '=', 'BLT-DD').where('year', '=', YEAR).execute();
    expect(claims.length).toBe(recipients.flatMap((r) => r.claim_subjects).length);
    const rollup = await db().selectFrom('monitoring_assistance').selectAll().where('village_code', '=', V).where('year', '=', YEAR).executeTakeFirstOrThrow();
    expect(rollup).toMatchObject({ kind: 'BLT-DD', recipients: recipients.length, payouts: 0 });
    expect((await operator.form(`${programmeUrl}/calon`, {})).status).toBe(409);
    const pdf = pdfText(Buffer.from(await (await operator.get(`${m}/berita-acara.pdf`)).arrayBuffer()));
    expect(pdf).toContain(`Daftar penerima BLT Dana Desa tahun ${YEAR} yang ditetapkan (${recipients.length} rumah tangga)`.replace(/\s/g, ''));
    expect(pdf).toContain(masked(ranked[0]!.nik));

    // The first household's card in Batu Menyan too (a card carried over): its BLT this year is Hanura's.
    const kk = ranked[0]!.kk;
    const headThere = await batu.post(`/api/v1/villages/${B}/residents`, { name: 'Sri Wahyuni', sex: 2, religion: 1, birth_place: 'Pesawaran', birth_date: '1975-05-05', nik: '1809104505750003', kk_number: kk });
    expect(headThere.status).toBe(201);
    expect((await batu.form(`/desa/${B}/rumah-tangga`, { kk_number: kk })).status).toBe(303);
    const number = (await db().selectFrom('households').select('number').where('village_code', '=', B).executeTakeFirstOrThrow()).number;
    const there = await batu.form(`/desa/${B}/bansos`, bltForm());
    expect(there.status).toBe(303);
    const refused = await batu.form(`${there.headers.get('location')}/penerima`, { recipient: String(number), reason: 'lost_livelihood', note: 'Pindahan dari desa tetangga' });
    expect(refused.status).toBe(409);
    const message = await text(refused);
    expect(message).toContain(`Kolom Rumah tangga / KK / NIK: sudah menerima BLT Dana Desa tahun ${YEAR} di Desa Hanura.`);
    expect(message).not.toContain(ranked[0]!.nik);
  });

  it('refuses an adoption whose claim another village took meanwhile, naming that village only', async () => {
    // Batu Menyan's own list is generated and adopted while one of its KKs was already claimed by Hanura.
    const there = (await db().selectFrom('assistance_programmes').select('id').where('village_code', '=', B).executeTakeFirstOrThrow()).id;
    const household = (await db().selectFrom('households').select('id').where('village_code', '=', B).executeTakeFirstOrThrow()).id;
    const me = (await db().selectFrom('users').select('id').where('username', '=', 'batumenyan').executeTakeFirstOrThrow()).id;
    await db().insertInto('assistance_recipients').values({
      village_code: B, programme_id: there, household_id: household, claim_subjects: [`kk:${ranked[0]!.kk}`], reasons: '[]', priority: 3, source: 'manual', added_by: me,
    }).execute();
    const url = `/desa/${B}/bansos/${there}`;
    expect((await batu.form(`${url}/musdesus`, { held_on: `${YEAR}-01-12`, place: 'Balai Desa' })).status).toBe(303);
    const meeting = (await db().selectFrom('assistance_programmes').select('meeting_id').where('village_code', '=', B).executeTakeFirstOrThrow()).meeting_id!;
    await batu.form(`/desa/${B}/musyawarah/${meeting}/peserta`, { niks: '1809104505750003' });
    await batu.form(`/desa/${B}/musyawarah/${meeting}/notulen`, { minutes: 'Disepakati.' });
    const res = await batu.form(`${url}/tetapkan`, {});
    expect(res.status).toBe(409);
    expect(await text(res)).toContain(`di Desa Hanura`);
    // Nothing half-done: the meeting is still open and no claim was written for Batu Menyan.
    expect((await db().selectFrom('meetings').select('status').where('village_code', '=', B).where('id', '=', meeting).executeTakeFirstOrThrow()).status).toBe('open');
    expect(await db().selectFrom('assistance_claims').select('subject').where('village_code', '=', B).execute()).toEqual([]);
  });

  it('records three monthly payouts with proof; a month is paid once; the rollup adds them up', async () => {
    const listed = await db().selectFrom('assistance_recipients').select('id').where('village_code', '=', V).where('programme_id', '=', programme).where('status', '=', 'adopted').orderBy('id').execute();
    expect((await upload(operator, `${programmeUrl}/penyaluran`, { period: '1', paid_on: `${YEAR}-01-25`, proof: 'signature' })).status).toBe(303);
    // Who did not come, by household number: one that is not on the list is refused by name.
    const [first] = await db().selectFrom('assistance_recipients as a').innerJoin('households as h', (j) => j.onRef('h.village_code', '=', 'a.village_code').onRef('h.id', '=', 'a.household_id'))
      .select('h.number').where('a.village_code', '=', V).where('a.programme_id', '=', programme).where('a.status', '=', 'adopted').execute();
    const notListed = ranked.at(-1)!.number;
    const wrong = await upload(operator, `${programmeUrl}/penyaluran`, { period: '2', paid_on: `${YEAR}-02-25`, proof: 'signature', absent: `${first!.number}, ${notListed}` });
    expect(wrong.status).toBe(400);
    expect(await text(wrong)).toContain(`Kolom Tidak hadir: ${notListed} tidak ada di daftar penerima program ini.`);
    expect((await upload(operator, `${programmeUrl}/penyaluran`, { period: '2', paid_on: `${YEAR}-02-25`, proof: 'signature', absent: String(first!.number) })).status).toBe(303);
    const noPhoto = await upload(operator, `${programmeUrl}/penyaluran`, { period: '3', paid_on: `${YEAR}-03-25`, proof: 'photo' });
    expect(noPhoto.status).toBe(400);
    expect(await text(noPhoto)).toContain('lampirkan foto bukti');
    const jpeg = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#777' } }).jpeg().toBuffer();
    expect((await upload(operator, `${programmeUrl}/penyaluran`, { period: '3', paid_on: `${YEAR}-03-25`, proof: 'photo' }, { photo: { name: 'serah.jpg', bytes: jpeg, type: 'image/jpeg' } })).status).toBe(303);
    const again = await upload(operator, `${programmeUrl}/penyaluran`, { period: '1', paid_on: `${YEAR}-04-01`, proof: 'signature' });
    expect(again.status).toBe(409);
    expect(await text(again)).toContain('periode 1 sudah disalurkan');
    const rollup = await db().selectFrom('monitoring_assistance').selectAll().where('village_code', '=', V).where('year', '=', YEAR).executeTakeFirstOrThrow();
    expect(rollup.payouts).toBe(3);
    expect(BigInt(rollup.paid)).toBe(300_000n * BigInt(listed.length * 3 - 1));
    // The public budget page: totals per programme and per dusun, small counts hidden, no names.
    const pub = await text(await t.anonymous.get(`/publik/desa/${V}/apbdes?tahun=${YEAR}`));
    expect(pub).toContain(`Bantuan sosial BLT Dana Desa · ${listed.length} rumah tangga · tersalur Rp`);
    expect(pub).toContain('Jumlah di bawah 5 tidak ditampilkan');
    expect(pub).toMatch(/Dusun Penerima (Dusun [IV]+ (&lt; 5|\d+) )+/);
    // No single hidden cell: the total less the cells shown would tell it.
    expect((pub.match(/Dusun [IV]+ &lt; 5/g) ?? []).length).not.toBe(1);
    for (const r of ranked) expect(pub).not.toContain(r.nik.slice(4, 12));
    const names = await sql<{ name: string }>`select r.name from residents r where r.village_code = ${V} and r.nik in (${sql.join(ranked.map((x) => x.nik))})`.execute(db());
    for (const { name } of names.rows) expect(pub).not.toContain(name);
    // The same for other systems: the public totals, and the list for the village's officers (NIK masked).
    const api = (await (await t.anonymous.get(`/api/v1/public/villages/${V}/assistance?tahun=${YEAR}`)).json()).data;
    expect(api.programmes[0]).toMatchObject({ kind: 'BLT-DD', recipients: listed.length });
    expect(api.programmes[0].per_dusun.some((d: { n: number | null }) => d.n === null)).toBe(true);
    const list = (await (await head.get(`/api/v1/villages/${V}/assistance/programmes/${programme}`)).json()).data;
    expect(list.listed).toBe(listed.length);
    expect(list.recipients[0].nik).toMatch(/^\d{4}\*{8}\d{4}$/);
    expect((await district.get(`/api/v1/villages/${V}/assistance/programmes`)).status).toBe(403);
    // The district sees the counts, not the names.
    const dashboard = await text(await district.get('/pantau/18.09.10/penduduk'));
    expect(dashboard).toMatch(new RegExp(`Bantuan sosial tahun ini \\(${YEAR}\\) Program Penerima Penyaluran Tersalur BLT-DD ${listed.length} 3 Rp[0-9.]+`));
    expect(dashboard).not.toContain(ranked[0]!.nik.slice(12));
    // rebuild-rollups recounts the aid row from the lists and payouts.
    await db().updateTable('monitoring_assistance').set({ recipients: 999 }).where('village_code', '=', V).where('year', '=', YEAR).execute();
    await rebuildRollups(t.db, { code: V });
    expect(await db().selectFrom('monitoring_assistance').selectAll().where('village_code', '=', V).where('year', '=', YEAR).executeTakeFirstOrThrow()).toEqual({ ...rollup, updated_at: expect.any(Date) });
    const photo = await db().selectFrom('assistance_payouts').select('id').where('village_code', '=', V).where('period', '=', 3).executeTakeFirstOrThrow();
    const img = await operator.get(`${programmeUrl}/penyaluran/${photo.id}/foto`);
    expect(img.headers.get('content-type')).toBe('image/jpeg');
    expect((await sharp(Buffer.from(await img.arrayBuffer())).metadata()).width).toBe(1280);
  });

  it('ends a recipient with why: paid this year, the claim stays', async () => {
    const paid = await db().selectFrom('assistance_recipients').select(['id', 'claim_subjects']).where('village_code', '=', V).where('programme_id', '=', programme).where('status', '=', 'adopted').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect((await operator.form(`${programmeUrl}/penerima/${paid.id}/keluar`, { reason: 'Pindah ke luar kabupaten' })).status).toBe(303);
    const still = await db().selectFrom('assistance_claims').select('subject').where('recipient_id', '=', paid.id).where('village_code', '=', V).execute();
    expect(still.map((s) => s.subject).sort(), JSON.stringify(paid)).toEqual([...paid.claim_subjects].sort());
  });
});
