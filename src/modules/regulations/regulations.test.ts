import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';
import { DEMO_CITIZEN } from '../demo/seed-demo.js';

const V = '18.09.10.2004'; // Hanura
const BASE = `/desa/${V}/peraturan`;
const Y = 2024; // a year the demo leaves empty
let t: TestApp;
let operator: Client;
let secretary: Client;
let treasurer: Client;
let otherVillage: Client;
let citizen: Client;
const ids = { perdes: 0, kepkades: 0, wrong: 0, corrected: 0 };

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const db = () => t.db.kysely;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');
const count = async () => Number((await db().selectFrom('village_regulations').select((e) => e.fn.countAll<string>().as('n')).where('village_code', '=', V).executeTakeFirstOrThrow()).n);
const idOf = (res: Response) => Number(res.headers.get('location')!.split('/').pop()!.split('?')[0]);

/** The form as a phone's browser posts it, the PDF as a file. */
function post(client: Client, path: string, fields: Record<string, string>, doc?: { bytes: Buffer; type: string }) {
  const body = new FormData();
  body.set('_csrf', client.csrf);
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  if (doc) body.set('document', new Blob([new Uint8Array(doc.bytes)], { type: doc.type }), 'perdes.pdf');
  return client.request(path, { method: 'POST', body });
}
const perdes = {
  kind: 'perdes', reg_number: '3 Tahun 2024', set_on: `${Y}-03-10`, tentang: 'Anggaran Pendapatan dan Belanja Desa Tahun Anggaran 2024', summary: 'APBDes 2024 sebesar Rp1.250.000.000.',
  bpd_agreed_on: `${Y}-03-05`, report_no: '141/12/HNR/2024', reported_on: `${Y}-03-12`, promulgated_on: `${Y}-03-10`, gazette_no: '3', note: '',
};

beforeAll(async () => {
  t = await createTestApp({ population: true, citizen: true });
  [operator, secretary, treasurer, otherVillage] = await Promise.all(['hanura', 'sekdes.hanura', 'bendahara.hanura', 'batumenyan'].map((u) => t.login(u)));
  citizen = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
});
afterAll(() => t?.close());

