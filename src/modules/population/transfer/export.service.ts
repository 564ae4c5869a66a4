import { recordAudit } from '../../../platform/audit/audit.js';
import type { UseCaseContext } from '../../../platform/context.js';
import { formatDate } from '../../../platform/format/format.js';
import { badRequest } from '../../../platform/http/errors.js';
import { KIND_LABEL } from '../../regions/index.js';
import { HOLDS_NIK, isValidCode, LIFE_STATUS } from '../codes.js';
import { todayInWib, villageScope } from '../population.common.js';
import { registerPdf } from './buku-induk-pdf.js';
import { opensidCells, opensidCsv, opensidWorkbook, registerRows, registerWorkbook, templateWorkbook, XLSX_TYPE, type AreaNode } from './sheets.js';
import * as repo from './transfer.repository.js';

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
  const [rows, areas] = await Promise.all([repo.exportRows(ctx.db.kysely, village, statuses), areasOf(ctx, village)]);
  const cells = rows.map((r) => opensidCells(r, areas));
  const bytes = format === 'xlsx' ? await opensidWorkbook(cells) : opensidCsv(cells);
  await recordAudit(ctx.db.kysely, ctx, {
    action: 'population.export',
    villageCode: village,
    subject: `village:${village}`,
    detail: { format, count: rows.length, statuses: statuses ?? 'semua' },
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
  const [rows, areas, place] = await Promise.all([repo.exportRows(ctx.db.kysely, village, statuses), areasOf(ctx, village), repo.villageHeading(ctx.db.kysely, village)]);
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
  };
  const register = registerRows(rows, areas);
  const bytes = format === 'pdf' ? await registerPdf(heading, register, paper) : await registerWorkbook(heading, register, paper);
  await recordAudit(ctx.db.kysely, ctx, {
    action: 'population.export',
    villageCode: village,
    subject: `village:${village}`,
    detail: { format: `buku-induk-${format}`, count: rows.length, statuses: statuses ?? 'semua' },
  });
  return {
    bytes,
    fileName: `buku-induk-penduduk-${plainCode(village)}-${today}.${format}`,
    contentType: format === 'pdf' ? 'application/pdf' : XLSX_TYPE,
  };
}

/** The import template: no personal data, so nothing to log; offered to those who may import. */
export async function importTemplate(ctx: UseCaseContext, villageInput: string): Promise<Download> {
  const village = await villageScope(ctx, villageInput, 'population.import');
  return { bytes: await templateWorkbook(village), fileName: 'templat-impor-penduduk.xlsx', contentType: XLSX_TYPE };
}
