import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate, formatRupiah } from '../../../platform/format/format.js';
import { BOOKS, type Book, type BookRow, type readBook } from '../books.service.js';
import type { PageMessages } from './budget-pages.js';

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

const TEXT = {
  id: {
    books: { bku: 'Buku kas umum', bank: 'Buku bank', tunai: 'Buku kas tunai', pajak: 'Buku pajak' } as Record<Book, string>,
    intros: {
      bku: 'Semua penerimaan dan pengeluaran, lewat bank maupun tunai. Pajak yang dipotong dari pembayaran tetap di kas sampai disetor.',
      bank: 'Penerimaan dan pengeluaran lewat rekening kas desa, uang yang diambil tunai dan yang disetor kembali. Cocokkan saldonya dengan rekening koran.',
      tunai: 'Uang tunai di tangan bendahara: yang diambil dari bank, dibayarkan tunai, dan disetor kembali. Saldo kas tunai tidak boleh kurang dari nol.',
      pajak: 'PPN dan PPh yang dipotong dari pembayaran, dan yang sudah disetor ke kas negara (dengan NTPN). Saldo adalah pajak yang belum disetor.',
    } as Record<Book, string>,
    month: 'Bulan', year: 'Tahun', show: 'Tampilkan', opening: 'Saldo awal bulan', closing: 'Saldo akhir bulan', date: 'Tanggal', no: 'No. bukti',
    description: 'Uraian', in: 'Penerimaan', out: 'Pengeluaran', balance: 'Saldo', tax: 'Pajak dipotong', proof: 'bukti', verified: 'diverifikasi', verify: 'Verifikasi',
    correct: 'Koreksi', reason: 'Alasan koreksi', correction: 'koreksi atas No. {n}', corrected: 'sudah dikoreksi', none: 'Tidak ada transaksi bulan ini.', report: 'Laporan realisasi', excel: 'Unduh Excel', pdfA4: 'Cetak PDF A4', pdfF4: 'PDF F4 (folio)',
    owedPpn: 'PPN belum disetor', owedPph: 'PPh belum disetor',
    kinds: { withdrawal: 'Pengambilan tunai dari bank', deposit: 'Setor tunai ke bank', tax_payment: 'Setor pajak ke kas negara' } as Record<string, string>,
    move: 'Catat mutasi kas', kind: 'Jenis mutasi', moveDate: 'Tanggal', amount: 'Jumlah (Rp)', taxKind: 'Jenis pajak (untuk setor pajak)',
    paidFrom: 'Dibayar dari (untuk setor pajak)', bank: 'Bank (rekening kas desa)', cash: 'Tunai', reference: 'No. cek/referensi bank/NTPN', save: 'Catat', choose: '— pilih —',
    count: 'Pemeriksaan kas', countIntro: 'Hitung uang tunai di tangan bendahara dan baca saldo rekening koran pada hari itu; Balai mencatatnya di samping saldo buku dan selisihnya.',
    countedOn: 'Tanggal pemeriksaan', cashCounted: 'Uang tunai dihitung (Rp)', bankStatement: 'Saldo rekening koran (Rp)', note: 'Catatan', record: 'Catat pemeriksaan',
    bookCash: 'Kas tunai menurut buku', bookBank: 'Bank menurut buku', difference: 'Selisih', by: 'Diperiksa oleh', noCounts: 'Belum ada pemeriksaan kas tahun ini.',
  },
  en: {
    books: { bku: 'Cash book', bank: 'Bank book', tunai: 'Cash-in-hand book', pajak: 'Tax book' } as Record<Book, string>,
    intros: {
      bku: 'Every receipt and payment, by bank or in cash. Taxes withheld from payments stay in the treasury until paid over.',
      bank: 'Receipts and payments through the village account, cash drawn and paid back in. Check its balance against the bank statement.',
      tunai: 'The cash the treasurer holds: drawn from the bank, paid out, paid back in. It never goes below zero.',
      pajak: 'VAT and income tax withheld from payments, and paid over to the state (with the NTPN). The balance is the tax not yet paid over.',
    } as Record<Book, string>,
    month: 'Month', year: 'Year', show: 'Show', opening: 'Opening balance', closing: 'Closing balance', date: 'Date', no: 'Entry no.',
    description: 'Description', in: 'Received', out: 'Paid', balance: 'Balance', tax: 'Tax withheld', proof: 'proof', verified: 'verified', verify: 'Verify',
    correct: 'Correct', reason: 'Reason for the correction', correction: 'correction of no. {n}', corrected: 'corrected', none: 'No entries this month.', report: 'Realisation report', excel: 'Download Excel', pdfA4: 'Print PDF A4', pdfF4: 'PDF F4 (folio)',
    owedPpn: 'VAT not yet paid over', owedPph: 'Income tax not yet paid over',
    kinds: { withdrawal: 'Cash drawn from the bank', deposit: 'Cash paid into the bank', tax_payment: 'Tax paid over to the state' } as Record<string, string>,
    move: 'Post a movement', kind: 'Kind of movement', moveDate: 'Date', amount: 'Amount (Rp)', taxKind: 'Tax (for a tax payment)',
    paidFrom: 'Paid from (for a tax payment)', bank: 'Bank (village account)', cash: 'Cash', reference: 'Cheque no./bank reference/NTPN', save: 'Post', choose: '— choose —',
    count: 'Cash count', countIntro: 'Count the cash the treasurer holds and read the bank statement balance of that day; Balai records them beside the books and the difference.',
    countedOn: 'Date of the count', cashCounted: 'Cash counted (Rp)', bankStatement: 'Bank statement balance (Rp)', note: 'Note', record: 'Record the count',
    bookCash: 'Cash by the books', bookBank: 'Bank by the books', difference: 'Difference', by: 'Counted by', noCounts: 'No cash count this year yet.',
  },
} as const;

