import type { UseCaseContext } from '../../platform/context.js';
import type { IndexStatus } from '../../platform/db/schema.js';
import { notFound } from '../../platform/http/errors.js';
import { findRegion, parseRegionCodeOrFail } from '../regions/index.js';
import { modelDefinition, STATUSES } from './index-models.js';
import { monthsBetween, today, type RegionRef } from './monitoring.common.js';
import * as repo from './monitoring.repository.js';

/**
 * The public page of a province, regency or district: how many villages use Balai and the
 * status of the village index. Counts of villages only — nothing about people — so it needs
 * no login and a proxy may keep it for a few minutes.
 */
export async function publicRegionFigures(ctx: UseCaseContext, input: string) {
  const code = parseRegionCodeOrFail(input);
  const region = await findRegion(ctx.db.kysely, code);
  if (!region) throw notFound('region.not_found', { code });
  const db = ctx.db.kysely;
  // A village stands for itself (its page is /publik/desa; the API answers its two figures).
  const L = region.level === 4 ? code.length : code.length + 3;
  const [children, villages, activated, perMonth, years] = await Promise.all([
    repo.regionChildren(db, code),
    repo.villagesByChild(db, code, L),
    repo.activatedByChild(db, code, L),
    repo.activationsPerMonth(db, code),
    repo.indexYears(db, code, 'idm'),
  ]);
  const year = years[0]?.year ?? null;
  const counts = year ? await repo.statusCounts(db, code, L, 'idm', [year]) : [];
  const v = new Map(villages.map((r) => [r.child, r.villages]));
  const a = new Map(activated.map((r) => [r.child, r]));
  const zero = (): Record<IndexStatus, number> => ({ sangat_tertinggal: 0, tertinggal: 0, berkembang: 0, maju: 0, mandiri: 0 });
  const statuses = zero();
  for (const r of counts) statuses[r.status] += r.villages;
  let cumulative = 0;
  const m = new Map(perMonth.map((r) => [r.month, r.target + r.initiative]));
  const timeline = perMonth.length
    ? monthsBetween(`${perMonth[0]!.month}-01`, today()).map((month) => ({ month, total: (cumulative += m.get(month) ?? 0) }))
    : [];
  const self: RegionRef = { code: region.code, name: region.name, kind: region.kind, level: region.level as RegionRef['level'] };
  return {
    region: self,
    today: today(),
    totals: {
      villages: villages.reduce((n, r) => n + r.villages, 0),
      activated: activated.reduce((n, r) => n + r.activated, 0),
      target: activated.reduce((n, r) => n + r.target, 0),
      initiative: activated.reduce((n, r) => n + r.initiative, 0),
    },
    timeline,
    children: children.map((c) => {
      const s = zero();
      for (const r of counts) if (r.child === c.code) s[r.status] += r.villages;
      return { code: c.code, name: c.name, kind: c.kind, villages: v.get(c.code) ?? 0, activated: a.get(c.code)?.activated ?? 0, statuses: s };
    }),
    index: { model: 'idm' as const, label: modelDefinition('idm').label, year, statuses, scored: STATUSES.reduce((n, s) => n + statuses[s], 0) },
  };
}
export type PublicRegionFigures = Awaited<ReturnType<typeof publicRegionFigures>>;
