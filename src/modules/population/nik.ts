/**
 * NIK: PPKKCC DDMMYY SSSS — the district where it was issued, the birth date (day + 40
 * for women) and a serial that is never 0000. Hard errors for what cannot be a NIK;
 * warnings (never blocking) when it disagrees with the recorded birth date or sex.
 */
export type NikProblem = 'length' | 'digits' | 'leading_zero' | 'day' | 'month' | 'serial' | 'date';

export interface NikParts {
  district: string;
  day: number;
  month: number;
  year2: number;
  sex: 1 | 2;
  serial: string;
}

export function parseNik(input: string): { ok: true; parts: NikParts } | { ok: false; problem: NikProblem } {
  if (input.length !== 16) return { ok: false, problem: /^\d*$/.test(input) ? 'length' : 'digits' };
  if (!/^\d{16}$/.test(input)) return { ok: false, problem: 'digits' };
  if (input[0] === '0') return { ok: false, problem: 'leading_zero' };
  const dd = Number(input.slice(6, 8));
  const mm = Number(input.slice(8, 10));
  const yy = Number(input.slice(10, 12));
  const serial = input.slice(12);
  const female = dd > 40;
  const day = female ? dd - 40 : dd;
  if (day < 1 || day > 31 || (dd > 31 && dd < 41) || dd > 71) return { ok: false, problem: 'day' };
  if (mm < 1 || mm > 12) return { ok: false, problem: 'month' };
  if (serial === '0000') return { ok: false, problem: 'serial' };
  // 31 February is not a date in any year
  const maxDay = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mm - 1]!;
  if (day > maxDay) return { ok: false, problem: 'date' };
  return { ok: true, parts: { district: input.slice(0, 6), day, month: mm, year2: yy, sex: female ? 2 : 1, serial } };
}

/** A temporary id for a resident with no NIK yet: 0 + 10-digit village code + 5-digit serial. */
export function temporaryNik(villageCode: string, serial: number): string {
  return `0${villageCode.replace(/\./g, '')}${String(serial).padStart(5, '0')}`;
}
export const isTemporaryNik = (nik: string) => /^0\d{15}$/.test(nik);

export type NikWarning = 'nik_birth_date' | 'nik_sex';

/** Disagreements between the NIK and the record: stored and shown, never blocking. */
export function nikWarnings(nik: string, birthDate: string | null | undefined, sex: number): NikWarning[] {
  if (isTemporaryNik(nik)) return [];
  const parsed = parseNik(nik);
  if (!parsed.ok) return [];
  const warnings: NikWarning[] = [];
  if (parsed.parts.sex !== sex) warnings.push('nik_sex');
  if (birthDate) {
    const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
    if (d !== parsed.parts.day || m !== parsed.parts.month || y % 100 !== parsed.parts.year2) warnings.push('nik_birth_date');
  }
  return warnings;
}

/** `1809********0001`: the district and the serial, never the birth date. */
export function maskNik(nik: string): string {
  return nik.length === 16 ? `${nik.slice(0, 4)}********${nik.slice(12)}` : '****************';
}

export type KkProblem = 'digits' | 'day' | 'month' | 'date';

/**
 * No. KK: PPKKCC DDMMYY SSSS — the district where it was issued, the date of issue and a
 * serial. A date that cannot be one is an error; a prefix that is no province only a warning
 * (`districtKnown` checks the rest against the region table: regions split over time).
 */
export function checkKk(kk: string): { ok: true; warning?: 'kk_region' } | { ok: false; problem: KkProblem } {
  if (!/^\d{16}$/.test(kk)) return { ok: false, problem: 'digits' };
  const day = Number(kk.slice(6, 8));
  const month = Number(kk.slice(8, 10));
  if (day < 1 || day > 31) return { ok: false, problem: 'day' };
  if (month < 1 || month > 12) return { ok: false, problem: 'month' };
  if (day > [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!) return { ok: false, problem: 'date' };
  const province = Number(kk.slice(0, 2));
  return province >= 11 && province <= 99 ? { ok: true } : { ok: true, warning: 'kk_region' };
}

/** `180910` → `18.09.10`, the form of the region table's codes. */
export const kkDistrictCode = (kk: string) => `${kk.slice(0, 2)}.${kk.slice(2, 4)}.${kk.slice(4, 6)}`;
