import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { can } from '../../../platform/access/access.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate, formatDateTime } from '../../../platform/format/format.js';
import { t } from '../../../platform/i18n/i18n.js';
import { areaChain, formatAddress } from '../address.js';
import { CODE_LISTS, codeLabel, FIELD_CODE_LIST, HEAD_OF_FAMILY, HOLDS_NIK } from '../codes.js';
import { todayInWib } from '../population.common.js';
import type { getResident } from '../residents.service.js';
import { MOVE_CLASSIFICATIONS } from '../population.schema.js';
import { REPORTER_RELATIONS } from '../reporter.js';
import { ageOn, areaPath, FieldInput, shownValue } from './components.js';
import { ALL_FIELDS, FIELD_GROUPS, fieldLabel } from './fields.js';
import { PopulationNav } from './list-page.js';
import { words } from './words.js';
import { CorrectionConflictForm, type ConflictState } from './correction-conflict.js';
import { DataTable } from '../../../platform/http/views/data-table.js';

type Record_ = Awaited<ReturnType<typeof getResident>>;

const EVENT_LABEL: Record<string, { id: string; en: string }> = {
  registration: { id: 'Didaftarkan', en: 'Registered' }, birth: { id: 'Lahir', en: 'Born' }, death: { id: 'Meninggal', en: 'Died' },
  move_out: { id: 'Pindah keluar', en: 'Moved out' }, move_in: { id: 'Pindah masuk', en: 'Moved in' }, lost: { id: 'Hilang', en: 'Missing' },
  temporary_departure: { id: 'Pergi sementara', en: 'Left for a while' }, return: { id: 'Kembali', en: 'Returned' },
  correction: { id: 'Koreksi data', en: 'Correction' }, family_change: { id: 'Perubahan keluarga', en: 'Family change' },
};

/** What a redirect after a form says (`?ok=`), and the letter each event offers next. */
export const DONE_MESSAGE = { disimpan: 'population.saved', peristiwa: 'population.event_saved', lahir: 'population.birth_saved', kematian: 'population.death_saved' } as const;
export type Done = keyof typeof DONE_MESSAGE;
const NEXT_LETTER: Partial<Record<Done, { type: string; label: 'birthLetter' | 'deathLetter' }>> = {
  lahir: { type: 'kelahiran', label: 'birthLetter' },
  kematian: { type: 'kematian', label: 'deathLetter' },
};

/** What a family change did, in words (the codes population and the civil registry write). */
const FAMILY_CHANGE: Record<string, { id: string; en: string }> = {
  moved: { id: 'Pindah ke kartu keluarga lain', en: 'Moved to another family card' },
  split: { id: 'Pecah KK', en: 'Family card split' },
  kk_reissued: { id: 'Nomor KK diganti (kartu diterbitkan ulang)', en: 'Family card number replaced (card reissued)' },
  head_replaced: { id: 'Kepala keluarga diganti', en: 'Head of family replaced' },
  became_head: { id: 'Menjadi kepala keluarga', en: 'Became head of family' },
};
const SOURCE: Record<string, { id: string; en: string }> = { civil_registry: { id: 'Pemadanan Dukcapil', en: 'Civil registry reconciliation' } };

/** A corrected value as the officer reads it: a code field's label, not its number. */
function changedValue(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  const list = FIELD_CODE_LIST[field as keyof typeof FIELD_CODE_LIST];
  return list && Number.isInteger(Number(v)) ? codeLabel(list, Number(v)) : String(v);
}

function eventSummary(e: Record_['events'][number], lang: 'id' | 'en'): string {
  const d = e.details as Record<string, any>;
  if (e.kind === 'correction' && d.changes)
    return `${Object.entries(d.changes as Record<string, { from: unknown; to: unknown }>).map(([k, v]) => `${fieldLabel(k, lang)}: ${changedValue(k, v.from)} → ${changedValue(k, v.to)}`).join('; ')}${d.reason ? ` (${d.reason})` : ''}`;
  const keep = ['place', 'cause', 'reporter_name', 'reporter_relation', 'destination', 'classification', 'change', 'reason', 'from', 'note', 'source'];
  const word = (k: string) => (k === 'change' ? FAMILY_CHANGE[d[k]]?.[lang] : k === 'source' ? SOURCE[d[k]]?.[lang] : undefined) ?? String(d[k]);
  return keep.filter((k) => d[k] && typeof d[k] !== 'object').map(word).join(' · ');
}

