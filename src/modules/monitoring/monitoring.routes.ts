import { createRoute, z } from '@hono/zod-openapi';
import { access } from '../../platform/access/index.js';
import { errorResponse, jsonResponse } from '../../platform/http/openapi.js';
import type { Router } from '../../platform/http/router.js';
import { activityFeed, adoptionDashboard, indexDashboard, parsePeriod, populationDashboard, servicesDashboard } from './dashboards.service.js';
import { saveVillageIndex, villageIndex } from './idm.service.js';
import { READY_BUCKETS } from './figures.js';
import type { Scope } from './monitoring.common.js';
import {
  AdoptionSchema, FeedSchema, IndexEntryInput, IndexEntrySchema, IndexQuery, IndexSchema, MonitoringCodeParam, PopulationSchema, PublicFiguresSchema,
  ServicesQuery, ServicesSchema,
} from './monitoring.schema.js';
import { publicRegionFigures } from './public.service.js';

const tags = ['Pantau'];
const json = jsonResponse;
const err = errorResponse;
const denied = { 400: err('Bad code or input'), 401: err('Not logged in'), 403: err('Outside your scope'), 404: err('No such region') };
const read = [access({ permission: 'monitoring.read', scope: 'village' })];
const iso = (d: Date | string) => new Date(d).toISOString();
const region = (s: Scope) => ({ code: s.code, name: s.name, level: s.level });

