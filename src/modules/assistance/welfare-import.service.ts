import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { can, userIdOf } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { safeFileName } from '../../platform/http/file-name.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import type { MessageKey, Params } from '../../platform/i18n/i18n.js';
import { activeNiksElsewhere, COUNTED_IN_POPULATION, maskNik, refuseNiksElsewhere } from '../population/index.js';
import { readSpreadsheet, type Cell } from '../population/transfer/index.js';
import { villageInScope } from '../villages/index.js';

/**
 * The national social registry's welfare ranks (DTSEN, before 2025 DTKS) for the village, from
 * the spreadsheet the regency's social office hands out: a NIK column and a desil column, in
 * any order, named in the first row. The file is read in a worker thread. The preview lists
 * every NIK not in the register and every one living in another village (counted and audited
 * hashed, as the population import does, never naming the village); only ranks of the
 * village's own people are kept, and the import replaces the village's earlier list whole.
 */

export interface WelfareProblem { line: number; column: string; key: MessageKey; params: Params }
const MAX_SHOWN = 500;

const header = (cell: Cell | undefined) => (typeof cell === 'string' ? cell.trim().toLowerCase().replace(/[\s_-]+/g, '') : '');
const NIK_HEADERS = ['nik', 'noktp', 'nomorindukkependudukan'];
const DESIL_HEADERS = ['desil', 'desilnasional', 'peringkatdesil', 'peringkatkesejahteraan'];

