import type { Context } from 'hono';
import { can } from '../../../platform/access/access.js';
import { formatDate, formatDateTime, formatNumber } from '../../../platform/format/format.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { Pager } from '../../../platform/http/views/pager.js';
import { AreaSelect, CODE_LISTS, codeLabel, PopulationNav } from '../../population/index.js';
import type { getStay, listStays } from '../read.service.js';
import { citizenshipText, hostText } from '../rows.js';
import { TEMP_TEXT, type TempWords } from './text.js';

export type TempMsg = { ok?: boolean; error?: string; values?: Record<string, string>; form?: 'record' | 'depart' | 'correct' };
export const tempBase = (code: string) => `/desa/${code}/penduduk-sementara`;
type Areas = Awaited<ReturnType<typeof listStays>>['areas'];
type Get = (k: string, d?: string) => string;

const Options = ({ codes, selected }: { codes: [number, string][]; selected: string }) => (
  <>{codes.map(([k, label]) => <option value={String(k)} selected={selected === String(k)}>{label}</option>)}</>
);

/** The stay's fields, empty for a new record, filled for a correction. */
function StayFields({ w, v, areas, correcting }: { w: TempWords; v: Get; areas: Areas; correcting: boolean }) {
  return (
    <>
      <fieldset>
        <legend>{w.who}</legend>
        <label>{w.name} *<input name="name" required minlength={2} maxlength={100} autocomplete="off" value={v('name')} /></label>
        <label>{w.sex} *<select name="sex" required><option value="">{w.choose}</option><Options codes={CODE_LISTS.sex.codes} selected={v('sex')} /></select></label>
        <label>{w.citizenship} *<select name="citizenship" required><Options codes={[[1, 'WNI'], [2, 'WNA']]} selected={v('citizenship', '1')} /></select></label>
        <label>{w.nik}<input name="nik" inputmode="numeric" maxlength={16} autocomplete="off" value={v('nik')} /></label>
        <label>{w.passport}<input name="passport_number" maxlength={20} autocomplete="off" value={v('passport_number')} /></label>
        <label>{w.nationality}<input name="nationality" maxlength={60} value={v('nationality')} /></label>
        <label>{w.birthPlace} *<input name="birth_place" required minlength={2} maxlength={100} value={v('birth_place')} /></label>
        <label>{w.birthDate} *<input type="date" name="birth_date" required value={v('birth_date')} /></label>
        <label>{w.occupation} *<select name="occupation" required><option value="">{w.choose}</option><Options codes={CODE_LISTS.occupation.codes} selected={v('occupation')} /></select></label>
      </fieldset>
      <fieldset>
        <legend>{w.stayPart}</legend>
        <label>{w.origin} *<input name="origin_address" required minlength={5} maxlength={300} value={v('origin_address')} /></label>
        <label>{w.purpose} *<input name="stay_purpose" required minlength={3} maxlength={200} value={v('stay_purpose')} /></label>
        <label>{w.arrivedOn} *<input type="date" name="arrived_on" required value={v('arrived_on')} /></label>
        <label>{w.plannedOn}<input type="date" name="planned_departure_on" value={v('planned_departure_on')} /></label>
        {correcting && (
          <>
            <label>{w.departedOnKeep}<input type="date" name="departed_on" value={v('departed_on')} /></label>
            <label>{w.departureNote}<input name="departure_note" maxlength={200} value={v('departure_note')} /></label>
          </>
        )}
      </fieldset>
      <fieldset>
        <legend>{w.hostPart}</legend>
        <p><small>{w.hostIntro}</small></p>
        <label>{w.hostNik}<input name="host_nik" inputmode="numeric" maxlength={16} autocomplete="off" value={v('host_nik')} /></label>
        <AreaSelect areas={areas} name="stay_area" value={v('stay_area')} label={w.stayArea} empty={w.choose} />
        <label>{w.hostName}<input name="host_name" maxlength={100} value={v('host_name')} /></label>
        <label>{w.hostAddress}<input name="host_address" maxlength={200} value={v('host_address')} /></label>
      </fieldset>
      <label>{w.note}<textarea name="note" maxlength={500} rows={2}>{v('note')}</textarea></label>
    </>
  );
}

function Links({ c, code, w }: { c: Context<AppEnv>; code: string; w: TempWords }) {
  return (
    <>
      <PopulationNav c={c} village={code} />
      <p class="links"><a href={tempBase(code)}>{w.back}</a>{' · '}<a href={`/desa/${code}/buku/penduduk-sementara`}>{w.book}</a></p>
    </>
  );
}

