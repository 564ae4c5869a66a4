import type { Context } from 'hono';
import { formatDate, formatNumber, formatRupiah, formatShare, titleCase } from '../../../platform/format/format.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import type { BudgetDashboard } from '../budget-dashboard.service.js';
import { ChildLink, dashboardPath, DashboardFrame } from './frame.js';

const TEXT = {
  id: {
    title: 'APBDes desa', year: 'Tahun', show: 'Tampilkan', activated: 'Desa aktif di Balai', adopted: 'Sudah menetapkan APBDes', budget: 'Anggaran belanja',
    realised: 'Realisasi belanja', share: 'Realisasi (%)', income: 'Anggaran pendapatan', realisedIncome: 'Realisasi pendapatan', region: 'Wilayah', village: 'Desa',
    regulation: 'Tanggal Perdes', lastEntry: 'Transaksi terakhir', notAdopted: 'belum ditetapkan', none: '—',
    projects: 'Proyek (terlambat)', rkpdes: 'Sudah menetapkan RKPDes', rkpdesOnTime: 'tepat waktu', rkpdesDate: 'RKPDes ditetapkan', apbdesDate: 'APBDes ditetapkan', late: 'terlambat',
    deadline: (d: string) => `Batas penetapan RKPDes: ${d}.`,
    note: 'Dari APBDes yang ditetapkan dan transaksi yang dicatat desa di Balai, langsung (tanpa sinkronisasi). Tanpa data pribadi.',
  },
  en: {
    title: 'Village budgets', year: 'Year', show: 'Show', activated: 'Villages active on Balai', adopted: 'Budget adopted', budget: 'Budgeted spending',
    realised: 'Realised spending', share: 'Realised (%)', income: 'Budgeted income', realisedIncome: 'Realised income', region: 'Region', village: 'Village',
    regulation: 'Regulation date', lastEntry: 'Last entry', notAdopted: 'not adopted', none: '—',
    projects: 'Projects (late)', rkpdes: 'Annual plan (RKPDes) adopted', rkpdesOnTime: 'on time', rkpdesDate: 'RKPDes adopted', apbdesDate: 'Budget adopted', late: 'late',
    deadline: (d: string) => `RKPDes deadline: ${d}.`,
    note: 'From the budgets villages adopted and the entries they posted on Balai, live (no sync step). No personal data.',
  },
} as const;

const share = (part: bigint, whole: bigint, lang: 'id' | 'en') => formatShare(part, whole, 1, lang);

/** /pantau/<code>/apbdes: per child region and (in a district) per village. */
export function BudgetMonitoringPage({ c, d }: { c: Context<AppEnv>; d: BudgetDashboard }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const t = d.totals;
  return (
    <DashboardFrame c={c} scope={d.scope} tab="apbdes" guide="realisasi" query={`?tahun=${d.year}`} excel={`${dashboardPath(d.scope.code, 'apbdes')}.xlsx?tahun=${d.year}`}>
      <form method="get" action={dashboardPath(d.scope.code, 'apbdes')} class="card filters no-print">
        <label>{w.year}<input name="tahun" type="number" inputmode="numeric" min={2000} max={2100} value={String(d.year)} /></label>
        <button type="submit" class="secondary">{w.show}</button>
      </form>
      <section class="card">
        <h2>{`${w.title} ${d.year}`}</h2>
        <dl class="stat-summary">
          <dt>{w.activated}</dt><dd>{formatNumber(t.activated, lang)}</dd>
          <dt>{w.rkpdes}</dt><dd>{`${formatNumber(t.rkpdes, lang)} (${formatNumber(t.rkpdesOnTime, lang)} ${w.rkpdesOnTime})`}</dd>
          <dt>{w.adopted}</dt><dd>{formatNumber(t.adopted, lang)}</dd>
          <dt>{w.projects}</dt><dd>{`${formatNumber(t.projects, lang)} (${formatNumber(t.lateProjects, lang)})`}</dd>
          <dt>{w.income}</dt><dd>{formatRupiah(t.income)}</dd>
          <dt>{w.realisedIncome}</dt><dd>{`${formatRupiah(t.realisedIncome)} (${share(t.realisedIncome, t.income, lang)}%)`}</dd>
          <dt>{w.budget}</dt><dd>{formatRupiah(t.spending)}</dd>
          <dt>{w.realised}</dt><dd>{`${formatRupiah(t.realisedSpending)} (${share(t.realisedSpending, t.spending, lang)}%)`}</dd>
        </dl>
        <p class="muted">{`${w.deadline(formatDate(d.rkpdesDeadline, lang))} ${w.note}`}</p>
      </section>
      {d.rows.length > 0 && (
        <DataTable aria-label={w.title}>
          <thead><tr><th>{w.region}</th><th>{w.activated}</th><th>{w.rkpdes}</th><th>{w.adopted}</th><th>{w.budget}</th><th>{w.realised}</th><th>{w.share}</th><th>{w.projects}</th></tr></thead>
          <tbody>
            {d.rows.map((r) => (
              <tr>
                <td><ChildLink code={r.code} name={r.name} kind={r.kind} tab="apbdes" query={`?tahun=${d.year}`} /></td>
                <td class="num">{formatNumber(r.activated, lang)}</td>
                <td class="num">{`${formatNumber(r.rkpdes, lang)} (${formatNumber(r.rkpdesOnTime, lang)} ${w.rkpdesOnTime})`}</td>
                <td class="num">{formatNumber(r.adopted, lang)}</td>
                <td class="num">{formatRupiah(r.spending)}</td>
                <td class="num">{formatRupiah(r.realisedSpending)}</td>
                <td class="num">{share(r.realisedSpending, r.spending, lang)}</td>
                <td class="num">{`${formatNumber(r.projects, lang)} (${formatNumber(r.lateProjects, lang)})`}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {d.villages.length > 0 && (
        <DataTable aria-label={w.village}>
          <thead><tr><th>{w.village}</th><th>{w.rkpdesDate}</th><th>{w.apbdesDate}</th><th>{w.budget}</th><th>{w.realised}</th><th>{w.share}</th><th>{w.lastEntry}</th><th>{w.projects}</th></tr></thead>
          <tbody>
            {d.villages.map((v) => (
              <tr>
                <td><a href={`/publik/desa/${v.village_code}/apbdes?tahun=${d.year}`}>{titleCase(v.name)}</a></td>
                <td>{v.rkpdes_date ? `${formatDate(v.rkpdes_date, lang)}${v.rkpdes_date > d.rkpdesDeadline ? ` (${w.late})` : ''}` : w.notAdopted}</td>
                <td>{v.regulation_date ? formatDate(v.regulation_date, lang) : w.notAdopted}</td>
                <td class="num">{v.spending === null ? w.none : formatRupiah(v.spending)}</td>
                <td class="num">{formatRupiah(v.realisedSpending)}</td>
                <td class="num">{v.spending === null ? w.none : share(v.realisedSpending, v.spending, lang)}</td>
                <td>{v.last_entry_date ? formatDate(v.last_entry_date, lang) : w.none}</td>
                <td class="num">{`${formatNumber(v.projects, lang)} (${formatNumber(v.lateProjects, lang)})`}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </DashboardFrame>
  );
}
