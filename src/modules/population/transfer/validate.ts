import { badRequest } from '../../../platform/http/errors.js';
import type { MessageKey, Params } from '../../../platform/i18n/i18n.js';
import { CODE_LISTS, isValidCode, type CodeListName } from '../codes.js';
import { checkKk, isTemporaryNik, nikWarnings, parseNik, type NikProblem } from '../nik.js';
import { KK_MESSAGE, NIK_MESSAGE } from '../population.common.js';
import { COLUMN_BY_NAME, REQUIRED_COLUMNS, type ColumnSpec, type ImportField } from './opensid.js';
import { parseInWorker, type Cell, type Sheet } from './read-sheet.js';

/**
 * From sheet rows to residents, checking each cell on its own (the checks that need the
 * database are in plan.ts). Every problem names the row the user sees in Excel, the
 * column, and a reason; warnings never block.
 */

export interface Problem {
  line: number;
  column: string;
  key: MessageKey;
  params: Params;
  level: 'error' | 'warning';
}

export type FieldValue = string | number | null;

export type CodeMapping = 'codes' | 'labels' | 'mixed';

export interface ParsedRow {
  line: number;
  nik: string;
  nikTemporary: boolean;
  kk: string;
  dusun: string;
  /** null: no RW (the RT lies directly under the dusun). */
  rw: string | null;
  rt: string | null;
  /** The fields of the columns the file has; null is an empty cell. */
  values: Partial<Record<ImportField, FieldValue>>;
  /** The row has an error of its own: counted, never imported. */
  invalid: boolean;
}

export interface ParsedFile {
  format: Sheet['format'];
  sheetName: string | null;
  /** Known columns found in the header, in the file's order. */
  columns: string[];
  unknownColumns: string[];
  /** How each code column was written: as codes (1), as the official labels (LAKI-LAKI, as OpenSID's "huruf" export writes them), or both. */
  codeColumns: { column: string; mapping: CodeMapping }[];
  dataRows: number;
  rows: ParsedRow[];
  problems: Problem[];
}

/** The name in the template's example row: imported by mistake, it would be a person who does not exist. */
export const EXAMPLE_NAME = 'CONTOH - HAPUS BARIS INI';

const NIK_KEY = NIK_MESSAGE;

/** The header row: the first of the top rows that names at least three known columns (a title may sit above it). */
function findHeader(sheet: Sheet): number {
  for (let i = 0; i < Math.min(sheet.rows.length, 10); i++) {
    const known = sheet.rows[i]!.cells.filter((c) => typeof c === 'string' && COLUMN_BY_NAME.has(c.trim().toLowerCase())).length;
    if (known >= 3) return i;
  }
  throw badRequest('import.no_header', 'file');
}