export function registerMonitoringRoutes(app: Router) {
  app.openapi(
    createRoute({
      middleware: read, method: 'get', path: '/api/v1/monitoring/regions/{code}/adoption', tags,
      summary: 'Adoption: villages on Balai, target vs own initiative, per month, active in 7/30 days, quiet villages',
      request: { params: MonitoringCodeParam },
      responses: { 200: json(z.object({ data: AdoptionSchema }), 'Adoption of the region'), ...denied },
    }),
    async (c) => {
      const d = await adoptionDashboard(c.get('ctx'), c.req.valid('param').code);
      return c.json({
        data: {
          region: region(d.scope), date: d.today,
          totals: { villages: d.totals.villages, activated: d.totals.activated, target: d.totals.target, initiative: d.totals.initiative, active7: d.totals.active7, active30: d.totals.active30, actions30: d.totals.actions30, citizen_actions30: d.totals.citizenActions30 },
          children: d.rankedChildren.map((r) => ({ code: r.code, name: r.name, villages: r.villages, activated: r.activated, target: r.target, initiative: r.initiative, active7: r.active7, active30: r.active30, actions30: r.actions30, quiet: r.quiet })),
          timeline: d.timeline.map((m) => ({ month: m.month, new_target: m.target, new_initiative: m.initiative, total: m.total })),
          quiet: { total: d.quiet.total, villages: d.quiet.rows.map((q) => ({ code: q.village_code, name: q.name, activated_at: iso(q.activated_at), last_active_day: q.last_day })) },
        },
      }, 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: read, method: 'get', path: '/api/v1/monitoring/regions/{code}/services', tags,
      summary: 'Letter services in a period (default the last 30 days): by type, region and month; time to ready; self-service share',
      request: { params: MonitoringCodeParam, query: ServicesQuery },
      responses: { 200: json(z.object({ data: ServicesSchema }), 'Letter figures'), ...denied },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const d = await servicesDashboard(c.get('ctx'), c.req.valid('param').code, parsePeriod(q.from, q.to));
      const sums = (r: { requested: number; requested_online: number; issued: number; ready: number; rejected: number }) => ({ requested: r.requested, requested_online: r.requested_online, issued: r.issued, ready: r.ready, rejected: r.rejected });
      return c.json({
        data: {
          region: region(d.scope), period: d.period, totals: sums(d.total),
          median_seconds_to_ready: d.median?.seconds ?? null, median_at_least: d.median?.atLeast ?? false, mean_seconds_to_ready: d.meanSeconds,
          median_bucket: d.median ? { from_seconds: d.median.bucket === 0 ? 0 : READY_BUCKETS[d.median.bucket - 1]!, to_seconds: READY_BUCKETS[d.median.bucket] ?? null } : null,
          types: d.types.map((t) => ({ type_code: t.type_code, title: t.title, ...sums(t) })),
          children: d.children.map((r) => ({ code: r.code, name: r.name, ...sums(r) })),
          months: d.months.map((m) => ({ month: m.month, ...sums(m) })),
        },
      }, 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: read, method: 'get', path: '/api/v1/monitoring/regions/{code}/population', tags,
      summary: 'Residents, families, sex and age groups, life status, events per month: summed from per-village rollups',
      request: { params: MonitoringCodeParam },
      responses: { 200: json(z.object({ data: PopulationSchema }), 'Population figures'), ...denied },
    }),
    async (c) => {
      const d = await populationDashboard(c.get('ctx'), c.req.valid('param').code);
      return c.json({
        data: {
          region: region(d.scope), year: d.year, totals: d.totals, age_groups: d.pyramid,
          unknown_age: { male: d.unknownAge.male, female: d.unknownAge.female, total: d.unknownAge.total },
          life_status: d.byStatus,
          children: d.children.map((r) => ({ code: r.code, name: r.name, male: r.male, female: r.female, total: r.total, families: r.families, births: r.births, deaths: r.deaths, move_in: r.moveIn, move_out: r.moveOut })),
          months: d.months,
        },
      }, 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: read, method: 'get', path: '/api/v1/monitoring/regions/{code}/index', tags,
      summary: 'Village development index: villages per status this year and last, moves, per region below',
      request: { params: MonitoringCodeParam, query: IndexQuery },
      responses: { 200: json(z.object({ data: IndexSchema }), 'Status distribution'), ...denied },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const d = await indexDashboard(c.get('ctx'), c.req.valid('param').code, { model: q.model, year: q.year });
      return c.json({
        data: {
          region: region(d.scope), model: d.model, year: d.year, scored: d.scored, villages: d.villagesInRegion, mean: d.mean,
          current: d.current, previous: d.previous, moves: d.moves,
          children: d.children.map((r) => ({ code: r.code, name: r.name, villages: r.villages, scored: r.scored, mean: r.mean, statuses: r.statuses })),
        },
      }, 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: read, method: 'get', path: '/api/v1/monitoring/regions/{code}/feed', tags,
      summary: 'This week in the region: villages activated, letters issued, imports, villages that stopped',
      request: { params: MonitoringCodeParam },
      responses: { 200: json(z.object({ data: FeedSchema }), 'The week'), ...denied },
    }),
    async (c) => {
      const d = await activityFeed(c.get('ctx'), c.req.valid('param').code);
      return c.json({
        data: {
          region: region(d.scope), since: d.since,
          activated: d.activations.map((a) => ({ code: a.village_code, name: a.name, activated_at: iso(a.activated_at), activation_kind: a.activation_kind })),
          letters: d.letters.map((l) => ({ code: l.village_code, name: l.name, issued: l.issued, requested: l.requested, requested_online: l.requested_online })),
          imports: d.imports.map((i) => ({ at: iso(i.at), action: i.action, code: i.village_code ?? i.region_code, by: i.actor_label, detail: i.detail })),
          stopped: d.stopped.map((s) => ({ code: s.village_code, name: s.name, last_active_day: s.last_day })),
        },
      }, 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: read, method: 'get', path: '/api/v1/monitoring/villages/{code}/index', tags,
      summary: 'A village\'s index scores, every year and model',
      request: { params: MonitoringCodeParam },
      responses: { 200: json(z.object({ data: z.array(IndexEntrySchema) }), 'History'), ...denied },
    }),
    async (c) => {
      const d = await villageIndex(c.get('ctx'), c.req.valid('param').code, {});
      return c.json({ data: d.history.map((h) => ({ model: h.model, year: h.year, score: Number(h.score), status: h.status, dimensions: h.dimensions, indicators: h.indicators, source: h.source })) }, 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [access({ permission: 'monitoring.index.write', scope: 'village' })],
      method: 'put', path: '/api/v1/monitoring/villages/{code}/index', tags,
      summary: 'Enter a village\'s scores for a year (replaces that year\'s): IDM indices or indicators, or the six Indeks Desa dimensions',
      request: { params: MonitoringCodeParam, body: { content: { 'application/json': { schema: IndexEntryInput } }, required: true } },
      responses: { 200: json(z.object({ data: IndexEntrySchema }), 'Saved'), ...denied },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const r = await saveVillageIndex(c.get('ctx'), c.req.valid('param').code, { model: body.model, year: body.year, dimensions: body.dimensions, indicators: body.indicators });
      return c.json({ data: { model: r.model, year: r.year, score: r.score, status: r.status, dimensions: r.dimensions, indicators: r.indicators, source: 'form' } }, 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [access('public')], method: 'get', path: '/api/v1/monitoring/public/{code}', tags,
      summary: 'Public figures of a province, regency, district or village: villages on Balai and index statuses (no personal data)',
      request: { params: MonitoringCodeParam },
      responses: { 200: json(z.object({ data: PublicFiguresSchema }), 'Public figures'), 400: err('Bad code'), 404: err('No such region') },
    }),
    async (c) => {
      const f = await publicRegionFigures(c.get('ctx'), c.req.valid('param').code);
      c.header('cache-control', 'public, max-age=300');
      return c.json({
        data: {
          region: { code: f.region.code, name: f.region.name, level: f.region.level }, date: f.today, totals: f.totals, timeline: f.timeline,
          children: f.children.map((r) => ({ code: r.code, name: r.name, villages: r.villages, activated: r.activated, statuses: r.statuses })),
          index: { model: f.index.model, year: f.index.year, scored: f.index.scored, statuses: f.index.statuses },
        },
      }, 200);
    },
  );
}
