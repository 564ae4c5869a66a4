import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatRupiah, formatShare } from '../../../platform/format/format.js';
import { FUNDS, versionLabel } from '../budget.service.js';
import type { realisationReport } from '../realisation.service.js';
import type { PageMessages } from './budget-pages.js';

const TEXT = {
  id: {
    title: 'Realisasi APBDes', intro: 'Penerimaan dan pembayaran dicatat satu per satu dengan buktinya, terhadap APBDes yang berlaku. Laporan dan buku kas umum dihitung dari transaksi itu. Transaksi yang salah tidak dihapus: dikoreksi dengan transaksi lawan, lalu dicatat ulang yang benar.',
    noBudget: 'Belum ada APBDes {year} yang ditetapkan.', year: 'Tahun', period: 'Periode', s1: 'Semester I (s.d. 30 Juni)', full: 'Satu tahun (s.d. 31 Desember)', show: 'Tampilkan',
    income: 'Pendapatan', spending: 'Belanja', financing: 'Pembiayaan', code: 'Kode', name: 'Uraian', budget: 'Anggaran', realised: 'Realisasi', left: 'Sisa', share: '%',
    post: 'Catat transaksi', date: 'Tanggal transaksi', account: 'Kode rekening', activity: 'Kegiatan (untuk belanja)', fund: 'Sumber dana (untuk belanja)', description: 'Uraian',
    amount: 'Jumlah (Rp)', method: 'Cara bayar/terima', bank: 'Bank (transfer/cek)', cash: 'Tunai', ppn: 'PPN dipotong (Rp)', pph: 'PPh dipotong (Rp)', proof: 'Bukti (foto kuitansi/nota atau PDF, maks. 2 MB)', save: 'Catat', choose: '— pilih —',
    cashBook: 'Buku kas umum', siskeudes: 'Impor/ekspor Siskeudes', version: 'APBDes yang berlaku', excel: 'Unduh laporan (Excel, tata letak resmi)', pdf: 'Cetak laporan (PDF A4)',
  },
  en: {
    title: 'Budget realisation', intro: 'Receipts and payments are posted one by one with their proof, against the budget in force. The report and the cash book are worked out from those entries. A wrong entry is never deleted: it is undone by a correcting entry, and the right one posted again.',
    noBudget: 'No budget adopted for {year} yet.', year: 'Year', period: 'Period', s1: 'First half (to 30 June)', full: 'Full year (to 31 December)', show: 'Show',
    income: 'Income', spending: 'Spending', financing: 'Financing', code: 'Code', name: 'Description', budget: 'Budget', realised: 'Realised', left: 'Left', share: '%',
    post: 'Post an entry', date: 'Entry date', account: 'Account', activity: 'Activity (for spending)', fund: 'Fund (for spending)', description: 'Description',
    amount: 'Amount (Rp)', method: 'Paid or received by', bank: 'Bank (transfer/cheque)', cash: 'Cash', ppn: 'VAT withheld (Rp)', pph: 'Income tax withheld (Rp)', proof: 'Proof (photo of the receipt or a PDF, at most 2 MB)', save: 'Post', choose: '— choose —',
    cashBook: 'Cash book', siskeudes: 'Siskeudes import/export', version: 'Budget in force', excel: 'Download the report (Excel, official layout)', pdf: 'Print the report (PDF A4)',
  },
} as const;

type Report = Awaited<ReturnType<typeof realisationReport>>;
type Row = Report['income'][number];

const percent = (realised: bigint, budget: bigint, lang: 'id' | 'en') => formatShare(realised, budget, 2, lang);

