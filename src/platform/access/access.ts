import { forbidden, unauthenticated } from '../http/errors.js';
import type { Lang } from '../i18n/i18n.js';
import { ROLE_PERMISSIONS, type Permission } from './permissions.js';
import type { Role } from './roles.js';

/**
 * Who is acting: an officer (a `users` row), a citizen logged in with NIK and PIN, or an API
 * token (a machine client, `Authorization: Bearer balai_api_…` on /api/v1 only).
 * For a citizen `id` is the resident's id, not a user id: never write it into a column
 * that references users (audit.ts and every officer-only write rely on that).
 * For a token `id` is the account that made it (what it writes is that account's, the audit
 * label names the token), `permissions` replaces the role's, and `regionCode` is the token's scope.
 */
export interface Actor {
  kind: 'user' | 'citizen' | 'token';
  id: number;
  /** Set for tokens: the api_tokens row. */
  tokenId?: number;
  /** Set for tokens: exactly what the token may do (never more than its maker's role). */
  permissions?: ReadonlySet<Permission>;
  /** Set for citizens: their row in `residents` (in the village `regionCode`). */
  residentId?: number;
  /** Officers: the account name. Citizens: their NIK, masked. */
  username: string;
  fullName: string;
  role: Role;
  /** '' means the whole country. */
  regionCode: string;
  language: Lang;
}

/** The users.id of an officer (for a token, the account that made it), null for a citizen: for `created_by`-style columns. */
export const userIdOf = (actor: Actor | null): number | null => (actor?.kind === 'user' || actor?.kind === 'token' ? actor.id : null);

/** An API token's name in the audit log (actor_label) and on the pages that show it: `token:<id> <name>`. */
export const tokenLabel = (id: number, name: string) => `token:${id} ${name}`;

/** What the actor may do: its role's permissions, or exactly a token's. */
export const permissionsOf = (actor: Pick<Actor, 'role' | 'permissions'>): ReadonlySet<Permission> => actor.permissions ?? ROLE_PERMISSIONS[actor.role];

/** Is `code` inside the region `scope` ('' is everything; '18.09' holds '18.09.10.2004')? */
export function regionWithin(code: string, scope: string): boolean {
  return scope === '' || code === scope || code.startsWith(`${scope}.`);
}

/** Can the actor see `code`: inside its scope, or an ancestor of its scope (to browse down to it). */
export function canSeeRegion(actor: Actor, code: string): boolean {
  return regionWithin(code, actor.regionCode) || regionWithin(actor.regionCode, code);
}

export function can(actor: Actor | null, permission: Permission, regionCode?: string): boolean {
  if (!actor) return false;
  if (!permissionsOf(actor).has(permission)) return false;
  return regionCode === undefined || regionWithin(regionCode, actor.regionCode);
}

/**
 * The check every use case opens with. Throws 401 for nobody, 403 for the wrong role
 * or a region outside the actor's scope (the error handler audits the refusal).
 */
export function authorize(actor: Actor | null, permission: Permission, regionCode?: string): Actor {
  if (!actor) throw unauthenticated();
  if (!permissionsOf(actor).has(permission)) throw forbidden();
  if (regionCode !== undefined && !regionWithin(regionCode, actor.regionCode))
    throw forbidden('error.forbidden_region', { code: regionCode });
  return actor;
}