export function ResidentPage({ c, village, record, error, ok, done, panels = [], conflict }: { c: Context<AppEnv>; village: string; record: Record_; error?: string; ok?: string; done?: Done; panels?: Child[]; conflict?: ConflictState }) {
  const lang = c.get('lang');
  const w = words(lang);
  const { resident: r, family, members, events, areas } = record;
  const actor = c.get('ctx').actor;
  const canWrite = can(actor, 'population.write', village);
  const present = HOLDS_NIK.includes(r.life_status);
  const base = `/desa/${village}/penduduk/${r.id}`;
  const fd = (d: string) => formatDate(d, lang);
  const today = todayInWib();
  const headNow = members.find((m) => m.family_relation === HEAD_OF_FAMILY && HOLDS_NIK.includes(m.life_status));
  return (
    <Layout c={c} title={r.name} guide="penduduk">
      <PopulationNav c={c} village={village} />
      {error && <Notice kind="error">{error}</Notice>}
      {conflict && <CorrectionConflictForm c={c} action={`${base}/koreksi`} conflict={conflict} />}
      {ok && <Notice kind="ok">{ok}</Notice>}
      {done && NEXT_LETTER[done] && can(actor, 'letters.request', village) && (
        <section class="card next-step">
          <h2>{w.nextStep}</h2>
          {done === 'kematian' && headNow && <p>{w.headNow}: <a href={`/desa/${village}/penduduk/${headNow.id}`}>{headNow.name}</a></p>}
          <p><a class="button" href={`/desa/${village}/surat/baru?jenis=${NEXT_LETTER[done]!.type}&penduduk=${r.id}`}>{w[NEXT_LETTER[done]!.label]}</a></p>
        </section>
      )}
      <p class="summary">
        <span class="mono">{r.nik}</span>{r.nik_temporary ? ` (${w.temporary})` : ''} · {codeLabel('sex', r.sex)} · {ageOn(r.birth_date, today) ?? '—'} {w.years} ·{' '}
        <strong>{codeLabel('lifeStatus', r.life_status)}</strong>
      </p>
      {r.photo_type && <img class="photo" src={`${base}/foto`} alt={r.name} width="120" height="160" />}
      {canWrite && (
        <details>
          <summary>{w.photo}</summary>
          <form method="post" action={`${base}/foto`} enctype="multipart/form-data">
            <Csrf c={c} />
            <label>{w.photo}<input type="file" name="photo" accept="image/png,image/jpeg" required /></label>
            <small>{w.photoHint}</small>
            <button type="submit">{w.save}</button>
          </form>
        </details>
      )}
      {r.warnings.length > 0 && (
        <Notice kind="warn">{w.warnings}: {r.warnings.map((k) => t(lang, `population.warning.${k}` as any)).join(' ')}</Notice>
      )}
      {FIELD_GROUPS.map((g) => (
        <section class="card">
          <h2>{g[lang]}</h2>
          <dl>
            {g.fields.map((f) => (<><dt>{f[lang]}</dt><dd>{shownValue(f, (r as any)[f.name], fd)}</dd></>))}
            {g.id === 'Identitas' && (<><dt>{w.area}</dt><dd>{areaPath(areas, r.area_id) || '—'}</dd>
              <dt>{w.fullAddress}</dt><dd>{formatAddress(r.address || family?.address, areaChain(areas, r.area_id ?? family?.area_id)) || '—'}</dd></>)}
          </dl>
        </section>
      ))}
      <section class="card">
        <h2>{w.members}</h2>
        {family ? (
          <>
            <p>{w.kk}: <a class="mono" href={`/desa/${village}/keluarga/${family.id}`}>{family.kk_number}</a></p>
            <ul class="plain">
              {members.map((m) => (
                <li>
                  {m.id === r.id ? <strong>{m.name}</strong> : <a href={`/desa/${village}/penduduk/${m.id}`}>{m.name}</a>} — {codeLabel('familyRelation', m.family_relation)}
                  {!HOLDS_NIK.includes(m.life_status) && ` (${codeLabel('lifeStatus', m.life_status)})`}
                </li>
              ))}
            </ul>
          </>
        ) : <p>—</p>}
      </section>
      <section class="card">
        <h2>{w.events}</h2>
        <ul class="plain">
          {events.map((e) => (
            <li>
              <strong>{formatDate(e.event_date, lang)}</strong> — {EVENT_LABEL[e.kind]?.[lang] ?? e.kind}
              {eventSummary(e, lang) && `: ${eventSummary(e, lang)}`}
              <br /><small class="muted">{w.recordedBy} {e.recorded_by_name ?? 'sistem'}, {formatDateTime(e.recorded_at, lang)}</small>
            </li>
          ))}
        </ul>
        {can(actor, 'population.access_log', village) && <p><a href={`${base}/akses`}>{w.accessLog}</a></p>}
      </section>
      {canWrite && (
        <section class="card">
          <h2>{w.record}</h2>
          {present ? (
            <>
              <EventForm c={c} action={`${base}/peristiwa/kematian`} title={w.death} button={w.deathNext}>
                <DeathFields c={c} />
              </EventForm>
              <EventForm c={c} action={`${base}/peristiwa/pindah-keluar`} title={w.moveOut}>
                <label>{w.destination}<textarea name="destination" rows={2} required /></label>
                <label>{w.classification}
                  <select name="classification">{MOVE_CLASSIFICATIONS.map((k) => <option value={k}>{w[`cls_${k}`]}</option>)}</select>
                </label>
                <label>{w.note}<input name="reason" /></label>
              </EventForm>
              {r.life_status === 1 && <EventForm c={c} action={`${base}/peristiwa/pergi`} title={w.departure}><label>{w.note}<input name="note" /></label></EventForm>}
              <EventForm c={c} action={`${base}/peristiwa/hilang`} title={w.lost}><label>{w.note}<input name="note" /></label></EventForm>
            </>
          ) : null}
          {(r.life_status === 4 || r.life_status === 6) && <EventForm c={c} action={`${base}/peristiwa/kembali`} title={w.return}><label>{w.note}<input name="note" /></label></EventForm>}
          <details>
            <summary>{w.correct}</summary>
            <form method="post" action={`${base}/koreksi`}>
              <Csrf c={c} />
              {/* What the form saw: only what the officer changes is written, and a change made meanwhile by someone else is a conflict. */}
              <input type="hidden" name="idempotency_key" value={crypto.randomUUID()} />
              <input type="hidden" name="asal.nik" value={r.nik} />
              {ALL_FIELDS.map((f) => <input type="hidden" name={`asal.${f.name}`} value={String((r as any)[f.name] ?? '')} />)}
              <label>NIK<input name="nik" value={r.nik} inputmode="numeric" maxlength={16} /></label>
              {ALL_FIELDS.map((f) => <FieldInput c={c} f={f} value={(r as any)[f.name]} />)}
              <label>{w.reason} *<input name="reason" required minlength={3} /></label>
              <button type="submit">{w.save}</button>
            </form>
          </details>
        </section>
      )}
      {panels}
      <p><a href={`/desa/${village}/penduduk`}>{w.back}</a></p>
    </Layout>
  );
}

