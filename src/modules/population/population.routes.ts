import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, jsonResponse } from '../../platform/http/openapi.js';
import type { Router } from '../../platform/http/router.js';
import { access } from '../../platform/access/route-access.js';
import { IdPathParam } from '../../platform/http/id-param.js';
import { RegionCodeParam } from '../regions/regions.schema.js';
import { recordBirth, recordDeath, recordMoveIn, recordStatusEvent } from './events.service.js';
import { changeHead, getFamily, listFamilies, moveMember, splitFamily } from './families.service.js';
import {
  BirthInput, ChangeHeadInput, CorrectionInput, DeathInput, ListQuery, MoveMemberInput, MoveOutInput, NewResidentInput, SimpleEventInput, SplitFamilyInput,
} from './population.schema.js';
import { monthlyPopulationReport } from './report.service.js';
import { correctResident, getResident, listResidents, registerResident, residentAccessLog } from './residents.service.js';

const tags = ['Kependudukan'];
const json = jsonResponse;
const err = errorResponse;
const errors = { 400: err('Bad input, naming the field'), 401: err('Not logged in'), 403: err('Outside your village'), 404: err('Not found'), 409: err('Conflict (NIK or KK in use)') };
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const Any = z.record(z.string(), z.unknown());
const IdParams = RegionCodeParam.extend({ id: IdPathParam });
const base = '/api/v1/villages/{code}';

