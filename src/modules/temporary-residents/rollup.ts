import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/**
 * The village's row of monitoring_temporary_residents counted again from the register: in the
 * same transaction as every record, departure and correction (the staying ones are few and on a
 * partial index), and by `balai rebuild-rollups`. Counts only, never a name.
 */
export async function recountTemporaryResidents(trx: Transaction<Database>, village: string) {
  const n = (await sql<{ staying: number; foreigners: number }>`
    select count(*)::int as staying, count(*) filter (where citizenship = 2)::int as foreigners
    from temporary_residents where village_code = ${village} and corrected_at is null and departed_on is null`.execute(trx)).rows[0]!;
  // The time as a value: Citus runs no now() in the update of a distributed table.
  await sql`insert into monitoring_temporary_residents (village_code, staying, foreigners, updated_at)
    values (${village}, ${n.staying}, ${n.foreigners}, ${new Date()}::timestamptz)
    on conflict (village_code) do update set staying = excluded.staying, foreigners = excluded.foreigners, updated_at = excluded.updated_at`.execute(trx);
}
