import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LetterSubject } from '../population/index.js';
import type { LetterField, LetterType } from './catalogue.js';
import { validateLetterFields } from './fields.js';
import { templateValues, type VillageNames } from './issue.js';
import { TEMPLATE_MAX_LENGTH, TEMPLATE_PLACEHOLDERS, checkTemplate, describeTemplateProblem, renderTemplate } from './template.js';

/**
 * Letter templates are typed by village officers and filled with what residents and
 * officers typed. Rendering never throws, never expands a placeholder found inside a
 * value, and the check reports every placeholder it does not know.
 */

const FIXED = TEMPLATE_PLACEHOLDERS.map((p) => p.name);
const FIELDS = ['keperluan', 'nama_usaha', 'alamat_tujuan'];
const KNOWN = [...FIXED, ...FIELDS.map((f) => `isian.${f}`)];

/** Text between placeholders: anything but braces (other scripts, tabs, line breaks included). */
const plain = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom('\n', '\n\n', '\r\n', '\r\n\r\n', ' ', '\t', 'Demikian surat ini.', '$&', '$1'),
).map((s) => s.replace(/[{}]/g, ''));
const known = fc.tuple(fc.constantFrom(...KNOWN), fc.constantFrom('', ' ', '  ', '\t')).map(([n, pad]) => `{{${pad}${n}${pad}}}`);
/** A template the check should accept: plain text and known placeholders. */
const goodPieces = fc.array(fc.oneof(plain, known), { minLength: 1, maxLength: 25 }).filter((p) => p.join('').trim() !== '');
const goodTemplate = goodPieces.map((p) => p.join(''));
/** Any template at all, with half-written and unknown placeholders. */
const anyTemplate = fc.oneof(
  fc.array(fc.oneof(plain, known, fc.constantFrom('{{', '}}', '{', '}', '{{penduduk.x}}', '{{ isian.tidak_ada }}', '{{PENDUDUK.NAMA}}', '{{penduduk.nama\u00a0}}', '{{\u3000desa.nama}}', '{{penduduk.nama\r}}', '{{}}', '{{{penduduk.nama}}}')), { maxLength: 25 }).map((p) => p.join('')),
  fc.string({ unit: 'binary', maxLength: 200 }),
);
/** Spaces and tabs around a name are allowed, as `{{ desa.nama }}`; nothing else. */
const strip = (n: string) => n.replace(/^[ \t]+|[ \t]+$/g, '');
/** A placeholder name the template language does not know. */
const unknownName = fc
  .oneof(
    fc.stringMatching(/^[a-z][a-z0-9_]{0,10}\.[a-z][a-z0-9_]{0,10}$/),
    fc.stringMatching(/^isian\.[a-z][a-z0-9_]{0,10}$/),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 15 }).map((s) => s.replace(/[{}\r\n]/g, 'x')),
    fc.constantFrom('penduduk', 'penduduk.', '.nama', 'Penduduk.Nama', 'penduduk.nama.x', 'desa.kepala_desa', 'isian.'),
  )
  .filter((n) => strip(n) !== '' && !KNOWN.includes(strip(n)));

/** What a value becomes on the letter: one line, as the renderer keeps a paragraph on one line. */
const printed = (v: string) => v.replace(/\s*[\r\n]+\s*/g, ' ');

