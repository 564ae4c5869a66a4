import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';
import { todayInWib } from '../../platform/format/format.js';
import { rebuildMailRollup } from './rollup.js';

const V = '18.09.10.2004'; // Hanura
const BASE = `/desa/${V}/surat-masuk`;
let t: TestApp;
let operator: Client;
let secretary: Client;
let head: Client;
let treasurer: Client;
let otherVillage: Client;
const ids = { invitation: 0, summons: 0, secretary: 0, routeToSecretary: 0 };
const today = todayInWib();
const year = Number(today.slice(0, 4));

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const db = () => t.db.kysely;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');
const letterCount = async () => Number((await db().selectFrom('incoming_letters').select((e) => e.fn.countAll<string>().as('n')).where('village_code', '=', V).executeTakeFirstOrThrow()).n);

/** The register's form as a phone's browser posts it, the scan as a file. */
function postLetter(client: Client, fields: Record<string, string>, scan?: { bytes: Buffer; type: string; name: string }) {
  const body = new FormData();
  body.set('_csrf', client.csrf);
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  if (scan) body.set('scan', new Blob([new Uint8Array(scan.bytes)], { type: scan.type }), scan.name);
  return client.request(BASE, { method: 'POST', body });
}
const invitation = { received_on: today, sender: 'Camat Teluk Pandan', letter_no: '005/123/TP/2026', letter_date: today, subject: 'Undangan rapat koordinasi pembangunan', nature: 'penting', summary: 'Rapat di kantor camat, Senin pukul 09.00.' };

beforeAll(async () => {
  t = await createTestApp({ population: true });
  [operator, secretary, head, treasurer, otherVillage] = await Promise.all(['hanura', 'sekdes.hanura', 'kades.hanura', 'bendahara.hanura', 'batumenyan'].map((u) => t.login(u)));
  ids.secretary = Number((await db().selectFrom('users').select('id').where('username', '=', 'sekdes.hanura').executeTakeFirstOrThrow()).id);
});
afterAll(() => t?.close());

