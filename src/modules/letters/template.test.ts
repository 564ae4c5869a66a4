import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BUILT_IN_LETTER_TYPES } from './catalogue.js';
import { TEMPLATE_MAX_LENGTH, TEMPLATE_PLACEHOLDERS, checkTemplate, describeTemplateProblem, renderTemplate } from './template.js';

describe('letter templates: check', () => {
  it('accepts every fixed placeholder and the letter type’s own fields', () => {
    const all = TEMPLATE_PLACEHOLDERS.map((x) => `{{${x.name}}}`).join(' ');
    expect(checkTemplate(`${all}\n\nUntuk {{isian.keperluan}} dan {{ isian.nama_usaha }}.`, ['keperluan', 'nama_usaha'])).toEqual({ ok: true });
  });

  it('lists the placeholders the brief names, each with an Indonesian description and example', () => {
    const names = TEMPLATE_PLACEHOLDERS.map((x) => x.name);
    for (const n of ['penduduk.nama', 'penduduk.nik', 'penduduk.alamat', 'keluarga.no_kk', 'keluarga.jumlah_anggota', 'desa.kepala', 'surat.nomor', 'surat.berlaku_sampai']) {
      expect(names).toContain(n);
    }
    expect(new Set(names).size).toBe(names.length);
    for (const x of TEMPLATE_PLACEHOLDERS) {
      expect(x.description).not.toBe('');
      expect(x.example).not.toBe('');
    }
  });

  it('accepts every built-in letter type with its own fields', () => {
    for (const t of BUILT_IN_LETTER_TYPES) {
      expect([t.code, checkTemplate(t.template, t.fields.map((f) => f.name))]).toEqual([t.code, { ok: true }]);
    }
  });

  it('refuses an unknown placeholder, with its name and line', () => {
    expect(checkTemplate('Baris satu.\n\nNama {{penduduk.namaa}}.', [])).toEqual({ ok: false, problem: 'unknown_placeholder', placeholder: 'penduduk.namaa', line: 3 });
    // A field of another letter type is unknown here.
    expect(checkTemplate('Untuk {{isian.keperluan}}', ['nama_usaha'])).toMatchObject({ ok: false, problem: 'unknown_placeholder', placeholder: 'isian.keperluan', line: 1 });
    // Case matters, and nothing that looks like code is a placeholder.
    expect(checkTemplate('{{Penduduk.Nama}}', [])).toMatchObject({ problem: 'unknown_placeholder', placeholder: 'Penduduk.Nama' });
    expect(checkTemplate('{{constructor}}', [])).toMatchObject({ problem: 'unknown_placeholder', placeholder: 'constructor' });
    expect(checkTemplate('{{isian.__proto__}}', [])).toMatchObject({ problem: 'unknown_placeholder' });
    expect(checkTemplate('{{ process.exit(1) }}', [])).toMatchObject({ problem: 'unknown_placeholder', placeholder: 'process.exit(1)' });
    expect(checkTemplate('{{}}', [])).toMatchObject({ problem: 'unknown_placeholder', placeholder: '' });
    expect(checkTemplate('{{ {{penduduk.nama}}', [])).toMatchObject({ problem: 'unknown_placeholder' });
  });

  it('refuses "{{" without "}}" on the same line', () => {
    expect(checkTemplate('Nama {{penduduk.nama', [])).toEqual({ ok: false, problem: 'unclosed', placeholder: '{{penduduk.nama', line: 1 });
    expect(checkTemplate('a\nNama {{penduduk.nama\n}} lanjut', [])).toMatchObject({ ok: false, problem: 'unclosed', line: 2 });
    expect(checkTemplate('{{penduduk.nama}} dan {{', [])).toMatchObject({ problem: 'unclosed', line: 1 });
  });

  it('lets single braces and a lone "}}" be plain text', () => {
    expect(checkTemplate('Kode {A} dan }} serta { x }', [])).toEqual({ ok: true });
  });

  it('refuses empty and over-long text', () => {
    expect(checkTemplate('', [])).toEqual({ ok: false, problem: 'empty', line: 1 });
    expect(checkTemplate(' \n\n\t ', [])).toEqual({ ok: false, problem: 'empty', line: 1 });
    expect(checkTemplate('x'.repeat(TEMPLATE_MAX_LENGTH), [])).toEqual({ ok: true });
    expect(checkTemplate(`a\nb\n${'x'.repeat(TEMPLATE_MAX_LENGTH)}`, [])).toEqual({ ok: false, problem: 'too_long', line: 3 });
  });

  it('describes each problem in Indonesian', () => {
    expect(describeTemplateProblem({ ok: true })).toBeNull();
    expect(describeTemplateProblem(checkTemplate('{{penduduk.x}}', []))).toBe('Baris 1: isian {{penduduk.x}} tidak dikenal.');
    expect(describeTemplateProblem(checkTemplate('\n{{penduduk.nama', []))).toBe('Baris 2: "{{" belum ditutup dengan "}}".');
    expect(describeTemplateProblem(checkTemplate('', []))).toBe('Isi surat tidak boleh kosong.');
    expect(describeTemplateProblem(checkTemplate('x'.repeat(9000), []))).toMatch(/terlalu panjang/);
  });
});

