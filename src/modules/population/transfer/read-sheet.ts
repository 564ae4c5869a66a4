import { Readable } from 'node:stream';
import { threadId } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { AppError, badRequest } from '../../../platform/http/errors.js';
import type { MessageKey, Params } from '../../../platform/i18n/i18n.js';
import { runInWorker, WorkerStopped } from '../../../platform/workers/run.js';
import { workbookParts } from './workbook-parts.js';
import { checkUnpackedSize, listZip, readEntry, repack, ZipProblem, type ZipEntry } from './zip.js';
import { besideModule } from '../../../platform/paths.js';

/**
 * Reads an uploaded spreadsheet into plain rows, with bounds on everything a file can
 * make us spend: its size, what it unpacks to, rows, columns, the length of a cell, and
 * the time and memory of the worker thread that parses it.
 * The type comes from the first bytes, never from the file name.
 */

export const LIMITS = {
  fileBytes: 10 * 1024 * 1024,
  /** What the parts of an .xlsx may inflate to in all (a 10 MB file of 50,000 rows unpacks to about 100 MB). */
  unpackedBytes: 300 * 1024 * 1024,
  /** `xl/workbook.xml` and its relationships: a few KB in real workbooks, read whole. */
  partBytes: 4 * 1024 * 1024,
  rows: 50_000,
  columns: 200,
  cellChars: 1000,
  /** A 50,000-row file parses in a few seconds; past this the worker is stopped. */
  parseMs: 120_000,
  parseMemoryMb: 1024,
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

/**
 * Work done, in units of one byte inflated or tokenized or one cell read: linear in what
 * the file unpacks to, which the property test checks on hostile files.
 */
export interface Meter {
  units: number;
}

const fileError = (key: MessageKey, params: Params = {}) => badRequest(key, 'file', params);

export interface ReadReport {
  sheet: Sheet;
  work: number;
  /** The worker thread that parsed the file (never the server's main thread, 0). */
  threadId: number;
}

const PARSE_WORKER = besideModule('./parse-worker', import.meta.url);
/** Rows per message from the worker: each message is a short task for the server's event loop. */
export const ROWS_PER_PART = 500;

/** Parses the file in a worker thread with a time and memory limit: no upload can stall other users. */
export async function readSpreadsheet(bytes: Buffer, fileName = 'berkas', limits: { parseMs?: number } = {}): Promise<Sheet> {
  return (await readSpreadsheetReport(bytes, fileName, limits)).sheet;
}

export async function readSpreadsheetReport(bytes: Buffer, fileName: string, limits: { parseMs?: number } = {}): Promise<ReadReport> {
  const { meta, rows } = await parseInWorker<Omit<Sheet, 'rows'> & { work: number; threadId: number }, SheetRow>(bytes, fileName, {}, limits);
  const { work, threadId: thread, ...sheet } = meta;
  return { sheet: { ...sheet, rows }, work, threadId: thread };
}

/**
 * Runs the parse worker on the file: its answer, and the rows it sent in parts. `extra`
 * asks the worker for more than the sheet (`parse-worker.ts`: `today` checks it as a
 * population file there too, so that work stays off the server's event loop as well).
 */
export async function parseInWorker<M, R>(bytes: Buffer, fileName: string, extra: { today?: string }, limits: { parseMs?: number } = {}): Promise<{ meta: M; rows: R[] }> {
  checkFileSize(bytes);
  const rows: R[] = [];
  try {
    const meta = await runInWorker<M>(
      PARSE_WORKER,
      { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), ...extra },
      { timeoutMs: limits.parseMs ?? LIMITS.parseMs, memoryMb: LIMITS.parseMemoryMb, onPart: (part) => rows.push(...(part as R[])) },
    );
    return { meta, rows };
  } catch (err) {
    if (err instanceof WorkerStopped) {
      throw new AppError(422, 'file_unreadable', err.reason === 'timeout' ? 'import.parse_timeout' : 'import.parse_too_big', { field: 'file', file: fileName }, 'file');
    }
    throw err;
  }
}

function checkFileSize(bytes: Buffer) {
  if (bytes.length === 0) throw fileError('import.file_empty');
  if (bytes.length > LIMITS.fileBytes) throw new AppError(413, 'file_too_large', 'import.file_too_large', { limit: '10 MB' }, 'file');
}

