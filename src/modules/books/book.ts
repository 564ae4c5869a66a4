import type { Kysely } from 'kysely';
import type { Permission } from '../../platform/access/permissions.js';
import type { Database } from '../../platform/db/schema.js';
import { formatDate, todayInWib } from '../../platform/format/format.js';
import { badRequest } from '../../platform/http/errors.js';
import { yearOf } from '../../platform/http/text-input.js';
import type { RegisterLine } from '../../platform/pdf/register-book.js';

/**
 * A register book Balai derives from what it already holds (Permendagri 47/2016): never typed
 * twice, so the book always agrees with the register it is read from. Each book says which
 * permission reads it, whether its rows name residents (then every read is audited), its
 * printed columns, and how to read its rows for a period — a page of them for the screen, all
 * of them for Excel and PDF. The running number ("No.") is added by the framework.
 */
export type BookGroup = 'umum' | 'penduduk' | 'keuangan' | 'pembangunan';
export type PeriodKind = 'year' | 'month' | 'none';
export interface Period { year: number; month: number | null }
export interface Slice { limit: number; offset: number }
/** A page of rows for the screen (none: all), and whether the reader may see NIKs whole. */
export interface ReadOptions { slice?: Slice; fullNik: boolean }
type Db = Kysely<Database>;

export interface DerivedBook {
  slug: string;
  group: BookGroup;
  name: { id: string; en: string };
  /** The printed heading, e.g. "BUKU MUTASI PENDUDUK DESA". */
  title: string;
  permission: Permission;
  /** Downloading the whole book (Excel, PDF) may ask more than reading a page: a register of residents asks `population.export`. */
  exportPermission?: Permission;
  /** The rows name residents: every read and download is written in the audit log. */
  personal: boolean;
  period: PeriodKind;
  paper: 'a4' | 'f4';
  /** The columns after "No.", with their relative widths on paper. */
  columns: { title: string; width: number }[];
  empty: string;
  count(db: Db, village: string, period: Period): Promise<number>;
  rows(db: Db, village: string, period: Period, opts: ReadOptions): Promise<RegisterLine[]>;
}

/** The book's period from the query: a year (this year by default) and, for monthly books, a month. */
export function periodOf(kind: PeriodKind, input: { tahun?: string; bulan?: string }): Period {
  const year = input.tahun ? yearOf(input.tahun, 'tahun') : Number(todayInWib().slice(0, 4));
  const m = (input.bulan ?? '').trim();
  if (m !== '' && !/^(?:[1-9]|1[0-2])$/.test(m)) throw badRequest('validation.choice', 'bulan');
  // A monthly book with no month chosen shows the month that is running.
  const month = m !== '' ? Number(m) : kind === 'month' ? Number(todayInWib().slice(5, 7)) : null;
  return { year, month: kind === 'none' || kind === 'year' && m === '' ? null : month };
}

/** The first day of the period and the first day after it, as ISO dates. */
export function periodRange({ year, month }: Period) {
  const from = month ? `${year}-${String(month).padStart(2, '0')}-01` : `${year}-01-01`;
  const to = month ? (month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`) : `${year + 1}-01-01`;
  return { from, to };
}

/** "Tahun 2026" or "Bulan Juni 2026", as the books' headings say it. */
export const periodTitle = ({ year, month }: Period) =>
  month ? `Bulan ${formatDate(`${year}-${String(month).padStart(2, '0')}-01`).split(' ').slice(1).join(' ')}` : `Tahun ${year}`;

/** A date cell: "10 September 2021", or empty. */
export const day = (d: string | Date | null | undefined) => (d ? formatDate(typeof d === 'string' ? d : d.toISOString()) : '');

/** A slice as SQL-ready numbers (all rows when none). */
export const sliceOf = (slice?: Slice) => ({ limit: slice?.limit ?? 1_000_000, offset: slice?.offset ?? 0 });
