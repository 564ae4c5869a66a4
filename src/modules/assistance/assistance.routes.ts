import { createRoute, z } from '@hono/zod-openapi';
import { access } from '../../platform/access/route-access.js';
import { IdPathParam } from '../../platform/http/id-param.js';
import { jsonSafe } from '../../platform/http/json-safe.js';
import { errorResponse, jsonResponse } from '../../platform/http/openapi.js';
import type { Router } from '../../platform/http/router.js';
import { RegionCodeParam } from '../regions/regions.schema.js';
import { programmeDetail, programmeList } from './programme.service.js';
import { publicAidTotals } from './public-totals.js';
import { activeVillage } from '../villages/index.js';

const tags = ['Bantuan sosial'];
const errors = { 400: errorResponse('Bad input, naming the field'), 401: errorResponse('Not logged in'), 403: errorResponse('Outside your village'), 404: errorResponse('Not found') };
const Any = z.record(z.string(), z.unknown());
const base = '/api/v1/villages/{code}';
const read = [access({ permission: 'assistance.read', scope: 'village' })];

/**
 * Aid programmes for other systems (read-only; the pages write): the programmes with their
 * rules and totals, one programme's list a page at a time (NIK masked, the read logged), and
 * for everyone the public totals per programme and per dusun (no count under 5).
 */
export function registerAssistanceRoutes(app: Router) {
  app.openapi(createRoute({ middleware: read, method: 'get', path: `${base}/assistance/programmes`, tags, summary: 'The village\'s aid programmes, with how many are listed and what was paid', request: { params: RegionCodeParam }, responses: { 200: jsonResponse(Any, 'Programmes'), ...errors } }), async (c) => {
    const v = await programmeList(c.get('ctx'), c.req.valid('param').code);
    return c.json({ data: jsonSafe(v.rows) as unknown[] }, 200);
  });
  app.openapi(createRoute({ middleware: read, method: 'get', path: `${base}/assistance/programmes/{id}`, tags, summary: 'One programme: its rules, a page of its list (?page, 100 a page; NIK masked, reasons given), its payouts', request: { params: RegionCodeParam.extend({ id: IdPathParam }), query: z.object({ page: z.string().max(4).optional() }) }, responses: { 200: jsonResponse(Any, 'The programme'), ...errors } }), async (c) => {
    const { code, id } = c.req.valid('param');
    const v = await programmeDetail(c.get('ctx'), code, id, c.req.valid('query').page);
    const { rules: _r, meeting_id: _m, claim_key: _k, ...programme } = v.programme;
    return c.json({ data: jsonSafe({
      programme, rules: v.rules, listed: v.listed, page: v.page, page_size: v.pageSize, total_for_the_year: v.total,
      recipients: v.recipients.map((r) => ({ number: r.number, name: r.name, nik: r.nik, dusun: r.area, reasons: r.reasons, priority: r.priority, status: r.status, source: r.source, note: r.note })),
      payouts: v.payouts.map((o) => ({ period: o.period, paid_on: o.paid_on, recipients: o.recipients, total: o.total, proof: o.proof })),
    }) as Record<string, unknown> }, 200);
  });
  app.openapi(createRoute({ middleware: [access('public')], method: 'get', path: `/api/v1/public/villages/{code}/assistance`, tags, summary: 'A year\'s adopted aid programmes for everyone: recipients and paid per programme, recipients per dusun (counts under 5 hidden as null)', request: { params: RegionCodeParam, query: z.object({ tahun: z.string().regex(/^\d{4}$/).optional() }) }, responses: { 200: jsonResponse(Any, 'The totals'), ...errors } }), async (c) => {
    const village = await activeVillage(c.get('ctx'), c.req.valid('param').code);
    const year = Number(c.req.valid('query').tahun ?? new Date(Date.now() + 7 * 3600_000).getUTCFullYear());
    const programmes = await publicAidTotals(c.get('ctx'), village.village_code, year);
    return c.json({ data: jsonSafe({ year, programmes: programmes.map((p) => ({ name: p.name, kind: p.kind, target: p.target, recipients: p.recipients, paid: p.paid, per_dusun: p.areas })) }) as Record<string, unknown> }, 200);
  });
}
