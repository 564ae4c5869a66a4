import { sql } from 'kysely';
import type { UseCaseContext } from '../../platform/context.js';
import type { RegionKind } from '../../platform/db/schema.js';
import { todayInWib } from '../../platform/format/format.js';
import { monitoringScope } from '../monitoring/monitoring.common.js';
import { activatedByChild, child, regionChildren, within } from '../monitoring/monitoring.repository.js';
import { daysOf, isWorkday, parseMonth } from './clock.js';
import { VILLAGE_ROLES } from './officials.js';

/**
 * Attendance and guests for a district, regency or province (and a village's own row): per
 * child region the officials (active village accounts), those present today, the month's
 * attendance rate (present official-days on workdays that are over, against officials ×
 * those workdays) and the month's guests. Counts only, from monitoring_attendance.
 */
export interface AttendanceFigureRow {
  code: string; name: string; kind: RegionKind | 'nasional'; activated: number;
  officials: number; presentToday: number; presentDays: number; guests: number; rate: number | null;
}

export async function attendanceDashboard(ctx: UseCaseContext, regionCode: string, monthInput: string | undefined) {
  const scope = await monitoringScope(ctx, regionCode);
  const today = todayInWib();
  const month = monthInput ? parseMonth(monthInput, 'bulan') : today.slice(0, 7);
  const days = daysOf(month);
  const workdays = days.filter((d) => d < today && isWorkday(d)).length;
  const db = ctx.db.kysely;
  const L = scope.childLength ?? scope.code.length;
  const [children, activated, officials, counts] = await Promise.all([
    scope.level === 4 ? Promise.resolve([{ code: scope.code, name: scope.name, kind: scope.kind }]) : regionChildren(db, scope.code),
    activatedByChild(db, scope.code, L),
    sql<{ child: string; n: number }>`
      select ${child('region_code', L)} as child, count(*)::int as n from users
      where active and role in (${sql.join(VILLAGE_ROLES)}) and ${within('region_code', scope.code)} group by 1`.execute(db),
    sql<{ child: string; today: number; days: number; guests: number }>`
      select ${child('village_code', L)} as child,
        coalesce(sum(present) filter (where day = ${today}::date), 0)::int as today,
        coalesce(sum(present) filter (where day < ${today}::date and extract(isodow from day) between 1 and 5), 0)::int as days,
        coalesce(sum(guests), 0)::int as guests
      from monitoring_attendance where day >= ${days[0]!}::date and day <= ${days.at(-1)!}::date and ${within('village_code', scope.code)} group by 1`.execute(db),
  ]);
  const on = new Map(activated.map((r) => [r.child, r.activated]));
  const rateOf = (presentDays: number, n: number) => (n > 0 && workdays > 0 ? Math.round((presentDays * 1000) / (n * workdays)) / 10 : null);
  const rows: AttendanceFigureRow[] = children.map((c) => {
    const n = officials.rows.find((r) => r.child === c.code)?.n ?? 0;
    const k = counts.rows.find((r) => r.child === c.code);
    const presentDays = k?.days ?? 0;
    return { code: c.code, name: c.name, kind: c.kind, activated: on.get(c.code) ?? 0, officials: n, presentToday: k?.today ?? 0, presentDays, guests: k?.guests ?? 0, rate: rateOf(presentDays, n) };
  });
  const sum = (k: 'activated' | 'officials' | 'presentToday' | 'presentDays' | 'guests') => rows.reduce((n, r) => n + r[k], 0);
  const totals = { activated: sum('activated'), officials: sum('officials'), presentToday: sum('presentToday'), presentDays: sum('presentDays'), guests: sum('guests'), rate: rateOf(sum('presentDays'), sum('officials')) };
  return { scope, month, today, workdays, rows, totals };
}
export type AttendanceDashboard = Awaited<ReturnType<typeof attendanceDashboard>>;
