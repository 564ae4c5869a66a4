import { createHash } from 'node:crypto';
import type { Actor } from '../../platform/access/access.js';
import type { Role } from '../../platform/access/roles.js';
import { recordAudit, writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import { newToken } from '../../platform/http/app.js';
import type { Session } from '../../platform/http/env.js';
import { AppError, badRequest, tooManyRequests, unauthenticated } from '../../platform/http/errors.js';
import * as repo from './identity.repository.js';
import { checkNewPassword, decoyHash, hashPassword, verifyPassword } from './password.js';

export const SESSION_HOURS = 12;
const WINDOW_MINUTES = 15;
/** Failures allowed in the window: one account from one address; one address; one account from anywhere. */
export const LOGIN_LIMITS = { pair: 5, ip: 20, user: 50 } as const;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface LoginResult {
  token: string;
  expiresAt: Date;
  actor: Actor;
}

/**
 * Log in with username and password. The lock-out is per account *and address* first,
 * so a stranger guessing the village head's password locks only themselves out; a much
 * higher per-account limit slows guessing spread over many addresses. Every lock ends
 * by itself after 15 minutes.
 */
export async function login(ctx: UseCaseContext, username: string, password: string, userAgent?: string): Promise<LoginResult> {
  const db = ctx.db.kysely;
  const since = new Date(Date.now() - WINDOW_MINUTES * 60_000);
  const failures = await repo.countLoginFailures(db, username, ctx.ip, since);
  if (failures.by_ip >= LOGIN_LIMITS.ip) throw tooManyRequests('auth.ip_locked', { minutes: WINDOW_MINUTES });
  if (failures.pair >= LOGIN_LIMITS.pair || failures.by_user >= LOGIN_LIMITS.user)
    throw tooManyRequests('auth.locked', { minutes: WINDOW_MINUTES });

  const user = await repo.findUserByUsername(db, username);
  const ok = user ? await verifyPassword(user.password_hash, password) : (await verifyPassword(await decoyHash(), password), false);
  if (!user || !ok) {
    await db.transaction().execute(async (trx) => {
      await repo.recordLoginFailure(trx, username, ctx.ip);
      await recordAudit(trx, ctx, { action: 'auth.login_failed', outcome: 'failed', subject: user ? `user:${user.id}` : null }, username.slice(0, 60));
    });
    throw new AppError(401, 'invalid_credentials', 'auth.invalid');
  }
  if (!user.active) throw new AppError(403, 'inactive', 'auth.inactive');

  const token = newToken();
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  const actor = toActor(user);
  await db.transaction().execute(async (trx) => {
    await repo.clearLoginFailures(trx, username, ctx.ip);
    await repo.insertSession(trx, {
      token_hash: sha256(token),
      user_id: user.id,
      csrf_token: newToken(24),
      expires_at: expiresAt,
      ip: ctx.ip,
      user_agent: userAgent?.slice(0, 200) ?? null,
    });
    await recordAudit(trx, { ...ctx, actor }, { action: 'auth.login', subject: `user:${user.id}`, regionCode: user.region_code || null });
  });
  return { token, expiresAt, actor };
}

/** Ends this session; with `everywhere`, every session of the account. */
export async function logout(ctx: UseCaseContext, token: string, everywhere = false): Promise<void> {
  if (!ctx.actor) throw unauthenticated();
  const actor = ctx.actor;
  await writeWithAudit(ctx, async (trx, audit) => {
    if (everywhere) await repo.deleteSessionsOfUser(trx, actor.id);
    else await repo.deleteSession(trx, sha256(token));
    await audit({ action: everywhere ? 'auth.logout_everywhere' : 'auth.logout', subject: `user:${actor.id}` });
  });
}

/** Changes the actor's own password and ends their other sessions. */
export async function changePassword(ctx: UseCaseContext, token: string, current: string, next: string, confirm: string) {
  if (!ctx.actor) throw unauthenticated();
  const actor = ctx.actor;
  const user = await repo.findUserById(ctx.db.kysely, actor.id);
  if (!user || !(await verifyPassword(user.password_hash, current)))
    throw new AppError(400, 'invalid_input', 'auth.wrong_current_password', {}, 'current_password');
  checkNewPassword(next, user.username, 'new_password');
  if (next !== confirm) throw badRequest('auth.password_mismatch', 'confirm_password');
  const passwordHash = await hashPassword(next);
  await writeWithAudit(ctx, async (trx, audit) => {
    await repo.setPasswordHash(trx, actor.id, passwordHash);
    await repo.deleteSessionsOfUser(trx, actor.id, sha256(token));
    await audit({ action: 'auth.password_changed', subject: `user:${actor.id}` });
  });
}

/** Runs on every request with a session cookie: one indexed query. */
export async function resolveSession(db: Db, token: string): Promise<{ actor: Actor; session: Session } | null> {
  const row = await repo.findLiveSession(db.kysely, sha256(token));
  if (!row) return null;
  return {
    actor: toActor(row),
    session: { tokenHash: row.token_hash, csrfToken: row.csrf_token },
  };
}

function toActor(u: { id: number; username: string; full_name: string; role: string; region_code: string; language: 'id' | 'en' }): Actor {
  return {
    kind: 'user',
    id: u.id,
    username: u.username,
    fullName: u.full_name,
    role: u.role as Role,
    regionCode: u.region_code,
    language: u.language,
  };
}