describe('incoming letters (surat masuk) and their routing', () => {
  it('registers letters with their scans under the year\'s agenda numbers, in order; bad input names the field and saves nothing', async () => {
    const first = await postLetter(operator, invitation, { bytes: PDF, type: 'application/pdf', name: 'undangan.pdf' });
    expect(first.status).toBe(303);
    ids.invitation = Number(first.headers.get('location')!.split('/').pop()!.split('?')[0]);
    const photo = await sharp({ create: { width: 1200, height: 1700, channels: 3, background: '#f4f1e8' } }).withMetadata({ exif: { IFD0: { Make: 'PhoneCam' } } }).jpeg().toBuffer();
    const second = await postLetter(operator, { ...invitation, sender: 'Polsek Padang Cermin', letter_no: 'B/45/XII/2026', subject: 'Panggilan saksi', nature: 'rahasia', summary: '' }, { bytes: photo, type: 'image/jpeg', name: 'foto.jpg' });
    expect(second.status).toBe(303);
    ids.summons = Number(second.headers.get('location')!.split('/').pop()!.split('?')[0]);
    const rows = await db().selectFrom('incoming_letters').select(['id', 'agenda_no', 'year', 'scan_type']).where('village_code', '=', V).orderBy('id').execute();
    expect(rows.map((r) => [r.agenda_no, r.year, r.scan_type])).toEqual([[1, year, 'application/pdf'], [2, year, 'image/jpeg']]);
    // The phone's photo is kept without its metadata.
    const stored = await db().selectFrom('incoming_letters').select('scan').where('village_code', '=', V).where('id', '=', ids.summons).executeTakeFirstOrThrow();
    expect((await sharp(Buffer.from(stored.scan!)).metadata()).exif).toBeUndefined();

    const before = await letterCount();
    const refusals: [Record<string, string>, { bytes: Buffer; type: string; name: string } | undefined, number, string][] = [
      [{ ...invitation, letter_date: '2099-01-01' }, undefined, 400, 'Tanggal surat'],
      [{ ...invitation, received_on: '2099-01-01', letter_date: '2099-01-01' }, undefined, 400, 'Tanggal diterima'],
      [{ ...invitation, sender: '' }, undefined, 400, 'Pengirim'],
      [{ ...invitation, letter_date: '2026-02-30' }, undefined, 400, 'Tanggal surat'],
      [invitation, { bytes: Buffer.from('%PDF-1.4 terpotong'), type: 'application/pdf', name: 'x.pdf' }, 415, 'tidak utuh'],
      [invitation, { bytes: Buffer.from('MZ bukan surat'), type: 'application/pdf', name: 'x.pdf' }, 415, 'Pindaian surat'],
    ];
    for (const [fields, scan, status, words] of refusals) {
      const res = await postLetter(operator, fields, scan);
      expect(res.status).toBe(status);
      expect(await text(res)).toContain(words);
    }
    expect(await letterCount()).toBe(before);
    // Another village's operator, and the treasurer, cannot register here.
    expect((await postLetter(otherVillage, invitation)).status).toBe(403);
    expect((await postLetter(treasurer, invitation)).status).toBe(403);
  });

  it('shows the register searched and filtered, and a letter\'s scan only to the village\'s officers; each read is logged', async () => {
    const list = await text(await operator.get(`${BASE}?tahun=${year}&q=camat`));
    expect(list).toContain('Undangan rapat koordinasi');
    expect(list).not.toContain('Panggilan saksi');
    expect(await text(await operator.get(`${BASE}?q=b%2F45`))).toContain('Panggilan saksi');
    const scan = await operator.get(`${BASE}/${ids.invitation}/pindaian`);
    expect(scan.headers.get('content-type')).toBe('application/pdf');
    expect(scan.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await scan.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await otherVillage.get(`${BASE}/${ids.invitation}/pindaian`)).status).toBe(403);
    expect((await treasurer.get(`${BASE}/${ids.invitation}`)).status).toBe(403);
    expect((await t.anonymous.get(`${BASE}/${ids.invitation}/pindaian`)).status).toBeGreaterThanOrEqual(300);
    const logged = await db().selectFrom('audit_log').select('action').where('subject', '=', `incoming_letter:${ids.invitation}`).execute();
    expect(logged.map((l) => l.action)).toEqual(expect.arrayContaining(['mail.register', 'mail.scan_read']));
  });

  it('the head routes a letter to the secretary, who sees it in her queue and marks it done once; nobody else can', async () => {
    // The operator registers; routing is the head's or the secretary's.
    expect((await operator.form(`${BASE}/${ids.invitation}/disposisi`, { to_user: String(ids.secretary), instruction: 'Hadiri' })).status).toBe(403);
    const pastDue = await head.form(`${BASE}/${ids.invitation}/disposisi`, { to_user: String(ids.secretary), instruction: 'Hadiri', due_on: '2000-01-01' });
    expect(pastDue.status).toBe(400);
    expect(await text(pastDue)).toContain('Batas waktu');
    const stranger = Number((await db().selectFrom('users').select('id').where('username', '=', 'batumenyan').executeTakeFirstOrThrow()).id);
    expect((await head.form(`${BASE}/${ids.invitation}/disposisi`, { to_user: String(stranger), instruction: 'Hadiri' })).status).toBe(400);
    const routed = await head.form(`${BASE}/${ids.invitation}/disposisi`, { to_user: String(ids.secretary), instruction: 'Mohon hadir dan laporkan hasilnya', due_on: today });
    expect(routed.status).toBe(303);
    ids.routeToSecretary = Number((await db().selectFrom('incoming_letter_routes').select('id').where('village_code', '=', V).where('letter_id', '=', ids.invitation).executeTakeFirstOrThrow()).id);

    const queue = await text(await secretary.get(`/desa/${V}/disposisi`));
    expect(queue).toContain('Undangan rapat koordinasi');
    expect(queue).toContain('Mohon hadir dan laporkan hasilnya');
    // The treasurer's queue is empty, and the letter is not hers to open.
    expect(await text(await treasurer.get(`/desa/${V}/disposisi`))).toContain('Tidak ada disposisi');
    expect((await treasurer.get(`/desa/${V}/disposisi/surat/${ids.invitation}`)).status).toBe(404);
    expect((await secretary.get(`/desa/${V}/disposisi/surat/${ids.invitation}/pindaian`)).status).toBe(200);
    // Only the secretary marks her routing done, with a note, once.
    expect((await head.form(`/desa/${V}/disposisi/${ids.routeToSecretary}/selesai`, { done_note: 'Sudah' })).status).toBe(404);
    expect((await secretary.form(`/desa/${V}/disposisi/${ids.routeToSecretary}/selesai`, { done_note: '' })).status).toBe(400);
    expect((await secretary.form(`/desa/${V}/disposisi/${ids.routeToSecretary}/selesai`, { done_note: 'Sudah hadir; notulen di map rapat.' })).status).toBe(303);
    expect((await secretary.form(`/desa/${V}/disposisi/${ids.routeToSecretary}/selesai`, { done_note: 'Lagi' })).status).toBe(409);
    const page = await text(await head.get(`${BASE}/${ids.invitation}`));
    expect(page).toContain('Siti Rahmawati');
    expect(page).toContain('Sudah hadir; notulen di map rapat.');
    expect(await text(await operator.get(`${BASE}?status=terbuka`))).not.toContain('Undangan rapat koordinasi');
  });

  it('a letter recorded by mistake is voided with its reason: it keeps its number and can no longer be routed', async () => {
    expect((await operator.form(`${BASE}/${ids.summons}/batal`, { void_reason: 'x' })).status).toBe(400);
    expect((await operator.form(`${BASE}/${ids.summons}/batal`, { void_reason: 'Salah alamat, untuk desa tetangga' })).status).toBe(303);
    expect((await operator.form(`${BASE}/${ids.summons}/batal`, { void_reason: 'Salah alamat lagi' })).status).toBe(409);
    expect((await head.form(`${BASE}/${ids.summons}/disposisi`, { to_user: String(ids.secretary), instruction: 'Hadiri' })).status).toBe(409);
    const row = await db().selectFrom('incoming_letters').select(['agenda_no', 'void_reason']).where('village_code', '=', V).where('id', '=', ids.summons).executeTakeFirstOrThrow();
    expect(row).toEqual({ agenda_no: 2, void_reason: 'Salah alamat, untuk desa tetangga' });
    // The next letter still gets the next number.
    expect((await postLetter(operator, { ...invitation, subject: 'Permohonan data penduduk' })).status).toBe(303);
    const last = await db().selectFrom('incoming_letters').select('agenda_no').where('village_code', '=', V).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last.agenda_no).toBe(3);
  });

  it('the agenda book lists the year\'s letters in and out from their registers, and its Excel file holds the same rows', async () => {
    const out = await sql<{ n: number; y: number }>`select count(*)::int as n, extract(year from (signed_at at time zone 'Asia/Jakarta'))::int as y from letters
      where village_code = ${V} and number is not null group by 2 order by 1 desc limit 1`.execute(db());
    const busiest = out.rows[0];
    // This year's incoming three plus the letters signed this year, numbered in one run.
    const signedThisYear = Number((await sql<{ n: number }>`select count(*)::int as n from letters where village_code = ${V} and number is not null
      and signed_at >= ${`${year}-01-01T00:00:00+07:00`}::timestamptz and signed_at < ${`${year + 1}-01-01T00:00:00+07:00`}::timestamptz`.execute(db())).rows[0]!.n);
    const page = await text(await operator.get(`/desa/${V}/buku-agenda?tahun=${year}`));
    expect(page).toContain(`${3 + signedThisYear} surat`);
    expect(page).toContain('Dibatalkan: Salah alamat, untuk desa tetangga');
    const file = await operator.get(`/desa/${V}/buku-agenda.xlsx?tahun=${year}`);
    expect(file.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await file.arrayBuffer()) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Buku Agenda')!;
    expect(ws.rowCount - 5).toBe(3 + signedThisYear);
    expect(String(ws.getRow(4).getCell(3).value)).toBe('Surat Masuk');
    if (busiest && busiest.y !== year) {
      const other = await text(await operator.get(`/desa/${V}/buku-agenda?tahun=${busiest.y}`));
      expect(other).toContain(`${busiest.n} surat`);
    }
    // The printed register: landscape A4 or F4, drawn off the request path, its reading logged.
    for (const paper of ['a4', 'f4']) {
      const pdf = await operator.get(`/desa/${V}/buku-agenda.pdf?tahun=${year}&kertas=${paper}`);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    }
    const exports = await db().selectFrom('audit_log').select('detail').where('action', '=', 'mail.agenda_export').where('village_code', '=', V).execute();
    expect(exports.filter((e) => (e.detail as { format?: string }).format === 'pdf')).toHaveLength(2);
    expect((await operator.get(`/desa/${V}/buku-agenda?bulan=13`)).status).toBe(400);
    expect((await otherVillage.get(`/desa/${V}/buku-agenda`)).status).toBe(403);
  });

  it('the levels above see counts from the rollup, equal to a recount, and never a sender or a subject', async () => {
    const written = await db().selectFrom('monitoring_mail').select(['month', 'received', 'routed', 'done', 'done_late']).where('village_code', '=', V).orderBy('month').execute();
    expect(written).toEqual([{ month: `${today.slice(0, 7)}-01`, received: 2, routed: 1, done: 1, done_late: 0 }]);
    await db().transaction().execute((trx) => rebuildMailRollup(trx, V));
    expect(await db().selectFrom('monitoring_mail').select(['month', 'received', 'routed', 'done', 'done_late']).where('village_code', '=', V).orderBy('month').execute()).toEqual(written);
    const district = await t.login('telukpandan');
    const dash = await text(await district.get(`/pantau/18.09.10/surat-masuk?tahun=${year}`));
    expect(dash).toContain('Hanura');
    expect(dash).not.toContain('Camat Teluk Pandan');
    expect(dash).not.toContain('Undangan rapat');
    expect((await district.get(`/pantau/18.09.10/surat-masuk.xlsx?tahun=${year}`)).headers.get('content-type')).toContain('spreadsheetml');
    // The district reads no letter itself.
    expect((await district.get(`${BASE}/${ids.invitation}`)).status).toBe(403);
  });
  it('pages of a busy year\'s agenda book follow one another in the Excel file\'s order, in and out merged by day', async () => {
    const Y = 2021;
    const by = Number((await db().selectFrom('users').select('id').where('username', '=', 'hanura').executeTakeFirstOrThrow()).id);
    await sql`insert into incoming_letters (village_code, year, agenda_no, received_on, sender, letter_no, letter_date, subject, registered_by)
      select ${V}, ${Y}, g, ${`${Y}-01-01`}::date + (g * 3), 'Pengirim ' || g, 'M-' || g, ${`${Y}-01-01`}::date + (g * 3), 'Surat masuk ' || g, ${by} from generate_series(1, 120) g`.execute(db());
    await sql`insert into letters (village_code, type_code, type_title, resident_id, status, channel, requested_at, signed_at, signed_by, sign_mode, number, number_scope_key, running_number)
      select ${V}, 'sktm', 'SKTM', r.id, 'collected', 'counter', s.at, s.at, ${by}, 'self', 'K-' || r.n, ${`test-${Y}`}, r.n
      from (select id, row_number() over (order by id) as n from residents where village_code = ${V} limit 90) r
      cross join lateral (select ${`${Y}-01-02T10:00:00+07:00`}::timestamptz + make_interval(days => (r.n * 4)::int) as at) s`.execute(db());
    const pageNumbers = async (page: number) => [...(await (await operator.get(`/desa/${V}/buku-agenda?tahun=${Y}&page=${page}`)).text()).matchAll(/<td[^>]*>([MK]-\d+)/g)].map((m) => m[1]);
    const paged = [...(await pageNumbers(1)), ...(await pageNumbers(2)), ...(await pageNumbers(3))];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await (await operator.get(`/desa/${V}/buku-agenda.xlsx?tahun=${Y}`)).arrayBuffer()) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Buku Agenda')!;
    const excel: string[] = [];
    ws.eachRow((row, n) => { if (n > 5) excel.push(String(row.getCell(3).value || row.getCell(7).value)); });
    expect(excel).toHaveLength(210);
    expect(paged).toEqual(excel);
    // Days in order (in: 4, 7, 10 January …; out: 6, 10 January …), in before out on the same day.
    expect(excel.slice(0, 5)).toEqual(['M-1', 'K-1', 'M-2', 'M-3', 'K-2']);
  });
});
