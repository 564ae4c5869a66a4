import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/**
 * The farmer card's rollups for the levels above (no personal data), written in the transaction
 * that changes what they count: live, with no sync step.
 */

/** Farmers, Poktan and hectares of the village, and farmers and hectares per year and commodity: recounted (a village holds hundreds of farmers). */
export async function refreshFarmRollup(trx: Transaction<Database>, village: string) {
  await sql`insert into monitoring_farmers (village_code, farmers, poktan, hectares, updated_at)
    select ${village},
      (select count(*)::int from farmers where village_code = ${village}),
      (select count(*)::int from farmer_groups where village_code = ${village} and kind = 'poktan'),
      (select coalesce(sum(area_ha), 0) from farm_parcels where village_code = ${village} and ended_on is null),
      now()
    on conflict (village_code) do update set farmers = excluded.farmers, poktan = excluded.poktan, hectares = excluded.hectares, updated_at = excluded.updated_at`.execute(trx);
  await trx.deleteFrom('monitoring_farm_crops').where('village_code', '=', village).execute();
  await sql`insert into monitoring_farm_crops (village_code, year, commodity, farmers, hectares)
    select village_code, year, commodity, count(distinct farmer_id)::int, sum(area_ha)
    from farm_crops where village_code = ${village} group by village_code, year, commodity`.execute(trx);
}

/** A year's fertiliser allocation per type changes by `delta` (an approval replaces an earlier version's). */
export async function addAllocated(trx: Transaction<Database>, village: string, year: number, fertiliser: string, delta: string) {
  await sql`insert into monitoring_fertiliser (village_code, year, fertiliser, allocated) values (${village}, ${year}, ${fertiliser}, ${delta}::numeric)
    on conflict (village_code, year, fertiliser) do update set allocated = monitoring_fertiliser.allocated + excluded.allocated`.execute(trx);
}

/** A redemption: the village's redeemed quantity and the kiosk's day, one statement each for all its fertilisers. */
export async function addRedeemed(trx: Transaction<Database>, village: string, year: number, kioskId: number, day: string, items: { fertiliser: string; quantity: string }[]) {
  const fertiliser = sql.join(items.map((i) => sql`(${village}, ${year}, ${i.fertiliser}, ${i.quantity}::numeric)`));
  await sql`insert into monitoring_fertiliser (village_code, year, fertiliser, redeemed) values ${fertiliser}
    on conflict (village_code, year, fertiliser) do update set redeemed = monitoring_fertiliser.redeemed + excluded.redeemed`.execute(trx);
  const days = sql.join(items.map((i) => sql`(${village}, ${kioskId}, ${day}::date, ${i.fertiliser}, ${i.quantity}::numeric, 1)`));
  await sql`insert into monitoring_kiosk_days (village_code, kiosk_id, day, fertiliser, quantity, redemptions) values ${days}
    on conflict (village_code, kiosk_id, day, fertiliser) do update set quantity = monitoring_kiosk_days.quantity + excluded.quantity, redemptions = monitoring_kiosk_days.redemptions + 1`.execute(trx);
}

/** Every farmer rollup of a village counted again from its rows (`balai rebuild-rollups`). */
export async function rebuildFarmRollups(trx: Transaction<Database>, village: string) {
  await refreshFarmRollup(trx, village);
  await trx.deleteFrom('monitoring_fertiliser').where('village_code', '=', village).execute();
  await sql`insert into monitoring_fertiliser (village_code, year, fertiliser, allocated, redeemed)
    select village_code, year, fertiliser, sum(allocated), sum(redeemed) from farm_allocations where village_code = ${village} group by village_code, year, fertiliser`.execute(trx);
  await trx.deleteFrom('monitoring_kiosk_days').where('village_code', '=', village).execute();
  await sql`insert into monitoring_kiosk_days (village_code, kiosk_id, day, fertiliser, quantity, redemptions)
    select d.village_code, d.kiosk_id, d.redeemed_on, i.fertiliser, sum(i.quantity), count(*)::int
    from farm_redemptions d join farm_redemption_items i on i.village_code = d.village_code and i.redemption_id = d.id
    where d.village_code = ${village} group by d.village_code, d.kiosk_id, d.redeemed_on, i.fertiliser`.execute(trx);
}
