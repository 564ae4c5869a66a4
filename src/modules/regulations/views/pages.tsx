import type { Context } from 'hono';
import { can } from '../../../platform/access/access.js';
import { formatDate, formatDateTime, formatNumber, titleCase } from '../../../platform/format/format.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { Pager } from '../../../platform/http/views/pager.js';
import { BOOK_KEYS, BOOK_PATH, BOOKS, type bookPage } from '../books.service.js';
import { titlesOf, type amendable, type listRegulations, type regulation } from '../register.service.js';
import { KINDS, KIND_LABEL, regulationTitle } from '../words.js';
import { REG_TEXT, type RegWords } from './text.js';

/** "TANGGAL KESEPAKATAN BPD" as "Tanggal kesepakatan BPD": the printed column titles, in sentence case for the screen. */
const headerCase = (s: string) => s.charAt(0) + s.slice(1).toLowerCase().replace(/\bbpd\b/g, 'BPD');

export type RegMsg = { ok?: boolean; error?: string; values?: Record<string, string> };
export const regBase = (code: string) => `/desa/${code}/peraturan`;

function Links({ c, code }: { c: Context<AppEnv>; code: string }) {
  const lang = c.get('lang');
  const w = REG_TEXT[lang];
  return (
    <p class="links">
      <a href={regBase(code)}>{w.title}</a>
      {BOOK_KEYS.map((k) => <>{' · '}<a href={`${regBase(code)}/${BOOK_PATH[k]}`}>{lang === 'en' ? BOOKS[k].titleEn : BOOKS[k].name}</a></>)}
    </p>
  );
}

/** The record's fields, empty for a new record, filled for a correction. */
function RecordFields({ c, v, options, correcting }: { c: Context<AppEnv>; v: (k: string, d?: string) => string; options: Awaited<ReturnType<typeof amendable>>; correcting: boolean }) {
  const lang = c.get('lang');
  const w = REG_TEXT[lang];
  return (
    <>
      <Csrf c={c} />
      <label>{w.kind} *<select name="kind" required>{KINDS.map((k) => <option value={k} selected={v('kind', 'perdes') === k}>{KIND_LABEL[k][lang]}</option>)}</select></label>
      <label>{w.number} *<input name="reg_number" required maxlength={60} value={v('reg_number')} /></label>
      <label>{w.setOn} *<input type="date" name="set_on" required value={v('set_on')} /></label>
      <label>{w.about} *<input name="tentang" required minlength={3} maxlength={300} value={v("tentang")} /></label>
      <label>{w.summary}<textarea name="summary" maxlength={2000} rows={3}>{v('summary')}</textarea></label>
      <label>{w.bpd}<input type="date" name="bpd_agreed_on" value={v('bpd_agreed_on')} /></label>
      <label>{w.reportNo}<input name="report_no" maxlength={100} value={v('report_no')} /></label>
      <label>{w.reportedOn}<input type="date" name="reported_on" value={v('reported_on')} /></label>
      <label>{w.promulgatedOn}<input type="date" name="promulgated_on" value={v('promulgated_on')} /></label>
      <label>{w.gazetteNo}<input name="gazette_no" maxlength={60} value={v('gazette_no')} /></label>
      {options.length > 0 && (
        <label>{w.amends}<select name="amends">
          <option value="">-</option>
          {options.map((o) => <option value={String(o.id)} selected={v('amends') === String(o.id)}>{o.title}</option>)}
        </select></label>
      )}
      <label>{w.note}<textarea name="note" maxlength={1000} rows={2}>{v('note')}</textarea></label>
      <label>{correcting ? w.documentKeep : w.document}<input type="file" name="document" accept="application/pdf" /></label>
    </>
  );
}

