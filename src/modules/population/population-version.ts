import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/**
 * The village's population version (migration 0028): moved by every change to its register,
 * in the change's own transaction; 0 before the first. What is worked out from the register
 * (a month's report, the statistics page) is kept under it and counts only while it stays.
 */
export async function populationVersion(db: Kysely<Database> | Transaction<Database>, village: string): Promise<string> {
  const row = await db.selectFrom('population_versions').select('version').where('village_code', '=', village).executeTakeFirst();
  return String(row?.version ?? 0);
}
