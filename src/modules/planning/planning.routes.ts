import { createRoute, z } from '@hono/zod-openapi';
import { access } from '../../platform/access/route-access.js';
import { IdPathParam } from '../../platform/http/id-param.js';
import { jsonSafe } from '../../platform/http/json-safe.js';
import { errorResponse, jsonResponse } from '../../platform/http/openapi.js';
import type { Router } from '../../platform/http/router.js';
import { todayInWib } from '../../platform/format/format.js';
import { RegionCodeParam } from '../regions/regions.schema.js';
import { deliberationOverview, getMeeting } from './deliberation.service.js';
import { getPlan, listVillagePlans } from './plan.service.js';

const tags = ['Perencanaan'];
const errors = { 400: errorResponse('Bad input, naming the field'), 401: errorResponse('Not logged in'), 403: errorResponse('Outside your village'), 404: errorResponse('Not found') };
const Any = z.record(z.string(), z.unknown());
const base = '/api/v1/villages/{code}';
const read = [access({ permission: 'planning.read', scope: 'village' })];
const IdParams = RegionCodeParam.extend({ id: IdPathParam });

/** Village plans, proposals and meetings for other systems (read-only; the pages write). Money as whole-rupiah strings. */
export function registerPlanningRoutes(app: Router) {
  app.openapi(createRoute({ middleware: read, method: 'get', path: `${base}/plans`, tags, summary: 'The village\'s RPJMDes and RKPDes, every version, and whether next year\'s RKPDes is late', request: { params: RegionCodeParam }, responses: { 200: jsonResponse(Any, 'Plans'), ...errors } }), async (c) => {
    const v = await listVillagePlans(c.get('ctx'), c.req.valid('param').code, todayInWib());
    return c.json({ data: jsonSafe({ plans: v.plans, late_rkpdes: v.late }) as Record<string, unknown> }, 200);
  });
  app.openapi(createRoute({ middleware: read, method: 'get', path: `${base}/plans/{id}`, tags, summary: 'One plan with its activities and, for an RKPDes, the Musdes priority list', request: { params: IdParams }, responses: { 200: jsonResponse(Any, 'The plan'), ...errors } }), async (c) => {
    const { code, id } = c.req.valid('param');
    const v = await getPlan(c.get('ctx'), code, id);
    return c.json({ data: jsonSafe({ plan: v.plan, activities: v.items, total: v.total, per_year: v.byYear, priority: v.priority }) as Record<string, unknown> }, 200);
  });
  app.openapi(createRoute({ middleware: read, method: 'get', path: `${base}/proposals`, tags, summary: 'The proposals for a year\'s RKPDes (?tahun) with their Musdes rank, and the village\'s meetings', request: { params: RegionCodeParam, query: z.object({ tahun: z.string().max(4).optional() }) }, responses: { 200: jsonResponse(Any, 'Proposals and meetings'), ...errors } }), async (c) => {
    const v = await deliberationOverview(c.get('ctx'), c.req.valid('param').code, c.req.valid('query').tahun, todayInWib());
    return c.json({ data: jsonSafe({ year: v.year, proposals: v.proposals, meetings: v.meetings }) as Record<string, unknown> }, 200);
  });
  app.openapi(createRoute({ middleware: read, method: 'get', path: `${base}/meetings/{id}`, tags, summary: 'One meeting: attendance (NIK masked), scores, minutes and ranks', request: { params: IdParams }, responses: { 200: jsonResponse(Any, 'The meeting'), ...errors } }), async (c) => {
    const { code, id } = c.req.valid('param');
    const v = await getMeeting(c.get('ctx'), code, id);
    return c.json({ data: jsonSafe({ meeting: v.meeting, attendees: v.attendees, proposals: v.proposals }) as Record<string, unknown> }, 200);
  });
}
