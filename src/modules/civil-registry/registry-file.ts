import { badRequest } from '../../platform/http/errors.js';
import type { MessageKey, Params } from '../../platform/i18n/i18n.js';
// Runs in a worker thread (registry-worker.ts): the population module's leaf modules, not its index with every page.
import { CODE_LISTS, isValidCode, type CodeListName } from '../population/codes.js';
import { checkKk, parseNik } from '../population/nik.js';
import type { Cell, Sheet } from '../population/transfer/read-sheet.js';
import { toDate } from '../population/transfer/validate.js';
import { LABEL_ALIASES, REGISTRY_COLUMNS, type RegistryColumn, type RegistryField } from './siak.js';

/**
 * The civil registry's list of the village's residents, read from its sheet: the header row
 * found by its column names (SIAK's, or the plain ones of siak.ts), then each row checked on
 * its own. Every problem names the row the officer sees in Excel and the column as the file
 * titles it. Only single passes over the text: no pattern that can backtrack on a cell.
 */

export interface RowProblem {
  line: number;
  column: string;
  key: MessageKey;
  params: Params;
}

export type RegistryValue = string | number | null;

export interface RegistryPerson {
  line: number;
  nik: string;
  values: Partial<Record<RegistryField, RegistryValue>>;
}

export interface RegistryFile {
  format: Sheet['format'];
  /** The known columns the file has. */
  fields: RegistryField[];
  unknownColumns: string[];
  dataRows: number;
  persons: RegistryPerson[];
  problems: RowProblem[];
}

/** "No. KK", "no_kk" and "NO KK" alike: upper case, every run of other characters one underscore. */
export function headerKey(title: string): string {
  const upper = title.toUpperCase();
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= upper.length; i++) {
    const c = i < upper.length ? upper.charCodeAt(i) : 0;
    const keep = (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
    if (!keep && start >= 0) {
      words.push(upper.slice(start, i));
      start = -1;
    } else if (keep && start < 0) start = i;
  }
  return words.join('_');
}

const COLUMN_BY_KEY = new Map<string, RegistryColumn>(REGISTRY_COLUMNS.flatMap((c) => c.names.map((n) => [n, c] as const)));
const REQUIRED = REGISTRY_COLUMNS.filter((c) => c.required);

/** The header: the first of the top ten rows that names the NIK column and two more known ones. */
function findHeader(sheet: Sheet): number {
  for (let i = 0; i < Math.min(sheet.rows.length, 10); i++) {
    const keys = sheet.rows[i]!.cells.map((c) => (typeof c === 'string' ? headerKey(c) : ''));
    if (keys.includes('NIK') && keys.filter((k) => COLUMN_BY_KEY.has(k)).length >= 3) return i;
  }
  throw badRequest('civil_registry.no_header', 'file', { columns: REQUIRED.map((c) => c.names[0]).join(', ') });
}

export function readRegistryFile(sheet: Sheet, today: string): RegistryFile {
  const headerIndex = findHeader(sheet);
  const columns: { index: number; spec: RegistryColumn; title: string }[] = [];
  const unknown: string[] = [];
  const seen = new Set<RegistryField>();
  sheet.rows[headerIndex]!.cells.forEach((cell, index) => {
    if (typeof cell !== 'string' && typeof cell !== 'number') return;
    const title = String(cell).trim();
    const spec = COLUMN_BY_KEY.get(headerKey(title));
    if (!spec) {
      if (title) unknown.push(title);
      return;
    }
    if (seen.has(spec.field)) throw badRequest('civil_registry.duplicate_column', 'file', { column: title });
    seen.add(spec.field);
    columns.push({ index, spec, title });
  });
  const missing = REQUIRED.filter((c) => !seen.has(c.field));
  if (missing.length) throw badRequest('civil_registry.missing_columns', 'file', { columns: missing.map((c) => c.names[0]).join(', ') });
  const dataRows = sheet.rows.slice(headerIndex + 1);
  if (dataRows.length === 0) throw badRequest('import.no_rows', 'file');

  const problems: RowProblem[] = [];
  const persons: RegistryPerson[] = [];
  const firstLine = new Map<string, number>();
  for (const row of dataRows) {
    const person = readRow(row.line, columns.map((c) => ({ ...c, cell: row.cells[c.index] ?? null })), sheet.date1904, today, problems);
    if (!person) continue;
    const first = firstLine.get(person.nik);
    if (first !== undefined) {
      problems.push({ line: row.line, column: columns.find((c) => c.spec.field === 'nik')!.title, key: 'import.duplicate_nik', params: { line: first } });
      continue;
    }
    firstLine.set(person.nik, row.line);
    persons.push(person);
  }
  return { format: sheet.format, fields: columns.map((c) => c.spec.field), unknownColumns: unknown, dataRows: dataRows.length, persons, problems };
}