describe('the register of village regulations and the books made from it', () => {
  it('records a regulation with its PDF; a number already taken for its kind and year is refused naming the field; bad input saves nothing', async () => {
    const res = await post(operator, BASE, perdes, { bytes: PDF, type: 'application/pdf' });
    expect(res.status).toBe(303);
    ids.perdes = idOf(res);
    const row = await db().selectFrom('village_regulations').select(['number', 'year', 'document']).where('village_code', '=', V).where('id', '=', ids.perdes).executeTakeFirstOrThrow();
    expect([row.number, row.year]).toEqual(['3', Y]);
    expect(Buffer.from(row.document!).equals(PDF)).toBe(true);
    const decision = await post(secretary, BASE, { kind: 'kepkades', reg_number: '3', set_on: `${Y}-04-01`, tentang: 'Pembentukan Tim Pelaksana Kegiatan', report_no: '', reported_on: '' });
    expect(decision.status).toBe(303);
    ids.kepkades = idOf(decision);

    const before = await count();
    const refusals: [Record<string, string>, { bytes: Buffer; type: string } | undefined, number, string][] = [
      [{ ...perdes, reg_number: '3' }, undefined, 409, 'Nomor peraturan/keputusan'],
      [{ ...perdes, reg_number: 'Nomor 3 tahun 2024' }, undefined, 409, 'sudah tercatat'],
      [{ ...perdes, reg_number: '4', tentang: '' }, undefined, 400, 'Tentang'],
      [{ ...perdes, reg_number: '4', set_on: '2099-01-01' }, undefined, 400, 'Tanggal ditetapkan'],
      [{ ...perdes, reg_number: '4', promulgated_on: `${Y}-01-01` }, undefined, 400, 'Tanggal diundangkan'],
      [{ ...perdes, reg_number: '4', gazette_no: '' }, undefined, 400, 'Nomor Lembaran Desa/Berita Desa'],
      [{ kind: 'kepkades', reg_number: '9', set_on: `${Y}-04-01`, tentang: 'Penetapan', promulgated_on: `${Y}-04-01`, gazette_no: '1' }, undefined, 400, 'tidak diundangkan'],
      [{ ...perdes, reg_number: '4' }, { bytes: Buffer.from('MZ bukan pdf'), type: 'application/pdf' }, 400, 'Berkas peraturan (PDF)'],
      [{ ...perdes, reg_number: '4' }, { bytes: Buffer.from('%PDF-1.4 terpotong'), type: 'application/pdf' }, 415, 'tidak utuh'],
      [{ ...perdes, kind: 'lain', reg_number: '4' }, undefined, 400, 'Jenis'],
      [{ ...perdes, reg_number: '4:5' }, undefined, 400, 'titik, garis miring'],
    ];
    for (const [fields, doc, status, words] of refusals) {
      const r = await post(operator, BASE, fields, doc);
      expect(r.status, words).toBe(status);
      expect(await text(r)).toContain(words);
    }
    expect(await count()).toBe(before);
    const audited = await db().selectFrom('audit_log').select('action').where('subject', '=', `regulation:${ids.perdes}`).execute();
    expect(audited.map((a) => a.action)).toEqual(['regulation.record']);
  });

  it('shows the list filtered and a record with its PDF to the village\'s staff only; a citizen and another village are refused', async () => {
    const list = await text(await operator.get(`${BASE}?tahun=${Y}&kind=perdes`));
    expect(list).toContain('Peraturan Desa Nomor 3 Tahun 2024');
    expect(list).not.toContain('Tim Pelaksana');
    expect(await text(await treasurer.get(`${BASE}?tahun=${Y}&q=tim%20pelaksana`))).toContain('Keputusan Kepala Desa Nomor 3 Tahun 2024');
    const doc = await treasurer.get(`${BASE}/${ids.perdes}/berkas`);
    expect(doc.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await doc.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await treasurer.get(`${BASE}/${ids.kepkades}/berkas`)).status).toBe(404);
    // The treasurer reads; recording is the office's.
    expect((await post(treasurer, BASE, { ...perdes, reg_number: '7' })).status).toBe(403);
    for (const other of [otherVillage, citizen]) {
      expect((await other.get(`${BASE}/${ids.perdes}`)).status).toBe(403);
      expect((await other.get(`${BASE}/${ids.perdes}/berkas`)).status).toBe(403);
      expect((await other.get(`${BASE}/buku-peraturan.pdf?tahun=${Y}`)).status).toBe(403);
      expect((await post(other, BASE, { ...perdes, reg_number: '8' })).status).toBe(403);
    }
    expect((await t.anonymous.get(`${BASE}/${ids.perdes}/berkas`)).status).toBeGreaterThanOrEqual(300);
  });

  it('a record typed wrong is corrected by a new one (the old kept, its number freed); a revoked regulation keeps its row', async () => {
    const wrong = await post(operator, BASE, { ...perdes, reg_number: '5', tentang: 'Pungutan Desa (salah ketik)', promulgated_on: `${Y}-06-02`, gazette_no: '5', set_on: `${Y}-06-01`, bpd_agreed_on: '', reported_on: '', report_no: '' }, { bytes: PDF, type: 'application/pdf' });
    expect(wrong.status).toBe(303);
    ids.wrong = idOf(wrong);
    expect((await post(operator, `${BASE}/${ids.wrong}/koreksi`, { ...perdes, reg_number: '5', correction_reason: '' })).status).toBe(400);
    const fixed = await post(operator, `${BASE}/${ids.wrong}/koreksi`, {
      ...perdes, reg_number: '5', set_on: `${Y}-06-01`, tentang: 'Pungutan Desa', promulgated_on: `${Y}-06-02`, gazette_no: '5', bpd_agreed_on: '', reported_on: '', report_no: '', amends: String(ids.perdes), correction_reason: 'Salah ketik pada judul',
    });
    expect(fixed.status).toBe(303);
    ids.corrected = idOf(fixed);
    const rows = await db().selectFrom('village_regulations').select(['id', 'about', 'corrects_id', 'correction_reason', 'document']).where('village_code', '=', V).where('id', 'in', [ids.wrong, ids.corrected]).orderBy('id').execute();
    expect(rows.map((r) => [r.about, r.corrects_id === null ? null : Number(r.corrects_id), r.correction_reason])).toEqual([['Pungutan Desa (salah ketik)', null, 'Salah ketik pada judul'], ['Pungutan Desa', ids.wrong, null]]);
    // The old record's document came along.
    expect(Buffer.from(rows[1]!.document!).equals(PDF)).toBe(true);
    expect((await post(operator, `${BASE}/${ids.wrong}/koreksi`, { ...perdes, reg_number: '5', correction_reason: 'Lagi-lagi' })).status).toBe(409);
    expect(await text(await operator.get(`${BASE}/${ids.wrong}`))).toContain('sudah dikoreksi');
    expect(await text(await operator.get(`${BASE}/${ids.perdes}`))).toContain('Diubah oleh Peraturan Desa Nomor 5 Tahun 2024');

    expect((await operator.form(`${BASE}/${ids.kepkades}/cabut`, { revoke_reason: 'x' })).status).toBe(400);
    expect((await operator.form(`${BASE}/${ids.kepkades}/cabut`, { revoke_reason: 'Dicabut dengan Keputusan Kepala Desa Nomor 7 Tahun 2024' })).status).toBe(303);
    expect((await operator.form(`${BASE}/${ids.kepkades}/cabut`, { revoke_reason: 'Dicabut lagi' })).status).toBe(409);
    const revoked = await db().selectFrom('village_regulations').select(['revoke_reason']).where('village_code', '=', V).where('id', '=', ids.kepkades).executeTakeFirstOrThrow();
    expect(revoked.revoke_reason).toBe('Dicabut dengan Keputusan Kepala Desa Nomor 7 Tahun 2024');
    expect(await text(await operator.get(`${BASE}?tahun=${Y}`))).toContain('Dicabut');
  });

  it('each book\'s rows are the register\'s, in its order; its Excel file holds the same rows and its PDF opens', async () => {
    // A few more, out of order by day, so the order is the books' and not the typing's.
    for (const [n, day] of [['9', '01-15'], ['10', '02-20'], ['11', '11-30']] as const) {
      expect((await post(operator, BASE, { kind: 'perkades', reg_number: n, set_on: `${Y}-${day}`, tentang: `Peraturan Kepala Desa ${n}`, promulgated_on: `${Y}-${day}`, gazette_no: n })).status).toBe(303);
    }
    const books = [
      ['buku-peraturan', sql`kind <> 'kepkades' and year = ${Y}`, sql`set_on, id`, 'BUKU PERATURAN DI DESA'],
      ['buku-keputusan', sql`kind = 'kepkades' and year = ${Y}`, sql`set_on, id`, 'BUKU KEPUTUSAN KEPALA DESA'],
      ['lembaran-desa', sql`promulgated_on between ${`${Y}-01-01`}::date and ${`${Y}-12-31`}::date`, sql`promulgated_on, id`, 'BUKU LEMBARAN DESA DAN BERITA DESA'],
    ] as const;
    for (const [path, where, order, title] of books) {
      const expected = (await sql<{ about: string }>`select about from village_regulations where village_code = ${V} and corrected_at is null and ${where} order by ${order}`.execute(db())).rows.map((r) => r.about);
      expect(expected.length).toBeGreaterThan(0);
      const html = await (await operator.get(`${BASE}/${path}?tahun=${Y}`)).text();
      const onPage = expected.filter((a) => html.includes(`>${a}</td>`));
      expect(onPage).toEqual(expected);
      expect([...html.matchAll(/<tr><td[^>]*>(\d+)<\/td>/g)].map((m) => Number(m[1]))).toEqual(expected.map((_, i) => i + 1));
      const file = await operator.get(`${BASE}/${path}.xlsx?tahun=${Y}`);
      expect(file.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await file.arrayBuffer()) as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(String(ws.getRow(1).getCell(1).value)).toBe(title);
      const aboutCol = path === 'buku-keputusan' ? 3 : 4;
      const excel: string[] = [];
      ws.eachRow((row, n) => { if (n > 5 && /^\d+$/.test(String(row.getCell(1).value))) excel.push(String(row.getCell(aboutCol).value)); });
      expect(excel).toEqual(expected);
      for (const paper of ['a4', 'f4']) {
        const pdf = await operator.get(`${BASE}/${path}.pdf?tahun=${Y}&kertas=${paper}`);
        expect(pdf.headers.get('content-type')).toBe('application/pdf');
        const bytes = Buffer.from(await pdf.arrayBuffer());
        expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
        expect(bytes.toString('latin1')).toContain(`(${title})`);
      }
    }
    // The revoked decision stays in its book, with why.
    expect(await text(await operator.get(`${BASE}/buku-keputusan?tahun=${Y}`))).toContain('Dicabut: Dicabut dengan Keputusan Kepala Desa Nomor 7 Tahun 2024');
    expect(await text(await operator.get(`${BASE}/buku-peraturan?tahun=${Y}`))).toContain('Mengubah Peraturan Desa Nomor 3 Tahun 2024');
    expect((await otherVillage.get(`${BASE}/lembaran-desa?tahun=${Y}`)).status).toBe(403);
  });
});
