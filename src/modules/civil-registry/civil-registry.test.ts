import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';
import type { UseCaseContext } from '../../platform/context.js';
import { DEMO_CITIZEN } from '../demo/seed-demo.js';
import { rebuildRollups } from '../monitoring/rollups.service.js';
import { areaChain, CODE_LISTS } from '../population/index.js';
import { applyCorrections } from './reconcile.service.js';

const V = '18.09.10.2004'; // Hanura, 2,500 generated residents
const BASE = `/desa/${V}/dukcapil`;
const API = `/api/v1/villages/${V}`;
let t: TestApp;
let op: Client;
let sekdes: Client;
let kades: Client;
let bendahara: Client;
let other: Client; // Batu Menyan's operator
let district: Client;
let citizen: Client;
let opCtx: UseCaseContext;

const db = () => t.db.kysely;
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const plain = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/\s+/g, ' ');
const text = async (res: Response) => plain(await res.text());
const label = (list: keyof typeof CODE_LISTS, code: number | null) => (code === null ? '' : CODE_LISTS[list].codes.find(([c]) => c === code)![1]);

/** A workbook's sheets as rows of text, the title row first. */
async function sheetsOf(bytes: ArrayBuffer | Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as ArrayBuffer);
  const out: Record<string, string[][]> = {};
  wb.eachSheet((ws) => {
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    out[ws.name] = rows;
  });
  return out;
}
/** The rows of one sheet as objects by column title. */
const records = (rows: string[][]) => rows.slice(1).map((r) => Object.fromEntries(rows[0]!.map((h, i) => [h, r[i] ?? ''])));

