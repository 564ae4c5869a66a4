import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import { ancestorCodes, normalizeRegionCode, parentCode, regionKind, regionLevel } from './region-code.js';
import { parseRegionCodeOrFail } from './regions.service.js';

/**
 * Region codes come from URLs, forms and imported files. Whatever arrives is either one
 * dotted code of a known shape or refused; nothing else reaches a query.
 */

const DOTTED = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;
const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
/** A plain code of one of the four levels: 2, 4, 6 or 10 digits. */
const plainCode = fc.constantFrom(2, 4, 6, 10).chain((n) => digits(n));
const dotted = (plain: string) => [plain.slice(0, 2), plain.slice(2, 4), plain.slice(4, 6), plain.slice(6, 10)].filter(Boolean).join('.');
const whitespace = fc.stringMatching(/^[ \t\r\n]{0,3}$/);
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ maxLength: 20 }),
  fc.stringMatching(/^[0-9.]{0,16}$/),
  fc.constantFrom("18'; drop table regions; --", "' or '1'='1", '18.09.10.2004<script>', '../18', '18%2E09', '１８.０９', '18..09', '.18', '18.', '18.09.10.2004\u0000'),
);

describe('normalizeRegionCode (property)', () => {
  it('never throws, and gives null or one dotted code of a known shape', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const code = normalizeRegionCode(s);
        if (code !== null) expect(code).toMatch(DOTTED);
      }),
      { numRuns: 3000 },
    );
  });

  it('is idempotent: a normalised code normalises to itself', () => {
    fc.assert(
      fc.property(fc.oneof(hostile, plainCode), (s) => {
        const code = normalizeRegionCode(s);
        if (code !== null) expect(normalizeRegionCode(code)).toBe(code);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts a plain or dotted code with surrounding spaces, and keeps every digit in order', () => {
    fc.assert(
      fc.property(plainCode, fc.boolean(), whitespace, whitespace, (plain, withDots, before, after) => {
        const code = normalizeRegionCode(`${before}${withDots ? dotted(plain) : plain}${after}`);
        expect(code).toBe(dotted(plain));
        expect(code!.replace(/\./g, '')).toBe(plain);
      }),
    );
  });

  it('refuses digits of any other length, and anything with a character that is not a digit or a dot', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,20}$/).filter((s) => ![2, 4, 6, 10].includes(s.length)), (s) => {
        expect(normalizeRegionCode(s)).toBeNull();
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }).filter((s) => /[^\d.\s]/.test(s.trim())), (s) => {
        expect(normalizeRegionCode(s)).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it('parseRegionCodeOrFail refuses with a 400 naming the field, quoting at most 30 characters', () => {
    fc.assert(
      fc.property(hostile, fc.constantFrom('code', 'within', 'region_code'), (s, field) => {
        if (normalizeRegionCode(s) !== null) {
          expect(parseRegionCodeOrFail(s, field)).toBe(normalizeRegionCode(s));
          return;
        }
        try {
          parseRegionCodeOrFail(s, field);
          expect.unreachable();
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
          const err = e as AppError;
          expect([err.status, err.field, err.key]).toEqual([400, field, 'region.invalid_code']);
          expect(String(err.params.code).length).toBeLessThanOrEqual(30);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('levels, parents, ancestors and kinds (property)', () => {
  it('agree with each other for every valid code', () => {
    fc.assert(
      fc.property(plainCode, (plain) => {
        const code = dotted(plain);
        const level = regionLevel(code);
        expect(level).toBe(({ 2: 1, 4: 2, 6: 3, 10: 4 } as Record<number, number>)[plain.length]);
        const ancestors = ancestorCodes(code);
        expect(ancestors).toHaveLength(level - 1);
        // Walking up with parentCode meets the ancestors, nearest first, and ends at the province.
        const up: string[] = [];
        for (let p = parentCode(code); p !== null; p = parentCode(p)) up.push(p);
        expect(up.reverse()).toEqual(ancestors);
        for (const [i, a] of ancestors.entries()) {
          expect(regionLevel(a)).toBe(i + 1);
          expect(code.startsWith(`${a}.`)).toBe(true);
        }
        const kind = regionKind(code);
        const expected = [['provinsi'], ['kabupaten', 'kota'], ['kecamatan'], ['desa', 'kelurahan', 'desa_adat']][level - 1]!;
        expect(expected).toContain(kind);
      }),
      { numRuns: 500 },
    );
  });
});
