import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './db/schema.js';

/**
 * Counters of attempts per key in a window (`attempt_counters`): the login and PIN lock-outs
 * and per-address rate limits. Shared by the identity module and the HTTP shell.
 */
type Q = Kysely<Database> | Transaction<Database>;

export type AttemptKind = 'login' | 'verify' | 'complaint' | 'sync' | 'market' | 'api_token' | 'ballot';
/** Counts after a reservation: this account from this address, this address, this account. */
export interface AttemptCounts { pair: number; ip: number; account: number }

/**
 * Rows are written in one order everywhere — pair, account, address — so that statements
 * running at once never hold one row each and wait for the other's (a deadlock: a 500).
 * An upsert takes its rows in the order of its values; an UPDATE in whatever order it scans.
 */
const keysOf = (account: string, ip: string) => (account ? [[account, ip], [account, ''], ['', ip]] : [['', ip]]);

/**
 * Reserves one attempt under every key at once and returns the new counts: one statement,
 * so each of many concurrent requests sees a different count. A window older than
 * `windowSeconds` starts again at 1. `account` '' counts per address only.
 */
export async function reserveAttempt(db: Q, kind: AttemptKind, account: string, ip: string, windowSeconds: number): Promise<AttemptCounts> {
  const keys = keysOf(account, ip);
  const r = await sql<{ account: string; ip: string; count: number }>`
    insert into attempt_counters as a (kind, account, ip, count, window_start)
    values ${sql.join(keys.map(([acc, addr]) => sql`(${kind}, ${acc}, ${addr}, 1, now())`))}
    on conflict (kind, account, ip) do update set
      count = case when a.window_start <= now() - make_interval(secs => ${windowSeconds}) then 1 else a.count + 1 end,
      window_start = case when a.window_start <= now() - make_interval(secs => ${windowSeconds}) then now() else a.window_start end
    returning a.account, a.ip, a.count`.execute(db);
  const of = (acc: string, addr: string) => Number(r.rows.find((x) => x.account === acc && x.ip === addr)?.count ?? 0);
  return { pair: account ? of(account, ip) : 0, ip: of('', ip), account: account ? of(account, '') : 0 };
}

/** Gives a refused attempt back: it was never evaluated, so it must not count against the account. */
export const releaseAttempt = (db: Q, kind: AttemptKind, account: string, ip: string) =>
  sql`insert into attempt_counters as a (kind, account, ip, count, window_start)
      values ${sql.join(keysOf(account, ip).map(([acc, addr]) => sql`(${kind}, ${acc}, ${addr}, 0, now())`))}
      on conflict (kind, account, ip) do update set count = greatest(a.count - 1, 0)`.execute(db);

/**
 * After a success: this account's failures from this address no longer count, neither for
 * the pair nor for the address or the account (as if they had not happened).
 */
export async function clearAttempts(db: Q, kind: AttemptKind, account: string, ip: string) {
  // Two statements, the pair first: in one, the upsert could lock the account row before the delete.
  const gone = await db.deleteFrom('attempt_counters').where('kind', '=', kind).where('account', '=', account).where('ip', '=', ip).returning('count').executeTakeFirst();
  await sql`insert into attempt_counters as a (kind, account, ip, count, window_start)
      values ${sql.join(keysOf(account, ip).slice(1).map(([acc, addr]) => sql`(${kind}, ${acc}, ${addr}, 0, now())`))}
      on conflict (kind, account, ip) do update set count = greatest(a.count - ${gone?.count ?? 1}, 0)`.execute(db);
}

/** Every count of one account, from every address (a new PIN was issued): the pairs first, as everywhere. */
export async function clearAccountAttempts(db: Q, kind: AttemptKind, account: string) {
  await db.deleteFrom('attempt_counters').where('kind', '=', kind).where('account', '=', account).where('ip', '<>', '').execute();
  await db.deleteFrom('attempt_counters').where('kind', '=', kind).where('account', '=', account).execute();
}

/** Windows long over: nothing reads them any more. */
export const deleteStaleAttempts = (db: Q, olderThan: Date) =>
  db.deleteFrom('attempt_counters').where('window_start', '<', olderThan).execute();
