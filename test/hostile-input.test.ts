import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CITIZEN, DEMO_PASSWORD } from '../src/modules/demo/seed-demo.js';
import { checkNumberPattern } from '../src/modules/letters/numbering.js';
import { checkTemplate } from '../src/modules/letters/template.js';
import { Client, createTestApp, type TestApp } from './support/test-app.js';
import { pdfText } from './support/pdf-text.js';

/**
 * Hostile input (issue 6, part 2): SQL and HTML/script injection in every text field of
 * every form and API that writes ends as inert text — stored as typed, shown escaped,
 * printed literally in PDFs and spreadsheets — and uploads are checked by their content.
 *
 * The sweep is a table: TARGETS lists each form or endpoint with its text fields. A new
 * form is covered by adding one entry (how to send a value, how to read it back, where it
 * is shown); every payload then goes through it.
 */

const H = '18.09.10.2004'; // Hanura
const api = `/api/v1/villages/${H}`;

const SQL_PAYLOADS = ["'; drop table residents; --", "' or '1'='1", '1); select pg_sleep(5); --'];
const HTML_PAYLOADS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '{{penduduk.nik}}', '</textarea><script>alert(1)</script>'];
const PAYLOADS = [...SQL_PAYLOADS, ...HTML_PAYLOADS];
/** What must never reach a page as markup. */
const LIVE = /<script>alert\(1\)|<img src=x/i;
/** Text as Hono's JSX writes it into HTML. */
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
/** A pg_sleep(5) that ran would take 5 seconds. */
const FAST_MS = 2500;

let t: TestApp;
let op: Client; // Hanura's operator
let sekdes: Client;
let kades: Client;
let province: Client;
let citizen: Client; // Budi, the demo citizen
let budiId: number;

beforeAll(async () => {
  t = await createTestApp({ citizen: true });
  [op, sekdes, kades, province] = await Promise.all([t.login('hanura'), t.login('sekdes.hanura'), t.login('kades.hanura'), t.login('provinsi')]);
  citizen = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
  budiId = (await t.db.kysely.selectFrom('residents').select('id').where('village_code', '=', H).where('nik', '=', DEMO_CITIZEN.nik).executeTakeFirstOrThrow()).id;
});
afterAll(() => t?.close());

// ---------------------------------------------------------------------------------------
// helpers

let serial = 0;
/** A fresh valid NIK of Teluk Pandan (born 17 Aug 19xx) and a fresh KK number. */
const nextNik = () => `18091017089${String(++serial).padStart(5, '0')}`;
const nextKk = () => `180910010195${String(serial).padStart(4, '0')}`;
const k = () => t.db.kysely;

/** A family with its head (and a second member) in Hanura, through the API. */
async function newFamily(extra: Record<string, unknown> = {}) {
  const nik = nextNik();
  const res = await op.post(`${api}/residents`, { name: `Kepala Uji ${serial}`, sex: 1, religion: 1, nik, kk_number: nextKk(), birth_date: '1990-08-17', ...extra });
  expect(res.status, await res.clone().text()).toBe(201);
  const head = (await res.json()).data as { id: number; family_id: number };
  const res2 = await op.post(`${api}/residents`, { name: `Anggota Uji ${serial}`, sex: 2, religion: 1, nik: nextNik(), family_id: head.family_id, family_relation: 4, birth_date: '2010-08-17' });
  expect(res2.status, await res2.clone().text()).toBe(201);
  const member = (await res2.json()).data as { id: number };
  return { head: head.id, member: member.id, family: head.family_id, nik };
}

/** A letter of type `usaha` for a new resident, in the state asked for. */
async function newLetter(state: 'requested' | 'signed', forBudi = false) {
  const nik = forBudi ? DEMO_CITIZEN.nik : (await newFamily()).nik;
  const res = await op.post(`${api}/letters`, { type: 'usaha', nik, fields: { nama_usaha: 'Warung', jenis_usaha: 'Kelontong', alamat_usaha: 'Dusun I', keperluan: 'Kredit' } });
  expect(res.status, await res.clone().text()).toBe(201);
  const id = (await res.json()).data.id as number;
  if (state === 'signed') {
    expect((await op.post(`${api}/letters/${id}/check`, {})).status).toBe(200);
    const signed = await kades.post(`${api}/letters/${id}/sign`, {});
    expect(signed.status, await signed.clone().text()).toBe(200);
  }
  return id;
}

const idFromLocation = (res: Response) => Number(/\/(\d+)(\?|$)/.exec(res.headers.get('location') ?? '')?.[1]);
const json = async (res: Response) => (await res.clone().json()) as { data: Record<string, unknown>; error?: { field: string; message: string } };
const letterRow = (id: number) => k().selectFrom('letters').selectAll().where('village_code', '=', H).where('id', '=', id).executeTakeFirstOrThrow();
const resident = (id: number) => k().selectFrom('residents').selectAll().where('village_code', '=', H).where('id', '=', id).executeTakeFirstOrThrow();
const lastEvent = (id: number) => k().selectFrom('population_events').selectAll().where('village_code', '=', H).where('resident_id', '=', id).orderBy('id', 'desc').executeTakeFirstOrThrow();
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

const squeeze = (s: string) => s.replace(/\s+/g, '');

/** Every string cell of a workbook; throws if any cell is a formula. */
async function workbookStrings(bytes: ArrayBuffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const out: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.formula, `${ws.name}!${cell.address}`).toBeUndefined();
        if (typeof cell.value === 'string') out.push(cell.value);
      }),
    ),
  );
  return out;
}

// ---------------------------------------------------------------------------------------
// the table of forms and endpoints that write text

