import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_NUMBER_PATTERN,
  NUMBER_PATTERN_TOKENS,
  checkNumberPattern,
  describeNumberPatternProblem,
  formatLetterNumber,
  romanMonth,
} from './numbering.js';

const parts = { classification: '474.1', running: 7, villageCode: '18.09.10.2004', date: '2025-04-10', typeCode: 'sktm' };

describe('letter numbers', () => {
  it('formats the default pattern like 474.1/007/1809102004/IV/2025', () => {
    expect(formatLetterNumber(DEFAULT_NUMBER_PATTERN, parts)).toBe('474.1/007/1809102004/IV/2025');
    expect(formatLetterNumber(DEFAULT_NUMBER_PATTERN, { ...parts, villageCode: '1809102004' })).toBe('474.1/007/1809102004/IV/2025');
  });

  it('pads the running number to 3 digits, or N, and never cuts a longer one', () => {
    const n = (running: number, pattern = '{nomor}') => formatLetterNumber(pattern, { ...parts, running });
    expect(n(1)).toBe('001');
    expect(n(999)).toBe('999');
    expect(n(1234)).toBe('1234');
    expect(n(7, '{nomor:1}')).toBe('7');
    expect(n(7, '{nomor:5}')).toBe('00007');
    expect(n(7, '{nomor:6}')).toBe('000007');
    expect(n(1234567, '{nomor:6}')).toBe('1234567');
  });

  it('fills every token', () => {
    expect(formatLetterNumber('{jenis}-{nomor:4} {bulan}.{tahun} [{klasifikasi}] {kode_desa} {bulan_romawi}', { ...parts, date: '2025-12-31' })).toBe(
      'SKTM-0007 12.2025 [474.1] 1809102004 XII',
    );
    expect(formatLetterNumber('No. {nomor}', { ...parts, date: '2026-01-01' })).toBe('No. 007');
  });

  it('writes months in Roman numerals', () => {
    expect(Array.from({ length: 12 }, (_, i) => romanMonth(i + 1))).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII']);
    expect(() => romanMonth(0)).toThrow(RangeError);
    expect(() => romanMonth(13)).toThrow(RangeError);
    expect(() => romanMonth(1.5)).toThrow(RangeError);
  });

  it('refuses impossible parts and invalid patterns instead of printing a wrong number', () => {
    expect(() => formatLetterNumber(DEFAULT_NUMBER_PATTERN, { ...parts, running: 0 })).toThrow(RangeError);
    expect(() => formatLetterNumber(DEFAULT_NUMBER_PATTERN, { ...parts, running: 2.5 })).toThrow(RangeError);
    expect(() => formatLetterNumber(DEFAULT_NUMBER_PATTERN, { ...parts, date: '2025-13-01' })).toThrow(RangeError);
    expect(() => formatLetterNumber(DEFAULT_NUMBER_PATTERN, { ...parts, date: '10-04-2025' })).toThrow(RangeError);
    expect(() => formatLetterNumber('{tahun}', parts)).toThrow(/missing_number/);
  });

  it('inserts values literally: braces in a classification are not tokens', () => {
    expect(formatLetterNumber('{klasifikasi}/{nomor}', { ...parts, classification: '{tahun}' })).toBe('{tahun}/007');
  });
});

describe('letter number patterns: check', () => {
  it('accepts the default and variations', () => {
    for (const p of [DEFAULT_NUMBER_PATTERN, '{nomor}', '{nomor:4}/{jenis}/{bulan}/{tahun}', '470 / {nomor} / DS-HNR / {tahun}', "Ket.{nomor}-'{tahun}'"]) {
      expect([p, checkNumberPattern(p)]).toEqual([p, { ok: true }]);
    }
  });

  it('needs exactly one running number', () => {
    expect(checkNumberPattern('{klasifikasi}/{tahun}')).toEqual({ ok: false, problem: 'missing_number' });
    expect(checkNumberPattern('')).toEqual({ ok: false, problem: 'missing_number' });
    expect(checkNumberPattern('{nomor}/{nomor:4}')).toEqual({ ok: false, problem: 'missing_number' });
  });

  it('names an unknown or broken token', () => {
    expect(checkNumberPattern('{nomor}/{desa}')).toEqual({ ok: false, problem: 'unknown_token', token: '{desa}' });
    expect(checkNumberPattern('{nomor:0}')).toEqual({ ok: false, problem: 'unknown_token', token: '{nomor:0}' });
    expect(checkNumberPattern('{nomor:7}')).toEqual({ ok: false, problem: 'unknown_token', token: '{nomor:7}' });
    expect(checkNumberPattern('{NOMOR}')).toEqual({ ok: false, problem: 'unknown_token', token: '{NOMOR}' });
    expect(checkNumberPattern('{nomor}/{tahun')).toEqual({ ok: false, problem: 'unknown_token', token: '{tahun' });
    expect(checkNumberPattern('{klasifikasi/{nomor}')).toEqual({ ok: false, problem: 'unknown_token', token: '{klasifikasi/' });
    expect(checkNumberPattern('{nomor}}')).toEqual({ ok: false, problem: 'unknown_token', token: '}' });
    expect(checkNumberPattern('{}{nomor}')).toEqual({ ok: false, problem: 'unknown_token', token: '{}' });
  });

  it('refuses over 80 characters and unprintable ones', () => {
    expect(checkNumberPattern(`{nomor}${'x'.repeat(73)}`)).toEqual({ ok: true });
    expect(checkNumberPattern(`{nomor}${'x'.repeat(74)}`)).toEqual({ ok: false, problem: 'too_long' });
    expect(checkNumberPattern('{nomor}\n{tahun}')).toEqual({ ok: false, problem: 'bad_character', token: '\n' });
    expect(checkNumberPattern('{nomor}\t')).toEqual({ ok: false, problem: 'bad_character', token: '\t' });
    expect(checkNumberPattern('{nomor}/Désa')).toEqual({ ok: false, problem: 'bad_character', token: 'é' });
  });

  it('describes each problem in Indonesian and lists the tokens', () => {
    expect(describeNumberPatternProblem({ ok: true })).toBeNull();
    expect(describeNumberPatternProblem(checkNumberPattern('{tahun}'))).toBe('Format nomor harus memuat tepat satu {nomor} atau {nomor:N}.');
    expect(describeNumberPatternProblem(checkNumberPattern('{nomor}/{x}'))).toBe('Bagian {x} dalam format nomor tidak dikenal.');
    expect(NUMBER_PATTERN_TOKENS.map((t) => t.token)).toContain('{bulan_romawi}');
  });

  it('formats every pattern it accepts, and only those', () => {
    const piece = fc.oneof(
      fc.constantFrom('{klasifikasi}', '{nomor}', '{nomor:2}', '{kode_desa}', '{bulan_romawi}', '{bulan}', '{tahun}', '{jenis}', '{x}', '{', '}', '/', '.', '-'),
      fc.string({ maxLength: 5 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.integer({ min: 1, max: 10_000_000 }), (pieces, running) => {
        const pattern = pieces.join('');
        if (checkNumberPattern(pattern).ok) {
          const number = formatLetterNumber(pattern, { ...parts, running });
          expect(number).toContain(String(running));
          expect(number).not.toMatch(/[{}]/);
        } else {
          expect(() => formatLetterNumber(pattern, { ...parts, running })).toThrow();
        }
      }),
    );
  });
});
