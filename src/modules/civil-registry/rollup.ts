import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/**
 * The village's row of monitoring_civil_registry counted again from its reports and comparisons,
 * by `balai rebuild-rollups` (the use cases keep it as they go): reports made, the last one's
 * day, the last comparison's day. No personal data.
 */
export async function recountCivilRegistry(trx: Transaction<Database>, village: string) {
  const n = (await sql<{ reports: number; last_report_on: string | null; last_import_on: string | null }>`select
      (select count(*)::int from civil_registry_reports where village_code = ${village}) as reports,
      (select max(period_to) from civil_registry_reports where village_code = ${village}) as last_report_on,
      (select max((uploaded_at at time zone 'Asia/Jakarta')::date) from civil_registry_imports where village_code = ${village}) as last_import_on`.execute(trx)).rows[0]!;
  // The time as a value: Citus runs no now() in the update of a distributed table.
  await sql`insert into monitoring_civil_registry (village_code, reports, last_report_on, last_import_on, updated_at)
    values (${village}, ${n.reports}, ${n.last_report_on}::date, ${n.last_import_on}::date, ${new Date()}::timestamptz)
    on conflict (village_code) do update set reports = excluded.reports, last_report_on = excluded.last_report_on,
      last_import_on = excluded.last_import_on, updated_at = excluded.updated_at`.execute(trx);
}
