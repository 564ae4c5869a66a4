import { sql } from 'kysely';
import type { UseCaseContext } from '../../platform/context.js';
import { child, within } from './monitoring.repository.js';
import { byChild, figuresByChild, totalsOf, type ChildRegion } from './region-figures.js';

/**
 * The village offices' administration for a village, district, regency or province — what the
 * district checks when it inspects the buku administrasi desa: per child region, the villages
 * keeping their register of regulations and their inventory, the Perdes, Perkades and decisions
 * in force, the inventory still held and its value, the village's own land. From the rollup the
 * use cases write (monitoring_office): counts and sums, no title, no item, no name.
 */
export interface OfficeFigureRow extends ChildRegion {
  villagesWithRegulations: number; perdes: number; perkades: number; kepkades: number;
  villagesWithInventory: number; assetItems: number; assetValue: bigint; landParcels: number; landAreaM2: number;
}

export async function officeDashboard(ctx: UseCaseContext, regionCode: string) {
  const { scope, rows } = await figuresByChild(ctx, regionCode, async (db, scope, L) => {
    const office = byChild((await sql<{ child: string; with_regulations: number; perdes: number; perkades: number; kepkades: number; with_inventory: number; items: number; value: string; parcels: number; area: string }>`
      select ${child('village_code', L)} as child,
        count(*) filter (where perdes + perkades + kepkades > 0)::int as with_regulations, sum(perdes)::int as perdes, sum(perkades)::int as perkades, sum(kepkades)::int as kepkades,
        count(*) filter (where asset_items > 0)::int as with_inventory, sum(asset_items)::int as items, sum(asset_value)::text as value,
        sum(land_parcels)::int as parcels, sum(land_area_m2)::text as area
      from monitoring_office where ${within('village_code', scope.code)} group by 1`.execute(db)).rows);
    return (c) => {
      const m = office.get(c.code);
      return {
        villagesWithRegulations: m?.with_regulations ?? 0, perdes: m?.perdes ?? 0, perkades: m?.perkades ?? 0, kepkades: m?.kepkades ?? 0,
        villagesWithInventory: m?.with_inventory ?? 0, assetItems: m?.items ?? 0, assetValue: BigInt(m?.value ?? '0'),
        landParcels: m?.parcels ?? 0, landAreaM2: Number(m?.area ?? 0),
      };
    };
  });
  // Rupiah summed as whole numbers (a province's inventory passes what a double holds exactly).
  const totals = totalsOf(rows, {
    activated: 0, villagesWithRegulations: 0, perdes: 0, perkades: 0, kepkades: 0, villagesWithInventory: 0, assetItems: 0, assetValue: 0n, landParcels: 0, landAreaM2: 0,
  });
  return { scope, rows: rows as OfficeFigureRow[], totals };
}
export type OfficeDashboard = Awaited<ReturnType<typeof officeDashboard>>;