function ReportTable({ rows, caption, lang }: { rows: Row[]; caption: string; lang: 'id' | 'en' }) {
  const w = TEXT[lang];
  if (rows.length === 0) return null;
  return (
    <DataTable aria-label={caption}>
      <thead><tr><th>{w.code}</th><th>{w.name}</th><th>{w.budget}</th><th>{w.realised}</th><th>{w.left}</th><th>{w.share}</th></tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr class={r.level < 3 ? `subtotal level-${r.level}` : undefined}>
            <td>{r.key}</td>
            <td>{r.level < 3 ? <strong>{r.name}</strong> : r.name}</td>
            <td class="num">{formatRupiah(r.budget)}</td>
            <td class="num">{formatRupiah(r.realised)}</td>
            <td class="num">{formatRupiah(r.left)}</td>
            <td class="num">{percent(r.realised, r.budget, lang)}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

export function RealisationPage({ c, view, msg }: { c: Context<AppEnv>; view: Report; msg: PageMessages }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  const v = msg.values ?? {};
  const t = view.totals;
  const option = (list: Report['reference']['accounts'], field: 'account_code' | 'activity_code') =>
    list.filter((r) => r.level === 2).map((g) => (
      <optgroup label={`${g.code} ${g.name}`}>
        {list.filter((r) => r.level === 3 && r.parent_code === g.code).map((r) => <option value={r.code} selected={v[field] === r.code}>{`${r.code} ${r.name}`}</option>)}
      </optgroup>
    ));
  return (
    <Layout c={c} title={`${w.title} ${view.year} · ${view.village.name}`} guide="realisasi">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{w.intro}</p>
      <form method="get" action={`/desa/${code}/realisasi`} class="card filters">
        <div class="row">
          <label>{w.year}<input name="tahun" type="number" inputmode="numeric" min={2000} max={2100} value={String(view.year)} /></label>
          <label>{w.period}
            <select name="periode"><option value="year" selected={view.period === 'year'}>{w.full}</option><option value="s1" selected={view.period === 's1'}>{w.s1}</option></select>
          </label>
        </div>
        <button type="submit" class="secondary">{w.show}</button>
      </form>
      <p>
        <a href={`/desa/${code}/realisasi/bku?tahun=${view.year}`}>{w.cashBook}</a>
        {' · '}<a href={`/desa/${code}/realisasi/siskeudes?tahun=${view.year}`}>{w.siskeudes}</a>
        {view.inForce && <> · <a href={`/desa/${code}/realisasi.xlsx?tahun=${view.year}&periode=${view.period}`} download>{w.excel}</a></>}
        {view.inForce && <> · <a href={`/desa/${code}/realisasi.pdf?tahun=${view.year}&periode=${view.period}`}>{w.pdf}</a> (<a href={`/desa/${code}/realisasi.pdf?tahun=${view.year}&periode=${view.period}&kertas=f4`}>F4</a>)</>}
      </p>
      {!view.inForce ? <p>{w.noBudget.replace('{year}', String(view.year))}</p> : (
        <>
          <p>{`${w.version}: `}<a href={`/desa/${code}/apbdes/${view.inForce.id}`}>{`APBDes ${view.year} (${versionLabel(view.inForce.version, lang)})`}</a></p>
          <dl class="figures">
            <dt>{w.income}</dt><dd class="num">{`${formatRupiah(t.actual.income)} / ${formatRupiah(t.planned.income)} (${percent(t.actual.income, t.planned.income, lang)}%)`}</dd>
            <dt>{w.spending}</dt><dd class="num">{`${formatRupiah(t.actual.spending)} / ${formatRupiah(t.planned.spending)} (${percent(t.actual.spending, t.planned.spending, lang)}%)`}</dd>
          </dl>
          <h2>{w.income}</h2>
          <ReportTable rows={view.income} caption={w.income} lang={lang} />
          <h2>{w.spending}</h2>
          <ReportTable rows={view.spending} caption={w.spending} lang={lang} />
          <h2>{w.financing}</h2>
          <ReportTable rows={view.financing} caption={w.financing} lang={lang} />
          {view.canPost && (
            <form method="post" action={`/desa/${code}/realisasi`} enctype="multipart/form-data" class="card">
              <h2>{w.post}</h2>
              <Csrf c={c} />
              <label>{w.date} *<input name="entry_date" type="date" required value={v.entry_date ?? ''} /></label>
              <label>{w.account} *<select name="account_code" required><option value="">{w.choose}</option>{option(view.reference.accounts, 'account_code')}</select></label>
              <label>{w.activity}<select name="activity_code"><option value="">{w.choose}</option>{option(view.reference.activities, 'activity_code')}</select></label>
              <label>{w.fund}<select name="fund"><option value="">{w.choose}</option>{Object.entries(FUNDS).map(([k, name]) => <option value={k} selected={v.fund === k}>{name}</option>)}</select></label>
              <label>{w.description} *<input name="description" required maxlength={200} value={v.description ?? ''} /></label>
              <label>{w.amount} *<input name="amount" required inputmode="numeric" maxlength={25} value={v.amount ?? ''} /></label>
              <label>{w.method}<select name="method"><option value="bank">{w.bank}</option><option value="tunai" selected={v.method === 'tunai'}>{w.cash}</option></select></label>
              <div class="row">
                <label>{w.ppn}<input name="tax_ppn" inputmode="numeric" maxlength={25} value={v.tax_ppn ?? ''} /></label>
                <label>{w.pph}<input name="tax_pph" inputmode="numeric" maxlength={25} value={v.tax_pph ?? ''} /></label>
              </div>
              <label>{w.proof}<input name="proof" type="file" accept="image/jpeg,image/png,application/pdf" capture="environment" /></label>
              <button type="submit">{w.save}</button>
            </form>
          )}
        </>
      )}
    </Layout>
  );
}
