import { createRoute, z } from '@hono/zod-openapi';
import { access } from '../../platform/access/route-access.js';
import { jsonSafe } from '../../platform/http/json-safe.js';
import { errorResponse, jsonResponse } from '../../platform/http/openapi.js';
import type { Router } from '../../platform/http/router.js';
import { RegionCodeParam } from '../regions/regions.schema.js';
import { activeVillage } from '../villages/index.js';
import { institutionsPage, publicInstitutions } from './institutions.service.js';

const tags = ['Kelembagaan'];
const errors = { 400: errorResponse('Bad input, naming the field'), 401: errorResponse('Not logged in'), 403: errorResponse('Outside your village'), 404: errorResponse('Not found') };
const Any = z.record(z.string(), z.unknown());

/**
 * Village institutions for other systems (read-only; the pages write): for the village's
 * officers every institution with its counts and the trainings; for everyone the active
 * institutions with the names and positions of those in office (as on the website).
 */
export function registerInstitutionRoutes(app: Router) {
  app.openapi(createRoute({ middleware: [access({ permission: 'institutions.read', scope: 'village' })], method: 'get', path: '/api/v1/villages/{code}/institutions', tags, summary: 'The village\'s institutions (active members, records, last activity), its trainings and the counts the dashboards read', request: { params: RegionCodeParam }, responses: { 200: jsonResponse(Any, 'Institutions and trainings'), ...errors } }), async (c) => {
    const v = await institutionsPage(c.get('ctx'), c.req.valid('param').code);
    const { village_code: _v, ...totals } = v.totals;
    return c.json({ data: jsonSafe({ totals, institutions: v.institutions, trainings: v.trainings }) as Record<string, unknown> }, 200);
  });
  app.openapi(createRoute({ middleware: [access('public')], method: 'get', path: '/api/v1/public/villages/{code}/institutions', tags, summary: 'Active institutions for everyone: kind, name, number of members, and who holds which position (community groups: the number only)', request: { params: RegionCodeParam }, responses: { 200: jsonResponse(Any, 'Institutions'), ...errors } }), async (c) => {
    const village = await activeVillage(c.get('ctx'), c.req.valid('param').code);
    const rows = await publicInstitutions(c.get('ctx').db.kysely, village.village_code);
    return c.json({ data: rows.map((i) => ({ kind: i.kind, name: i.name, members: i.memberCount, office_holders: i.members })) }, 200);
  });
}
