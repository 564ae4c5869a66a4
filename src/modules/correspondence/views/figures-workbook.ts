import type { Lang } from '../../../platform/i18n/i18n.js';
import { regionShort } from '../../monitoring/monitoring.common.js';
import { book, done, headingOf, table, type Cell } from '../../monitoring/views/workbooks.js';
import type { MailDashboard } from '../figures.service.js';
import { MAIL_FIGURE_HEADERS } from './pages.js';

/** The incoming-mail figures as a workbook: one row per region and the total row. */
export async function mailWorkbook(d: MailDashboard, lang: Lang): Promise<Buffer> {
  const wb = book();
  const h = headingOf(d.scope, lang, [[lang === 'en' ? 'Year' : 'Tahun', d.year]]);
  const t = d.totals;
  table(wb, lang === 'en' ? 'By region' : 'Per wilayah', h, MAIL_FIGURE_HEADERS[lang], [
    ...d.rows.map((r): Cell[] => [r.code, regionShort(r), r.activated, r.received, r.routed, r.done, r.doneLate]),
    [null, lang === 'en' ? 'Total' : 'Jumlah', t.activated, t.received, t.routed, t.done, t.doneLate],
  ]);
  return done(wb);
}
