import { z } from '@hono/zod-openapi';
import { describeRule, type AccessRule, type DeclaredRoute } from '../access/route-access.js';

/** The one error shape every endpoint returns. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_input' }),
      message: z.string().openapi({ example: 'Kolom username wajib diisi.' }),
      field: z.string().nullable().openapi({ example: 'username' }),
    }),
  })
  .openapi('Error');

/** An OpenAPI response with a JSON body of this schema. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
/** An OpenAPI error response (always the Error shape). */
export const errorResponse = (description: string) => jsonResponse(ErrorSchema, description);

/** How a caller proves who it is: the browser's session, a machine client's API token, a village copy's sync key. */
export const SECURITY_SCHEMES = {
  session: { type: 'apiKey', in: 'cookie', name: 'balai_sid', description: 'The session cookie set by POST /api/v1/auth/login. Writes with it must be JSON (or a form carrying its _csrf token).' },
  apiToken: {
    type: 'http', scheme: 'bearer', bearerFormat: 'balai_api_…',
    description: 'An API token made on /akun/token: `Authorization: Bearer balai_api_…`. It acts with exactly the permissions it was given, inside its region, until it expires or is revoked (then 401). Never accepted on pages, on /api/v1/auth, /api/v1/accounts or /api/v1/sync. At most 300 requests a minute per token (then 429 with Retry-After).',
  },
  syncKey: { type: 'http', scheme: 'bearer', bearerFormat: 'balai_sync_…', description: 'A village copy\'s key (balai sync-key): only the /api/v1/sync routes.' },
} as const;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** The permissions a rule names, in order: any one of them lets a caller in. */
function permissionsOf(rule: AccessRule): string[] {
  if (typeof rule === 'string') return [];
  if ('anyOf' in rule) return rule.anyOf.flatMap(permissionsOf);
  return [rule.permission];
}

/** The rule in one English sentence, for the operation's description. */
function sentence(rule: AccessRule): string {
  if (rule === 'public') return 'public: anyone, no login needed';
  if (rule === 'signed-in') return 'any logged-in session (officer or citizen); not an API token';
  if (rule === 'officer') return 'an officer\'s session; not an API token';
  if (rule === 'sync-key') return 'a village copy\'s sync key (Authorization: Bearer balai_sync_…)';
  if ('anyOf' in rule) return `any one of: ${rule.anyOf.map(sentence).join('; or ')}`;
  const where = rule.scope === 'village' ? `, for a village inside the caller's region (path parameter \`${rule.param ?? 'code'}\`)`
    : rule.scope === 'region' ? `, for a region the caller may see (path parameter \`${rule.param ?? 'code'}\`)` : ', within the caller\'s region';
  return `permission \`${rule.permission}\`${where}`;
}

/**
 * Writes each operation's access rule into the OpenAPI document, read from the route's own
 * `access()` gate (so the two cannot drift): `x-access` (the rule), `x-permission` (the
 * permission, a list for "any of", null without one), `x-api-token` (whether a token may call
 * it), `security`, and an "Access:" line in the description. test/openapi.test.ts fails on an
 * operation without a rule.
 */
export function documentAccess<D extends { paths?: object; components?: object }>(document: D, routes: readonly DeclaredRoute[], tokenRefused: (path: string) => boolean): D {
  const doc = document as { paths?: Record<string, Record<string, unknown>>; components?: Record<string, unknown> };
  const rules = new Map(routes.map((r) => [`${r.method} ${r.path}`, r.access?.rule]));
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method] as Record<string, unknown> | undefined;
      if (!op) continue;
      const rule = rules.get(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
      if (!rule) continue;
      const permissions = permissionsOf(rule);
      const token = rule !== 'sync-key' && rule !== 'signed-in' && rule !== 'officer' && !tokenRefused(path);
      op['x-access'] = describeRule(rule);
      op['x-permission'] = permissions.length === 0 ? null : permissions.length === 1 ? permissions[0] : permissions;
      op['x-api-token'] = token;
      op.security = rule === 'public' ? [] : rule === 'sync-key' ? [{ syncKey: [] }] : token ? [{ session: [] }, { apiToken: [] }] : [{ session: [] }];
      const line = `Access: ${sentence(rule)}.${token && rule !== 'public' ? ' API tokens: only if the token holds the permission, inside its region.' : ''}`;
      op.description = typeof op.description === 'string' && op.description ? `${op.description}\n\n${line}` : line;
    }
  }
  doc.components = { ...(doc.components ?? {}), securitySchemes: SECURITY_SCHEMES };
  return document;
}
