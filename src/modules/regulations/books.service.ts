import { sql } from 'kysely';
import type { UseCaseContext } from '../../platform/context.js';
import type { RegulationKind } from '../../platform/db/schema.js';
import { pageOf } from '../../platform/db/search-pattern.js';
import { formatDate, todayInWib } from '../../platform/format/format.js';
import { badRequest } from '../../platform/http/errors.js';
import { clean, yearOf } from '../../platform/http/text-input.js';
import { registerWorkbook } from '../../platform/excel/register-workbook-job.js';
import { registerBookPdf } from '../../platform/pdf/register-book-job.js';
import type { RegisterBook, RegisterLine } from '../../platform/pdf/register-book.js';
import { activeHead, registerSignature, villageInScope } from '../villages/index.js';
import { titlesOf } from './register.service.js';
import { KIND_LABEL, regulationTitle } from './words.js';

/**
 * The three books of the buku administrasi umum (Permendagri 47/2016) made from the one register
 * of regulations, never typed twice: the Buku Peraturan di Desa (Perdes, Peraturan Bersama,
 * Perkades set in the year), the Buku Keputusan Kepala Desa (the head's decisions of the year) and
 * the Buku Lembaran Desa dan Berita Desa (the regulations promulgated in the year). A record
 * corrected away is not in them (its correction is); a revoked one stays, with why in the remarks.
 * Each book's columns and cells are said once here, for the page, the PDF and the Excel file.
 */
export type BookKey = 'peraturan' | 'keputusan' | 'lembaran';
export const BOOK_KEYS: readonly BookKey[] = ['peraturan', 'keputusan', 'lembaran'];
export const BOOK_PATH: Record<BookKey, string> = { peraturan: 'buku-peraturan', keputusan: 'buku-keputusan', lembaran: 'lembaran-desa' };
const PAGE = 100;

export interface BookRow {
  id: number; kind: RegulationKind; year: number; number: string; set_on: string; about: string; summary: string; bpd_agreed_on: string | null;
  report_no: string | null; reported_on: string | null; promulgated_on: string | null; gazette_no: string | null; note: string;
  revoked_at: Date | null; revoke_reason: string | null; amends: string | null; amended_by: string | null;
}

const d = (s: string | null) => (s ? formatDate(s) : '');
const join = (...parts: (string | null | undefined)[]) => parts.filter((p) => p).join(', ');

/** The remarks column: the note, what it amends, what amended it, and its revocation. */
export function remarks(r: BookRow) {
  return [
    r.note,
    ...titlesOf(r.amends).map((t) => `Mengubah ${t}`),
    ...titlesOf(r.amended_by).map((t) => `Diubah dengan ${t}`),
    r.revoked_at ? `Dicabut: ${r.revoke_reason ?? ''}` : '',
  ].filter((s) => s !== '').join('; ');
}

