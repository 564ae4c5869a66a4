import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { AppError, badRequest } from '../../../platform/http/errors.js';
import type { MessageKey, Params } from '../../../platform/i18n/i18n.js';
import { checkUnpackedSize, listZip, readEntry, repack, ZipProblem, type ZipEntry } from './zip.js';

/**
 * Reads an uploaded spreadsheet into plain rows, with bounds on everything a file can
 * make us spend: its size, what it unpacks to, rows, columns and the length of a cell.
 * The type comes from the first bytes, never from the file name.
 */

export const LIMITS = {
  fileBytes: 10 * 1024 * 1024,
  /** What the parts of an .xlsx may inflate to in all (a 10 MB file of 50,000 rows unpacks to about 100 MB). */
  unpackedBytes: 300 * 1024 * 1024,
  rows: 50_000,
  columns: 200,
  cellChars: 1000,
} as const;

/** A cell as read: text, a number (Excel numbers and date serials), an Excel error, or nothing. */
export type Cell = string | number | { error: string } | null;

export interface SheetRow {
  /** The row number the user sees in Excel (or the record number in a CSV file). */
  line: number;
  cells: Cell[];
}

export interface Sheet {
  format: 'xlsx' | 'csv';
  sheetName: string | null;
  /** Date serials count from 1904 instead of 1900 (old Mac workbooks). */
  date1904: boolean;
  rows: SheetRow[];
}

const fileError = (key: MessageKey, params: Params = {}) => badRequest(key, 'file', params);

export async function readSpreadsheet(bytes: Buffer): Promise<Sheet> {
  if (bytes.length === 0) throw fileError('import.file_empty');
  if (bytes.length > LIMITS.fileBytes) throw new AppError(413, 'file_too_large', 'import.file_too_large', { limit: '10 MB' }, 'file');
  const magic = bytes.subarray(0, 4).toString('hex');
  if (magic === '504b0304' || magic === '504b0506') return readXlsx(bytes);
  // An OLE2 compound file: the old .xls format, or an .xlsx saved with a password.
  if (magic === 'd0cf11e0') throw fileError('import.file_xls');
  if (looksLikeText(bytes)) return readCsv(bytes);
  throw fileError('import.file_type');
}

function looksLikeText(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 8192);
  return !head.includes(0) && !head.subarray(0, 5).equals(Buffer.from('%PDF-'));
}

// ---------------------------------------------------------------------------------------
// .xlsx

async function readXlsx(bytes: Buffer): Promise<Sheet> {
  let entries: Map<string, ZipEntry>;
  let workbookXml: string;
  let relsXml: string;
  try {
    entries = listZip(bytes);
    await checkUnpackedSize(bytes, entries, LIMITS.unpackedBytes);
    const wb = entries.get('xl/workbook.xml');
    const rels = entries.get('xl/_rels/workbook.xml.rels');
    // A zip without a workbook: a .docx, an .ods, or some other archive.
    if (!wb || !rels) throw fileError('import.file_type');
    workbookXml = (await readEntry(bytes, wb, LIMITS.unpackedBytes)).toString('utf8');
    relsXml = (await readEntry(bytes, rels, LIMITS.unpackedBytes)).toString('utf8');
  } catch (err) {
    throw zipError(err);
  }

  const { sheets, sharedStrings } = workbookParts(workbookXml, relsXml);
  // The template's sheet is "Data Penduduk"; files passed around have it first under another name.
  const target = sheets.find((s) => s.name.trim().toLowerCase() === 'data penduduk') ?? sheets[0];
  const sheetEntry = target && entries.get(target.path);
  if (!target || !sheetEntry) throw fileError('import.zip_broken');
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(?:1|true)"/.test(workbookXml);

  // ExcelJS's streaming reader parks a worksheet in a temporary file when the shared
  // strings come after it in the archive (as Excel writes them). Giving it a small archive
  // with only what it reads, in reading order, keeps it in memory and skips other sheets.
  const strings = entries.get(sharedStrings ?? 'xl/sharedStrings.xml');
  const mini = repack(bytes, [
    { name: 'xl/workbook.xml', from: Buffer.from(workbookXml) },
    { name: 'xl/_rels/workbook.xml.rels', from: Buffer.from(relsXml) },
    { name: 'xl/sharedStrings.xml', from: strings ?? Buffer.from('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>') },
    { name: 'xl/worksheets/sheet1.xml', from: sheetEntry },
  ]);

  const rows: SheetRow[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(mini), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    // Without styles a date arrives as its serial number; the date columns read serials themselves.
    styles: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const cells: Cell[] = [];
        let filled = false;
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          const value = cellValue(cell);
          if (value === null) return;
          if (col > LIMITS.columns) throw fileError('import.too_many_columns', { line: row.number, column: col, max: LIMITS.columns });
          if (typeof value === 'string' && value.length > LIMITS.cellChars) throw fileError('import.cell_too_long', { cell: cell.address, max: LIMITS.cellChars });
          cells[col - 1] = value;
          filled = true;
        });
        if (!filled) continue;
        // The header row is one of them: one more than the data rows allowed.
        if (rows.length > LIMITS.rows) throw fileError('import.too_many_rows', { max: LIMITS.rows });
        rows.push({ line: row.number, cells });
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw fileError('import.zip_broken');
  }
  return { format: 'xlsx', sheetName: target.name, date1904, rows };
}

