/**
 * The template language of letter bodies. Deliberately tiny and safe: plain text,
 * paragraphs separated by a blank line, and `{{group.name}}` placeholders that are only
 * ever looked up in a map of strings. Nothing in a template is evaluated, and an inserted
 * value is never scanned again, so a resident named "{{desa.kepala}}" prints as written.
 */

export const TEMPLATE_MAX_LENGTH = 8000;

export interface TemplatePlaceholder {
  /** As written between the braces, e.g. 'penduduk.nama'. */
  name: string;
  /** What it prints, for the editor's help list. */
  description: string;
  /** A sample value for the editor's preview. */
  example: string;
}

const p = (name: string, description: string, example: string): TemplatePlaceholder => ({ name, description, example });

/** Every placeholder except {{isian.…}}, whose names come from the letter type's fields. */
export const TEMPLATE_PLACEHOLDERS: readonly TemplatePlaceholder[] = [
  p('penduduk.nama', 'Nama lengkap pemohon', 'SITI AMINAH'),
  p('penduduk.nik', 'NIK pemohon', '1809104507900001'),
  p('penduduk.tempat_lahir', 'Tempat lahir', 'Pesawaran'),
  p('penduduk.tanggal_lahir', 'Tanggal lahir', '5 Juli 1990'),
  p('penduduk.jenis_kelamin', 'Jenis kelamin', 'Perempuan'),
  p('penduduk.agama', 'Agama', 'Islam'),
  p('penduduk.pekerjaan', 'Pekerjaan', 'Petani/Pekebun'),
  p('penduduk.status_perkawinan', 'Status perkawinan', 'Kawin'),
  p('penduduk.pendidikan', 'Pendidikan terakhir', 'SLTA/Sederajat'),
  p('penduduk.golongan_darah', 'Golongan darah', 'O'),
  p('penduduk.nama_ayah', 'Nama ayah', 'AHMAD SUBAGIO'),
  p('penduduk.nama_ibu', 'Nama ibu', 'SUMARNI'),
  p('penduduk.alamat', 'Alamat lengkap (dusun, RT/RW)', 'Dusun Sukajaya RT 002 RW 001'),
  p('penduduk.kewarganegaraan', 'Kewarganegaraan', 'WNI'),
  p('keluarga.no_kk', 'Nomor Kartu Keluarga', '1809100101080001'),
  p('keluarga.kepala', 'Nama kepala keluarga', 'AHMAD SUBAGIO'),
  p('keluarga.jumlah_anggota', 'Jumlah anggota keluarga', '4'),
  p('desa.nama', 'Nama desa', 'Hanura'),
  p('desa.kecamatan', 'Nama kecamatan', 'Teluk Pandan'),
  p('desa.kabupaten', 'Nama kabupaten/kota', 'Kabupaten Pesawaran'),
  p('desa.provinsi', 'Nama provinsi', 'Lampung'),
  p('desa.kepala', 'Nama kepala desa', 'SUPRIYADI'),
  p('surat.nomor', 'Nomor surat', '474.4/007/1809102004/IV/2025'),
  p('surat.tanggal', 'Tanggal surat', '10 April 2025'),
  p('surat.berlaku_sampai', 'Tanggal akhir masa berlaku', '10 Mei 2025'),
];

const FIXED_NAMES = new Set(TEMPLATE_PLACEHOLDERS.map((x) => x.name));

export type TemplateProblem = 'unknown_placeholder' | 'unclosed' | 'too_long' | 'empty';

export type TemplateCheck =
  | { ok: true }
  | { ok: false; problem: TemplateProblem; placeholder?: string; line: number };

/** 1-based line of a position in the text. */
const lineAt = (text: string, index: number): number => {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
};

/**
 * Is the template usable with these field names (the letter type's own fields, used as
 * {{isian.<name>}})? Reports the first problem and its line, for the editor.
 */
export function checkTemplate(input: string, fieldNames: string[]): TemplateCheck {
  if (input.trim() === '') return { ok: false, problem: 'empty', line: 1 };
  if (input.length > TEMPLATE_MAX_LENGTH) return { ok: false, problem: 'too_long', line: lineAt(input, TEMPLATE_MAX_LENGTH) };
  // Line breaks as the renderer reads them, so a lone \r ends a line here too.
  const text = input.replace(/\r\n?/g, '\n');
  const fields = new Set(fieldNames);
  const known = (name: string) =>
    FIXED_NAMES.has(name) || (name.startsWith('isian.') && fields.has(name.slice('isian.'.length)));

  for (let open = text.indexOf('{{'); open !== -1; ) {
    const close = text.indexOf('}}', open + 2);
    const lineEnd = text.indexOf('\n', open);
    // A placeholder must close on its own line: otherwise one forgotten "}}" would swallow
    // text up to the next placeholder and the message would point at the wrong place.
    if (close === -1 || (lineEnd !== -1 && close > lineEnd)) {
      return { ok: false, problem: 'unclosed', placeholder: text.slice(open, lineEnd === -1 ? undefined : lineEnd).trim().slice(0, 60), line: lineAt(text, open) };
    }
    // Only spaces and tabs around the name, as the renderer allows: a template that passes
    // with `{{desa.nama\u00a0}}` would otherwise print the placeholder as written.
    const name = text.slice(open + 2, close).replace(/^[ \t]+|[ \t]+$/g, '');
    if (!known(name)) return { ok: false, problem: 'unknown_placeholder', placeholder: name.slice(0, 60), line: lineAt(text, open) };
    open = text.indexOf('{{', close + 2);
  }
  return { ok: true };
}

/** The check's result as a sentence for the editor. */
export function describeTemplateProblem(check: TemplateCheck): string | null {
  if (check.ok) return null;
  switch (check.problem) {
    case 'empty':
      return 'Isi surat tidak boleh kosong.';
    case 'too_long':
      return `Isi surat terlalu panjang (lebih dari ${TEMPLATE_MAX_LENGTH} karakter, melewati baris ${check.line}).`;
    case 'unclosed':
      return `Baris ${check.line}: "{{" belum ditutup dengan "}}".`;
    case 'unknown_placeholder':
      return `Baris ${check.line}: isian {{${check.placeholder ?? ''}}} tidak dikenal.`;
  }
}

// Same shape the check accepts (spaces around the name allowed), never across a line.
const PLACEHOLDER = /\{\{[ \t]*([a-z][a-z0-9_]*\.[a-z][a-z0-9_]*)[ \t]*\}\}/g;

/**
 * The body as paragraphs, placeholders replaced by their values ('group.name' keys).
 * A missing value prints as nothing; line breaks inside a value or inside a paragraph
 * become spaces, since a paragraph is one flowing block of text in the letter. Paragraphs
 * left empty (e.g. only an optional field that was not filled) are dropped.
 */
export function renderTemplate(text: string, values: Record<string, string>): string[] {
  const valueOf = (name: string): string => {
    const v = Object.hasOwn(values, name) ? values[name] : undefined;
    return v == null ? '' : String(v).replace(/\s*[\r\n]+\s*/g, ' ');
  };
  const paragraphs: string[] = [];
  for (const block of text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    // One replace per line: a single pass, so inserted values are never expanded again.
    const lines = block.split('\n').map((line) => line.trim()).filter((line) => line !== '');
    const rendered = lines
      .map((line) => line.replace(PLACEHOLDER, (_, name: string) => valueOf(name)))
      .join(' ')
      .trim();
    if (rendered !== '') paragraphs.push(rendered);
  }
  return paragraphs;
}
