import type { Context } from 'hono';
import { can } from '../../../platform/access/access.js';
import { formatDateTime, formatNumber, titleCase } from '../../../platform/format/format.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { Pager } from '../../../platform/http/views/pager.js';
import { DashboardFrame, dashboardPath } from '../../monitoring/views/frame.js';
import type { AnswerValue } from '../answers.js';
import { areaName, type fillForm, type subjects } from '../fill.service.js';
import type { SurveyDashboard } from '../figures.service.js';
import type { listQuestionnaires, Question, questionnaire } from '../questionnaires.service.js';
import { figure, type SurveyResults } from '../results.service.js';
import { SURVEY_TEXT, type SurveyWords } from './words.js';

export type SurveyMsg = { ok?: boolean; error?: string; values?: Record<string, string>; state?: string };
export const surveyBase = (code: string) => `/desa/${code}/survei`;
const GUIDE = 'survei';

function Links({ c, w, code, id }: { c: Context<AppEnv>; w: SurveyWords; code: string; id: number }) {
  const actor = c.get('ctx').actor;
  const here = `${surveyBase(code)}/${id}`;
  return (
    <p class="links">
      <a href={surveyBase(code)}>{w.back}</a>{' · '}<a href={here}>{w.builder}</a>{' · '}<a href={`${here}/isi`}>{w.fill}</a>
      {can(actor, 'survey.read', code) && <>{' · '}<a href={`${here}/hasil`}>{w.results}</a></>}
    </p>
  );
}

