import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/env.js';
import { forbidden, notFound, unauthenticated } from '../http/errors.js';
import type { MessageKey } from '../i18n/i18n.js';
import { canSeeRegion, permissionsOf, regionWithin, type Actor } from './access.js';
import type { Permission } from './permissions.js';

/**
 * Who may call a route, declared next to it with `access(rule)`:
 *
 * - `'public'`: anyone, logged in or not;
 * - `'signed-in'`: any session, officer or citizen (never an API token: these are the account's own routes);
 * - `'officer'`: an officer account (the users table), whatever its role (never an API token);
 * - `{ permission }`: the actor's role holds the permission (ROLE_PERMISSIONS), or the API token
 *   does, anywhere in its own scope (the use case narrows what it shows);
 * - `{ permission, scope: 'village' }`: … and the village in the path (`:code`, or `param`)
 *   lies inside the actor's scope — a citizen's scope is their own village;
 * - `{ permission, scope: 'region' }`: … and the actor may see the region in the path:
 *   inside its scope, or on the way down to it (the region browser);
 * - `{ anyOf: [...] }`: any one of these (the API that serves officers and citizens alike);
 * - `'sync-key'`: a village copy's key (`Authorization: Bearer …`), never a session: the gate
 *   refuses a request without one, the route checks the key (it names the only village reachable).
 *
 * The rule is the gate at the door; the use case behind it still checks (rule 2 of the
 * architecture) and may refuse more: a letter of another family, a step the state forbids.
 */
export type AccessRule =
  | 'public'
  | 'signed-in'
  | 'officer'
  | 'sync-key'
  | { permission: Permission; scope?: 'village' | 'region'; param?: string }
  | { anyOf: readonly AccessRule[] };

export interface AccessOptions {
  /** A page: send a visitor who is not logged in to this login page (302) instead of a 401. `:code` is filled in. */
  login?: string;
  /** Send everyone refused here (303) instead of an error: the kiosk returns to its start screen. */
  redirect?: string;
  /** Answer 404 rather than 403 to a logged-in actor outside the rule, so as not to confirm what exists. */
  hides?: boolean;
  /** The message of the 403 (default: error.forbidden, or error.forbidden_region for a place outside the scope). */
  message?: MessageKey;
}

export interface RouteAccess {
  rule: AccessRule;
  options: AccessOptions;
}

export type AccessDecision =
  | { allowed: true }
  | { allowed: false; reason: 'unauthenticated' }
  | { allowed: false; reason: 'forbidden'; region?: string };

/** A subset of the Actor: what a decision needs (tests build these without a session). */
export type AccessActor = Pick<Actor, 'kind' | 'role' | 'regionCode' | 'permissions'>;

const ALLOW: AccessDecision = { allowed: true };
const UNAUTHENTICATED: AccessDecision = { allowed: false, reason: 'unauthenticated' };

const DOTTED = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;
/** "1809102004" or "18.09.10.2004" → dotted; anything else → null (the use case answers 400 for it). */
function regionParam(value: string | undefined): string | null {
  const s = (value ?? '').trim();
  if (DOTTED.test(s)) return s;
  if (!/^\d+$/.test(s) || ![2, 4, 6, 10].includes(s.length)) return null;
  return [s.slice(0, 2), s.slice(2, 4), s.slice(4, 6), s.slice(6, 10)].filter(Boolean).join('.');
}

/** What the rule says about this actor on this path. Pure: the gate below and the access-matrix test both use it. */
export function decideAccess(rule: AccessRule, actor: AccessActor | null, params: Record<string, string | undefined>): AccessDecision {
  if (rule === 'public') return ALLOW;
  // A session is never a sync key; the gate lets a request carrying a key on to the route, which checks it.
  if (rule === 'sync-key') return UNAUTHENTICATED;
  if (!actor) return UNAUTHENTICATED;
  // A token reads and writes data; the account's own routes (who am I, log out, password) are a person's.
  if ((rule === 'signed-in' || rule === 'officer') && actor.kind === 'token') return { allowed: false, reason: 'forbidden' };
  if (rule === 'signed-in') return ALLOW;
  if (rule === 'officer') return actor.kind === 'user' ? ALLOW : { allowed: false, reason: 'forbidden' };
  if ('anyOf' in rule) {
    const decisions = rule.anyOf.map((r) => decideAccess(r, actor, params));
    return decisions.find((d) => d.allowed) ?? decisions.find((d) => !d.allowed && d.reason === 'forbidden' && d.region) ?? decisions[0] ?? { allowed: false, reason: 'forbidden' };
  }
  if (!permissionsOf(actor).has(rule.permission)) return { allowed: false, reason: 'forbidden' };
  if (!rule.scope) return ALLOW;
  // A code that is not one is left to the use case, which answers 400 naming it.
  const code = regionParam(params[rule.param ?? 'code']);
  if (code === null) return ALLOW;
  const inside = rule.scope === 'village' ? regionWithin(code, actor.regionCode) : canSeeRegion(actor as Actor, code);
  return inside ? ALLOW : { allowed: false, reason: 'forbidden', region: code };
}

