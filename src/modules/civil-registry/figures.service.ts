import type { UseCaseContext } from '../../platform/context.js';
import { todayInWib } from '../../platform/format/format.js';
import { addDays } from '../monitoring/monitoring.common.js';
import { within } from '../monitoring/monitoring.repository.js';
import { byChild, figuresByChild, totalsOf, type ChildRegion } from '../monitoring/region-figures.js';
import { reportsByChild } from './civil-registry.repository.js';

/**
 * The villages' reports to the civil registry for a village, district, regency or province: per
 * child region, the activated villages, those that ever reported through Balai, those whose last
 * report is at most 30 days old, and the latest report's day — from the rollup the reports write
 * (monitoring_civil_registry): one row per village, never a report or a resident.
 */
export interface ReportFigureRow extends ChildRegion { reported: number; recent: number; latest: string | null }

export async function reportFigures(ctx: UseCaseContext, regionCode: string) {
  const recentFrom = addDays(todayInWib(), -30);
  const { scope, rows } = await figuresByChild(ctx, regionCode, async (db, scope, L) => {
    const reports = byChild(await reportsByChild(db, within('village_code', scope.code), L, recentFrom));
    return (c) => {
      const m = reports.get(c.code);
      return { reported: m?.reported ?? 0, recent: m?.recent ?? 0, latest: m?.latest ?? null };
    };
  });
  const latest = rows.reduce<string | null>((a, r) => (r.latest && (!a || r.latest > a) ? r.latest : a), null);
  return { scope, rows: rows as ReportFigureRow[], recentFrom, totals: { ...totalsOf(rows, { activated: 0, reported: 0, recent: 0 }), latest } };
}
export type ReportFigures = Awaited<ReturnType<typeof reportFigures>>;
