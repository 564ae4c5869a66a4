import type { Lang } from '../../../platform/i18n/i18n.js';
import { shareOf } from '../../../platform/format/format.js';
import { regionShort } from '../../monitoring/monitoring.common.js';
import { book, done, headingOf, table, type Cell } from '../../monitoring/views/workbooks.js';
import { toUnits } from '../catalog.js';
import type { FarmerDashboard } from '../figures.service.js';
import { FIGURE_TEXT } from './figures-page.js';

/**
 * The farmer figures page as a workbook: the summary, the rows per region with their allocation
 * and redemption, the planted area per commodity, the kiosks' stock — each table with its total
 * row, numbers stored as numbers so the meeting can sum and chart them again.
 */
const num = (v: string) => Number(v);
const share = (part: string, whole: string) => shareOf(toUnits(part), toUnits(whole), 1);

export async function farmerWorkbook(d: FarmerDashboard, lang: Lang): Promise<Buffer> {
  const w = FIGURE_TEXT[lang];
  const en = lang === 'en';
  const wb = book();
  const h = headingOf(d.scope, lang, [[w.year, d.year]]);
  const t = d.totals;
  const code = en ? 'Code' : 'Kode';
  const name = d.scope.level >= 3 ? w.village : w.region;

  table(wb, en ? 'Summary' : 'Ringkasan', h, [en ? 'Figure' : 'Angka', w.total], [
    [w.activated, t.activated], [w.farmers, t.farmers], [w.poktan, t.poktan], [w.hectares, num(t.hectares)], [`${w.planted} ${d.year}`, num(t.plantedTotal)],
    ...d.types.flatMap((f): Cell[][] => [
      [w.barAllocated(f.name), num(t.allocated[f.code]!)], [w.barRedeemed(f.name), num(t.redeemed[f.code]!)], [`${f.name} ${w.share.toLowerCase()}`, share(t.redeemed[f.code]!, t.allocated[f.code]!)],
    ]),
    ...d.types.flatMap((f): Cell[][] => [[w.receivedOf(f.name), num(d.stock.totals.received[f.code]!)], [w.handedOutOf(f.name), num(d.stock.totals.handedOut[f.code]!)]]),
  ]);

  const fertiliserColumns = d.types.flatMap((f) => [w.barAllocated(f.name), w.barRedeemed(f.name), `${f.name} ${w.share.toLowerCase()}`]);
  const fertiliserCells = (r: { allocated: Record<string, string>; redeemed: Record<string, string> }) =>
    d.types.flatMap((f) => [num(r.allocated[f.code]!), num(r.redeemed[f.code]!), share(r.redeemed[f.code]!, r.allocated[f.code]!)]);
  table(wb, en ? 'By region' : 'Per wilayah', h, [code, name, w.activated, w.farmers, w.poktan, w.hectares, `${w.planted} ${d.year}`, ...fertiliserColumns], [
    ...d.rows.map((r): Cell[] => [r.code, regionShort(r), r.activated, r.farmers, r.poktan, num(r.hectares), num(r.plantedTotal), ...fertiliserCells(r)]),
    [null, w.total, t.activated, t.farmers, t.poktan, num(t.hectares), num(t.plantedTotal), ...fertiliserCells(t)],
  ]);

  const cropName = (k: { name: string; name_en: string }) => `${en ? k.name_en : k.name} (ha)`;
  table(wb, en ? 'Planted area' : 'Luas tanam', h, [code, name, ...d.commodities.map(cropName), `${w.total} (ha)`], [
    ...d.rows.map((r): Cell[] => [r.code, regionShort(r), ...d.commodities.map((k) => num(r.planted[k.code]!)), num(r.plantedTotal)]),
    [null, w.total, ...d.commodities.map((k) => num(t.planted[k.code]!)), num(t.plantedTotal)],
  ]);
  table(wb, en ? 'Commodities' : 'Komoditas', h, [w.commodity, w.cropFarmers, w.planted], d.commodities.map((k) => [en ? k.name_en : k.name, k.farmers, num(k.hectares)]));

  const s = d.stock;
  const byRegion = s.by === 'region';
  const stockCells = (r: { received: Record<string, string>; handedOut: Record<string, string> }) => d.types.flatMap((f) => [num(r.received[f.code]!), num(r.handedOut[f.code]!)]);
  table(wb, en ? 'Kiosk stock' : 'Stok kios', h, [byRegion ? code : 'ID', byRegion ? w.region : w.kiosk, byRegion ? w.kiosks : (en ? 'Address' : 'Alamat'), ...d.types.flatMap((f) => [w.receivedOf(f.name), w.handedOutOf(f.name)])], [
    ...s.rows.map((r): Cell[] => [r.key, r.kind === 'kiosk' ? r.name : regionShort({ name: r.name, kind: r.kind }), byRegion ? r.kiosks : r.address, ...stockCells(r)]),
    [null, w.total, byRegion ? s.totals.kiosks : null, ...stockCells(s.totals)],
  ]);
  return done(wb);
}
