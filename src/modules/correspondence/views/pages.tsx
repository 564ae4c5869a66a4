import type { Context } from 'hono';
import { can } from '../../../platform/access/access.js';
import { dayInWib, formatDate, formatDateTime, formatNumber, titleCase } from '../../../platform/format/format.js';
import { monthName } from '../../../platform/format/period.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { Pager } from '../../../platform/http/views/pager.js';
import { DashboardFrame, dashboardPath } from '../../monitoring/views/frame.js';
import type { agendaBook } from '../agenda.service.js';
import type { MailDashboard } from '../figures.service.js';
import { NATURES, type incomingLetter, type listIncoming } from '../incoming.service.js';
import type { myQueue, routeTargets } from '../routing.service.js';
import { MAIL_TEXT, NATURE_LABEL, type MailWords } from './words.js';

export type MailMsg = { ok?: boolean; error?: string; values?: Record<string, string> };
const base = (code: string) => `/desa/${code}/surat-masuk`;

function Links({ c, w, code }: { c: Context<AppEnv>; w: MailWords; code: string }) {
  const actor = c.get('ctx').actor;
  return (
    <p class="links">
      {can(actor, 'mail.read', code) && <a href={base(code)}>{w.title}</a>}
      {can(actor, 'mail.read', code) && <>{' · '}<a href={`/desa/${code}/buku-agenda`}>{w.links}</a></>}
      {can(actor, 'mail.queue', code) && <>{' · '}<a href={`/desa/${code}/disposisi`}>{w.queueLink}</a></>}
    </p>
  );
}