function EventForm({ c, action, title, button, children }: { c: Context<AppEnv>; action: string; title: string; button?: string; children?: any }) {
  const w = words(c.get('lang'));
  return (
    <details>
      <summary>{title}</summary>
      <form method="post" action={action}>
        <Csrf c={c} />
        <input type="hidden" name="idempotency_key" value={crypto.randomUUID()} />
        <label>{w.eventDate}<input name="date" type="date" value={todayInWib()} max={todayInWib()} required /></label>
        {children}
        <button type="submit">{button ?? title}</button>
      </form>
    </details>
  );
}

/** Place, cause and who reported a death: on the resident page and again on the check before recording. */
export function DeathFields({ c, values = {} }: { c: Context<AppEnv>; values?: Record<string, string> }) {
  const w = words(c.get('lang'));
  return (
    <>
      <label>{w.place}<input name="place" value={values.place ?? ''} maxlength={120} /></label>
      <label>{w.cause}<input name="cause" value={values.cause ?? ''} maxlength={200} /></label>
      <label>{w.reporter}<input name="reporter_name" value={values.reporter_name ?? ''} maxlength={150} /></label>
      <label>{w.reporterRelation}
        <select name="reporter_relation">
          <option value="">—</option>
          {REPORTER_RELATIONS.map((r) => <option value={r} selected={values.reporter_relation === r}>{r}</option>)}
        </select>
      </label>
    </>
  );
}

export function AccessLogPage({ c, village, name, id, rows }: { c: Context<AppEnv>; village: string; name: string; id: number; rows: { at: Date; actor_label: string; action: string; detail: Record<string, unknown>; ip: string | null }[] }) {
  const lang = c.get('lang');
  const w = words(lang);
  return (
    <Layout c={c} title={`${w.accessLog}: ${name}`} guide="penduduk">
      <DataTable>
          <thead><tr><th>{w.when}</th><th>{w.who}</th><th>{w.what}</th><th>{w.purpose}</th></tr></thead>
          <tbody>
            {rows.map((r) => <tr><td>{formatDateTime(r.at, lang)}</td><td>{r.actor_label}</td><td>{r.action}</td><td>{String((r.detail as any).purpose ?? '')}</td></tr>)}
          </tbody>
        </DataTable>
      <p><a href={`/desa/${village}/penduduk/${id}`}>{name}</a></p>
    </Layout>
  );
}

export { CODE_LISTS };
