import { createRoute, z } from '@hono/zod-openapi';
import { ErrorSchema } from '../../platform/http/openapi.js';
import type { Router } from '../../platform/http/router.js';
import { access } from '../../platform/access/route-access.js';
import { RegionCodeParam, RegionSchema, RegionSearchQuery, RegionWithTotalsSchema } from './regions.schema.js';
import { getRegion, getRegionWithChildren, listProvinces, searchRegions } from './regions.service.js';

const tags = ['Wilayah'];

export function registerRegionRoutes(app: Router) {
  app.openapi(
    createRoute({
      middleware: [access('public')],
      method: 'get',
      path: '/api/v1/regions',
      tags,
      summary: 'Search regions by name (or list the provinces without q)',
      request: { query: RegionSearchQuery.partial() },
      responses: {
        200: { description: 'Matching regions', content: { 'application/json': { schema: z.object({ data: z.array(RegionSchema) }) } } },
        400: { description: 'Bad query', content: { 'application/json': { schema: ErrorSchema } } },
      },
    }),
    async (c) => {
      const { q, within, level, limit } = c.req.valid('query');
      const db = c.get('ctx').db.kysely;
      if (q === undefined) return c.json({ data: (await listProvinces(db)).map(stripTotals) }, 200);
      return c.json({ data: await searchRegions(db, q, { within, level, limit }) }, 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [access('public')],
      method: 'get',
      path: '/api/v1/regions/{code}',
      tags,
      summary: 'One region by code, with or without dots',
      request: { params: RegionCodeParam },
      responses: {
        200: { description: 'The region', content: { 'application/json': { schema: z.object({ data: RegionSchema }) } } },
        400: { description: 'Not a region code', content: { 'application/json': { schema: ErrorSchema } } },
        404: { description: 'Unknown region', content: { 'application/json': { schema: ErrorSchema } } },
      },
    }),
    async (c) => c.json({ data: await getRegion(c.get('ctx').db.kysely, c.req.valid('param').code) }, 200),
  );

  app.openapi(
    createRoute({
      middleware: [access('public')],
      method: 'get',
      path: '/api/v1/regions/{code}/children',
      tags,
      summary: 'The regions one level below, with their village totals',
      request: { params: RegionCodeParam },
      responses: {
        200: { description: 'Children', content: { 'application/json': { schema: z.object({ parent: RegionSchema, data: z.array(RegionWithTotalsSchema) }) } } },
        400: { description: 'Not a region code', content: { 'application/json': { schema: ErrorSchema } } },
        404: { description: 'Unknown region', content: { 'application/json': { schema: ErrorSchema } } },
      },
    }),
    async (c) => {
      const { region, children } = await getRegionWithChildren(c.get('ctx').db.kysely, c.req.valid('param').code);
      return c.json({ parent: region, data: children }, 200);
    },
  );
}

const stripTotals = ({ villages: _v, activated: _a, ...r }: { villages: number; activated: number } & z.infer<typeof RegionSchema>) => r;
