import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/**
 * The market's sales rollup (monitoring_market) counted again from the orders of a village
 * (`balai rebuild-rollups`): every order not cancelled, on the day it was placed (WIB), per
 * kind of seller. The orders write the same numbers as they go (orders.service.ts).
 */
export async function rebuildMarketRollup(trx: Transaction<Database>, village: string) {
  await trx.deleteFrom('monitoring_market').where('village_code', '=', village).execute();
  await sql`insert into monitoring_market (village_code, day, seller_kind, orders, value, items)
    select o.village_code, (o.placed_at at time zone 'Asia/Jakarta')::date, s.kind, count(*)::int, sum(o.total),
      sum((select sum(l.quantity) from market_order_lines l where l.village_code = o.village_code and l.order_id = o.id))::int
    from market_orders o join market_sellers s on s.village_code = o.village_code and s.id = o.seller_id
    where o.village_code = ${village} and o.status <> 'cancelled' group by 1, 2, 3`.execute(trx);
}
