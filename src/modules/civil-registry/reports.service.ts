import { createHash } from 'node:crypto';
import { can } from '../../platform/access/access.js';
import { recordAudit, writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { violatedUniqueIndex } from '../../platform/db/unique-violation.js';
import { formatDate, todayInWib } from '../../platform/format/format.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { clean, dateOf } from '../../platform/http/text-input.js';
import { pageOf } from '../../platform/db/search-pattern.js';
import { maskNik } from '../population/index.js';
import { villageInScope } from '../villages/index.js';
import * as repo from './civil-registry.repository.js';
import { buildReportSheets, maskedSheets, type ReportSheets } from './report-rows.js';
import type { ReportMeta } from './report-workbook.js';
import { reportWorkbook } from './report-workbook-job.js';

/**
 * Reports of the register's changes to the civil registry (Disdukcapil). Each holds the
 * births, deaths, moves and corrections no earlier report holds, so "since the last report"
 * needs no date arithmetic; the first report starts from a day the officer chooses. A report
 * keeps its rows and its file: downloaded again, it is the same file.
 */

const PAGE = 20;
const plainCode = (village: string) => village.replace(/\./g, '');
export const reportFileName = (village: string, number: number) => `laporan-dukcapil-${plainCode(village)}-${String(number).padStart(3, '0')}.xlsx`;

/** Who makes the report: an officer's own account, named in it. */
function officer(ctx: UseCaseContext) {
  if (ctx.actor?.kind !== 'user') throw forbidden();
  return ctx.actor;
}

/** The first day of the month of `today`: where a first report starts unless told otherwise. */
export const monthStart = (today: string) => `${today.slice(0, 7)}-01`;

/** The main page: the reports made, what waits for the next one, and where it starts. */
export async function reportsOverview(ctx: UseCaseContext, villageInput: string, query: { page?: string } = {}) {
  const village = await villageInScope(ctx, villageInput, 'civil_registry.manage');
  const code = village.village_code;
  const db = ctx.db.kysely;
  const today = todayInWib();
  const last = await repo.lastReport(db, code);
  const page = pageOf(query.page);
  const [list, pending, imports] = await Promise.all([
    repo.listReports(db, code, PAGE, (page - 1) * PAGE),
    last ? repo.unreportedCounts(db, code, last.floor) : Promise.resolve(null),
    repo.recentImports(db, code, 5),
  ]);
  return {
    village: code, name: village.name, kind: village.kind, today, last, pending, imports,
    reports: list.rows, page, pages: Math.max(1, Math.ceil(list.total / PAGE)), total: list.total, defaultFrom: monthStart(today),
  };
}
export type ReportsOverview = Awaited<ReturnType<typeof reportsOverview>>;

/**
 * Makes the next report: the events no report holds yet, their sheets, the workbook (in a
 * worker), then in one transaction the report, which events it holds, and its audit entry.
 * Two officers making one at the same moment: the second is refused, nothing half-made.
 */
export async function exportChanges(ctx: UseCaseContext, villageInput: string, input: { sejak?: string } = {}) {
  const village = await villageInScope(ctx, villageInput, 'civil_registry.manage');
  const code = village.village_code;
  const actor = officer(ctx);
  const db = ctx.db.kysely;
  const today = todayInWib();
  const last = await repo.lastReport(db, code);
  let periodFrom: string;
  if (last) periodFrom = last.periodTo;
  else {
    periodFrom = clean(input.sejak) === '' ? monthStart(today) : dateOf(clean(input.sejak), 'sejak');
    if (periodFrom > today) throw badRequest('civil_registry.from_future', 'sejak');
  }
  const floor = last?.floor ?? periodFrom;
  const events = await repo.unreportedEvents(db, code, floor);
  if (events.length === 0) throw badRequest('civil_registry.nothing_new', 'sejak', { since: formatDate(periodFrom, ctx.lang) });
  const built = buildReportSheets(events, await repo.areasOf(db, code));
  const number = (last?.number ?? 0) + 1;
  const madeAt = new Date();
  const meta: ReportMeta = { village: code, villageName: village.name, number, periodFrom, periodTo: today, madeBy: actor.fullName, madeAt: madeAt.toISOString(), masked: false };
  const file = await reportWorkbook(built.sheets, meta);
  const sha = createHash('sha256').update(file).digest('hex');
  try {
    return await writeWithAudit(ctx, async (trx, audit) => {
      const id = await repo.insertReport(trx, {
        village_code: code, number, period_from: periodFrom, period_to: today, counts: built.counts, total: built.total,
        sheets: { meta, sheets: built.sheets }, file, file_sha256: sha, made_by: actor.id,
      });
      await repo.insertReportEvents(trx, code, id, built.eventIds);
      await repo.countReport(trx, code, today);
      await audit({ action: 'civil_registry.report', villageCode: code, subject: `civil_registry_report:${id}`, detail: { number, period_from: periodFrom, period_to: today, rows: built.counts, events: built.eventIds.length } });
      return { id, number, counts: built.counts, total: built.total };
    });
  } catch (err) {
    const index = violatedUniqueIndex(err);
    if (index === 'civil_registry_reports_number' || index === 'civil_registry_report_events_pkey') throw conflict('civil_registry.report_busy');
    throw err;
  }
}

/**
 * A report's file as it was made. An officer who may not see whole NIKs gets a copy made
 * from the same rows with NIK and KK numbers masked. Each download is in the access log.
 */
export async function reportFile(ctx: UseCaseContext, villageInput: string, idInput: string | undefined) {
  const village = await villageInScope(ctx, villageInput, 'civil_registry.manage');
  const code = village.village_code;
  const id = parseId(idInput);
  const report = id === null ? undefined : await repo.findReport(ctx.db.kysely, code, id);
  if (!report) throw notFound('civil_registry.report_not_found');
  const full = can(ctx.actor, 'population.full_nik', code);
  const kept = report.sheets as { meta: ReportMeta; sheets: ReportSheets };
  const bytes = full ? report.file : await reportWorkbook(maskedSheets(kept.sheets, maskNik), { ...kept.meta, masked: true });
  await recordAudit(ctx.db.kysely, ctx, {
    action: 'civil_registry.report_download',
    villageCode: code,
    subject: `civil_registry_report:${report.id}`,
    detail: { number: report.number, rows: report.total, masked: !full },
  });
  return { bytes, name: reportFileName(code, report.number) };
}
