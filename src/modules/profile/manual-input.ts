import { formatNumber } from '../../platform/format/format.js';
import { badRequest } from '../../platform/http/errors.js';
import { clean, text } from '../../platform/http/text-input.js';
import type { Manual } from './catalog.js';

/** A number as a phone's keypad types it: digits, then a comma or a point before the decimals. No thousands separators. */
const NUMBER = /^\d{1,13}(?:[.,]\d{1,6})?$/;

export type TypedInput = { value_number: string; value_text: null } | { value_number: null; value_text: string };

/**
 * A typed value checked against its item: a number within its bounds and decimals (kept as exact
 * decimal text), one of the choices, a line of text. `field` is the item's label with its code,
 * so the message names what the officer was typing into.
 */
export function typedValue(manual: Manual, raw: string | undefined, field: string): TypedInput {
  const s = clean(raw);
  if (s === '') throw badRequest('validation.required', field);
  if (manual.kind === 'choice') {
    if (!manual.options.includes(s)) throw badRequest('validation.choice', field);
    return { value_number: null, value_text: s };
  }
  if (manual.kind === 'text') return { value_number: null, value_text: text(s, field, 1, manual.max) };
  const compact = s.replace(/\s/g, '');
  if (compact.startsWith('-')) throw badRequest('validation.too_small', field, { min: 0 });
  if (!NUMBER.test(compact)) throw badRequest('survey.number', field);
  const [whole, frac = ''] = compact.replace(',', '.').split('.') as [string, string?];
  const digits = frac.replace(/0+$/, '');
  if (digits.length > manual.decimals) throw manual.decimals === 0 ? badRequest('survey.whole', field) : badRequest('survey.decimals', field, { decimals: manual.decimals });
  const value = `${whole.replace(/^0+(?=\d)/, '')}${digits ? `.${digits}` : ''}`;
  if (Number(value) > manual.max) throw badRequest('validation.too_big', field, { max: formatNumber(manual.max) });
  return { value_number: value, value_text: null };
}