/** A NIK as text: Excel keeps a 16-digit NIK typed as a number exactly (Lampung's are below 2^53). */
function nikOf(cell: Cell | undefined): string {
  if (typeof cell === 'number') return Number.isSafeInteger(cell) ? String(cell) : '';
  return typeof cell === 'string' ? cell.trim().replace(/^'/, '') : '';
}

export async function previewWelfare(ctx: UseCaseContext, villageInput: string, input: { source?: string }, upload: { name: string; bytes: Buffer } | null) {
  const village = await villageInScope(ctx, villageInput, 'assistance.write');
  const code = village.village_code;
  const source = input.source === 'DTKS' ? 'DTKS' : 'DTSEN';
  if (!upload || upload.bytes.length === 0) throw badRequest('import.file_missing', 'file');
  const fileName = safeFileName(upload.name);
  const sheet = await readSpreadsheet(upload.bytes, fileName);
  const [head, ...body] = sheet.rows;
  const keys = (head?.cells ?? []).map(header);
  const nikCol = keys.findIndex((k) => NIK_HEADERS.includes(k));
  const desilCol = keys.findIndex((k) => DESIL_HEADERS.includes(k));
  if (nikCol < 0) throw badRequest('monitoring.import_column_missing', 'file', { column: 'NIK' });
  if (desilCol < 0) throw badRequest('monitoring.import_column_missing', 'file', { column: 'DESIL' });
  if (body.length === 0) throw badRequest('monitoring.import_no_rows', 'file');

  const problems: WelfareProblem[] = [];
  const ranks = new Map<string, { desil: number; line: number }>();
  for (const row of body) {
    const nik = nikOf(row.cells[nikCol]);
    const rawDesil = row.cells[desilCol];
    const desil = typeof rawDesil === 'number' ? rawDesil : Number(typeof rawDesil === 'string' ? rawDesil.trim() : NaN);
    if (!/^\d{16}$/.test(nik)) { problems.push({ line: row.line, column: 'NIK', key: 'welfare.nik', params: {} }); continue; }
    if (!Number.isInteger(desil) || desil < 1 || desil > 10) { problems.push({ line: row.line, column: 'DESIL', key: 'welfare.desil', params: {} }); continue; }
    const before = ranks.get(nik);
    if (before) { problems.push({ line: row.line, column: 'NIK', key: 'welfare.duplicate', params: { line: before.line } }); continue; }
    ranks.set(nik, { desil, line: row.line });
  }
  const niks = [...ranks.keys()];
  const here = new Set<string>();
  for (let i = 0; i < niks.length; i += 5000) {
    const part = niks.slice(i, i + 5000);
    const found = await ctx.db.kysely.selectFrom('residents').select('nik').where('village_code', '=', code).where('nik', 'in', part).where('life_status', 'in', [...COUNTED_IN_POPULATION]).execute();
    for (const f of found) here.add(f.nik);
  }
  const missing = niks.filter((n) => !here.has(n));
  const elsewhere = new Set((await activeNiksElsewhere(ctx.db.kysely, code, missing)).map((a) => a.nik));
  // Counted and audited (hashed) per account; past the hour's limit the preview gives no answer at all.
  if (elsewhere.size > 0) {
    const refusal = await refuseNiksElsewhere(ctx, code, [...elsewhere], 'welfare');
    if (refusal.status === 429) throw refusal;
  }
  const line = (nik: string) => ({ line: ranks.get(nik)!.line, nik: maskNik(nik) });
  const matched = niks.filter((n) => here.has(n)).map((n) => [n, ranks.get(n)!.desil] as [string, number]);
  const byDesil = Array.from({ length: 10 }, (_, i) => matched.filter(([, d]) => d === i + 1).length);
  let id: number | null = null;
  if (problems.length === 0 && matched.length > 0) {
    await ctx.db.kysely.deleteFrom('welfare_imports').where('village_code', '=', code).where('status', '=', 'preview').where('created_at', '<', new Date(Date.now() - 86_400_000)).execute();
    id = Number((await ctx.db.kysely.insertInto('welfare_imports').values({
      village_code: code, source, file_name: fileName, file_hash: createHash('sha256').update(upload.bytes).digest('hex'), rows: JSON.stringify(matched), row_count: matched.length, created_by: userIdOf(ctx.actor)!,
    }).returning('id').executeTakeFirstOrThrow()).id);
  }
  return {
    village, source, fileName, id, rows: body.length, matched: matched.length, byDesil,
    notFound: missing.filter((n) => !elsewhere.has(n)).map(line),
    elsewhere: [...elsewhere].map(line).sort((a, b) => a.line - b.line),
    problems: problems.slice(0, MAX_SHOWN), problemCount: problems.length,
  };
}
export type WelfarePreview = Awaited<ReturnType<typeof previewWelfare>>;

/** The previewed ranks become the village's list, replacing the earlier one whole, in one transaction. */
export async function importWelfare(ctx: UseCaseContext, villageInput: string, id: number) {
  const code = (await villageInScope(ctx, villageInput, 'assistance.write')).village_code;
  return writeWithAudit(ctx, async (trx, audit) => {
    const saved = await trx.selectFrom('welfare_imports').selectAll().where('village_code', '=', code).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!saved || saved.created_by !== userIdOf(ctx.actor)) throw notFound('welfare.preview_not_found');
    if (saved.status === 'imported') throw conflict('welfare.imported_already');
    const rows = (typeof saved.rows === 'string' ? JSON.parse(saved.rows) : saved.rows) as [string, number][];
    const before = await trx.deleteFrom('welfare_ranks').where('village_code', '=', code).executeTakeFirst();
    for (let i = 0; i < rows.length; i += 2000) {
      await trx.insertInto('welfare_ranks').values(rows.slice(i, i + 2000).map(([nik, desil]) => ({ village_code: code, nik, desil, import_id: id }))).execute();
    }
    await trx.updateTable('welfare_imports').set({ status: 'imported', imported_at: new Date() }).where('village_code', '=', code).where('id', '=', id).execute();
    await audit({ action: 'welfare.import', villageCode: code, subject: `welfare_import:${id}`, detail: { source: saved.source, file: saved.file_name, ranks: rows.length, replaced: Number(before.numDeletedRows) } });
    return { ranks: rows.length, replaced: Number(before.numDeletedRows) };
  });
}

/** The village's current list: how many ranks per desil, and from which import (counts only). */
export async function welfareSummary(ctx: UseCaseContext, villageInput: string) {
  const village = await villageInScope(ctx, villageInput, 'assistance.read');
  const code = village.village_code;
  const [counts, last] = await Promise.all([
    sql<{ desil: number; n: string }>`select desil, count(*) as n from welfare_ranks where village_code = ${code} group by desil order by desil`.execute(ctx.db.kysely),
    ctx.db.kysely.selectFrom('welfare_imports').select(['source', 'file_name', 'imported_at', 'row_count']).where('village_code', '=', code).where('status', '=', 'imported').orderBy('imported_at', 'desc').limit(1).executeTakeFirst(),
  ]);
  return { village, byDesil: counts.rows.map((r) => ({ desil: r.desil, n: Number(r.n) })), last: last ?? null, canWrite: can(ctx.actor, 'assistance.write', code) };
}
