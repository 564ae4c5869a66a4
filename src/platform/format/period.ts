import { badRequest } from '../http/errors.js';
import { yearOf } from '../http/text-input.js';
import { formatDate, todayInWib } from './format.js';

/**
 * The period a register book or a yearly list shows, from its query (`tahun`, `bulan`): a year
 * (this year when none is given) and, where asked, a month. One reading for every book, so
 * that the same junk gets the same message naming the field everywhere.
 */
export interface Period { year: number; month: number | null }
export type PeriodKind = 'year' | 'month' | 'none';

/** The year in the query, or this year (WIB) when it is empty. */
export const yearOrThisYear = (tahun: string | undefined) => (tahun ? yearOf(tahun, 'tahun') : Number(todayInWib().slice(0, 4)));

/** A year and, for monthly books, a month (a yearly book may be narrowed to one; a monthly book with none shows the running month). */
export function periodOf(kind: PeriodKind, input: { tahun?: string; bulan?: string }): Period {
  const year = yearOrThisYear(input.tahun);
  const m = (input.bulan ?? '').trim();
  if (m !== '' && !/^(?:[1-9]|1[0-2])$/.test(m)) throw badRequest('validation.choice', 'bulan');
  if (kind === 'none' || (kind === 'year' && m === '')) return { year, month: null };
  return { year, month: m !== '' ? Number(m) : Number(todayInWib().slice(5, 7)) };
}

/** The first day of the period and the first day after it, as ISO dates. */
export function periodRange({ year, month }: Period) {
  const from = month ? `${year}-${String(month).padStart(2, '0')}-01` : `${year}-01-01`;
  const to = month ? (month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`) : `${year + 1}-01-01`;
  return { from, to };
}

/** A month's name in the reader's language: "Juni". */
export const monthName = (m: number, lang: 'id' | 'en' = 'id') => formatDate(`2000-${String(m).padStart(2, '0')}-01`, lang).split(' ')[1]!;

/** "Tahun 2026" or "Bulan Juni 2026", as the books' headings say it. */
export const periodTitle = ({ year, month }: Period) => (month ? `Bulan ${monthName(month)} ${year}` : `Tahun ${year}`);