/** The parsing itself, on the thread that calls it: `readSpreadsheet` calls it in a worker (`parse-worker.ts`). */
export async function parseSpreadsheet(bytes: Buffer, meter: Meter = { units: 0 }): Promise<Sheet & { threadId: number }> {
  checkFileSize(bytes);
  const magic = bytes.subarray(0, 4).toString('hex');
  const sheet = await (async () => {
    if (magic === '504b0304' || magic === '504b0506') return readXlsx(bytes, meter);
    // An OLE2 compound file: the old .xls format (OpenSID's family list), or an .xlsx saved with a password.
    if (magic === 'd0cf11e0') throw fileError(oldOfficeFile(bytes));
    if (looksLikeText(bytes)) return readCsv(bytes, meter);
    throw fileError('import.file_type');
  })();
  return { ...sheet, threadId };
}

/** What an OLE2 file is, told by a stream's name in its directory (UTF-16) and by its text. */
function oldOfficeFile(bytes: Buffer): MessageKey {
  const has = (text: string) => bytes.includes(Buffer.from(text, 'utf16le')) || bytes.includes(Buffer.from(text, 'latin1'));
  if (has('EncryptedPackage')) return 'import.file_encrypted';
  // OpenSID's "Daftar Keluarga" export: a row per family under a "Kepala Keluarga" heading.
  if (has('Kepala Keluarga') || has('KEPALA KELUARGA')) return 'import.file_opensid_families';
  return 'import.file_xls';
}

function looksLikeText(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 8192);
  return !head.includes(0) && !head.subarray(0, 5).equals(Buffer.from('%PDF-'));
}

// ---------------------------------------------------------------------------------------
// .xlsx

async function readXlsx(bytes: Buffer, meter: Meter): Promise<Sheet> {
  let entries: Map<string, ZipEntry>;
  let parts: ReturnType<typeof workbookParts>;
  let wb: ZipEntry;
  let rels: ZipEntry;
  try {
    entries = listZip(bytes);
    meter.units += await checkUnpackedSize(bytes, entries, LIMITS.unpackedBytes);
    const wbEntry = entries.get('xl/workbook.xml');
    const relsEntry = entries.get('xl/_rels/workbook.xml.rels');
    // A zip without a workbook: a .docx, an .ods, or some other archive.
    if (!wbEntry || !relsEntry) throw fileError('import.file_type');
    [wb, rels] = [wbEntry, relsEntry];
    // Bigger than any real workbook's: damage, or a file made to hurt.
    const readPart = (e: ZipEntry) =>
      readEntry(bytes, e, LIMITS.partBytes).then(
        (b) => b.toString('utf8'),
        (err: unknown) => Promise.reject(err instanceof ZipProblem && err.kind === 'too_big' ? new ZipProblem('broken') : err),
      );
    const workbookXml = await readPart(wb);
    const relsXml = await readPart(rels);
    meter.units += workbookXml.length + relsXml.length;
    parts = workbookParts(workbookXml, relsXml);
  } catch (err) {
    throw zipError(err);
  }

  const { sheets, sharedStrings, date1904 } = parts;
  // The template's sheet is "Data Penduduk"; files passed around have it first under another name.
  const target = sheets.find((s) => s.name.trim().toLowerCase() === 'data penduduk') ?? sheets[0];
  const sheetEntry = target && entries.get(target.path);
  if (!target || !sheetEntry) throw fileError('import.zip_broken');

  // ExcelJS's streaming reader parks a worksheet in a temporary file when the shared
  // strings come after it in the archive (as Excel writes them). Giving it a small archive
  // with only what it reads, in reading order, keeps it in memory and skips other sheets.
  const strings = entries.get(sharedStrings ?? 'xl/sharedStrings.xml');
  const mini = repack(bytes, [
    { name: 'xl/workbook.xml', from: wb },
    { name: 'xl/_rels/workbook.xml.rels', from: rels },
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
          meter.units++;
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
    if (err.kind === 'encrypted') return fileError('import.file_encrypted');
    if (err.kind === 'too_big') return new AppError(413, 'file_too_large', 'import.zip_too_big', { limit: '300 MB' }, 'file');
  }
  return fileError('import.zip_broken');
}

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

function readCsv(bytes: Buffer, meter: Meter): Sheet {
  const text = decodeText(bytes);
  meter.units += text.length;
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
