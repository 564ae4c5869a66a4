import { badRequest } from './errors.js';

/** Text fields of forms, checked the same way everywhere; each message names the field. */

/** Spaces collapsed, ends trimmed. */
export const clean = (v: string | undefined) => (v ?? '').replace(/\s+/g, ' ').trim();

/** One line of text between `min` and `max` characters. */
export function text(v: string | undefined, field: string, min: number, max: number): string {
  const s = clean(v);
  if (s.length === 0 && min > 0) throw badRequest('validation.required', field);
  if (s.length < min) throw badRequest('validation.too_short', field, { min });
  if (s.length > max) throw badRequest('validation.too_long', field, { max });
  return s;
}

/** Text that keeps its lines (a mission list, minutes); null when empty. */
export function paragraphs(v: string | undefined, field: string, max: number): string | null {
  const s = (v ?? '').replace(/\r\n?/g, '\n').split('\n').map((l) => l.replace(/[ \t]+/g, ' ').trim()).join('\n').replace(/\n{3,}/g, '\n\n').trim();
  if (s.length > max) throw badRequest('validation.too_long', field, { max });
  return s || null;
}

/** A year from 2000 to 2100. */
export function yearOf(v: string | number | undefined, field: string): number {
  const s = String(v ?? '').trim();
  if (!/^\d{4}$/.test(s) || Number(s) < 2000 || Number(s) > 2100) throw badRequest('budget.year', field);
  return Number(s);
}

/** A real calendar day, YYYY-MM-DD. */
export function dateOf(v: string | undefined, field: string): string {
  const d = (v ?? '').trim();
  const parsed = new Date(`${d}T00:00:00Z`);
  // A month 13 or a 31 February is no day at all (and would be an invalid Date, not a later one).
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== d) throw badRequest('validation.date', field);
  return d;
}

/** A real calendar day that is not after today (a payment, a count, a survey already done). */
export function pastDayOf(v: string | undefined, field: string, today: string): string {
  const d = dateOf(v, field);
  if (d > today) throw badRequest('budget.regulation_in_future', field);
  return d;
}
