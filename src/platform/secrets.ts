import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from './db/schema.js';

const cache = new WeakMap<Kysely<Database>, Map<string, string>>();

/**
 * A random secret of this installation by name, made once and kept in server_secrets, so
 * every process signs and checks with the same one. Cached per database handle.
 */
export async function serverSecret(db: Kysely<Database>, name: string): Promise<string> {
  const known = cache.get(db)?.get(name);
  if (known) return known;
  await sql`insert into server_secrets (name, value) values (${name}, ${randomBytes(32).toString('hex')}) on conflict (name) do nothing`.execute(db);
  const row = await sql<{ value: string }>`select value from server_secrets where name = ${name}`.execute(db);
  const value = row.rows[0]!.value;
  if (!cache.has(db)) cache.set(db, new Map());
  cache.get(db)!.set(name, value);
  return value;
}