/** Each book: its official title, its columns (with the PDF's widths) and a row's cells. */
export const BOOKS: Record<BookKey, { title: string; name: string; titleEn: string; kinds: readonly RegulationKind[]; columns: RegisterBook['columns']; cells: (r: BookRow) => string[] }> = {
  peraturan: {
    title: 'BUKU PERATURAN DI DESA', name: 'Buku Peraturan di Desa', titleEn: 'Book of Village Regulations', kinds: ['perdes', 'perbersama', 'perkades'],
    columns: [
      { title: 'NO', width: 22 }, { title: 'JENIS DAN NOMOR PERATURAN', width: 90 }, { title: 'TANGGAL DITETAPKAN', width: 52 }, { title: 'TENTANG', width: 100 },
      { title: 'URAIAN SINGKAT', width: 120 }, { title: 'TANGGAL KESEPAKATAN BPD', width: 52 }, { title: 'DILAPORKAN: NOMOR', width: 55 }, { title: 'DILAPORKAN: TANGGAL', width: 52 },
      { title: 'DIUNDANGKAN DALAM LEMBARAN DESA/ BERITA DESA: TANGGAL', width: 58 }, { title: 'DIUNDANGKAN: NOMOR', width: 50 }, { title: 'KETERANGAN', width: 90 },
    ],
    cells: (r) => [regulationTitle(r.kind, r.number, r.year), d(r.set_on), r.about, r.summary, d(r.bpd_agreed_on), r.report_no ?? '', d(r.reported_on), d(r.promulgated_on), r.gazette_no ?? '', remarks(r)],
  },
  keputusan: {
    title: 'BUKU KEPUTUSAN KEPALA DESA', name: 'Buku Keputusan Kepala Desa', titleEn: 'Book of Village Head Decisions', kinds: ['kepkades'],
    columns: [
      { title: 'NO', width: 22 }, { title: 'NOMOR DAN TANGGAL KEPUTUSAN KEPALA DESA', width: 110 }, { title: 'TENTANG', width: 140 }, { title: 'URAIAN SINGKAT', width: 180 },
      { title: 'NOMOR DAN TANGGAL DILAPORKAN', width: 100 }, { title: 'KETERANGAN', width: 110 },
    ],
    cells: (r) => [join(regulationTitle(r.kind, r.number, r.year).replace('Keputusan Kepala Desa ', ''), d(r.set_on)), r.about, r.summary, join(r.report_no, d(r.reported_on)), remarks(r)],
  },
  lembaran: {
    title: 'BUKU LEMBARAN DESA DAN BERITA DESA', name: 'Buku Lembaran Desa dan Berita Desa', titleEn: 'Book of the Village Gazette', kinds: ['perdes', 'perbersama', 'perkades'],
    columns: [
      { title: 'NO', width: 22 }, { title: 'JENIS PERATURAN DI DESA', width: 100 }, { title: 'NOMOR DAN TANGGAL DITETAPKAN', width: 100 }, { title: 'TENTANG', width: 170 },
      { title: 'DIUNDANGKAN: TANGGAL', width: 60 }, { title: 'DIUNDANGKAN: NOMOR', width: 90 }, { title: 'KETERANGAN', width: 120 },
    ],
    cells: (r) => [KIND_LABEL[r.kind].id, join(/^\d{1,6}$/.test(r.number) ? `Nomor ${r.number} Tahun ${r.year}` : `Nomor ${r.number}`, d(r.set_on)), r.about, d(r.promulgated_on),
      `${r.kind === 'perkades' ? 'Berita Desa' : 'Lembaran Desa'} Tahun ${r.promulgated_on?.slice(0, 4) ?? ''} Nomor ${r.gazette_no ?? ''}`, remarks(r)],
  },
};

/**
 * The book's rows in its order: the regulations set in the year by day (promulgated in the year,
 * by promulgation day, for the gazette), `limit` of them from `offset`, each with the titles of
 * what it amends and what amended it (read for the page's rows only).
 */
function bookQuery(book: BookKey, village: string, year: number, limit: number | null, offset = 0) {
  const kinds = BOOKS[book].kinds;
  const where = book === 'lembaran'
    ? sql`r.promulgated_on >= ${`${year}-01-01`}::date and r.promulgated_on < ${`${year + 1}-01-01`}::date`
    : sql`r.year = ${year}`;
  const order = book === 'lembaran' ? sql`r.promulgated_on, r.id` : sql`r.set_on, r.id`;
  const outer = book === 'lembaran' ? sql`p.promulgated_on, p.id` : sql`p.set_on, p.id`;
  return sql<BookRow>`
    select p.*,
      (select a.kind || ':' || a.number || ':' || a.year from village_regulations a where a.village_code = ${village} and a.id = p.amends_id) as amends,
      (select string_agg(a.kind || ':' || a.number || ':' || a.year, ',' order by a.set_on, a.id) from village_regulations a
        where a.village_code = ${village} and a.amends_id = p.id and a.corrected_at is null) as amended_by
    from (
      select r.id, r.kind, r.year, r.number, r.set_on::text as set_on, r.about, r.summary, r.bpd_agreed_on::text as bpd_agreed_on, r.report_no, r.reported_on::text as reported_on,
        r.promulgated_on::text as promulgated_on, r.gazette_no, r.note, r.revoked_at, r.revoke_reason, r.amends_id
      from village_regulations r
      where r.village_code = ${village} and r.corrected_at is null and r.kind in (${sql.join(kinds.map((k) => sql`${k}`))}) and ${where}
      order by ${order} ${limit === null ? sql`` : sql`limit ${limit} offset ${offset}`}
    ) p order by ${outer}`;
}

