import { z } from 'zod';
import { t, type Lang } from '../i18n/i18n.js';
import { AppError, notFound } from './errors.js';

/** Turns the first zod issue into an AppError that names the field, in the user's words. */
export function zodIssueToError(error: z.ZodError, lang: Lang): AppError {
  const issue = error.issues[0]!;
  const field = issue.path.length ? issue.path.join('.') : (issue as any).keys?.[0] ?? 'body';
  const p = { field } as Record<string, string | number>;
  const anyIssue = issue as any;
  switch (issue.code) {
    case 'invalid_type':
      // zod 4 keeps the input out of issues; its English message still says what arrived.
      if (anyIssue.input === undefined && /received undefined/.test(issue.message)) return new AppError(400, 'invalid_input', 'validation.required', p, field);
      return new AppError(400, 'invalid_input', 'validation.type', {
        ...p,
        expected: t(lang, `type.${anyIssue.expected}` as any) ?? anyIssue.expected,
      }, field);
    case 'too_small':
      if (anyIssue.origin === 'string')
        return new AppError(400, 'invalid_input', Number(anyIssue.minimum) <= 1 ? 'validation.required' : 'validation.too_short', { ...p, min: Number(anyIssue.minimum) }, field);
      return new AppError(400, 'invalid_input', 'validation.too_small', { ...p, min: Number(anyIssue.minimum) }, field);
    case 'too_big':
      if (anyIssue.origin === 'string')
        return new AppError(400, 'invalid_input', 'validation.too_long', { ...p, max: Number(anyIssue.maximum) }, field);
      return new AppError(400, 'invalid_input', 'validation.too_big', { ...p, max: Number(anyIssue.maximum) }, field);
    case 'invalid_format':
      return new AppError(400, 'invalid_input', anyIssue.format === 'email' ? 'validation.email' : 'validation.format', p, field);
    case 'invalid_value':
      return new AppError(400, 'invalid_input', 'validation.choice', p, field);
    case 'unrecognized_keys':
      return new AppError(400, 'invalid_input', 'validation.unknown_field', { field: anyIssue.keys?.[0] ?? field }, anyIssue.keys?.[0]);
    case 'custom':
      // A path id that cannot name a row (id-param.ts): the thing asked for does not exist.
      if (anyIssue.params?.status === 404) return notFound();
      if (anyIssue.params?.key) return new AppError(400, 'invalid_input', anyIssue.params.key, { ...p, ...anyIssue.params }, field);
      return new AppError(400, 'invalid_input', 'validation.invalid', p, field);
    default:
      return new AppError(400, 'invalid_input', 'validation.invalid', p, field);
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** "2024-02-29" yes, "2024-02-31" and "9999-99-99" no: a date the calendar has, before it reaches SQL. */
export function isCalendarDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A query or body date (YYYY-MM-DD) that exists; otherwise 400 naming the field. */
export const CalendarDate = z.string().refine(isCalendarDate, { params: { key: 'validation.date' } });
