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
    .select(['id', 'username', 'full_name', 'role', 'region_code', 'position_title', 'active', 'created_at'])
    .orderBy('region_code')
    .orderBy('username')
    .limit(limit);
  if (scope) q = q.where((eb) => eb.or([eb('region_code', '=', scope), eb('region_code', 'like', `${scope}.%`)]));
  return q.execute();
}

export const insertSession = (db: Q, row: { token_hash: string; user_id: number; csrf_token: string; expires_at: Date; ip: string; user_agent: string | null }) =>
  db.insertInto('sessions').values(row).execute();

/** The session and its account in one query: this runs on every request. */
export const findLiveSession = (db: Q, tokenHash: string) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.token_hash', 's.csrf_token', 'u.id', 'u.username', 'u.full_name', 'u.role', 'u.region_code', 'u.language'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', new Date())
    .where('u.active', '=', true)
    .executeTakeFirst();

export const deleteSession = (db: Q, tokenHash: string) => db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();

export const deleteSessionsOfUser = (db: Q, userId: number, exceptTokenHash?: string) => {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptTokenHash) q = q.where('token_hash', '!=', exceptTokenHash);
  return q.execute();
};

export const recordLoginFailure = (db: Q, username: string, ip: string) =>
  db.insertInto('login_failures').values({ username: username.toLowerCase(), ip }).execute();

/** Failures since `since`: for this account from this address, from this address, for this account. */
export async function countLoginFailures(db: Q, username: string, ip: string, since: Date) {
  const r = await sql<{ pair: number; by_ip: number; by_user: number }>`
    select
      count(*) filter (where lower(username) = ${username.toLowerCase()} and ip = ${ip}) as pair,
      count(*) filter (where ip = ${ip}) as by_ip,
      count(*) filter (where lower(username) = ${username.toLowerCase()}) as by_user
    from login_failures
    where at > ${since} and (ip = ${ip} or lower(username) = ${username.toLowerCase()})`.execute(db);
  return r.rows[0]!;
}

export const clearLoginFailures = (db: Q, username: string, ip: string) =>
  db.deleteFrom('login_failures').where(sql<string>`lower(username)`, '=', username.toLowerCase()).where('ip', '=', ip).execute();
