import ExcelJS from 'exceljs';
import { sql, type Kysely, type Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { todayInWib } from '../../platform/format/format.js';
import type { Database } from '../../platform/db/schema.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { villageInScope } from '../villages/index.js';
import { daysOf, isWorkday, parseMonth } from './clock.js';
import { officialsOf, type Official } from './officials.js';
import { settingsOf, type AttendanceSettings } from './settings.service.js';
import { ATTENDANCE_TEXT } from './views/attendance-text.js';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * The monthly recap per official (issue 18): days present, late (checked in after the
 * village's start time), left early (checked out before its end time), days without a
 * check-out, and workdays absent. Workdays are Monday to Friday; public holidays and leave are
 * not known to Balai yet, so they count as absent (the secretary notes them on the print-out).
 * A day counts as absent only once it is over: today never does. Times are compared with the
 * office hours set now. Worked out from the month's entries when asked: ~25 officials × 31 days
 * is small (bench/attendance.bench.ts), so there is nothing to keep and nothing to run off the request.
 */
export interface RecapRow { official: Official; present: number; late: number; early: number; noOut: number; absent: number }
interface Counts { user_id: number; present: number; late: number; early: number; no_out: number; present_past_workdays: number }

/**
 * Counted by the database, one row per official: the month's entries never leave it (on the
 * embedded database, sending ~1,000 rows to the program cost more than counting them; measured).
 * Times are compared to the minute shown on the pages: 08.00 is on time when the day starts at 08.00.
 */
async function countsOf(db: Q, village: string, month: string, today: string, settings: Pick<AttendanceSettings, 'start_time' | 'end_time'>) {
  const days = daysOf(month);
  const r = await sql<Counts>`
    with effective as (
      select distinct on (user_id, day, kind) user_id, day, kind, date_trunc('minute', at at time zone 'Asia/Jakarta')::time as t
      from attendance_entries where village_code = ${village} and day >= ${days[0]!}::date and day <= ${days.at(-1)!}::date
      order by user_id, day, kind, (source = 'correction') desc, id desc
    ), per_day as (
      select user_id, day, max(t) filter (where kind = 'in') as t_in, max(t) filter (where kind = 'out') as t_out,
        bool_or(kind = 'in') as came, bool_or(kind = 'out') as left_office
      from effective group by user_id, day
    )
    select user_id,
      (count(*) filter (where came))::int as present,
      (count(*) filter (where t_in > ${settings.start_time}::time))::int as late,
      (count(*) filter (where t_out < ${settings.end_time}::time))::int as early,
      (count(*) filter (where came and not left_office and day < ${today}::date))::int as no_out,
      (count(*) filter (where came and day < ${today}::date and extract(isodow from day) between 1 and 5))::int as present_past_workdays
    from per_day group by user_id`.execute(db);
  return new Map(r.rows.map((c) => [Number(c.user_id), c]));
}

export function recapOf(officials: Official[], counts: Map<number, Counts>, month: string, today: string) {
  const days = daysOf(month);
  const workdays = days.filter((d) => d < today && isWorkday(d)).length;
  const rows: RecapRow[] = officials.map((official) => {
    const c = counts.get(official.id);
    return { official, present: c?.present ?? 0, late: c?.late ?? 0, early: c?.early ?? 0, noOut: c?.no_out ?? 0, absent: workdays - (c?.present_past_workdays ?? 0) };
  });
  return { days, workdays, rows };
}

export async function monthlyRecap(ctx: UseCaseContext, villageInput: string, monthInput: string | undefined) {
  const village = await villageInScope(ctx, villageInput, 'attendance.manage');
  const code = village.village_code;
  const today = todayInWib();
  const month = monthInput ? parseMonth(monthInput, 'bulan') : today.slice(0, 7);
  const db = ctx.db.kysely;
  const [officials, settings] = await Promise.all([officialsOf(db, code, ctx.lang), settingsOf(db, code)]);
  const counts = await countsOf(db, code, month, today, settings);
  return { village, month, today, settings, ...recapOf(officials, counts, month, today) };
}
export type MonthlyRecap = Awaited<ReturnType<typeof monthlyRecap>>;

/** The recap as a workbook, numbers as numbers; the export is written to the audit log. */
export async function recapWorkbook(ctx: UseCaseContext, recap: MonthlyRecap, lang: Lang): Promise<Buffer> {
  const w = ATTENDANCE_TEXT[lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Balai';
  const ws = wb.addWorksheet(`${w.recap} ${recap.month}`);
  ws.addRow([`${w.recap} · ${recap.village.name} · ${recap.month}`]).font = { bold: true, size: 13 };
  ws.addRow([w.hours, `${recap.settings.start_time}–${recap.settings.end_time}`, w.workdays, recap.workdays]);
  ws.addRow([]);
  const head = ws.addRow([w.official, w.position, w.present, w.late, w.early, w.noOut, w.absent]);
  head.font = { bold: true };
  for (const r of recap.rows) ws.addRow([r.official.full_name, r.official.position, r.present, r.late, r.early, r.noOut, r.absent]);
  ws.getColumn(1).width = 28;
  ws.getColumn(2).width = 22;
  ws.views = [{ state: 'frozen', ySplit: head.number }];
  await recordAudit(ctx.db.kysely, ctx, { action: 'attendance.export', villageCode: recap.village.village_code, subject: `village:${recap.village.village_code}`, detail: { month: recap.month, officials: recap.rows.length } });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