function zipError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZipProblem) {
    if (err.kind === 'encrypted') return fileError('import.file_xls');
    if (err.kind === 'too_big') return new AppError(413, 'file_too_large', 'import.zip_too_big', { limit: '300 MB' }, 'file');
  }
  return fileError('import.zip_broken');
}

/** The workbook's sheets in their order, each with the archive path of its XML, and where its shared strings are. */
function workbookParts(workbookXml: string, relsXml: string): { sheets: { name: string; path: string }[]; sharedStrings: string | null } {
  const targets = new Map<string, string>();
  let sharedStrings: string | null = null;
  const pathOf = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target}`.replace(/\/\.\//g, '/'));
  for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const a = attributes(m[1]!);
    if (a.Id && a.Target) targets.set(a.Id, a.Target);
    if (a.Type?.endsWith('/sharedStrings') && a.Target) sharedStrings = pathOf(a.Target);
  }
  const out: { name: string; path: string }[] = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
    const a = attributes(m[1]!);
    // The relationship id is `r:id` (any prefix); `sheetId` is another thing.
    const rid = Object.entries(a).find(([k]) => /^\w+:id$/.test(k))?.[1];
    const target = rid ? targets.get(rid) : undefined;
    if (!a.name || !target) continue;
    out.push({ name: xmlText(a.name), path: pathOf(target) });
  }
  return { sheets: out, sharedStrings };
}

function attributes(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]!] = m[2] ?? m[3] ?? '';
  return out;
}

const xmlText = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (named[e.toLowerCase()]) return named[e.toLowerCase()]!;
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });

/** What a cell holds, as text or a number. A formula counts by its saved result. */
function cellValue(cell: ExcelJS.Cell): Cell {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('error' in o) return { error: String(o.error) };
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('') || null;
    if ('formula' in o || 'sharedFormula' in o) {
      if (!('result' in o) || o.result === undefined || (typeof o.result === 'number' && Number.isNaN(o.result))) {
        throw fileError('import.formula_no_value', { cell: cell.address });
      }
      const r = o.result;
      if (typeof r === 'number' || typeof r === 'string') return r === '' ? null : r;
      if (r && typeof r === 'object' && 'error' in r) return { error: String((r as { error: unknown }).error) };
      return String(r);
    }
    if ('text' in o) return String(o.text);
  }
  return String(v);
}

// ---------------------------------------------------------------------------------------
// .csv

function readCsv(bytes: Buffer): Sheet {
  const text = decodeText(bytes);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Indonesian Excel writes `;` (the comma is the decimal mark); everyone else `,`.
  const delimiter = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  const bad = parsed.errors.find((e) => e.type === 'Quotes');
  if (bad) throw fileError('import.csv_broken', { line: (bad.row ?? 0) + 1 });
  const rows: SheetRow[] = [];
  parsed.data.forEach((record, i) => {
    const cells: Cell[] = [];
    let filled = false;
    record.forEach((raw, col) => {
      const value = unescapeCsv(raw);
      if (value.trim() === '') return;
      if (col >= LIMITS.columns) throw fileError('import.too_many_columns', { line: i + 1, column: col + 1, max: LIMITS.columns });
      if (value.length > LIMITS.cellChars) throw fileError('import.cell_too_long', { cell: `${columnLetter(col + 1)}${i + 1}`, max: LIMITS.cellChars });
      cells[col] = value;
      filled = true;
    });
    if (!filled) return;
    if (rows.length > LIMITS.rows) throw fileError('import.too_many_rows', { max: LIMITS.rows });
    rows.push({ line: i + 1, cells });
  });
  return { format: 'csv', sheetName: null, date1904: false, rows };
}

/** UTF-8 (with or without its mark), else Windows-1252: what Excel's plain "CSV" writes on Windows. */
function decodeText(bytes: Buffer): string {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('windows-1252').decode(body);
  }
}

const count = (s: string, ch: string) => s.split(ch).length - 1;

/**
 * Spreadsheet programs run a CSV cell that starts with = + - @ as a formula, so Balai's
 * export writes such text with a leading apostrophe; reading takes it off again.
 */
export function escapeCsv(value: string): string {
  return /^[=+@\t\r]/.test(value) || (/^-/.test(value) && value !== '-' && !/^-\d+(\.\d+)?$/.test(value)) ? `'${value}` : value;
}
function unescapeCsv(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