/** Values typed by people: braces, other placeholders, SQL, HTML, line breaks. No outer spaces (trimmed at a paragraph's edge). */
const value = fc
  .oneof(
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.constantFrom('{{penduduk.nik}}', '{{ desa.kepala }}', '{{isian.keperluan}}', '{{', '}}', "'; drop table residents; --", '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '$& $1 $$', 'baris satu\nbaris dua', 'a\r\n\r\nb'),
  )
  .map((s) => s.trim())
  .filter((s) => s !== '');

describe('renderTemplate (property)', () => {
  it('never throws, and every paragraph is one non-empty trimmed line', () => {
    fc.assert(
      fc.property(anyTemplate, fc.dictionary(fc.oneof(fc.constantFrom(...KNOWN), fc.string()), fc.string({ unit: 'binary' })), (text, values) => {
        for (const p of renderTemplate(text, values)) {
          expect(p).not.toMatch(/[\r\n]/);
          expect(p).toBe(p.trim());
          expect(p).not.toBe('');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never expands a placeholder inside a value: rendering equals rendering with inert tokens, then putting the values in', () => {
    fc.assert(
      fc.property(goodTemplate, fc.array(value, { minLength: KNOWN.length, maxLength: KNOWN.length }), (text, list) => {
        const values = Object.fromEntries(KNOWN.map((n, i) => [n, list[i]!]));
        // Tokens the template text cannot contain (it has no U+E000 private-use characters).
        const tokens = Object.fromEntries(KNOWN.map((n, i) => [n, `\ue000${i}\ue000`]));
        const byToken = new Map(KNOWN.map((n, i) => [tokens[n]!, printed(values[n]!)]));
        const expected = renderTemplate(text.replace(/\ue000/g, ''), tokens).map((p) => p.replace(/\ue000\d+\ue000/g, (tok) => byToken.get(tok)!));
        expect(renderTemplate(text.replace(/\ue000/g, ''), values)).toEqual(expected);
      }),
      { numRuns: 1500 },
    );
  });

  it('a value holding {{penduduk.nik}} prints as written, and the NIK only where the template asks for it', () => {
    fc.assert(
      fc.property(goodTemplate, (text) => {
        const values = Object.fromEntries(KNOWN.map((n) => [n, n === 'penduduk.nik' ? '1809104507900001' : '{{penduduk.nik}}']));
        const asked = (text.match(/\{\{[ \t]*penduduk\.nik[ \t]*\}\}/g) ?? []).length;
        const out = renderTemplate(text, values).join('\n');
        expect(out.split('1809104507900001').length - 1).toBe(asked);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('checkTemplate (property)', () => {
  it('never throws; a refusal names a problem and a line inside the text', () => {
    fc.assert(
      fc.property(anyTemplate, fc.array(fc.string(), { maxLength: 4 }), (text, fields) => {
        const r = checkTemplate(text, fields);
        if (!r.ok) {
          expect(['unknown_placeholder', 'unclosed', 'too_long', 'empty']).toContain(r.problem);
          expect(r.line).toBeGreaterThanOrEqual(1);
          expect(r.line).toBeLessThanOrEqual(text.split(/\r\n?|\n/).length);
          expect(describeTemplateProblem(r)).toMatch(/^(Baris \d+:|Isi surat)/);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts plain text with known placeholders, and rendering then leaves no placeholder behind', () => {
    fc.assert(
      fc.property(goodTemplate, (text) => {
        expect(checkTemplate(text, FIELDS)).toEqual({ ok: true });
        const values = Object.fromEntries(KNOWN.map((n) => [n, 'X']));
        for (const p of renderTemplate(text, values)) expect(p).not.toMatch(/\{\{|\}\}/);
      }),
      { numRuns: 1500 },
    );
  });

  it('whatever it accepts, the renderer fills: no accepted template prints a placeholder as written', () => {
    fc.assert(
      fc.property(anyTemplate, (text) => {
        if (!checkTemplate(text, FIELDS).ok) return;
        const values = Object.fromEntries(KNOWN.map((n) => [n, 'X']));
        const out = renderTemplate(text, values).join('\n');
        for (const name of KNOWN) expect(out).not.toContain(name);
      }),
      { numRuns: 3000 },
    );
  });

  it('always reports an unknown placeholder, by its name, wherever it stands', () => {
    fc.assert(
      fc.property(goodPieces, unknownName, fc.nat(), (pieces, name, at) => {
        const i = at % (pieces.length + 1);
        const before = pieces.slice(0, i).join('');
        const withUnknown = `${before}{{${name}}}${pieces.slice(i).join('')}`;
        if (withUnknown.length > TEMPLATE_MAX_LENGTH) return;
        const r = checkTemplate(withUnknown, FIELDS);
        expect(r).toMatchObject({ ok: false, problem: 'unknown_placeholder', placeholder: strip(name).slice(0, 60) });
        const line = before.split(/\r\n?|\n/).length;
        expect((r as { line: number }).line).toBe(line);
      }),
      { numRuns: 2000 },
    );
  });
});

/** Names every object inherits: a letter field may be called so, and must print only what was typed. */
const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'toLocaleString', 'propertyIsEnumerable'];

describe('fields named like Object.prototype members (property)', () => {
  const subject = {
    resident: { name: 'SITI', nik: '1809104507900001', birth_place: null, birth_date: null, sex: 2, religion: 1, occupation: 1, marital_status: 1, citizenship: 1, education_kk: 1, blood_type: null, father_name: null, mother_name: null, address: null },
    family: null, members: [], head: null, presentMembers: 1, areaPath: [], address: '',
  } as unknown as LetterSubject;
  const names = { village: 'Hanura', villageKind: 'desa', district: 'Teluk Pandan', regency: 'Kabupaten Pesawaran', province: 'Lampung', address: null, headName: null } as VillageNames;

  it('an empty optional field prints nothing, a filled one prints what was typed', () => {
    fc.assert(
      fc.property(fc.subarray(PROTOTYPE_NAMES, { minLength: 1 }), fc.dictionary(fc.constantFrom(...PROTOTYPE_NAMES), fc.stringMatching(/^[A-Za-z ]{1,20}$/)), (picked, typed) => {
        const fields: LetterField[] = picked.map((name) => ({ name, label: name, kind: 'text', required: false }));
        // As a request body arrives: parsed JSON, where "__proto__" is an own key.
        const input = JSON.parse(JSON.stringify(typed)) as Record<string, unknown>;
        const stored = validateLetterFields(fields, input);
        // Placeholders are lower-case names ({{isian.constructor}}); the others are checked as stored.
        const printable = picked.filter((n) => /^[a-z][a-z0-9_]*$/.test(n));
        const type = { fields, template: printable.map((n) => `[${n}={{isian.${n}}}]`).join(' ') || 'x' } as LetterType;
        const text = renderTemplate(type.template, templateValues(subject, names, type, stored, { number: '1', date: '2026-01-05', validUntil: null })).join(' ');
        for (const n of picked) {
          const want = Object.hasOwn(input, n) ? String(input[n]).trim().replace(/\s+/g, ' ') : '';
          expect(Object.hasOwn(stored, n) ? stored[n] : '').toBe(want);
          if (printable.includes(n)) expect(text).toContain(`[${n}=${want}]`);
        }
        expect(text).not.toMatch(/function|native code|\[object/);
      }),
      { numRuns: 300 },
    );
  });
});
