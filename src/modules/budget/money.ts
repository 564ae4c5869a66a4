import { badRequest } from '../../platform/http/errors.js';

/**
 * Money and quantities as exact integers (BigInt): whole rupiah, and volumes in hundredths.
 * The database keeps them as numeric; nothing here ever goes through floating point.
 */

/** Whole rupiah as typed by an officer: "15900000", "15.900.000", "Rp 15.900.000". */
export function parseRupiah(input: string | number | undefined, field: string): bigint {
  const s = String(input ?? '').trim().replace(/^rp\.?\s*/i, '');
  if (s === '') throw badRequest('validation.required', field);
  // Digits with optional groups of three after dots or spaces (Indonesian thousands marks); a
  // trailing ",00" of zero sen is allowed. Each part is checked by a fixed pattern, no backtracking.
  const [whole, sen] = s.split(',');
  if (sen !== undefined && !/^0{1,2}$/.test(sen)) throw badRequest('budget.whole_rupiah', field);
  const groups = whole!.split(/[. ]/);
  if (!/^\d{1,15}$/.test(groups[0]!) || (groups.length > 1 && (groups[0]!.length > 3 || groups.slice(1).some((g) => !/^\d{3}$/.test(g)))))
    throw badRequest('budget.money_format', field);
  const value = BigInt(groups.join(''));
  if (value > 999_999_999_999_999n) throw badRequest('validation.too_big', field, { max: formatPlain(999_999_999_999_999n) });
  return value;
}

/** A volume with at most two decimals, as hundredths: "2,5" and "2.5" are 250; "1.500" is 150000. */
export function parseVolume(input: string | number | undefined, field: string): bigint {
  let s = String(input ?? '').trim().replace(/\s/g, '');
  if (s === '') throw badRequest('validation.required', field);
  if (s.includes(',')) {
    // Indonesian: comma for decimals, dots for thousands.
    const [whole, frac, extra] = s.split(',');
    if (extra !== undefined) throw badRequest('budget.volume_format', field);
    s = `${whole!.split('.').join('')}.${frac}`;
  } else if (/^\d{1,3}(\.\d{3})+$/.test(s)) {
    s = s.split('.').join(''); // "1.500": thousands
  }
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) throw badRequest('budget.volume_format', field);
  const hundredths = BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
  if (hundredths === 0n) throw badRequest('validation.too_small', field, { min: '0,01' });
  return hundredths;
}

/** Volume (hundredths) × unit price (rupiah), rounded half up to whole rupiah: as round() in PostgreSQL. */
export const lineAmount = (volumeHundredths: bigint, unitPrice: bigint): bigint => (volumeHundredths * unitPrice + 50n) / 100n;

/** Hundredths as the database's numeric text: 250 → "2.50". */
export const volumeText = (hundredths: bigint) => `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;

/** A numeric from the database ("2.50", "1500000") as hundredths. */
export function volumeFromText(text: string): bigint {
  const [whole, frac = ''] = text.split('.');
  return BigInt(whole!) * 100n + BigInt(frac.padEnd(2, '0').slice(0, 2));
}

/** Whole rupiah from the database ("15900000" or "15900000.00"). */
export const rupiahFromText = (text: string) => BigInt(text.split('.')[0]!);

/** "2,5" / "2.5" for people; whole volumes without decimals. */
export function formatVolume(hundredths: bigint, lang: 'id' | 'en' = 'id'): string {
  const whole = formatPlain(hundredths / 100n, lang);
  const frac = hundredths % 100n;
  if (frac === 0n) return whole;
  return `${whole}${lang === 'en' ? '.' : ','}${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}

/** 1500000 → "1.500.000" (English: "1,500,000"). */
export function formatPlain(n: bigint, lang: 'id' | 'en' = 'id'): string {
  const negative = n < 0n;
  const digits = (negative ? -n : n).toString();
  const parts: string[] = [];
  for (let i = digits.length; i > 0; i -= 3) parts.unshift(digits.slice(Math.max(0, i - 3), i));
  return `${negative ? '-' : ''}${parts.join(lang === 'en' ? ',' : '.')}`;
}

export const sum = (xs: Iterable<bigint>) => {
  let total = 0n;
  for (const x of xs) total += x;
  return total;
};
