import type { Context } from 'hono';
import { formatDate, formatNumber } from '../../../platform/format/format.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { regionShort } from '../../monitoring/monitoring.common.js';
import { DashboardFrame, dashboardPath } from '../../monitoring/views/frame.js';
import type { ReportFigures } from '../figures.service.js';
import { CR_TEXT } from './text.js';

/** /pantau/<kode>/dukcapil: per child region, the villages that report to the civil registry through Balai. */
export function FiguresPage({ c, d }: { c: Context<AppEnv>; d: ReportFigures }) {
  const lang = c.get('lang');
  const w = CR_TEXT[lang];
  const n = (x: number) => formatNumber(x, lang);
  const day = (s: string | null) => (s ? formatDate(s, lang) : '-');
  return (
    <DashboardFrame c={c} scope={d.scope} tab="dukcapil" guide="dukcapil">
      <h2>{w.figuresTitle}</h2>
      <p>{w.figuresIntro}</p>
      <DataTable aria-label={w.figuresTitle}>
        <thead><tr><th>{w.region}</th><th class="num">{w.activated}</th><th class="num">{w.everReported}</th><th class="num">{w.recent}</th><th>{w.latest}</th></tr></thead>
        <tbody>
          {d.rows.map((r) => (
            <tr>
              <td>{d.scope.level < 4 ? <a href={dashboardPath(r.code, 'dukcapil')}>{regionShort(r)}</a> : regionShort(r)}</td>
              <td class="num">{n(r.activated)}</td><td class="num">{n(r.reported)}</td><td class="num">{n(r.recent)}</td><td>{day(r.latest)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot><tr><th>{w.total}</th><td class="num">{n(d.totals.activated)}</td><td class="num">{n(d.totals.reported)}</td><td class="num">{n(d.totals.recent)}</td><td>{day(d.totals.latest)}</td></tr></tfoot>
      </DataTable>
    </DashboardFrame>
  );
}
