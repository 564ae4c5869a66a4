import { sql } from 'kysely';
import type { UseCaseContext } from '../../platform/context.js';
import type { RegionKind } from '../../platform/db/schema.js';
import { parseFigureYear } from '../farmers/figures.service.js';
import { monitoringScope } from '../monitoring/monitoring.common.js';
import { activatedByChild, child, regionChildren, within } from '../monitoring/monitoring.repository.js';

/**
 * The village office's incoming mail for a village, district, regency or province: per child
 * region in a year, the letters received, the routings made and done, and done after their due
 * day — from the rollup the use cases write (monitoring_mail): live, no sender, no subject.
 */
export interface MailFigureRow { code: string; name: string; kind: RegionKind | 'nasional'; activated: number; received: number; routed: number; done: number; doneLate: number }

export async function mailDashboard(ctx: UseCaseContext, regionCode: string, yearInput: string | undefined) {
  const scope = await monitoringScope(ctx, regionCode);
  const year = parseFigureYear(yearInput);
  const db = ctx.db.kysely;
  const L = scope.childLength ?? scope.code.length;
  const [children, activated, mail] = await Promise.all([
    scope.level === 4 ? Promise.resolve([{ code: scope.code, name: scope.name, kind: scope.kind }]) : regionChildren(db, scope.code),
    activatedByChild(db, scope.code, L),
    sql<{ child: string; received: number; routed: number; done: number; done_late: number }>`
      select ${child('village_code', L)} as child, sum(received)::int as received, sum(routed)::int as routed, sum(done)::int as done, sum(done_late)::int as done_late
      from monitoring_mail where month >= ${`${year}-01-01`}::date and month < ${`${year + 1}-01-01`}::date and ${within('village_code', scope.code)} group by 1`.execute(db),
  ]);
  const on = new Map(activated.map((r) => [r.child, r.activated]));
  const rows: MailFigureRow[] = children.map((c) => {
    const m = mail.rows.find((r) => r.child === c.code);
    return { code: c.code, name: c.name, kind: c.kind, activated: on.get(c.code) ?? 0, received: m?.received ?? 0, routed: m?.routed ?? 0, done: m?.done ?? 0, doneLate: m?.done_late ?? 0 };
  });
  const sum = (k: 'activated' | 'received' | 'routed' | 'done' | 'doneLate') => rows.reduce((n, r) => n + r[k], 0);
  return { scope, year, rows, totals: { activated: sum('activated'), received: sum('received'), routed: sum('routed'), done: sum('done'), doneLate: sum('doneLate') } };
}
export type MailDashboard = Awaited<ReturnType<typeof mailDashboard>>;
