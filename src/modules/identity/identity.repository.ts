import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { Database, UsersTable } from '../../platform/db/schema.js';

type Q = Kysely<Database> | Transaction<Database>;

export const findUserByUsername = (db: Q, username: string) =>
  db.selectFrom('users').selectAll().where(sql<string>`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();

export const findUserById = (db: Q, id: number) =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export const insertUser = (db: Q, row: Insertable<UsersTable>) =>
  db.insertInto('users').values(row).returning(['id', 'username']).executeTakeFirstOrThrow();

export const setPasswordHash = (db: Q, userId: number, passwordHash: string) =>
  db.updateTable('users').set({ password_hash: passwordHash, password_changed_at: new Date() }).where('id', '=', userId).execute();

/** Accounts whose region lies within `scope` ('' = all), newest first. */
export function listUsersWithin(db: Q, scope: string, limit = 200) {
  let q = db
    .selectFrom('users')
    .select(['id', 'username', 'full_name', 'role', 'region_code', 'position_title', 'active', 'created_at', 'last_login_at'])
    .orderBy('region_code')
    .orderBy('username')
    .limit(limit);
  if (scope) q = q.where((eb) => eb.or([eb('region_code', '=', scope), eb('region_code', 'like', `${scope}.%`)]));
  return q.execute();
}

/** An officer's session (user_id) or a citizen's (village_code + resident_id). */
export const insertSession = (
  db: Q,
  row: { token_hash: string; user_id: number | null; village_code?: string; resident_id?: number; csrf_token: string; expires_at: Date; ip: string; user_agent: string | null },
) => db.insertInto('sessions').values(row).execute();

/**
 * The session and, for an officer, the account, in one query: this runs on every request.
 * A citizen's session comes back with its resident; `findCitizenOfSession` checks them.
 */
export const findLiveSession = (db: Q, tokenHash: string) =>
  db
    .selectFrom('sessions as s')
    .leftJoin('users as u', 'u.id', 's.user_id')
    .select(['s.token_hash', 's.csrf_token', 's.village_code', 's.resident_id', 'u.id', 'u.username', 'u.full_name', 'u.role', 'u.region_code', 'u.language'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', new Date())
    .where((eb) => eb.or([eb('u.active', '=', true), eb('s.user_id', 'is', null)]))
    .executeTakeFirst();

/**
 * The citizen behind a session, if they may still use it: they hold a PIN, a real NIK,
 * and still live here (alive or away for a while — a death or a move out ends it).
 */
export const findCitizenOfSession = (db: Q, village: string, residentId: number) =>
  db
    .selectFrom('residents as r')
    .innerJoin('citizen_pins as p', (j) => j.onRef('p.village_code', '=', 'r.village_code').onRef('p.resident_id', '=', 'r.id'))
    .select(['r.id', 'r.nik', 'r.name', 'r.village_code'])
    .where('r.village_code', '=', village)
    .where('r.id', '=', residentId)
    .where('r.life_status', 'in', [1, 6])
    .where('r.nik_temporary', '=', false)
    .executeTakeFirst();

export const deleteSessionsOfResident = (db: Q, village: string, residentId: number, exceptTokenHash?: string) => {
  let q = db.deleteFrom('sessions').where('village_code', '=', village).where('resident_id', '=', residentId);
  if (exceptTokenHash) q = q.where('token_hash', '!=', exceptTokenHash);
  return q.execute();
};

export const deleteSession = (db: Q, tokenHash: string) => db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();

export const deleteSessionsOfUser = (db: Q, userId: number, exceptTokenHash?: string) => {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptTokenHash) q = q.where('token_hash', '!=', exceptTokenHash);
  return q.execute();
};

/** Did this subject (`user:5`, `resident:9`) log in successfully from this address since then? */
export async function hasLoggedInFrom(db: Q, subject: string, action: 'auth.login' | 'citizen.login', ip: string, since: Date): Promise<boolean> {
  const row = await db
    .selectFrom('audit_log')
    .select('id')
    .where('subject', '=', subject)
    .where('action', '=', action)
    .where('outcome', '=', 'ok')
    .where('ip', '=', ip)
    .where('at', '>', since)
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
}

/** The login's mark on the account (in the login's transaction): the 90-day list reads it. */
export const recordLogin = (db: Q, userId: number) =>
  db.updateTable('users').set({ last_login_at: sql<Date>`now()` }).where('id', '=', userId).execute();

/** Switches an account off or on; false when it already was (nothing changed). */
export async function setActive(db: Q, userId: number, active: boolean): Promise<boolean> {
  const r = await db.updateTable('users').set({ active }).where('id', '=', userId).where('active', '=', !active).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * The active accounts of these roles on exactly this region, locked in id order until the
 * transaction ends: two administrators switching off the last two heads at once wait for each
 * other, and the second then sees the first one's change.
 */
export const lockActiveHolders = (db: Q, regionCode: string, roles: readonly string[]) =>
  db.selectFrom('users').select('id').where('region_code', '=', regionCode).where('role', 'in', [...roles]).where('active', '=', true)
    .orderBy('id').forUpdate().execute();

/** Makes every open reset code of the account void (a newer code, a deactivation). */
export const voidResetCodes = (db: Q, userId: number) =>
  db.updateTable('password_resets').set({ used_at: sql<Date>`now()` }).where('user_id', '=', userId).where('used_at', 'is', null).execute();

export const insertResetCode = (db: Q, row: { code_hash: string; user_id: number; created_by: number; expires_at: Date }) =>
  db.insertInto('password_resets').values(row).execute();

/** An open, unexpired code and its account, without using it up (to check the new password against the username first). */
export const findOpenResetCode = (db: Q, codeHash: string) =>
  db.selectFrom('password_resets as r').innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.user_id', 'u.username', 'u.active', 'u.region_code', 'u.role'])
    .where('r.code_hash', '=', codeHash).where('r.used_at', 'is', null).where('r.expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();

/** Uses the code up, exactly once: one UPDATE that only an open, unexpired code passes. */
export const consumeResetCode = (db: Q, codeHash: string) =>
  db.updateTable('password_resets').set({ used_at: sql<Date>`now()` })
    .where('code_hash', '=', codeHash).where('used_at', 'is', null).where('expires_at', '>', sql<Date>`now()`)
    .returning('user_id').executeTakeFirst();

/** Active accounts within `scope` with no login since `before` (never logged in: made before it). */
export function listUnusedWithin(db: Q, scope: string, before: Date, limit = 500) {
  let q = db
    .selectFrom('users')
    .select(['id', 'username', 'full_name', 'role', 'region_code', 'position_title', 'active', 'created_at', 'last_login_at'])
    .where('active', '=', true)
    .where(sql<Date>`coalesce(last_login_at, created_at)`, '<', before)
    .orderBy(sql`coalesce(last_login_at, created_at)`)
    .orderBy('username')
    .limit(limit);
  if (scope) q = q.where((eb) => eb.or([eb('region_code', '=', scope), eb('region_code', 'like', `${scope}.%`)]));
  return q.execute();
}
