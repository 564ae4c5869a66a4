import { createRoute, z } from '@hono/zod-openapi';
import { access } from '../../platform/access/route-access.js';
import { IdPathParam } from '../../platform/http/id-param.js';
import { jsonSafe } from '../../platform/http/json-safe.js';
import { errorResponse, jsonResponse } from '../../platform/http/openapi.js';
import type { Router } from '../../platform/http/router.js';
import { todayInWib } from '../../platform/format/format.js';
import { RegionCodeParam } from '../regions/regions.schema.js';
import { getBudget, getPublicBudget, listVillageBudgets } from './budget.service.js';
import { realisationReport } from './realisation.service.js';

const tags = ['APBDes'];
const errors = { 400: errorResponse('Bad input, naming the field'), 401: errorResponse('Not logged in'), 403: errorResponse('Outside your village'), 404: errorResponse('Not found') };
const Any = z.record(z.string(), z.unknown());
const base = '/api/v1/villages/{code}';
const read = [access({ permission: 'budget.read', scope: 'village' })];
const YearQuery = z.object({ tahun: z.string().max(4).optional().openapi({ example: '2026' }) });

/**
 * The village budget for other systems (read-only; the pages write). Money is whole rupiah as
 * a string, never a floating-point number.
 */
export function registerBudgetRoutes(app: Router) {
  app.openapi(createRoute({ middleware: read, method: 'get', path: `${base}/budgets`, tags, summary: 'The village\'s budgets (APBDes), every version, with income and spending', request: { params: RegionCodeParam }, responses: { 200: jsonResponse(Any, 'Budgets'), ...errors } }), async (c) => {
    const v = await listVillageBudgets(c.get('ctx'), c.req.valid('param').code);
    return c.json({ data: jsonSafe(v.budgets) as unknown[] }, 200);
  });
  app.openapi(createRoute({ middleware: read, method: 'get', path: `${base}/budgets/{id}`, tags, summary: 'One budget version: its lines and totals', request: { params: RegionCodeParam.extend({ id: IdPathParam }) }, responses: { 200: jsonResponse(Any, 'The budget'), ...errors } }), async (c) => {
    const { code, id } = c.req.valid('param');
    const v = await getBudget(c.get('ctx'), code, id);
    const t = v.totals;
    return c.json({ data: jsonSafe({
      budget: v.budget, lines: v.lines,
      totals: { income: t.income, spending: t.spending, financing_receipts: t.financingReceipts, financing_expenses: t.financingExpenses, surplus: t.surplus, net_financing: t.netFinancing, remainder: t.remainder },
      blt: v.blt && { blt: v.blt.blt, dana_desa: v.blt.dd, cap_percent: v.blt.percent, cap: v.blt.limit, over: v.blt.over },
    }) as Record<string, unknown> }, 200);
  });
  app.openapi(createRoute({ middleware: read, method: 'get', path: `${base}/realisation`, tags, summary: 'The realisation report of a year (?tahun, ?periode=s1 for the first semester): budget and realised per account and activity', request: { params: RegionCodeParam, query: YearQuery.extend({ periode: z.enum(['s1', 'year']).optional() }) }, responses: { 200: jsonResponse(Any, 'The report'), ...errors } }), async (c) => {
    const q = c.req.valid('query');
    const r = await realisationReport(c.get('ctx'), c.req.valid('param').code, q.tahun, q.periode, todayInWib());
    const rows = (list: typeof r.income) => list.map((x) => ({ code: x.key, name: x.name, level: x.level, budget: x.budget, realised: x.realised, left: x.left }));
    return c.json({ data: jsonSafe({
      year: r.year, period: r.period, up_to: r.upTo, budget_in_force: r.inForce && { id: r.inForce.id, version: r.inForce.version },
      income: rows(r.income), spending: rows(r.spending), financing: rows(r.financing),
      totals: { income: { budget: r.totals.planned.income, realised: r.totals.actual.income }, spending: { budget: r.totals.planned.spending, realised: r.totals.actual.spending } },
    }) as Record<string, unknown> }, 200);
  });
  app.openapi(createRoute({ middleware: [access('public')], method: 'get', path: `/api/v1/public/villages/{code}/budget`, tags, summary: 'The budget in force for everyone (no personal data): income by source and spending by bidang, budgeted and realised', request: { params: RegionCodeParam, query: YearQuery }, responses: { 200: jsonResponse(Any, 'The public budget'), ...errors } }), async (c) => {
    const v = await getPublicBudget(c.get('ctx'), c.req.valid('param').code, c.req.valid('query').tahun);
    return c.json({ data: jsonSafe({
      village: { code: v.village.village_code, name: v.village.name }, years: v.years,
      budget: v.budget && { year: v.budget.year, version: v.budget.version, regulation_number: v.budget.regulation_number, regulation_date: v.budget.regulation_date },
      totals: v.totals && { income: v.totals.income, spending: v.totals.spending, net_financing: v.totals.netFinancing },
      realised: v.realised && { income: v.realised.income, spending: v.realised.spending },
      income_by_source: v.incomeByFund, spending_by_field: v.spendingByField,
    }) as Record<string, unknown> }, 200);
  });
}
