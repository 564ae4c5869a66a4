import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../../../platform/http/env.js';
import { Layout } from '../../../platform/http/views/layout.js';
import { formatDate, formatRupiah, formatShare } from '../../../platform/format/format.js';
import type { getPublicBudget } from '../budget.service.js';
import { versionLabel } from '../budget.service.js';
import { MoneyBars } from './money-bars.js';

const TEXT = {
  id: {
    title: 'APBDes', none: 'Desa ini belum menetapkan APBDes di Balai.', adopted: 'Ditetapkan dengan Peraturan Desa Nomor {number} tanggal {date}.',
    income: 'Pendapatan', spending: 'Belanja', financing: 'Pembiayaan netto', incomeBySource: 'Pendapatan menurut sumber', spendingByField: 'Belanja menurut bidang',
    empty: 'Tidak ada', years: 'Tahun lain', village: 'Halaman desa', budget: 'Anggaran', realised: 'Realisasi',
    note: 'Biru: anggaran; jingga: realisasi sampai hari ini, dari buku kas desa. Tidak memuat data pribadi.',
    poster: 'Cetak poster (baliho) APBDes', a3: 'PDF A3', a2: 'PDF A2',
  },
  en: {
    title: 'Village budget', none: 'This village has not adopted a budget on Balai yet.', adopted: 'Adopted by village regulation number {number} of {date}.',
    income: 'Income', spending: 'Spending', financing: 'Net financing', incomeBySource: 'Income by source', spendingByField: 'Spending by field',
    empty: 'None', years: 'Other years', village: 'Village page', budget: 'Budget', realised: 'Realised',
    note: 'Blue: budget; orange: realised to date, from the village cash book. No personal data.',
    poster: 'Print the budget poster (banner)', a3: 'PDF A3', a2: 'PDF A2',
  },
} as const;

/** /publik/desa/<code>/apbdes: the budget in force as the village hall's banner shows it. */
export function PublicBudgetPage({ c, view, extra = [] }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof getPublicBudget>>; extra?: Child[] }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  const b = view.budget;
  return (
    <Layout c={c} title={`${w.title}${b ? ` ${b.year}` : ''} · ${view.village.name}`} guide="apbdes">
      {!b || !view.totals ? <p>{w.none}</p> : (
        <>
          <p>{`APBDes ${b.year} (${versionLabel(b.version, lang)}). `}{w.adopted.replace('{number}', b.regulation_number ?? '').replace('{date}', formatDate(b.regulation_date!, lang))}</p>
          <dl class="figures">
            <dt>{w.income}</dt><dd class="num">{formatRupiah(view.totals.income)}</dd>
            <dt>{`${w.income} · ${w.realised}`}</dt><dd class="num">{`${formatRupiah(view.realised!.income)} (${formatShare(view.realised!.income, view.totals.income, 1, lang)} %)`}</dd>
            <dt>{w.spending}</dt><dd class="num">{formatRupiah(view.totals.spending)}</dd>
            <dt>{`${w.spending} · ${w.realised}`}</dt><dd class="num">{`${formatRupiah(view.realised!.spending)} (${formatShare(view.realised!.spending, view.totals.spending, 1, lang)} %)`}</dd>
            <dt>{w.financing}</dt><dd class="num">{formatRupiah(view.totals.netFinancing)}</dd>
          </dl>
          <h2>{w.incomeBySource}</h2>
          <MoneyBars title={w.incomeBySource} rows={view.incomeByFund.map((f) => ({ label: f.name, amount: f.amount, realised: f.realised }))} empty={w.empty} realisedAs={w.realised} lang={lang} />
          <h2>{w.spendingByField}</h2>
          <MoneyBars title={w.spendingByField} rows={view.spendingByField.map((f) => ({ label: `${f.code}. ${f.name}`, amount: f.amount, realised: f.realised }))} empty={w.empty} realisedAs={w.realised} lang={lang} />
          <p><small>{w.note}</small></p>
          {extra}
          <p>{`${w.poster}: `}<a href={`/publik/desa/${code}/apbdes/poster.pdf?tahun=${b.year}&ukuran=a3`}>{w.a3}</a>{' · '}<a href={`/publik/desa/${code}/apbdes/poster.pdf?tahun=${b.year}&ukuran=a2`}>{w.a2}</a></p>
        </>
      )}
      {view.years.length > 1 && (
        <p>{`${w.years}: `}{view.years.map((y, i) => <>{i > 0 && ' · '}<a href={`/publik/desa/${code}/apbdes?tahun=${y}`}>{String(y)}</a></>)}</p>
      )}
      <p><a href={`/publik/desa/${code}`}>{w.village}</a></p>
    </Layout>
  );
}
