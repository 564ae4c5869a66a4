import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/access/access.js';
import type { Role } from '../../platform/access/roles.js';
import { recordAudit, writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import type { Database } from '../../platform/db/schema.js';
import { newToken } from '../../platform/http/app.js';
import type { Session } from '../../platform/http/env.js';
import { AppError, badRequest, forbidden, tooManyRequests, unauthenticated } from '../../platform/http/errors.js';
import * as repo from './identity.repository.js';
import { accountKey, LOGIN_WINDOW_MINUTES, reserveGuess, settleSuccess, type LockoutRule } from './lockout.js';
import { checkNewPassword, decoyHash, hashPassword, verifyPassword } from './password.js';

export const SESSION_HOURS = 12;
/** A citizen's session is short: they often log in on a shared phone or the village kiosk. */
export const CITIZEN_SESSION_HOURS = 2;
/** Failures allowed in the window: one account from one address; one address; one account from anywhere. */
export const LOGIN_LIMITS = { pair: 5, ip: 20, user: 50 } as const;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** Sessions are stored by the hash of their token, so a copy of the table opens none. */
export const sessionTokenHash = sha256;
export { LOGIN_WINDOW_MINUTES };

export interface LoginResult {
  token: string;
  expiresAt: Date;
  actor: Actor;
}

/** An officer's lock-out: the account from one address, the address, the account from unknown addresses. */
function officerRule(userId: number | null): LockoutRule {
  return {
    limits: { pair: LOGIN_LIMITS.pair, ip: LOGIN_LIMITS.ip, account: LOGIN_LIMITS.user },
    locked: 'auth.locked',
    owner: userId === null ? null : { subject: `user:${userId}`, login: 'auth.login' },
  };
}

/**
 * Log in with username and password. The lock-out is per account *and address* first,
 * so a stranger guessing the village head's password locks only themselves out; a much
 * higher per-account limit slows guessing spread over many addresses, but it does not
 * apply at an address where the account logged in before (the village office, the
 * head's phone): a stranger with many addresses cannot lock the head out that way either.
 * Every lock ends by itself after 15 minutes.
 */
export async function login(ctx: UseCaseContext, username: string, password: string, userAgent?: string): Promise<LoginResult> {
  const db = ctx.db.kysely;
  const user = await repo.findUserByUsername(db, username);
  await reserveGuess(db, accountKey(username), ctx.ip, officerRule(user?.id ?? null));
  const ok = user ? await verifyPassword(user.password_hash, password) : (await verifyPassword(await decoyHash(), password), false);
  if (!user || !ok) {
    await recordAudit(db, ctx, { action: 'auth.login_failed', outcome: 'failed', subject: user ? `user:${user.id}` : null }, username.slice(0, 60));
    throw new AppError(401, 'invalid_credentials', 'auth.invalid');
  }
  if (!user.active) throw new AppError(403, 'inactive', 'auth.inactive');

  const token = newToken();
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  const actor = toActor(user);
  await db.transaction().execute(async (trx) => {
    await settleSuccess(trx, accountKey(username), ctx.ip);
    await repo.recordLogin(trx, user.id);
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

/** Ends this session; with `everywhere`, every session of the account (or of the citizen). */
export async function logout(ctx: UseCaseContext, token: string, everywhere = false): Promise<void> {
  if (!ctx.actor) throw unauthenticated();
  const actor = ctx.actor;
  const citizen = actor.kind === 'citizen';
  await writeWithAudit(ctx, async (trx, audit) => {
    if (!everywhere) await repo.deleteSession(trx, sha256(token));
    else if (citizen) await repo.deleteSessionsOfResident(trx, actor.regionCode, actor.residentId!);
    else await repo.deleteSessionsOfUser(trx, actor.id);
    await audit({
      action: everywhere ? 'auth.logout_everywhere' : 'auth.logout',
      subject: citizen ? `resident:${actor.residentId}` : `user:${actor.id}`,
      villageCode: citizen ? actor.regionCode : null,
    });
  });
}

/** A citizen's session (no account: the village and resident say whose). Runs inside the login's transaction. */
export async function startCitizenSession(
  trx: Transaction<Database>,
  citizen: { villageCode: string; residentId: number; ip: string; userAgent?: string; seconds?: number },
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  // The kiosk asks for minutes: its cookie is gone after a visit, and so must the session be.
  const seconds = Math.min(citizen.seconds ?? CITIZEN_SESSION_HOURS * 3600, CITIZEN_SESSION_HOURS * 3600);
  const expiresAt = new Date(Date.now() + seconds * 1000);
  await repo.insertSession(trx, {
    token_hash: sha256(token),
    user_id: null,
    village_code: citizen.villageCode,
    resident_id: citizen.residentId,
    csrf_token: newToken(24),
    expires_at: expiresAt,
    ip: citizen.ip,
    user_agent: citizen.userAgent?.slice(0, 200) ?? null,
  });
  return { token, expiresAt };
}

/** Ends every session of a citizen (a new PIN was issued). */
export const endCitizenSessions = (trx: Transaction<Database>, villageCode: string, residentId: number) =>
  repo.deleteSessionsOfResident(trx, villageCode, residentId);

/** Changes the actor's own password and ends their other sessions. */
export async function changePassword(ctx: UseCaseContext, token: string, current: string, next: string, confirm: string) {
  if (!ctx.actor) throw unauthenticated();
  const actor = ctx.actor;
  // A citizen has a PIN from the office, not a password; their id is not a users.id.
  if (actor.kind !== 'user') throw forbidden();
  const db = ctx.db.kysely;
  const user = await repo.findUserById(db, actor.id);
  if (!user) throw unauthenticated();
  // A session left open on a shared PC must not become unlimited guesses of the password:
  // the same counters as the login, so guesses here and there add up.
  await reserveGuess(db, accountKey(user.username), ctx.ip, officerRule(user.id));
  if (!(await verifyPassword(user.password_hash, current))) {
    await recordAudit(db, ctx, { action: 'auth.password_change_failed', outcome: 'failed', subject: `user:${user.id}` });
    throw new AppError(400, 'invalid_input', 'auth.wrong_current_password', {}, 'current_password');
  }
  await settleSuccess(db, accountKey(user.username), ctx.ip);
  checkNewPassword(next, user.username, 'new_password');
  if (next !== confirm) throw badRequest('auth.password_mismatch', 'confirm_password');
  const passwordHash = await hashPassword(next);
  await writeWithAudit(ctx, async (trx, audit) => {
    await repo.setPasswordHash(trx, actor.id, passwordHash);
    await repo.deleteSessionsOfUser(trx, actor.id, sha256(token));
    await audit({ action: 'auth.password_changed', subject: `user:${actor.id}` });
  });
}

/** Runs on every request with a session cookie: one indexed query for officers, a second for citizens. */
export async function resolveSession(db: Db, token: string): Promise<{ actor: Actor; session: Session } | null> {
  const row = await repo.findLiveSession(db.kysely, sha256(token));
  if (!row) return null;
  const session = { tokenHash: row.token_hash, csrfToken: row.csrf_token };
  if (row.resident_id !== null && row.village_code !== null) {
    const citizen = await repo.findCitizenOfSession(db.kysely, row.village_code, row.resident_id);
    return citizen ? { actor: toCitizenActor(citizen), session } : null;
  }
  const { id, username, full_name, role, region_code, language } = row;
  if (id === null || username === null || full_name === null || role === null || region_code === null || language === null) return null;
  return { actor: toActor({ id, username, full_name, role, region_code, language }), session };
}

/** A citizen acts in their own village, as themselves; their NIK is shown masked like everywhere else. */
export function toCitizenActor(r: { id: number; nik: string; name: string; village_code: string }): Actor {
  return {
    kind: 'citizen',
    id: r.id,
    residentId: r.id,
    // 1809********0001, as population's maskNik: the district and serial, never the birth date
    username: `${r.nik.slice(0, 4)}********${r.nik.slice(12)}`,
    fullName: r.name,
    role: 'citizen',
    regionCode: r.village_code,
    language: 'id',
  };
}

/** The officer as the accounts table has them now (role, region), or null when the account is gone or deactivated. */
export async function currentActor(db: Db, userId: number): Promise<Actor | null> {
  const u = await repo.findUserById(db.kysely, userId);
  return u && u.active ? toActor(u) : null;
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
