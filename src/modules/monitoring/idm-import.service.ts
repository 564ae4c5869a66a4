import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { regionWithin } from '../../platform/access/index.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { IndexModel } from '../../platform/db/schema.js';
import { AppError, badRequest, notFound, tooManyRequests } from '../../platform/http/errors.js';
import type { MessageKey, Params } from '../../platform/i18n/i18n.js';
import { readSpreadsheet, columnLetter, type Cell } from '../population/transfer/index.js';
import { normalizeRegionCode } from '../regions/index.js';
import * as repo from './idm.repository.js';
import { computeIndex } from './idm.service.js';
import { indicatorsOf, modelDefinition, type ModelDefinition } from './index-models.js';
import { monitoringScope, today, urlCode } from './monitoring.common.js';
import { safeFileName } from '../../platform/http/file-name.js';

/**
 * Index scores for many villages from one spreadsheet (the ministry publishes a year's
 * results per village). Columns, in any order, named in the first row:
 *   kode_desa, tahun, then iks, ike, ikl (IDM) — or the six Indeks Desa dimensions —
 *   and optionally indicator scores under their ids (e.g. iks.kes.jkn).
 * The preview reads and checks every row and stores nothing; the import then writes all
 * rows in one transaction or none.
 */

export interface Problem {
  line: number;
  column: string | null;
  key: MessageKey;
  params: Params;
}

interface Job {
  id: string;
  scope: string;
  userId: number;
  fileName: string;
  model: IndexModel;
  rows: repo.ScoreRow[];
  createdAt: number;
}

const jobs = new Map<string, Job>();
const TTL_MS = 60 * 60 * 1000;
const MAX_JOBS = 50;
const MAX_PROBLEMS_SHOWN = 500;

function sweep(now = Date.now()) {
  for (const [id, job] of jobs) if (now - job.createdAt > TTL_MS) jobs.delete(id);
  while (jobs.size > MAX_JOBS) jobs.delete(jobs.keys().next().value!);
}

/** "Kode Desa" / "KODE_DESA" / "kode-desa" → "kode_desa"; indicator ids keep their dots. */
const headerKey = (cell: Cell) => (typeof cell === 'string' ? cell.trim().toLowerCase().replace(/[\s-]+/g, '_') : typeof cell === 'number' ? String(cell) : '');

const cellText = (cell: Cell | undefined): string | number | null => {
  if (cell === undefined || cell === null) return null;
  if (typeof cell === 'object') return null;
  return cell;
};

/** Which model a header row is for: IDM's three indices, or Indeks Desa's six dimensions. */
function modelOfHeader(keys: Set<string>): ModelDefinition | null {
  for (const model of ['idm', 'id2024'] as const) {
    const def = modelDefinition(model);
    if (def.dimensions.every((d) => keys.has(d.key))) return def;
  }
  return null;
}

export interface ImportPreview {
  scope: string;
  fileName: string;
  model: IndexModel;
  rows: number;
  replaces: number;
  years: number[];
  ignoredColumns: string[];
  problems: Problem[];
  problemCount: number;
  jobId: string | null;
  sample: repo.ScoreRow[];
}

export async function previewIndexImport(ctx: UseCaseContext, regionInput: string, upload: { name: string; bytes: Buffer } | null): Promise<ImportPreview> {
  const scope = await monitoringScope(ctx, regionInput, 'monitoring.index.write');
  if (!upload) throw badRequest('import.file_missing', 'file');
  const sheet = await readSpreadsheet(upload.bytes, safeFileName(upload.name));
  const [header, ...body] = sheet.rows;
  if (!header) throw badRequest('import.file_empty', 'file');
  const keys = header.cells.map(headerKey);
  const present = new Set(keys);
  for (const required of ['kode_desa', 'tahun']) if (!present.has(required)) throw badRequest('monitoring.import_column_missing', 'file', { column: required });
  const def = modelOfHeader(present);
  if (!def) throw badRequest('monitoring.import_no_model', 'file');
  const indicatorIds = new Set(indicatorsOf(def).map((i) => i.id));
  const known = new Set(['kode_desa', 'tahun', 'nama_desa', 'status', 'nilai', 'idm', 'skor', ...def.dimensions.map((d) => d.key), ...indicatorIds]);
  const ignoredColumns = keys.filter((k, i) => k && !known.has(k) && header.cells[i] !== undefined).map((k) => k.slice(0, 40));
  const col = (name: string) => keys.indexOf(name);
  const yearMax = Number(today().slice(0, 4)) + 1;

  const problems: Problem[] = [];
  const parsed: (repo.ScoreRow & { line: number })[] = [];
  const seen = new Map<string, number>();
  for (const row of body) {
    const problem = (column: string | null, key: MessageKey, params: Params = {}) => problems.push({ line: row.line, column, key, params });
    const value = (name: string) => cellText(row.cells[col(name)]);
    const excelError = row.cells.find((c) => c && typeof c === 'object');
    if (excelError) {
      const i = row.cells.indexOf(excelError);
      problem(keys[i] ?? columnLetter(i + 1), 'import.cell_error', { value: (excelError as { error: string }).error });
      continue;
    }
    const rawCode = value('kode_desa');
    const code = rawCode === null ? null : normalizeRegionCode(String(rawCode));
    if (!code || code.split('.').length !== 4) {
      problem('kode_desa', rawCode === null ? 'monitoring.import_code_missing' : 'monitoring.import_code_invalid', { value: String(rawCode ?? '').slice(0, 30) });
      continue;
    }
    if (!regionWithin(code, scope.code)) {
      problem('kode_desa', 'monitoring.import_outside_scope', { code });
      continue;
    }
    const rawYear = value('tahun');
    const year = typeof rawYear === 'number' ? rawYear : Number(String(rawYear ?? '').trim());
    if (!Number.isInteger(year) || year < 2015 || year > yearMax) {
      problem('tahun', 'monitoring.year_invalid', { value: String(rawYear ?? '').slice(0, 10) });
      continue;
    }
    const key = `${code}|${year}`;
    if (seen.has(key)) {
      problem('kode_desa', 'monitoring.import_duplicate', { code, year, line: seen.get(key)! });
      continue;
    }
    seen.set(key, row.line);
    const dimensions: Record<string, unknown> = {};
    for (const d of def.dimensions) dimensions[d.key] = value(d.key);
    const indicators: Record<string, unknown> = {};
    for (const id of indicatorIds) if (col(id) >= 0) indicators[id] = value(id);
    try {
      const r = computeIndex(def, { dimensions, indicators });
      parsed.push({ line: row.line, village_code: code, model: def.model, year, score: r.score, status: r.status, dimensions: r.dimensions, indicators: r.indicators, source: 'import' });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      problem(err.field ?? null, err.key, err.params);
    }
  }
  if (!body.length) throw badRequest('monitoring.import_no_rows', 'file');
  // Codes of the right shape that name no village (a typo, a village from a later split).
  const villages = await repo.knownVillages(ctx.db.kysely, [...new Set(parsed.map((r) => r.village_code))]);
  const good = parsed.filter((r) => {
    if (villages.has(r.village_code)) return true;
    problems.push({ line: r.line, column: 'kode_desa', key: 'monitoring.import_code_unknown', params: { code: r.village_code } });
    return false;
  });
  problems.sort((a, b) => a.line - b.line);
  const rows = good.map(({ line: _line, ...r }) => r);
  let jobId: string | null = null;
  if (problems.length === 0) {
    sweep();
    if (jobs.size >= MAX_JOBS) throw tooManyRequests('import.busy');
    jobId = randomBytes(12).toString('base64url');
    jobs.set(jobId, { id: jobId, scope: scope.code, userId: ctx.actor!.id, fileName: safeFileName(upload.name), model: def.model, rows, createdAt: Date.now() });
  }
  return {
    scope: scope.code, fileName: safeFileName(upload.name), model: def.model, rows: rows.length,
    replaces: await repo.existingScores(ctx.db.kysely, def.model, rows),
    years: [...new Set(rows.map((r) => r.year))].sort(),
    ignoredColumns, problems: problems.slice(0, MAX_PROBLEMS_SHOWN), problemCount: problems.length, jobId, sample: rows.slice(0, 10),
  };
}

