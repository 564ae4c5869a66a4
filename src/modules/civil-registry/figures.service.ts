import type { UseCaseContext } from '../../platform/context.js';
import type { RegionKind } from '../../platform/db/schema.js';
import { todayInWib } from '../../platform/format/format.js';
import { addDays, monitoringScope } from '../monitoring/monitoring.common.js';
import { activatedByChild, regionChildren, within } from '../monitoring/monitoring.repository.js';
import { reportsByChild } from './civil-registry.repository.js';

/**
 * The villages' reports to the civil registry for a village, district, regency or province: per
 * child region, the activated villages, those that ever reported through Balai, those whose last
 * report is at most 30 days old, and the latest report's day — from the rollup the reports write
 * (monitoring_civil_registry): one row per village, never a report or a resident.
 */
export interface ReportFigureRow { code: string; name: string; kind: RegionKind | 'nasional'; activated: number; reported: number; recent: number; latest: string | null }

export async function reportFigures(ctx: UseCaseContext, regionCode: string) {
  const scope = await monitoringScope(ctx, regionCode);
  const db = ctx.db.kysely;
  const L = scope.childLength ?? scope.code.length;
  const recentFrom = addDays(todayInWib(), -30);
  const [children, activated, reports] = await Promise.all([
    scope.level === 4 ? Promise.resolve([{ code: scope.code, name: scope.name, kind: scope.kind }]) : regionChildren(db, scope.code),
    activatedByChild(db, scope.code, L),
    reportsByChild(db, within('village_code', scope.code), L, recentFrom),
  ]);
  const on = new Map(activated.map((r) => [r.child, r.activated]));
  const rows: ReportFigureRow[] = children.map((c) => {
    const m = reports.find((r) => r.child === c.code);
    return { code: c.code, name: c.name, kind: c.kind, activated: on.get(c.code) ?? 0, reported: m?.reported ?? 0, recent: m?.recent ?? 0, latest: m?.latest ?? null };
  });
  const sum = (k: 'activated' | 'reported' | 'recent') => rows.reduce((n, r) => n + r[k], 0);
  const latest = rows.reduce<string | null>((a, r) => (r.latest && (!a || r.latest > a) ? r.latest : a), null);
  return { scope, rows, recentFrom, totals: { activated: sum('activated'), reported: sum('reported'), recent: sum('recent'), latest } };
}
export type ReportFigures = Awaited<ReturnType<typeof reportFigures>>;