export function parseFile(sheet: Sheet, today: string): ParsedFile {
  const headerIndex = findHeader(sheet);
  const header = sheet.rows[headerIndex]!;
  const columns: { index: number; spec: ColumnSpec }[] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  header.cells.forEach((cell, index) => {
    if (cell === null || cell === undefined || typeof cell === 'object') return;
    const name = String(cell).trim().toLowerCase();
    const spec = COLUMN_BY_NAME.get(name);
    if (!spec) {
      unknown.push(String(cell).trim());
      return;
    }
    if (seen.has(name)) throw badRequest('import.duplicate_column', 'file', { column: name });
    seen.add(name);
    columns.push({ index, spec });
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !seen.has(c));
  if (missing.length) throw badRequest('import.missing_columns', 'file', { columns: missing.join(', ') });

  const dataRows = sheet.rows.slice(headerIndex + 1);
  if (dataRows.length === 0) throw badRequest('import.no_rows', 'file');

  const problems: Problem[] = [];
  const rows: ParsedRow[] = [];
  const firstLineOfNik = new Map<string, number>();
  const mappings = new Map<string, Set<'codes' | 'labels'>>();
  for (const row of dataRows) {
    const parsed = parseRow(row.line, columns.map((c) => ({ spec: c.spec, cell: row.cells[c.index] ?? null })), sheet.date1904, today, problems, mappings);
    if (!parsed) continue;
    const first = firstLineOfNik.get(parsed.nik);
    if (first !== undefined) {
      problems.push({ line: row.line, column: 'nik', key: 'import.duplicate_nik', params: { line: first }, level: 'error' });
      continue;
    }
    firstLineOfNik.set(parsed.nik, row.line);
    rows.push(parsed);
  }
  return {
    format: sheet.format,
    sheetName: sheet.sheetName,
    columns: columns.map((c) => c.spec.name),
    unknownColumns: unknown,
    codeColumns: columns.flatMap(({ spec }) => {
      const seen = mappings.get(spec.name);
      return seen ? [{ column: spec.name, mapping: seen.size > 1 ? 'mixed' : [...seen][0]! } as const] : [];
    }),
    dataRows: dataRows.length,
    rows,
    problems,
  };
}

/** One row; null when it cannot be placed at all (no usable NIK or KK). */
function parseRow(
  line: number,
  cells: { spec: ColumnSpec; cell: Cell }[],
  date1904: boolean,
  today: string,
  problems: Problem[],
  mappings: Map<string, Set<'codes' | 'labels'>>,
): ParsedRow | null {
  let invalid = false;
  const problem = (column: string, key: MessageKey, params: Params = {}, level: Problem['level'] = 'error') => {
    problems.push({ line, column, key, params, level });
    if (level === 'error') invalid = true;
  };
  const values: ParsedRow['values'] = {};
  let nik: string | null = null;
  let kk: string | null = null;
  let nikTemporary = false;
  const area: Record<string, string | null> = { dusun: null, rw: null, rt: null };

  for (const { spec, cell } of cells) {
    const col = spec.name;
    if (cell !== null && typeof cell === 'object') {
      problem(col, 'import.cell_error', { value: cell.error });
      continue;
    }
    // PostgreSQL text cannot hold U+0000; a CSV file may carry one past the bytes its type was judged by.
    if (typeof cell === 'string' && cell.includes('\u0000')) {
      problem(col, 'import.nul_character');
      continue;
    }
    const t = spec.type;
    let value: FieldValue = null;
    switch (t.kind) {
      case 'nik': {
        const s = identity(cell, col, problem);
        if (s === undefined) break;
        if (s === null) break;
        if (isTemporaryNik(s)) {
          nik = s;
          nikTemporary = true;
          break;
        }
        const r = parseNik(s);
        if (!r.ok) problem(col, NIK_KEY[r.problem], { length: s.length });
        else nik = s;
        break;
      }
      case 'kk': {
        const s = identity(cell, col, problem);
        if (!s) break;
        const r = checkKk(s);
        if (!r.ok) problem(col, r.problem === 'digits' ? 'import.kk_format' : KK_MESSAGE[r.problem]);
        else {
          kk = s;
          if (r.warning) problem(col, 'population.warning.kk_region', {}, 'warning');
        }
        break;
      }
      case 'parent_nik': {
        const s = identity(cell, col, problem);
        if (s === undefined || s === null || s === '-' || /^0+$/.test(s)) break;
        if (!/^\d{16}$/.test(s)) problem(col, 'import.parent_nik');
        else value = s;
        break;
      }
      case 'area': {
        const s = plain(cell);
        // '-', empty or zeros: no RW/RT at this level (OpenSID writes '-' or '0' there).
        if (s === null || s === '-' || /^0+$/.test(s)) break;
        if (s.length > 60) problem(col, 'import.too_long', { max: 60 });
        else area[col] = s;
        break;
      }
      case 'text': {
        const s = plain(cell);
        if (s !== null && s.length > t.max) problem(col, 'import.too_long', { max: t.max });
        else value = s;
        break;
      }
      case 'code': {
        const s = plain(cell);
        if (s === null) break;
        const numeric = /^\d{1,4}$/.test(s);
        const n = numeric ? Number(s) : codeOfLabel(t.list, s);
        if (n === undefined || !isValidCode(t.list, n)) problem(col, 'import.code_unknown', { value: s, list: CODE_LISTS[t.list].label_id });
        else {
          value = n;
          const seen = mappings.get(col) ?? new Set();
          mappings.set(col, seen.add(numeric ? 'codes' : 'labels'));
        }
        break;
      }
      case 'date': {
        if (cell === null) break;
        const d = toDate(cell, date1904);
        // 31-02-2012 is written right but names no day: say so, not that the format is wrong.
        if (d === undefined) problem(col, typeof cell === 'string' && dateParts(cell.trim()) ? 'import.date_impossible' : 'import.date_invalid', { value: plain(cell) ?? '' });
        else if (d !== null && t.past && d > today) problem(col, 'import.date_future', { value: d });
        else if (d !== null && d < '1850-01-01') problem(col, 'import.date_too_old', { value: d });
        else value = d;
        break;
      }
      case 'coordinate': {
        const s = plain(cell);
        if (s === null) break;
        const n = Number(s.replace(',', '.'));
        if (!/^-?\d+([.,]\d+)?$/.test(s) || Math.abs(n) > t.max) problem(col, 'import.coordinate', { max: t.max });
        else value = String(n);
        break;
      }
      case 'phone': {
        const s = plain(cell);
        if (s !== null && !/^[+\d][\d\s-]{5,19}$/.test(s)) problem(col, 'import.phone');
        else value = s;
        break;
      }
      case 'email': {
        const s = plain(cell);
        if (s !== null && (s.length > 120 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s))) problem(col, 'import.email');
        else value = s;
        break;
      }
    }
    if (spec.field) values[spec.field] = value;
    if (spec.required && cell === null) problem(col, 'import.required');
  }

  if (values.name === EXAMPLE_NAME) problem('nama', 'import.example_row');
  if (nik && values.sex !== undefined && values.sex !== null) {
    for (const w of nikWarnings(nik, (values.birth_date as string | null) ?? null, values.sex as number)) {
      problem('nik', `population.warning.${w}` as MessageKey, {}, 'warning');
    }
  }
  if (!nik || !kk) return null;
  if (!area.dusun) {
    // Required, and reported above when the cell was empty; an RT without a dusun cannot be placed.
    if (!problems.some((p) => p.line === line && p.column === 'dusun')) problem('dusun', 'import.required');
    invalid = true;
  }
  return { line, nik, nikTemporary, kk, dusun: area.dusun ?? '', rw: area.rw ?? null, rt: area.rt ?? null, values, invalid };
}

