import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { runInWorker } from '../../../platform/workers/run.js';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { UseCaseContext } from '../../../platform/context.js';
import { formatDate } from '../../../platform/format/format.js';
import { badRequest } from '../../../platform/http/errors.js';
import { KIND_LABEL } from '../../regions/index.js';
import { activeHead, registerSignature } from '../../villages/index.js';
import { HOLDS_NIK, isValidCode, LIFE_STATUS } from '../codes.js';
import { todayInWib, villageScope } from '../population.common.js';
import type { ExportJob } from './export-worker.js';
import { opensidCells, opensidCsv, registerRows, templateWorkbook, XLSX_TYPE, type AreaNode, type RegisterRow } from './sheets.js';
import * as repo from './transfer.repository.js';
import { besideModule } from '../../../platform/paths.js';

/**
 * Personal data leaving Balai: the OpenSID sheet (the village's data is its own, and this
 * is how it leaves), and the Buku Induk Penduduk. Each download is logged with its format
 * and how many people it holds (UU 27/2022: who read whose data).
 */

export interface Download {
  bytes: Buffer;
  fileName: string;
  contentType: string;
}

/** Which residents: 'semua' (default, every status: the round trip must give the same data), 'hidup', 'tercatat' (still holding their NIK here), or codes "1,4". */
export function parseStatuses(input: string | undefined | null): number[] | null {
  const s = (input ?? '').trim().toLowerCase();
  if (s === '' || s === 'semua') return null;
  if (s === 'hidup') return [LIFE_STATUS.alive];
  if (s === 'tercatat') return [...HOLDS_NIK];
  const codes = s.split(',').map((x) => Number(x.trim()));
  if (!codes.length || codes.some((n) => !Number.isInteger(n) || !isValidCode('lifeStatus', n))) throw badRequest('import.status_filter', 'status');
  return codes;
}

async function areasOf(ctx: UseCaseContext, village: string): Promise<Map<number, AreaNode>> {
  return new Map((await repo.listAreas(ctx.db.kysely, village)).map((a) => [a.id, a]));
}

const plainCode = (village: string) => village.replace(/\./g, '');

export async function exportPopulation(ctx: UseCaseContext, villageInput: string, format: 'xlsx' | 'csv', statusInput?: string): Promise<Download> {
  const village = await villageScope(ctx, villageInput, 'population.export');
  const statuses = parseStatuses(statusInput);
  const areas = await areasOf(ctx, village);
  const pages = mapPages(repo.exportRowPages(ctx.db.kysely, village, statuses), (page) => page.map((r) => opensidCells(r, areas)));
  let bytes: Buffer;
  let count = 0;
  if (format === 'xlsx') ({ bytes, count } = await buildOffThread({ kind: 'opensid-xlsx' }, pages));
  else {
    const cells: string[][] = [];
    for await (const page of pages) for (const c of page) cells.push(c);
    count = cells.length;
    bytes = opensidCsv(cells);
  }
  await recordAudit(ctx.db.kysely, ctx, {
    action: 'population.export',
    villageCode: village,
    subject: `village:${village}`,
    detail: { format, count, statuses: statuses ?? 'semua' },
  });
  return {
    bytes,
    fileName: `penduduk-${plainCode(village)}-${todayInWib()}.${format}`,
    contentType: format === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8',
  };
}

