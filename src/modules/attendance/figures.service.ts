import { sql } from 'kysely';
import type { UseCaseContext } from '../../platform/context.js';
import { todayInWib } from '../../platform/format/format.js';
import { child, within } from '../monitoring/monitoring.repository.js';
import { byChild, figuresByChild, totalsOf, type ChildRegion } from '../monitoring/region-figures.js';
import { daysOf, isWorkday, parseMonth } from './clock.js';
import { VILLAGE_ROLES } from './officials.js';

/**
 * Attendance and guests for a district, regency or province (and a village's own row): per
 * child region the officials (active village accounts), those present today, the month's
 * attendance rate (present official-days on workdays that are over, against officials ×
 * those workdays) and the month's guests. Counts only, from monitoring_attendance.
 */
export interface AttendanceFigureRow extends ChildRegion {
  officials: number; presentToday: number; presentDays: number; guests: number; rate: number | null;
}

export async function attendanceDashboard(ctx: UseCaseContext, regionCode: string, monthInput: string | undefined) {
  const today = todayInWib();
  const month = monthInput ? parseMonth(monthInput, 'bulan') : today.slice(0, 7);
  const days = daysOf(month);
  const workdays = days.filter((d) => d < today && isWorkday(d)).length;
  const rateOf = (presentDays: number, n: number) => (n > 0 && workdays > 0 ? Math.round((presentDays * 1000) / (n * workdays)) / 10 : null);
  const { scope, rows } = await figuresByChild(ctx, regionCode, async (db, scope, L) => {
    const [officials, counts] = await Promise.all([
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
    const staff = byChild(officials.rows);
    const attendance = byChild(counts.rows);
    return (c) => {
      const n = staff.get(c.code)?.n ?? 0;
      const k = attendance.get(c.code);
      const presentDays = k?.days ?? 0;
      return { officials: n, presentToday: k?.today ?? 0, presentDays, guests: k?.guests ?? 0, rate: rateOf(presentDays, n) };
    };
  });
  const sums = totalsOf(rows, { activated: 0, officials: 0, presentToday: 0, presentDays: 0, guests: 0 });
  return { scope, month, today, workdays, rows: rows as AttendanceFigureRow[], totals: { ...sums, rate: rateOf(sums.presentDays, sums.officials) } };
}
export type AttendanceDashboard = Awaited<ReturnType<typeof attendanceDashboard>>;
