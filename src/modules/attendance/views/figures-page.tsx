import type { Context } from 'hono';
import { formatNumber, titleCase } from '../../../platform/format/format.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import type { Lang } from '../../../platform/i18n/i18n.js';
import { DashboardFrame, dashboardPath } from '../../monitoring/views/frame.js';
import { book, done, headingOf, table } from '../../monitoring/views/workbooks.js';
import type { AttendanceDashboard } from '../figures.service.js';
import { ATTENDANCE_TEXT } from './attendance-text.js';

const rateText = (rate: number | null, lang: Lang) => (rate === null ? '–' : `${formatNumber(rate, lang)}%`);

/** /pantau/<code>/kehadiran: per child region, officials, present today, the month's rate and guests. */
export function AttendanceFiguresPage({ c, d }: { c: Context<AppEnv>; d: AttendanceDashboard }) {
  const lang = c.get('lang');
  const w = ATTENDANCE_TEXT[lang];
  const n = (x: number) => formatNumber(x, lang);
  const query = `?bulan=${d.month}`;
  return (
    <DashboardFrame c={c} scope={d.scope} tab="kehadiran" guide="kehadiran" query={query} excel={`${dashboardPath(d.scope.code, 'kehadiran')}.xlsx${query}`}>
      <form method="get" class="inline-form"><label>{w.month}<input type="month" name="bulan" value={d.month} /></label> <button type="submit" class="small secondary">{w.show}</button></form>
      <p>{w.figuresNote}</p>
      <DataTable aria-label={w.figuresTitle}>
        <thead><tr><th>{lang === 'en' ? 'Region' : 'Wilayah'}</th><th class="num">{w.villagesOn}</th><th class="num">{w.officials}</th><th class="num">{w.presentToday}</th><th class="num">{w.rate}</th><th class="num">{w.guests}</th></tr></thead>
        <tbody>
          {d.rows.map((r) => (
            <tr>
              <td>{d.scope.level < 4 ? <a href={`${dashboardPath(r.code, 'kehadiran')}${query}`}>{titleCase(r.name)}</a> : titleCase(r.name)}</td>
              <td class="num">{n(r.activated)}</td><td class="num">{n(r.officials)}</td><td class="num">{n(r.presentToday)}</td><td class="num">{rateText(r.rate, lang)}</td><td class="num">{n(r.guests)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot><tr>
          <th>{w.total}</th><td class="num">{n(d.totals.activated)}</td><td class="num">{n(d.totals.officials)}</td><td class="num">{n(d.totals.presentToday)}</td><td class="num">{rateText(d.totals.rate, lang)}</td><td class="num">{n(d.totals.guests)}</td>
        </tr></tfoot>
      </DataTable>
    </DashboardFrame>
  );
}

/** The same table as a workbook: numbers as numbers, the rate in percent with one decimal. */
export async function attendanceFiguresWorkbook(d: AttendanceDashboard, lang: Lang): Promise<Buffer> {
  const w = ATTENDANCE_TEXT[lang];
  const wb = book();
  table(wb, w.figuresTitle, headingOf(d.scope, lang, [[w.month, d.month], [w.workdays, d.workdays]]),
    [lang === 'en' ? 'Code' : 'Kode', lang === 'en' ? 'Region' : 'Wilayah', w.villagesOn, w.officials, w.presentToday, `${w.rate} (%)`, w.guests],
    [...d.rows.map((r) => [r.code, titleCase(r.name), r.activated, r.officials, r.presentToday, r.rate, r.guests]),
      ['', w.total, d.totals.activated, d.totals.officials, d.totals.presentToday, d.totals.rate, d.totals.guests]]);
  return done(wb);
}