export async function bukuIndukPenduduk(
  ctx: UseCaseContext,
  villageInput: string,
  format: 'xlsx' | 'pdf',
  options: { status?: string; paper?: string } = {},
): Promise<Download> {
  const village = await villageScope(ctx, villageInput, 'population.export');
  const statuses = parseStatuses(options.status);
  const paper = options.paper === 'f4' ? 'f4' : 'a4';
  const [areas, place, head] = await Promise.all([areasOf(ctx, village), repo.villageHeading(ctx.db.kysely, village), activeHead(ctx.db.kysely, village)]);
  // Regency names carry their kind already ("KABUPATEN PESAWARAN"); villages and districts do not.
  const name = (r: { name: string; kind: keyof typeof KIND_LABEL } | undefined) => {
    if (!r) return '';
    const kind = KIND_LABEL[r.kind].id.toUpperCase();
    const n = r.name.toUpperCase();
    return n.startsWith(`${kind} `) ? n : `${kind} ${n}`;
  };
  const today = todayInWib();
  const heading = {
    title: 'BUKU INDUK PENDUDUK',
    lines: [
      [name(place.village), name(place.district), name(place.regency), name(place.province)].filter(Boolean).join(' · '),
      `Keadaan per ${formatDate(today, 'id')}${statuses ? '' : ' · semua status (keterangan menunjukkan yang sudah tidak tercatat hidup)'}`,
    ],
    // Signed by the village head in office, in his own name and position; none recorded, no block (nobody signs for him).
    signature: head ? registerSignature(head, place.village?.name ?? '', today) : null,
  };
  const { bytes, count } = await buildOffThread(format === 'pdf' ? { kind: 'register-pdf', heading, paper } : { kind: 'register-xlsx', heading, paper }, registerPages(ctx, village, statuses, areas));
  await recordAudit(ctx.db.kysely, ctx, {
    action: 'population.export',
    villageCode: village,
    subject: `village:${village}`,
    detail: { format: `buku-induk-${format}`, count, statuses: statuses ?? 'semua' },
  });
  return {
    bytes,
    fileName: `buku-induk-penduduk-${plainCode(village)}-${today}.${format}`,
    contentType: format === 'pdf' ? 'application/pdf' : XLSX_TYPE,
  };
}

const EXPORT_WORKER = besideModule('./export-worker', import.meta.url);


async function* mapPages<T, U>(pages: AsyncIterable<T[]>, f: (page: T[]) => U[]): AsyncGenerator<U[]> {
  for await (const page of pages) yield f(page);
}

/** The register's rows, a page at a time: numbered across pages, and a family that spans two pages starts only once. */
async function* registerPages(ctx: UseCaseContext, village: string, statuses: number[] | null, areas: Map<number, AreaNode>): AsyncGenerator<RegisterRow[]> {
  const from = { no: 0 };
  for await (const page of repo.exportRowPages(ctx.db.kysely, village, statuses)) yield registerRows(page, areas, from);
}

/**
 * An export file of a village of any size without stalling anyone: the rows are read a page
 * at a time (short statements) into a private temporary file, a worker thread builds the
 * file from it (capped heap, a time limit), and both files go afterwards.
 */
async function buildOffThread(job: DistributiveOmit<ExportJob, 'rowsPath' | 'outPath'>, pages: AsyncIterable<unknown[]>): Promise<{ bytes: Buffer; count: number }> {
  // mkdtemp makes the folder owner-only: the rows are personal data.
  const dir = await mkdtemp(join(tmpdir(), 'balai-export-'));
  try {
    const rowsPath = join(dir, 'rows.jsonl');
    const outPath = join(dir, 'out');
    const file = createWriteStream(rowsPath, { mode: 0o600 });
    let count = 0;
    for await (const page of pages) {
      count += page.length;
      if (page.length && !file.write(page.map((r) => JSON.stringify(r)).join('\n') + '\n')) await once(file, 'drain');
    }
    file.end();
    await finished(file);
    await runInWorker(EXPORT_WORKER, { ...job, rowsPath, outPath } as ExportJob, { timeoutMs: 15 * 60_000, memoryMb: 768 });
    return { bytes: await readFile(outPath), count };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The import template: no personal data, so nothing to log; offered to those who may import. */
export async function importTemplate(ctx: UseCaseContext, villageInput: string): Promise<Download> {
  const village = await villageScope(ctx, villageInput, 'population.import');
  return { bytes: await templateWorkbook(village), fileName: 'templat-impor-penduduk.xlsx', contentType: XLSX_TYPE };
}
