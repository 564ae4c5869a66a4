import { gunzipSync } from 'node:zlib';
import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { sql } from 'kysely';
import { access } from '../../platform/access/route-access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { appliedMigrations } from '../../platform/backup/catalog.js';
import { AppError, badRequest } from '../../platform/http/errors.js';
import type { AppEnv } from '../../platform/http/env.js';
import { refuseNul } from '../../platform/http/nul-guard.js';
import { errorResponse, jsonResponse } from '../../platform/http/openapi.js';
import type { Router } from '../../platform/http/router.js';
import { RegionCodeParam } from '../regions/regions.schema.js';
import { applyPush } from './apply.js';
import { BUCKET, bucketDigests, bucketRows, tableDigests } from './digest.js';
import { createSyncKey, villageOfKey } from './sync-keys.js';
import { comparedTables, withTextForm } from './sync-tables.js';

/**
 * What a village's copy calls on the server, with its key as `Authorization: Bearer …` (no
 * session, no cookie): the key names the village, and nothing else can be reached with it.
 */

const json = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const bearer = [{ syncKey: [] }];
const refusals = { 400: errorResponse('Malformed'), 401: errorResponse('No key, or a revoked one') };
const JsonText = z.string().max(200_000);

/** A push may come gzipped (the copy sends it so: a day's work is ~6× smaller on a slow link); at most 8 MB once unpacked. */
const MAX_UNPACKED = 8 * 1024 * 1024;
const gunzipped: MiddlewareHandler<AppEnv> = async (c, next) => {
  if ((c.req.header('content-encoding') ?? '').toLowerCase() !== 'gzip') return next();
  let body: Buffer;
  try {
    body = gunzipSync(Buffer.from(await c.req.arrayBuffer()), { maxOutputLength: MAX_UNPACKED });
  } catch {
    throw new AppError(400, 'bad_request', 'error.malformed_json');
  }
  const headers = new Headers(c.req.raw.headers);
  headers.delete('content-encoding');
  headers.set('content-length', String(body.length));
  c.req.raw = new Request(c.req.raw.url, { method: c.req.raw.method, headers, body: new Uint8Array(body) });
  // Hono keeps what was read (the packed bytes, by the NUL guard): forgotten, and the unpacked body checked as any other.
  c.req.bodyCache = {};
  return refuseNul(c, next);
};

const ChangeSchema = z.object({
  id: z.string().uuid(),
  tx: z.string().regex(/^\d{1,20}$/),
  table: z.string().max(63),
  op: z.enum(['insert', 'update', 'delete']),
  key: JsonText,
  before: JsonText.nullable(),
  after: JsonText.nullable(),
  at: z.string().max(40),
});

