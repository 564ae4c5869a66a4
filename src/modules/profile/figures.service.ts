import { sql } from 'kysely';
import type { UseCaseContext } from '../../platform/context.js';
import type { RegionKind } from '../../platform/db/schema.js';
import { monitoringScope } from '../monitoring/monitoring.common.js';
import { activatedByChild, child, regionChildren, within } from '../monitoring/monitoring.repository.js';
import { MANUAL_KEYS } from './catalog.js';
import { profileYear } from './profile.service.js';

/**
 * For a district, regency or province (and a village itself): per child region the activated
 * villages, those that started typing their profile for the year and those whose items to type
 * are all filled. From the rollup the saves write (monitoring_village_profile): counts only.
 * "Complete" is judged against today's catalogue, so an item added later makes a village
 * incomplete again until it types it.
 */
export interface ProfileFigureRow { code: string; name: string; kind: RegionKind | 'nasional'; activated: number; started: number; complete: number }

export async function profileDashboard(ctx: UseCaseContext, regionCode: string, yearInput: string | undefined) {
  const scope = await monitoringScope(ctx, regionCode);
  const year = profileYear(yearInput);
  const db = ctx.db.kysely;
  const L = scope.childLength ?? scope.code.length;
  const [children, activated, counts] = await Promise.all([
    scope.level === 4 ? Promise.resolve([{ code: scope.code, name: scope.name, kind: scope.kind }]) : regionChildren(db, scope.code),
    activatedByChild(db, scope.code, L),
    sql<{ child: string; started: number; complete: number }>`
      select ${child('village_code', L)} as child, count(*) filter (where filled > 0)::int as started,
        count(*) filter (where filled >= ${MANUAL_KEYS.length})::int as complete
      from monitoring_village_profile where ${within('village_code', scope.code)} and year = ${year} group by 1`.execute(db),
  ]);
  const on = new Map(activated.map((r) => [r.child, r.activated]));
  const rows: ProfileFigureRow[] = children.map((c) => {
    const m = counts.rows.find((r) => r.child === c.code);
    return { code: c.code, name: c.name, kind: c.kind, activated: on.get(c.code) ?? 0, started: m?.started ?? 0, complete: m?.complete ?? 0 };
  });
  const sum = (k: 'activated' | 'started' | 'complete') => rows.reduce((n, r) => n + r[k], 0);
  return { scope, year, items: MANUAL_KEYS.length, rows, totals: { activated: sum('activated'), started: sum('started'), complete: sum('complete') } };
}
export type ProfileDashboard = Awaited<ReturnType<typeof profileDashboard>>;
