import { formatDate, formatRupiah, formatShare } from '../../../platform/format/format.js';
import type { Lang } from '../../../platform/i18n/i18n.js';
import { besideModule } from '../../../platform/paths.js';
import type { getPublicBudget } from '../budget.service.js';
import { versionLabel } from '../budget.service.js';
import type { PosterInput } from './budget-poster.js';

/** The worker thread that draws it (budget-poster-worker.ts, or .js in the build). */
export const BUDGET_POSTER_WORKER = besideModule('./budget-poster-worker', import.meta.url);

type PublicBudget = Awaited<ReturnType<typeof getPublicBudget>>;

const WORDS = {
  id: {
    title: (village: string, year: number) => `APBDes ${village} Tahun Anggaran ${year}`,
    regulation: (n: string, d: string, v: string) => `Peraturan Desa Nomor ${n} tanggal ${d} (APBDes ${v})`,
    income: 'Pendapatan', spending: 'Belanja', financing: 'Pembiayaan netto', budget: 'Anggaran', realised: 'Realisasi',
    bySource: 'Pendapatan menurut sumber', byField: 'Belanja menurut bidang', empty: 'Tidak ada',
    footer: (today: string) => [`Realisasi sampai ${today}, dari buku kas umum desa. Dicetak dari Balai pada ${today}.`, 'Informasi publik: tidak memuat data pribadi.'],
  },
  en: {
    title: (village: string, year: number) => `Village budget (APBDes) of ${village}, ${year}`,
    regulation: (n: string, d: string, v: string) => `Village regulation number ${n} of ${d} (budget ${v})`,
    income: 'Income', spending: 'Spending', financing: 'Net financing', budget: 'Budget', realised: 'Realised',
    bySource: 'Income by source', byField: 'Spending by field', empty: 'None',
    footer: (today: string) => [`Realised to ${today}, from the village cash book. Printed from Balai on ${today}.`, 'Public information: no personal data.'],
  },
} as const;

/** The public budget worded for the poster: every amount and share as the public page shows it. */
export function budgetPosterInput(view: PublicBudget, regions: string[], lang: Lang, paper: 'A3' | 'A2', today: string): PosterInput | null {
  const b = view.budget;
  if (!b || !view.totals || !view.realised) return null;
  const w = WORDS[lang];
  // A share only of a positive budget: net financing can be negative, where a percentage means nothing.
  const realisedText = (real: bigint, planned: bigint) => `${w.realised} ${formatRupiah(real)}${planned > 0n ? ` (${formatShare(real, planned, 1, lang)} %)` : ''}`;
  const row = (label: string, planned: bigint, real: bigint) => ({
    label, budgetText: `${w.budget} ${formatRupiah(planned)}`, realisedText: realisedText(real, planned), budget: planned.toString(), realised: real.toString(),
  });
  const { totals, realised } = view;
  return {
    paper,
    title: w.title(regions.at(-1) ?? view.village.name, b.year),
    lines: [regions.slice(0, -1).reverse().join(' · '), w.regulation(b.regulation_number ?? '', formatDate(b.regulation_date!, lang), versionLabel(b.version, lang))],
    figures: [
      { label: w.income, budget: formatRupiah(totals.income), realised: realisedText(realised.income, totals.income) },
      { label: w.spending, budget: formatRupiah(totals.spending), realised: realisedText(realised.spending, totals.spending) },
      { label: w.financing, budget: formatRupiah(totals.netFinancing), realised: realisedText(realised.netFinancing, totals.netFinancing) },
    ],
    legend: { budget: w.budget, realised: w.realised },
    columns: [
      { title: w.bySource, empty: w.empty, rows: view.incomeByFund.map((f) => row(f.name, f.amount, f.realised)) },
      { title: w.byField, empty: w.empty, rows: view.spendingByField.map((f) => row(`${f.code}. ${f.name}`, f.amount, f.realised)) },
    ],
    footer: w.footer(formatDate(today, lang)),
  };
}
