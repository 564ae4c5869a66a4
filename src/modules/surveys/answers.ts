import { badRequest } from '../../platform/http/errors.js';
import { clean, dateOf } from '../../platform/http/text-input.js';
import type { Question } from './questionnaires.service.js';

/**
 * An answer checked against its question: a number in its range with at most its decimals
 * (a comma or a point before the decimals, as a phone's keypad gives), a real day, one of the
 * choices' codes, a line of text. Every message names the question by its number and words.
 */
const NUMBER = /^-?\d{1,13}(?:[.,]\d{1,6})?$/;

/** The field's name in a message: "3. Luas lantai rumah". */
export const questionLabel = (q: Pick<Question, 'position' | 'text'>) => `${q.position}. ${q.text}`;

/** A number typed by a person, as the exact decimal text the database keeps; null when empty. */
export function numberText(raw: string | undefined, field: string): string | null {
  const s = (raw ?? '').trim().replace(/\s/g, '');
  if (s === '') return null;
  if (!NUMBER.test(s)) throw badRequest('survey.number', field);
  const [whole, frac = ''] = s.replace(',', '.').split('.') as [string, string?];
  const digits = frac.replace(/0+$/, '');
  const w = whole.replace(/^(-?)0+(?=\d)/, '$1');
  return digits ? `${w}.${digits}` : w === '-0' ? '0' : w;
}

/** A bound of a number question (nilai terkecil / terbesar); null when empty. */
export const boundOf = (raw: string | undefined, field: string) => numberText(raw, field);

export type AnswerValue = { value_text: string | null; value_number: string | null; value_date: string | null };

/** The value to keep for a question, or null when left empty (a required one is checked when the response is complete). */
export function answerValue(q: Question, raw: string | undefined): AnswerValue | null {
  const field = questionLabel(q);
  const s = clean(raw);
  if (s === '') return null;
  switch (q.kind) {
    case 'number': {
      const n = numberText(s, field)!;
      const decimals = n.includes('.') ? n.split('.')[1]!.length : 0;
      if (decimals > q.decimals) throw q.decimals === 0 ? badRequest('survey.whole', field) : badRequest('survey.decimals', field, { decimals: q.decimals });
      if (q.min_value !== null && Number(n) < Number(q.min_value)) throw badRequest('validation.too_small', field, { min: Number(q.min_value).toLocaleString('id-ID') });
      if (q.max_value !== null && Number(n) > Number(q.max_value)) throw badRequest('validation.too_big', field, { max: Number(q.max_value).toLocaleString('id-ID') });
      return { value_text: null, value_number: n, value_date: null };
    }
    case 'date':
      return { value_text: null, value_number: null, value_date: dateOf(s, field) };
    case 'choice':
      if (!(q.options ?? []).some((o) => o.code === s)) throw badRequest('validation.choice', field);
      return { value_text: s, value_number: null, value_date: null };
    default:
      if (s.length > 1000) throw badRequest('validation.too_long', field, { max: 1000 });
      return { value_text: s, value_number: null, value_date: null };
  }
}

/** An answer as a person reads it: the choice's label, the number with its unit, the day. */
export function answerText(q: Question, a: AnswerValue | undefined, formatDay: (d: string) => string): string {
  if (!a) return '';
  if (q.kind === 'choice') return q.options?.find((o) => o.code === a.value_text)?.label ?? a.value_text ?? '';
  if (q.kind === 'number') return `${(a.value_number ?? '').replace('.', ',')}${q.unit_label ? ` ${q.unit_label}` : ''}`;
  if (q.kind === 'date') return a.value_date ? formatDay(a.value_date) : '';
  return a.value_text ?? '';
}
