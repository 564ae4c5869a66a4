import type { Context } from 'hono';
import { formatDate, formatNumber } from '../../../platform/format/format.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { Layout } from '../../../platform/http/views/layout.js';
import { REPORT_LINES, type MonthlyReport, type MonthlyRow } from '../report.service.js';
import { PopulationNav } from './list-page.js';
import { reportWords } from './report-words.js';

type Group = Pick<MonthlyReport, 'male' | 'female' | 'total'>;

/** The three groups of columns, each L, P, L+P: what the village prints and sends up. */
export const reportGroups = (r: MonthlyReport) => [['wni', r.wni], ['wna', r.wna], ['all', { male: r.male, female: r.female, total: r.total }]] as const;
export const cellsOf = (g: Group, line: keyof Omit<MonthlyRow, 'sex'>) => [g.male[line], g.female[line], g.total[line]];

/** "Kepala Desa Hanura": who signs, from the village profile. */
export const signerTitle = (r: MonthlyReport, w: ReturnType<typeof reportWords>) => `${w.head[r.signature.kind] ?? w.head.desa} ${r.signature.villageName}`;
/** "NIP 1968…" for a civil servant's 18 digits, else the village's own staff number (NIPD). */
export const staffNumberLine = (nip: string, w: ReturnType<typeof reportWords>) => `${nip.length > 10 ? w.nip : w.nipd} ${nip}`;

export function MonthlyReportPage({ c, report }: { c: Context<AppEnv>; report: MonthlyReport }) {
  const lang = c.get('lang');
  const w = reportWords(lang);
  const n = (x: number) => formatNumber(x, lang);
  const period = `${w.months[report.month - 1]} ${report.year}`;
  const s = report.signature;
  return (
    <Layout c={c} title={`${w.title} · ${period}`} guide="penduduk">
      <PopulationNav c={c} village={report.village} />
      <form method="get" class="search">
        <label>{w.month}<select name="bulan">{w.months.map((m, i) => <option value={String(i + 1)} selected={i + 1 === report.month}>{m}</option>)}</select></label>
        <label>{w.year}<input name="tahun" type="number" value={String(report.year)} min="1900" max="2200" inputmode="numeric" /></label>
        <button type="submit">{w.show}</button>
      </form>
      <p class="no-print"><a href={`/desa/${report.village}/laporan-bulanan.xlsx?tahun=${report.year}&bulan=${report.month}`} download>{w.excel}</a> · <span class="muted">{w.print}</span></p>
      <section class="monthly-report">
        <p class="report-heading"><strong>{w.heading}</strong><br />{s.villageName} ({report.village}) · {w.month} {period}</p>
        <div class="scroll">
          <table id="laporan-penduduk" aria-label={w.population}>
            <thead>
              <tr><th rowspan={2} scope="col">{w.detail}</th>{reportGroups(report).map(([key]) => <th colspan={3} scope="colgroup" class="num">{w[key]}</th>)}</tr>
              <tr>{reportGroups(report).map(() => [w.m, w.f, w.mf].map((h) => <th scope="col" class="num">{h}</th>))}</tr>
            </thead>
            <tbody>
              {REPORT_LINES.map((line) => (
                <tr class={line === 'start' || line === 'end' ? 'report-total' : undefined}>
                  <th scope="row">{w[line]}</th>
                  {reportGroups(report).map(([, g]) => cellsOf(g, line).map((x) => <td class="num">{n(x)}</td>))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="muted">{w.definition} {w.citizenshipNote}</p>
        <table id="laporan-keluarga" aria-label={w.families}>
          <thead><tr><th scope="col">{w.families}</th><th scope="col" class="num">{w.count}</th></tr></thead>
          <tbody>
            <tr><th scope="row">{w.familiesStart}</th><td class="num">{n(report.families.start)}</td></tr>
            <tr><th scope="row">{w.familiesAdded}</th><td class="num">{n(report.families.added)}</td></tr>
            <tr><th scope="row">{w.familiesEnded}</th><td class="num">{n(report.families.ended)}</td></tr>
            <tr><th scope="row">{w.familiesEnd}</th><td class="num">{n(report.families.end)}</td></tr>
          </tbody>
        </table>
        <p class="muted">{w.familiesNote}</p>
        <div class="signature">
          <p>{s.place}, {formatDate(s.date, lang)}</p>
          <p>{signerTitle(report, w)}</p>
          <p class="signature-name"><strong>{s.name ?? '………………………………'}</strong></p>
          {s.nip && <p>{staffNumberLine(s.nip, w)}</p>}
          {!s.name && <p class="muted no-print">{w.noHead}</p>}
        </div>
      </section>
    </Layout>
  );
}
