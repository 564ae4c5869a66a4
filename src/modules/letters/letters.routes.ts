import { createRoute, z } from '@hono/zod-openapi';
import { emptyJsonAsObject } from '../../platform/http/optional-json.js';
import { privateFile } from '../../platform/http/download.js';
import { errorResponse, jsonResponse } from '../../platform/http/openapi.js';
import type { Router } from '../../platform/http/router.js';
import { access, type AccessRule } from '../../platform/access/route-access.js';
import { IdPathParam } from '../../platform/http/id-param.js';
import { CalendarDate } from '../../platform/http/validation.js';
import type { Permission } from '../../platform/access/permissions.js';
import { todayInWib } from '../../platform/format/format.js';
import { RegionCodeParam } from '../regions/regions.schema.js';
import { letterFigures, letterPdf, verifyLetter } from './documents.service.js';
import { checkLetter, getLetter, LetterRequestInput, listLetters, ListInput, markCollected, markReady, rejectLetter, requestLetter, revokeLetter, signLetter } from './requests.service.js';
import { getLetterSettings, LetterSettingsInput, saveLetterSettings } from './settings.service.js';
import { listLetterTypes } from './types.service.js';
import { requestOrigin } from './letters.common.js';
import { verifyRateLimit } from '../../platform/http/rate-limit.js';

const tags = ['Surat'];
const json = jsonResponse;
const err = errorResponse;
const errors = { 400: err('Bad input, naming the field'), 401: err('Not logged in'), 403: err('Not allowed here'), 404: err('Not found'), 409: err('Wrong state for this step') };
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const Any = z.record(z.string(), z.unknown());
const IdParams = RegionCodeParam.extend({ id: IdPathParam });
const Reason = z.object({ reason: z.string().max(300) });
const SignInput = z.object({ passphrase: z.string().max(200).optional() });
const base = '/api/v1/villages/{code}';
const date = CalendarDate;
/** The API serves the village office and the village's own citizens (their family's letters; the use case checks which). */
const officeOrCitizen = (permission: Permission): AccessRule => ({ anyOf: [{ permission, scope: 'village' }, { permission: 'self.letters', scope: 'village' }] });

