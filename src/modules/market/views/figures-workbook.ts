import type { Lang } from '../../../platform/i18n/i18n.js';
import { regionShort } from '../../monitoring/monitoring.common.js';
import { book, done, headingOf, table, type Cell } from '../../monitoring/views/workbooks.js';
import type { MarketDashboard } from '../figures.service.js';
import { FIGURE_HEADERS } from './office-pages.js';

/** The market figures as a workbook: one row per region and the total row, numbers as numbers (rupiah are whole). */
export async function marketWorkbook(d: MarketDashboard, lang: Lang): Promise<Buffer> {
  const wb = book();
  const h = headingOf(d.scope, lang, [[lang === 'en' ? 'Year' : 'Tahun', d.year]]);
  const t = d.totals;
  table(wb, lang === 'en' ? 'By region' : 'Per wilayah', h, FIGURE_HEADERS[lang], [
    ...d.rows.map((r): Cell[] => [r.code, regionShort(r), r.activated, r.bumdes, r.umkm, r.koperasi, r.products, r.orders, r.items, Number(r.value), Number(r.bumdesValue)]),
    [null, lang === 'en' ? 'Total' : 'Jumlah', t.activated, t.bumdes, t.umkm, t.koperasi, t.products, t.orders, t.items, Number(t.value), Number(t.bumdesValue)],
  ]);
  return done(wb);
}
