import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  NUMBER_PATTERN_MAX_LENGTH,
  checkNumberPattern,
  describeNumberPatternProblem,
  formatLetterNumber,
} from './numbering.js';

/**
 * A village types its own letter number pattern on the settings page. Whatever it types,
 * the check answers; a pattern the check accepts numbers every letter, with the running
 * number in it exactly once; a pattern it refuses gets a sentence saying why.
 */

const PROBLEMS = ['missing_number', 'unknown_token', 'too_long', 'bad_character'];
const NUMBER_TOKENS = ['{nomor}', '{nomor:1}', '{nomor:2}', '{nomor:3}', '{nomor:4}', '{nomor:5}', '{nomor:6}'];
const OTHER_TOKENS = ['{klasifikasi}', '{kode_desa}', '{bulan_romawi}', '{bulan}', '{tahun}', '{jenis}'];
/** Printable ASCII without braces: what may stand between tokens. */
const literal = fc.stringMatching(/^[\x20-\x7a|~]{0,8}$/);

const parts = fc.record({
  classification: fc.stringMatching(/^[0-9]{3}(\.[0-9]{1,3}){0,2}$/),
  running: fc.integer({ min: 1, max: 9_999_999 }),
  villageCode: fc.constantFrom('18.09.10.2004', '1809102001', '18.71.01.1003'),
  date: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  typeCode: fc.stringMatching(/^[a-z][a-z0-9_]{1,10}$/),
});

/** A pattern that should be accepted: literal text and tokens around exactly one running number. */
const goodPattern = fc
  .tuple(fc.array(fc.oneof(literal, fc.constantFrom(...OTHER_TOKENS)), { maxLength: 5 }), fc.constantFrom(...NUMBER_TOKENS), fc.array(fc.oneof(literal, fc.constantFrom(...OTHER_TOKENS)), { maxLength: 5 }))
  .map(([before, number, after]) => [...before, number, ...after].join(''))
  .filter((p) => p.length <= NUMBER_PATTERN_MAX_LENGTH);

/** Anything at all: pieces of tokens, stray braces, other scripts, control characters. */
const anyPattern = fc.oneof(
  fc.array(fc.oneof(literal, fc.constantFrom(...NUMBER_TOKENS, ...OTHER_TOKENS, '{', '}', '{}', '{nomor:0}', '{nomor:7}', '{NOMOR}', '{ nomor }', '{{nomor}}', '\n', '\t', 'é', '№')), { maxLength: 14 }).map((p) => p.join('')),
  fc.string({ unit: 'binary', maxLength: 90 }),
);

describe('letter number patterns (property)', () => {
  it('the check never throws; an accepted pattern formats, a refused one names its problem in Indonesian and never formats', () => {
    fc.assert(
      fc.property(anyPattern, parts, (pattern, p) => {
        const check = checkNumberPattern(pattern);
        if (check.ok) {
          expect(() => formatLetterNumber(pattern, p)).not.toThrow();
          expect(describeNumberPatternProblem(check)).toBeNull();
        } else {
          expect(PROBLEMS).toContain(check.problem);
          expect(describeNumberPatternProblem(check)).toMatch(/^(Format nomor|Bagian) /);
          expect(() => formatLetterNumber(pattern, p)).toThrow(Error);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts every pattern with exactly one running number, and prints the number exactly once, padded as asked', () => {
    fc.assert(
      fc.property(goodPattern, parts, (pattern, p) => {
        expect(checkNumberPattern(pattern)).toEqual({ ok: true });
        const width = Number(/\{nomor(?::(\d))?\}/.exec(pattern)![1] ?? 3);
        const number = formatLetterNumber(pattern, p);
        expect(number).toContain(String(p.running).padStart(width, '0'));
        // Once: every running number wider than any padding lengthens the result by exactly
        // its own digits, and what surrounds it does not move.
        const a = formatLetterNumber(pattern, { ...p, running: 10_000_000 });
        const b = formatLetterNumber(pattern, { ...p, running: 100_000_000 });
        expect(b.length - a.length).toBe(1);
        const at = [...a.matchAll(/10000000/g)].map((m) => m.index!).find((i) => b === `${a.slice(0, i)}100000000${a.slice(i + 8)}`);
        expect(at, `${pattern} → ${a} / ${b}`).toBeDefined();
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses zero or two running numbers, whatever surrounds them', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(literal, fc.constantFrom(...OTHER_TOKENS)), { maxLength: 6 }), fc.subarray(NUMBER_TOKENS, { minLength: 2, maxLength: 2 }), (pieces, numbers) => {
        const none = pieces.join('');
        if (none.length <= NUMBER_PATTERN_MAX_LENGTH) expect(checkNumberPattern(none)).toEqual({ ok: false, problem: 'missing_number' });
        const two = [...pieces, ...numbers].join('');
        if (two.length <= NUMBER_PATTERN_MAX_LENGTH) expect(checkNumberPattern(two)).toEqual({ ok: false, problem: 'missing_number' });
      }),
    );
  });

  it('prints values as they are: braces or tokens inside a classification or a type code are not read again', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NUMBER_TOKENS, '{tahun}', '{nomor}{nomor}', '{{x}}', "'; drop table letters; --", '<b>'), parts, (value, p) => {
        const number = formatLetterNumber('{klasifikasi}/{nomor}/{jenis}', { ...p, classification: value, typeCode: 'x' });
        expect(number.startsWith(`${value.trim()}/`)).toBe(true);
      }),
    );
  });

  it('only printable ASCII ever reaches a letter number from the pattern itself', () => {
    fc.assert(
      fc.property(anyPattern, (pattern) => {
        if (checkNumberPattern(pattern).ok) expect(pattern).toMatch(/^[\x20-\x7e]*$/);
      }),
      { numRuns: 2000 },
    );
  });
});
