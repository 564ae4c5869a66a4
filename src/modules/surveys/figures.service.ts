import { sql } from 'kysely';
import type { UseCaseContext } from '../../platform/context.js';
import type { RegionKind } from '../../platform/db/schema.js';
import { monitoringScope } from '../monitoring/monitoring.common.js';
import { activatedByChild, child, regionChildren, within } from '../monitoring/monitoring.repository.js';

/**
 * The villages' questionnaires for a village, district, regency or province: per child region,
 * the villages that built one, the questionnaires, those open now, the responses and the complete
 * ones — from the rollup the use cases write (monitoring_surveys): counts, never an answer or a name.
 */
export interface SurveyFigureRow { code: string; name: string; kind: RegionKind | 'nasional'; activated: number; villages: number; questionnaires: number; open: number; responses: number; complete: number }

export async function surveyDashboard(ctx: UseCaseContext, regionCode: string) {
  const scope = await monitoringScope(ctx, regionCode);
  const db = ctx.db.kysely;
  const L = scope.childLength ?? scope.code.length;
  const [children, activated, counts] = await Promise.all([
    scope.level === 4 ? Promise.resolve([{ code: scope.code, name: scope.name, kind: scope.kind }]) : regionChildren(db, scope.code),
    activatedByChild(db, scope.code, L),
    sql<{ child: string; villages: number; questionnaires: number; open: number; responses: number; complete: number }>`
      select ${child('village_code', L)} as child, count(*) filter (where questionnaires > 0)::int as villages, sum(questionnaires)::int as questionnaires,
        sum(open)::int as open, sum(responses)::int as responses, sum(complete)::int as complete
      from monitoring_surveys where ${within('village_code', scope.code)} group by 1`.execute(db),
  ]);
  const on = new Map(activated.map((r) => [r.child, r.activated]));
  const rows: SurveyFigureRow[] = children.map((c) => {
    const m = counts.rows.find((r) => r.child === c.code);
    return { code: c.code, name: c.name, kind: c.kind, activated: on.get(c.code) ?? 0, villages: m?.villages ?? 0, questionnaires: m?.questionnaires ?? 0, open: m?.open ?? 0, responses: m?.responses ?? 0, complete: m?.complete ?? 0 };
  });
  const sum = (k: 'activated' | 'villages' | 'questionnaires' | 'open' | 'responses' | 'complete') => rows.reduce((n, r) => n + r[k], 0);
  return { scope, rows, totals: { activated: sum('activated'), villages: sum('villages'), questionnaires: sum('questionnaires'), open: sum('open'), responses: sum('responses'), complete: sum('complete') } };
}
export type SurveyDashboard = Awaited<ReturnType<typeof surveyDashboard>>;
