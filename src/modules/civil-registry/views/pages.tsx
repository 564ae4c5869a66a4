import type { Context } from 'hono';
import { formatDate, formatDateTime, formatNumber, titleCase } from '../../../platform/format/format.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { t } from '../../../platform/i18n/i18n.js';
import { assetUrl } from '../../../platform/http/static-files.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { Pager } from '../../../platform/http/views/pager.js';
import type { DiffField, DiffNote } from '../compare.js';
import { DIFFERENCE_KINDS, KIND_PATH, type DifferencesView } from '../reconcile.service.js';
import type { RegistryFile } from '../registry-file.js';
import type { ReportsOverview } from '../reports.service.js';
import { REPORT_KINDS } from '../siak.js';
import { FIELD_TITLE } from '../words.js';
import { CR_TEXT, fill } from './text.js';

export const crBase = (code: string) => `/desa/${code}/dukcapil`;
const GUIDE = 'dukcapil';
export type CrMsg = { ok?: string; error?: string; values?: Record<string, string> };

/** "3 lahir, 1 mati" — the kinds with rows, or "none". */
function contents(counts: Record<string, number> | null | undefined, w: (typeof CR_TEXT)['id'], lang: 'id' | 'en') {
  const parts = REPORT_KINDS.filter((k) => (counts?.[k] ?? 0) > 0).map((k) => `${formatNumber(counts![k]!, lang)} ${w.kinds[k]}`);
  return parts.length ? parts.join(', ') : w.pendingNone;
}