type View = Awaited<ReturnType<typeof readBook>>;
export const bookPath = (code: string, book: Book) => `/desa/${code}/realisasi/${book}`;

/** The month shown and the book, so that a step taken on it comes back to the same page. */
const BackTo = ({ view }: { view: { year: number; month: number; book: Book } }) => (
  <>
    <input type="hidden" name="tahun" value={String(view.year)} />
    <input type="hidden" name="bulan" value={String(view.month)} />
    <input type="hidden" name="buku" value={view.book} />
  </>
);

function Steps({ c, view, r, w }: { c: Context<AppEnv>; view: View; r: BookRow; w: (typeof TEXT)['id' | 'en'] }) {
  const base = `/desa/${view.village.village_code}/realisasi/${r.source === 'treasury' ? 'mutasi/' : ''}${r.id}`;
  return (
    <>
      {r.verifiedBy !== null ? `${w.verified} (${r.verifiedBy})` : r.mayVerify ? (
        <form method="post" action={`${base}/verifikasi`} class="inline"><Csrf c={c} /><BackTo view={view} /><button type="submit" class="link">{w.verify}</button></form>
      ) : '—'}
      {r.mayCorrect && (
        <details>
          <summary>{w.correct}</summary>
          <form method="post" action={`${base}/koreksi`}>
            <Csrf c={c} />
            <BackTo view={view} />
            <label>{w.reason} *<input name="reason" required minlength={5} maxlength={500} /></label>
            <button type="submit" class="secondary">{w.correct}</button>
          </form>
        </details>
      )}
    </>
  );
}

