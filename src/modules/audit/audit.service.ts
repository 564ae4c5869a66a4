import { authorize, type Actor } from '../../platform/access/access.js';
import { isVillageRole, ROLES } from '../../platform/access/roles.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { titleCase, todayInWib } from '../../platform/format/format.js';
import { badRequest, forbidden, notFound } from '../../platform/http/errors.js';
import { pageOf } from '../../platform/db/search-pattern.js';
import { dateOf } from '../../platform/http/text-input.js';
import { besideModule } from '../../platform/paths.js';
import { runInWorker } from '../../platform/workers/run.js';
import { findRegion, parseRegionCodeOrFail } from '../regions/index.js';
import { villageInScope } from '../villages/index.js';
import * as repo from './audit.repository.js';
import type { AuditFilter } from './audit.repository.js';
import type { AuditWorkbookInput } from './audit-workbook.js';

/**
 * The audit log read back (issue 18, item 5). A village's head and secretary (audit.read in
 * their village) see everything their village's entries hold: who, what, on what, the detail.
 * The officers above see, for the villages of their region, metadata only — when, what, where,
 * the actor's role, counts per action — never names, subjects or the detail, which can carry a
 * resident's name. Every reading and every export is itself an entry of the log.
 */

export const PAGE_SIZE = 50;
/** An export holds at most this many entries (the newest); the page says so. */
export const EXPORT_MAX = 100_000;
const EXPORT_PAGE = 5_000;
/** Without dates: the last 30 days. */
const DEFAULT_DAYS = 30;

export type AuditQuery = Partial<Record<'dari' | 'sampai' | 'pelaku' | 'peran' | 'aksi' | 'page', string>>;

export interface AuditScope {
  view: 'village' | 'region';
  /** The village or region code ('' is the country). */
  code: string;
  name: string;
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** An action or a module: letters, digits, `_` and dots, as the log writes them (checked char by char, no pattern to backtrack). */
function actionOf(input: string | undefined): string | undefined {
  const s = (input ?? '').trim().toLowerCase().replace(/\.$/, '');
  if (!s) return undefined;
  if (s.length > 60 || [...s].some((ch) => !(ch === '.' || ch === '_' || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))))
    throw badRequest('validation.format', 'aksi');
  return s;
}

/** The filters from the address, each checked; a bad one is a 400 naming its field. */
export function parseFilter(q: AuditQuery, view: 'village' | 'region'): Omit<AuditFilter, 'village' | 'region'> & { page: number } {
  const to = q.sampai?.trim() ? dateOf(q.sampai, 'sampai') : todayInWib();
  const from = q.dari?.trim() ? dateOf(q.dari, 'dari') : addDays(to, -(DEFAULT_DAYS - 1));
  if (from > to) throw badRequest('audit.range', 'dari');
  const role = q.peran?.trim() || undefined;
  if (role !== undefined && !(ROLES as readonly string[]).includes(role)) throw badRequest('validation.choice', 'peran');
  const actor = view === 'village' ? q.pelaku?.trim().slice(0, 60) || undefined : undefined;
  return { from, to, role, actor, action: actionOf(q.aksi), page: pageOf(q.page) };
}

/** The filters as the audit entry of the reading records them (no empty ones). */
const filterDetail = (f: Omit<AuditFilter, 'village' | 'region'>) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== ''));

/** The village page: its head and secretary only. An officer above is sent to the region view by the page. */
async function villageOf(ctx: UseCaseContext, input: string): Promise<{ actor: Actor; scope: AuditScope }> {
  const village = await villageInScope(ctx, input, 'audit.read');
  const actor = ctx.actor!;
  if (!isVillageRole(actor.role)) throw forbidden();
  return { actor, scope: { view: 'village', code: village.village_code, name: titleCase(village.name) } };
}

/** A region's page ('nasional' is the country): within the actor's own scope only. */
async function regionOf(ctx: UseCaseContext, input: string): Promise<{ actor: Actor; scope: AuditScope }> {
  const code = input === 'nasional' ? '' : parseRegionCodeOrFail(input);
  const actor = authorize(ctx.actor, 'audit.read', code);
  if (code === '') return { actor, scope: { view: 'region', code, name: 'Indonesia' } };
  const region = await findRegion(ctx.db.kysely, code);
  if (!region) throw notFound('region.not_found', { code });
  return { actor, scope: { view: 'region', code, name: titleCase(region.name) } };
}

export const isVillageActor = (actor: Actor | null) => Boolean(actor && actor.kind === 'user' && isVillageRole(actor.role));

const filterFor = (scope: AuditScope, f: Omit<AuditFilter, 'village' | 'region'>): AuditFilter =>
  scope.view === 'village' ? { ...f, village: scope.code } : { ...f, region: scope.code };

