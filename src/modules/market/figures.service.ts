import { sql } from 'kysely';
import type { UseCaseContext } from '../../platform/context.js';
import { child, within } from '../monitoring/monitoring.repository.js';
import { byChild, figuresByChild, totalsOf, type ChildRegion } from '../monitoring/region-figures.js';
import { parseFigureYear } from '../farmers/figures.service.js';

/**
 * The marketplace's figures for a village, district, regency or province (issue 17, item 7):
 * per child region the verified sellers by kind, the products on sale, and the year's orders,
 * their value and the items sold (cancelled ones taken out), the BUMDes's turnover among them.
 * From the rollup the orders write (monitoring_market) and the sellers' and products' own rows:
 * live, no personal data. Money is whole rupiah as text, summed as bigint: totals equal the rows.
 */
export interface MarketFigureRow extends ChildRegion {
  bumdes: number; umkm: number; koperasi: number; products: number;
  orders: number; items: number; value: string; bumdesValue: string;
}

export async function marketDashboard(ctx: UseCaseContext, regionCode: string, yearInput: string | undefined) {
  const year = parseFigureYear(yearInput);
  const { scope, rows } = await figuresByChild(ctx, regionCode, async (db, scope, L) => {
    const [sellers, products, sales] = await Promise.all([
      sql<{ child: string; kind: string; n: number }>`
        select ${child('village_code', L)} as child, kind, count(*)::int as n from market_sellers
        where status = 'verified' and ${within('village_code', scope.code)} group by 1, 2`.execute(db),
      sql<{ child: string; n: number }>`
        select ${child('p.village_code', L)} as child, count(*)::int as n from market_products p
        join market_sellers s on s.village_code = p.village_code and s.id = p.seller_id
        where p.active and s.status = 'verified' and ${within('p.village_code', scope.code)} group by 1`.execute(db),
      sql<{ child: string; seller_kind: string; orders: number; items: number; value: string }>`
        select ${child('village_code', L)} as child, seller_kind, sum(orders)::int as orders, sum(items)::int as items, sum(value)::text as value
        from monitoring_market where day >= ${`${year}-01-01`}::date and day < ${`${year + 1}-01-01`}::date and ${within('village_code', scope.code)} group by 1, 2`.execute(db),
    ]);
    const onSale = byChild(products.rows);
    return (c) => {
      const s = (kind: string) => sellers.rows.find((r) => r.child === c.code && r.kind === kind)?.n ?? 0;
      const mine = sales.rows.filter((r) => r.child === c.code);
      return {
        bumdes: s('bumdes'), umkm: s('umkm'), koperasi: s('koperasi'), products: onSale.get(c.code)?.n ?? 0,
        orders: mine.reduce((n, r) => n + r.orders, 0), items: mine.reduce((n, r) => n + r.items, 0),
        value: mine.reduce((n, r) => n + BigInt(r.value), 0n).toString(),
        bumdesValue: mine.filter((r) => r.seller_kind === 'bumdes').reduce((n, r) => n + BigInt(r.value), 0n).toString(),
      };
    };
  });
  return {
    scope, year, rows: rows as MarketFigureRow[],
    totals: {
      ...totalsOf(rows, { activated: 0, bumdes: 0, umkm: 0, koperasi: 0, products: 0, orders: 0, items: 0 }),
      // Money is text of whole rupiah: summed as bigint.
      value: rows.reduce((n, r) => n + BigInt(r.value), 0n).toString(), bumdesValue: rows.reduce((n, r) => n + BigInt(r.bumdesValue), 0n).toString(),
    },
  };
}
export type MarketDashboard = Awaited<ReturnType<typeof marketDashboard>>;
