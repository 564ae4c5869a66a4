import { timingSafeEqual } from 'node:crypto';
import { regionWithin, tokenLabel, type Actor } from '../../platform/access/access.js';
import { reserveAttempt } from '../../platform/attempts.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/connect.js';
import type { BearerAuth } from '../../platform/http/app.js';
import { AppError, tooManyRequests } from '../../platform/http/errors.js';
import { currentActor } from '../identity/index.js';
import { effectivePermissions } from './grants.js';
import { hashSecret } from './tokens.service.js';
import * as repo from './tokens.repository.js';

/** Requests one token may make in a minute: a dashboard's refresh or a script over a regency's villages, not a flood. */
export const TOKEN_REQUESTS_PER_MINUTE = 300;
/** Wrong tokens from one address in ten minutes before it must wait (each refusal up to then is in the audit log). */
export const BAD_TOKENS_PER_WINDOW = 20;
const BAD_TOKEN_WINDOW_SECONDS = 600;
const WELL_FORMED = /^balai_api_[A-Za-z0-9_-]{43}$/;

/**
 * Paths no token may call, whatever it holds: the account's own (log in and out, password,
 * device key, accounts), a village copy's sync and its keys, and the register copy sealed for an
 * officer's device. Written over the path as served; `[^/]+` also matches the OpenAPI `{code}`.
 */
const REFUSED = [/^\/api\/v1\/(auth|accounts|sync)(\/|$)/, /^\/api\/v1\/villages\/[^/]+\/(sync-keys|offline-copy)(\/|$)/];
export const tokenRefusedPath = (path: string) => REFUSED.some((r) => r.test(path));

async function refuse(db: Db, ip: string, secret: string, reason: string): Promise<never> {
  // A guesser is slowed per address (counted atomically, like wrong passwords and sync keys).
  const n = await reserveAttempt(db.kysely, 'api_token', '', ip, BAD_TOKEN_WINDOW_SECONDS);
  if (n.ip > BAD_TOKENS_PER_WINDOW) throw tooManyRequests('error.rate_limited', { minutes: BAD_TOKEN_WINDOW_SECONDS / 60 });
  const known = WELL_FORMED.test(secret) ? await repo.tokenByHash(db.kysely, hashSecret(secret)) : undefined;
  const why = known ? (known.revoked_at ? 'revoked' : new Date(known.expires_at) <= new Date() ? 'expired' : reason) : reason;
  await recordAudit(db.kysely, { actor: null, ip }, { action: 'api_token.refused', outcome: 'denied', subject: known ? `api_token:${known.id}` : null, detail: { reason: why } }, 'api-token');
  throw new AppError(401, 'unauthenticated', 'api_token.invalid');
}

/**
 * The actor a `Bearer balai_api_…` stands for: the token's permissions (those its maker's role
 * still holds), its region, and its maker's account (deactivated, or moved out of the token's
 * region: the token stops too). A sync key is left to the sync routes (null).
 */
export async function actorOfBearer(db: Db, authorization: string, ip: string, header: (name: string, value: string) => void): Promise<Actor | null> {
  if (!/^bearer /i.test(authorization)) return null;
  const secret = authorization.slice(7).trim();
  if (!secret.startsWith('balai_') || secret.startsWith('balai_sync_')) return null;
  if (!WELL_FORMED.test(secret)) return refuse(db, ip, secret, 'malformed');
  const hash = hashSecret(secret);
  const row = await repo.useToken(db.kysely, hash, ip, 60);
  // Found by its hash through the index; compared again in constant time all the same.
  if (!row || !timingSafeEqual(Buffer.from(row.token_hash), Buffer.from(hash))) return refuse(db, ip, secret, 'unknown');
  const maker = await currentActor(db, row.created_by);
  if (!maker || maker.kind !== 'user' || !regionWithin(row.region_code, maker.regionCode)) return refuse(db, ip, secret, 'maker inactive or moved');
  if (row.window_count > TOKEN_REQUESTS_PER_MINUTE) {
    header('retry-after', '60');
    throw tooManyRequests('error.rate_limited', { minutes: 1 });
  }
  return {
    kind: 'token',
    id: maker.id,
    tokenId: row.id,
    username: tokenLabel(row.id, row.name),
    fullName: row.name,
    role: maker.role,
    regionCode: row.region_code,
    permissions: effectivePermissions(row.permissions, maker.role),
    language: maker.language,
  };
}

/** What the HTTP shell asks on /api/v1 (src/platform/http/app.ts). */
export const apiTokenBearer = (): BearerAuth => ({
  resolve: actorOfBearer,
  refuses: tokenRefusedPath,
});

