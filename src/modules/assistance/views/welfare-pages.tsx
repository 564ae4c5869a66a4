import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDateTime, formatNumber } from '../../../platform/format/format.js';
import { t } from '../../../platform/i18n/i18n.js';
import type { WelfarePreview, welfareSummary } from '../welfare-import.service.js';

const TEXT = {
  id: {
    title: 'Data desil (DTSEN/DTKS)', intro: 'Peringkat kesejahteraan (desil 1 paling miskin sampai 10) dari Data Tunggal Sosial Ekonomi Nasional, dicocokkan dengan NIK penduduk desa. Data ini rahasia: hanya untuk petugas desa, tidak pernah tampil di halaman publik.',
    now: 'Data yang berlaku', none: 'Belum ada data desil.', from: 'dari', desil: 'Desil', people: 'Penduduk',
    upload: 'Impor berkas desil', source: 'Sumber', file: 'Berkas (XLSX atau CSV, kolom NIK dan DESIL)', preview: 'Periksa berkas',
    result: 'Hasil pemeriksaan', rows: 'Baris di berkas', matched: 'Cocok dengan penduduk desa ini (akan disimpan)', notFound: 'NIK tidak ada di data penduduk desa ini',
    elsewhere: 'NIK tercatat tinggal di desa lain (tidak disimpan; nama desanya tidak ditampilkan)', line: 'Baris', nik: 'NIK', problems: 'Kesalahan di berkas (perbaiki, lalu unggah lagi)',
    column: 'Kolom', message: 'Keterangan', confirm: 'Impor: ganti data desil desa ini', replaceNote: 'Impor mengganti seluruh data desil desa ini dengan isi berkas ini.', back: 'Bantuan sosial',
    imported: 'Data desil tersimpan.',
  },
  en: {
    title: 'Desil data (DTSEN/DTKS)', intro: 'The welfare rank (desil 1, the poorest, to 10) from the national social-economic registry, matched with the NIKs of the village\'s residents. This data is confidential: for village officers only, never on a public page.',
    now: 'The data in use', none: 'No desil data yet.', from: 'from', desil: 'Desil', people: 'Residents',
    upload: 'Import a desil file', source: 'Source', file: 'File (XLSX or CSV, NIK and DESIL columns)', preview: 'Check the file',
    result: 'What the check found', rows: 'Rows in the file', matched: 'Matching this village\'s residents (will be kept)', notFound: 'NIKs not in this village\'s register',
    elsewhere: 'NIKs registered as living in another village (not kept; the village is not named)', line: 'Line', nik: 'NIK', problems: 'Errors in the file (fix them and upload again)',
    column: 'Column', message: 'Message', confirm: 'Import: replace this village\'s desil data', replaceNote: 'Importing replaces all of this village\'s desil data with this file.', back: 'Social assistance',
    imported: 'Desil data saved.',
  },
} as const;

export function WelfarePage({ c, view, preview, msg = {} }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof welfareSummary>>; preview?: WelfarePreview; msg?: { ok?: string; error?: string } }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  const n = (x: number) => formatNumber(x, lang);
  const lines = (title: string, rows: { line: number; nik: string }[]) => rows.length > 0 && (
    <details open={rows.length <= 50}>
      <summary>{`${title}: ${n(rows.length)}`}</summary>
      <DataTable aria-label={title}>
        <thead><tr><th class="num">{w.line}</th><th>{w.nik}</th></tr></thead>
        <tbody>{rows.map((r) => <tr><td class="num">{String(r.line)}</td><td class="nik">{r.nik}</td></tr>)}</tbody>
      </DataTable>
    </details>
  );
  return (
    <Layout c={c} title={`${w.title} · ${view.village.name}`} guide="dtsen">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p><a href={`/desa/${code}/bansos`}>{w.back}</a></p>
      <p>{w.intro}</p>
      {preview && (
        <section class="card">
          <h2>{`${w.result}: ${preview.fileName}`}</h2>
          <dl class="figures">
            <dt>{w.rows}</dt><dd class="num">{n(preview.rows)}</dd>
            <dt>{w.matched}</dt><dd class="num">{n(preview.matched)}</dd>
            <dt>{w.notFound}</dt><dd class="num">{n(preview.notFound.length)}</dd>
            <dt>{w.elsewhere}</dt><dd class="num">{n(preview.elsewhere.length)}</dd>
          </dl>
          {preview.problemCount > 0 && (
            <>
              <h3>{`${w.problems}: ${n(preview.problemCount)}`}</h3>
              <DataTable aria-label={w.problems}>
                <thead><tr><th class="num">{w.line}</th><th>{w.column}</th><th>{w.message}</th></tr></thead>
                <tbody>{preview.problems.map((p) => <tr><td class="num">{String(p.line)}</td><td>{p.column}</td><td>{t(lang, p.key, p.params)}</td></tr>)}</tbody>
              </DataTable>
            </>
          )}
          {lines(w.elsewhere, preview.elsewhere)}
          {lines(w.notFound, preview.notFound)}
          {preview.id !== null && (
            <form method="post" action={`/desa/${code}/bansos/dtsen/${preview.id}/impor`}>
              <Csrf c={c} />
              <p class="muted">{w.replaceNote}</p>
              <button type="submit">{w.confirm}</button>
            </form>
          )}
        </section>
      )}
      <h2>{w.now}</h2>
      {view.byDesil.length === 0 ? <p>{w.none}</p> : (
        <>
          {view.last && <p>{`${view.last.source} · ${view.last.file_name} · ${view.last.imported_at ? formatDateTime(view.last.imported_at, lang) : ''}`}</p>}
          <DataTable aria-label={w.now}>
            <thead><tr><th class="num">{w.desil}</th><th class="num">{w.people}</th></tr></thead>
            <tbody>{view.byDesil.map((d) => <tr><td class="num">{String(d.desil)}</td><td class="num">{n(d.n)}</td></tr>)}</tbody>
          </DataTable>
        </>
      )}
      {view.canWrite && (
      <form method="post" action={`/desa/${code}/bansos/dtsen`} enctype="multipart/form-data" class="card">
        <h2>{w.upload}</h2>
        <Csrf c={c} />
        <label>{w.source}<select name="source"><option value="DTSEN">DTSEN</option><option value="DTKS">DTKS</option></select></label>
        <label>{w.file} *<input name="file" type="file" required accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" /></label>
        <button type="submit">{w.preview}</button>
      </form>
      )}
    </Layout>
  );
}
export const WELFARE_TEXT = TEXT;