/** /desa/<kode>/survei: the questionnaires, copying a ready-made one, creating a new one. */
export function SurveyListPage({ c, view, msg }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof listQuestionnaires>>; msg: SurveyMsg }) {
  const lang = c.get('lang');
  const w = SURVEY_TEXT[lang];
  const code = view.village.village_code;
  const manage = can(c.get('ctx').actor, 'survey.manage', code);
  const v = (k: string, d = '') => msg.values?.[k] ?? d;
  const year = new Date().getUTCFullYear();
  return (
    <Layout c={c} title={w.title} guide={GUIDE}>
      {msg.ok && <Notice kind="ok">{w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{w.intro}</p>
      {view.rows.length === 0 ? <p>{w.none}</p> : (
        <ul class="cards">
          {view.rows.map((r) => (
            <li>
              <a href={`${surveyBase(code)}/${r.id}`}><strong>{r.title}</strong></a>{` · ${r.period}`}
              {' '}<span class={`tag${r.status === 'open' ? ' tag-ready' : ''}`}>{w.statuses[r.status]}</span>
              <br /><small>{`${w.units[r.unit]} · ${r.questions} ${w.questionsCount} · ${formatNumber(r.responses, lang)} ${w.responses}, ${formatNumber(r.complete, lang)} ${w.complete}`}</small>
              <br /><span class="links">
                {r.status === 'open' && <><a href={`${surveyBase(code)}/${r.id}/isi`}>{w.fill}</a>{' · '}</>}
                {can(c.get('ctx').actor, 'survey.read', code) && <a href={`${surveyBase(code)}/${r.id}/hasil`}>{w.results}</a>}
              </span>
            </li>
          ))}
        </ul>
      )}
      {manage && (
        <section class="card">
          <h2>{w.copyTitle}</h2>
          <p>{w.copyIntro}</p>
          {view.templates.map((t) => (
            <form method="post" action={`${surveyBase(code)}/salin`}>
              <Csrf c={c} />
              <input type="hidden" name="template" value={t.key} />
              <p><strong>{lang === 'en' ? t.title_en : t.title}</strong>{` (${w.units[t.unit]}, ${t.questions.length} ${w.questionsCount})`}<br /><small>{t.description}</small></p>
              <label>{w.period}<input name="period" maxlength={40} value={String(year)} /></label>
              <button type="submit" class="secondary">{`${w.copy}: ${lang === 'en' ? t.title_en : t.title}`}</button>
            </form>
          ))}
        </section>
      )}
      {manage && (
        <details class="card" open={msg.error !== undefined && msg.values?.template === undefined}>
          <summary>{w.newTitle}</summary>
          <form method="post" action={surveyBase(code)}>
            <Csrf c={c} />
            <HeaderFields w={w} v={v} year={year} unitEditable />
            <button type="submit">{w.create}</button>
          </form>
        </details>
      )}
    </Layout>
  );
}

function HeaderFields({ w, v, year, unitEditable }: { w: SurveyWords; v: (k: string, d?: string) => string; year: number; unitEditable: boolean }) {
  return (
    <>
      <label>{w.name} *<input name="title" required minlength={3} maxlength={200} value={v('title')} /></label>
      <label>{w.period} *<input name="period" required minlength={4} maxlength={40} value={v('period', String(year))} /></label>
      {unitEditable && (
        <label>{w.unit} *<select name="sasaran" required>
          {['household', 'family', 'resident'].map((u) => <option value={u} selected={v('sasaran', 'household') === u}>{w.units[u]}</option>)}
        </select></label>
      )}
      <label>{w.description}<textarea name="description" maxlength={1000} rows={2}>{v('description')}</textarea></label>
    </>
  );
}

/** The fields of a question; `locked` (open questionnaire) keeps the type as it is, explained. */
function QuestionFields({ w, q, values, locked }: { w: SurveyWords; q?: Question; values?: Record<string, string>; locked: boolean }) {
  const v = (k: string, d = '') => values?.[k] ?? d;
  const kind = v('kind', q?.kind ?? 'choice');
  return (
    <>
      <label>{w.question} *<input name="pertanyaan" required minlength={3} maxlength={300} value={v('pertanyaan', q?.text ?? '')} /></label>
      {locked ? (
        <><input type="hidden" name="kind" value={q!.kind} /><p><small>{`${w.kind}: ${w.kinds[q!.kind]}`}</small></p></>
      ) : (
        <label>{w.kind} *<select name="kind" required>{['choice', 'number', 'text', 'date'].map((k) => <option value={k} selected={kind === k}>{w.kinds[k]}</option>)}</select></label>
      )}
      {(!locked || q?.kind === 'choice') && <label>{w.options}<textarea name="pilihan_jawaban" rows={3} maxlength={3100}>{v('pilihan_jawaban', (q?.options ?? []).map((o) => o.label).join('\n'))}</textarea></label>}
      {(!locked || q?.kind === 'number') && (
        <>
          <label>{w.unitLabel}<input name="satuan_angka" maxlength={30} value={v('satuan_angka', q?.unit_label ?? '')} /></label>
          <label>{w.min}<input name="min_value" inputmode="decimal" maxlength={20} value={v('min_value', q?.min_value === null || q?.min_value === undefined ? '' : plain(q.min_value))} /></label>
          <label>{w.max}<input name="max_value" inputmode="decimal" maxlength={20} value={v('max_value', q?.max_value === null || q?.max_value === undefined ? '' : plain(q.max_value))} /></label>
          <label>{w.decimals}<select name="decimals">{[0, 1, 2, 3, 4].map((d) => <option value={String(d)} selected={v('decimals', String(q?.decimals ?? 0)) === String(d)}>{String(d)}</option>)}</select></label>
        </>
      )}
      <label class="check"><input type="checkbox" name="wajib" value="1" checked={values ? values.wajib === '1' : q?.required ?? false} />{` ${w.required}`}</label>
    </>
  );
}

const plain = (n: string) => (n.includes('.') ? n.replace(/\.?0+$/, '') : n);

function describe(w: SurveyWords, q: Question) {
  if (q.kind === 'choice') return `${w.kinds.choice}: ${(q.options ?? []).map((o) => o.label).join(' / ')}`;
  if (q.kind === 'number') {
    const range = q.min_value !== null || q.max_value !== null ? ` ${q.min_value !== null ? plain(q.min_value) : '…'}–${q.max_value !== null ? plain(q.max_value) : '…'}` : '';
    return `${w.kinds.number}${q.unit_label ? ` (${q.unit_label})` : ''}${range}${q.decimals > 0 ? `, ${q.decimals} ${w.decimals.toLowerCase()}` : ''}`;
  }
  return w.kinds[q.kind]!;
}

/** /desa/<kode>/survei/<id>: the questionnaire and its questions; the builder while it may change. */
export function BuilderPage({ c, view, msg }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof questionnaire>>; msg: SurveyMsg & { question?: number } }) {
  const lang = c.get('lang');
  const w = SURVEY_TEXT[lang];
  const code = view.village.village_code;
  const q = view.q;
  const here = `${surveyBase(code)}/${q.id}`;
  const manage = can(c.get('ctx').actor, 'survey.manage', code) && q.status !== 'closed';
  const draft = q.status === 'draft';
  const addValues = msg.question === 0 ? msg.values : undefined;
  return (
    <Layout c={c} title={q.title} guide={GUIDE}>
      {msg.ok && <Notice kind="ok">{w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <Links c={c} w={w} code={code} id={q.id} />
      <p>{`${w.units[q.unit]} · ${q.period} · `}<span class={`tag${q.status === 'open' ? ' tag-ready' : ''}`}>{w.statuses[q.status]}</span>{` · ${formatNumber(view.responses, lang)} ${w.responses}, ${formatNumber(view.complete, lang)} ${w.complete}`}</p>
      {q.description && <p style="white-space: pre-line">{q.description}</p>}
      <Notice kind="warn">{draft ? w.draftNote : q.status === 'open' ? w.openNote : w.closedNote}</Notice>
      {can(c.get('ctx').actor, 'survey.manage', code) && (
        <form method="post" action={`${here}/status`} class="inline-form">
          <Csrf c={c} />
          <input type="hidden" name="status" value={q.status === 'open' ? 'closed' : 'open'} />
          <button type="submit" class={q.status === 'open' ? 'secondary' : ''}>{q.status === 'draft' ? w.openIt : q.status === 'open' ? w.closeIt : w.reopen}</button>
        </form>
      )}
      <h2>{w.builder}</h2>
      {view.questions.length === 0 ? <p>{w.noQuestions}</p> : (
        <ol class="cards">
          {view.questions.map((x, i) => (
            <li id={`q${x.id}`}>
              <strong>{x.text}</strong>{x.required && <> <span class="tag">{w.requiredMark}</span></>}
              <br /><small>{describe(w, x)}</small>
              {manage && (
                <details open={msg.question === x.id}>
                  <summary>{w.edit}</summary>
                  <form method="post" action={`${here}/pertanyaan/${x.id}`}>
                    <Csrf c={c} />
                    <QuestionFields w={w} q={x} values={msg.question === x.id ? msg.values : undefined} locked={!draft} />
                    <button type="submit">{w.save}</button>
                  </form>
                </details>
              )}
              {manage && draft && (
                <p class="links">
                  {i > 0 && <form method="post" action={`${here}/pertanyaan/${x.id}/naik`} class="inline-form"><Csrf c={c} /><button type="submit" class="small secondary" aria-label={`${w.up}: ${x.text}`}>{w.up}</button></form>}
                  {i < view.questions.length - 1 && <form method="post" action={`${here}/pertanyaan/${x.id}/turun`} class="inline-form"><Csrf c={c} /><button type="submit" class="small secondary" aria-label={`${w.down}: ${x.text}`}>{w.down}</button></form>}
                  <form method="post" action={`${here}/pertanyaan/${x.id}/hapus`} class="inline-form"><Csrf c={c} /><button type="submit" class="small secondary" aria-label={`${w.remove}: ${x.text}`}>{w.remove}</button></form>
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      {manage && (
        <details class="card" open={msg.question === 0}>
          <summary>{w.add}</summary>
          <form method="post" action={`${here}/pertanyaan`}>
            <Csrf c={c} />
            <QuestionFields w={w} values={addValues} locked={false} />
            <button type="submit">{w.add}</button>
          </form>
        </details>
      )}
      {manage && (
        <details class="card" open={msg.question === -1}>
          <summary>{w.editHeader}</summary>
          <form method="post" action={`${here}/ubah`}>
            <Csrf c={c} />
            <HeaderFields w={w} v={(k, d = '') => (msg.question === -1 ? msg.values?.[k] : undefined) ?? ({ title: q.title, period: q.period, description: q.description, sasaran: q.unit } as Record<string, string>)[k] ?? d} year={new Date().getUTCFullYear()} unitEditable={draft} />
            <button type="submit">{w.save}</button>
          </form>
        </details>
      )}
    </Layout>
  );
}

/** A bar of a share, drawn on the server (no script): `part` of `whole`. */
function Bar({ part, whole, label }: { part: number; whole: number; label: string }) {
  const pct = whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
  return (
    <svg viewBox="0 0 100 6" width="100%" height="12" preserveAspectRatio="none" role="img" aria-label={label}>
      <rect x="0" y="0" width="100" height="6" fill="#e8ecf2" />
      <rect x="0" y="0" width={String(pct)} height="6" fill="#2f6f4f" />
    </svg>
  );
}

/** /desa/<kode>/survei/<id>/isi: the subjects, searched, with their state and the progress. */
export function SubjectsPage({ c, view, msg }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof subjects>>; msg: SurveyMsg }) {
  const lang = c.get('lang');
  const w = SURVEY_TEXT[lang];
  const code = view.village.village_code;
  const here = `${surveyBase(code)}/${view.q.id}/isi`;
  const p = view.progress;
  const link = (page: number) => `${here}?${new URLSearchParams({ ...(view.term ? { q: view.term } : {}), ...(view.areaId ? { wilayah: String(view.areaId) } : {}), ...(view.status ? { status: view.status } : {}), ...(page > 1 ? { page: String(page) } : {}) })}`;
  const areaTitle = (a: { id: number; level: string; name: string; parent_id: number | null }) => {
    const parent = view.areas.find((x) => x.id === a.parent_id);
    return a.level === 'dusun' || !parent ? areaName(a) : `${areaName(a)} (${areaName(parent)})`;
  };
  return (
    <Layout c={c} title={`${w.fillTitle}: ${view.q.title}`} guide={GUIDE}>
      {msg.ok && <Notice kind="ok">{w.savedState[msg.state ?? 'sebagian'] ?? w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <Links c={c} w={w} code={code} id={view.q.id} />
      {view.q.status !== 'open' && <Notice kind="warn">{w.notOpen}</Notice>}
      <p><strong class="survey-progress">{w.progress(p.complete, p.subjects)}</strong>{p.partial > 0 && ` · ${w.partialCount(p.partial)}`}</p>
      <Bar part={p.complete} whole={p.subjects} label={w.progress(p.complete, p.subjects)} />
      <form method="get" action={here} class="card">
        <label>{w.search}<input type="search" name="q" maxlength={60} value={view.term} /></label>
        <label>{w.area}<select name="wilayah">
          <option value="">{w.allAreas}</option>
          {view.areas.filter((a) => a.level !== 'rw').sort((a, b) => areaTitle(a).localeCompare(areaTitle(b), 'id', { numeric: true })).map((a) => <option value={String(a.id)} selected={view.areaId === a.id}>{areaTitle(a)}</option>)}
        </select></label>
        <label>{w.state}<select name="status">
          <option value="">{w.allStates}</option>
          {['belum', 'sebagian', 'lengkap'].map((s) => <option value={s} selected={view.status === s}>{w.states[s]}</option>)}
        </select></label>
        <button type="submit" class="secondary">{w.show}</button>
      </form>
      {view.rows.length === 0 ? <p>{w.noSubjects}</p> : (
        <ul class="cards">
          {view.rows.map((r) => {
            const state = r.complete ? 'lengkap' : r.response_id !== null ? 'sebagian' : 'belum';
            return (
              <li>
                <a href={`${here}/${r.id}`}><strong>{r.name ? titleCase(r.name) : r.detail}</strong></a>{' '}<span class={`tag${state === 'lengkap' ? ' tag-ready' : ''}`}>{w.states[state]}</span>
                <br /><small>{[r.detail, r.area].filter(Boolean).join(' · ')}{r.answered > 0 && ` · ${r.answered} ${w.answered}`}</small>
              </li>
            );
          })}
        </ul>
      )}
      <Pager w={w} page={view.page} pages={view.pages} link={link} />
    </Layout>
  );
}

function AnswerInput({ w, q, value }: { w: SurveyWords; q: Question; value: string }) {
  const name = `a_${q.id}`;
  const label = <>{`${q.position}. ${q.text}`}{q.required && ' *'}</>;
  if (q.kind === 'choice') {
    return (
      <fieldset>
        <legend>{label}</legend>
        {(q.options ?? []).map((o) => <label class="check"><input type="radio" name={name} value={o.code} checked={value === o.code} />{` ${o.label}`}</label>)}
        <label class="check"><input type="radio" name={name} value="" checked={value === ''} />{` ${w.clear}`}</label>
      </fieldset>
    );
  }
  if (q.kind === 'number') return <label>{label}{q.unit_label && ` (${q.unit_label})`}<input name={name} inputmode="decimal" maxlength={24} value={value} /></label>;
  if (q.kind === 'date') return <label>{label}<input type="date" name={name} value={value} /></label>;
  return <label>{label}<textarea name={name} maxlength={1000} rows={2}>{value}</textarea></label>;
}

const valueOf = (q: Question, a: AnswerValue | undefined) => (!a ? '' : q.kind === 'number' ? (a.value_number ?? '').replace('.', ',') : q.kind === 'date' ? a.value_date ?? '' : a.value_text ?? '');

/** /desa/<kode>/survei/<id>/isi/<subjek>: the phone form, with what was saved before. */
export function FillPage({ c, view, msg }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof fillForm>>; msg: SurveyMsg }) {
  const lang = c.get('lang');
  const w = SURVEY_TEXT[lang];
  const code = view.village.village_code;
  const s = view.subject;
  const open = view.q.status === 'open';
  const action = `${surveyBase(code)}/${view.q.id}/isi/${s.id}`;
  return (
    <Layout c={c} title={s.name ? titleCase(s.name) : s.detail} guide={GUIDE}>
      {msg.ok && <Notice kind="ok">{w.savedState[msg.state ?? 'sebagian'] ?? w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p class="links"><a href={`${surveyBase(code)}/${view.q.id}/isi`}>{`${w.fillTitle}: ${view.q.title}`}</a></p>
      <p>{[s.detail, s.area].filter(Boolean).join(' · ')}</p>
      {view.updated && <p class="muted">{`${w.lastSaved}: ${formatDateTime(view.updated.updated_at, lang)}${view.updated.full_name ? `, ${view.updated.full_name}` : ''}`}</p>}
      {!open && <Notice kind="warn">{w.notOpen}</Notice>}
      <p>{w.formIntro}</p>
      <form method="post" action={action}>
        <Csrf c={c} />
        {view.questions.map((q) => <AnswerInput w={w} q={q} value={msg.values?.[`a_${q.id}`] ?? valueOf(q, view.answers.get(q.id))} />)}
        {open && <button type="submit" name="lanjut" value="0">{w.save}</button>}
        {open && <button type="submit" name="lanjut" value="1" class="secondary">{w.saveNext}</button>}
      </form>
    </Layout>
  );
}

/** /desa/<kode>/survei/<id>/hasil: per question a table by dusun (or RT) and a bar per answer. */
export function ResultsPage({ c, r }: { c: Context<AppEnv>; r: SurveyResults }) {
  const lang = c.get('lang');
  const w = SURVEY_TEXT[lang];
  const code = r.village.village_code;
  const here = `${surveyBase(code)}/${r.q.id}/hasil`;
  const n = (x: number) => formatNumber(x, lang);
  return (
    <Layout c={c} title={`${w.results}: ${r.q.title}`} guide={GUIDE}>
      <Links c={c} w={w} code={code} id={r.q.id} />
      <p>{`${w.units[r.q.unit]} · ${r.q.period} · ${w.resultsIntro(r.responses, r.complete)}`}</p>
      <p class="links">
        {r.by === 'rt' ? <a href={here}>{w.byDusun}</a> : <strong>{w.byDusun}</strong>}{' · '}
        {r.by === 'rt' ? <strong>{w.byRt}</strong> : <a href={`${here}?per=rt`}>{w.byRt}</a>}
      </p>
      <p class="links"><a href={`${here}.xlsx${r.by === 'rt' ? '?per=rt' : ''}`} download>{w.excelSummary}</a>{' · '}<a href={`${surveyBase(code)}/${r.q.id}/jawaban.xlsx`} download>{w.excelResponses}</a></p>
      {r.responses === 0 && <p>{w.noAnswers}</p>}
      {r.results.map((x) => (
        <section class="card survey-question" id={`hasil-${x.q.id}`}>
          <h2>{`${x.q.position}. ${x.q.text}`}</h2>
          {x.kind === 'choice' && (
            <>
              <ul class="survey-bars">
                {(x.q.options ?? []).map((o) => {
                  const k = x.totals.get(o.code) ?? 0;
                  return <li><span>{`${o.label}: `}<strong>{n(k)}</strong></span><Bar part={k} whole={x.answered} label={`${o.label}: ${k}`} /></li>;
                })}
              </ul>
              <DataTable aria-label={x.q.text}>
                <thead><tr><th>{w.answer}</th>{r.groups.map((g) => <th class="num">{g.label}</th>)}<th class="num">{w.total}</th></tr></thead>
                <tbody>
                  {(x.q.options ?? []).map((o) => (
                    <tr><td>{o.label}</td>{r.groups.map((g) => <td class="num">{n(x.counts.get(g.key)?.get(o.code) ?? 0)}</td>)}<td class="num">{n(x.totals.get(o.code) ?? 0)}</td></tr>
                  ))}
                </tbody>
              </DataTable>
            </>
          )}
          {x.kind === 'number' && (
            <>
              <ul class="survey-bars">
                {r.groups.map((g) => {
                  const cell = x.cells.get(g.key) ?? { n: 0, sum: 0 };
                  return <li><span>{`${g.label}: `}<strong>{figure(cell.sum, lang)}</strong>{x.q.unit_label && ` ${x.q.unit_label}`}</span><Bar part={cell.sum} whole={Math.max(...[...x.cells.values()].map((v) => v.sum), 0)} label={`${g.label}: ${figure(cell.sum, lang)}`} /></li>;
                })}
              </ul>
              <DataTable aria-label={x.q.text}>
                <thead><tr><th>{lang === 'en' ? 'Area' : 'Wilayah'}</th><th class="num">{w.filled}</th><th class="num">{`${w.sum}${x.q.unit_label ? ` (${x.q.unit_label})` : ''}`}</th><th class="num">{w.mean}</th></tr></thead>
                <tbody>
                  {r.groups.map((g) => {
                    const cell = x.cells.get(g.key) ?? { n: 0, sum: 0 };
                    return <tr><td>{g.label}</td><td class="num">{n(cell.n)}</td><td class="num">{figure(cell.sum, lang)}</td><td class="num">{cell.n > 0 ? figure(cell.sum / cell.n, lang) : '-'}</td></tr>;
                  })}
                </tbody>
                <tfoot><tr><th>{w.total}</th><td class="num">{n(x.total.n)}</td><td class="num">{figure(x.total.sum, lang)}</td><td class="num">{x.total.n > 0 ? figure(x.total.sum / x.total.n, lang) : '-'}</td></tr></tfoot>
              </DataTable>
            </>
          )}
          {(x.kind === 'text' || x.kind === 'date') && (
            <p>{`${w.filled}: ${n(x.total)} · `}{r.groups.map((g) => `${g.label} ${n(x.answered.get(g.key) ?? 0)}`).join(' · ')}<br /><small class="muted">{w.textAnswers}</small></p>
          )}
        </section>
      ))}
    </Layout>
  );
}

/** /pantau/<kode>/survei: per child region, counts only. */
export function SurveyFiguresPage({ c, d }: { c: Context<AppEnv>; d: SurveyDashboard }) {
  const lang = c.get('lang');
  const w = SURVEY_TEXT[lang];
  const n = (x: number) => formatNumber(x, lang);
  return (
    <DashboardFrame c={c} scope={d.scope} tab="survei" guide={GUIDE}>
      <p>{w.figuresNote}</p>
      <DataTable aria-label={w.figuresTitle}>
        <thead><tr><th>{lang === 'en' ? 'Region' : 'Wilayah'}</th><th class="num">{w.villagesOn}</th><th class="num">{w.villagesWith}</th><th class="num">{w.questionnaires}</th><th class="num">{w.openNow}</th><th class="num">{w.respondents}</th><th class="num">{w.completeCol}</th></tr></thead>
        <tbody>
          {d.rows.map((r) => (
            <tr>
              <td>{d.scope.level < 4 ? <a href={dashboardPath(r.code, 'survei')}>{titleCase(r.name)}</a> : titleCase(r.name)}</td>
              <td class="num">{n(r.activated)}</td><td class="num">{n(r.villages)}</td><td class="num">{n(r.questionnaires)}</td><td class="num">{n(r.open)}</td><td class="num">{n(r.responses)}</td><td class="num">{n(r.complete)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot><tr>
          <th>{w.total}</th><td class="num">{n(d.totals.activated)}</td><td class="num">{n(d.totals.villages)}</td><td class="num">{n(d.totals.questionnaires)}</td><td class="num">{n(d.totals.open)}</td><td class="num">{n(d.totals.responses)}</td><td class="num">{n(d.totals.complete)}</td>
        </tr></tfoot>
      </DataTable>
    </DashboardFrame>
  );
}