/** "Tidak / Belum  sekolah" and "TIDAK/BELUM SEKOLAH" alike: upper case, single spaces, none around a slash. */
const labelKey = (s: string) =>
  s
    .split('/')
    .map((part) => part.trim().split(/\s+/).join(' '))
    .join('/')
    .toUpperCase();

const labelCodes = new Map<CodeListName, Map<string, number>>();
/** The code of an official label of a list, in any case (OpenSID's export "huruf" writes labels instead of codes). */
function codeOfLabel(list: CodeListName, label: string): number | undefined {
  let codes = labelCodes.get(list);
  if (!codes) {
    codes = new Map(CODE_LISTS[list].codes.map(([code, text]) => [labelKey(text), code]));
    labelCodes.set(list, codes);
  }
  return codes.get(labelKey(label));
}

/** A cell as trimmed text; numbers as their digits. */
function plain(cell: Cell): string | null {
  if (cell === null || typeof cell === 'object') return null;
  if (typeof cell === 'number') return numberText(cell);
  const s = cell.trim();
  return s === '' ? null : s;
}

const numberText = (n: number) => (Number.isInteger(n) && Math.abs(n) < 1e21 ? n.toFixed(0) : String(n));

/**
 * A 16-digit number (NIK, KK) as its digits. Excel keeps 15 significant digits, so a
 * NIK typed into a number cell comes back rounded ("3.20101E+15", or a last digit 0):
 * such a value is refused with how to fix it, never guessed at.
 * Returns undefined when a problem was reported.
 */
function identity(cell: Cell, col: string, problem: (column: string, key: MessageKey, params?: Params) => void): string | null | undefined {
  if (cell === null || typeof cell === 'object') return null;
  if (typeof cell === 'number') {
    const s = numberText(cell);
    if (s.length >= 16 && (cell > Number.MAX_SAFE_INTEGER || s.endsWith('0'))) {
      problem(col, 'import.number_cell', { value: s });
      return undefined;
    }
    return s;
  }
  // Spaces typed for readability and a leading apostrophe (Excel's "this is text") are not part of the number.
  const s = cell.replace(/\s+/g, '').replace(/^'/, '');
  if (s === '') return null;
  if (/^\d([.,]\d+)?e\+?\d+$/i.test(s)) {
    problem(col, 'population.nik_rounded', { value: s });
    return undefined;
  }
  return s;
}

/** 'YYYY-MM-DD', null for an empty date, undefined when it is not a date. */
export function toDate(cell: Exclude<Cell, { error: string }>, date1904: boolean): string | null | undefined {
  if (cell === null) return null;
  if (typeof cell === 'number') return fromSerial(cell, date1904);
  const s = cell.trim();
  if (s === '' || /^0000-00-00/.test(s)) return null; // MySQL's "no date", as OpenSID exports it
  const parts = dateParts(s);
  if (parts) return ymd(...parts);
  if (/^\d{1,7}(\.\d+)?$/.test(s)) return fromSerial(Number(s), date1904);
  return undefined;
}

/** Year, month and day as the text writes them (not yet checked against the calendar); null when it is not a date's shape. */
function dateParts(s: string): [number, number, number] | null {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  // Day first, as Indonesians write it: 17-08-1990, 17/08/1990, 17.08.1990.
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) return [Number(m[3]), Number(m[2]), Number(m[1])];
  return null;
}

function fromSerial(serial: number, date1904: boolean): string | undefined {
  const day = Math.floor(serial);
  if (day < 1 || day > 2958465) return undefined;
  // 1900 system: Excel counts a 29 February 1900 that never was, so from 1 March 1900 on
  // serials count from 30 December 1899. 1904 system: from 1 January 1904.
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : day >= 61 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  return new Date(epoch + day * 86_400_000).toISOString().slice(0, 10);
}

function ymd(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/** Reads and checks an uploaded population file, both in the parse worker: no upload holds the server's event loop. */
export async function readPopulationFile(bytes: Buffer, fileName: string, today: string): Promise<ParsedFile> {
  const { meta, rows } = await parseInWorker<Omit<ParsedFile, 'rows'> & { work: number; threadId: number }, ParsedRow>(bytes, fileName, { today });
  const { work: _work, threadId: _thread, ...file } = meta;
  return { ...file, rows };
}