async function bookCount(ctx: UseCaseContext, book: BookKey, village: string, year: number) {
  const kinds = BOOKS[book].kinds;
  const where = book === 'lembaran'
    ? sql`promulgated_on >= ${`${year}-01-01`}::date and promulgated_on < ${`${year + 1}-01-01`}::date`
    : sql`year = ${year}`;
  const r = await sql<{ n: number }>`select count(*)::int as n from village_regulations where village_code = ${village} and corrected_at is null
    and kind in (${sql.join(kinds.map((k) => sql`${k}`))}) and ${where}`.execute(ctx.db.kysely);
  return r.rows[0]!.n;
}

function bookOf(input: string | undefined): BookKey {
  const key = BOOK_KEYS.find((k) => k === input);
  if (!key) throw badRequest('validation.choice', 'buku');
  return key;
}
const yearFrom = (tahun: string | undefined) => (clean(tahun) === '' ? Number(todayInWib().slice(0, 4)) : yearOf(clean(tahun), 'tahun'));

/** A page of a book, a hundred rows, numbered across pages. */
export async function bookPage(ctx: UseCaseContext, villageInput: string, bookInput: string, input: { tahun?: string; page?: string }) {
  const village = await villageInScope(ctx, villageInput, 'regulation.read');
  const book = bookOf(bookInput);
  const year = yearFrom(input.tahun);
  const page = pageOf(input.page);
  const [r, total] = await Promise.all([
    bookQuery(book, village.village_code, year, PAGE, (page - 1) * PAGE).execute(ctx.db.kysely),
    bookCount(ctx, book, village.village_code, year),
  ]);
  const first = (page - 1) * PAGE + 1;
  const rows = r.rows.map((x, i) => ({ id: Number(x.id), revoked: x.revoked_at !== null, cells: [String(first + i), ...BOOKS[book].cells(x)] }));
  return { village, book, year, page, total, pages: Math.max(1, Math.ceil(total / PAGE)), rows };
}

/** The whole year's book as the printed register's title, lines, columns, signature and rows. */
async function wholeBook(ctx: UseCaseContext, villageInput: string, bookInput: string, input: { tahun?: string; kertas?: string }) {
  const village = await villageInScope(ctx, villageInput, 'regulation.read');
  const book = bookOf(bookInput);
  const year = yearFrom(input.tahun);
  const [r, head] = await Promise.all([bookQuery(book, village.village_code, year, null).execute(ctx.db.kysely), activeHead(ctx.db.kysely, village.village_code)]);
  const kind = village.kind === 'kelurahan' ? 'KELURAHAN' : 'DESA';
  const def = BOOKS[book];
  const register: RegisterBook = {
    title: def.title, lines: [`${kind} ${village.name.toUpperCase()} (${village.village_code})`, `Tahun ${year}`], columns: def.columns,
    paper: input.kertas === 'f4' ? 'f4' : 'a4', signature: head ? registerSignature(head, village.name, todayInWib()) : null,
    empty: 'Belum ada catatan pada tahun ini.',
  };
  const lines: RegisterLine[] = r.rows.map((x, i) => ({ cells: [String(i + 1), ...def.cells(x)] }));
  const filename = `${BOOK_PATH[book]}-${village.village_code.replace(/\./g, '')}-${year}`;
  return { register, lines, filename };
}

/** The book as the printed PDF (A4 or F4 landscape, the head's signature block), drawn in a worker thread. */
export async function bookPdf(ctx: UseCaseContext, villageInput: string, bookInput: string, input: { tahun?: string; kertas?: string }) {
  const b = await wholeBook(ctx, villageInput, bookInput, input);
  return { bytes: await registerBookPdf(b.register, b.lines), filename: `${b.filename}.pdf` };
}

/** The book as an Excel workbook in the same columns, written in a worker thread. */
export async function bookWorkbook(ctx: UseCaseContext, villageInput: string, bookInput: string, input: { tahun?: string }) {
  const b = await wholeBook(ctx, villageInput, bookInput, input);
  return { bytes: await registerWorkbook(b.register, b.lines, b.register.title), filename: `${b.filename}.xlsx` };
}
