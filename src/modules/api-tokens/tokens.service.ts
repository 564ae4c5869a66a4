import { createHash, randomBytes } from 'node:crypto';
import { authorize, regionWithin, type Actor } from '../../platform/access/access.js';
import type { Permission } from '../../platform/access/permissions.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { addDays, todayInWib } from '../../platform/format/format.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { isCalendarDate } from '../../platform/http/validation.js';
import { findRegion, parseRegionCodeOrFail, regionLevel } from '../regions/index.js';
import { GRANT, grantable, GRANT_ORDER } from './grants.js';
import * as repo from './tokens.repository.js';

/**
 * API tokens: made by an administrator on /akun/token for a region inside their own, with some
 * of their own permissions and an expiry; the secret is shown once and kept as its SHA-256.
 */

export const TOKEN_PREFIX = 'balai_api_';
/** At most a year ahead (366 days: a leap year's). */
export const MAX_DAYS = 366;
/** What the form suggests. */
export const DEFAULT_DAYS = 90;
const LIST_LIMIT = 500;

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export interface TokenInput {
  token_name?: string;
  region_code?: string;
  permissions?: readonly string[];
  expires_on?: string;
}

/** Only an officer's own session manages tokens: never a token, never a citizen. */
function manager(ctx: UseCaseContext): Actor {
  const actor = authorize(ctx.actor, 'token.manage');
  if (actor.kind !== 'user') throw forbidden();
  return actor;
}

/** What the form offers this actor: their grantable permissions by kind, the latest expiry, a suggested one. */
export function tokenForm(ctx: UseCaseContext) {
  const actor = manager(ctx);
  const mine = grantable(actor.role);
  const groups = GRANT_ORDER.map((kind) => ({ kind, permissions: mine.filter((p) => GRANT[p] === kind) })).filter((g) => g.permissions.length > 0);
  const today = todayInWib();
  return { actor, groups, suggested: addDays(today, DEFAULT_DAYS), earliest: addDays(today, 1), latest: addDays(today, MAX_DAYS) };
}

export async function listApiTokens(ctx: UseCaseContext) {
  const actor = manager(ctx);
  return repo.listTokens(ctx.db.kysely, actor.regionCode, LIST_LIMIT);
}

/** Checks the input against what the actor may give; the first problem names its field. */
async function checkInput(ctx: UseCaseContext, actor: Actor, input: TokenInput) {
  const name = (input.token_name ?? '').trim();
  if (!name) throw badRequest('validation.required', 'token_name');
  if (name.length > 100) throw badRequest('validation.too_long', 'token_name', { max: 100 });

  const raw = (input.region_code ?? '').trim();
  if (!raw) throw badRequest('validation.required', 'region_code');
  const region = parseRegionCodeOrFail(raw, 'region_code');
  if (!regionWithin(region, actor.regionCode)) throw badRequest('api_token.region_outside', 'region_code', { code: region });
  const found = await findRegion(ctx.db.kysely, region);
  if (!found) throw badRequest('region.not_found', 'region_code', { code: region });

  const chosen = [...new Set(input.permissions ?? [])];
  if (chosen.length === 0) throw badRequest('api_token.permissions_required', 'permissions');
  const mine = new Set<string>(grantable(actor.role));
  const beyond = chosen.find((p) => !mine.has(p));
  if (beyond !== undefined) throw badRequest('api_token.permission_not_yours', 'permissions', { permission: beyond.slice(0, 60) });

  const day = (input.expires_on ?? '').trim();
  if (!day) throw badRequest('validation.required', 'expires_on');
  if (!isCalendarDate(day)) throw badRequest('validation.date', 'expires_on');
  const today = todayInWib();
  if (day <= today) throw badRequest('api_token.expiry_past', 'expires_on');
  if (day > addDays(today, MAX_DAYS)) throw badRequest('api_token.expiry_too_far', 'expires_on', { days: MAX_DAYS });
  // The end of that day in Indonesian western time: the token works through the date shown.
  const expiresAt = new Date(Date.parse(`${day}T23:59:59.999+07:00`));
  return { name, region, regionName: found.name, permissions: chosen as Permission[], expiresAt };
}

/** Makes a token and returns its secret: the only time anyone sees it. */
export async function createApiToken(ctx: UseCaseContext, input: TokenInput) {
  const actor = manager(ctx);
  const v = await checkInput(ctx, actor, input);
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return writeWithAudit(ctx, async (trx, audit) => {
    const row = await repo.insertToken(trx, { token_hash: hashSecret(secret), name: v.name, region_code: v.region, permissions: v.permissions, created_by: actor.id, expires_at: v.expiresAt });
    const id = Number(row.id);
    await audit({
      action: 'api_token.create', subject: `api_token:${id}`, regionCode: v.region, villageCode: regionLevel(v.region) === 4 ? v.region : null,
      detail: { name: v.name, permissions: v.permissions, expires_at: v.expiresAt.toISOString() },
    });
    return { id, secret, name: v.name, region: v.region, regionName: v.regionName, permissions: v.permissions, expiresAt: v.expiresAt };
  });
}

/** Revokes a token of the actor's region: its next request is refused. Someone else's region: not found. */
export async function revokeApiToken(ctx: UseCaseContext, rawId: string | undefined) {
  const actor = manager(ctx);
  const id = parseId(rawId);
  const token = id === null ? undefined : await repo.findToken(ctx.db.kysely, id);
  if (!token || !regionWithin(token.region_code, actor.regionCode)) throw notFound('api_token.not_found');
  if (token.revoked_at) throw conflict('api_token.already_revoked', undefined, { name: token.name });
  await writeWithAudit(ctx, async (trx, audit) => {
    const r = await repo.markRevoked(trx, token.id, actor.id);
    if (!Number(r.numUpdatedRows)) throw conflict('api_token.already_revoked', undefined, { name: token.name });
    await audit({ action: 'api_token.revoke', subject: `api_token:${token.id}`, regionCode: token.region_code, villageCode: regionLevel(token.region_code) === 4 ? token.region_code : null, detail: { name: token.name } });
  });
  return { name: token.name };
}