/** Writes the previewed rows, all in one transaction with one audit entry; a second confirmation finds no job. */
export async function runIndexImport(ctx: UseCaseContext, regionInput: string, jobId: string) {
  const scope = await monitoringScope(ctx, regionInput, 'monitoring.index.write');
  sweep();
  const job = jobs.get(jobId);
  if (!job || job.scope !== scope.code || job.userId !== ctx.actor!.id) throw notFound('import.job_not_found');
  jobs.delete(jobId);
  const started = Date.now();
  await writeWithAudit(ctx, async (trx, audit) => {
    await repo.upsertScores(trx, job.rows, ctx.actor!.id);
    await audit({
      action: 'index.import',
      regionCode: scope.code,
      subject: `region:${urlCode(scope.code)}`,
      detail: { file: job.fileName, model: job.model, rows: job.rows.length, years: [...new Set(job.rows.map((r) => r.year))] },
    });
  });
  const statuses: Record<string, number> = {};
  for (const r of job.rows) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  return { scope: scope.code, model: job.model, rows: job.rows.length, years: [...new Set(job.rows.map((r) => r.year))].sort(), statuses, ms: Date.now() - started };
}

/** An empty workbook with the columns of a model, one example row, and a sheet that explains them. */
export async function indexImportTemplate(ctx: UseCaseContext, regionInput: string, model: IndexModel): Promise<Buffer> {
  const scope = await monitoringScope(ctx, regionInput, 'monitoring.index.write');
  const def = modelDefinition(model);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Balai';
  const ws = wb.addWorksheet(def.short);
  const indicators = indicatorsOf(def);
  ws.addRow(['kode_desa', 'tahun', ...def.dimensions.map((d) => d.key), ...indicators.map((i) => i.id)]).font = { bold: true };
  const example = scope.level === 4 ? scope.code : '18.09.10.2004';
  ws.addRow([example, Number(today().slice(0, 4)) - 1, ...def.dimensions.map(() => (def.scale === 1 ? 0.7 : 70))]);
  ws.getColumn(1).width = 16;
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const help = wb.addWorksheet('Petunjuk');
  help.addRows([
    [`Impor ${def.label.id}`],
    [],
    ['kolom', 'isi'],
    ['kode_desa', 'Kode desa Kemendagri, dengan atau tanpa titik (18.09.10.2004 atau 1809102004)'],
    ['tahun', 'Tahun penilaian, misalnya 2024'],
    ...def.dimensions.map((d) => [d.key, `${d.label.id}: ${def.scale === 1 ? 'angka 0–1, misalnya 0,7123' : 'angka 0–100'}${def.model === 'idm' ? ' (boleh kosong bila semua skor indikatornya diisi)' : ''}`]),
    ...indicators.map((i) => [i.id, `${i.label}: skor 0–5 (boleh kosong)`]),
    [],
    ['Baris dengan kode desa dan tahun yang sudah ada akan menggantikan data lama. Seluruh berkas diimpor sekaligus atau tidak sama sekali.'],
  ]);
  help.getRow(1).font = { bold: true, size: 13 };
  help.getColumn(1).width = 22;
  help.getColumn(2).width = 90;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