/** One row; null when it has a problem (reported) and so cannot be compared. */
function readRow(line: number, cells: { spec: RegistryColumn; title: string; cell: Cell }[], date1904: boolean, today: string, problems: RowProblem[]): RegistryPerson | null {
  let ok = true;
  const problem = (column: string, key: MessageKey, params: Params = {}) => {
    problems.push({ line, column, key, params });
    ok = false;
  };
  const values: RegistryPerson['values'] = {};
  for (const { spec, title, cell } of cells) {
    if (cell !== null && typeof cell === 'object') {
      problem(title, 'import.cell_error', { value: cell.error });
      continue;
    }
    if (typeof cell === 'string' && cell.includes('\u0000')) {
      problem(title, 'import.nul_character');
      continue;
    }
    const raw = plain(cell);
    if (raw === null) {
      if (spec.required) problem(title, 'import.required');
      values[spec.field] = null;
      continue;
    }
    if (spec.field === 'nik' || spec.field === 'kk') {
      const digits = identity(cell);
      if (digits.rounded) {
        problem(title, 'import.number_cell', { value: raw });
        continue;
      }
      if (spec.field === 'nik') {
        const r = parseNik(digits.value);
        if (!r.ok) problem(title, `population.nik_${r.problem}` as MessageKey, { length: digits.value.length });
        else values.nik = digits.value;
      } else {
        const r = checkKk(digits.value);
        if (!r.ok) problem(title, r.problem === 'digits' ? 'import.kk_format' : (`population.kk_${r.problem}` as MessageKey));
        else values.kk = digits.value;
      }
    } else if (spec.list) {
      const code = codeOf(spec.list, raw);
      if (code === undefined) problem(title, 'import.code_unknown', { value: raw, list: CODE_LISTS[spec.list].label_id });
      else values[spec.field] = code;
    } else if (spec.date) {
      const d = toDate(cell, date1904);
      if (d === undefined) problem(title, 'import.date_invalid', { value: raw });
      else if (d !== null && d > today) problem(title, 'import.date_future', { value: d });
      else if (d !== null && d < '1850-01-01') problem(title, 'import.date_too_old', { value: d });
      else values[spec.field] = d;
    } else {
      const s = oneLine(raw);
      if (spec.max && s.length > spec.max) problem(title, 'import.too_long', { max: spec.max });
      else values[spec.field] = s;
    }
  }
  if (!ok || typeof values.nik !== 'string') return null;
  return { line, nik: values.nik, values };
}

/** A cell as trimmed text (numbers as their digits); null when empty. */
function plain(cell: Cell): string | null {
  if (cell === null || typeof cell === 'object') return null;
  if (typeof cell === 'number') return Number.isInteger(cell) && Math.abs(cell) < 1e21 ? cell.toFixed(0) : String(cell);
  const s = cell.trim();
  return s === '' || s === '-' ? null : s;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 160;

/** Spaces collapsed: "BUDI   SANTOSO " → "BUDI SANTOSO". Text already so (nearly every cell) is returned as it is. */
export function oneLine(s: string): string {
  let clean = s.length === 0 || (!isSpace(s.charCodeAt(0)) && !isSpace(s.charCodeAt(s.length - 1)));
  for (let i = 0; clean && i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isSpace(c) && (c !== 32 || s.charCodeAt(i + 1) === 32)) clean = false;
  }
  if (clean) return s;
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const space = i === s.length || isSpace(s.charCodeAt(i));
    if (space && start >= 0) {
      words.push(s.slice(start, i));
      start = -1;
    } else if (!space && start < 0) start = i;
  }
  return words.join(' ');
}

/**
 * A NIK or KK number's digits. Excel keeps 15 significant digits, so one stored as a number
 * comes back rounded (a last digit 0, or "3.20101E+15"): refused, never guessed at.
 */
function identity(cell: Cell): { value: string; rounded: boolean } {
  if (typeof cell === 'number') {
    const s = Number.isInteger(cell) && Math.abs(cell) < 1e21 ? cell.toFixed(0) : String(cell);
    return { value: s, rounded: s.length >= 16 && (cell > Number.MAX_SAFE_INTEGER || s.endsWith('0')) };
  }
  const raw = String(cell ?? '');
  let s = raw;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) {
      // Not digits only: spaces typed for reading and Excel's leading apostrophe are not part of the number.
      s = raw.split('').filter((ch) => ch !== ' ' && ch !== "'" && ch !== '\u00a0').join('');
      break;
    }
  }
  const upper = s.toUpperCase();
  return { value: s, rounded: upper.includes('E+') || (upper.includes('E') && (s.includes('.') || s.includes(','))) };
}

/** "Tidak / Belum  sekolah" and "TIDAK/BELUM SEKOLAH" alike: upper case, single spaces, none around a slash. */
export function labelKey(s: string): string {
  return s
    .split('/')
    .map((part) => oneLine(part))
    .join('/')
    .toUpperCase();
}

const labelCodes = new Map<CodeListName, Map<string, number>>();
/** A code written as its number, its official label, or one of SIAK's spellings of it. */
function codeOf(list: CodeListName, raw: string): number | undefined {
  let digits = true;
  for (let i = 0; digits && i < raw.length; i++) digits = raw.charCodeAt(i) >= 48 && raw.charCodeAt(i) <= 57;
  if (digits && raw.length <= 4) return isValidCode(list, Number(raw)) ? Number(raw) : undefined;
  let codes = labelCodes.get(list);
  if (!codes) {
    codes = new Map(CODE_LISTS[list].codes.map(([code, text]) => [labelKey(text), code]));
    for (const [alias, code] of Object.entries(LABEL_ALIASES[list] ?? {})) codes.set(labelKey(alias), code);
    labelCodes.set(list, codes);
  }
  return codes.get(labelKey(raw));
}
