import type { Kysely } from 'kysely';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database, RegionKind } from '../../platform/db/schema.js';
import { monitoringScope, type Scope } from './monitoring.common.js';
import { activatedByChild, regionChildren } from './monitoring.repository.js';

/**
 * The shape the Pantau figure pages share: per child region of the scope (a village: itself),
 * its activated villages and what the page counts for it from its rollup, and the totals of
 * those counts. A page gives only its own queries (`count`), which return, once they have run,
 * the row of one child.
 */

export interface ChildRegion {
  code: string;
  name: string;
  kind: RegionKind | 'nasional';
  activated: number;
}

export type FigureScope = Awaited<ReturnType<typeof monitoringScope>>;

export async function figuresByChild<R extends object>(
  ctx: UseCaseContext,
  regionCode: string,
  count: (db: Kysely<Database>, scope: Scope, childLength: number) => Promise<(child: ChildRegion) => R>,
): Promise<{ scope: FigureScope; rows: (ChildRegion & R)[] }> {
  const scope = await monitoringScope(ctx, regionCode);
  const db = ctx.db.kysely;
  const L = scope.childLength ?? scope.code.length;
  const [children, activated, rowOf] = await Promise.all([
    scope.level === 4 ? Promise.resolve([{ code: scope.code, name: scope.name, kind: scope.kind }]) : regionChildren(db, scope.code),
    activatedByChild(db, scope.code, L),
    count(db, scope, L),
  ]);
  const on = new Map(activated.map((r) => [r.child, r.activated]));
  const rows = children.map((c) => {
    const region: ChildRegion = { code: c.code, name: c.name, kind: c.kind, activated: on.get(c.code) ?? 0 };
    return { ...region, ...rowOf(region) };
  });
  return { scope, rows };
}

/** Rows of a rollup query by their `child` column. */
export const byChild = <T extends { child: string }>(rows: readonly T[]): Map<string, T> => new Map(rows.map((r) => [r.child, r]));

/**
 * The totals of the columns `zero` names (its values the starting zeros: 0 or 0n). Rupiah are
 * summed as bigint so a province's total equals the sum of its rows exactly.
 */
export function totalsOf<T extends Record<string, number | bigint>>(rows: readonly NoInfer<T>[], zero: T): T {
  const out: Record<string, number | bigint> = { ...zero };
  for (const r of rows) {
    for (const k of Object.keys(zero)) {
      const v = r[k]!;
      out[k] = typeof v === 'bigint' ? (out[k] as bigint) + v : (out[k] as number) + v;
    }
  }
  return out as T;
}
