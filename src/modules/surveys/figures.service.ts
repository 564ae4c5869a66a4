import { sql } from 'kysely';
import type { UseCaseContext } from '../../platform/context.js';
import { child, within } from '../monitoring/monitoring.repository.js';
import { byChild, figuresByChild, totalsOf, type ChildRegion } from '../monitoring/region-figures.js';

/**
 * The villages' questionnaires for a village, district, regency or province: per child region,
 * the villages that built one, the questionnaires, those open now, the responses and the complete
 * ones — from the rollup the use cases write (monitoring_surveys): counts, never an answer or a name.
 */
const ZERO = { villages: 0, questionnaires: 0, open: 0, responses: 0, complete: 0 };
export type SurveyFigureRow = ChildRegion & typeof ZERO;

export async function surveyDashboard(ctx: UseCaseContext, regionCode: string) {
  const { scope, rows } = await figuresByChild(ctx, regionCode, async (db, scope, L) => {
    const counts = byChild((await sql<{ child: string } & typeof ZERO>`
      select ${child('village_code', L)} as child, count(*) filter (where questionnaires > 0)::int as villages, sum(questionnaires)::int as questionnaires,
        sum(open)::int as open, sum(responses)::int as responses, sum(complete)::int as complete
      from monitoring_surveys where ${within('village_code', scope.code)} group by 1`.execute(db)).rows);
    return (c) => {
      const m = counts.get(c.code);
      return { villages: m?.villages ?? 0, questionnaires: m?.questionnaires ?? 0, open: m?.open ?? 0, responses: m?.responses ?? 0, complete: m?.complete ?? 0 };
    };
  });
  return { scope, rows: rows as SurveyFigureRow[], totals: totalsOf(rows, { activated: 0, ...ZERO }) };
}
export type SurveyDashboard = Awaited<ReturnType<typeof surveyDashboard>>;