/** /desa/<kode>/dukcapil: the reports made and the next one, the upload of the civil registry's file, the latest comparisons. */
export function OverviewPage({ c, view, msg }: { c: Context<AppEnv>; view: ReportsOverview; msg: CrMsg }) {
  const lang = c.get('lang');
  const w = CR_TEXT[lang];
  const base = crBase(view.village);
  return (
    <Layout c={c} title={w.title} guide={GUIDE} head={<script src={assetUrl('upload-progress.js')} defer></script>}>
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{w.intro}</p>
      <section class="card">
        <h2>{w.reportHeading}</h2>
        <p>{w.reportIntro}</p>
        {view.last ? (
          <p>
            {`${w.lastReport}: No. ${view.last.number}, ${formatDateTime(view.last.madeAt, lang)}. `}
            {`${w.pending}: ${contents(view.pending, w, lang)}.`}
          </p>
        ) : (
          <p>{w.noReportYet}</p>
        )}
        <form method="post" action={`${base}/laporan`}>
          <Csrf c={c} />
          {!view.last && <label>{w.since}<input type="date" name="sejak" required max={view.today} value={msg.values?.sejak ?? view.defaultFrom} /></label>}
          <button type="submit">{w.exportButton}</button>
        </form>
      </section>
      <h2>{w.reports}</h2>
      {view.reports.length === 0 ? <p>{w.noReports}</p> : (
        <DataTable aria-label={w.reports}>
          <thead><tr><th class="num">{w.number}</th><th>{w.period}</th><th>{w.contents}</th><th>{w.madeBy}</th><th>{w.file}</th></tr></thead>
          <tbody>
            {view.reports.map((r) => (
              <tr>
                <td class="num">{String(r.number)}</td>
                <td>{`${formatDate(r.period_from, lang)} – ${formatDate(r.period_to, lang)}`}</td>
                <td>{contents(r.counts as Record<string, number>, w, lang)}</td>
                <td>{`${r.made_by_name ?? '-'}, ${formatDateTime(r.made_at, lang)}`}</td>
                <td><a href={`${base}/laporan/${r.id}/berkas`} download>{w.download}</a></td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <Pager w={w} page={view.page} pages={view.pages} link={(p) => `${base}?page=${p}`} />
      <section class="card">
        <h2>{w.importHeading}</h2>
        <p>{w.importIntro}</p>
        <form method="post" action={`${base}/impor`} enctype="multipart/form-data" data-upload-progress="">
          <Csrf c={c} />
          <label for="cr-file">{w.chooseFile}</label>
          <input id="cr-file" name="file" type="file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" required />
          <p class="muted" data-upload-status="" hidden data-uploading={w.uploading} data-checking={w.checking} aria-live="polite">
            <progress max="100" value="0"></progress> <span></span>
          </p>
          <button type="submit">{w.compare}</button>
        </form>
        <p class="links"><a href={`${base}/templat.csv`}>{w.template}</a></p>
      </section>
      {view.imports.length > 0 && (
        <>
          <h2>{w.imports}</h2>
          <ul class="cards">
            {view.imports.map((i) => {
              const n = i.counts as Record<string, number>;
              return (
                <li>
                  {i.status === 'open' ? <a href={`${base}/impor/${i.id}`}>{i.file_name}</a> : i.file_name}
                  {` · ${formatNumber(i.rows, lang)} ${w.rows} · ${i.uploaded_by_name ?? '-'}, ${formatDateTime(i.uploaded_at, lang)} · `}
                  <span class="tag">{i.status === 'open' ? w.open : w.superseded}</span>
                  <br />
                  <small>{DIFFERENCE_KINDS.map((k) => `${w.tabs[k]} ${formatNumber(n[k] ?? 0, lang)}`).join(' · ')}</small>
                </li>
              );
            })}
          </ul>
        </>
      )}
      <p class="muted">{w.logged}</p>
    </Layout>
  );
}

/** One field of one person: what each side holds, and the box to accept the civil registry's value (or where else it is done). */
function FieldRow({ f, seq, lang, open, village }: { f: DiffField; seq: number; lang: 'id' | 'en'; open: boolean; village: string }) {
  const w = CR_TEXT[lang];
  const show = (v: string) => (f.field === 'birth_date' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v, lang) : v || '-');
  const title = FIELD_TITLE[lang][f.field];
  const familyLink = f.family_id ? <> <a href={`/desa/${village}/keluarga/${f.family_id}`}>{w.familyPage}</a></> : null;
  const why = (note: DiffNote | undefined) =>
    note === 'head' ? w.viaHead : note === 'split' ? w.viaSplit : note === 'with_kk' ? w.withKk : note === 'with_family' ? fill(w.withFamily, { name: titleCase(f.with_name ?? '') }) : w.notHere;
  return (
    <tr>
      <td>{title}</td>
      <td>{show(f.balai)}</td>
      <td>{show(f.dukcapil)}</td>
      <td>
        {f.applied ? <span class="tag">{w.applied}</span>
          : f.correctable && open ? (
            <>
              <label class="check"><input type="checkbox" name="pick" value={`${seq}:${f.field}`} /> {`${w.accept} (${title})`}</label>
              {f.kk?.kind === 'reissue' && <small>{fill(w.kkWholeFamily, { n: formatNumber(f.kk.members.length, lang) })}</small>}
              {f.kk?.kind === 'move' && <small>{w.kkMove}{familyLink}</small>}
            </>
          )
          : f.correctable ? ''
          : f.field === 'area_id' ? <small>{w.noArea}</small>
          : f.field === 'life_status' ? ''
          : <small>{why(f.note)}{f.note === 'with_kk' || f.note === 'with_family' ? null : familyLink}</small>}
      </td>
    </tr>
  );
}

/** /desa/<kode>/dukcapil/impor/<id>: the differences of one kind, a card per person; the corrections chosen applied together. */
export function DifferencesPage({ c, view, msg }: { c: Context<AppEnv>; view: DifferencesView; msg: CrMsg }) {
  const lang = c.get('lang');
  const w = CR_TEXT[lang];
  const base = crBase(view.village);
  const here = `${base}/impor/${view.import.id}`;
  const open = view.import.status === 'open';
  const n = (x: number) => formatNumber(x, lang);
  const tabLink = (k: string) => `${here}?jenis=${KIND_PATH[k as keyof typeof KIND_PATH]}`;
  return (
    <Layout c={c} title={w.diffTitle} guide={GUIDE}>
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      {!open && <Notice kind="warn">{w.supersededNote}</Notice>}
      <p>
        <strong>{view.import.file_name}</strong>
        {` · ${n(view.import.rows)} ${w.rows} · ${w.uploaded} ${view.import.uploaded_by_name ?? '-'}, ${formatDateTime(view.import.uploaded_at, lang)}`}
      </p>
      <p>{w.diffIntro}</p>
      <p class="links">
        {`${w.same}: ${n(view.import.counts.same ?? 0)} · `}
        {DIFFERENCE_KINDS.map((k, i) => (
          <>
            {i > 0 && ' · '}
            {k === view.kind ? <strong>{`${w.tabs[k]} (${n(view.import.counts[k] ?? 0)})`}</strong> : <a href={tabLink(k)}>{`${w.tabs[k]} (${n(view.import.counts[k] ?? 0)})`}</a>}
          </>
        ))}
      </p>
      {view.kind === 'differs' && open && view.remaining > 0 && (
        <form method="post" action={`${here}/terapkan`}>
          <Csrf c={c} />
          <input type="hidden" name="semua" value="1" />
          <button type="submit" class="secondary">{fill(w.applyAll, { n: n(view.remaining) })}</button>
        </form>
      )}
      {view.rows.length === 0 ? <p>{w.none}</p> : (
        <form method="post" action={`${here}/terapkan`}>
          <Csrf c={c} />
          {view.rows.map((r) => (
            <article class="card">
              <h3>{r.resident_id ? <a href={`/desa/${view.village}/penduduk/${r.resident_id}`}>{titleCase(r.name)}</a> : titleCase(r.name)}</h3>
              <p class="muted">
                {`NIK ${r.nik}`}
                {r.line !== null && ` · ${fill(w.line, { line: r.line })}`}
              </p>
              {r.kind === 'only_dukcapil' && <p>{w.onlyDukcapil}</p>}
              {r.kind === 'only_balai' && <p>{r.nik.startsWith('0') ? w.temporary : w.onlyBalai}</p>}
              {r.kind === 'status' && <p>{fill(w.statusNote, { status: r.fields[0]?.balai ?? '' })}</p>}
              {r.kind === 'differs' && (
                <DataTable aria-label={titleCase(r.name)}>
                  <thead><tr><th>{w.field}</th><th>{w.balai}</th><th>{w.dukcapil}</th><th>{w.accept}</th></tr></thead>
                  <tbody>{r.fields.map((f) => <FieldRow f={f} seq={r.seq} lang={lang} open={open} village={view.village} />)}</tbody>
                </DataTable>
              )}
            </article>
          ))}
          {view.kind === 'differs' && open && <button type="submit">{w.applyPicked}</button>}
        </form>
      )}
      <Pager w={w} page={view.page} pages={view.pages} link={(p) => `${tabLink(view.kind)}&page=${p}`} />
      <p class="links"><a href={base}>{w.back}</a></p>
    </Layout>
  );
}

/** At most this many problems on the page: a file with 50,000 bad rows must still render. */
const SHOWN = 500;

/** The file refused: each problem with its row and column, nothing compared. */
export function RefusedPage({ c, village, fileName, file }: { c: Context<AppEnv>; village: string; fileName: string; file: RegistryFile }) {
  const lang = c.get('lang');
  const w = CR_TEXT[lang];
  return (
    <Layout c={c} title={w.refusedTitle} guide={GUIDE}>
      <Notice kind="error">{t(lang, 'civil_registry.file_refused', { count: formatNumber(file.problems.length, lang) })}</Notice>
      <p><strong>{fileName}</strong></p>
      {file.unknownColumns.length > 0 && <p class="muted">{fill(w.unknownColumns, { columns: file.unknownColumns.join(', ') })}</p>}
      <DataTable id="problems" aria-label={w.refusedTitle}>
        <thead><tr><th class="num">{w.rowCol}</th><th>{w.column}</th><th>{w.reason}</th></tr></thead>
        <tbody>
          {file.problems.slice(0, SHOWN).map((p) => (
            <tr><td class="num">{String(p.line)}</td><td>{p.column}</td><td>{t(lang, p.key, p.params)}</td></tr>
          ))}
        </tbody>
      </DataTable>
      {file.problems.length > SHOWN && <p>{fill(w.more, { n: formatNumber(file.problems.length - SHOWN, lang) })}</p>}
      <p class="links"><a href={crBase(village)}>{w.again}</a></p>
    </Layout>
  );
}
