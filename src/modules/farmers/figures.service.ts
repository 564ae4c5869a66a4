import type { UseCaseContext } from '../../platform/context.js';
import type { RegionKind } from '../../platform/db/schema.js';
import { todayInWib } from '../../platform/format/format.js';
import { badRequest } from '../../platform/http/errors.js';
import { monitoringScope } from '../monitoring/monitoring.common.js';
import { activatedByChild, regionChildren } from '../monitoring/monitoring.repository.js';
import { commodities, fertiliserTypes, fromUnits, toUnits } from './catalog.js';
import * as repo from './figures.repository.js';

/**
 * The farmer card's figures for a village, district, regency or province (issue 16, item 7):
 * per child region (a village shows itself) the farmers registered, their Poktan and hectares,
 * the year's planted hectares by commodity, the RDKK allocation against what was redeemed per
 * fertiliser, and the kiosks' stock movement. From the rollups the farmer card writes in the
 * transaction of each change: live, no sync step. Quantities stay exact decimal text; totals are
 * summed from the rows (in units of 1/10,000), so they always equal the sum of what is shown.
 */

/** Exact decimals per key ('urea' → '150.5'). */
export type Quantities = Record<string, string>;

export interface FigureRow {
  code: string;
  name: string;
  kind: RegionKind | 'nasional';
  activated: number;
  farmers: number;
  poktan: number;
  hectares: string;
  /** Planted hectares in the year per commodity, and all of them. */
  planted: Quantities;
  plantedTotal: string;
  allocated: Quantities;
  redeemed: Quantities;
}

export interface StockFigure {
  /** A child region's code, or a kiosk's id. */
  key: string;
  name: string;
  kind: RegionKind | 'nasional' | 'kiosk';
  /** A kiosk's address (rows of kiosks). */
  address: string | null;
  kiosks: number;
  received: Quantities;
  handedOut: Quantities;
}

const add = (a: string, b: string) => fromUnits(toUnits(a) + toUnits(b));
const sumOf = (values: string[]) => fromUnits(values.reduce((s, v) => s + toUnits(v), 0n));

/** The sum of every row's quantities, key by key. */
function sumKeys(rows: Quantities[], keys: string[]): Quantities {
  return Object.fromEntries(keys.map((k) => [k, sumOf(rows.map((r) => r[k] ?? '0'))]));
}

/** Rows of (key, item, quantity) as key → item → quantity, with every item present. */
function byKey(rows: { key: string; item: string; quantity: string }[], items: string[]): Map<string, Quantities> {
  const out = new Map<string, Quantities>();
  for (const r of rows) {
    const q = out.get(r.key) ?? Object.fromEntries(items.map((i) => [i, '0']));
    q[r.item] = add(q[r.item] ?? '0', r.quantity);
    out.set(r.key, q);
  }
  return out;
}
const zero = (items: string[]): Quantities => Object.fromEntries(items.map((i) => [i, '0']));

export function parseFigureYear(input: string | undefined): number {
  if (input === undefined || input.trim() === '') return Number(todayInWib().slice(0, 4));
  const s = input.trim();
  if (!/^\d{4}$/.test(s) || Number(s) < 2000 || Number(s) > 2100) throw badRequest('budget.year', 'tahun');
  return Number(s);
}