/** /desa/<kode>/surat-masuk: the year's register, searched and paged, and the form to record a letter. */
export function IncomingListPage({ c, view, msg }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof listIncoming>>; msg: MailMsg }) {
  const lang = c.get('lang');
  const w = MAIL_TEXT[lang];
  const code = view.village;
  const v = (k: string, d = '') => msg.values?.[k] ?? d;
  const link = (page: number) => `${base(code)}?${new URLSearchParams({ tahun: String(view.year), ...(view.q ? { q: view.q } : {}), ...(view.status ? { status: view.status } : {}), ...(page > 1 ? { page: String(page) } : {}) })}`;
  const canWrite = can(c.get('ctx').actor, 'mail.write', code);
  return (
    <Layout c={c} title={w.title} guide="surat-masuk">
      {msg.ok && <Notice kind="ok">{w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{w.intro}</p>
      <Links c={c} w={w} code={code} />
      {canWrite && (
        <details class="card" open={msg.error !== undefined}>
          <summary>{w.register}</summary>
          <form method="post" action={base(code)} enctype="multipart/form-data">
            <Csrf c={c} />
            <label>{w.receivedOn} *<input type="date" name="received_on" required value={v('received_on', '')} /></label>
            <label>{w.sender} *<input name="sender" required minlength={2} maxlength={200} value={v('sender')} /></label>
            <label>{w.letterNo} *<input name="letter_no" required maxlength={100} value={v('letter_no')} /></label>
            <label>{w.letterDate} *<input type="date" name="letter_date" required value={v('letter_date')} /></label>
            <label>{w.subject} *<input name="subject" required minlength={3} maxlength={300} value={v('subject')} /></label>
            <label>{w.nature}<select name="nature">{NATURES.map((n) => <option value={n} selected={v('nature', 'biasa') === n}>{NATURE_LABEL[n][lang]}</option>)}</select></label>
            <label>{w.summary}<textarea name="summary" maxlength={2000} rows={3}>{v('summary')}</textarea></label>
            <label>{w.scan}<input type="file" name="scan" accept="application/pdf,image/jpeg,image/png,image/webp" /></label>
            <button type="submit">{w.save}</button>
          </form>
        </details>
      )}
      <form method="get" action={base(code)} class="card">
        <label>{w.year}<input name="tahun" inputmode="numeric" maxlength={4} value={String(view.year)} /></label>
        <label>{w.search}<input type="search" name="q" maxlength={60} value={view.q} /></label>
        <label>{w.status}<select name="status">
          {[['', w.all], ['terbuka', w.open], ['selesai', w.finished], ['batal', w.voidedStatus]].map(([k, label]) => <option value={k} selected={view.status === k}>{label}</option>)}
        </select></label>
        <button type="submit" class="secondary">{w.show}</button>
      </form>
      <p>{`${formatNumber(view.total, lang)} ${w.letters}`}</p>
      {view.rows.length === 0 ? <p>{w.none}</p> : (
        <DataTable aria-label={w.title}>
          <thead><tr><th>{w.agendaNo}</th><th>{w.receivedOn}</th><th>{w.sender}</th><th>{w.subject}</th><th>{w.routes}</th></tr></thead>
          <tbody>
            {view.rows.map((r) => (
              <tr>
                <td><a href={`${base(code)}/${r.id}`}>{`${r.agenda_no}/${r.year}`}</a></td>
                <td>{formatDate(r.received_on, lang)}</td>
                <td>{r.sender}</td>
                <td>{r.subject}{r.nature !== 'biasa' && <> <span class="tag warn">{NATURE_LABEL[r.nature][lang]}</span></>}{r.voided_at && <> <span class="tag muted">{w.voided}</span></>}</td>
                <td>{r.routes === 0 ? '-' : `${r.routes}${r.open_routes ? ` (${r.open_routes} ${w.openRoutes})` : ''}`}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <Pager w={w} page={view.page} pages={view.pages} link={link} />
    </Layout>
  );
}

type LetterView = Awaited<ReturnType<typeof incomingLetter>>;
type Route = LetterView['routes'][number];

function RouteItem({ w, lang, r }: { w: MailWords; lang: 'id' | 'en'; r: Route }) {
  const late = r.due_on !== null && (r.done_at ? dayInWib(r.done_at) > r.due_on : false);
  return (
    <li>
      <strong>{r.to_name}</strong>{r.to_position && ` (${r.to_position})`}{` · ${w.routedBy} ${r.by_name}, ${formatDateTime(r.routed_at, lang)}`}
      <br />{r.instruction}
      {r.due_on && <><br /><small>{`${w.due} ${formatDate(r.due_on, lang)}`}</small></>}
      <br />{r.done_at ? <span class="tag ok">{`${w.doneAt} ${formatDateTime(r.done_at, lang)}`}</span> : <span class="tag warn">{w.waiting}</span>}
      {late && <> <span class="tag warn">{w.late}</span></>}
      {r.done_note && <><br /><span style="white-space: pre-line">{r.done_note}</span></>}
    </li>
  );
}

/** /desa/<kode>/surat-masuk/<id>: the letter, its scan, its routings; routing and voiding for who may. */
export function IncomingLetterPage({ c, view, targets, msg, fromQueue = false }: { c: Context<AppEnv>; view: LetterView; targets: Awaited<ReturnType<typeof routeTargets>>; msg: MailMsg; fromQueue?: boolean }) {
  const lang = c.get('lang');
  const w = MAIL_TEXT[lang];
  const code = view.village;
  const l = view.letter;
  const actor = c.get('ctx').actor;
  const here = `${base(code)}/${l.id}`;
  // An official who only works their queue opens the letter (and its scan) from there.
  const scanHref = fromQueue ? `/desa/${code}/disposisi/surat/${l.id}/pindaian` : `${here}/pindaian`;
  const v = (k: string) => msg.values?.[k] ?? '';
  return (
    <Layout c={c} title={`${w.agendaNo} ${l.agenda_no}/${l.year}`} guide="surat-masuk">
      {msg.ok && <Notice kind="ok">{w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <Links c={c} w={w} code={code} />
      {l.voided_at && <Notice kind="warn">{`${w.voided} ${formatDateTime(l.voided_at, lang)}: ${l.void_reason ?? ''}`}</Notice>}
      <dl>
        <dt>{w.subject}</dt><dd>{l.subject}</dd>
        <dt>{w.sender}</dt><dd>{l.sender}</dd>
        <dt>{w.letterNo}</dt><dd>{`${l.letter_no}, ${formatDate(l.letter_date, lang)}`}</dd>
        <dt>{w.receivedOn}</dt><dd>{formatDate(l.received_on, lang)}</dd>
        <dt>{w.nature}</dt><dd>{NATURE_LABEL[l.nature][lang]}</dd>
        {l.summary && <><dt>{w.summary}</dt><dd style="white-space: pre-line">{l.summary}</dd></>}
        <dt>{w.registeredBy}</dt><dd>{`${l.registered_by_name}, ${formatDateTime(l.registered_at, lang)}`}</dd>
      </dl>
      <p>{l.scan_type ? <a href={scanHref}>{w.scanLink}</a> : w.noScan}</p>
      <h2>{w.routeTitle}</h2>
      {view.routes.length === 0 ? <p>{w.noRoutes}</p> : <ul class="cards">{view.routes.map((r) => <RouteItem w={w} lang={lang} r={r} />)}</ul>}
      {!fromQueue && !l.voided_at && can(actor, 'mail.route', code) && (
        <form method="post" action={`${here}/disposisi`} class="card">
          <Csrf c={c} />
          <label>{w.routeTo} *<select name="to_user" required>
            <option value="">-</option>
            {targets.map((t) => <option value={String(t.id)} selected={v('to_user') === String(t.id)}>{`${t.full_name}${t.position_title ? ` (${t.position_title})` : ''}`}</option>)}
          </select></label>
          <label>{w.instruction} *<textarea name="instruction" required maxlength={500} rows={2}>{v('instruction')}</textarea></label>
          <label>{w.dueOn}<input type="date" name="due_on" value={v('due_on')} /></label>
          <button type="submit">{w.route}</button>
        </form>
      )}
      {!fromQueue && !l.voided_at && can(actor, 'mail.write', code) && (
        <details class="card">
          <summary>{w.voidLetter}</summary>
          <p>{w.voidIntro}</p>
          <form method="post" action={`${here}/batal`}>
            <Csrf c={c} />
            <label>{w.voidReason} *<input name="void_reason" required minlength={5} maxlength={500} /></label>
            <button type="submit" class="secondary">{w.voidLetter}</button>
          </form>
        </details>
      )}
    </Layout>
  );
}

/** /desa/<kode>/disposisi: the letters routed to the official logged in, to mark done. */
export function QueuePage({ c, view, msg }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof myQueue>>; msg: MailMsg }) {
  const lang = c.get('lang');
  const w = MAIL_TEXT[lang];
  const code = view.village;
  return (
    <Layout c={c} title={w.queueTitle} guide="surat-masuk">
      {msg.ok && <Notice kind="ok">{w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{w.queueIntro}</p>
      <Links c={c} w={w} code={code} />
      {view.open.length === 0 ? <p>{w.queueNone}</p> : (
        <ul class="cards">
          {view.open.map((r) => (
            <li>
              <a href={`/desa/${code}/disposisi/surat/${r.letter_id}`}>{`${w.agendaNo} ${r.agenda_no}/${r.year}`}</a>{` · ${r.subject}`}
              {r.nature !== 'biasa' && <> <span class="tag warn">{NATURE_LABEL[r.nature][lang]}</span></>}
              <br /><small>{`${r.sender} · ${w.routedBy} ${r.by_name}, ${formatDateTime(r.routed_at, lang)}`}</small>
              <br />{r.instruction}
              {r.due_on && <><br /><span class={`tag ${r.due_on < view.today ? 'warn' : 'info'}`}>{`${w.due} ${formatDate(r.due_on, lang)}`}</span></>}
              <form method="post" action={`/desa/${code}/disposisi/${r.id}/selesai`}>
                <Csrf c={c} />
                <label>{w.doneNote} *<textarea name="done_note" required minlength={2} maxlength={1000} rows={2}></textarea></label>
                <button type="submit">{w.markDone}</button>
              </form>
            </li>
          ))}
        </ul>
      )}
      {view.done.length > 0 && (
        <>
          <h2>{w.recentlyDone}</h2>
          <ul class="cards">
            {view.done.map((r) => (
              <li>
                <a href={`/desa/${code}/disposisi/surat/${r.letter_id}`}>{`${w.agendaNo} ${r.agenda_no}/${r.year}`}</a>{` · ${r.subject}`}
                <br /><small>{`${w.doneAt} ${formatDateTime(r.done_at!, lang)}`}</small>
                <br /><span style="white-space: pre-line">{r.done_note}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}

/** /desa/<kode>/buku-agenda: the year's (or a month's) letters in and out, numbered, with Excel. */
export function AgendaPage({ c, view }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof agendaBook>> }) {
  const lang = c.get('lang');
  const w = MAIL_TEXT[lang];
  const code = view.village.village_code;
  const query = `tahun=${view.year}${view.month ? `&bulan=${view.month}` : ''}`;
  const link = (page: number) => `/desa/${code}/buku-agenda?${query}${page > 1 ? `&page=${page}` : ''}`;
  return (
    <Layout c={c} title={`${w.agendaTitle} · ${titleCase(view.village.name)}`} guide="surat-masuk">
      <p>{w.agendaIntro}</p>
      <Links c={c} w={w} code={code} />
      <form method="get" class="card">
        <label>{w.year}<input name="tahun" inputmode="numeric" maxlength={4} value={String(view.year)} /></label>
        <label>{w.month}<select name="bulan">
          <option value="">{w.allYear}</option>
          {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => <option value={String(m)} selected={view.month === m}>{monthName(m, lang)}</option>)}
        </select></label>
        <button type="submit" class="secondary">{w.show}</button>
      </form>
      <p>
        <a href={`/desa/${code}/buku-agenda.xlsx?${query}`} download>{w.excel}</a>{' · '}
        <a href={`/desa/${code}/buku-agenda.pdf?${query}`}>{w.pdfA4}</a>{' · '}
        <a href={`/desa/${code}/buku-agenda.pdf?${query}&kertas=f4`}>{w.pdfF4}</a>
        {` · ${formatNumber(view.total, lang)} ${w.letters}`}
      </p>
      {view.rows.length === 0 ? <p>{w.noAgenda}</p> : (
        <DataTable aria-label={w.agendaTitle}>
          <thead><tr><th>{w.seq}</th><th>{w.day}</th><th>{w.kind}</th><th>{w.number}</th><th>{w.party}</th><th>{w.subject}</th><th>{w.remark}</th></tr></thead>
          <tbody>
            {view.rows.map((r, i) => (
              <tr>
                <td>{String(view.first + i)}</td>
                <td>{formatDate(r.day, lang)}</td>
                <td>{r.kind === 'masuk' ? <a href={`${base(code)}/${r.id}`}>{w.inbound}</a> : w.outbound}</td>
                <td>{`${r.number ?? ''}${r.kind === 'masuk' ? `, ${formatDate(r.letter_date, lang)}` : ''}`}</td>
                <td>{r.party}</td>
                <td>{r.subject}</td>
                <td>{r.remark}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <Pager w={w} page={view.page} pages={view.pages} link={link} />
    </Layout>
  );
}

export const MAIL_FIGURE_HEADERS = {
  id: ['Kode', 'Wilayah', 'Desa memakai Balai', 'Surat masuk', 'Disposisi', 'Disposisi selesai', 'Selesai terlambat'],
  en: ['Code', 'Region', 'Villages on Balai', 'Letters received', 'Routings', 'Routings done', 'Done late'],
};

/** /pantau/<kode>/surat-masuk: the levels above see counts per child region, no sender or subject. */
export function MailFiguresPage({ c, d }: { c: Context<AppEnv>; d: MailDashboard }) {
  const lang = c.get('lang');
  const w = MAIL_TEXT[lang];
  const n = (x: number) => formatNumber(x, lang);
  const query = `?tahun=${d.year}`;
  const head = MAIL_FIGURE_HEADERS[lang].slice(1);
  return (
    <DashboardFrame c={c} scope={d.scope} tab="surat" guide="surat-masuk" query={query} excel={`${dashboardPath(d.scope.code, 'surat')}.xlsx${query}`}>
      <form method="get" class="inline-form"><label>{w.year}<input name="tahun" inputmode="numeric" maxlength={4} value={String(d.year)} /></label> <button type="submit" class="small secondary">{w.show}</button></form>
      <p>{w.figuresNote}</p>
      <DataTable aria-label={w.figures}>
        <thead><tr>{head.map((h, i) => <th class={i > 0 ? 'num' : undefined}>{h}</th>)}</tr></thead>
        <tbody>
          {d.rows.map((r) => (
            <tr>
              <td>{d.scope.level < 4 ? <a href={`${dashboardPath(r.code, 'surat')}${query}`}>{titleCase(r.name)}</a> : titleCase(r.name)}</td>
              <td class="num">{n(r.activated)}</td><td class="num">{n(r.received)}</td><td class="num">{n(r.routed)}</td><td class="num">{n(r.done)}</td><td class="num">{n(r.doneLate)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot><tr>
          <th>{lang === 'en' ? 'Total' : 'Jumlah'}</th>
          <td class="num">{n(d.totals.activated)}</td><td class="num">{n(d.totals.received)}</td><td class="num">{n(d.totals.routed)}</td><td class="num">{n(d.totals.done)}</td><td class="num">{n(d.totals.doneLate)}</td>
        </tr></tfoot>
      </DataTable>
    </DashboardFrame>
  );
}
