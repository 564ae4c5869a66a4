import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/** Every query of API tokens. The table is not a village's: a token may speak for a province. */
type Q = Kysely<Database> | Transaction<Database>;

export interface TokenRow {
  id: number;
  name: string;
  region_code: string;
  region_name: string | null;
  permissions: string[];
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
  requests: number;
  created_by_name: string | null;
  revoked_by_name: string | null;
}

export const insertToken = (trx: Q, row: { token_hash: string; name: string; region_code: string; permissions: string[]; created_by: number; expires_at: Date }) =>
  trx.insertInto('api_tokens').values(row).returning(['id', 'created_at']).executeTakeFirstOrThrow();

/** The tokens whose scope lies in `region` ('' is the whole country), newest first. */
export async function listTokens(db: Q, region: string, limit: number): Promise<TokenRow[]> {
  let q = db
    .selectFrom('api_tokens as t')
    .leftJoin('regions as r', 'r.code', 't.region_code')
    .leftJoin('users as c', 'c.id', 't.created_by')
    .leftJoin('users as v', 'v.id', 't.revoked_by')
    .select(['t.id', 't.name', 't.region_code', 'r.name as region_name', 't.permissions', 't.created_at', 't.expires_at', 't.revoked_at', 't.last_used_at', 't.requests', 'c.full_name as created_by_name', 'v.full_name as revoked_by_name']);
  // Region codes are collate "C": the prefix is a range of the index, and a code has no LIKE wildcards.
  if (region) q = q.where((eb) => eb.or([eb('t.region_code', '=', region), eb('t.region_code', 'like', `${region}.%`)]));
  return q.orderBy('t.id', 'desc').limit(limit).execute();
}

export const findToken = (db: Q, id: number) =>
  db.selectFrom('api_tokens').select(['id', 'name', 'region_code', 'revoked_at']).where('id', '=', id).executeTakeFirst();

export const markRevoked = (trx: Q, id: number, by: number) =>
  trx.updateTable('api_tokens').set({ revoked_at: new Date(), revoked_by: by }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();

/**
 * One statement per request: finds a live token by its hash, counts the request in the token's
 * minute (a window a minute old starts again at 1) and notes when and from where it was used.
 * Concurrent requests of one token queue on its row, so each sees its own count. The times are
 * values, not now(): Citus refuses a stable function in an UPDATE's CASE on a table it knows.
 */
export async function useToken(db: Kysely<Database>, tokenHash: string, ip: string, windowSeconds: number) {
  const now = new Date();
  const windowOpened = new Date(now.getTime() - windowSeconds * 1000);
  // A count lost in a crash is harmless: the commit does not wait for the disk (on PostgreSQL that wait is most of the cost).
  const r = await db.transaction().execute(async (trx) => {
    await sql`set local synchronous_commit = off`.execute(trx);
    return sql<{ id: number; token_hash: string; name: string; region_code: string; permissions: string[]; created_by: number; window_count: number }>`
    update api_tokens set
      window_count = case when window_start <= ${windowOpened}::timestamptz then 1 else window_count + 1 end,
      window_start = case when window_start <= ${windowOpened}::timestamptz then ${now}::timestamptz else window_start end,
      requests = requests + 1, last_used_at = ${now}::timestamptz, last_used_ip = ${ip || null}
    where token_hash = ${tokenHash} and revoked_at is null and expires_at > ${now}::timestamptz
    returning id, token_hash, name, region_code, permissions, created_by, window_count`.execute(trx);
  });
  const row = r.rows[0];
  return row ? { ...row, id: Number(row.id), created_by: Number(row.created_by), window_count: Number(row.window_count) } : undefined;
}

/** Why a hash was refused: no such token, or the one it was (revoked, expired). */
export const tokenByHash = (db: Q, tokenHash: string) =>
  db.selectFrom('api_tokens').select(['id', 'revoked_at', 'expires_at']).where('token_hash', '=', tokenHash).executeTakeFirst();
