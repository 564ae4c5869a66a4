import { sql, type Transaction } from 'kysely';
import { writeWithAudit, type Audit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';

/**
 * The village's row of monitoring_office counted again from its register of regulations, its
 * inventory and its land: in the transaction of every change to them (a village keeps tens to a
 * few hundred rows, read on their primary key) and by `balai rebuild-rollups`. Counts and sums only.
 */
export async function recountOffice(trx: Transaction<Database>, village: string) {
  const n = (await sql<{ perdes: number; perkades: number; kepkades: number; last_on: string | null; items: number; value: string; parcels: number; area: string }>`select
      (select count(*)::int from village_regulations where village_code = ${village} and corrected_at is null and revoked_at is null and kind = 'perdes') as perdes,
      (select count(*)::int from village_regulations where village_code = ${village} and corrected_at is null and revoked_at is null and kind in ('perkades', 'perbersama')) as perkades,
      (select count(*)::int from village_regulations where village_code = ${village} and corrected_at is null and revoked_at is null and kind = 'kepkades') as kepkades,
      (select max(set_on)::text from village_regulations where village_code = ${village} and corrected_at is null and revoked_at is null) as last_on,
      (select count(*)::int from asset_items where village_code = ${village} and disposed_on is null) as items,
      (select coalesce(sum(value), 0)::text from asset_items where village_code = ${village} and disposed_on is null) as value,
      (select count(*)::int from village_land_parcels where village_code = ${village}) as parcels,
      (select coalesce(sum(area_m2), 0)::text from village_land_parcels where village_code = ${village}) as area`.execute(trx)).rows[0]!;
  // The time as a value: Citus runs no now() in the update of a distributed table.
  await sql`insert into monitoring_office (village_code, perdes, perkades, kepkades, last_regulation_on, asset_items, asset_value, land_parcels, land_area_m2, updated_at)
    values (${village}, ${n.perdes}, ${n.perkades}, ${n.kepkades}, ${n.last_on}::date, ${n.items}, ${n.value}::numeric, ${n.parcels}, ${n.area}::numeric, ${new Date()}::timestamptz)
    on conflict (village_code) do update set perdes = excluded.perdes, perkades = excluded.perkades, kepkades = excluded.kepkades, last_regulation_on = excluded.last_regulation_on,
      asset_items = excluded.asset_items, asset_value = excluded.asset_value, land_parcels = excluded.land_parcels, land_area_m2 = excluded.land_area_m2, updated_at = excluded.updated_at`.execute(trx);
}

/** A write to the regulations, the inventory or the land, its audit and the village's recount: all land or none does. */
export function writeOfficeRecord<T>(ctx: UseCaseContext, village: string, work: (trx: Transaction<Database>, audit: Audit) => Promise<T>): Promise<T> {
  return writeWithAudit(ctx, async (trx, audit) => {
    const result = await work(trx, audit);
    await recountOffice(trx, village);
    return result;
  });
}
