import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDateTime, formatNumber, formatRupiah } from '../../../platform/format/format.js';
import { t } from '../../../platform/i18n/i18n.js';
import type { previewSiskeudes, siskeudesPage } from '../siskeudes/import.service.js';
import { LAYOUTS } from '../siskeudes/layout.js';

const TEXT = {
  id: {
    title: 'Impor dan ekspor Siskeudes',
    intro: 'Pindahkan APBDes dan bukti transaksi dari Siskeudes: unggah berkas Excel atau CSV, periksa pratinjaunya, lalu impor. Semua baris diimpor sekaligus atau tidak sama sekali; berkas yang sama tidak diimpor dua kali.',
    kind: 'Jenis data', apbdes: 'Rincian APBDes (menjadi draf APBDes baru)', realisasi: 'Bukti penerimaan dan pengeluaran (realisasi)', year: 'Tahun anggaran',
    file: 'Berkas Siskeudes (.xlsx atau .csv, maks. 10 MB)', check: 'Periksa berkas', export: 'Ekspor dalam tata letak Siskeudes', exportBudget: 'APBDes yang berlaku (Ta_RABRinci)',
    exportEntries: 'Bukti transaksi (realisasi)', noBudget: 'belum ada APBDes {year} yang ditetapkan', preview: 'Pratinjau', problems: '{n} masalah: tidak ada yang diimpor. Perbaiki berkas lalu unggah lagi.',
    line: 'Baris', column: 'Kolom', problem: 'Masalah', ready: '{n} baris siap diimpor.', skipped: '{n} baris sudah ada dan dilewati.', import: 'Impor sekarang',
    already: 'Berkas ini sudah diimpor pada {date}. Tidak ada yang diimpor dua kali.', nothingNew: 'Semua baris sudah ada: tidak ada yang perlu diimpor.',
    income: 'Pendapatan', spending: 'Belanja', financing: 'Pembiayaan netto', history: 'Impor sebelumnya', none: 'Belum ada berkas yang diimpor.',
    when: 'Waktu', what: 'Jenis', fileName: 'Berkas', result: 'Hasil', by: 'Oleh', added: '{n} ditambahkan', skippedShort: '{n} dilewati', draft: 'buka draf APBDes',
    done: 'Impor selesai.', columns: 'Kolom yang dibaca', code: 'Kode', description: 'Uraian', amount: 'Jumlah', date: 'Tanggal', voucher: 'No. bukti',
    books: 'Realisasi APBDes',
  },
  en: {
    title: 'Siskeudes import and export',
    intro: 'Move budgets and vouchers over from Siskeudes: upload an Excel or CSV file, check the preview, then import. Every row is imported at once or none; the same file is never imported twice.',
    kind: 'Kind of data', apbdes: 'Budget lines (become a new draft budget)', realisasi: 'Receipt and payment vouchers (realisation)', year: 'Budget year',
    file: 'Siskeudes file (.xlsx or .csv, at most 10 MB)', check: 'Check the file', export: 'Export in the Siskeudes layout', exportBudget: 'Budget in force (Ta_RABRinci)',
    exportEntries: 'Vouchers (realisation)', noBudget: 'no budget adopted for {year} yet', preview: 'Preview', problems: '{n} problems: nothing is imported. Fix the file and upload it again.',
    line: 'Row', column: 'Column', problem: 'Problem', ready: '{n} rows ready to import.', skipped: '{n} rows already here, skipped.', import: 'Import now',
    already: 'This file was imported on {date}. Nothing is imported twice.', nothingNew: 'Every row is already here: nothing to import.',
    income: 'Income', spending: 'Spending', financing: 'Net financing', history: 'Earlier imports', none: 'No file imported yet.',
    when: 'When', what: 'Kind', fileName: 'File', result: 'Result', by: 'By', added: '{n} added', skippedShort: '{n} skipped', draft: 'open the draft budget',
    done: 'Import done.', columns: 'Columns read', code: 'Code', description: 'Description', amount: 'Amount', date: 'Date', voucher: 'Voucher',
    books: 'Budget realisation',
  },
} as const;

type Page = Awaited<ReturnType<typeof siskeudesPage>>;
type Preview = Awaited<ReturnType<typeof previewSiskeudes>>;
const fill = (s: string, p: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => p[k] ?? '');

