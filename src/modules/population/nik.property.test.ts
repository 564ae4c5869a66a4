import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkKk, isTemporaryNik, maskNik, nikWarnings, parseNik, temporaryNik, type NikProblem } from './nik.js';

/**
 * Properties of the NIK and KK parsers: whatever arrives (a form, an API body, a cell of
 * an imported sheet), they answer and never throw, and a valid NIK says what it encodes.
 */

const PROBLEMS: readonly NikProblem[] = ['length', 'digits', 'leading_zero', 'day', 'month', 'serial', 'date'];
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 20 }),
  digits(16),
  fc.constantFrom('', ' 1809101708859901', '1809101708859901 ', '１８０９１０１７０８８５９９０１', '1809-1017-0885-9901', "1809101708859901'; drop table residents; --", '\u0000'.repeat(16)),
);

/** A NIK as the civil registry writes one: district, birth day (+40 for women), month, year, serial. */
const validNik = fc
  .record({
    district: fc.tuple(fc.integer({ min: 1, max: 9 }), digits(5)).map(([a, b]) => `${a}${b}`),
    month: fc.integer({ min: 1, max: 12 }),
    dayIndex: fc.nat(),
    year2: fc.integer({ min: 0, max: 99 }),
    sex: fc.constantFrom(1 as const, 2 as const),
    serial: fc.integer({ min: 1, max: 9999 }),
  })
  .map((p) => {
    const day = (p.dayIndex % DAYS_IN_MONTH[p.month - 1]!) + 1;
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    const nik = `${p.district}${pad(p.sex === 2 ? day + 40 : day)}${pad(p.month)}${pad(p.year2)}${pad(p.serial, 4)}`;
    return { nik, parts: { district: p.district, day, month: p.month, year2: p.year2, sex: p.sex, serial: pad(p.serial, 4) } };
  });

/** The rules written out once more, independently: what must make a 16-digit string valid. */
function validByRule(s: string): boolean {
  const dd = Number(s.slice(6, 8));
  const mm = Number(s.slice(8, 10));
  const day = dd > 40 ? dd - 40 : dd;
  return s[0] !== '0' && ((dd >= 1 && dd <= 31) || (dd >= 41 && dd <= 71)) && mm >= 1 && mm <= 12 && s.slice(12) !== '0000' && day <= DAYS_IN_MONTH[mm - 1]!;
}