export function BookPage({ c, view, msg }: { c: Context<AppEnv>; view: View; msg: PageMessages }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  const v = msg.values ?? {};
  const query = `?tahun=${view.year}&bulan=${view.month}`;
  const no = (r: BookRow) => (r.source === 'treasury' ? `M${r.id}` : String(r.id));
  return (
    <Layout c={c} title={`${w.books[view.book]} ${MONTHS[view.month - 1]} ${view.year} · ${view.village.name}`} guide="realisasi">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <nav class="tabs">{BOOKS.map((b) => <a href={`${bookPath(code, b)}${query}`} aria-current={b === view.book ? 'page' : undefined}>{w.books[b]}</a>)}</nav>
      <p>{w.intros[view.book]}</p>
      <form method="get" action={bookPath(code, view.book)} class="card filters">
        <div class="row">
          <label>{w.month}<select name="bulan">{MONTHS.map((m, i) => <option value={String(i + 1)} selected={view.month === i + 1}>{m}</option>)}</select></label>
          <label>{w.year}<input name="tahun" type="number" inputmode="numeric" min={2000} max={2100} value={String(view.year)} /></label>
        </div>
        <button type="submit" class="secondary">{w.show}</button>
      </form>
      <p>
        <a href={`/desa/${code}/realisasi?tahun=${view.year}`}>{w.report}</a>{' · '}
        <a href={`/desa/${code}/realisasi/${view.book}.xlsx${query}`} download>{w.excel}</a>{' · '}
        <a href={`/desa/${code}/realisasi/${view.book}.pdf${query}`}>{w.pdfA4}</a>{' · '}
        <a href={`/desa/${code}/realisasi/${view.book}.pdf${query}&kertas=f4`}>{w.pdfF4}</a>
      </p>
      <dl class="figures">
        <dt>{w.opening}</dt><dd class="num">{formatRupiah(view.opening)}</dd>
        <dt>{w.closing}</dt><dd class="num">{formatRupiah(view.closing)}</dd>
        {view.owed && <><dt>{w.owedPpn}</dt><dd class="num">{formatRupiah(view.owed.ppn)}</dd><dt>{w.owedPph}</dt><dd class="num">{formatRupiah(view.owed.pph)}</dd></>}
      </dl>
      {view.lines.length === 0 ? <p>{w.none}</p> : (
        <DataTable aria-label={w.books[view.book]}>
          <thead><tr><th>{w.date}</th><th>{w.no}</th><th>{w.description}</th><th>{w.in}</th><th>{w.out}</th><th>{w.balance}</th><th>{w.tax}</th><th>{w.verify}</th></tr></thead>
          <tbody>
            {view.lines.map((r) => (
              <tr>
                <td>{formatDate(r.date, lang)}</td>
                <td>{no(r)}</td>
                <td>
                  {r.account ? `${r.account} ${r.description}` : `${w.kinds[r.kind ?? ''] ?? ''}: ${r.description}`}
                  {r.reference && <small>{` (${r.reference})`}</small>}
                  {r.corrects !== null && <small>{` (${w.correction.replace('{n}', r.source === 'treasury' ? `M${r.corrects}` : String(r.corrects))}: ${r.reason})`}</small>}
                  {r.corrected && <small>{` (${w.corrected})`}</small>}
                  {r.proof && <> · <a href={`/desa/${code}/realisasi/${r.id}/bukti`}>{w.proof}</a></>}
                </td>
                <td class="num">{r.received !== 0n ? formatRupiah(r.received) : ''}</td>
                <td class="num">{r.paid !== 0n ? formatRupiah(r.paid) : ''}</td>
                <td class="num">{formatRupiah(r.balance)}</td>
                <td class="num">{r.ppn !== 0n || r.pph !== 0n ? `PPN ${formatRupiah(r.ppn)} · PPh ${formatRupiah(r.pph)}` : ''}</td>
                <td><Steps c={c} view={view} r={r} w={w} /></td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {view.mayPost && view.book !== 'bku' && (
        <form method="post" action={`/desa/${code}/realisasi/mutasi`} class="card">
          <h2>{w.move}</h2>
          <Csrf c={c} />
          <BackTo view={view} />
          <label>{w.kind} *<select name="kind" required><option value="">{w.choose}</option>
            {Object.entries(w.kinds).map(([k, name]) => <option value={k} selected={v.kind === k}>{name}</option>)}
          </select></label>
          <label>{w.moveDate} *<input name="entry_date" type="date" required value={v.entry_date ?? ''} /></label>
          <label>{w.amount} *<input name="amount" required inputmode="numeric" maxlength={25} value={v.amount ?? ''} /></label>
          <div class="row">
            <label>{w.taxKind}<select name="tax"><option value="">{w.choose}</option><option value="ppn" selected={v.tax === 'ppn'}>PPN</option><option value="pph" selected={v.tax === 'pph'}>PPh</option></select></label>
            <label>{w.paidFrom}<select name="method"><option value="bank">{w.bank}</option><option value="tunai" selected={v.method === 'tunai'}>{w.cash}</option></select></label>
          </div>
          <label>{w.reference}<input name="reference" maxlength={60} value={v.reference ?? ''} /></label>
          <label>{w.description} *<input name="description" required maxlength={200} value={v.description ?? ''} /></label>
          <button type="submit">{w.save}</button>
        </form>
      )}
      {view.book === 'bku' && (
        <section>
          <h2>{w.count}</h2>
          {view.counts.length === 0 ? <p>{w.noCounts}</p> : (
            <DataTable aria-label={w.count}>
              <thead><tr><th>{w.countedOn}</th><th>{w.cashCounted}</th><th>{w.bookCash}</th><th>{w.difference}</th><th>{w.bankStatement}</th><th>{w.bookBank}</th><th>{w.difference}</th><th>{w.by}</th></tr></thead>
              <tbody>
                {view.counts.map((k) => (
                  <tr>
                    <td>{formatDate(k.day, lang)}</td>
                    <td class="num">{formatRupiah(k.cash)}</td>
                    <td class="num">{formatRupiah(k.bookCash)}</td>
                    <td class="num">{k.cashDifference === 0n ? '0' : formatRupiah(k.cashDifference)}</td>
                    <td class="num">{formatRupiah(k.bank)}</td>
                    <td class="num">{formatRupiah(k.bookBank)}</td>
                    <td class="num">{k.bankDifference === 0n ? '0' : formatRupiah(k.bankDifference)}</td>
                    <td>{k.by ?? ''}{k.note && <small>{` (${k.note})`}</small>}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )}
          {view.mayCount && (
            <form method="post" action={`/desa/${code}/realisasi/pemeriksaan-kas`} class="card">
              <p>{w.countIntro}</p>
              <Csrf c={c} />
              <BackTo view={view} />
              <label>{w.countedOn} *<input name="counted_on" type="date" required value={v.counted_on ?? ''} /></label>
              <div class="row">
                <label>{w.cashCounted} *<input name="cash_counted" required inputmode="numeric" maxlength={25} value={v.cash_counted ?? ''} /></label>
                <label>{w.bankStatement} *<input name="bank_statement" required inputmode="numeric" maxlength={25} value={v.bank_statement ?? ''} /></label>
              </div>
              <label>{w.note}<input name="note" maxlength={500} value={v.note ?? ''} /></label>
              <button type="submit">{w.record}</button>
            </form>
          )}
        </section>
      )}
    </Layout>
  );
}
