import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { child, within } from '../monitoring/monitoring.repository.js';

/**
 * The farmer card's figures above the village: the rollups only (monitoring_farmers,
 * monitoring_farm_crops, monitoring_fertiliser, monitoring_kiosk_days) and the kiosks' own small
 * tables (farm_kiosks, farm_kiosk_stock, farm_kiosk_villages). No farmer, no resident, no NIK.
 * Quantities are summed in SQL and come back as decimal text: no float on the way.
 *
 * `code` is the region ('' = the whole country); `childLength` the length of a child's code,
 * so `left(village_code, childLength)` names the row it is counted in.
 */
type Q = Kysely<Database> | Transaction<Database>;

/** Farmers, Poktan and hectares of active parcels per child region. */
export async function farmersByChild(db: Q, code: string, childLength: number) {
  const r = await sql<{ child: string; farmers: number; poktan: number; hectares: string }>`
    select ${child('village_code', childLength)} as child, sum(farmers)::int as farmers, sum(poktan)::int as poktan, sum(hectares)::text as hectares
    from monitoring_farmers where ${within('village_code', code)} group by 1`.execute(db);
  return r.rows;
}

/** The year's planted hectares and farmers per child region and commodity (every season of the year). */
export async function cropsByChild(db: Q, code: string, childLength: number, year: number) {
  const r = await sql<{ child: string; commodity: string; farmers: number; hectares: string }>`
    select ${child('village_code', childLength)} as child, commodity, sum(farmers)::int as farmers, sum(hectares)::text as hectares
    from monitoring_farm_crops where year = ${year} and ${within('village_code', code)} group by 1, 2`.execute(db);
  return r.rows;
}

/** The year's RDKK allocation and what was redeemed, per child region and fertiliser. */
export async function fertiliserByChild(db: Q, code: string, childLength: number, year: number) {
  const r = await sql<{ child: string; fertiliser: string; allocated: string; redeemed: string }>`
    select ${child('village_code', childLength)} as child, fertiliser, sum(allocated)::text as allocated, sum(redeemed)::text as redeemed
    from monitoring_fertiliser where year = ${year} and ${within('village_code', code)} group by 1, 2`.execute(db);
  return r.rows;
}

export interface StockRow {
  /** The child region's code, or the kiosk's id. */
  key: string;
  fertiliser: string;
  quantity: string;
}

/**
 * Above the district: per child region, the kiosks standing in it (their district lies in the
 * child), what they received in the period and what they handed out to the villages of the
 * scope (a kiosk serves villages of its own regency: farmers.kiosks is a regency's permission).
 */
export async function stockByChild(db: Q, code: string, childLength: number, from: string, to: string) {
  const [kiosks, received, handed] = await Promise.all([
    sql<{ key: string; kiosks: number }>`
      select ${child('region_code', childLength)} as key, count(*)::int as kiosks from farm_kiosks where ${within('region_code', code)} group by 1`.execute(db),
    sql<StockRow>`
      select ${child('k.region_code', childLength)} as key, s.fertiliser, sum(s.quantity)::text as quantity
      from farm_kiosk_stock s join farm_kiosks k on k.id = s.kiosk_id
      where ${within('k.region_code', code)} and s.received_on >= ${from}::date and s.received_on < ${to}::date group by 1, 2`.execute(db),
    sql<StockRow>`
      select ${child('k.region_code', childLength)} as key, d.fertiliser, sum(d.quantity)::text as quantity
      from monitoring_kiosk_days d join farm_kiosks k on k.id = d.kiosk_id
      where ${within('d.village_code', code)} and ${within('k.region_code', code)} and d.day >= ${from}::date and d.day < ${to}::date group by 1, 2`.execute(db),
  ]);
  return { kiosks: kiosks.rows, received: received.rows, handed: handed.rows };
}

/**
 * A district: the kiosks standing in it. A village: the kiosks that serve it. Each with what it
 * received and handed out in the period (to every village it serves: its stock is one).
 */
export async function stockByKiosk(db: Q, code: string, level: number, from: string, to: string) {
  const kiosks = await sql<{ id: string; name: string; address: string; region_code: string }>`
    select id::text as id, name, address, region_code from farm_kiosks
    where ${level === 4 ? sql`id in (select kiosk_id from farm_kiosk_villages where village_code = ${code})` : sql`region_code = ${code}`}
    order by name, id`.execute(db);
  const ids = kiosks.rows.map((k) => Number(k.id));
  if (ids.length === 0) return { kiosks: [], received: [], handed: [] };
  const [received, handed] = await Promise.all([
    sql<StockRow>`
      select kiosk_id::text as key, fertiliser, sum(quantity)::text as quantity from farm_kiosk_stock
      where kiosk_id in (${sql.join(ids)}) and received_on >= ${from}::date and received_on < ${to}::date group by 1, 2`.execute(db),
    sql<StockRow>`
      select kiosk_id::text as key, fertiliser, sum(quantity)::text as quantity from monitoring_kiosk_days
      where kiosk_id in (${sql.join(ids)}) and day >= ${from}::date and day < ${to}::date group by 1, 2`.execute(db),
  ]);
  return { kiosks: kiosks.rows, received: received.rows, handed: handed.rows };
}