export async function farmerDashboard(ctx: UseCaseContext, regionCode: string, yearInput: string | undefined) {
  const scope = await monitoringScope(ctx, regionCode);
  const year = parseFigureYear(yearInput);
  const db = ctx.db.kysely;
  const village = scope.level === 4;
  const L = scope.childLength ?? scope.code.length;
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const [children, activated, farmers, crops, fertiliser, types, commodityList, stock] = await Promise.all([
    village ? Promise.resolve([{ code: scope.code, name: scope.name, kind: scope.kind }]) : regionChildren(db, scope.code),
    activatedByChild(db, scope.code, L),
    repo.farmersByChild(db, scope.code, L),
    repo.cropsByChild(db, scope.code, L, year),
    repo.fertiliserByChild(db, scope.code, L, year),
    fertiliserTypes(db),
    commodities(db),
    scope.level >= 3 ? repo.stockByKiosk(db, scope.code, scope.level, from, to) : repo.stockByChild(db, scope.code, L, from, to),
  ]);
  const typeCodes = types.map((t) => t.code);
  // The commodities grown somewhere in the scope this year, in the catalogue's order.
  const grown = commodityList.filter((c) => crops.some((r) => r.commodity === c.code));
  const cropCodes = grown.map((c) => c.code);

  const on = new Map(activated.map((r) => [r.child, r.activated]));
  const f = new Map(farmers.map((r) => [r.child, r]));
  const planted = byKey(crops.map((r) => ({ key: r.child, item: r.commodity, quantity: r.hectares })), cropCodes);
  const allocated = byKey(fertiliser.map((r) => ({ key: r.child, item: r.fertiliser, quantity: r.allocated })), typeCodes);
  const redeemed = byKey(fertiliser.map((r) => ({ key: r.child, item: r.fertiliser, quantity: r.redeemed })), typeCodes);

  const rows: FigureRow[] = children.map((c) => {
    const p = planted.get(c.code) ?? zero(cropCodes);
    return {
      code: c.code, name: c.name, kind: c.kind, activated: on.get(c.code) ?? 0,
      farmers: f.get(c.code)?.farmers ?? 0, poktan: f.get(c.code)?.poktan ?? 0, hectares: sumOf([f.get(c.code)?.hectares ?? '0']),
      planted: p, plantedTotal: sumOf(Object.values(p)),
      allocated: allocated.get(c.code) ?? zero(typeCodes), redeemed: redeemed.get(c.code) ?? zero(typeCodes),
    };
  });

  const stockRows = stockFigures(scope.level, children, stock, typeCodes);
  const cropFarmers = new Map<string, number>();
  for (const r of crops) cropFarmers.set(r.commodity, (cropFarmers.get(r.commodity) ?? 0) + r.farmers);
  const plantedTotals = sumKeys(rows.map((r) => r.planted), cropCodes);

  return {
    scope, year, types, rows,
    commodities: grown.map((c) => ({ ...c, farmers: cropFarmers.get(c.code) ?? 0, hectares: plantedTotals[c.code]! })),
    totals: {
      activated: rows.reduce((n, r) => n + r.activated, 0),
      farmers: rows.reduce((n, r) => n + r.farmers, 0),
      poktan: rows.reduce((n, r) => n + r.poktan, 0),
      hectares: sumOf(rows.map((r) => r.hectares)),
      planted: plantedTotals,
      plantedTotal: sumOf(rows.map((r) => r.plantedTotal)),
      allocated: sumKeys(rows.map((r) => r.allocated), typeCodes),
      redeemed: sumKeys(rows.map((r) => r.redeemed), typeCodes),
    },
    stock: {
      /** Rows of child regions above the district; of kiosks in a district (standing there) and a village (serving it). */
      by: scope.level >= 3 ? ('kiosk' as const) : ('region' as const),
      rows: stockRows,
      totals: {
        kiosks: stockRows.reduce((n, r) => n + r.kiosks, 0),
        received: sumKeys(stockRows.map((r) => r.received), typeCodes),
        handedOut: sumKeys(stockRows.map((r) => r.handedOut), typeCodes),
      },
    },
  };
}
export type FarmerDashboard = Awaited<ReturnType<typeof farmerDashboard>>;

type Stock = Awaited<ReturnType<typeof repo.stockByChild>> | Awaited<ReturnType<typeof repo.stockByKiosk>>;

/** The stock rows: the child regions that have a kiosk, or the kiosks themselves. */
function stockFigures(level: number, children: { code: string; name: string; kind: RegionKind | 'nasional' }[], stock: Stock, types: string[]): StockFigure[] {
  const received = byKey(stock.received.map((r) => ({ key: r.key, item: r.fertiliser, quantity: r.quantity })), types);
  const handed = byKey(stock.handed.map((r) => ({ key: r.key, item: r.fertiliser, quantity: r.quantity })), types);
  const figures = (key: string) => ({ received: received.get(key) ?? zero(types), handedOut: handed.get(key) ?? zero(types) });
  if (level >= 3) {
    return (stock.kiosks as { id: string; name: string; address: string }[]).map((k) => ({ key: k.id, name: k.name, kind: 'kiosk' as const, address: k.address, kiosks: 1, ...figures(k.id) }));
  }
  const count = new Map((stock.kiosks as { key: string; kiosks: number }[]).map((k) => [k.key, k.kiosks]));
  return children
    .filter((c) => count.has(c.code) || received.has(c.code) || handed.has(c.code))
    .map((c) => ({ key: c.code, name: c.name, kind: c.kind, address: null, kiosks: count.get(c.code) ?? 0, ...figures(c.code) }));
}