describe('letter templates: render', () => {
  const values = { 'penduduk.nama': 'SITI AMINAH', 'desa.nama': 'Hanura', 'isian.keperluan': 'melamar pekerjaan' };

  it('splits paragraphs on blank lines and joins the lines of a paragraph with spaces', () => {
    const text = 'Yang bernama {{penduduk.nama}}\nwarga Desa {{ desa.nama }}.\n\n  \nUntuk {{isian.keperluan}}.\r\n\r\nDemikian.';
    expect(renderTemplate(text, values)).toEqual(['Yang bernama SITI AMINAH warga Desa Hanura.', 'Untuk melamar pekerjaan.', 'Demikian.']);
  });

  it('prints a missing value as nothing, never "undefined", and drops a paragraph left empty', () => {
    expect(renderTemplate('Nama {{penduduk.nama}}, NIK {{penduduk.nik}}.\n\n{{isian.keterangan}}\n\nAkhir', values)).toEqual(['Nama SITI AMINAH, NIK .', 'Akhir']);
    // Only own keys count: inherited Object properties are not values.
    expect(renderTemplate('[{{isian.constructor}}][{{isian.tostring}}]', {})).toEqual(['[][]']);
  });

  it('inserts values literally: a value is never expanded again', () => {
    const tricky = { 'penduduk.nama': '{{desa.nama}} $& $1 $$', 'desa.nama': 'Hanura' };
    expect(renderTemplate('{{penduduk.nama}} / {{desa.nama}}', tricky)).toEqual(['{{desa.nama}} $& $1 $$ / Hanura']);
  });

  it('keeps a value on the paragraph’s line: line breaks in a value become a space', () => {
    expect(renderTemplate('Ke {{isian.alamat}}.', { 'isian.alamat': 'Jl. Mawar 3\r\nRT 02\n\nBandar Lampung' })).toEqual(['Ke Jl. Mawar 3 RT 02 Bandar Lampung.']);
  });

  it('leaves malformed braces as written', () => {
    expect(renderTemplate('{A} {{penduduk.nama {{x}} }}', values)).toEqual(['{A} {{penduduk.nama {{x}} }}']);
  });

  it('never prints a placeholder of a template that passed the check', () => {
    const names = TEMPLATE_PLACEHOLDERS.map((x) => x.name);
    const piece = fc.oneof(
      fc.constantFrom(...names).map((n) => `{{${n}}}`),
      fc.constantFrom('\n', '\n\n', ' ', 'kata', '{', '}', '.'),
      fc.string({ maxLength: 8 }).filter((s) => !s.includes('{') && !s.includes('}')),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.string({ maxLength: 10 }), (pieces, value) => {
        const text = pieces.join('');
        if (!checkTemplate(text, []).ok) return;
        const vals = Object.fromEntries(names.map((n) => [n, value.replace(/[{}]/g, '')]));
        for (const paragraph of renderTemplate(text, vals)) {
          expect(paragraph).not.toMatch(/\{\{\s*[a-z_]+\.[a-z_]+\s*\}\}/);
          expect(paragraph).not.toContain('\n');
        }
      }),
    );
  });
});
