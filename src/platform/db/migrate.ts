import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { projectRoot } from '../paths.js';
import type { Db } from './connect.js';
import { splitSqlStatements } from './split-sql.js';

const MIGRATIONS_DIR = join(projectRoot, 'migrations');
const NAME = /^\d{4}_[a-z0-9_]+\.sql$/;
// Any fixed number: two servers starting together take turns instead of racing.
const MIGRATION_LOCK = 7_261_2021;

export function listMigrations(dir = MIGRATIONS_DIR): string[] {
  return readdirSync(dir).filter((f) => NAME.test(f)).sort();
}

/**
 * Applies each pending migration once, in its own transaction. Returns the names applied.
 * `upTo` stops after that migration (a restore first builds the schema its backup was taken at).
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR, upTo?: string): Promise<string[]> {
  const k = db.kysely;
  await sql`create table if not exists schema_migrations (
    name text primary key, applied_at timestamptz not null default now())`.execute(k);
  const applied: string[] = [];
  for (const name of listMigrations(dir)) {
    if (upTo && name > upTo) break;
    const text = readFileSync(join(dir, name), 'utf8');
    const done = await k.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
      const seen = await trx.selectFrom('schema_migrations').select('name').where('name', '=', name).executeTakeFirst();
      if (seen) return false;
      // One statement at a time (see splitSqlStatements: Citus refuses several in one text).
      for (const statement of splitSqlStatements(text)) await sql.raw(statement).execute(trx);
      await trx.insertInto('schema_migrations').values({ name }).execute();
      return true;
    });
    if (done) applied.push(name);
  }
  return applied;
}