export function registerLetterRoutes(app: Router) {
  app.openapi(createRoute({ middleware: [access({ permission: 'letters.read', scope: 'village' })], method: 'get', path: `${base}/letter-types`, tags, summary: 'The village\'s letter types: built in (possibly changed) and its own', request: { params: RegionCodeParam }, responses: { 200: json(Any, 'Letter types'), ...errors } }),
    async (c) => c.json({ data: (await listLetterTypes(c.get('ctx'), c.req.valid('param').code)).types }, 200));

  app.openapi(createRoute({ middleware: [access({ permission: 'letters.read', scope: 'village' })], method: 'get', path: `${base}/letter-settings`, tags, summary: 'Numbering pattern and scope, paper size, citizen download', request: { params: RegionCodeParam }, responses: { 200: json(Any, 'Settings'), ...errors } }),
    async (c) => c.json({ data: await getLetterSettings(c.get('ctx'), c.req.valid('param').code) }, 200));

  app.openapi(createRoute({ middleware: [access({ permission: 'letters.configure', scope: 'village' })], method: 'put', path: `${base}/letter-settings`, tags, summary: 'Change numbering and paper', request: { params: RegionCodeParam, ...body(LetterSettingsInput) }, responses: { 200: json(Any, 'Saved'), ...errors } }),
    async (c) => c.json({ data: await saveLetterSettings(c.get('ctx'), c.req.valid('param').code, c.req.valid('json')) }, 200));

  app.openapi(createRoute({ middleware: [access({ permission: 'letters.read', scope: 'village' })], method: 'get', path: `${base}/letters`, tags, summary: 'Requests and issued letters (buku agenda), newest first', request: { params: RegionCodeParam, query: ListInput }, responses: { 200: json(Any, 'A page of letters'), ...errors } }),
    async (c) => {
      const r = await listLetters(c.get('ctx'), c.req.valid('param').code, c.req.valid('query'));
      return c.json({ data: r.rows.map(({ total: _t, ...row }) => row), total: r.total }, 200);
    });

  app.openapi(createRoute({ middleware: [access(officeOrCitizen('letters.request'))], method: 'post', path: `${base}/letters`, tags, summary: 'Request a letter: an officer at the counter (gets a queue number), or a citizen online', request: { params: RegionCodeParam, ...body(LetterRequestInput) }, responses: { 201: json(Any, 'Requested'), ...errors } }),
    async (c) => c.json({ data: await requestLetter(c.get('ctx'), c.req.valid('param').code, c.req.valid('json'), 'online') }, 201));

  app.openapi(createRoute({ middleware: [access(officeOrCitizen('letters.read'))], method: 'get', path: `${base}/letters/{id}`, tags, summary: 'A letter with every step (who, when)', request: { params: IdParams }, responses: { 200: json(Any, 'The letter'), ...errors } }),
    async (c) => {
      const { code, id } = c.req.valid('param');
      return c.json({ data: await getLetter(c.get('ctx'), code, id) }, 200);
    });

  app.openapi(createRoute({
    middleware: [access({ permission: 'letters.sign', scope: 'village' }), emptyJsonAsObject], method: 'post', path: `${base}/letters/{id}/sign`, tags,
    summary: 'Sign: the head himself, the secretary a.n., another official u.b.; numbers the letter. A type that requires a certified electronic signature needs the signer\'s passphrase (never stored): the letter is issued only with its signed PDF',
    request: { params: IdParams, body: { content: { 'application/json': { schema: SignInput } }, required: false } },
    responses: { 200: json(Any, 'Signed'), 422: err('The electronic signature provider refused or could not be reached: nothing was issued'), ...errors },
  }),
    async (c) => {
      const { code, id } = c.req.valid('param');
      const passphrase = (c.req.valid('json') as z.infer<typeof SignInput> | undefined)?.passphrase;
      return c.json({ data: await signLetter(c.get('ctx'), code, id, { passphrase, baseUrl: requestOrigin(c) }) }, 200);
    });

  const steps = [
    ['check', checkLetter, 'The operator has checked the request', 'letters.check'],
    ['ready', markReady, 'Printed and ready (the citizen is told)', 'letters.check'],
    ['collect', markCollected, 'Collected by the citizen', 'letters.check'],
  ] as const;
  for (const [action, run, summary, permission] of steps) {
    app.openapi(createRoute({ middleware: [access({ permission, scope: 'village' })], method: 'post', path: `${base}/letters/{id}/${action}`, tags, summary, request: { params: IdParams }, responses: { 200: json(Any, 'Done'), ...errors } }),
      async (c) => {
        const { code, id } = c.req.valid('param');
        return c.json({ data: (await run(c.get('ctx'), code, id)) ?? { ok: true } }, 200);
      });
  }
  const withReason = [
    ['reject', rejectLetter, 'Reject a request with a reason the citizen sees', 'letters.check'],
    ['revoke', revokeLetter, 'Revoke an issued letter (it keeps its number)', 'letters.revoke'],
  ] as const;
  for (const [action, run, summary, permission] of withReason) {
    app.openapi(createRoute({ middleware: [access({ permission, scope: 'village' })], method: 'post', path: `${base}/letters/{id}/${action}`, tags, summary, request: { params: IdParams, ...body(Reason) }, responses: { 200: json(Any, 'Done'), ...errors } }),
      async (c) => {
        const { code, id } = c.req.valid('param');
        await run(c.get('ctx'), code, id, c.req.valid('json').reason);
        return c.json({ data: { ok: true } }, 200);
      });
  }

  app.openapi(createRoute({ middleware: [access(officeOrCitizen('letters.read'))], method: 'get', path: `${base}/letters/{id}/pdf`, tags, summary: 'The signed letter as PDF (A4 or F4) with its verification QR code', request: { params: IdParams }, responses: { 200: { description: 'PDF', content: { 'application/pdf': { schema: z.any() } } }, ...errors } }),
    async (c) => {
      const { code, id } = c.req.valid('param');
      const { pdf, filename } = await letterPdf(c.get('ctx'), code, id, requestOrigin(c));
      return privateFile(c, pdf, { type: 'application/pdf', name: filename, inline: true }) as any;
    });

  app.openapi(createRoute({ middleware: [access({ permission: 'letters.statistics', scope: 'village' })], method: 'get', path: `${base}/letter-figures`, tags, summary: 'Letters per type and day, median hours from request to ready (no personal data)', request: { params: RegionCodeParam, query: z.object({ from: date.optional(), to: date.optional() }) }, responses: { 200: json(Any, 'Figures'), ...errors } }),
    async (c) => {
      const q = c.req.valid('query');
      const to = q.to ?? todayInWib();
      const from = q.from ?? `${to.slice(0, 8)}01`;
      return c.json({ data: await letterFigures(c.get('ctx'), c.req.valid('param').code, from, to) }, 200);
    });

  app.openapi(createRoute({ middleware: [access('public'), verifyRateLimit()], method: 'get', path: '/api/v1/letters/verify/{verify_code}', tags, summary: 'Public: is this letter genuine, valid, expired or revoked (holder\'s name and masked NIK only)', request: { params: z.object({ verify_code: z.string().max(40) }) }, responses: { 200: json(Any, 'The verification'), 404: err('No such letter') } }),
    async (c) => {
      const r = await verifyLetter(c.get('ctx').db, c.req.valid('param').verify_code);
      if (!r) return c.json({ error: { code: 'not_found', message: 'Surat tidak ditemukan.', field: null } }, 404);
      return c.json({ data: r }, 200);
    });
}