export function SiskeudesPage({ c, view, preview, error, ok, values = {} }: { c: Context<AppEnv>; view: Page; preview?: Preview; error?: string; ok?: boolean; values?: Record<string, string> }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  const n = (x: number) => formatNumber(x, lang);
  const base = `/desa/${code}/realisasi/siskeudes`;
  const kinds = (['apbdes', 'realisasi'] as const).filter((k) => view.may[k]);
  return (
    <Layout c={c} title={`${w.title} · ${view.village.name}`} guide="siskeudes">
      {ok && <Notice kind="ok">{w.done}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      <p>{w.intro}</p>
      <p><a href={`/desa/${code}/realisasi?tahun=${view.year}`}>{w.books}</a></p>
      {preview && (
        <section class="card">
          <h2>{`${w.preview}: ${preview.fileName}`}</h2>
          <p class="muted">{`${w[preview.kind]} · ${preview.year}`}</p>
          {preview.alreadyImported ? <Notice kind="warn">{fill(w.already, { date: formatDateTime(preview.alreadyImported.at, lang) })}</Notice>
            : preview.problemCount > 0 ? (
              <>
                <Notice kind="error">{fill(w.problems, { n: n(preview.problemCount) })}</Notice>
                <DataTable aria-label={w.problem}>
                  <thead><tr><th class="num">{w.line}</th><th>{w.column}</th><th>{w.problem}</th></tr></thead>
                  <tbody>{preview.problems.map((p) => <tr><td class="num">{p.line || '—'}</td><td class="mono">{p.column ?? ''}</td><td>{t(lang, p.key, p.params)}</td></tr>)}</tbody>
                </DataTable>
              </>
            ) : (
              <>
                {preview.summary.added > 0 ? <p>{fill(w.ready, { n: n(preview.summary.added) })}</p> : <p>{w.nothingNew}</p>}
                {preview.summary.skipped > 0 && <p>{fill(w.skipped, { n: n(preview.summary.skipped) })}</p>}
                <dl class="figures">
                  <dt>{w.income}</dt><dd class="num">{formatRupiah(preview.summary.income)}</dd>
                  <dt>{w.spending}</dt><dd class="num">{formatRupiah(preview.summary.spending)}</dd>
                  {preview.kind === 'apbdes' && <><dt>{w.financing}</dt><dd class="num">{formatRupiah(preview.summary.financing)}</dd></>}
                </dl>
                {preview.sample.length > 0 && (
                  <DataTable aria-label={w.preview}>
                    <thead><tr><th class="num">{w.line}</th><th>{w.code}</th><th>{w.description}</th><th class="num">{w.amount}</th></tr></thead>
                    <tbody>{preview.sample.map((r) => (
                      <tr><td class="num">{r.line}</td><td class="mono">{`${r.account}${r.activity ? ` · ${r.activity}` : ''}`}</td><td>{'voucher' in r ? `${r.voucher} · ${r.date} · ${r.description}` : r.description}</td><td class="num">{formatRupiah(BigInt(r.amount))}</td></tr>
                    ))}</tbody>
                  </DataTable>
                )}
                {preview.id !== null && (
                  <form method="post" action={`${base}/${preview.id}/impor`}>
                    <Csrf c={c} />
                    <button type="submit">{w.import}</button>
                  </form>
                )}
              </>
            )}
        </section>
      )}
      {kinds.length > 0 && (
        <form method="post" action={base} enctype="multipart/form-data" class="card">
          <Csrf c={c} />
          <label>{w.kind} *<select name="kind" required>{kinds.map((k) => <option value={k} selected={(values.kind ?? preview?.kind) === k}>{w[k]}</option>)}</select></label>
          <label>{w.year} *<input name="tahun" type="number" inputmode="numeric" required min={2000} max={2100} value={values.tahun ?? String(preview?.year ?? view.year)} /></label>
          <label>{w.file} *<input name="file" type="file" required accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" /></label>
          <button type="submit">{w.check}</button>
          <details>
            <summary>{w.columns}</summary>
            {kinds.map((k) => <p class="muted">{`${LAYOUTS[k].title}: ${LAYOUTS[k].columns.map((col) => `${col.header}${col.optional ? '' : ' *'}`).join(', ')}`}</p>)}
          </details>
        </form>
      )}
      <h2>{w.export}</h2>
      <ul class="plain">
        <li>{view.inForce ? <a href={`${base}.xlsx?kind=apbdes&tahun=${view.year}`} download>{`${w.exportBudget} ${view.year}`}</a> : `${w.exportBudget}: ${fill(w.noBudget, { year: String(view.year) })}`}</li>
        <li><a href={`${base}.xlsx?kind=realisasi&tahun=${view.year}`} download>{`${w.exportEntries} ${view.year}`}</a></li>
      </ul>
      <h2>{w.history}</h2>
      {view.history.length === 0 ? <p>{w.none}</p> : (
        <DataTable aria-label={w.history}>
          <thead><tr><th>{w.when}</th><th>{w.what}</th><th>{w.fileName}</th><th>{w.result}</th><th>{w.by}</th></tr></thead>
          <tbody>{view.history.map((h) => (
            <tr>
              <td>{h.imported_at ? formatDateTime(h.imported_at, lang) : ''}</td>
              <td>{`${w[h.kind as 'apbdes' | 'realisasi']} ${h.year}`}</td>
              <td>{h.file_name}</td>
              <td>
                {`${fill(w.added, { n: n(h.added ?? 0) })}${h.skipped ? ` · ${fill(w.skippedShort, { n: n(h.skipped) })}` : ''}`}
                {h.budget_id !== null && <> · <a href={`/desa/${code}/apbdes/${h.budget_id}`}>{w.draft}</a></>}
              </td>
              <td>{h.by ?? ''}</td>
            </tr>
          ))}</tbody>
        </DataTable>
      )}
    </Layout>
  );
}
