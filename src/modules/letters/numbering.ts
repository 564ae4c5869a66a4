/**
 * Letter number patterns, e.g. the default `{klasifikasi}/{nomor}/{kode_desa}/{bulan_romawi}/{tahun}`
 * → `474.1/007/1809102004/IV/2025`. Each village may choose its own pattern; everything
 * outside the {tokens} is printed as written.
 */

export const DEFAULT_NUMBER_PATTERN = '{klasifikasi}/{nomor}/{kode_desa}/{bulan_romawi}/{tahun}';
export const NUMBER_PATTERN_MAX_LENGTH = 80;

/** The tokens a pattern may use, with a description for the settings page. */
export const NUMBER_PATTERN_TOKENS: readonly { token: string; description: string }[] = [
  { token: '{klasifikasi}', description: 'Kode klasifikasi arsip jenis surat, mis. 474.1' },
  { token: '{nomor}', description: 'Nomor urut, minimal 3 angka (007)' },
  { token: '{nomor:N}', description: 'Nomor urut, minimal N angka (1–6), mis. {nomor:4} → 0007' },
  { token: '{kode_desa}', description: 'Kode desa tanpa titik, mis. 1809102004' },
  { token: '{bulan_romawi}', description: 'Bulan dalam angka Romawi (I–XII)' },
  { token: '{bulan}', description: 'Bulan dua angka (01–12)' },
  { token: '{tahun}', description: 'Tahun empat angka' },
  { token: '{jenis}', description: 'Kode jenis surat dalam huruf besar, mis. SKTM' },
];

export type NumberPatternProblem = 'missing_number' | 'unknown_token' | 'too_long' | 'bad_character';
export type NumberPatternCheck = { ok: true } | { ok: false; problem: NumberPatternProblem; token?: string };

const PLAIN_TOKENS = new Set(['klasifikasi', 'kode_desa', 'bulan_romawi', 'bulan', 'tahun', 'jenis']);
const NUMBER_TOKEN = /^nomor(?::([1-6]))?$/;
// Printable ASCII only: numbers go into PDFs with the built-in fonts and into URLs.
const PRINTABLE = /^[\x20-\x7e]$/;

type Piece = { text: string } | { token: string };

/** The pattern as literal text and token names, or the first problem. */
function parse(pattern: string): Piece[] | Exclude<NumberPatternCheck, { ok: true }> {
  if (pattern.length > NUMBER_PATTERN_MAX_LENGTH) return { ok: false, problem: 'too_long' };
  for (const ch of pattern) {
    if (!PRINTABLE.test(ch)) return { ok: false, problem: 'bad_character', token: ch };
  }
  const pieces: Piece[] = [];
  let numbers = 0;
  let i = 0;
  while (i < pattern.length) {
    const open = pattern.indexOf('{', i);
    const strayClose = pattern.indexOf('}', i);
    // A "}" before the next "{" (or with no "{" left) belongs to no token.
    if (strayClose !== -1 && (open === -1 || strayClose < open)) return { ok: false, problem: 'unknown_token', token: '}' };
    if (open === -1) {
      pieces.push({ text: pattern.slice(i) });
      break;
    }
    if (open > i) pieces.push({ text: pattern.slice(i, open) });
    const close = pattern.indexOf('}', open);
    const nextOpen = pattern.indexOf('{', open + 1);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
      return { ok: false, problem: 'unknown_token', token: pattern.slice(open, nextOpen === -1 ? undefined : nextOpen) };
    }
    const name = pattern.slice(open + 1, close);
    if (NUMBER_TOKEN.test(name)) numbers++;
    else if (!PLAIN_TOKENS.has(name)) return { ok: false, problem: 'unknown_token', token: `{${name}}` };
    pieces.push({ token: name });
    i = close + 1;
  }
  // Exactly one: without it numbers repeat, with two the same number prints twice.
  if (numbers !== 1) return { ok: false, problem: 'missing_number' };
  return pieces;
}

/** Can the pattern number letters? 'missing_number' means not exactly one {nomor…}. */
export function checkNumberPattern(pattern: string): NumberPatternCheck {
  const parsed = parse(pattern);
  return Array.isArray(parsed) ? { ok: true } : parsed;
}

/** The check's result as a sentence for the settings page. */
export function describeNumberPatternProblem(check: NumberPatternCheck): string | null {
  if (check.ok) return null;
  switch (check.problem) {
    case 'missing_number':
      return 'Format nomor harus memuat tepat satu {nomor} atau {nomor:N}.';
    case 'unknown_token':
      return `Bagian ${check.token ?? ''} dalam format nomor tidak dikenal.`;
    case 'too_long':
      return `Format nomor paling panjang ${NUMBER_PATTERN_MAX_LENGTH} karakter.`;
    case 'bad_character':
      return 'Format nomor hanya boleh berisi huruf, angka, dan tanda baca biasa dalam satu baris.';
  }
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'] as const;

/** 1 → 'I' … 12 → 'XII'. */
export function romanMonth(month: number): string {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`month out of range: ${month}`);
  return ROMAN[month - 1]!;
}

export interface LetterNumberParts {
  /** Archive classification code, e.g. '474.1'. */
  classification: string;
  /** The running number from the counter, 1 or more. */
  running: number;
  /** Village code with or without dots: '18.09.10.2004' or '1809102004'. */
  villageCode: string;
  /** Signing date, 'YYYY-MM-DD' (WIB). */
  date: string;
  /** Letter type code, e.g. 'sktm'. */
  typeCode: string;
}

/**
 * The letter number for a pattern. Throws on a pattern that fails checkNumberPattern or
 * on impossible parts: patterns are checked when saved, so this is a programming error.
 */
export function formatLetterNumber(pattern: string, parts: LetterNumberParts): string {
  const parsed = parse(pattern);
  if (!Array.isArray(parsed)) throw new Error(`invalid letter number pattern (${parsed.problem}${parsed.token ? ` ${parsed.token}` : ''})`);
  if (!Number.isSafeInteger(parts.running) || parts.running < 1) throw new RangeError(`invalid running number: ${parts.running}`);
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(parts.date);
  const month = date ? Number(date[2]) : 0;
  if (!date || month < 1 || month > 12) throw new RangeError(`invalid date: ${parts.date}`);

  const value = (token: string): string => {
    const number = NUMBER_TOKEN.exec(token);
    if (number) return String(parts.running).padStart(Number(number[1] ?? 3), '0');
    switch (token) {
      case 'klasifikasi':
        return parts.classification.trim();
      case 'kode_desa':
        return parts.villageCode.replace(/[.\s]/g, '');
      case 'bulan_romawi':
        return romanMonth(month);
      case 'bulan':
        return date[2]!;
      case 'tahun':
        return date[1]!;
      case 'jenis':
        return parts.typeCode.trim().toUpperCase();
      default:
        throw new Error(`unhandled token ${token}`);
    }
  };
  return parsed.map((piece) => ('text' in piece ? piece.text : value(piece.token))).join('');
}
