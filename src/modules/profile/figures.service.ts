import { sql } from 'kysely';
import type { UseCaseContext } from '../../platform/context.js';
import { child, within } from '../monitoring/monitoring.repository.js';
import { byChild, figuresByChild, totalsOf, type ChildRegion } from '../monitoring/region-figures.js';
import { MANUAL_KEYS } from './catalog.js';
import { profileYear } from './profile.service.js';

/**
 * For a district, regency or province (and a village itself): per child region the activated
 * villages, those that started typing their profile for the year and those whose items to type
 * are all filled. From the rollup the saves write (monitoring_village_profile): counts only.
 * "Complete" is judged against today's catalogue, so an item added later makes a village
 * incomplete again until it types it.
 */
export interface ProfileFigureRow extends ChildRegion { started: number; complete: number }

export async function profileDashboard(ctx: UseCaseContext, regionCode: string, yearInput: string | undefined) {
  const year = profileYear(yearInput);
  const { scope, rows } = await figuresByChild(ctx, regionCode, async (db, scope, L) => {
    const counts = byChild((await sql<{ child: string; started: number; complete: number }>`
      select ${child('village_code', L)} as child, count(*) filter (where filled > 0)::int as started,
        count(*) filter (where filled >= ${MANUAL_KEYS.length})::int as complete
      from monitoring_village_profile where ${within('village_code', scope.code)} and year = ${year} group by 1`.execute(db)).rows);
    return (c) => ({ started: counts.get(c.code)?.started ?? 0, complete: counts.get(c.code)?.complete ?? 0 });
  });
  return { scope, year, items: MANUAL_KEYS.length, rows: rows as ProfileFigureRow[], totals: totalsOf(rows, { activated: 0, started: 0, complete: 0 }) };
}
export type ProfileDashboard = Awaited<ReturnType<typeof profileDashboard>>;
