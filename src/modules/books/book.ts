import type { Kysely } from 'kysely';
import type { Permission } from '../../platform/access/permissions.js';
import type { Database } from '../../platform/db/schema.js';
import { formatDate } from '../../platform/format/format.js';
import type { Period, PeriodKind } from '../../platform/format/period.js';
import type { RegisterLine } from '../../platform/pdf/register-book.js';

export { periodRange, type Period } from '../../platform/format/period.js';

/**
 * A register book Balai derives from what it already holds (Permendagri 47/2016): never typed
 * twice, so the book always agrees with the register it is read from. Each book says which
 * permission reads it, whether its rows name residents (then every read is audited), its
 * printed columns, and how to read its rows for a period — a page of them for the screen, all
 * of them for Excel and PDF. The running number ("No.") is added by the framework.
 */
export type BookGroup = 'umum' | 'penduduk' | 'keuangan' | 'pembangunan';
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
  /** How many rows; none for a book whose few rows are worked out whole (the recapitulation): read once, cut to the page. */
  count?(db: Db, village: string, period: Period): Promise<number>;
  rows(db: Db, village: string, period: Period, opts: ReadOptions): Promise<RegisterLine[]>;
}

/** A date cell: "10 September 2021", or empty. */
export const day = (d: string | Date | null | undefined) => (d ? formatDate(typeof d === 'string' ? d : d.toISOString()) : '');

/** A slice as SQL-ready numbers (all rows when none). */
export const sliceOf = (slice?: Slice) => ({ limit: slice?.limit ?? 1_000_000, offset: slice?.offset ?? 0 });