async function read(ctx: UseCaseContext, scope: AuditScope, q: AuditQuery) {
  const { page, ...f } = parseFilter(q, scope.view);
  const where = filterFor(scope, f);
  const db = ctx.db.kysely;
  const [total, counts] = await Promise.all([repo.countEntries(db, where), repo.countsByAction(db, where)]);
  const offset = (page - 1) * PAGE_SIZE;
  const entries = scope.view === 'village' ? await repo.listFull(db, where, PAGE_SIZE, offset) : await repo.listMetadata(db, where, PAGE_SIZE, offset);
  // Reading the log is in the log: who looked, where, with which filters.
  await recordAudit(db, ctx, {
    action: 'audit.read',
    villageCode: scope.view === 'village' ? scope.code : null,
    regionCode: scope.code || null,
    subject: `audit:${scope.code || 'nasional'}`,
    detail: { view: scope.view, page, ...filterDetail(f) },
  });
  return { scope, filter: f, page, total, counts: counts.map((c) => ({ action: c.action, total: Number(c.total), refused: Number(c.refused) })), entries };
}

export async function villageAudit(ctx: UseCaseContext, code: string, q: AuditQuery) {
  const { scope } = await villageOf(ctx, code);
  const r = await read(ctx, scope, q);
  return { ...r, entries: r.entries as Awaited<ReturnType<typeof repo.listFull>> };
}

export async function regionAudit(ctx: UseCaseContext, code: string, q: AuditQuery) {
  const { scope } = await regionOf(ctx, code);
  const r = await read(ctx, scope, q);
  return { ...r, entries: r.entries as Awaited<ReturnType<typeof repo.listMetadata>> };
}

/** The detail of an entry as one line of text: `key: value; …` (NIKs were masked when it was written). */
export function detailText(detail: Record<string, unknown> | null | undefined): string {
  return Object.entries(detail ?? {}).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('; ').slice(0, 500);
}

const WORKBOOK_WORKER = besideModule('./audit-export-worker', import.meta.url);

/**
 * The filtered entries as a workbook: read a page at a time (short statements, others get the
 * database between them) and written in a worker thread, never on the event loop. The village
 * view carries the detail; a region's carries the metadata only, as its page does.
 */
export async function exportAudit(ctx: UseCaseContext, view: 'village' | 'region', code: string, q: AuditQuery) {
  const { scope } = view === 'village' ? await villageOf(ctx, code) : await regionOf(ctx, code);
  const { page: _page, ...f } = parseFilter(q, scope.view);
  const where = filterFor(scope, f);
  const db = ctx.db.kysely;
  const rows: AuditWorkbookInput['rows'] = [];
  for (let offset = 0; offset < EXPORT_MAX; offset += EXPORT_PAGE) {
    const size = Math.min(EXPORT_PAGE, EXPORT_MAX - offset);
    if (scope.view === 'village') {
      const page = await repo.listFull(db, where, size, offset);
      for (const e of page) rows.push({ at: new Date(e.at).toISOString(), action: e.action, outcome: e.outcome, village: e.village_code, role: e.role, actor: e.actor_label, subject: e.subject, detail: detailText(e.detail) });
      if (page.length < size) break;
    } else {
      const page = await repo.listMetadata(db, where, size, offset);
      for (const e of page) rows.push({ at: new Date(e.at).toISOString(), action: e.action, outcome: e.outcome, village: e.village_code, role: e.role });
      if (page.length < size) break;
    }
  }
  const counts = (await repo.countsByAction(db, where)).map((c) => ({ action: c.action, total: Number(c.total), refused: Number(c.refused) }));
  const input: AuditWorkbookInput = { lang: ctx.lang, view: scope.view, place: `${scope.name}${scope.code ? ` (${scope.code})` : ''}`, from: f.from, to: f.to, filters: filterDetail(f) as Record<string, string>, rows, counts, capped: rows.length >= EXPORT_MAX };
  const bytes = Buffer.from(await runInWorker<Uint8Array>(WORKBOOK_WORKER, input, { timeoutMs: 5 * 60_000, memoryMb: 512 }));
  await recordAudit(db, ctx, {
    action: 'audit.export',
    villageCode: scope.view === 'village' ? scope.code : null,
    regionCode: scope.code || null,
    subject: `audit:${scope.code || 'nasional'}`,
    detail: { view: scope.view, count: rows.length, ...filterDetail(f) },
  });
  const fileCode = (scope.code || 'nasional').replace(/\./g, '');
  return { bytes, fileName: `audit-${fileCode}-${f.from}-${f.to}.xlsx` };
}