const ACCESS = Symbol.for('balai.access');

/**
 * Declares — and enforces at the door — who may call a route:
 * `app.get('/desa/:code/penduduk', access({ permission: 'population.read', scope: 'village' }), handler)`
 * or `createRoute({ …, middleware: [access(rule)] })` for the API. Runs before the body is
 * read or validated, so a caller who may not be here learns nothing about the input.
 * Every route must declare one: test/access-matrix.test.ts fails naming any that does not.
 */
export function access(rule: AccessRule, options: AccessOptions = {}): MiddlewareHandler<AppEnv> {
  const gate: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (rule === 'sync-key' && (c.req.header('authorization') ?? '').startsWith('Bearer ')) return next();
    const decision = decideAccess(rule, c.get('ctx').actor, c.req.param() as Record<string, string>);
    if (decision.allowed) return next();
    return refuse(c, decision, options);
  };
  return Object.assign(gate, { [ACCESS]: { rule, options } satisfies RouteAccess });
}

function fill(path: string, c: Context<AppEnv>): string {
  return path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(c.req.param(name) ?? ''));
}

function refuse(c: Context<AppEnv>, decision: Exclude<AccessDecision, { allowed: true }>, options: AccessOptions) {
  if (decision.reason === 'unauthenticated' && options.login) return c.redirect(fill(options.login, c), 302);
  if (options.redirect) return c.redirect(fill(options.redirect, c), 303);
  if (decision.reason === 'unauthenticated') throw unauthenticated();
  if (options.hides) throw notFound();
  if (options.message) throw forbidden(options.message);
  // With the region in the error the refusal's audit entry says where it was tried.
  throw decision.region ? forbidden('error.forbidden_region', { code: decision.region }) : forbidden();
}

/** The rule declared on a route handler, if it is an `access()` gate. */
export function accessOf(handler: unknown): RouteAccess | undefined {
  if (typeof handler !== 'function') return undefined;
  const own = (handler as { [ACCESS]?: RouteAccess })[ACCESS];
  // Hono wraps the handlers of a sub-app with its own error handler; the original is kept here.
  const inner = (handler as { __COMPOSED_HANDLER?: unknown }).__COMPOSED_HANDLER;
  return own ?? (inner ? accessOf(inner) : undefined);
}

export interface DeclaredRoute {
  method: string;
  path: string;
  access: RouteAccess | undefined;
}

/**
 * Every route of an app (Hono's `app.routes`), once per method and path, with the rule its
 * `access()` gate declares. Middleware mounted for all paths (`app.use('*')`) is left out.
 */
export function declaredRoutes(app: { routes: readonly { method: string; path: string; handler: unknown }[] }): DeclaredRoute[] {
  const byKey = new Map<string, DeclaredRoute>();
  for (const r of app.routes) {
    if (r.method === 'ALL' && (r.path === '/*' || r.path === '*')) continue;
    const key = `${r.method} ${r.path}`;
    const entry = byKey.get(key) ?? { method: r.method, path: r.path, access: undefined };
    entry.access ??= accessOf(r.handler);
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

/** The rule as a short text, for test names and messages. */
export function describeRule(rule: AccessRule): string {
  if (typeof rule === 'string') return rule;
  if ('anyOf' in rule) return rule.anyOf.map(describeRule).join(' | ');
  return rule.scope ? `${rule.permission}@${rule.scope}` : rule.permission;
}
