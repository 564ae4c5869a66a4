import type { UseCaseContext } from '../../platform/context.js';
import { badRequest } from '../../platform/http/errors.js';
import { monitoringScope, today } from './monitoring.common.js';
import * as repo from './monitoring.repository.js';
import { LATE_POINTS } from '../projects/index.js';

/**
 * The village budgets of a region (issue 13, item 9): per child region, how many activated
 * villages have adopted the year's APBDes, its total and how much of it was realised; per
 * village (a district, or drilled down), the adoption dates of the RKPDes and the APBDes and
 * the last entry. From the
 * rollup the adoption and every posting write in their own transaction: live, no sync step.
 */
export async function budgetDashboard(ctx: UseCaseContext, input: string, yearInput: string | undefined) {
  const scope = await monitoringScope(ctx, input);
  const year = yearInput === undefined || yearInput === '' ? Number(today().slice(0, 4)) : Number(yearInput);
  if (!/^\d{4}$/.test(String(year)) || year < 2000 || year > 2100) throw badRequest('budget.year', 'tahun');
  const db = ctx.db.kysely;
  const L = scope.childLength ?? scope.code.length;
  const day = today();
  const [children, activated, budgets, plans, projects, villageProjects, villages] = await Promise.all([
    scope.childLength ? repo.regionChildren(db, scope.code) : Promise.resolve([]),
    repo.activatedByChild(db, scope.code, L),
    repo.budgetsByChild(db, scope.code, L, year),
    repo.plansByChild(db, scope.code, L, year),
    repo.projectsByChild(db, scope.code, L, year, day, LATE_POINTS),
    scope.level >= 3 ? repo.projectsByChild(db, scope.code, 13, year, day, LATE_POINTS) : Promise.resolve([]),
    // The list of villages: a district's (about 10–30), or the one village.
    scope.level >= 3 ? repo.villageBudgets(db, scope.code, year) : Promise.resolve([]),
  ]);
  const on = new Map(activated.map((r) => [r.child, r.activated]));
  const b = new Map(budgets.map((r) => [r.child, r]));
  const p = new Map(plans.map((r) => [r.child, r]));
  const pr = new Map(projects.map((r) => [r.child, r]));
  const vp = new Map(villageProjects.map((r) => [r.child, r]));
  const money = (x: string | null | undefined) => BigInt(x ?? '0');
  const rows = children.map((c) => {
    const r = b.get(c.code);
    return {
      code: c.code, name: c.name, kind: c.kind, activated: on.get(c.code) ?? 0, adopted: r?.villages ?? 0, rkpdes: p.get(c.code)?.villages ?? 0, rkpdesOnTime: p.get(c.code)?.on_time ?? 0,
      projects: pr.get(c.code)?.projects ?? 0, lateProjects: pr.get(c.code)?.late ?? 0,
      income: money(r?.income), spending: money(r?.spending), realisedIncome: money(r?.realised_income), realisedSpending: money(r?.realised_spending),
    };
  });
  const sum = (f: (r: (typeof budgets)[number]) => string) => budgets.reduce((s, r) => s + money(f(r)), 0n);
  return {
    // The RKPDes of the year is due by 30 September of the year before.
    scope, year, rows, rkpdesDeadline: `${year - 1}-09-30`,
    totals: {
      activated: activated.reduce((n, r) => n + r.activated, 0),
      adopted: budgets.reduce((n, r) => n + r.villages, 0),
      rkpdes: plans.reduce((n, r) => n + r.villages, 0),
      rkpdesOnTime: plans.reduce((n, r) => n + r.on_time, 0),
      projects: projects.reduce((n, r) => n + r.projects, 0),
      lateProjects: projects.reduce((n, r) => n + r.late, 0),
      income: sum((r) => r.income), spending: sum((r) => r.spending),
      realisedIncome: sum((r) => r.realised_income), realisedSpending: sum((r) => r.realised_spending),
    },
    villages: villages.map((v) => ({ ...v, projects: vp.get(v.village_code)?.projects ?? 0, lateProjects: vp.get(v.village_code)?.late ?? 0, spending: v.spending === null ? null : money(v.spending), realisedSpending: money(v.realised_spending), income: money(v.income), realisedIncome: money(v.realised_income) })),
  };
}
export type BudgetDashboard = Awaited<ReturnType<typeof budgetDashboard>>;