/** The village's accounts whole (its officers log in on the copy); those above it without a password, inactive. */
async function accountsFor(db: Parameters<typeof appliedMigrations>[0], village: string) {
  const parts = village.split('.');
  const above = ['', ...parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.'))];
  const r = await sql<{ u: Record<string, unknown> | string }>`
    select case when region_code = ${village} then to_jsonb(u)
      else to_jsonb(u) || jsonb_build_object('password_hash', '!', 'active', false) end as u
    from users u where region_code = ${village} or region_code in (${sql.join(above)}) order by id`.execute(db);
  return r.rows.map((x) => (typeof x.u === 'string' ? JSON.parse(x.u) : x.u) as Record<string, unknown>);
}

export function registerSyncRoutes(router: Router) {
  router.openAPIRegistry.registerComponent('securitySchemes', 'syncKey', { type: 'http', scheme: 'bearer', description: 'A village copy\'s sync key (balai sync-key)' });

  router.openapi(
    createRoute({
      middleware: [access('sync-key')], security: bearer,
      method: 'get', path: '/api/v1/sync/village', tags: ['Sinkron'],
      summary: 'For a village copy: the village, the schema version and the accounts the village\'s rows name',
      responses: { 200: jsonResponse(z.object({ data: z.object({ village: z.record(z.string(), z.any()), migrations: z.array(z.string()), accounts: z.array(z.record(z.string(), z.any())) }) }), 'The village'), ...refusals },
    }),
    async (c) => {
      const { db, ip } = c.get('ctx');
      const village = await villageOfKey(db, c.req.header('authorization'), ip);
      const row = await sql<{ v: Record<string, unknown> | string }>`select to_jsonb(v) as v from villages v where village_code = ${village}`.execute(db.kysely);
      const v = row.rows[0]!.v;
      return c.json({ data: { village: typeof v === 'string' ? JSON.parse(v) : v, migrations: await appliedMigrations(db.kysely), accounts: await accountsFor(db.kysely, village) } }, 200);
    },
  );

  router.openapi(
    createRoute({
      middleware: [access('sync-key'), gunzipped], security: bearer,
      method: 'post', path: '/api/v1/sync/push', tags: ['Sinkron'],
      summary: 'For a village copy: its changes, oldest first; each transaction applied once, field by field, clashes held for a person',
      request: json(z.object({ changes: z.array(ChangeSchema).max(5000) })),
      responses: { 200: jsonResponse(z.object({ data: z.object({ transactions: z.number(), applied: z.number(), duplicates: z.number(), conflicts: z.number(), refused: z.number() }) }), 'What happened'), ...refusals },
    }),
    async (c) => {
      const { db, ip } = c.get('ctx');
      const village = await villageOfKey(db, c.req.header('authorization'), ip);
      return c.json({ data: await applyPush(db, village, c.req.valid('json').changes, `sync:${village}`) }, 200);
    },
  );

  router.openapi(
    createRoute({
      middleware: [access('sync-key')], security: bearer,
      method: 'post', path: '/api/v1/sync/digest', tags: ['Sinkron'],
      summary: 'For a village copy: a hash per table of the village\'s rows, or per bucket of one table',
      request: json(z.object({ table: z.string().max(63).optional() })),
      responses: { 200: jsonResponse(z.object({ data: z.record(z.string(), z.any()) }), 'Hashes'), ...refusals },
    }),
    async (c) => {
      const { db, ip } = c.get('ctx');
      const village = await villageOfKey(db, c.req.header('authorization'), ip);
      const tables = await comparedTables(db);
      const { table } = c.req.valid('json');
      if (table === undefined) return c.json({ data: await withTextForm(db, (trx) => tableDigests(trx, village, tables)) }, 200);
      const t = tables.find((x) => x.name === table);
      if (!t) throw badRequest('validation.format', 'table');
      return c.json({ data: await withTextForm(db, (trx) => bucketDigests(trx, village, t)) }, 200);
    },
  );

  router.openapi(
    createRoute({
      middleware: [access('sync-key')], security: bearer,
      method: 'post', path: '/api/v1/sync/rows', tags: ['Sinkron'],
      summary: 'For a village copy: the village\'s rows of some buckets of one table (logged as a read)',
      request: json(z.object({ table: z.string().max(63), buckets: z.array(z.string().regex(BUCKET)).min(1).max(256) })),
      responses: { 200: jsonResponse(z.object({ data: z.object({ rows: z.number(), json: z.string() }) }), 'Rows, as one JSON text'), ...refusals },
    }),
    async (c) => {
      const { db, ip } = c.get('ctx');
      const village = await villageOfKey(db, c.req.header('authorization'), ip);
      const { table, buckets } = c.req.valid('json');
      const t = (await comparedTables(db)).find((x) => x.name === table);
      if (!t) throw badRequest('validation.format', 'table');
      const rows = await withTextForm(db, (trx) => bucketRows(trx, village, t, buckets));
      await recordAudit(db.kysely, { actor: null, ip }, { action: 'sync.rows', villageCode: village, subject: `village:${village}`, detail: { table, buckets: buckets.length, rows: rows.rows } }, `sync:${village}`);
      return c.json({ data: rows }, 200);
    },
  );

  router.openapi(
    createRoute({
      middleware: [access({ permission: 'village.activate', scope: 'village' })],
      method: 'post', path: '/api/v1/villages/{code}/sync-keys', tags: ['Sinkron'],
      summary: 'A key for the village\'s own copy (shown once); while it is live, the copy numbers and signs the village\'s letters',
      request: { params: RegionCodeParam, ...json(z.object({ label: z.string().max(200) })) },
      responses: {
        201: jsonResponse(z.object({ data: z.object({ id: z.number(), key: z.string() }) }), 'The key, shown once'),
        400: errorResponse('No label'), 401: errorResponse('Not logged in'), 403: errorResponse('Not allowed for this village'),
      },
    }),
    async (c) => c.json({ data: await createSyncKey(c.get('ctx'), c.req.valid('param').code, c.req.valid('json').label) }, 201),
  );
}
