import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { keyText, quoteIdent, type SyncTable } from './sync-tables.js';

/**
 * What changed on the server comes down by comparing hashes, not by a log on the server (a
 * log there would be written for 2,651 villages to serve the few with a copy): per table one
 * hash of the village's rows; for a table that differs, one hash per bucket (the first two
 * hex digits of the md5 of the row's key: 256 buckets); then the rows of the buckets that
 * differ. A day's work touches a few buckets; a clone fetches them all.
 */

type Trx = Transaction<Database>;

export interface TableDigest {
  rows: number;
  hash: string;
}

/** Rows of the village in a table, each as (key text, row hash). Inside withTextForm. */
const hashed = (t: SyncTable, village: string) => sql`
  select ${sql.raw(keyText(t))} as k, md5(to_jsonb(t)::text) as h
  from ${sql.table(t.name)} t where t.village_code = ${village}`;

export async function tableDigests(trx: Trx, village: string, tables: SyncTable[]): Promise<Record<string, TableDigest>> {
  const out: Record<string, TableDigest> = {};
  for (const t of tables) {
    const r = await sql<{ n: string | number; hash: string }>`
      select count(*) as n, md5(coalesce(string_agg(x.h, '' order by x.k), '')) as hash from (${hashed(t, village)}) x`.execute(trx);
    out[t.name] = { rows: Number(r.rows[0]!.n), hash: r.rows[0]!.hash };
  }
  return out;
}

export async function bucketDigests(trx: Trx, village: string, t: SyncTable): Promise<Record<string, string>> {
  const r = await sql<{ b: string; hash: string }>`
    select substr(md5(x.k), 1, 2) as b, md5(string_agg(x.h, '' order by x.k)) as hash
    from (${hashed(t, village)}) x group by 1`.execute(trx);
  return Object.fromEntries(r.rows.map((x) => [x.b, x.hash]));
}

export type JsonRow = Record<string, unknown>;

/**
 * The village's rows of these buckets, whole (to_jsonb), as one JSON text made by the
 * database: numbers never pass through JavaScript's doubles on their way to the other side.
 */
export async function bucketRows(trx: Trx, village: string, t: SyncTable, buckets: string[]): Promise<{ rows: number; json: string }> {
  if (!buckets.length) return { rows: 0, json: '[]' };
  const r = await sql<{ n: string | number; json: string }>`
    select count(*) as n, coalesce(jsonb_agg(to_jsonb(t) order by ${sql.raw(t.key.map((c) => `t.${quoteIdent(c)}`).join(', '))}), '[]'::jsonb)::text as json
    from ${sql.table(t.name)} t
    where t.village_code = ${village} and substr(md5(${sql.raw(keyText(t))}), 1, 2) = any(${buckets}::text[])`.execute(trx);
  return { rows: Number(r.rows[0]!.n), json: r.rows[0]!.json };
}

/** Buckets whose hashes differ between two sides (present on one side only counts). */
export function differingBuckets(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).sort();
}

export const BUCKET = /^[0-9a-f]{2}$/;