export function registerPopulationRoutes(app: Router) {
  app.openapi(createRoute({ middleware: [access({ permission: 'population.read', scope: 'village' })], method: 'get', path: `${base}/residents`, tags, summary: 'Residents: search by name (fuzzy), NIK or KK; filter; paged. NIK masked unless your role needs it', request: { params: RegionCodeParam, query: ListQuery }, responses: { 200: json(Any, 'A page of residents'), ...errors } }),
    async (c) => {
      const page = await listResidents(c.get('ctx'), c.req.valid('param').code, c.req.valid('query'));
      return c.json({ data: page.items, total: page.total, page: page.page, per_page: page.perPage }, 200);
    });

  app.openapi(createRoute({ middleware: [access({ permission: 'population.write', scope: 'village' })], method: 'post', path: `${base}/residents`, tags, summary: 'Register a resident (into a family, or with a new KK)', request: { params: RegionCodeParam, ...body(NewResidentInput) }, responses: { 201: json(Any, 'Registered; warnings list NIK disagreements'), ...errors } }),
    async (c) => c.json({ data: await registerResident(c.get('ctx'), c.req.valid('param').code, c.req.valid('json')) }, 201));

  app.openapi(createRoute({ middleware: [access({ permission: 'population.read', scope: 'village' })], method: 'get', path: `${base}/residents/{id}`, tags, summary: 'A resident\'s full record with family and history (the read is logged)', request: { params: IdParams }, responses: { 200: json(Any, 'The record'), ...errors } }),
    async (c) => {
      const { code, id } = c.req.valid('param');
      return c.json({ data: await getResident(c.get('ctx'), code, id) }, 200);
    });

  app.openapi(createRoute({ middleware: [access({ permission: 'population.write', scope: 'village' })], method: 'patch', path: `${base}/residents/{id}`, tags, summary: 'Correct a resident\'s data (old values kept, with the reason)', request: { params: IdParams, ...body(CorrectionInput) }, responses: { 200: json(Any, 'Corrected'), ...errors } }),
    async (c) => {
      const { code, id } = c.req.valid('param');
      return c.json({ data: await correctResident(c.get('ctx'), code, id, c.req.valid('json')) }, 200);
    });

  app.openapi(createRoute({ middleware: [access({ permission: 'population.write', scope: 'village' })], method: 'post', path: `${base}/residents/{id}/death`, tags, summary: 'Record a death; with new_head_id, the new head of the family in the same transaction', request: { params: IdParams, ...body(DeathInput) }, responses: { 201: json(Any, 'Recorded'), ...errors } }),
    async (c) => {
      const { code, id } = c.req.valid('param');
      return c.json({ data: await recordDeath(c.get('ctx'), code, id, c.req.valid('json')) }, 201);
    });

  const statusEvents = [
    ['move-out', 'move_out', MoveOutInput, 'Record a move out of the village'],
    ['lost', 'lost', SimpleEventInput, 'Record a resident as missing'],
    ['departure', 'temporary_departure', SimpleEventInput, 'Record a temporary departure'],
    ['return', 'return', SimpleEventInput, 'Record the return of a missing or departed resident'],
  ] as const;
  for (const [path, kind, schema, summary] of statusEvents) {
    app.openapi(createRoute({ middleware: [access({ permission: 'population.write', scope: 'village' })], method: 'post', path: `${base}/residents/{id}/${path}`, tags, summary, request: { params: IdParams, ...body(schema) }, responses: { 201: json(Any, 'Recorded'), ...errors } }),
      async (c) => {
        const { code, id } = c.req.valid('param');
        return c.json({ data: await recordStatusEvent(c.get('ctx'), code, id, kind, c.req.valid('json') as any) }, 201);
      });
  }

  app.openapi(createRoute({ middleware: [access({ permission: 'population.access_log', scope: 'village' })], method: 'get', path: `${base}/residents/{id}/access-log`, tags, summary: 'Who accessed this resident\'s data', request: { params: IdParams }, responses: { 200: json(Any, 'Access log'), ...errors } }),
    async (c) => {
      const { code, id } = c.req.valid('param');
      return c.json({ data: await residentAccessLog(c.get('ctx'), code, id) }, 200);
    });

  app.openapi(createRoute({ middleware: [access({ permission: 'population.write', scope: 'village' })], method: 'post', path: `${base}/births`, tags, summary: 'Record a birth: a new resident in a family, with its area, address and parents (father_id/mother_id, else the head and spouse)', request: { params: RegionCodeParam, ...body(BirthInput) }, responses: { 201: json(Any, 'Recorded'), ...errors } }),
    async (c) => c.json({ data: await recordBirth(c.get('ctx'), c.req.valid('param').code, c.req.valid('json')) }, 201));

  const MoveInInput = NewResidentInput.extend({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), from: z.string().trim().min(3).max(300) }).openapi('MoveInInput');
  app.openapi(createRoute({ middleware: [access({ permission: 'population.write', scope: 'village' })], method: 'post', path: `${base}/moves-in`, tags, summary: 'Record someone moving into the village', request: { params: RegionCodeParam, ...body(MoveInInput) }, responses: { 201: json(Any, 'Recorded'), ...errors } }),
    async (c) => {
      const { date, from, ...input } = c.req.valid('json');
      return c.json({ data: await recordMoveIn(c.get('ctx'), c.req.valid('param').code, input, date, from) }, 201);
    });

  app.openapi(createRoute({ middleware: [access({ permission: 'population.read', scope: 'village' })], method: 'get', path: `${base}/families`, tags, summary: 'Family cards (KK) with their heads', request: { params: RegionCodeParam, query: z.object({ q: z.string().max(60).optional(), page: z.coerce.number().int().min(1).max(100_000).optional() }) }, responses: { 200: json(Any, 'Families'), ...errors } }),
    async (c) => {
      const { q, page } = c.req.valid('query');
      const found = await listFamilies(c.get('ctx'), c.req.valid('param').code, q, page);
      return c.json({ data: found.rows, total: found.total, page: found.page, per_page: found.perPage }, 200);
    });

  app.openapi(createRoute({ middleware: [access({ permission: 'population.read', scope: 'village' })], method: 'get', path: `${base}/families/{id}`, tags, summary: 'A family card with its members (the read is logged)', request: { params: IdParams }, responses: { 200: json(Any, 'The family'), ...errors } }),
    async (c) => {
      const { code, id } = c.req.valid('param');
      return c.json({ data: await getFamily(c.get('ctx'), code, id) }, 200);
    });

  app.openapi(createRoute({ middleware: [access({ permission: 'population.write', scope: 'village' })], method: 'post', path: `${base}/families/{id}/split`, tags, summary: 'Split a family (pecah KK)', request: { params: IdParams, ...body(SplitFamilyInput) }, responses: { 201: json(Any, 'Split'), ...errors } }),
    async (c) => {
      const { code, id } = c.req.valid('param');
      return c.json({ data: await splitFamily(c.get('ctx'), code, id, c.req.valid('json')) }, 201);
    });

  app.openapi(createRoute({ middleware: [access({ permission: 'population.write', scope: 'village' })], method: 'post', path: `${base}/families/{id}/head`, tags, summary: 'Change the head of the family', request: { params: IdParams, ...body(ChangeHeadInput) }, responses: { 200: json(Any, 'Changed'), ...errors } }),
    async (c) => {
      const { code, id } = c.req.valid('param');
      return c.json({ data: await changeHead(c.get('ctx'), code, id, c.req.valid('json')) }, 200);
    });

  app.openapi(createRoute({ middleware: [access({ permission: 'population.write', scope: 'village' })], method: 'post', path: `${base}/families/{id}/members`, tags, summary: 'Move a resident into this family', request: { params: IdParams, ...body(MoveMemberInput) }, responses: { 200: json(Any, 'Moved'), ...errors } }),
    async (c) => {
      const { code, id } = c.req.valid('param');
      return c.json({ data: await moveMember(c.get('ctx'), code, id, c.req.valid('json')) }, 200);
    });

  app.openapi(createRoute({ middleware: [access({ permission: 'population.statistics', scope: 'village' })], method: 'get', path: `${base}/reports/monthly`, tags, summary: 'Monthly population report (from the events), by sex', request: { params: RegionCodeParam, query: z.object({ year: z.coerce.number().int(), month: z.coerce.number().int() }) }, responses: { 200: json(Any, 'The report'), ...errors } }),
    async (c) => {
      const { year, month } = c.req.valid('query');
      return c.json({ data: await monthlyPopulationReport(c.get('ctx'), c.req.valid('param').code, year, month) }, 200);
    });
}
