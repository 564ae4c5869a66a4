import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate, formatDateTime, formatNumber } from '../../../platform/format/format.js';
import type { LetterType } from '../catalogue.js';
import { fieldLines } from '../fields.js';
import type { IssuedLetter } from '../issue.js';
import { NUMBER_PATTERN_TOKENS } from '../numbering.js';
import type { LetterSettings } from '../settings.service.js';
import { TEMPLATE_PLACEHOLDERS } from '../template.js';
import { LetterFieldInputs, LetterNav, LetterSheet, StatusTag, TypeFacts } from './components.js';
import { words } from './words.js';
import { DataTable } from '../../../platform/http/views/data-table.js';

type Problem = { message: string; field?: string } | undefined;
type Row = { id: number; type_title: string; status: string; channel: string; number: string | null; queue_number: number | null; queue_date: string | null;
  requested_at: Date; signed_at: Date | null; revoked_at: Date | null; resident_name: string; resident_nik: string | null; reject_reason: string | null };

export function QueuePage({ c, code, villageName, rows, total, filter, types, page, pageSize }: {
  c: Context<AppEnv>; code: string; villageName: string; rows: Row[]; total: number; filter: Record<string, string | number | undefined>; types: LetterType[]; page: number; pageSize: number;
}) {
  const lang = c.get('lang');
  const w = words(lang);
  const archive = filter.status === 'issued';
  const kept = Object.fromEntries(Object.entries(filter).filter(([k, v]) => v !== undefined && v !== '' && k !== 'page').map(([k, v]) => [k, String(v)]));
  const qs = (p: number) => `?${new URLSearchParams({ ...kept, page: String(p) })}`;
  // With a search term (a name, a NIK) the next pages and the export are posted: the term stays out of URLs.
  const post = (action: string, label: string, p?: number) => (
    <form method="post" action={action} class="inline">
      <Csrf c={c} />
      {Object.entries(kept).map(([k, v]) => <input type="hidden" name={k} value={v} />)}
      {p !== undefined && <input type="hidden" name="page" value={String(p)} />}
      <button type="submit" class="link">{label}</button>
    </form>
  );
  const pageLink = (p: number, label: string) => (kept.q ? post(`/desa/${code}/surat`, label, p) : <a href={qs(p)}>{label}</a>);
  return (
    <Layout c={c} title={`${archive ? w.archive : w.queue} · ${villageName}`} guide="surat">
      <LetterNav code={code} here={archive ? `/desa/${code}/surat?status=issued` : `/desa/${code}/surat`} lang={lang} />
      <form method="post" action={`/desa/${code}/surat`} class="filters">
        <Csrf c={c} />
        <label>{w.search}<input name="q" value={String(filter.q ?? '')} maxlength={100} /></label>
        <label>{w.status}
          <select name="status">
            <option value="all" selected={filter.status === 'all'}>{w.allStatuses}</option>
            <option value="open" selected={filter.status === 'open'}>{w.open}</option>
            <option value="issued" selected={filter.status === 'issued'}>{w.issued}</option>
            {Object.entries(w.step).filter(([k]) => k !== 'revoked').map(([k, v]) => <option value={k} selected={filter.status === k}>{v}</option>)}
          </select>
        </label>
        <label>{w.type}
          <select name="type">
            <option value="">{w.allTypes}</option>
            {types.map((t) => <option value={t.code} selected={filter.type === t.code}>{t.title}</option>)}
          </select>
        </label>
        <label>{w.from}<input type="date" name="from" value={String(filter.from ?? '')} /></label>
        <label>{w.to}<input type="date" name="to" value={String(filter.to ?? '')} /></label>
        <button type="submit">{w.show}</button>
      </form>
      <p>{w.total}: {formatNumber(total, lang)} · {kept.q ? post(`/desa/${code}/surat/arsip.xlsx`, w.exportXlsx) : <a href={`/desa/${code}/surat/arsip.xlsx${qs(1)}`}>{w.exportXlsx}</a>}</p>
      {rows.length === 0 ? <p>{w.none}</p> : (
        <DataTable>
          <thead><tr><th>{w.queueNo}</th><th>{w.requestedAt}</th><th>{w.type}</th><th>{w.name}</th><th>NIK</th><th>{w.number}</th><th>{w.status}</th><th>{w.channel}</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{r.queue_number ?? ''}</td>
                <td>{formatDateTime(r.requested_at, lang)}</td>
                <td><a href={`/desa/${code}/surat/${r.id}`}>{r.type_title}</a></td>
                <td>{r.resident_name}</td>
                <td class="mono">{r.resident_nik}</td>
                <td>{r.number ?? ''}</td>
                <td><StatusTag status={r.status} revoked={Boolean(r.revoked_at)} lang={lang} /></td>
                <td>{w.channelLabel[r.channel] ?? r.channel}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <p class="pager">
        {page > 1 && pageLink(page - 1, w.prev)} {w.page} {page} {page * pageSize < total && pageLink(page + 1, w.nextPage)}
      </p>
    </Layout>
  );
}

/**
 * Step 1: the letter type; step 2 (type chosen): the NIK, the type's fields, requirements and
 * validity. The NIK travels only in the POST body, never in a URL (which proxies and logs keep).
 */
export function RequestFormPage({ c, code, types, type, subject, values = {}, problem }: {
  c: Context<AppEnv>; code: string; types: LetterType[]; type?: LetterType; subject?: { id: number; name: string }; values?: Record<string, string>; problem?: Problem;
}) {
  const lang = c.get('lang');
  const w = words(lang);
  const forWhom = subject ? `&penduduk=${subject.id}` : '';
  return (
    <Layout c={c} title={type ? type.title : w.newLetter} guide="surat">
      <LetterNav code={code} here={`/desa/${code}/surat/baru`} lang={lang} />
      {problem && <Notice kind="error">{problem.message}</Notice>}
      {subject && <p>{w.subject}: <strong>{subject.name}</strong></p>}
      {!type ? (
        <form method="get" action={`/desa/${code}/surat/baru`}>
          {subject && <input type="hidden" name="penduduk" value={String(subject.id)} />}
          <label>{w.pickType}
            <select name="jenis" required>
              {types.filter((t) => t.active).map((t) => <option value={t.code}>{t.title}</option>)}
            </select>
          </label>
          <button type="submit">{w.next}</button>
        </form>
      ) : (
        <form method="post" action={`/desa/${code}/surat/baru?jenis=${type.code}${forWhom}`}>
          <Csrf c={c} />
          <input type="hidden" name="idempotency_key" value={values.idempotency_key ?? ''} />
          {subject ? <input type="hidden" name="resident_id" value={String(subject.id)} /> : (
            <label>{w.nik} *<input name="nik" inputmode="numeric" maxlength={16} required value={values.nik ?? ''} autocomplete="off"
              aria-invalid={problem?.field === 'nik' || problem?.field === 'resident_id' ? 'true' : undefined} /></label>
          )}
          <fieldset>
            <legend>{w.fillFields}</legend>
            <LetterFieldInputs fields={type.fields} values={values} field={problem?.field} />
          </fieldset>
          <TypeFacts type={type} lang={lang} />
          <button type="submit">{w.submit}</button>
        </form>
      )}
    </Layout>
  );
}

/** The resident page's letters: what was asked and issued for this person, and a new one. */
export function ResidentLettersPanel({ c, code, residentId, rows, canRequest }: { c: Context<AppEnv>; code: string; residentId: number; rows: Row[]; canRequest: boolean }) {
  const lang = c.get('lang');
  const w = words(lang);
  return (
    <section class="card">
      <h2>{w.letters}</h2>
      {rows.length === 0 ? <p>{w.none}</p> : (
        <ul>{rows.map((r) => <li><a href={`/desa/${code}/surat/${r.id}`}>{r.type_title}</a> · {r.number ?? ''} <StatusTag status={r.status} revoked={Boolean(r.revoked_at)} lang={lang} /></li>)}</ul>
      )}
      {canRequest && <p><a class="button" href={`/desa/${code}/surat/baru?penduduk=${residentId}`}>{w.newLetter}</a></p>}
    </section>
  );
}

type LetterView = {
  letter: { id: number; status: string; type_code: string; type_title: string; number: string | null; verify_code: string | null; reject_reason: string | null; revoked_at: Date | null; revoke_reason: string | null;
    queue_number: number | null; channel: string; fields: unknown; valid_until: string | null; sign_mode: string | null };
  issued: IssuedLetter | null;
  type: LetterType | null;
  subject: { id: number; name: string; nik: string | null; life_status: number } | null;
  steps: { step: string; at: Date | string | null; by: string | null }[];
  /** The certified electronic signature, when the letter carries one. */
  signature?: { provider: string; signed_at: Date } | null;
};

/** The signing provider this server uses, for the pages: null when none is connected. */
export type EsignStatus = { name: 'bsre' | 'uji'; testMode: boolean } | null;

const ESIGN_GUIDE = '/panduan/tanda-tangan-elektronik';

export function LetterPage({ c, code, view, can, preview, notice, problem, esign }: {
  c: Context<AppEnv>; code: string; view: LetterView; can: Record<'check' | 'sign' | 'checkAndSign' | 'revoke' | 'population', boolean>; preview?: IssuedLetter | null; notice?: string; problem?: Problem;
  esign: EsignStatus;
}) {
  const lang = c.get('lang');
  const w = words(lang);
  const l = view.letter;
  const action = (name: string) => `/desa/${code}/surat/${l.id}/${name}`;
  const fields = (l.fields ?? {}) as Record<string, string>;
  const Button = ({ name, label, reason }: { name: string; label: string; reason?: boolean }) => (
    <form method="post" action={action(name)} class="inline-form">
      <Csrf c={c} />
      {reason && <label>{w.reason}<input name="reason" required maxlength={300} aria-invalid={problem?.field === 'reason' ? 'true' : undefined} /></label>}
      <button type="submit" class={reason ? 'secondary' : undefined}>{label}</button>
    </form>
  );
  // A type that requires a certified signature is signed with the official's passphrase, typed here each time.
  const certified = view.type?.certified ?? false;
  const SignButton = ({ name, label }: { name: string; label: string }) => (!certified ? <Button name={name} label={label} /> : (
    <form method="post" action={action(name)} class="sign-form">
      <Csrf c={c} />
      <p>{w.passphraseNote} <a href={ESIGN_GUIDE}>{w.esignGuide}</a></p>
      {esign?.testMode && <p><small>{w.testModeNote}</small></p>}
      {!esign && <Notice kind="warn">{w.notConnected}</Notice>}
      <label>{w.passphrase}<input type="password" name="passphrase" required maxlength={200} autocomplete="off" aria-invalid={problem?.field === 'passphrase' ? 'true' : undefined} /></label>
      <button type="submit">{label}</button>
    </form>
  ));
  return (
    <Layout c={c} title={`${l.type_title}${l.number ? ` · ${l.number}` : ''}`} guide="surat">
      <LetterNav code={code} here="" lang={lang} />
      {notice && <Notice kind="ok">{notice}</Notice>}
      {problem && <Notice kind="error">{problem.message}</Notice>}
      {l.revoked_at && <Notice kind="warn">{w.revoked}: {l.revoke_reason}</Notice>}
      <p><StatusTag status={l.status} revoked={Boolean(l.revoked_at)} lang={lang} />{l.queue_number ? ` · ${w.queueNo} ${l.queue_number}` : ''} · {w.channelLabel[l.channel]}</p>
      {view.subject && (
        <p>{w.subject}: {can.population ? <a href={`/desa/${code}/penduduk/${view.subject.id}`}>{view.subject.name}</a> : view.subject.name} · NIK {view.subject.nik}</p>
      )}
      {l.status === 'rejected' && <Notice kind="warn">{w.rejectedBecause}: {l.reject_reason}</Notice>}
      {view.type && view.type.fields.length > 0 && (
        <table class="kv">
          <tbody>{view.type.fields.map((f) => {
            const value = Object.hasOwn(fields, f.name) ? fields[f.name] : undefined;
            return <tr><th>{f.label}</th><td>{f.kind === 'date' && value ? formatDate(value) : value ?? '—'}</td></tr>;
          })}</tbody>
        </table>
      )}
      <div class="actions">
        {l.status === 'requested' && can.checkAndSign && <SignButton name="terbitkan" label={w.checkAndSign} />}
        {l.status === 'requested' && can.check && <Button name="periksa" label={w.check} />}
        {l.status === 'checked' && can.sign && <SignButton name="tandatangani" label={w.sign} />}
        {l.status === 'signed' && can.check && <Button name="siap" label={w.ready} />}
        {l.status === 'ready' && can.check && <Button name="diambil" label={w.collect} />}
        {l.number && <a class="button" href={`/desa/${code}/surat/${l.id}/pdf`}>{w.pdf}</a>}
        {l.verify_code && <a href={`/v/${l.verify_code}`}>{w.verifyLink}</a>}
      </div>
      {view.signature && <p class="esign">{w.esignDone}: {w.esignProvider[view.signature.provider] ?? view.signature.provider} · {formatDateTime(view.signature.signed_at, lang)}</p>}
      {(l.status === 'requested' || l.status === 'checked') && can.check && <Button name="tolak" label={w.reject} reason />}
      {l.number && !l.revoked_at && can.revoke && <Button name="cabut" label={w.revoke} reason />}
      {preview && <LetterSheet letter={preview} heading={w.previewTitle} />}
      {view.issued && <LetterSheet letter={view.issued} />}
      <h2>{w.steps}</h2>
      <ol class="steps">
        {view.steps.map((s) => <li>{w.step[s.step]}: {s.at ? formatDateTime(s.at, lang) : ''}{s.by ? ` · ${w.by} ${s.by}` : ''}</li>)}
      </ol>
    </Layout>
  );
}

export function TypesPage({ c, code, types, overridden }: { c: Context<AppEnv>; code: string; types: LetterType[]; overridden: Set<string> }) {
  const lang = c.get('lang');
  const w = words(lang);
  return (
    <Layout c={c} title={w.types} guide="surat">
      <LetterNav code={code} here={`/desa/${code}/surat/jenis`} lang={lang} />
      <p><a class="button" href={`/desa/${code}/surat/jenis/baru`}>{w.add}</a></p>
      <DataTable>
        <thead><tr><th>{w.title}</th><th>{w.code}</th><th>{w.classification}</th><th>{w.validity}</th><th></th></tr></thead>
        <tbody>
          {types.map((t) => (
            <tr>
              <td><a href={`/desa/${code}/surat/jenis/${t.code}`}>{t.title}</a></td>
              <td>{t.code}</td>
              <td>{t.classification}</td>
              <td>{t.validityDays > 0 ? `${t.validityDays} ${w.days}` : w.noEnd}</td>
              <td>{t.builtIn ? (overridden.has(t.code) ? w.changed : w.builtIn) : w.own}{t.active ? '' : ` · ${w.inactive}`}{t.online ? ' · daring' : ''}{t.certified ? ` · ${w.certifiedShort}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </Layout>
  );
}

export function TypeFormPage({ c, code, type, isNew, values, problem, preview, notice }: {
  c: Context<AppEnv>; code: string; type?: LetterType; isNew: boolean; values: Record<string, string>; problem?: Problem; preview?: string[]; notice?: string;
}) {
  const lang = c.get('lang');
  const w = words(lang);
  const inv = (f: string) => (problem?.field === f ? 'true' : undefined);
  const path = isNew ? `/desa/${code}/surat/jenis/baru` : `/desa/${code}/surat/jenis/${type!.code}`;
  return (
    <Layout c={c} title={isNew ? w.add : `${w.edit}: ${type!.title}`} guide="surat">
      <LetterNav code={code} here={`/desa/${code}/surat/jenis`} lang={lang} />
      {notice && <Notice kind="ok">{notice}</Notice>}
      {problem && <Notice kind="error">{problem.message}</Notice>}
      <form method="post" action={path}>
        <Csrf c={c} />
        <label>{w.code}<input name="code" value={values.code ?? ''} readonly={!isNew} pattern="[a-z][a-z0-9_]{1,39}" aria-invalid={inv('code')} /></label>
        <label>{w.title}<input name="title" value={values.title ?? ''} maxlength={120} aria-invalid={inv('title')} /></label>
        <label>{w.classification}<input name="classification" value={values.classification ?? ''} aria-invalid={inv('classification')} /></label>
        <label>{w.template}<textarea name="template" rows={10} aria-invalid={inv('template')}>{values.template ?? ''}</textarea></label>
        <details>
          <summary>{w.templateHelp}</summary>
          <ul class="placeholders">{TEMPLATE_PLACEHOLDERS.map((p) => <li><code>{`{{${p.name}}}`}</code> {p.description}</li>)}<li><code>{'{{isian.<nama>}}'}</code> isian surat ini</li></ul>
        </details>
        <label>{w.fieldLines}<textarea name="fields" rows={5} aria-invalid={inv('fields')}>{values.fields ?? ''}</textarea></label>
        <label>{w.requirementLines}<textarea name="requirements" rows={4}>{values.requirements ?? ''}</textarea></label>
        <label>{w.validityDays}<input name="validity_days" inputmode="numeric" value={values.validity_days ?? '30'} aria-invalid={inv('validity_days')} /></label>
        <label>{w.rule}
          <select name="rule">{Object.entries(w.rules).map(([k, v]) => <option value={k} selected={values.rule === k}>{v}</option>)}</select>
        </label>
        <label class="check"><input type="checkbox" name="online" checked={values.online === 'on'} /> {w.online}</label>
        <label class="check"><input type="checkbox" name="active" checked={values.active === 'on'} /> {w.active}</label>
        <label class="check"><input type="checkbox" name="certified_signature" checked={values.certified_signature === 'on'} /> {w.certified}</label>
        <p><small><a href={ESIGN_GUIDE}>{w.esignGuide}</a></small></p>
        <button type="submit" name="do" value="preview" class="secondary">{w.preview}</button>
        <button type="submit" name="do" value="save">{w.save}</button>
      </form>
      {preview && (
        <section class="letter-preview">
          <h2>{w.preview}</h2>
          <p><strong>{(values.title ?? '').toUpperCase()}</strong></p>
          {preview.map((p) => <p>{p}</p>)}
        </section>
      )}
      {!isNew && type?.builtIn && (
        <form method="post" action={`${path}/bawaan`}>
          <Csrf c={c} />
          <button type="submit" class="secondary">{w.reset}</button>
        </form>
      )}
    </Layout>
  );
}

export const typeFormValues = (t: LetterType): Record<string, string> => ({
  code: t.code, title: t.title, classification: t.classification, template: t.template, fields: fieldLines(t.fields),
  requirements: t.requirements.join('\n'), validity_days: String(t.validityDays), rule: t.rule, online: t.online ? 'on' : '', active: t.active ? 'on' : '',
  certified_signature: t.certified ? 'on' : '',
});

export function SettingsPage({ c, code, settings, example, problem, notice, esign }: { c: Context<AppEnv>; code: string; settings: LetterSettings; example: string; problem?: Problem; notice?: string; esign: EsignStatus }) {
  const lang = c.get('lang');
  const w = words(lang);
  return (
    <Layout c={c} title={w.settings} guide="surat">
      <LetterNav code={code} here={`/desa/${code}/surat/pengaturan`} lang={lang} />
      {notice && <Notice kind="ok">{notice}</Notice>}
      {problem && <Notice kind="error">{problem.message}</Notice>}
      <form method="post">
        <Csrf c={c} />
        <label>{w.pattern}<input name="number_pattern" value={settings.number_pattern} maxlength={80} aria-invalid={problem?.field === 'number_pattern' ? 'true' : undefined} /></label>
        <p>{w.example}: <code>{example}</code></p>
        <details><summary>{w.tokens}</summary><ul>{NUMBER_PATTERN_TOKENS.map((t) => <li><code>{t.token}</code> {t.description}</li>)}</ul></details>
        <label>{w.scope}<select name="number_scope">{Object.entries(w.scopes).map(([k, v]) => <option value={k} selected={settings.number_scope === k}>{v}</option>)}</select></label>
        <label>{w.paper}<select name="paper">{Object.entries(w.papers).map(([k, v]) => <option value={k} selected={settings.paper === k}>{v}</option>)}</select></label>
        <label>{w.staffLabel}<input name="staff_number_label" value={settings.staff_number_label} maxlength={20} /></label>
        <label class="check"><input type="checkbox" name="citizen_download" checked={settings.citizen_download} /> {w.citizenDownload}</label>
        <label class="check"><input type="checkbox" name="checker_may_sign" checked={settings.checker_may_sign} /> {w.checkerMaySign}</label>
        <button type="submit">{w.save}</button>
      </form>
      <section>
        <h2>{w.esignSection}</h2>
        <p>{w.esignStatus[esign?.name ?? 'none']}</p>
        <p><a href={ESIGN_GUIDE}>{w.esignGuide}</a> · <a href={`/desa/${code}/surat/jenis`}>{w.types}</a></p>
      </section>
    </Layout>
  );
}

export function FiguresPage({ c, code, figures, titles, desk }: {
  c: Context<AppEnv>; code: string; titles: Map<string, string>; desk: boolean;
  figures: { from: string; to: string; byType: { type_code: string; requested: number; issued: number; ready: number; rejected: number; online: number }[]; byDay: { day: string; requested: number; issued: number }[]; medianHoursToReady: number | null };
}) {
  const lang = c.get('lang');
  const w = words(lang);
  const max = Math.max(1, ...figures.byDay.map((d) => Math.max(d.requested, d.issued)));
  const barW = 14;
  return (
    <Layout c={c} title={w.figures} guide="surat">
      {desk && <LetterNav code={code} here={`/desa/${code}/surat/angka`} lang={lang} />}
      <form method="get" class="filters">
        <label>{w.from}<input type="date" name="from" value={figures.from} /></label>
        <label>{w.to}<input type="date" name="to" value={figures.to} /></label>
        <button type="submit">{w.show}</button>
      </form>
      <p>{w.median}: <strong>{figures.medianHoursToReady === null ? '—' : `${formatNumber(Math.round(figures.medianHoursToReady * 10) / 10, lang)} ${w.hours}`}</strong></p>
      <h2>{w.perType}</h2>
      <DataTable>
        <thead><tr><th>{w.type}</th><th>{w.requested}</th><th>{w.onlineCount}</th><th>{w.issuedCount}</th><th>{w.readyCount}</th><th>{w.rejectedCount}</th></tr></thead>
        <tbody>{figures.byType.map((t) => <tr><td>{titles.get(t.type_code) ?? t.type_code}</td><td>{t.requested}</td><td>{t.online}</td><td>{t.issued}</td><td>{t.ready}</td><td>{t.rejected}</td></tr>)}</tbody>
      </DataTable>
      <h2>{w.perDay}</h2>
      {figures.byDay.length > 0 && (
        <svg class="chart" role="img" aria-label={w.perDay} viewBox={`0 0 ${Math.max(200, figures.byDay.length * barW * 2 + 20)} 120`} width="100%">
          {figures.byDay.map((d, i) => (
            <g>
              <rect x={10 + i * barW * 2} y={110 - (d.requested / max) * 100} width={barW - 2} height={(d.requested / max) * 100} fill="#9db4d6"><title>{`${d.day}: ${d.requested}`}</title></rect>
              <rect x={10 + i * barW * 2 + barW - 2} y={110 - (d.issued / max) * 100} width={barW - 2} height={(d.issued / max) * 100} fill="#2f6b3a"><title>{`${d.day}: ${d.issued}`}</title></rect>
            </g>
          ))}
        </svg>
      )}
      <div class="scroll"><table>
        <thead><tr><th>{w.period}</th><th>{w.requested}</th><th>{w.issuedCount}</th></tr></thead>
        <tbody>{figures.byDay.map((d) => <tr><td>{formatDate(d.day, lang)}</td><td>{d.requested}</td><td>{d.issued}</td></tr>)}</tbody>
      </table></div>
    </Layout>
  );
}