interface Field {
  /** At most this many characters are accepted. */
  max: number;
  /** The value as sent (e.g. inside a number pattern); default: the payload itself. */
  wrap?: (v: string) => string;
  /** Some payloads are no valid value of this field (a format): they must get a clear 400 naming it. */
  accepts?: (v: string) => boolean;
  /** What reading it back gives for the payload; default: what was sent. */
  stored?: (v: string) => unknown;
}

interface Sent {
  res: Response;
  key: number | string;
}

interface Target {
  name: string;
  client: () => Client;
  fields: Record<string, Field>;
  /** Sends these field values (the rest made up); returns the response and what identifies the record. */
  send(values: Record<string, string>): Promise<Sent>;
  /** The stored value of each field, by field name. */
  read(key: Sent['key']): Promise<Record<string, unknown>>;
  /** Where the values are shown, and to whom. */
  pages(key: Sent['key']): [Client, string][];
  /** How the field that failed is named in an error: the JSON field, or the page marks it. */
  api: boolean;
}

const text = (max: number, more: Partial<Field> = {}): Field => ({ max, ...more });
const FILLER = 'Teks biasa';

const RESIDENT_TEXT = {
  name: text(150), birth_place: text(80), passport_number: text(30), kitas_number: text(30), father_name: text(150), mother_name: text(150),
  insurance_number: text(30), ektp_tag: text(40), birth_certificate: text(40), marriage_certificate: text(40), divorce_certificate: text(40),
  ethnicity: text(60), address: text(300), current_address: text(300), previous_address: text(300),
};
const residentBase = () => ({ sex: '1', religion: '1', nik: nextNik(), kk_number: nextKk(), birth_date: '1990-08-17' });
const residentPages = (id: Sent['key']): [Client, string][] => [[op, `/desa/${H}/penduduk/${id}`], [kades, `/desa/${H}/penduduk/${id}`]];

