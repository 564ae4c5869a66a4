import { z } from 'zod';
import { formatDate, formatRupiah } from '../../platform/format/format.js';
import { badRequest } from '../../platform/http/errors.js';
import { isCalendarDate } from '../../platform/http/validation.js';
import type { LetterField } from './catalogue.js';

/** Form names of a letter's own fields: `isian.keperluan`, so they never clash with the form's own. */
export const fieldInputName = (name: string) => `isian.${name}`;

/**
 * Checks the values a request carries against its type's fields and returns them as
 * trimmed strings (numbers as digits, dates as YYYY-MM-DD). The first problem becomes
 * a 400 naming the field by its label, and the form marks `isian.<name>`.
 */
export function validateLetterFields(fields: readonly LetterField[], input: Record<string, unknown>): Record<string, string> {
  // No prototype on either side: a field named `constructor` is what the request says, or empty.
  const out: Record<string, string> = Object.create(null);
  for (const f of fields) {
    const key = fieldInputName(f.name);
    const raw = Object.hasOwn(input, f.name) ? input[f.name] : undefined;
    const value = raw === undefined || raw === null ? '' : String(raw).trim();
    const params = { field: f.label };
    if (value === '') {
      if (f.required) throw badRequest('validation.required', key, params);
      continue;
    }
    switch (f.kind) {
      case 'text':
      case 'textarea': {
        const max = f.max ?? (f.kind === 'text' ? 200 : 1000);
        if (value.length > max) throw badRequest('validation.too_long', key, { ...params, max });
        // Letters are printed: control characters have no place in them.
        if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value)) throw badRequest('validation.invalid', key, params);
        out[f.name] = f.kind === 'text' ? value.replace(/\s+/g, ' ') : value;
        break;
      }
      case 'number':
      case 'money': {
        const digits = f.kind === 'money' ? value.replace(/^Rp\s?/i, '').replace(/\./g, '') : value;
        if (!/^\d{1,12}$/.test(digits)) throw badRequest('validation.type', key, { ...params, expected: 'angka' });
        const n = Number(digits);
        if (f.max !== undefined && n > f.max) throw badRequest('validation.too_big', key, { ...params, max: f.max });
        out[f.name] = String(n);
        break;
      }
      case 'date':
        if (!isCalendarDate(value)) throw badRequest('validation.format', key, params);
        out[f.name] = value;
        break;
      case 'select':
        if (!f.options?.includes(value)) throw badRequest('validation.choice', key, params);
        out[f.name] = value;
        break;
    }
  }
  return out;
}

/** A stored value as the letter prints it: dates spelt out, money in rupiah. */
export function printedFieldValue(f: LetterField, value: string | undefined): string {
  if (value === undefined || value === '') return '';
  if (f.kind === 'date') return formatDate(value);
  if (f.kind === 'money') return formatRupiah(Number(value));
  return value;
}

const RESERVED = new Set(['type', 'resident_id', 'nik', 'idempotency_key', 'csrf']);

/** A field definition as a village writes it when it adds or changes a letter type. */
export const LetterFieldSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/).refine((n) => !RESERVED.has(n)),
    label: z.string().trim().min(2).max(80),
    kind: z.enum(['text', 'textarea', 'date', 'number', 'money', 'select']),
    required: z.boolean(),
    max: z.number().int().positive().max(1_000_000_000).optional(),
    options: z.array(z.string().trim().min(1).max(80)).min(1).max(30).optional(),
  })
  .refine((f) => f.kind !== 'select' || (f.options?.length ?? 0) > 0, { path: ['options'] });

/**
 * Fields as officers type them, one a line: `name; Label; kind; wajib|opsional; choices a|b|c`.
 * Village officers live in spreadsheets and text boxes, not in JSON editors.
 */
export function parseFieldLines(text: string): LetterField[] {
  const fields: LetterField[] = [];
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length > 20) throw badRequest('letters.too_many_fields', 'fields', { max: 20 });
  for (const [i, line] of lines.entries()) {
    const [name = '', label = '', kind = 'text', need = 'wajib', choices = ''] = line.split(';').map((p) => p.trim());
    const candidate = {
      name,
      label,
      kind,
      required: !/^(opsional|optional|tidak)$/i.test(need),
      ...(choices ? { options: choices.split('|').map((c) => c.trim()).filter(Boolean) } : {}),
    };
    const r = LetterFieldSchema.safeParse(candidate);
    if (!r.success) throw badRequest('letters.field_line', 'fields', { line: i + 1, text: line.slice(0, 60) });
    if (fields.some((f) => f.name === r.data.name)) throw badRequest('letters.field_duplicate', 'fields', { name: r.data.name });
    fields.push(r.data);
  }
  return fields;
}

export const fieldLines = (fields: readonly LetterField[]) =>
  fields.map((f) => [f.name, f.label, f.kind, f.required ? 'wajib' : 'opsional', ...(f.options ? [f.options.join('|')] : [])].join('; ')).join('\n');
