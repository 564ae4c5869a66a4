import { sql } from 'kysely';
import type { UseCaseContext } from '../../platform/context.js';
import { parseFigureYear } from '../farmers/figures.service.js';
import { child, within } from '../monitoring/monitoring.repository.js';
import { byChild, figuresByChild, totalsOf, type ChildRegion } from '../monitoring/region-figures.js';

/**
 * The village office's incoming mail for a village, district, regency or province: per child
 * region in a year, the letters received, the routings made and done, and done after their due
 * day — from the rollup the use cases write (monitoring_mail): live, no sender, no subject.
 */
export interface MailFigureRow extends ChildRegion { received: number; routed: number; done: number; doneLate: number }

export async function mailDashboard(ctx: UseCaseContext, regionCode: string, yearInput: string | undefined) {
  const year = parseFigureYear(yearInput);
  const { scope, rows } = await figuresByChild(ctx, regionCode, async (db, scope, L) => {
    const mail = byChild((await sql<{ child: string; received: number; routed: number; done: number; done_late: number }>`
      select ${child('village_code', L)} as child, sum(received)::int as received, sum(routed)::int as routed, sum(done)::int as done, sum(done_late)::int as done_late
      from monitoring_mail where month >= ${`${year}-01-01`}::date and month < ${`${year + 1}-01-01`}::date and ${within('village_code', scope.code)} group by 1`.execute(db)).rows);
    return (c) => {
      const m = mail.get(c.code);
      return { received: m?.received ?? 0, routed: m?.routed ?? 0, done: m?.done ?? 0, doneLate: m?.done_late ?? 0 };
    };
  });
  return { scope, year, rows: rows as MailFigureRow[], totals: totalsOf(rows, { activated: 0, received: 0, routed: 0, done: 0, doneLate: 0 }) };
}
export type MailDashboard = Awaited<ReturnType<typeof mailDashboard>>;
