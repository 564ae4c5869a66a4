import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDateTime } from '../../../platform/format/format.js';
import type { LetterType } from '../catalogue.js';
import { LetterFieldInputs, StatusTag, TypeFacts } from './components.js';
import { words } from './words.js';

type Row = { id: number; type_title: string; status: string; number: string | null; requested_at: Date; reject_reason: string | null; revoked_at: Date | null; resident_name: string; queue_number: number | null };
type Person = { id: number; name: string };

const T = {
  id: { mine: 'Surat saya', ask: 'Ajukan surat', none: 'Belum ada permohonan surat.', forWhom: 'Surat untuk', download: 'Unduh PDF', atOffice: 'Ambil di kantor desa dengan membawa KTP-el.', back: '‹ Kembali ke daftar surat', sent: 'Permohonan terkirim. Kantor desa akan memeriksanya; statusnya tampil di halaman ini.' },
  en: { mine: 'My letters', ask: 'Request a letter', none: 'No letter requests yet.', forWhom: 'Letter for', download: 'Download PDF', atOffice: 'Collect it at the village office with your ID card.', back: '‹ Back to my letters', sent: 'Request sent. The village office will check it; its status shows on this page.' },
};

/** The citizen's letters and the letters they may request: small, no images, no script. */
export function MyLettersPage({ c, rows, types }: { c: Context<AppEnv>; rows: Row[]; types: LetterType[] }) {
  const lang = c.get('lang');
  const w = words(lang);
  const s = T[lang];
  return (
    <Layout c={c} title={s.mine} guide="layanan-mandiri">
      {rows.length === 0 ? <p>{s.none}</p> : (
        <ul class="cards">
          {rows.map((r) => (
            <li>
              <a href={`/warga/surat/${r.id}`}><strong>{r.type_title}</strong></a> · {r.resident_name}<br />
              <StatusTag status={r.status} revoked={Boolean(r.revoked_at)} lang={lang} /> {formatDateTime(r.requested_at, lang)}
              {r.status === 'rejected' && r.reject_reason && <><br />{w.rejectedBecause}: {r.reject_reason}</>}
            </li>
          ))}
        </ul>
      )}
      <h2>{s.ask}</h2>
      <ul class="links">
        {types.map((t) => <li><a href={`/warga/surat/baru?jenis=${t.code}`}>{t.title}</a></li>)}
      </ul>
    </Layout>
  );
}

export function CitizenRequestPage({ c, type, people, values = {}, problem }: { c: Context<AppEnv>; type: LetterType; people: Person[]; values?: Record<string, string>; problem?: { message: string; field?: string } }) {
  const lang = c.get('lang');
  const w = words(lang);
  const s = T[lang];
  return (
    <Layout c={c} title={type.title} guide="layanan-mandiri">
      {problem && <Notice kind="error">{problem.message}</Notice>}
      <TypeFacts type={type} lang={lang} />
      <form method="post" action={`/warga/surat/baru?jenis=${type.code}`}>
        <Csrf c={c} />
        <input type="hidden" name="idempotency_key" value={values.idempotency_key ?? ''} />
        <label>{s.forWhom}
          <select name="resident_id" aria-invalid={problem?.field === 'resident_id' ? 'true' : undefined}>
            {people.map((p) => <option value={String(p.id)} selected={values.resident_id === String(p.id)}>{p.name}</option>)}
          </select>
        </label>
        <LetterFieldInputs fields={type.fields} values={values} field={problem?.field} />
        <button type="submit">{w.submit}</button>
      </form>
      <p><a href="/warga/surat">{s.back}</a></p>
    </Layout>
  );
}

export function CitizenLetterPage({ c, view, canDownload, sent }: {
  c: Context<AppEnv>; canDownload: boolean; sent: boolean;
  view: { letter: { id: number; type_title: string; status: string; number: string | null; reject_reason: string | null; revoked_at: Date | null; revoke_reason: string | null; queue_number: number | null }; subject: { name: string } | null; steps: { step: string; at: Date | string | null }[] };
}) {
  const lang = c.get('lang');
  const w = words(lang);
  const s = T[lang];
  const l = view.letter;
  const done = l.status === 'ready' || l.status === 'collected';
  return (
    <Layout c={c} title={l.type_title} guide="layanan-mandiri">
      {sent && <Notice kind="ok">{s.sent}</Notice>}
      <p><StatusTag status={l.status} revoked={Boolean(l.revoked_at)} lang={lang} download={canDownload} /> · {view.subject?.name}</p>
      {l.number && <p>{w.number}: {l.number}</p>}
      {l.status === 'rejected' && <Notice kind="warn">{w.rejectedBecause}: {l.reject_reason}</Notice>}
      {l.revoked_at && <Notice kind="warn">{w.revoked}: {l.revoke_reason}</Notice>}
      {done && !l.revoked_at && (canDownload ? <p><a class="button" href={`/warga/surat/${l.id}/pdf`}>{s.download}</a></p> : <p>{s.atOffice}</p>)}
      <ol class="steps">{view.steps.map((st) => <li>{w.step[st.step]}: {st.at ? formatDateTime(st.at, lang) : ''}</li>)}</ol>
      <p><a href="/warga/surat">{s.back}</a></p>
    </Layout>
  );
}
