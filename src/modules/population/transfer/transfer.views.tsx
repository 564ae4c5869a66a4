import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatNumber } from '../../../platform/format/format.js';
import { t, type Lang } from '../../../platform/i18n/i18n.js';
import { KIND_LABEL } from '../../regions/index.js';
import type { ImportPreview, transferPage } from './import.service.js';
import type { JobSnapshot } from './jobs.js';
import type { PlanCounts } from './plan.js';
import type { Problem } from './validate.js';
import { fill, words } from './words.js';
import { DataTable } from '../../../platform/http/views/data-table.js';

type C = Context<AppEnv>;
type PageInfo = Awaited<ReturnType<typeof transferPage>>;

/** At most this many problems on the page: a file with 50,000 bad rows must still render. */
const SHOWN_PROBLEMS = 1000;

const base = (code: string) => `/desa/${code}/penduduk`;

export function TransferPage({ c, page, error }: { c: C; page: PageInfo; error?: string }) {
  const lang = c.get('lang');
  const w = words(lang);
  const at = base(page.code);
  return (
    <Layout c={c} title={w.title} guide="impor">
      <p class="muted">
        {KIND_LABEL[page.kind][lang]} {page.name} ({page.code})
      </p>
      {error && <Notice kind="error">{error}</Notice>}
      {page.canImport && (
        <section class="card">
          <h2>{w.importHeading}</h2>
          <p>{w.importIntro}</p>
          <form method="post" action={`${at}/impor`} enctype="multipart/form-data">
            <Csrf c={c} />
            <label for="file">{w.file}</label>
            <input id="file" name="file" type="file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" required />
            <button type="submit">{w.check}</button>
          </form>
          <p>
            <a href={`${at}/template.xlsx`}>{w.template}</a> · <a href="/panduan/impor">{w.guide}</a>
          </p>
        </section>
      )}
      <section class="card">
        <h2>{w.exportHeading}</h2>
        <p>{w.exportIntro}</p>
        {/* One form, a button per format (formaction): no script needed. */}
        <form method="get" action={`${at}/ekspor.xlsx`}>
          <StatusChoice lang={lang} id="export-status" />
          <button type="submit">{w.downloadXlsx}</button>{' '}
          <button type="submit" class="secondary" formaction={`${at}/ekspor.csv`}>
            {w.downloadCsv}
          </button>
        </form>
      </section>
      <section class="card">
        <h2>{w.registerHeading}</h2>
        <p>{w.registerIntro}</p>
        <form method="get" action={`${at}/buku-induk.pdf`}>
          <StatusChoice lang={lang} id="register-status" />
          <label for="paper">{w.paper}</label>
          <select id="paper" name="kertas">
            <option value="a4">{w.a4}</option>
            <option value="f4">{w.f4}</option>
          </select>
          <button type="submit">{w.downloadPdf}</button>{' '}
          <button type="submit" class="secondary" formaction={`${at}/buku-induk.xlsx`}>
            {w.downloadXlsx}
          </button>
        </form>
      </section>
      <p class="muted">{w.logged}</p>
    </Layout>
  );
}

function StatusChoice({ lang, id }: { lang: Lang; id: string }) {
  const w = words(lang);
  return (
    <>
      <label for={id}>{w.which}</label>
      <select id={id} name="status">
        <option value="semua">{w.all}</option>
        <option value="hidup">{w.alive}</option>
        <option value="tercatat">{w.registered}</option>
      </select>
    </>
  );
}

function Counts({ lang, counts }: { lang: Lang; counts: PlanCounts }) {
  const w = words(lang);
  const n = (x: number) => formatNumber(x, lang);
  return (
    <dl>
      <dt>{w.rows}</dt>
      <dd>{n(counts.rows)}</dd>
      <dt>{w.newResidents}</dt>
      <dd>{n(counts.newResidents)}</dd>
      <dt>{w.updatedResidents}</dt>
      <dd>{n(counts.updatedResidents)}</dd>
      <dt>{w.unchangedResidents}</dt>
      <dd>{n(counts.unchangedResidents)}</dd>
      <dt>{w.newFamilies}</dt>
      <dd>{n(counts.newFamilies)}</dd>
      <dt>{w.existingFamilies}</dt>
      <dd>{n(counts.existingFamilies)}</dd>
      <dt>{w.newAreas}</dt>
      <dd>{fill(w.areasLine, { dusun: n(counts.newDusun), rw: n(counts.newRw), rt: n(counts.newRt) })}</dd>
      <dt>{w.errors}</dt>
      <dd>{n(counts.errors)}</dd>
      <dt>{w.warnings}</dt>
      <dd>{n(counts.warnings)}</dd>
    </dl>
  );
}

