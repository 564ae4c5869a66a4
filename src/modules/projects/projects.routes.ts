import { createRoute, z } from '@hono/zod-openapi';
import { access } from '../../platform/access/route-access.js';
import { IdPathParam } from '../../platform/http/id-param.js';
import { jsonSafe } from '../../platform/http/json-safe.js';
import { errorResponse, jsonResponse } from '../../platform/http/openapi.js';
import type { Router } from '../../platform/http/router.js';
import { todayInWib } from '../../platform/format/format.js';
import { RegionCodeParam } from '../regions/regions.schema.js';
import { getProject, listVillageProjects } from './project.service.js';

const tags = ['Proyek'];
const errors = { 400: errorResponse('Bad input, naming the field'), 401: errorResponse('Not logged in'), 403: errorResponse('Outside your village'), 404: errorResponse('Not found') };
const Any = z.record(z.string(), z.unknown());
const base = '/api/v1/villages/{code}';

/** Development projects for other systems (read-only; the pages write). Photos by URL; money as whole-rupiah strings. */
export function registerProjectRoutes(app: Router) {
  app.openapi(createRoute({ middleware: [access({ permission: 'planning.read', scope: 'village' })], method: 'get', path: `${base}/projects`, tags, summary: 'The year\'s projects (?tahun) with budget, progress, expected progress and whether late', request: { params: RegionCodeParam, query: z.object({ tahun: z.string().max(4).optional() }) }, responses: { 200: jsonResponse(Any, 'Projects'), ...errors } }), async (c) => {
    const v = await listVillageProjects(c.get('ctx'), c.req.valid('param').code, c.req.valid('query').tahun, todayInWib());
    return c.json({ data: jsonSafe({ year: v.year, projects: v.projects }) as Record<string, unknown> }, 200);
  });
  app.openapi(createRoute({ middleware: [access('public')], method: 'get', path: `/api/v1/public/villages/{code}/projects/{id}`, tags, summary: 'One project for everyone: place, budget by fund, schedule, progress reports and their photo URLs', request: { params: RegionCodeParam.extend({ id: IdPathParam }) }, responses: { 200: jsonResponse(Any, 'The project'), ...errors } }), async (c) => {
    const { code, id } = c.req.valid('param');
    const v = await getProject(c.get('ctx'), code, id, todayInWib(), true);
    const photo = (p: number) => `/publik/desa/${v.village.village_code}/proyek/foto/${p}`;
    return c.json({ data: jsonSafe({
      project: v.project, funds: v.funds, budget: v.budget, progress: v.progress, schedule: v.schedule,
      reports: v.reports.map((r) => ({ reported_on: r.reported_on, progress: r.progress, note: r.note, photos: r.photos.map((p) => ({ url: photo(p.id), width: p.width, height: p.height })) })),
    }) as Record<string, unknown> }, 200);
  });
}
