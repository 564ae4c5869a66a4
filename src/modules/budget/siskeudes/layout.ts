import { AppError, badRequest } from '../../../platform/http/errors.js';
import type { MessageKey, Params } from '../../../platform/i18n/i18n.js';
import type { Cell, Sheet, SheetRow } from '../../population/transfer/index.js';
import { parseRupiah, parseVolume } from '../money.js';
import layouts from './layouts.json' with { type: 'json' };

/**
 * Siskeudes files as rows of named fields, by the column mappings in `layouts.json`: which
 * header fills which field is data, so a Siskeudes version that renames a column needs a new
 * alias there, not new code. Cells become Balai's codes and exact amounts here; every problem
 * names its row and column.
 */

export type Kind = 'apbdes' | 'realisasi';
export const KINDS: readonly Kind[] = ['apbdes', 'realisasi'];
export interface Column { field: string; header: string; accept: string[]; optional?: boolean }
export const LAYOUTS: Record<Kind, { title: string; sheet: string; columns: Column[] }> = { apbdes: layouts.apbdes, realisasi: layouts.realisasi };
const FUNDS = layouts.funds as Record<string, string>;
const METHODS = layouts.methods as Record<string, string>;

export interface Problem { line: number; column: string | null; key: MessageKey; params: Params }

/** "Kd_Rincian", "KD RINCIAN", "kd-rincian" → "kdrincian": a header as the mappings name it. */
const headerKey = (cell: Cell) => (typeof cell === 'string' ? cell.toLowerCase().replace(/[\s_.\-]/g, '') : '');
/** "Dana Desa", "dds" → "DANADESA", "DDS": a fund or method as the mappings name it. */
const wordKey = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** Where the header row is (a Siskeudes report may have a title above it) and which column holds each field. */
export function findColumns(kind: Kind, sheet: Sheet): { headerLine: number; at: Map<string, number>; body: SheetRow[] } {
  const columns = LAYOUTS[kind].columns;
  const required = columns.filter((c) => !c.optional);
  for (const [i, row] of sheet.rows.slice(0, 10).entries()) {
    const keys = row.cells.map(headerKey);
    const at = new Map<string, number>();
    for (const c of columns) {
      const index = keys.findIndex((k) => k !== '' && c.accept.includes(k));
      if (index >= 0) at.set(c.field, index);
    }
    if (required.every((c) => at.has(c.field))) return { headerLine: row.line, at, body: sheet.rows.slice(i + 1) };
  }
  const missing = required.map((c) => c.header).join(', ');
  throw badRequest('siskeudes.columns_missing', 'file', { columns: missing });
}

/** The text of a cell, trimmed; '' when empty. */
export function textOf(cell: Cell | undefined): string {
  if (cell === undefined || cell === null || typeof cell === 'object') return '';
  return String(cell).trim();
}

/** Dot-separated groups of 1–4 digits ("5.2.1.01." has four); null when it is not that. */
function groups(raw: string): number[] | null {
  const parts = raw.split('.').filter((p) => p !== '');
  if (parts.length === 0 || parts.some((p) => !/^\d{1,4}$/.test(p))) return null;
  return parts.map(Number);
}

/** A Siskeudes account ("5.2.1.01." to its object) as Balai's three-level account ("5.2.1"). */
export function accountOf(raw: string): string | null {
  const g = groups(raw);
  return g && g.length >= 3 ? g.slice(0, 3).join('.') : null;
}

/** A Siskeudes activity (the village's code then bidang, sub-bidang, activity: "…02.03.10.") as BB.SS.KK ("2.3.10"). */
export function activityOf(raw: string): string | null {
  const g = groups(raw);
  if (!g || g.length < 3) return null;
  const [b, s, k] = g.slice(-3) as [number, number, number];
  return `${b}.${s}.${String(k).padStart(2, '0')}`;
}

export function fundOf(raw: string): string | null {
  return raw === '' ? null : (FUNDS[wordKey(raw)] ?? null);
}

export function methodOf(raw: string): string | null {
  return raw === '' ? 'bank' : (METHODS[wordKey(raw)] ?? null);
}

/** Whole rupiah from a cell: an Excel number, "1.500.000", or the "1500000.00" of a database export. */
export function rupiahOf(cell: Cell | undefined, field: string): bigint {
  if (typeof cell === 'number') {
    if (!Number.isSafeInteger(cell)) throw badRequest(Number.isFinite(cell) && cell % 1 !== 0 ? 'budget.whole_rupiah' : 'budget.money_format', field);
    if (cell < 0) throw badRequest('siskeudes.negative', field);
    return BigInt(cell);
  }
  const s = textOf(cell);
  const decimal = /^(\d{4,15})\.(\d{1,2})$/.exec(s);
  if (decimal) {
    if (!/^0+$/.test(decimal[2]!)) throw badRequest('budget.whole_rupiah', field);
    return BigInt(decimal[1]!);
  }
  if (s.startsWith('-')) throw badRequest('siskeudes.negative', field);
  return parseRupiah(s, field);
}

/** A volume in hundredths from a cell (an Excel number, or text as an officer types it). */
export function volumeOf(cell: Cell | undefined, field: string): bigint {
  if (typeof cell === 'number') {
    const hundredths = Math.round(cell * 100);
    if (!Number.isFinite(cell) || Math.abs(hundredths - cell * 100) > 1e-6 || hundredths <= 0) throw badRequest('budget.volume_format', field);
    return BigInt(hundredths);
  }
  return parseVolume(textOf(cell), field);
}

/** A day from a cell: an Excel date serial, "2024-03-15" (with a time after it, as a database export writes), or "15/03/2024". */
export function dateOf(cell: Cell | undefined, date1904: boolean, field: string): string {
  let d: string | null = null;
  if (typeof cell === 'number' && Number.isInteger(Math.floor(cell)) && cell > 0 && cell < 80_000) {
    const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
    d = new Date(epoch + Math.floor(cell) * 86_400_000).toISOString().slice(0, 10);
  } else {
    const s = textOf(cell);
    const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$/.exec(s);
    const dmy = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(s);
    if (iso) d = `${iso[1]}-${iso[2]}-${iso[3]}`;
    else if (dmy) d = `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
  }
  if (!d || Number.isNaN(Date.parse(`${d}T00:00:00Z`)) || new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) !== d) throw badRequest('validation.date', field);
  return d;
}

/** A refusal of one row's cell as a problem on that row and the column it names. */
export function problemOf(err: unknown, line: number, kind: Kind): Problem {
  if (!(err instanceof AppError)) throw err;
  const column = LAYOUTS[kind].columns.find((c) => c.field === err.field)?.header ?? null;
  // The message names the file's own column ("Kd_Rincian"), as the officer sees it in Excel.
  return { line, column, key: err.key, params: { ...err.params, field: column ?? 'file' } };
}
