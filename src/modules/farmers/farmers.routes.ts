import { createRoute, z } from '@hono/zod-openapi';
import { access } from '../../platform/access/route-access.js';
import { IdPathParam } from '../../platform/http/id-param.js';
import { jsonSafe } from '../../platform/http/json-safe.js';
import { errorResponse, jsonResponse } from '../../platform/http/openapi.js';
import type { Router } from '../../platform/http/router.js';
import { RegionCodeParam } from '../regions/regions.schema.js';
import { farmerPage, listFarmers } from './farmers.service.js';
import { farmerDashboard } from './figures.service.js';
import { lookupCard, redeem } from './kiosks.service.js';

const tags = ['Kartu Petani'];
const errors = { 400: errorResponse('Bad input, naming the field'), 401: errorResponse('Not logged in'), 403: errorResponse('Outside your scope'), 404: errorResponse('Not found'), 409: errorResponse('Beyond the allocation, or not possible in this state') };
const Any = z.record(z.string(), z.unknown());
const CardParam = z.object({ card: z.string().max(20) });
const Kg = z.string().max(12).optional();

/**
 * The farmer card for other systems: the village's farmers (NIK masked) and one farmer's
 * allocation and redemptions; a kiosk's own app looks a card up and records a redemption (the
 * same rules as the kiosk's pages: beyond what is left is refused whole, 409, naming it); the
 * figures of a region for the agriculture offices. Quantities in kilograms as decimal strings.
 */
export function registerFarmerRoutes(app: Router) {
  app.openapi(createRoute({ middleware: [access({ permission: 'farmers.read', scope: 'village' })], method: 'get', path: '/api/v1/villages/{code}/farmers', tags, summary: 'The village\'s farmers (100 a page, ?q searches the name): NIK masked, land, Poktan, whether still living in the village', request: { params: RegionCodeParam, query: z.object({ q: z.string().max(60).optional(), page: z.string().max(5).optional() }) }, responses: { 200: jsonResponse(Any, 'Farmers'), ...errors } }), async (c) => {
    const v = await listFarmers(c.get('ctx'), c.req.valid('param').code, c.req.valid('query'));
    return c.json({ data: jsonSafe({ total: v.total, page: v.page, totals: v.totals, farmers: v.farmers.map(({ card_code: _c, ...f }) => f) }) as Record<string, unknown> }, 200);
  });
  app.openapi(createRoute({ middleware: [access({ permission: 'farmers.read', scope: 'village' })], method: 'get', path: '/api/v1/villages/{code}/farmers/{id}', tags, summary: 'One farmer: parcels, crops, Poktan history, this year\'s allocation per season and fertiliser, redemptions (the read is logged)', request: { params: RegionCodeParam.extend({ id: IdPathParam }) }, responses: { 200: jsonResponse(Any, 'The farmer'), ...errors } }), async (c) => {
    const { code, id } = c.req.valid('param');
    const v = await farmerPage(c.get('ctx'), code, id);
    return c.json({ data: jsonSafe({ farmer: v.farmer, parcels: v.parcels, crops: v.crops, memberships: v.memberships, allocations: v.allocations, redemptions: v.redemptions }) as Record<string, unknown> }, 200);
  });
  app.openapi(createRoute({ middleware: [access({ permission: 'farmers.redeem' })], method: 'get', path: '/api/v1/kiosk/cards/{card}', tags, summary: 'A kiosk looks a card up: name, NIK masked, village, this season\'s allocation and what is left per fertiliser', request: { params: CardParam }, responses: { 200: jsonResponse(Any, 'The card'), ...errors } }), async (c) => {
    const v = await lookupCard(c.get('ctx'), c.req.valid('param').card);
    return c.json({ data: { card: v.card, name: v.name, nik: v.nik, village: v.village, living: v.living, year: v.year, season: v.season, remaining: v.remaining } }, 200);
  });
  app.openapi(createRoute({ middleware: [access({ permission: 'farmers.redeem' })], method: 'post', path: '/api/v1/kiosk/cards/{card}/redemptions', tags, summary: 'A kiosk records a redemption (kilograms per fertiliser); all or nothing, refused beyond what is left', request: { params: CardParam, body: { content: { 'application/json': { schema: z.object({ urea: Kg, npk: Kg, organik: Kg }) } }, required: true } }, responses: { 201: jsonResponse(Any, 'The receipt'), ...errors } }), async (c) => {
    const r = await redeem(c.get('ctx'), c.req.valid('param').card, c.req.valid('json'));
    return c.json({ data: { id: r.id, village_code: r.village_code, receipt_no: r.receipt_no } }, 201);
  });
  app.openapi(createRoute({ middleware: [access({ permission: 'monitoring.read', scope: 'village' })], method: 'get', path: '/api/v1/regions/{code}/farmers', tags, summary: 'Farmer figures of a region per child region: farmers, Poktan, hectares, planted area by commodity, RDKK allocation against redemption per fertiliser, kiosks\' stock (?tahun)', request: { params: RegionCodeParam, query: z.object({ tahun: z.string().max(4).optional() }) }, responses: { 200: jsonResponse(Any, 'Figures'), ...errors } }), async (c) => {
    const d = await farmerDashboard(c.get('ctx'), c.req.valid('param').code, c.req.valid('query').tahun);
    const { scope, ...figures } = d;
    return c.json({ data: jsonSafe({ region: { code: scope.code, name: scope.name, level: scope.level }, ...figures }) as Record<string, unknown> }, 200);
  });
}