describe('parseNik (property)', () => {
  it('never throws, and answers either the parts or exactly one named problem', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const r = parseNik(s);
        if (r.ok) {
          expect(s).toMatch(/^[1-9]\d{15}$/);
          expect(Object.keys(r)).toEqual(['ok', 'parts']);
        } else {
          expect(PROBLEMS).toContain(r.problem);
          expect(Object.keys(r)).toEqual(['ok', 'problem']);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('on 16 digits: valid exactly when the written rules say so, else a date-, serial- or zero-problem', () => {
    fc.assert(
      fc.property(digits(16), (s) => {
        const r = parseNik(s);
        expect(r.ok).toBe(validByRule(s));
        if (!r.ok) expect(['leading_zero', 'day', 'month', 'serial', 'date']).toContain(r.problem);
      }),
      { numRuns: 3000 },
    );
  });

  it('names the length for digits of the wrong length, and the digits for anything else', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{0,40}$/).filter((s) => s.length !== 16), (s) => {
        expect(parseNik(s)).toEqual({ ok: false, problem: 'length' });
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).filter((s) => /\D/.test(s)), (s) => {
        expect(parseNik(s)).toEqual({ ok: false, problem: 'digits' });
      }),
    );
  });

  it('round-trips a valid NIK: district, birth date, sex and serial come back as encoded', () => {
    fc.assert(
      fc.property(validNik, ({ nik, parts }) => {
        expect(parseNik(nik)).toEqual({ ok: true, parts });
        // …and the birth date and sex it encodes raise no warning against the same record.
        const birth = `${parts.year2 < 30 ? 20 : 19}${String(parts.year2).padStart(2, '0')}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`;
        expect(nikWarnings(nik, birth, parts.sex)).toEqual([]);
        expect(nikWarnings(nik, birth, parts.sex === 1 ? 2 : 1)).toEqual(['nik_sex']);
      }),
      { numRuns: 2000 },
    );
  });

  it('a valid NIK is rebuilt exactly from its parts (nothing is lost or invented)', () => {
    fc.assert(
      fc.property(digits(16), (s) => {
        const r = parseNik(s);
        if (!r.ok) return;
        const p = r.parts;
        const dd = String(p.sex === 2 ? p.day + 40 : p.day).padStart(2, '0');
        expect(`${p.district}${dd}${String(p.month).padStart(2, '0')}${String(p.year2).padStart(2, '0')}${p.serial}`).toBe(s);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('maskNik, temporary NIKs and warnings (property)', () => {
  it('masks never show the birth date, always 16 characters, never throw', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const m = maskNik(s);
        expect(m).toHaveLength(16);
        expect(m.slice(4, 12)).toBe('********');
        if (s.length === 16) expect(m.slice(0, 4) + m.slice(12)).toBe(s.slice(0, 4) + s.slice(12));
        else expect(m).toBe('*'.repeat(16));
      }),
      { numRuns: 1000 },
    );
  });

  it('a temporary NIK is recognised, is never a real one, and raises no warnings', () => {
    fc.assert(
      fc.property(digits(10), fc.integer({ min: 1, max: 99_999 }), fc.string(), fc.integer({ min: 1, max: 2 }), (village, serial, birth, sex) => {
        const code = `${village.slice(0, 2)}.${village.slice(2, 4)}.${village.slice(4, 6)}.${village.slice(6)}`;
        const nik = temporaryNik(code, serial);
        expect(nik).toMatch(/^0\d{15}$/);
        expect(isTemporaryNik(nik)).toBe(true);
        expect(parseNik(nik)).toEqual({ ok: false, problem: 'leading_zero' });
        expect(nikWarnings(nik, birth, sex)).toEqual([]);
      }),
    );
  });

  it('warnings never throw, whatever the recorded birth date looks like', () => {
    fc.assert(
      fc.property(anyText, fc.oneof(fc.string(), fc.constant(null), fc.constant(undefined), fc.constantFrom('1990-13-45', '-', '2020')), fc.integer(), (nik, birth, sex) => {
        const w = nikWarnings(nik, birth, sex);
        for (const x of w) expect(['nik_birth_date', 'nik_sex']).toContain(x);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('checkKk (property)', () => {
  it('16 digits with a possible issue date are a KK (a warning at most, for a prefix that is no province); anything else is not', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.stringMatching(/^\d{16}$/)), (s) => {
        const r = checkKk(s);
        if (!/^\d{16}$/.test(s)) {
          expect(r).toEqual({ ok: false, problem: 'digits' });
          return;
        }
        const [day, month] = [Number(s.slice(6, 8)), Number(s.slice(8, 10))];
        const possible = month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(2000, month, 0)).getUTCDate();
        expect(r.ok).toBe(possible);
        if (r.ok) expect(r.warning).toBe(Number(s.slice(0, 2)) >= 11 ? undefined : 'kk_region');
      }),
      { numRuns: 2000 },
    );
  });

  it('names what is impossible in the date digits', () => {
    expect(checkKk('1809103213250001')).toEqual({ ok: false, problem: 'day' });
    expect(checkKk('1809100113250001')).toEqual({ ok: false, problem: 'month' });
    expect(checkKk('1809103002250001')).toEqual({ ok: false, problem: 'date' });
    expect(checkKk('1809102902240001')).toEqual({ ok: true }); // 29 February of a leap year
    expect(checkKk('9999990101250778')).toEqual({ ok: true }); // the district is checked against the region table
  });
});