/** /desa/<kode>/penduduk-sementara: who stays (or stayed) by status, dusun and year, and the form to record a newcomer. */
export function TemporaryListPage({ c, view, msg }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof listStays>>; msg: TempMsg }) {
  const lang = c.get('lang');
  const w = TEMP_TEXT[lang];
  const code = view.village;
  const v: Get = (k, d = '') => msg.values?.[k] ?? d;
  const query = (page: number) => new URLSearchParams({
    ...(view.status !== 'tinggal' ? { status: view.status } : {}), ...(view.dusun ? { dusun: String(view.dusun) } : {}), ...(view.year ? { tahun: String(view.year) } : {}), ...(page > 1 ? { page: String(page) } : {}),
  });
  const dusuns = view.areas.filter((a) => a.level === 'dusun');
  return (
    <Layout c={c} title={w.title} guide="penduduk-sementara">
      {msg.ok && <Notice kind="ok">{w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <Links c={c} code={code} w={w} />
      <p>{w.intro}</p>
      {can(c.get('ctx').actor, 'population.write', code) && (
        <details class="card" open={msg.error !== undefined}>
          <summary>{w.record}</summary>
          <form method="post" action={tempBase(code)}>
            <Csrf c={c} />
            <StayFields w={w} v={v} areas={view.areas} correcting={false} />
            <button type="submit">{w.save}</button>
          </form>
        </details>
      )}
      <form method="get" action={tempBase(code)} class="card">
        <label>{w.status}<select name="status">
          {(['tinggal', 'pergi', 'semua'] as const).map((s) => <option value={s} selected={view.status === s}>{s === 'tinggal' ? w.staying : s === 'pergi' ? w.left : w.all}</option>)}
        </select></label>
        <label>{w.dusun}<select name="dusun">
          <option value="">{w.allDusun}</option>
          {dusuns.map((d) => <option value={String(d.id)} selected={view.dusun === d.id}>{d.name}</option>)}
        </select></label>
        <label>{w.year}<input name="tahun" inputmode="numeric" maxlength={4} placeholder={w.allYears} value={view.year ? String(view.year) : ''} /></label>
        <button type="submit" class="secondary">{w.show}</button>
      </form>
      <p>{`${formatNumber(view.total, lang)} ${w.found}`}</p>
      {view.rows.length === 0 ? <p>{w.none}</p> : (
        <DataTable aria-label={w.title}>
          <thead><tr><th>{w.name}</th><th>{w.identity}</th><th>{w.since}</th><th>{w.until}</th><th>{w.host}</th></tr></thead>
          <tbody>
            {view.rows.map((r) => (
              <tr>
                <td><a href={`${tempBase(code)}/${r.id}`}>{r.name}</a><br /><small class="muted">{`${codeLabel('sex', r.sex)} · ${citizenshipText(r)}`}</small></td>
                <td class="nik">{r.nik ?? (r.passport_number ? `Paspor ${r.passport_number}` : '')}</td>
                <td>{formatDate(r.arrived_on, lang)}</td>
                <td>{r.departed_on ? formatDate(r.departed_on, lang) : r.planned_departure_on ? `${w.plannedUntil} ${formatDate(r.planned_departure_on, lang)}` : w.stillHere}</td>
                <td>{hostText(r, view.areas)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <Pager w={w} page={view.page} pages={view.pages} link={(p) => `${tempBase(code)}?${query(p)}`} />
    </Layout>
  );
}

type StayView = Awaited<ReturnType<typeof getStay>>;

/** /desa/<kode>/penduduk-sementara/<id>: one record, its versions and who read it; record the departure, correct it. */
export function StayPage({ c, view, msg }: { c: Context<AppEnv>; view: StayView; msg: TempMsg }) {
  const lang = c.get('lang');
  const w = TEMP_TEXT[lang];
  const code = view.village;
  const s = view.stay;
  const here = `${tempBase(code)}/${s.id}`;
  const write = can(c.get('ctx').actor, 'population.write', code) && !s.corrected_at;
  const d = (x: string | null) => (x ? formatDate(x, lang) : '-');
  const current: Record<string, string> = {
    name: s.name, sex: String(s.sex), citizenship: String(s.citizenship), nik: s.nik ?? '', passport_number: s.passport_number ?? '', nationality: s.nationality ?? '',
    birth_place: s.birth_place, birth_date: s.birth_date, occupation: String(s.occupation), origin_address: s.origin_address, stay_purpose: s.purpose,
    host_nik: view.host?.nik ?? '', stay_area: s.area_id === null ? '' : String(s.area_id), host_name: s.host_name ?? '', host_address: s.host_address ?? '',
    arrived_on: s.arrived_on, planned_departure_on: s.planned_departure_on ?? '', departed_on: s.departed_on ?? '', departure_note: s.departure_note ?? '', note: s.note,
  };
  const v = (form: TempMsg['form']): Get => (k, dflt = '') => (msg.form === form ? msg.values?.[k] : undefined) ?? current[k] ?? dflt;
  const host = view.host ? { host_resident_name: view.host.name, host_resident_address: view.host.address } : { host_resident_name: null, host_resident_address: null };
  return (
    <Layout c={c} title={s.name} guide="penduduk-sementara">
      {msg.ok && <Notice kind="ok">{w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <Links c={c} code={code} w={w} />
      {s.corrected_at && (
        <Notice kind="warn">
          {`${w.correctedNotice} (${formatDateTime(s.corrected_at, lang)}): ${s.correction_reason ?? ''}. `}
          {view.currentId && <a href={`${tempBase(code)}/${view.currentId}`}>{w.correctedSee}</a>}
        </Notice>
      )}
      <dl>
        <dt>{w.identity}</dt><dd class="nik">{s.nik ?? (s.passport_number ? `Paspor ${s.passport_number}` : '-')}</dd>
        <dt>{w.sex}</dt><dd>{codeLabel('sex', s.sex)}</dd>
        <dt>{w.citizenship}</dt><dd>{citizenshipText(s)}</dd>
        <dt>{w.birthPlace}</dt><dd>{`${s.birth_place}, ${d(s.birth_date)}`}</dd>
        <dt>{w.occupation}</dt><dd>{codeLabel('occupation', s.occupation)}</dd>
        <dt>{w.origin2}</dt><dd>{s.origin_address}</dd>
        <dt>{w.purpose2}</dt><dd>{s.purpose}</dd>
        <dt>{w.host}</dt><dd>{view.host ? <a href={`/desa/${code}/penduduk/${view.host.id}`}>{hostText({ ...s, ...host }, view.areas)}</a> : hostText({ ...s, ...host }, view.areas)}</dd>
        <dt>{w.since}</dt><dd>{d(s.arrived_on)}</dd>
        <dt>{w.until}</dt><dd>{s.departed_on ? `${d(s.departed_on)}${s.departure_note ? ` (${s.departure_note})` : ''}` : `${w.stillHere}${s.planned_departure_on ? `; ${w.plannedUntil} ${d(s.planned_departure_on)}` : ''}`}</dd>
        {s.note && <><dt>{w.note}</dt><dd style="white-space: pre-line">{s.note}</dd></>}
        <dt>{w.recordedBy}</dt><dd>{`${s.recorded_by_name}, ${formatDateTime(s.recorded_at, lang)}`}{s.departure_recorded_at && <><br />{`${w.departure} ${w.departedBy} ${s.departure_by_name ?? ''}, ${formatDateTime(s.departure_recorded_at, lang)}`}</>}</dd>
      </dl>
      {write && !s.departed_on && (
        <details class="card" open={msg.form === 'depart'}>
          <summary>{w.depart}</summary>
          <p>{w.departIntro}</p>
          <form method="post" action={`${here}/pergi`}>
            <Csrf c={c} />
            <label>{w.departedOn} *<input type="date" name="departed_on" required value={v('depart')('departed_on')} /></label>
            <label>{w.departureNote}<input name="departure_note" maxlength={200} value={v('depart')('departure_note')} /></label>
            <button type="submit">{w.depart}</button>
          </form>
        </details>
      )}
      {write && (
        <details class="card" open={msg.form === 'correct'}>
          <summary>{w.correct}</summary>
          <p>{w.correctIntro}</p>
          <form method="post" action={`${here}/koreksi`}>
            <Csrf c={c} />
            <StayFields w={w} v={v('correct')} areas={view.areas} correcting={true} />
            <label>{w.correctionReason} *<input name="correction_reason" required minlength={5} maxlength={500} value={msg.form === 'correct' ? msg.values?.correction_reason ?? '' : ''} /></label>
            <button type="submit">{w.correct}</button>
          </form>
        </details>
      )}
      {view.versions.length > 1 && (
        <section>
          <h2>{w.versions}</h2>
          <ul class="plain">
            {view.versions.map((x) => (
              <li>
                {x.id === s.id ? <strong>{`${w.version} ${x.id}`}</strong> : <a href={`${tempBase(code)}/${x.id}`}>{`${w.version} ${x.id}`}</a>}
                {` · ${x.recorded_by_name}, ${formatDateTime(x.recorded_at, lang)} · `}
                {x.corrected_at ? `${w.correctedOn} ${formatDateTime(x.corrected_at, lang)}${x.corrected_by_name ? ` (${x.corrected_by_name})` : ''}: ${x.correction_reason ?? ''}` : w.inForce}
              </li>
            ))}
          </ul>
        </section>
      )}
      {view.accessLog && (
        <section>
          <h2>{w.accessLog}</h2>
          {view.accessLog.length === 0 ? <p>{w.accessNone}</p> : (
            <ul class="plain">{view.accessLog.map((a) => <li>{`${formatDateTime(a.at, lang)} · ${a.actor_label} · ${w.actions[a.action] ?? a.action}`}</li>)}</ul>
          )}
        </section>
      )}
    </Layout>
  );
}