function Problems({ lang, problems }: { lang: Lang; problems: Problem[] }) {
  const w = words(lang);
  if (!problems.length) return null;
  return (
    <section>
      <h2>{w.problems}</h2>
      <p class="muted">{w.problemsIntro}</p>
      <DataTable id="problems">
          <thead>
            <tr>
              <th class="num">{w.line}</th>
              <th>{w.column}</th>
              <th>{w.kind}</th>
              <th>{w.reason}</th>
            </tr>
          </thead>
          <tbody>
            {problems.slice(0, SHOWN_PROBLEMS).map((p) => (
              <tr class={p.level}>
                <td class="num">{p.line}</td>
                <td class="mono">{p.column}</td>
                <td>{p.level === 'error' ? w.error : w.warning}</td>
                <td>{t(lang, p.key, p.params)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      {problems.length > SHOWN_PROBLEMS && <p>{fill(w.moreProblems, { n: formatNumber(problems.length - SHOWN_PROBLEMS, lang) })}</p>}
    </section>
  );
}

export function PreviewPage({ c, preview }: { c: C; preview: ImportPreview }) {
  const lang = c.get('lang');
  const w = words(lang);
  const at = base(preview.village);
  const c_ = preview.counts;
  const work = c_.newResidents + c_.updatedResidents;
  return (
    <Layout c={c} title={w.previewTitle} guide="impor">
      <p>
        {w.file_}: <strong>{preview.fileName}</strong> ({preview.format}
        {preview.sheetName ? `, ${w.sheet} "${preview.sheetName}"` : ''})
      </p>
      <Counts lang={lang} counts={c_} />
      {preview.codeColumns.length > 0 && (
        <p id="code-columns">
          {w.codeColumns}: {preview.codeColumns.map((c) => `${c.column} — ${w.mapping[c.mapping]}`).join('; ')}
        </p>
      )}
      {preview.unknownColumns.length > 0 && (
        <Notice kind="warn">{t(lang, 'import.unknown_columns', { columns: preview.unknownColumns.join(', ') })}</Notice>
      )}
      {preview.jobId ? (
        <section class="card">
          <p>{work === 0 ? w.nothingToDo : w.noProblems}</p>
          <form method="post" action={`${at}/impor/${preview.jobId}/jalankan`}>
            <Csrf c={c} />
            <button type="submit">{fill(w.confirm, { n: formatNumber(c_.rows, lang) })}</button>
          </form>
        </section>
      ) : (
        <Notice kind="error">{w.fixFirst}</Notice>
      )}
      <Problems lang={lang} problems={preview.problems} />
      <p>
        <a href={`${at}/impor`}>{w.again}</a>
      </p>
    </Layout>
  );
}

export function ProgressPage({ c, job }: { c: C; job: JobSnapshot & { villageCode: string } }) {
  const lang = c.get('lang');
  const w = words(lang);
  const at = base(job.villageCode);
  const busy = job.phase === 'running' || job.phase === 'ready';
  const n = (x: number) => formatNumber(x, lang);
  return (
    <Layout c={c} title={w.progressTitle} guide="impor">
      {/* Refreshes itself while the import runs: no script needed. */}
      {busy && <meta http-equiv="refresh" content="2" />}
      <p>
        {w.file_}: <strong>{job.fileName}</strong>
      </p>
      {busy && (
        <section class="card" aria-live="polite">
          <p>{w.running}</p>
          <p>
            <strong>{w.steps[job.step]}</strong>
          </p>
          <progress max={Math.max(job.total, 1)} value={job.done}>
            {fill(w.progress, { done: n(job.done), total: n(job.total) })}
          </progress>
          <p>{fill(w.progress, { done: n(job.done), total: n(job.total) })}</p>
        </section>
      )}
      {job.phase === 'done' && job.result && (
        <section class="card">
          <Notice kind="ok">{w.done}</Notice>
          <h2>{w.result}</h2>
          <dl id="result">
            <dt>{w.inserted}</dt>
            <dd>{n(job.result.inserted)}</dd>
            <dt>{w.updated}</dt>
            <dd>{n(job.result.updated)}</dd>
            <dt>{w.unchanged}</dt>
            <dd>{n(job.result.unchanged)}</dd>
            <dt>{w.familiesCreated}</dt>
            <dd>{n(job.result.familiesCreated)}</dd>
            <dt>{w.familiesUpdated}</dt>
            <dd>{n(job.result.familiesUpdated)}</dd>
            <dt>{w.areasCreated}</dt>
            <dd>{n(job.result.areasCreated)}</dd>
            <dt>{w.duration}</dt>
            <dd>{fill(w.seconds, { s: Math.max(0.1, job.result.ms / 1000).toLocaleString(lang === 'en' ? 'en-US' : 'id-ID', { maximumFractionDigits: 1 }) })}</dd>
          </dl>
          <p>
            <a href={at}>{w.residents}</a> · <a href={`/desa/${job.villageCode}/statistik`}>{w.statistics}</a> · <a href={`/desa/${job.villageCode}`}>{w.village}</a>
          </p>
        </section>
      )}
      {job.phase === 'failed' && (
        <>
          <Notice kind="error">
            {w.failed} {job.error ? t(lang, job.error.key, job.error.params) : ''}
          </Notice>
          {job.problems && <Problems lang={lang} problems={job.problems} />}
          <p>
            <a href={`${at}/impor`}>{w.again}</a>
          </p>
        </>
      )}
    </Layout>
  );
}