/** /desa/<kode>/peraturan: the register filtered by year, kind and words, and the form to record one. */
export function RegulationListPage({ c, view, options, msg }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof listRegulations>>; options: Awaited<ReturnType<typeof amendable>>; msg: RegMsg }) {
  const lang = c.get('lang');
  const w = REG_TEXT[lang];
  const code = view.village;
  const v = (k: string, d = '') => msg.values?.[k] ?? d;
  const query = (page: number) => new URLSearchParams({ ...(view.year ? { tahun: String(view.year) } : {}), ...(view.kind ? { kind: view.kind } : {}), ...(view.q ? { q: view.q } : {}), ...(page > 1 ? { page: String(page) } : {}) });
  return (
    <Layout c={c} title={w.title} guide="peraturan">
      {msg.ok && <Notice kind="ok">{w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{w.intro}</p>
      <Links c={c} code={code} />
      {can(c.get('ctx').actor, 'regulation.manage', code) && (
        <details class="card" open={msg.error !== undefined}>
          <summary>{w.record}</summary>
          <form method="post" action={regBase(code)} enctype="multipart/form-data">
            <RecordFields c={c} v={v} options={options} correcting={false} />
            <button type="submit">{w.save}</button>
          </form>
        </details>
      )}
      <form method="get" action={regBase(code)} class="card">
        <label>{w.year}<input name="tahun" inputmode="numeric" maxlength={4} placeholder={w.allYears} value={view.year ? String(view.year) : ''} /></label>
        <label>{w.kind}<select name="kind">
          <option value="">{w.allKinds}</option>
          {KINDS.map((k) => <option value={k} selected={view.kind === k}>{KIND_LABEL[k][lang]}</option>)}
        </select></label>
        <label>{w.search}<input type="search" name="q" maxlength={60} value={view.q} /></label>
        <button type="submit" class="secondary">{w.show}</button>
      </form>
      <p>{`${formatNumber(view.total, lang)} ${w.records}`}</p>
      {view.rows.length === 0 ? <p>{w.none}</p> : (
        <DataTable aria-label={w.title}>
          <thead><tr><th>{w.kind}</th><th>{w.setOn}</th><th>{w.about}</th><th>{w.promulgated}</th></tr></thead>
          <tbody>
            {view.rows.map((r) => (
              <tr>
                <td><a href={`${regBase(code)}/${r.id}`}>{regulationTitle(r.kind, r.number, r.year, lang)}</a></td>
                <td>{formatDate(r.set_on, lang)}</td>
                <td>
                  {r.about}
                  {r.revoked_at && <> <span class="tag muted">{w.revoked}</span></>}
                  {titlesOf(r.amended_by, lang).map((t) => <><br /><small>{`${w.amendedBy} ${t}`}</small></>)}
                </td>
                <td>{r.promulgated_on ? `${formatDate(r.promulgated_on, lang)}, No. ${r.gazette_no ?? ''}` : r.kind === 'kepkades' ? '-' : w.notPromulgated}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <Pager w={w} page={view.page} pages={view.pages} link={(p) => `${regBase(code)}?${query(p)}`} />
    </Layout>
  );
}

type RegView = Awaited<ReturnType<typeof regulation>>;

/** /desa/<kode>/peraturan/<id>: one record, its document, what it amends and what amended it; correct and revoke. */
export function RegulationPage({ c, view, options, msg }: { c: Context<AppEnv>; view: RegView; options: Awaited<ReturnType<typeof amendable>>; msg: RegMsg }) {
  const lang = c.get('lang');
  const w = REG_TEXT[lang];
  const code = view.village;
  const r = view.reg;
  const here = `${regBase(code)}/${r.id}`;
  const manage = can(c.get('ctx').actor, 'regulation.manage', code);
  const d = (s: string | null) => (s ? formatDate(s, lang) : '-');
  const current: Record<string, string> = {
    kind: r.kind, reg_number: r.number, set_on: r.set_on, tentang: r.about, summary: r.summary, bpd_agreed_on: r.bpd_agreed_on ?? '', report_no: r.report_no ?? '',
    reported_on: r.reported_on ?? '', promulgated_on: r.promulgated_on ?? '', gazette_no: r.gazette_no ?? '', note: r.note, amends: r.amends_id ? String(r.amends_id) : '',
  };
  const v = (k: string, dflt = '') => msg.values?.[k] ?? current[k] ?? dflt;
  return (
    <Layout c={c} title={regulationTitle(r.kind, r.number, r.year, lang)} guide="peraturan">
      {msg.ok && <Notice kind="ok">{w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <Links c={c} code={code} />
      {r.corrected_at && <Notice kind="warn">{`${w.correctedNotice} (${formatDateTime(r.corrected_at, lang)}): ${r.correction_reason ?? ''}. `}{view.correctedBy && <a href={`${regBase(code)}/${view.correctedBy.id}`}>{w.correctedSee}</a>}</Notice>}
      {r.revoked_at && <Notice kind="warn">{`${w.revoked} (${formatDateTime(r.revoked_at, lang)}): ${r.revoke_reason ?? ''}`}</Notice>}
      {r.corrects_id && <p><small>{`${w.correctsNotice}: `}<a href={`${regBase(code)}/${r.corrects_id}`}>{w.correctsSee}</a></small></p>}
      <dl>
        <dt>{w.about}</dt><dd>{r.about}</dd>
        <dt>{w.setOn}</dt><dd>{d(r.set_on)}</dd>
        {r.summary && <><dt>{w.summary}</dt><dd style="white-space: pre-line">{r.summary}</dd></>}
        {r.kind === 'perdes' && <><dt>{w.bpd}</dt><dd>{d(r.bpd_agreed_on)}</dd></>}
        <dt>{w.reportNo}</dt><dd>{`${r.report_no ?? '-'}${r.reported_on ? `, ${d(r.reported_on)}` : ''}`}</dd>
        {r.kind !== 'kepkades' && <><dt>{w.promulgated}</dt><dd>{r.promulgated_on ? `${d(r.promulgated_on)}, ${r.kind === 'perkades' ? 'Berita Desa' : 'Lembaran Desa'} Nomor ${r.gazette_no ?? ''}` : w.notPromulgated}</dd></>}
        {view.amends.map((a) => <><dt>{w.amendsLabel}</dt><dd><a href={`${regBase(code)}/${a.id}`}>{a.title}</a></dd></>)}
        {view.amendedBy.map((a) => <><dt>{w.amendedBy}</dt><dd><a href={`${regBase(code)}/${a.id}`}>{a.title}</a></dd></>)}
        {r.note && <><dt>{w.note}</dt><dd style="white-space: pre-line">{r.note}</dd></>}
        <dt>{w.recordedBy}</dt><dd>{`${r.recorded_by_name}, ${formatDateTime(r.recorded_at, lang)}`}</dd>
      </dl>
      <p>{r.has_document ? <a href={`${here}/berkas`}>{w.documentLink}</a> : w.noDocument}</p>
      {manage && !r.corrected_at && (
        <details class="card" open={msg.error !== undefined && msg.values?.correction_reason !== undefined}>
          <summary>{w.correct}</summary>
          <p>{w.correctIntro}</p>
          <form method="post" action={`${here}/koreksi`} enctype="multipart/form-data">
            <RecordFields c={c} v={v} options={[...view.amends.filter((a) => !options.some((o) => o.id === a.id)), ...options.filter((o) => o.id !== r.id)]} correcting={true} />
            <label>{w.correctionReason} *<input name="correction_reason" required minlength={5} maxlength={500} value={msg.values?.correction_reason ?? ''} /></label>
            <button type="submit">{w.correct}</button>
          </form>
        </details>
      )}
      {manage && !r.corrected_at && !r.revoked_at && (
        <details class="card">
          <summary>{w.revoke}</summary>
          <p>{w.revokeIntro}</p>
          <form method="post" action={`${here}/cabut`}>
            <Csrf c={c} />
            <label>{w.revokeReason} *<input name="revoke_reason" required minlength={5} maxlength={500} /></label>
            <button type="submit" class="secondary">{w.revoke}</button>
          </form>
        </details>
      )}
    </Layout>
  );
}

/** /desa/<kode>/peraturan/<buku>: one of the three books for a year, its Excel file and its PDF. */
export function BookPage({ c, view }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof bookPage>> }) {
  const lang = c.get('lang');
  const w = REG_TEXT[lang];
  const code = view.village.village_code;
  const def = BOOKS[view.book];
  const path = `${regBase(code)}/${BOOK_PATH[view.book]}`;
  const title = lang === 'en' ? def.titleEn : def.name;
  return (
    <Layout c={c} title={`${title} · ${titleCase(view.village.name)}`} guide="peraturan">
      <p>{w.bookIntro}</p>
      <Links c={c} code={code} />
      <form method="get" class="card">
        <label>{w.year}<input name="tahun" inputmode="numeric" maxlength={4} value={String(view.year)} /></label>
        <button type="submit" class="secondary">{w.show}</button>
      </form>
      <p>
        <a href={`${path}.xlsx?tahun=${view.year}`} download>{w.excel}</a>{' · '}
        <a href={`${path}.pdf?tahun=${view.year}`}>{w.pdfA4}</a>{' · '}
        <a href={`${path}.pdf?tahun=${view.year}&kertas=f4`}>{w.pdfF4}</a>
        {` · ${formatNumber(view.total, lang)} ${w.records}`}
      </p>
      {view.rows.length === 0 ? <p>{w.bookNone}</p> : (
        <DataTable aria-label={title}>
          <thead><tr>{def.columns.map((col) => <th>{headerCase(col.title)}</th>)}</tr></thead>
          <tbody>
            {view.rows.map((r) => (
              <tr>{r.cells.map((cell, i) => <td>{i === 1 ? <a href={`${regBase(code)}/${r.id}`}>{cell}</a> : cell}</td>)}</tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <Pager w={w} page={view.page} pages={view.pages} link={(p) => `${path}?tahun=${view.year}${p > 1 ? `&page=${p}` : ''}`} />
    </Layout>
  );
}