const TARGETS: Target[] = [
  {
    name: 'resident register (API)', api: true, client: () => op, fields: RESIDENT_TEXT,
    async send(values) {
      const res = await op.post(`${api}/residents`, { ...residentBase(), sex: 1, religion: 1, ...values });
      return { res, key: res.status === 201 ? ((await json(res)).data.id as number) : 0 };
    },
    read: async (id) => resident(Number(id)),
    pages: (id) => [...residentPages(id), [op, `/desa/${H}/keluarga`]],
  },
  {
    name: 'resident register (page form)', api: false, client: () => op,
    fields: { name: text(150), birth_place: text(80), father_name: text(150), mother_name: text(150), ethnicity: text(60), address: text(300) },
    async send(values) {
      const res = await op.form(`/desa/${H}/penduduk/baru`, { ...residentBase(), ...values });
      return { res, key: idFromLocation(res) };
    },
    read: async (id) => resident(Number(id)),
    pages: residentPages,
  },
  {
    name: 'move in (API)', api: true, client: () => op, fields: { name: text(150), from: text(300), previous_address: text(300) },
    async send(values) {
      const res = await op.post(`${api}/moves-in`, { ...residentBase(), sex: 1, religion: 1, date: today(), ...values, previous_address: values.previous_address });
      return { res, key: res.status === 201 ? ((await json(res)).data.id as number) : 0 };
    },
    read: async (id) => ({ ...(await resident(Number(id))), from: ((await lastEvent(Number(id))).details as { from: string }).from }),
    pages: residentPages,
  },
  {
    name: 'birth (API)', api: true, client: () => op, fields: { name: text(150), birth_place: text(80), father_name: text(150), mother_name: text(150) },
    async send(values) {
      const f = await newFamily();
      const res = await op.post(`${api}/births`, { sex: 2, religion: 1, nik: nextNik(), family_id: f.family, birth_date: today(), ...values });
      return { res, key: res.status === 201 ? ((await json(res)).data.id as number) : 0 };
    },
    read: async (id) => resident(Number(id)),
    pages: residentPages,
  },
  {
    name: 'resident correction (API)', api: true, client: () => op,
    fields: { name: text(150), birth_place: text(80), address: text(300), ethnicity: text(60), reason: text(300, { accepts: (v) => v.length >= 3 }) },
    async send(values) {
      const f = await newFamily();
      const res = await op.json('PATCH', `${api}/residents/${f.head}`, values);
      return { res, key: f.head };
    },
    read: async (id) => ({ ...(await resident(Number(id))), reason: ((await lastEvent(Number(id))).details as { reason: string }).reason }),
    pages: residentPages,
  },
  {
    name: 'resident correction (page form)', api: false, client: () => op, fields: { name: text(150), mother_name: text(150), reason: text(300) },
    async send(values) {
      const f = await newFamily();
      const res = await op.form(`/desa/${H}/penduduk/${f.head}/koreksi`, values);
      return { res, key: f.head };
    },
    read: async (id) => ({ ...(await resident(Number(id))), reason: ((await lastEvent(Number(id))).details as { reason: string }).reason }),
    pages: residentPages,
  },
  {
    name: 'death (API)', api: true, client: () => op,
    // reporter_relation is a choice from REPORTER_RELATIONS (shared with the letters), not free text
    fields: { place: text(120), cause: text(200), reporter_name: text(150) },
    async send(values) {
      const f = await newFamily();
      const res = await op.post(`${api}/residents/${f.member}/death`, { date: today(), ...values });
      return { res, key: f.member };
    },
    read: async (id) => (await lastEvent(Number(id))).details,
    pages: residentPages,
  },
  {
    name: 'move out (page form)', api: false, client: () => op, fields: { destination: text(300), reason: text(200) },
    async send(values) {
      const f = await newFamily();
      const res = await op.form(`/desa/${H}/penduduk/${f.member}/peristiwa/pindah-keluar`, { date: today(), classification: 'district', ...values });
      return { res, key: f.member };
    },
    read: async (id) => (await lastEvent(Number(id))).details,
    pages: residentPages,
  },
  {
    name: 'temporary departure (API)', api: true, client: () => op, fields: { note: text(300) },
    async send(values) {
      const f = await newFamily();
      const res = await op.post(`${api}/residents/${f.member}/departure`, { date: today(), ...values });
      return { res, key: f.member };
    },
    read: async (id) => (await lastEvent(Number(id))).details,
    pages: residentPages,
  },
  {
    name: 'family split (API)', api: true, client: () => op, fields: { address: text(300), reason: text(300) },
    async send(values) {
      const f = await newFamily();
      const res = await op.post(`${api}/families/${f.family}/split`, { member_ids: [f.member], new_head_id: f.member, kk_number: `180910010196${String(serial).padStart(4, '0')}`, ...values });
      return { res, key: res.status === 201 ? ((await json(res)).data.new_family_id as number) : 0 };
    },
    async read(id) {
      const family = await k().selectFrom('families').selectAll().where('village_code', '=', H).where('id', '=', Number(id)).executeTakeFirstOrThrow();
      const event = await k().selectFrom('population_events').select('details').where('village_code', '=', H).where('family_id', '=', Number(id)).orderBy('id', 'desc').executeTakeFirstOrThrow();
      return { address: family.address, reason: (event.details as { reason: string }).reason };
    },
    pages: (id) => [[op, `/desa/${H}/keluarga/${id}`]],
  },
  {
    name: 'change of family head (page form)', api: false, client: () => op, fields: { reason: text(300) },
    async send(values) {
      const f = await newFamily();
      const res = await op.form(`/desa/${H}/keluarga/${f.family}/kepala`, { new_head_id: String(f.member), old_head_relation: '3', ...values });
      return { res, key: f.member };
    },
    read: async (id) => (await lastEvent(Number(id))).details,
    pages: residentPages,
  },
  {
    name: 'village profile (API)', api: true, client: () => op, fields: { head_name: text(100), head_nip: text(30), office_address: text(300) },
    async send(values) {
      return { res: await op.json('PATCH', `/api/v1/villages/${H}`, values), key: H };
    },
    read: () => k().selectFrom('villages').selectAll().where('village_code', '=', H).executeTakeFirstOrThrow(),
    pages: () => [[op, `/desa/${H}`], [t.anonymous, `/publik/desa/${H}`]],
  },
  {
    name: 'village profile (page form)', api: false, client: () => op, fields: { head_name: text(100), office_address: text(300) },
    async send(values) {
      return { res: await op.form(`/desa/${H}/profil`, values), key: H };
    },
    read: () => k().selectFrom('villages').selectAll().where('village_code', '=', H).executeTakeFirstOrThrow(),
    pages: () => [[op, `/desa/${H}`], [t.anonymous, `/publik/desa/${H}`]],
  },
  {
    name: 'dusun name (API)', api: true, client: () => op, fields: { name: text(60) },
    async send(values) {
      const res = await op.post(`${api}/areas`, { level: 'dusun', ...values });
      return { res, key: res.status === 201 ? ((await json(res)).data.id as number) : 0 };
    },
    read: (id) => k().selectFrom('village_areas').selectAll().where('village_code', '=', H).where('id', '=', Number(id)).executeTakeFirstOrThrow(),
    pages: () => [[op, `/desa/${H}`], [op, `/desa/${H}/penduduk`]],
  },
  {
    name: 'RT name (page form)', api: false, client: () => op, fields: { name: text(60) },
    async send(values) {
      const dusun = (await json(await op.post(`${api}/areas`, { level: 'dusun', name: `Dusun Uji ${++serial}` }))).data.id as number;
      const res = await op.form(`/desa/${H}/wilayah`, { level: 'rt', parent_id: String(dusun), ...values });
      const row = await k().selectFrom('village_areas').select('id').where('village_code', '=', H).where('parent_id', '=', dusun).executeTakeFirst();
      return { res, key: row?.id ?? 0 };
    },
    read: (id) => k().selectFrom('village_areas').selectAll().where('village_code', '=', H).where('id', '=', Number(id)).executeTakeFirstOrThrow(),
    pages: () => [[op, `/desa/${H}`]],
  },
  {
    name: 'account (API)', api: true, client: () => province,
    fields: { full_name: text(100, { accepts: (v) => v.length >= 2 }), position_title: text(100), nip: text(30), phone: text(20) },
    async send(values) {
      const res = await province.post('/api/v1/accounts', { username: `uji.${++serial}`, role: 'village_operator', region_code: H, password: 'kata sandi yang cukup panjang', ...values });
      return { res, key: res.status === 201 ? ((await json(res)).data.id as number) : 0 };
    },
    read: (id) => k().selectFrom('users').selectAll().where('id', '=', Number(id)).executeTakeFirstOrThrow(),
    pages: () => [[province, '/akun']],
  },
  {
    name: 'account (page form)', api: false, client: () => province, fields: { full_name: text(100), position_title: text(100) },
    async send(values) {
      const username = `uji.${++serial}`;
      const res = await province.form('/akun', { username, role: 'village_operator', region_code: H, password: 'kata sandi yang cukup panjang', ...values });
      const row = await k().selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
      return { res, key: row?.id ?? 0 };
    },
    read: (id) => k().selectFrom('users').selectAll().where('id', '=', Number(id)).executeTakeFirstOrThrow(),
    pages: () => [[province, '/akun']],
  },
  {
    name: 'letter request (API)', api: true, client: () => op,
    fields: { nama_usaha: text(120), jenis_usaha: text(120), alamat_usaha: text(200), keperluan: text(200) },
    async send(values) {
      const f = await newFamily();
      const res = await op.post(`${api}/letters`, { type: 'usaha', nik: f.nik, fields: values });
      return { res, key: res.status === 201 ? ((await json(res)).data.id as number) : 0 };
    },
    read: async (id) => (await letterRow(Number(id))).fields,
    pages: (id) => [[op, `/desa/${H}/surat/${id}`], [op, `/desa/${H}/surat`]],
  },
  {
    name: 'letter request (counter page)', api: false, client: () => op, fields: { 'isian.nama_usaha': text(120), 'isian.keperluan': text(200) },
    async send(values) {
      const f = await newFamily();
      const res = await op.form(`/desa/${H}/surat/baru?jenis=usaha`, { nik: f.nik, 'isian.jenis_usaha': FILLER, 'isian.alamat_usaha': FILLER, ...values });
      return { res, key: idFromLocation(res) };
    },
    read: async (id) => Object.fromEntries(Object.entries((await letterRow(Number(id))).fields).map(([f, v]) => [`isian.${f}`, v])),
    pages: (id) => [[op, `/desa/${H}/surat/${id}`]],
  },
  {
    name: 'letter request (citizen online)', api: false, client: () => citizen, fields: { 'isian.nama_usaha': text(120), 'isian.keperluan': text(200) },
    async send(values) {
      const res = await citizen.form('/warga/surat/baru?jenis=usaha', { resident_id: String(budiId), 'isian.jenis_usaha': FILLER, 'isian.alamat_usaha': FILLER, ...values });
      return { res, key: idFromLocation(res) };
    },
    read: async (id) => Object.fromEntries(Object.entries((await letterRow(Number(id))).fields).map(([f, v]) => [`isian.${f}`, v])),
    pages: (id) => [[citizen, `/warga/surat/${id}`], [op, `/desa/${H}/surat/${id}`]],
  },
  {
    name: 'letter request (kiosk)', api: false, client: () => citizen, fields: { 'isian.nama_usaha': text(120), 'isian.keperluan': text(200) },
    async send(values) {
      const login = await t.app.request(`/anjungan/${H}`, { method: 'POST', body: new URLSearchParams({ nik: DEMO_CITIZEN.nik, pin: DEMO_CITIZEN.pin }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      const form = await (await t.app.request(`/anjungan/${H}/surat/usaha`, { headers: { cookie } })).text();
      const kiosk = new Client(t.app, cookie, /name="_csrf" value="([^"]+)"/.exec(form)![1]!);
      const res = await kiosk.form(`/anjungan/${H}/surat/usaha`, { 'isian.jenis_usaha': FILLER, 'isian.alamat_usaha': FILLER, ...values });
      const last = await k().selectFrom('letters').select('id').where('village_code', '=', H).where('channel', '=', 'kiosk').orderBy('id', 'desc').executeTakeFirst();
      return { res, key: last?.id ?? 0 };
    },
    read: async (id) => Object.fromEntries(Object.entries((await letterRow(Number(id))).fields).map(([f, v]) => [`isian.${f}`, v])),
    pages: (id) => [[op, `/desa/${H}/surat/${id}`], [citizen, `/warga/surat/${id}`]],
  },
  {
    name: 'rejection reason (API)', api: true, client: () => op, fields: { reason: text(300, { accepts: (v) => v.length >= 3 }) },
    async send(values) {
      const id = await newLetter('requested', true);
      return { res: await op.post(`${api}/letters/${id}/reject`, values), key: id };
    },
    read: async (id) => ({ reason: (await letterRow(Number(id))).reject_reason }),
    pages: (id) => [[op, `/desa/${H}/surat/${id}`], [citizen, `/warga/surat/${id}`]],
  },
  {
    name: 'rejection reason (page form)', api: false, client: () => op, fields: { reason: text(300) },
    async send(values) {
      const id = await newLetter('requested');
      return { res: await op.form(`/desa/${H}/surat/${id}/tolak`, values), key: id };
    },
    read: async (id) => ({ reason: (await letterRow(Number(id))).reject_reason }),
    pages: (id) => [[op, `/desa/${H}/surat/${id}`]],
  },
  {
    name: 'revocation reason (API, shown on the public verification page)', api: true, client: () => kades, fields: { reason: text(300) },
    async send(values) {
      const id = await newLetter('signed');
      return { res: await kades.post(`${api}/letters/${id}/revoke`, values), key: id };
    },
    read: async (id) => ({ reason: (await letterRow(Number(id))).revoke_reason }),
    pages: (id) => [[kades, `/desa/${H}/surat/${id}`]],
  },
  {
    name: 'letter type (page form)', api: false, client: () => kades,
    fields: {
      title: text(120, { accepts: (v) => v.length >= 3 }),
      template: text(8000, { wrap: (v) => `Keterangan untuk {{isian.keperluan}}. ${v}`, accepts: (v) => checkTemplate(`x ${v}`, ['keperluan']).ok }),
      fields: text(80, { wrap: (v) => `keperluan; ${v}; text; wajib`, accepts: (v) => !/[;\r\n]/.test(v) && v.trim().length >= 2, stored: (v) => v }),
      requirements: text(200, { stored: (v) => [v] }),
    },
    async send(values) {
      const code = `uji_${++serial}`;
      const res = await kades.form(`/desa/${H}/surat/jenis/baru`, { code, classification: '470', validity_days: '30', rule: 'none', online: 'on', active: 'on', do: 'save', title: FILLER, template: 'Keterangan untuk {{isian.keperluan}}.', fields: 'keperluan; Keperluan; text; wajib', requirements: FILLER, ...values });
      return { res, key: code };
    },
    async read(code) {
      const row = await k().selectFrom('letter_types').selectAll().where('village_code', '=', H).where('code', '=', String(code)).executeTakeFirstOrThrow();
      return { ...row, fields: (row.fields as { label: string }[])[0]!.label };
    },
    pages: (code) => [[kades, `/desa/${H}/surat/jenis/${code}`], [kades, `/desa/${H}/surat/jenis`], [op, `/desa/${H}/surat/baru?jenis=${code}`], [citizen, `/warga/surat/baru?jenis=${code}`]],
  },
  {
    name: 'letter settings (API)', api: true, client: () => kades,
    fields: {
      number_pattern: text(80, { wrap: (v) => `{nomor}/${v}`, accepts: (v) => checkNumberPattern(`{nomor}/${v}`).ok }),
      staff_number_label: text(20),
    },
    async send(values) {
      return { res: await kades.json('PUT', `${api}/letter-settings`, { number_scope: 'village_year', paper: 'A4', citizen_download: true, ...values }), key: H };
    },
    read: () => k().selectFrom('letter_settings').selectAll().where('village_code', '=', H).executeTakeFirstOrThrow(),
    pages: () => [[kades, `/desa/${H}/surat/pengaturan`]],
  },
  {
    name: 'correction request (citizen page form)', api: false, client: () => citizen, fields: { proposed: text(300), note: text(500) },
    async send(values) {
      const res = await citizen.form('/warga/perbaikan', { about_resident_id: String(budiId), field: 'nama', ...values });
      const row = await k().selectFrom('correction_requests').select('id').where('village_code', '=', H).orderBy('id', 'desc').executeTakeFirst();
      return { res, key: row?.id ?? 0 };
    },
    read: (id) => k().selectFrom('correction_requests').selectAll().where('village_code', '=', H).where('id', '=', Number(id)).executeTakeFirstOrThrow(),
    pages: () => [[citizen, '/warga/perbaikan'], [op, `/desa/${H}/perbaikan-data`]],
  },
  {
    name: 'answer to a correction request (office page form)', api: false, client: () => op, fields: { answer: text(500) },
    async send(values) {
      await citizen.form('/warga/perbaikan', { about_resident_id: String(budiId), field: 'alamat', proposed: 'Jl. Pantai Hanura No. 8' });
      const row = await k().selectFrom('correction_requests').select('id').where('village_code', '=', H).orderBy('id', 'desc').executeTakeFirstOrThrow();
      return { res: await op.form(`/desa/${H}/perbaikan-data/${row.id}`, { outcome: 'rejected', ...values }), key: row.id };
    },
    read: (id) => k().selectFrom('correction_requests').selectAll().where('village_code', '=', H).where('id', '=', Number(id)).executeTakeFirstOrThrow(),
    pages: () => [[citizen, '/warga/perbaikan'], [op, `/desa/${H}/perbaikan-data?status=rejected`]],
  },
];

// ---------------------------------------------------------------------------------------
// the sweep

/** Does the field take this payload (its length as sent, and its format)? */
const accepted = (f: Field, v: string) => (f.wrap?.(v) ?? v).length <= f.max && (f.accepts?.(v) ?? true);

async function tableNames(): Promise<string[]> {
  const r = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(k());
  return r.rows.map((x) => x.table_name);
}

describe('SQL and HTML injection in every text field ends as inert text', () => {
  let tablesBefore: string[];
  beforeAll(async () => {
    tablesBefore = await tableNames();
  });

  for (const target of TARGETS) {
    it(target.name, async () => {
      for (const payload of PAYLOADS) {
        const fields = Object.entries(target.fields);
        const values = Object.fromEntries(fields.map(([name, f]) => [name, accepted(f, payload) ? (f.wrap?.(payload) ?? payload) : (f.wrap?.(FILLER) ?? FILLER)]));
        const started = Date.now();
        const { res, key } = await target.send(values);
        const what = `${target.name} ← ${payload}`;
        expect(Date.now() - started, `${what}: took too long`).toBeLessThan(FAST_MS);
        expect(res.status, `${what}: ${await res.clone().text().then((s) => s.slice(0, 300))}`).toBeLessThan(400);

        const stored = await target.read(key);
        for (const [name, f] of fields) {
          if (!accepted(f, payload)) continue;
          expect(stored[name], `${what}: stored ${name}`).toEqual(f.stored ? f.stored(payload) : (f.wrap?.(payload) ?? payload));
        }

        let shown = false;
        for (const [client, path] of target.pages(key)) {
          const page = await client.get(path);
          expect(page.status, `${what}: ${path}`).toBe(200);
          const html = await page.text();
          expect(html, `${what}: ${path} has live markup`).not.toMatch(LIVE);
          if (html.includes(escapeHtml(payload))) shown = true;
        }
        expect(shown, `${what}: shown escaped on a page`).toBe(true);

        // A payload a field does not accept gets a 400 naming that field, and nothing more.
        for (const [name, f] of fields) {
          if (accepted(f, payload)) continue;
          const only = Object.fromEntries(fields.map(([n, g]) => [n, n === name ? (g.wrap?.(payload) ?? payload) : (g.wrap?.(FILLER) ?? FILLER)]));
          const refused = (await target.send(only)).res;
          expect(refused.status, `${what}: ${name} refused`).toBe(400);
          if (target.api) expect((await refused.json()).error.field, `${what}: names ${name}`).toMatch(new RegExp(`^(${name.replace('.', '\\.')}|isian\\.${name})$`));
          else expect(await refused.text(), `${what}: explains ${name}`).toMatch(/class="notice error"|role="alert"/);
        }
      }
    });
  }

  for (const target of TARGETS) {
    it(`${target.name}: a NUL character, which PostgreSQL cannot store, gets a 400 naming the field`, async () => {
      const fields = Object.entries(target.fields);
      for (const [name] of fields) {
        const values = Object.fromEntries(fields.map(([n, g]) => [n, n === name ? (g.wrap?.('Teks\u0000NUL') ?? 'Teks\u0000NUL') : (g.wrap?.(FILLER) ?? FILLER)]));
        const { res } = await target.send(values);
        const what = `${target.name}: NUL in ${name}`;
        expect(res.status, what).toBe(400);
        if (target.api) expect((await res.json()).error.field, what).toMatch(new RegExp(`^(fields\\.)?${name.replace('.', '\\.')}$`));
        else expect(await res.text(), what).toMatch(/karakter NUL/);
      }
    });
  }

  it('a NUL character in a query string or a login gets a 400, not a server error', async () => {
    const q = await op.get(`${api}/residents?q=Budi%00`);
    expect(q.status).toBe(400);
    expect((await q.json()).error).toMatchObject({ field: 'q', message: 'Kolom Kata pencarian berisi karakter NUL (kode 0) yang tidak dapat disimpan. Hapus karakter itu atau ketik ulang isinya.' });
    expect((await t.anonymous.post('/api/v1/auth/login', { username: 'hanura\u0000', password: 'x' })).status).toBe(400);
    const page = await t.anonymous.request('/masuk', { method: 'POST', body: new URLSearchParams({ username: 'a\u0000', password: 'b' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(page.status).toBe(400);
  });

  it('leaves every table in place, and the register still answers', async () => {
    expect(await tableNames()).toEqual(tablesBefore);
    for (const table of ['residents', 'families', 'village_areas', 'letters', 'letter_types', 'correction_requests']) {
      const r = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where village_code = ${H}`.execute(k());
      expect(Number(r.rows[0]!.n), table).toBeGreaterThan(0);
    }
    for (const table of ['users', 'sessions', 'audit_log']) expect((await k().selectFrom(table as 'users').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n, table).not.toBe(0);
    expect((await op.get(`${api}/residents`)).status).toBe(200);
  });
});

describe('injection into logins and searches', () => {
  it('logins refuse SQL as a username, password, NIK or PIN, quickly and plainly', async () => {
    for (const p of [...SQL_PAYLOADS, "admin'--", "hanura' --"]) {
      const started = Date.now();
      const officer = await t.anonymous.post('/api/v1/auth/login', { username: p, password: p });
      expect([p, officer.status]).toEqual([p, 401]);
      const withRealName = await t.anonymous.post('/api/v1/auth/login', { username: 'hanura', password: p });
      expect([p, withRealName.status]).toEqual([p, 401]);
      const page = await t.anonymous.request('/masuk', { method: 'POST', body: new URLSearchParams({ username: p, password: p }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(page.status).toBe(401);
      expect(await page.text()).not.toMatch(LIVE);
      const citizenLogin = await t.anonymous.request('/warga/masuk', { method: 'POST', body: new URLSearchParams({ nik: p, pin: p }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(citizenLogin.status).toBe(400);
      expect(Date.now() - started).toBeLessThan(FAST_MS);
    }
    await t.db.kysely.deleteFrom('attempt_counters').execute();
  });

  it('the login forms never echo a hostile username or NIK as markup', async () => {
    for (const p of HTML_PAYLOADS) {
      const page = await t.anonymous.request('/masuk', { method: 'POST', body: new URLSearchParams({ username: p, password: 'salah sekali' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(await page.text()).not.toMatch(LIVE);
      const citizenPage = await t.anonymous.request('/warga/masuk', { method: 'POST', body: new URLSearchParams({ nik: p, pin: '123456' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      const html = await citizenPage.text();
      expect(html).not.toMatch(LIVE);
      expect(html).toContain(`value="${escapeHtml(p.slice(0, 20))}"`); // what was typed is kept, escaped
    }
    await t.db.kysely.deleteFrom('attempt_counters').execute();
  });

  it('searches treat SQL and markup as a search term', async () => {
    for (const p of PAYLOADS) {
      const started = Date.now();
      for (const res of [
        await op.get(`${api}/residents?q=${encodeURIComponent(p)}`),
        await op.get(`${api}/families?q=${encodeURIComponent(p.slice(0, 60))}`),
        await op.get(`${api}/letters?q=${encodeURIComponent(p)}`),
        await op.get(`/api/v1/regions?q=${encodeURIComponent(p)}`),
      ]) {
        expect(res.status, `${res.url} ${p}`).toBe(200);
        expect(Array.isArray((await res.json()).data)).toBe(true);
      }
      for (const path of [`/desa/${H}/penduduk`, `/desa/${H}/keluarga`, `/desa/${H}/surat`]) {
        const res = await op.form(path, { q: p });
        expect(res.status, `${path} ${p}`).toBe(200);
        const html = await res.text();
        expect(html).not.toMatch(LIVE);
        expect(html).toContain(`value="${escapeHtml(p)}"`);
      }
      const region = await op.get(`/wilayah?q=${encodeURIComponent(p)}`);
      expect(await region.text()).not.toMatch(LIVE);
      expect(Date.now() - started).toBeLessThan(FAST_MS);
    }
  });

  it('path parameters: a region code or an id made of SQL is refused as a bad code, never run', async () => {
    for (const p of SQL_PAYLOADS) {
      const res = await op.get(`/api/v1/villages/${encodeURIComponent(p)}/residents`);
      expect(res.status, p).toBeGreaterThanOrEqual(400);
      expect(res.status, p).toBeLessThan(500);
      // One id parser for every route: what cannot name a row is a 404 before any query runs.
      const letter = await op.get(`${api}/letters/${encodeURIComponent(p)}`);
      expect(letter.status, p).toBe(404);
      expect((await op.get(`/v/${encodeURIComponent(p)}`)).status).toBe(404);
    }
  });
});

describe('what a hostile value becomes in letters and exports', () => {
  it('a letter prints names and fields literally — {{penduduk.nik}} in a value is not expanded — and every page shows them escaped', async () => {
    await op.json('PATCH', `/api/v1/villages/${H}`, { head_name: '{{penduduk.nik}} <b>Kades</b>', office_address: "Jl. '; drop table villages; --" });
    await kades.json('PUT', `${api}/letter-settings`, { number_pattern: '{nomor}/<script>alert(1)</script>/{tahun}', number_scope: 'village_year', paper: 'A4', citizen_download: true, staff_number_label: '<i>NIPD</i>' });
    const nik = nextNik();
    const created = await op.post(`${api}/residents`, { name: '<script>alert(1)</script> Siti', sex: 2, religion: 1, nik, kk_number: nextKk(), birth_date: '1990-08-17', birth_place: '"><img src=x onerror=alert(1)>', address: "'; drop table residents; --" });
    expect(created.status).toBe(201);
    const residentId = (await json(created)).data.id as number;
    const fields = { nama_usaha: '{{penduduk.nik}}', jenis_usaha: '<script>alert(1)</script>', alamat_usaha: '"><img src=x onerror=alert(1)>', keperluan: "' or '1'='1" };
    const id = (await json(await op.post(`${api}/letters`, { type: 'usaha', nik, fields }))).data.id as number;
    expect((await op.post(`${api}/letters/${id}/check`, {})).status).toBe(200);
    const signed = await kades.post(`${api}/letters/${id}/sign`, {});
    expect(signed.status, await signed.clone().text()).toBe(200);
    const { number, verify_code } = (await json(signed)).data as { number: string; verify_code: string };
    expect(number).toMatch(/^\d{3}\/<script>alert\(1\)<\/script>\/\d{4}$/);

    const pdfRes = await op.get(`/desa/${H}/surat/${id}/pdf`);
    expect(pdfRes.headers.get('content-type')).toBe('application/pdf');
    expect(pdfRes.headers.get('content-disposition')).toMatch(/^inline; filename="usaha-[0-9A-Za-z.-]+\.pdf"$/); // the number's markup never reaches a header
    const pdf = pdfText(Buffer.from(await pdfRes.arrayBuffer()));
    for (const literal of [...Object.values(fields), '<script>alert(1)</script> Siti', number, "Jl. '; drop table villages; --"]) {
      expect(pdf, literal).toContain(squeeze(literal));
    }
    // The NIK prints where the letter asks for it (the identity block), not where a value said {{penduduk.nik}}.
    expect(pdf.split(nik).length - 1).toBe(1);

    for (const [client, path] of [[op, `/desa/${H}/surat/${id}`], [t.anonymous, `/v/${verify_code}`], [op, `/desa/${H}/surat?status=issued`], [op, `/desa/${H}/penduduk/${residentId}`]] as const) {
      const html = await (await client.get(path)).text();
      expect(html, path).not.toMatch(LIVE);
      expect(html, path).not.toContain('<b>Kades</b>');
    }
    expect(await (await t.anonymous.get(`/v/${verify_code}`)).text()).toContain(escapeHtml(number));

    const archive = await workbookStrings(await (await op.get(`/desa/${H}/surat/arsip.xlsx?status=issued`)).arrayBuffer());
    expect(archive).toContain(number);
    expect(archive.some((s) => s.includes('<script>alert(1)</script> Siti'))).toBe(true);
    // Restore a plain pattern for what follows.
    await kades.json('PUT', `${api}/letter-settings`, { number_pattern: '{klasifikasi}/{nomor}/{kode_desa}/{bulan_romawi}/{tahun}', number_scope: 'village_year', paper: 'A4', citizen_download: true, staff_number_label: 'NIPD' });
  });

  it('CSV exports never start a cell with = + - @ that a spreadsheet would run; XLSX and PDF hold the literal text', async () => {
    const hostileNames = ['=1+2', '=HYPERLINK("http://contoh.invalid","klik")', '+62 812 3456 789', '-2+3', '@SUM(A1:A2)', "=cmd|' /C calc'!A0", '-'];
    for (const name of hostileNames) {
      const res = await op.post(`${api}/residents`, { name, sex: 1, religion: 1, nik: nextNik(), kk_number: nextKk(), birth_date: '1990-08-17', address: '=1+1', birth_place: '-5' });
      expect(res.status, name).toBe(201);
    }
    const csvRes = await op.get(`/desa/${H}/penduduk/ekspor.csv`);
    expect(csvRes.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csvRes.headers.get('content-disposition')).toMatch(/^attachment; filename="penduduk-1809102004-[\d-]+\.csv"$/);
    const rows = Papa.parse<string[]>((await csvRes.text()).replace(/^\ufeff/, ''), { skipEmptyLines: true }).data;
    expect(rows.length).toBeGreaterThan(hostileNames.length);
    for (const row of rows) {
      for (const cell of row) {
        expect(cell, 'a formula cell').not.toMatch(/^[=+@\t\r]/);
        if (cell.startsWith('-')) expect(cell, 'a formula cell').toMatch(/^-$|^-\d+(\.\d+)?$/);
      }
    }
    const names = rows.map((r) => r[rows[0]!.indexOf('nama')]);
    for (const name of hostileNames) expect(names, name).toContain(/^[=+@]|^-./.test(name) && !/^-\d+$/.test(name) ? `'${name}` : name);

    const xlsx = await workbookStrings(await (await op.get(`/desa/${H}/penduduk/ekspor.xlsx`)).arrayBuffer());
    for (const name of hostileNames) expect(xlsx, name).toContain(name);
    const induk = await op.get(`/desa/${H}/penduduk/buku-induk.xlsx`);
    const indukStrings = await workbookStrings(await induk.arrayBuffer());
    expect(indukStrings.some((s) => s.includes('=HYPERLINK'))).toBe(true);
    const pdf = pdfText(Buffer.from(await (await op.get(`/desa/${H}/penduduk/buku-induk.pdf`)).arrayBuffer()));
    expect(pdf).toContain(squeeze("'; drop table residents; --"));
    expect(pdf).toContain(squeeze('=1+2'));
  });
});

describe('uploads are checked by content and size, and never served as HTML', () => {
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f1d0e00000000049454e44ae426082', 'hex');
  const HTML_FILE = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
  const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>');
  // The PNG signature glued in front of HTML: the first bytes alone do not make an image.
  const FAKE_PNG = Buffer.concat([PNG.subarray(0, 8), HTML_FILE]);
  const multipart = (client: Client, path: string, field: string, bytes: Buffer, name: string, type: string) => {
    const form = new FormData();
    form.set('_csrf', client.csrf);
    form.set(field, new File([new Uint8Array(bytes)], name, { type }));
    return client.request(path, { method: 'POST', body: form });
  };

  it('refuses an HTML page or an SVG renamed .png as a logo or a resident photo, with the reason', async () => {
    const f = await newFamily();
    for (const [bytes, name] of [[HTML_FILE, 'logo.png'], [SVG, 'logo.svg'], [FAKE_PNG, 'logo.png']] as const) {
      const logo = await multipart(op, `/desa/${H}/logo`, 'logo', bytes, name, 'image/png');
      expect(logo.status, name).toBe(415);
      expect(await logo.text()).toContain('class="notice error"');
      // The API takes the raw file; a session's write must say JSON (the CSRF rule), whatever the body is.
      const viaApi = await op.request(`/api/v1/villages/${H}/logo`, { method: 'PUT', body: new Uint8Array(bytes), headers: { 'content-type': 'application/json' } });
      expect(viaApi.status, name).toBe(415);
      expect((await viaApi.json()).error.field).toBe('logo');
      const photo = await multipart(op, `/desa/${H}/penduduk/${f.head}/foto`, 'photo', bytes, name, 'image/png');
      expect(photo.status, name).toBe(415);
    }
    expect((await k().selectFrom('villages').select('logo').where('village_code', '=', H).executeTakeFirstOrThrow()).logo).toBeNull();
    expect((await resident(f.head)).photo).toBeNull();
    const big = await multipart(op, `/desa/${H}/logo`, 'logo', Buffer.concat([PNG, Buffer.alloc(400 * 1024)]), 'besar.png', 'image/png');
    expect(big.status).toBe(413);
  });

  it('serves stored images with their own image type, nosniff and an inline disposition', async () => {
    const f = await newFamily();
    expect((await multipart(op, `/desa/${H}/logo`, 'logo', PNG, 'logo.html', 'text/html')).status).toBe(200); // the name does not matter, the content does
    expect((await multipart(op, `/desa/${H}/penduduk/${f.head}/foto`, 'photo', PNG, 'foto.html', 'text/html')).status).toBe(303); // saved, then back to the page
    for (const [client, path] of [[t.anonymous, `/desa/${H}/logo`], [op, `/desa/${H}/penduduk/${f.head}/foto`]] as const) {
      const res = await client.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/^image\/(png|jpeg)$/);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('content-disposition'), path).toMatch(/^inline; filename="[a-z]+"$/);
      expect(res.headers.get('content-security-policy'), path).toContain("default-src 'self'");
    }
  });

  it('refuses an HTML page renamed .xlsx or .csv as an import, and stores nothing', async () => {
    const count = async () => Number((await k().selectFrom('residents').select((e) => e.fn.countAll<number>().as('n')).where('village_code', '=', H).executeTakeFirstOrThrow()).n);
    const before = await count();
    for (const name of ['penduduk.xlsx', 'penduduk.csv']) {
      const res = await multipart(op, `/desa/${H}/penduduk/impor`, 'file', HTML_FILE, name, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.status, name).toBe(400);
      const html = await res.text();
      expect(html).toContain('class="notice error"');
      expect(html).not.toMatch(/<script>alert\(document/);
    }
    expect(await count()).toBe(before);
  });

  it('every download says it is one (content-disposition with a safe file name) and is not cached', async () => {
    const letter = await newLetter('signed', true);
    expect((await op.post(`${api}/letters/${letter}/ready`, {})).status).toBe(200); // a citizen downloads a ready letter
    const downloads: [Client, string, RegExp][] = [
      [op, `/desa/${H}/penduduk/ekspor.xlsx`, /^attachment; filename="[\w.-]+\.xlsx"$/],
      [op, `/desa/${H}/penduduk/ekspor.csv`, /^attachment; filename="[\w.-]+\.csv"$/],
      [op, `/desa/${H}/penduduk/buku-induk.pdf`, /^attachment; filename="[\w.-]+\.pdf"$/],
      [op, `/desa/${H}/penduduk/buku-induk.xlsx`, /^attachment; filename="[\w.-]+\.xlsx"$/],
      [op, `/desa/${H}/penduduk/template.xlsx`, /^attachment; filename="[\w.-]+\.xlsx"$/],
      [op, `/desa/${H}/surat/arsip.xlsx`, /^attachment; filename="[\w.-]+\.xlsx"$/],
      [op, `/desa/${H}/surat/${letter}/pdf`, /^inline; filename="[\w.-]+\.pdf"$/],
      [citizen, `/warga/surat/${letter}/pdf`, /^attachment; filename="[\w.-]+\.pdf"$/],
    ];
    for (const [client, path, disposition] of downloads) {
      const res = await client.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).not.toMatch(/html/);
      expect(res.headers.get('content-disposition'), path).toMatch(disposition);
      expect(res.headers.get('cache-control'), path).toMatch(/no-store/);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });
});
