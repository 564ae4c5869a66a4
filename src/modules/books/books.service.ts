import { authorize, can } from '../../platform/access/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { pageOf } from '../../platform/db/search-pattern.js';
import { registerWorkbook } from '../../platform/excel/register-workbook-job.js';
import { formatDate, todayInWib } from '../../platform/format/format.js';
import { notFound } from '../../platform/http/errors.js';
import { registerBookPdf } from '../../platform/pdf/register-book-job.js';
import type { RegisterBook, RegisterLine } from '../../platform/pdf/register-book.js';
import { activeHead, registerSignature, villageInScope } from '../villages/index.js';
import { periodOf, periodTitle, type Period } from '../../platform/format/period.js';
import type { DerivedBook } from './book.js';
import { DERIVED_BOOKS } from './catalogue.js';

const PAGE = 100;

function bookOf(slug: string): DerivedBook {
  const book = DERIVED_BOOKS.find((b) => b.slug === slug);
  if (!book) throw notFound();
  return book;
}

const numbered = (rows: RegisterLine[], first: number): RegisterLine[] => rows.map((r, i) => ({ ...r, cells: [String(first + i), ...r.cells] }));

/** A page of a derived book, a hundred rows numbered across pages. Reading a book that names residents is logged. */
export async function bookPage(ctx: UseCaseContext, villageInput: string, slug: string, input: { tahun?: string; bulan?: string; page?: string }) {
  const book = bookOf(slug);
  const village = await villageInScope(ctx, villageInput, book.permission);
  const period = periodOf(book.period, input);
  const page = pageOf(input.page);
  const fullNik = can(ctx.actor, 'population.full_nik', village.village_code);
  const offset = (page - 1) * PAGE;
  const db = ctx.db.kysely;
  const [rows, total] = book.count
    ? await Promise.all([book.rows(db, village.village_code, period, { slice: { limit: PAGE, offset }, fullNik }), book.count(db, village.village_code, period)])
    : await book.rows(db, village.village_code, period, { fullNik }).then((all) => [all.slice(offset, offset + PAGE), all.length] as const);
  if (book.personal) {
    await recordAudit(ctx.db.kysely, ctx, { action: 'books.read', villageCode: village.village_code, subject: `village:${village.village_code}`, detail: { book: slug, ...period, page, rows: rows.length } });
  }
  return {
    book, village, period, page, total, pages: Math.max(1, Math.ceil(total / PAGE)), first: offset + 1,
    mayDownload: can(ctx.actor, book.exportPermission ?? book.permission, village.village_code),
    rows: numbered(rows, offset + 1),
  };
}

function heading(book: DerivedBook, village: { village_code: string; name: string; kind: string }, period: Period, paper: 'a4' | 'f4'): Omit<RegisterBook, 'signature'> {
  const kind = village.kind === 'kelurahan' ? 'KELURAHAN' : 'DESA';
  return {
    title: book.title,
    lines: [`${kind} ${village.name.toUpperCase()} (${village.village_code})`, book.period === 'none' ? `Keadaan ${formatDate(todayInWib())}` : periodTitle(period)],
    columns: [{ title: 'NO.', width: 22 }, ...book.columns],
    paper,
    empty: book.empty,
  };
}

/**
 * The whole book of the period as Excel or as the printed register (landscape A4 or F4, the
 * village head's signature block; none when no head is recorded — nobody signs in his place),
 * made in a worker thread off the request path. Every download is logged.
 */
export async function bookFile(ctx: UseCaseContext, villageInput: string, slug: string, format: 'pdf' | 'xlsx', input: { tahun?: string; bulan?: string; kertas?: string }) {
  const book = bookOf(slug);
  const village = await villageInScope(ctx, villageInput, book.permission);
  if (book.exportPermission) authorize(ctx.actor, book.exportPermission, village.village_code);
  const period = periodOf(book.period, input);
  const paper = input.kertas === 'f4' ? 'f4' : input.kertas === 'a4' ? 'a4' : book.paper;
  const fullNik = can(ctx.actor, 'population.full_nik', village.village_code);
  const [rows, head] = await Promise.all([
    book.rows(ctx.db.kysely, village.village_code, period, { fullNik }),
    activeHead(ctx.db.kysely, village.village_code),
  ]);
  const register: RegisterBook = { ...heading(book, village, period, paper), signature: head ? registerSignature(head, village.name, todayInWib()) : null };
  const lines = numbered(rows, 1);
  const bytes = format === 'pdf' ? await registerBookPdf(register, lines) : await registerWorkbook(register, lines, book.name.id);
  await recordAudit(ctx.db.kysely, ctx, { action: 'books.export', villageCode: village.village_code, subject: `village:${village.village_code}`, detail: { book: slug, ...period, rows: rows.length, format } });
  const when = book.period === 'none' ? todayInWib() : `${period.year}${period.month ? `-${String(period.month).padStart(2, '0')}` : ''}`;
  return { bytes, filename: `buku-${slug}-${village.village_code.replace(/\./g, '')}-${when}.${format}` };
}