function upload(client: Client, bytes: Uint8Array | Buffer, name: string, path = `${BASE}/impor`) {
  const body = new FormData();
  body.set('_csrf', client.csrf);
  body.set('file', new Blob([new Uint8Array(bytes)]), name);
  return client.request(path, { method: 'POST', body });
}
function apply(client: Client, importId: number, picks: string[], all = false) {
  const body = new URLSearchParams({ _csrf: client.csrf });
  for (const p of picks) body.append('pick', p);
  if (all) body.set('semua', '1');
  return client.request(`${BASE}/impor/${importId}/terapkan`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}
const exportNow = (client: Client, fields: Record<string, string> = {}) => client.form(`${BASE}/laporan`, fields);
const newestReport = () => db().selectFrom('civil_registry_reports').select(['id', 'number', 'counts']).where('village_code', '=', V).orderBy('number', 'desc').executeTakeFirst();
const ok = async (res: Response, status: number) => expect(res.status, await res.clone().text().then((s) => s.slice(0, 600))).toBe(status);

/** Someone living in Hanura, not a family head (so their death leaves no family without one), skipping `not`. */
async function someone(not: number[] = []) {
  const r = await db().selectFrom('residents').select(['id', 'family_id', 'nik', 'name']).where('village_code', '=', V).where('life_status', '=', 1)
    .where('family_relation', '<>', 1).where('id', 'not in', not.length ? not : [0]).orderBy('id').limit(1).executeTakeFirstOrThrow();
  return { ...r, id: Number(r.id), family_id: Number(r.family_id) };
}

let nikSerial = 0;
/** A fresh valid NIK of Teluk Pandan, born 17 August 2024. */
const freshNik = () => `1809105708240${String(++nikSerial).padStart(3, '0')}`;

async function recordBirth(name: string) {
  const family = await someone();
  const nik = freshNik();
  const res = await op.post(`${API}/births`, { family_id: family.family_id, nik, name, sex: 2, birth_place: 'Pesawaran', birth_date: today(), religion: 1 });
  await ok(res, 201);
  return { id: ((await res.json()) as { data: { id: number } }).data.id, nik };
}

beforeAll(async () => {
  t = await createTestApp({ population: true, citizen: true });
  [op, sekdes, kades, bendahara, other, district] = await Promise.all(['hanura', 'sekdes.hanura', 'kades.hanura', 'bendahara.hanura', 'batumenyan', 'telukpandan'].map((u) => t.login(u)));
  citizen = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
  const user = await db().selectFrom('users').select(['id', 'full_name']).where('username', '=', 'hanura').executeTakeFirstOrThrow();
  opCtx = { db: t.db, actor: { kind: 'user', id: Number(user.id), username: 'hanura', fullName: user.full_name, role: 'village_operator', regionCode: V, language: 'id' }, ip: 'test', lang: 'id' };
}, 120_000);
afterAll(() => t?.close());

const ids = { dead: 0, movedOut: 0, corrected: 0, report: 0, reportBytes: new Uint8Array(), importId: 0 };

describe('reports of the register\'s changes to the civil registry', () => {
  it('exports exactly the births, deaths, moves and corrections since the last report, in SIAK\'s columns, once each', async () => {
    // Whatever the demo recorded today goes into a first report; what follows is ours alone.
    const first = await exportNow(op, { sejak: today() });
    expect([303, 400]).toContain(first.status);

    const baby = await recordBirth('BAYI PERTAMA');
    const dead = await someone();
    await ok(await op.post(`${API}/residents/${dead.id}/death`, { date: today(), place: 'Rumah', cause: 'Sakit tua', reporter_name: 'Sutarno', reporter_relation: 'Anak' }), 201);
    const leaving = await someone([dead.id]);
    await ok(await op.post(`${API}/residents/${leaving.id}/move-out`, { date: today(), destination: 'Jl. Merdeka 1, Bandar Lampung', classification: 'regency', reason: 'Pekerjaan' }), 201);
    const family = await someone([dead.id, leaving.id]);
    const arrival = freshNik();
    await ok(await op.post(`${API}/moves-in`, { date: today(), from: 'Desa Sukamaju, Kec. Gedong Tataan', family_id: family.family_id, nik: arrival, name: 'PENDATANG BARU', sex: 1, religion: 1, birth_date: '1990-08-17' }), 201);
    const fixing = await someone([dead.id, leaving.id, family.id]);
    await ok(await op.json('PATCH', `${API}/residents/${fixing.id}`, { name: 'NAMA SUDAH DIPERBAIKI', phone: '081234567890', reason: 'Salah ketik nama' }), 200);
    // A correction of a phone number only is not the civil registry's business.
    await ok(await op.json('PATCH', `${API}/residents/${dead.id + 0}`, { phone: '081298765432', reason: 'Nomor baru' }), 200);
    Object.assign(ids, { dead: dead.id, movedOut: leaving.id, corrected: fixing.id });

    const res = await exportNow(op);
    await ok(res, 303);
    expect(res.headers.get('location')).toMatch(/\/dukcapil\?dibuat=\d+-5$/);
    const report = (await newestReport())!;
    expect(report.counts).toEqual({ birth: 1, death: 1, move_in: 1, move_out: 1, correction: 1 });
    const file = await op.get(`${BASE}/laporan/${report.id}/berkas`);
    await ok(file, 200);
    expect(file.headers.get('content-disposition')).toContain(`laporan-dukcapil-1809102004-${String(report.number).padStart(3, '0')}.xlsx`);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const sheets = await sheetsOf(bytes);
    expect(Object.keys(sheets)).toEqual(['LAHIR', 'MATI', 'PINDAH DATANG', 'PINDAH KELUAR', 'PERUBAHAN DATA', 'KETERANGAN']);
    expect(sheets.LAHIR![0]!.slice(0, 7)).toEqual(['NO', 'NIK', 'NO_KK', 'NAMA_LGKP', 'JENIS_KLMIN', 'TMPT_LHR', 'TGL_LHR']);
    const born = records(sheets.LAHIR!);
    expect(born.map((r) => [r.NIK, r.NAMA_LGKP, r.JENIS_KLMIN])).toEqual([[baby.nik, 'BAYI PERTAMA', 'PEREMPUAN']]);
    expect(born[0]!.TGL_LHR).toBe(`${today().slice(8)}-${today().slice(5, 7)}-${today().slice(0, 4)}`);
    expect(born[0]!.DUSUN).not.toBe('');
    expect(records(sheets.MATI!).map((r) => [r.NIK, r.SEBAB_MATI, r.NAMA_PELAPOR, r.HUB_PELAPOR])).toEqual([[dead.nik, 'Sakit tua', 'Sutarno', 'ANAK']]);
    expect(records(sheets['PINDAH KELUAR']!).map((r) => [r.NIK, r.ALAMAT_TUJUAN, r.KLASIFIKASI_PINDAH])).toEqual([[leaving.nik, 'Jl. Merdeka 1, Bandar Lampung', 'ANTAR KABUPATEN/KOTA DALAM SATU PROVINSI']]);
    expect(records(sheets['PINDAH DATANG']!).map((r) => [r.NIK, r.NAMA_LGKP, r.ALAMAT_ASAL])).toEqual([[arrival, 'PENDATANG BARU', 'Desa Sukamaju, Kec. Gedong Tataan']]);
    expect(records(sheets['PERUBAHAN DATA']!).map((r) => [r.NIK, r.ELEMEN_DATA, r.DATA_LAMA, r.DATA_BARU, r.ALASAN])).toEqual([[fixing.nik, 'NAMA_LGKP', fixing.name, 'NAMA SUDAH DIPERBAIKI', 'Salah ketik nama']]);
    ids.report = report.id;
    ids.reportBytes = bytes;

    // The page says what the report held; the download is in the access log.
    expect(await text(await op.get(`${BASE}?dibuat=${report.number}-5`))).toContain(`Laporan nomor ${report.number} dibuat: 5 baris`);
    const logged = await db().selectFrom('audit_log').select(['action', 'detail']).where('subject', '=', `civil_registry_report:${report.id}`).orderBy('id').execute();
    expect(logged.map((l) => l.action)).toEqual(['civil_registry.report', 'civil_registry.report_download']);
  });

  it('a second export after one new birth holds only that birth; nothing new is refused; an earlier report downloads as the same file', async () => {
    const none = await exportNow(op);
    await ok(none, 400);
    expect(await text(none)).toContain('Belum ada kelahiran, kematian, pindah datang, pindah keluar atau perubahan data yang belum dilaporkan');
    const baby = await recordBirth('BAYI KEDUA');
    // Two officers at the same moment: one report holds the birth, the other is refused.
    const both = await Promise.all([exportNow(op), exportNow(sekdes)]);
    expect(both.map((r) => r.status).sort()).toContain(303);
    expect(both.filter((r) => r.status !== 303).every((r) => r.status === 409 || r.status === 400)).toBe(true);
    const report = (await newestReport())!;
    expect(report.counts).toEqual({ birth: 1, death: 0, move_in: 0, move_out: 0, correction: 0 });
    const sheets = await sheetsOf(await (await op.get(`${BASE}/laporan/${report.id}/berkas`)).arrayBuffer());
    expect(records(sheets.LAHIR!).map((r) => r.NIK)).toEqual([baby.nik]);
    for (const s of ['MATI', 'PINDAH DATANG', 'PINDAH KELUAR', 'PERUBAHAN DATA']) expect(sheets[s]!.length, s).toBe(1);
    const holding = await db().selectFrom('civil_registry_report_events as x').innerJoin('population_events as e', (j) => j.onRef('e.village_code', '=', 'x.village_code').onRef('e.id', '=', 'x.event_id'))
      .select('x.report_id').where('x.village_code', '=', V).where('e.resident_id', '=', baby.id).execute();
    expect(holding).toHaveLength(1);

    const again = new Uint8Array(await (await sekdes.get(`${BASE}/laporan/${ids.report}/berkas`)).arrayBuffer());
    expect(Buffer.from(again).equals(Buffer.from(ids.reportBytes))).toBe(true);
    const list = await text(await op.get(BASE));
    expect(list).toContain('1 lahir, 1 mati, 1 pindah datang, 1 pindah keluar, 1 perubahan data');
    expect(list).toContain('Belum dilaporkan: tidak ada');
  });
});

// ---------------------------------------------------------------------------------------
// the civil registry's list, compared

interface Row { id: number; nik: string; name: string; sex: number; birth_place: string | null; birth_date: string | null; religion: number; marital_status: number | null; kk: string | null; family_id: number | null; family_relation: number | null; dusun: string; rw: string; rt: string; life_status: number }

/** Hanura's residents as the civil registry would list them (holding their NIK here), made into a workbook. */
async function demoList(): Promise<Row[]> {
  const areas = (await db().selectFrom('village_areas').select(['id', 'parent_id', 'level', 'name']).where('village_code', '=', V).execute()).map((a) => ({ ...a, id: Number(a.id), parent_id: a.parent_id === null ? null : Number(a.parent_id) }));
  const rows = await db().selectFrom('residents as r').leftJoin('families as f', (j) => j.onRef('f.village_code', '=', 'r.village_code').onRef('f.id', '=', 'r.family_id'))
    .select(['r.id', 'r.nik', 'r.name', 'r.sex', 'r.birth_place', 'r.birth_date', 'r.religion', 'r.marital_status', 'f.kk_number as kk', 'r.family_id', 'r.family_relation', 'r.area_id', 'f.area_id as family_area', 'r.life_status'])
    .where('r.village_code', '=', V).where('r.nik_temporary', '=', false).orderBy('r.id').execute();
  return rows.map((r) => {
    const path = areaChain(areas, r.area_id ?? r.family_area);
    const at = (l: string) => path.find((a) => a.level === l)?.name ?? '';
    return { id: Number(r.id), nik: r.nik, name: r.name, sex: r.sex, birth_place: r.birth_place, birth_date: r.birth_date, religion: r.religion, marital_status: r.marital_status, kk: r.kk, family_id: r.family_id === null ? null : Number(r.family_id), family_relation: r.family_relation, dusun: at('dusun'), rw: at('rw'), rt: at('rt'), life_status: r.life_status };
  });
}

async function workbookOf(rows: Row[]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('BIODATA');
  ws.addRow(['NIK', 'NO_KK', 'NAMA_LGKP', 'JENIS_KLMIN', 'TMPT_LHR', 'TGL_LHR', 'AGAMA', 'STAT_KWN', 'STAT_HBKEL', 'NO_RT', 'NO_RW', 'DUSUN']);
  const dmy = (d: string | null) => (d ? `${d.slice(8)}-${d.slice(5, 7)}-${d.slice(0, 4)}` : '');
  for (const r of rows) ws.addRow([r.nik, r.kk ?? '', r.name.toUpperCase(), label('sex', r.sex), r.birth_place ?? '', dmy(r.birth_date), label('religion', r.religion), label('maritalStatus', r.marital_status), label('familyRelation', r.family_relation), r.rt, r.rw, r.dusun]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const diffRows = (importId: number) =>
  db().selectFrom('civil_registry_differences').select(['seq', 'kind', 'resident_id', 'nik', 'fields']).where('village_code', '=', V).where('import_id', '=', importId).orderBy('seq').execute();

/** Card numbers no family of Hanura holds (the generator issues none dated 31-12-99 with such a serial). */
const NEW_KK = ['1809103112999001', '1809103112999002'] as const;

describe('comparing the civil registry\'s list with the register', () => {
  const people: Record<string, Row> = {};
  /** Families the file changes: a card reissued, another reissued then changed in Balai, one someone leaves, the card they go onto. */
  const cards: Record<'reissued' | 'stale' | 'moving' | 'target', Row[]> = { reissued: [], stale: [], moving: [], target: [] };
  let extraNik = '';

  it('reports exactly the deliberate differences, person by person; nothing in the register changes', async () => {
    const all = await demoList();
    const holding = all.filter((r) => [1, 4, 6].includes(r.life_status));
    const pick = (i: number) => holding[i * 37 + 11]!;
    Object.assign(people, { name: pick(1), birth: pick(2), religionAndRt: pick(3), place: pick(5), missing: pick(6) });
    // Whole families for the card and relation differences: two to four members, all in the file, a head and a child among them.
    const temporary = new Set((await db().selectFrom('residents').select('family_id').where('village_code', '=', V).where('nik_temporary', '=', true).execute()).map((r) => Number(r.family_id)));
    const taken = new Set(Object.values(people).map((p) => p.family_id));
    const byFamily = new Map<number, Row[]>();
    for (const r of holding) if (r.family_id !== null) byFamily.set(r.family_id, [...(byFamily.get(r.family_id) ?? []), r]);
    const families = [...byFamily.entries()].filter(([f, m]) => m.length >= 2 && m.length <= 4 && !taken.has(f) && !temporary.has(f) && m.some((x) => x.family_relation === 1) && m.some((x) => x.family_relation === 4)).map(([, m]) => m);
    const [reissued, stale, moving, target, related, headed, split] = families as [Row[], Row[], Row[], Row[], Row[], Row[], Row[]];
    Object.assign(cards, { reissued, stale, moving, target });
    const head = (m: Row[]) => m.find((x) => x.family_relation === 1)!;
    const child = (m: Row[]) => m.find((x) => x.family_relation === 4)!;
    Object.assign(people, { kk: child(split), carrier: head(reissued), staleCarrier: head(stale), mover: child(moving), related: child(related), headed: head(headed) });
    expect(await db().selectFrom('families').select('id').where('village_code', '=', V).where('kk_number', 'in', [...NEW_KK]).execute()).toEqual([]);
    const change = new Map<number, Partial<Row>>([
      ...reissued.map((m) => [m.id, { kk: NEW_KK[0] }] as const),
      ...stale.map((m) => [m.id, { kk: NEW_KK[1] }] as const),
      [people.mover!.id, { kk: target[0]!.kk }],
      [people.related!.id, { family_relation: 9 }], // ANAK → FAMILI LAIN
      [people.headed!.id, { family_relation: 9 }], // KEPALA KELUARGA → FAMILI LAIN
      [people.kk!.id, { kk: '1809101501100001' }], // a number Balai does not know; the family's others keep theirs
    ]);
    const changed = change.size - 1;
    const otherRt = await db().selectFrom('village_areas as a').innerJoin('village_areas as p', (j) => j.onRef('p.village_code', '=', 'a.village_code').onRef('p.id', '=', 'a.parent_id'))
      .select(['a.name']).where('a.village_code', '=', V).where('a.level', '=', 'rt').where('p.name', '=', people.religionAndRt!.rw)
      .where('a.name', '<>', people.religionAndRt!.rt).limit(1).executeTakeFirst();
    const dead = all.find((r) => r.id === ids.dead)!;
    extraNik = freshNik();
    const listed = holding
      .filter((r) => r.id !== people.missing!.id)
      .map((r) => {
        if (r.id === people.name!.id) return { ...r, name: `${r.name} PUTRA` };
        if (r.id === people.birth!.id) return { ...r, birth_date: '1971-01-02' };
        if (r.id === people.religionAndRt!.id) return { ...r, religion: r.religion === 2 ? 3 : 2, rt: otherRt ? otherRt.name : r.rt };
        if (r.id === people.place!.id) return { ...r, birth_place: 'PALEMBANG' };
        return { ...r, ...change.get(r.id) };
      });
    listed.push({ ...dead }, { ...people.name!, id: 0, nik: extraNik, name: 'ORANG DARI DUKCAPIL' });
    const before = await db().selectFrom('residents').select((e) => e.fn.max('updated_at').as('at')).where('village_code', '=', V).executeTakeFirstOrThrow();

    const res = await upload(op, await workbookOf(listed), 'biodata-hanura.xlsx');
    await ok(res, 303);
    const importId = Number(res.headers.get('location')!.split('/').pop());
    ids.importId = importId;
    const temporaryNiks = await db().selectFrom('residents').select((e) => e.fn.countAll<string>().as('n')).where('village_code', '=', V).where('nik_temporary', '=', true).where('life_status', 'in', [1, 4, 6]).executeTakeFirstOrThrow();
    const imp = await db().selectFrom('civil_registry_imports').select(['counts', 'rows']).where('village_code', '=', V).where('id', '=', importId).executeTakeFirstOrThrow();
    expect(imp.counts).toMatchObject({ differs: 5 + changed, status: 1, only_dukcapil: 1, only_balai: 1 + Number(temporaryNiks.n), same: holding.length - 6 - changed });

    const rows = await diffRows(importId);
    const fieldsOf = (id: number) => (rows.find((r) => Number(r.resident_id) === id)!.fields as { field: string; correctable: boolean }[]).map((f) => `${f.field}${f.correctable ? '' : '!'}`);
    expect(fieldsOf(people.name!.id)).toEqual(['name']);
    expect(fieldsOf(people.birth!.id)).toEqual(['birth_date']);
    expect(fieldsOf(people.religionAndRt!.id)).toEqual(otherRt ? ['religion', 'area_id'] : ['religion']);
    expect(fieldsOf(people.kk!.id)).toEqual(['kk!']);
    expect(fieldsOf(people.place!.id)).toEqual(['birth_place']);
    // The reissued card: one correction for the family, on the head's row.
    for (const m of reissued) expect(fieldsOf(m.id)).toEqual([m.id === people.carrier!.id ? 'kk' : 'kk!']);
    expect(fieldsOf(people.mover!.id)).toEqual(['kk']);
    expect(fieldsOf(people.related!.id)).toEqual(['family_relation']);
    expect(fieldsOf(people.headed!.id)).toEqual(['family_relation!']);
    expect(rows.filter((r) => r.kind === 'status').map((r) => Number(r.resident_id))).toEqual([ids.dead]);
    expect(rows.filter((r) => r.kind === 'only_dukcapil').map((r) => r.nik)).toEqual([extraNik]);
    expect(rows.filter((r) => r.kind === 'only_balai' && Number(r.resident_id) === people.missing!.id)).toHaveLength(1);
    const after = await db().selectFrom('residents').select((e) => e.fn.max('updated_at').as('at')).where('village_code', '=', V).executeTakeFirstOrThrow();
    expect(String(after.at)).toBe(String(before.at));

    const page = await text(await op.get(`${BASE}/impor/${importId}`));
    expect(page).toContain(`${people.name!.name} PUTRA`);
    expect(page).toContain(`Data berbeda (${5 + changed})`);
    expect(page).toContain('Pecah KK di halaman keluarga');
    expect(await text(await op.get(`${BASE}/impor/${importId}?jenis=hanya-dukcapil`))).toContain('Orang Dari Dukcapil');
    expect(await text(await op.get(`${BASE}/impor/${importId}?jenis=status`))).toContain('MATI');
    const reads = await db().selectFrom('audit_log').select('action').where('subject', '=', `civil_registry_import:${importId}`).orderBy('id').execute();
    expect(reads.map((r) => r.action)).toEqual(['civil_registry.compare', 'civil_registry.differences_read', 'civil_registry.differences_read', 'civil_registry.differences_read']);
  });

  it('applies the corrections chosen together, as correction events; a field changed since, or a failure midway, leaves nothing applied', async () => {
    const rows = await diffRows(ids.importId);
    const seq = (id: number) => rows.find((r) => Number(r.resident_id) === id)!.seq;
    const areaPick = (rows.find((r) => Number(r.resident_id) === people.religionAndRt!.id)!.fields as { field: string }[]).some((f) => f.field === 'area_id');
    const res = await apply(op, ids.importId, [`${seq(people.name!.id)}:name`, `${seq(people.religionAndRt!.id)}:religion`, ...(areaPick ? [`${seq(people.religionAndRt!.id)}:area_id`] : [])]);
    await ok(res, 303);
    const named = await db().selectFrom('residents').select(['name', 'religion']).where('village_code', '=', V).where('id', 'in', [people.name!.id, people.religionAndRt!.id]).orderBy('id').execute();
    expect(named.map((r) => r.name)).toContain(`${people.name!.name.toUpperCase()} PUTRA`);
    const events = await db().selectFrom('population_events').select(['resident_id', 'details']).where('village_code', '=', V).where('kind', '=', 'correction')
      .where(sql<boolean>`details->>'source' = 'civil_registry'`).orderBy('id').execute();
    expect(events.map((e) => Number(e.resident_id)).sort()).toEqual([people.name!.id, people.religionAndRt!.id].sort());
    expect((events.find((e) => Number(e.resident_id) === people.name!.id)!.details as { changes: Record<string, unknown> }).changes).toEqual({ name: { from: people.name!.name, to: `${people.name!.name.toUpperCase()} PUTRA` } });
    expect(await text(await op.get(`${BASE}/impor/${ids.importId}?diterapkan=${areaPick ? 3 : 2}-2`))).toContain('sudah diterapkan');
    const audited = await db().selectFrom('audit_log').select('detail').where('action', '=', 'civil_registry.apply').executeTakeFirstOrThrow();
    expect(audited.detail).toMatchObject({ residents: 2, corrections: areaPick ? 3 : 2 });
    // The same pick again: already applied.
    await ok(await apply(op, ids.importId, [`${seq(people.name!.id)}:name`]), 400);
    // Corrections from the civil registry are not reported back to it.
    await ok(await exportNow(op), 400);

    // The birth date changed in Balai since the comparison: nothing of this apply happens.
    await ok(await op.json('PATCH', `${API}/residents/${people.birth!.id}`, { birth_date: '1980-05-05', reason: 'Sesuai akta' }), 200);
    const countEvents = async () => Number((await db().selectFrom('population_events').select((e) => e.fn.countAll<string>().as('n')).where('village_code', '=', V).where('kind', '=', 'correction').executeTakeFirstOrThrow()).n);
    const placeBefore = async () => (await db().selectFrom('residents').select('birth_place').where('village_code', '=', V).where('id', '=', people.place!.id).executeTakeFirstOrThrow()).birth_place;
    const [n0, p0] = [await countEvents(), await placeBefore()];
    const stale = await apply(op, ids.importId, [`${seq(people.place!.id)}:birth_place`, `${seq(people.birth!.id)}:birth_date`]);
    await ok(stale, 409);
    expect(await text(stale)).toContain('Tidak ada koreksi yang diterapkan');
    expect([await countEvents(), await placeBefore()]).toEqual([n0, p0]);
    await ok(await apply(op, ids.importId, [], true), 409);

    // A failure after every write of the apply (the server stops): none of it stays.
    await expect(applyCorrections(opCtx, V, String(ids.importId), { pick: [`${seq(people.place!.id)}:birth_place`] }, { beforeCommit: () => Promise.reject(new Error('server stopped')) })).rejects.toThrow('server stopped');
    expect([await countEvents(), await placeBefore()]).toEqual([n0, p0]);
    const marked = await diffRows(ids.importId);
    expect((marked.find((r) => r.seq === seq(people.place!.id))!.fields as { applied?: boolean }[])[0]!.applied).toBeUndefined();
    // Alone, it applies.
    await ok(await apply(op, ids.importId, [`${seq(people.place!.id)}:birth_place`]), 303);
    expect(await placeBefore()).toBe('PALEMBANG');
  });

  it('takes a reissued card\'s number once for the family, moves a person onto a card the village has, takes a relation; a head stays with the family page; a family changed since stops it all', async () => {
    const rows = await diffRows(ids.importId);
    const seq = (id: number) => rows.find((r) => Number(r.resident_id) === id)!.seq;
    const html = await (await op.get(`${BASE}/impor/${ids.importId}`)).text();
    expect(plain(html)).toContain(`berlaku untuk seluruh keluarga: ${cards.reissued.length} orang`);
    expect(plain(html)).toContain('Menyangkut Kepala Keluarga: ubah lewat Ganti kepala keluarga di halaman keluarga');
    expect(html).toContain(`href="/desa/${V}/keluarga/${people.headed!.family_id}"`);
    expect(html).toContain(`value="${seq(people.related!.id)}:family_relation"`);
    expect(html).not.toContain(`value="${seq(people.headed!.id)}:family_relation"`);

    const kkOf = async (familyId: number | null) => (await db().selectFrom('families').select('kk_number').where('village_code', '=', V).where('id', '=', familyId!).executeTakeFirstOrThrow()).kk_number;
    const placeOf = async (id: number) => {
      const r = await db().selectFrom('residents').select(['family_id', 'family_relation']).where('village_code', '=', V).where('id', '=', id).executeTakeFirstOrThrow();
      return { family_id: Number(r.family_id), family_relation: r.family_relation };
    };
    const before = { kk: await kkOf(people.carrier!.family_id), mover: await placeOf(people.mover!.id), related: await placeOf(people.related!.id) };
    // A child born into the other reissued family since the comparison: its card changed, so nothing of this apply happens.
    await ok(await op.post(`${API}/births`, { family_id: people.staleCarrier!.family_id, nik: freshNik(), name: 'BAYI KETIGA', sex: 1, birth_place: 'Pesawaran', birth_date: today(), religion: 1 }), 201);
    const picks = [`${seq(people.carrier!.id)}:kk`, `${seq(people.mover!.id)}:kk`, `${seq(people.related!.id)}:family_relation`];
    const refused = await apply(op, ids.importId, [...picks, `${seq(people.staleCarrier!.id)}:kk`]);
    await ok(refused, 409);
    expect(await text(refused)).toContain('Tidak ada koreksi yang diterapkan: Kartu keluarga milik');
    expect({ kk: await kkOf(people.carrier!.family_id), mover: await placeOf(people.mover!.id), related: await placeOf(people.related!.id) }).toEqual(before);
    expect(await kkOf(people.staleCarrier!.family_id)).toBe(people.staleCarrier!.kk);

    await ok(await apply(op, ids.importId, picks), 303);
    expect(await kkOf(people.carrier!.family_id)).toBe(NEW_KK[0]);
    expect(await placeOf(people.mover!.id)).toEqual({ family_id: cards.target[0]!.family_id, family_relation: 4 });
    expect(await placeOf(people.related!.id)).toEqual({ ...before.related, family_relation: 9 });
    const history = await db().selectFrom('population_events').select(['kind', 'resident_id', 'details']).where('village_code', '=', V).where('kind', 'in', ['family_change', 'correction'])
      .where(sql<boolean>`details->>'import_id' = ${String(ids.importId)}`).where('resident_id', 'in', [...cards.reissued.map((m) => m.id), people.mover!.id, people.related!.id]).orderBy('id').execute();
    const of = (id: number) => history.filter((e) => Number(e.resident_id) === id).map((e) => [e.kind, e.details]);
    // The card's number changed once: one family change in each member's history, none twice.
    for (const m of cards.reissued) expect(of(m.id)).toEqual([['family_change', expect.objectContaining({ change: 'kk_reissued', kk_number: { from: people.carrier!.kk, to: NEW_KK[0] } })]]);
    expect(of(people.mover!.id)).toEqual([['family_change', expect.objectContaining({ change: 'moved', from_family: people.mover!.family_id, to_family: cards.target[0]!.family_id })]]);
    expect(of(people.related!.id)).toEqual([['correction', expect.objectContaining({ changes: { family_relation: { from: 4, to: 9 } } })]]);
    const member = cards.reissued.find((m) => m.id !== people.carrier!.id)!;
    const page = await text(await op.get(`/desa/${V}/penduduk/${member.id}`));
    expect(page).toContain('Perubahan keluarga');
    expect(page).toContain('Nomor KK diganti (kartu diterbitkan ulang) · Pemadanan dengan data Dukcapil (berkas biodata-hanura.xlsx) · Pemadanan Dukcapil');
    const related = await text(await op.get(`/desa/${V}/penduduk/${people.related!.id}`));
    expect(related).toContain('Hubungan dalam keluarga: ANAK → FAMILI LAIN');
    expect(page).toContain(NEW_KK[0]);
  });

  it('a newer upload supersedes the comparison: its differences go and its corrections can no longer be applied', async () => {
    const list = (await demoList()).filter((r) => [1, 4, 6].includes(r.life_status)).slice(0, 50);
    const res = await upload(sekdes, await workbookOf(list), 'sebagian.xlsx');
    await ok(res, 303);
    const old = await db().selectFrom('civil_registry_imports').select('status').where('village_code', '=', V).where('id', '=', ids.importId).executeTakeFirstOrThrow();
    expect(old.status).toBe('superseded');
    expect(await diffRows(ids.importId)).toHaveLength(0);
    await ok(await apply(op, ids.importId, ['1:name']), 409);
  });

  it('refuses a bad file naming the row and the column, in Bahasa Indonesia; nothing is compared', async () => {
    const count = async () => Number((await db().selectFrom('civil_registry_imports').select((e) => e.fn.countAll<string>().as('n')).where('village_code', '=', V).executeTakeFirstOrThrow()).n);
    const before = await count();
    const missing = await upload(op, Buffer.from('NIK;NO_KK;TGL_LHR\n1809101708850001;1809100101100001;17-08-1985\n'), 'kurang.csv');
    await ok(missing, 400);
    expect(await text(missing)).toContain('Kolom wajib tidak ada di baris judul: NAMA_LGKP');
    const bad = [
      'NIK;NO_KK;NAMA_LGKP;AGAMA;TGL_LHR',
      '1809101708850001;1809100101100001;BUDI;ISLAM;17-08-1985',
      '180910170885001;1809100101100001;SITI;ISLAM;17-08-1985',
      '1809101708850002;1809100101100001;ANI;SINTO;17-08-1985',
      '1809101708850003;1809100101100001;ADI;1;31-02-1990',
      '1809101708850001;1809100101100001;BUDI LAGI;1;17-08-1985',
    ].join('\r\n');
    const res = await upload(op, Buffer.from(bad), 'salah.csv');
    await ok(res, 400);
    const page = await text(res);
    expect(page).toContain('Berkas ditolak: 4 masalah di baris data');
    expect(page).toMatch(/3 NIK NIK harus 16 digit \(yang diisi 15 digit\)/);
    expect(page).toMatch(/4 AGAMA Kode "SINTO" tidak ada dalam daftar/);
    expect(page).toMatch(/5 TGL_LHR Tanggal "31-02-1990" tidak dikenali/);
    expect(page).toMatch(/6 NIK NIK ini sudah ada di baris 2 berkas ini/);
    // A NIK Excel rounded to 15 digits.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRows([['NIK', 'NO_KK', 'NAMA_LGKP'], [1809101708850010, '1809100101100001', 'BUDI']]);
    const rounded = await upload(op, new Uint8Array(await wb.xlsx.writeBuffer()), 'angka.xlsx');
    await ok(rounded, 400);
    expect(await text(rounded)).toMatch(/2 NIK Nomor "1809101708850010" tersimpan sebagai angka/);
    const pdf = await upload(op, Buffer.from('%PDF-1.4\n%%EOF\n'), 'bukan.xlsx');
    await ok(pdf, 400);
    expect(await text(pdf)).toContain('bukan lembar kerja .xlsx atau .csv');
    expect(await count()).toBe(before);
  });

  it('reads hostile cells in time linear in their size (no pattern that backtracks)', async () => {
    const long = `${' '.repeat(400)}1${' '.repeat(400)}`;
    const lines = ['NIK;NO_KK;NAMA_LGKP;JENIS_KLMIN;TGL_LHR;NO_RT'];
    for (let i = 0; i < 2000; i++) lines.push(`${'1'.repeat(15)}E+;${'9'.repeat(900)};${'a'.repeat(140)}${' '.repeat(800)}!;${'/ '.repeat(450)};${'0'.repeat(30)}-${'1'.repeat(900)};${long}`);
    const started = Date.now();
    const res = await upload(op, Buffer.from(lines.join('\n')), 'jahat.csv');
    expect(res.status).toBe(400);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);
});

describe('who may use the civil registry desk', () => {
  it('lets the operator and the secretary in; the head, the treasurer, a citizen, the district and another village are refused', async () => {
    for (const client of [op, sekdes]) await ok(await client.get(BASE), 200);
    for (const client of [kades, bendahara, other, district]) {
      expect((await client.get(BASE)).status).toBe(403);
      expect((await client.get(`${BASE}/laporan/${ids.report}/berkas`)).status).toBe(403);
      expect((await client.form(`${BASE}/laporan`, {})).status).toBe(403);
    }
    expect([302, 403]).toContain((await citizen.get(BASE)).status);
    // Another village's own desk does not open Hanura's report by its id.
    expect((await other.get(`/desa/18.09.10.2001/dukcapil/laporan/${ids.report}/berkas`)).status).toBe(404);
    const refused = await upload(other, Buffer.from('NIK;NO_KK;NAMA_LGKP\n'), 'x.csv');
    expect(refused.status).toBe(403);
  });

  it('shows the district how many villages report, from the rollup', async () => {
    const row = await db().selectFrom('monitoring_civil_registry').select(['reports', 'last_report_on', 'last_import_on']).where('village_code', '=', V).executeTakeFirstOrThrow();
    expect(row.reports).toBeGreaterThanOrEqual(2);
    expect(row.last_report_on).toBe(today());
    // Counted again from the reports and comparisons (balai rebuild-rollups): the same row.
    await db().deleteFrom('monitoring_civil_registry').where('village_code', '=', V).execute();
    await rebuildRollups(t.db, { code: V });
    expect(await db().selectFrom('monitoring_civil_registry').select(['reports', 'last_report_on', 'last_import_on']).where('village_code', '=', V).executeTakeFirstOrThrow()).toEqual(row);
    const page = await district.get('/pantau/18.09.10/dukcapil');
    await ok(page, 200);
    expect(await text(page)).toMatch(/Hanura \d+ 1 1 /);
  });
});
