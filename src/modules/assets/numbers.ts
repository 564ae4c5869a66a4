import { badRequest } from '../../platform/http/errors.js';

/**
 * Quantities and areas exact, as the database's numeric text with two decimals ("12.50"):
 * typed as "12", "2,5", "2.5" or "1.250" (Indonesian thousands). Never through floating point
 * on the way in; sums are made by the database or as hundredths (BigInt).
 */
export function parseMeasure(input: string | undefined, field: string): string {
  let s = (input ?? '').trim().replace(/\s/g, '');
  if (s === '') throw badRequest('validation.required', field);
  if (s.includes(',')) {
    const parts = s.split(',');
    if (parts.length !== 2) throw badRequest('asset.number', field);
    s = `${parts[0]!.split('.').join('')}.${parts[1]}`;
  } else if (/^\d{1,3}(?:\.\d{3})+$/.test(s)) {
    s = s.split('.').join('');
  }
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) throw badRequest('asset.number', field);
  const hundredths = BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
  if (hundredths === 0n) throw badRequest('asset.number', field);
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
}

/** Numeric text ("12.50", "12.5", "12") as hundredths. */
export function hundredthsOf(text: string | number): bigint {
  const [whole, frac = ''] = String(text).split('.');
  return BigInt(whole!) * 100n + BigInt(frac.padEnd(2, '0').slice(0, 2));
}

const group = (digits: string, mark: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, mark);

/** Hundredths for people: "1.250,5" ("1,250.5" in English); whole numbers without decimals. */
export function formatMeasure(h: bigint, lang: 'id' | 'en' = 'id'): string {
  const whole = group((h / 100n).toString(), lang === 'en' ? ',' : '.');
  const frac = h % 100n;
  if (frac === 0n) return whole;
  return `${whole}${lang === 'en' ? '.' : ','}${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}

/** Numeric text for people. */
export const measure = (text: string | number, lang: 'id' | 'en' = 'id') => formatMeasure(hundredthsOf(text), lang);
