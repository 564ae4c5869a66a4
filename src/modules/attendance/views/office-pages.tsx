import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { assetUrl } from '../../../platform/http/static-files.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { can } from '../../../platform/access/access.js';
import { formatDate, titleCase } from '../../../platform/format/format.js';
import { wibTime } from '../clock.js';
import type { attendanceDay, Effective, myAttendance } from '../entries.service.js';
import type { MonthlyRecap } from '../recap.service.js';
import type { attendanceSettings } from '../settings.service.js';
import { ATTENDANCE_TEXT, fill, type AttendanceWords } from './attendance-text.js';

export type AttendanceMsg = { ok?: string; error?: string; values?: Record<string, string> };

const script = <script src={assetUrl('attendance.js')} defer></script>;
const base = (code: string) => `/desa/${code}/kehadiran`;

/** "07.45" with how it was taken, or "belum". */
function timeOf(e: Effective | null, w: AttendanceWords) {
  if (!e) return w.notYet;
  const via = e.source === 'kiosk' ? w.viaKiosk : e.source === 'phone' ? w.viaPhone : w.viaCorrection;
  return `${wibTime(e.at).replace(':', '.')} (${via})`;
}

/** The links of the head's and the secretary's pages, on each of them. */
function ManageLinks({ c, code, w }: { c: Context<AppEnv>; code: string; w: AttendanceWords }) {
  const actor = c.get('ctx').actor;
  return (
    <p class="no-print">
      <a href={base(code)}>{w.myTitle}</a>
      {can(actor, 'attendance.manage', code) && <> · <a href={`${base(code)}/harian`}>{w.dayView}</a> · <a href={`${base(code)}/rekap`}>{w.recap}</a> · <a href={`${base(code)}/pengaturan`}>{w.settings}</a></>}
      {can(actor, 'guestbook.write', code) && <> · <a href={`/desa/${code}/buku-tamu`}>{w.guestBook}</a></>}
    </p>
  );
}

/** /desa/<kode>/kehadiran: today's two buttons and one's own days of the month. */
export function MyAttendancePage({ c, view, msg }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof myAttendance>>; msg: AttendanceMsg }) {
  const lang = c.get('lang');
  const w = ATTENDANCE_TEXT[lang];
  const code = view.village.village_code;
  const today = view.days.find((d) => d.day === view.today);
  const s = view.settings;
  const button = (kind: 'masuk' | 'pulang', label: string) => (
    <form method="post" action={`${base(code)}/${kind}`} class="inline-form" data-place={s.record_place ? '1' : undefined}>
      <Csrf c={c} />
      {s.record_place && <><input type="hidden" name="latitude" value="" /><input type="hidden" name="longitude" value="" /></>}
      <button type="submit">{label}</button>
    </form>
  );
  return (
    <Layout c={c} title={`${w.myTitle} · ${titleCase(view.village.name)}`} guide="kehadiran" head={script}>
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <ManageLinks c={c} code={code} w={w} />
      <h2>{`${w.today}, ${formatDate(view.today, lang)}`}</h2>
      <p>{`${w.checkedIn}: ${timeOf(today?.in ?? null, w)} · ${w.checkedOut}: ${timeOf(today?.out ?? null, w)}`}</p>
      {!s.phone_allowed ? <Notice kind="warn">{w.phoneOff}</Notice> : today?.in && today.out ? <p>{w.doneToday}</p> : (
        <>
          {!today?.in ? button('masuk', w.checkIn) : button('pulang', w.checkOut)}
          <p class="muted">{w.serverTime}{s.record_place ? ` ${w.placeKept}` : ''}</p>
        </>
      )}
      <h2>{w.thisMonth}</h2>
      {view.days.length === 0 ? <p>{w.none}</p> : (
        <DataTable aria-label={w.thisMonth}>
          <thead><tr><th>{w.day}</th><th>{w.checkedIn}</th><th>{w.checkedOut}</th></tr></thead>
          <tbody>{view.days.map((d) => <tr><td>{formatDate(d.day, lang)}</td><td>{timeOf(d.in, w)}</td><td>{timeOf(d.out, w)}</td></tr>)}</tbody>
        </DataTable>
      )}
    </Layout>
  );
}

/** /desa/<kode>/kehadiran/harian: a day of every official, the entries behind each time, and the correction form. */
export function AttendanceDayPage({ c, view, msg }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof attendanceDay>>; msg: AttendanceMsg }) {
  const lang = c.get('lang');
  const w = ATTENDANCE_TEXT[lang];
  const code = view.village.village_code;
  const v = (k: string, d = '') => msg.values?.[k] ?? d;
  return (
    <Layout c={c} title={`${w.dayView} · ${formatDate(view.day, lang)}`} guide="kehadiran">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <ManageLinks c={c} code={code} w={w} />
      <form method="get" class="inline-form"><label>{w.day}<input type="date" name="tanggal" value={view.day} max={view.today} /></label> <button type="submit" class="small secondary">{w.show}</button></form>
      <DataTable aria-label={w.dayView}>
        <thead><tr><th>{w.official}</th><th>{w.position}</th><th>{w.checkedIn}</th><th>{w.checkedOut}</th><th>{w.entries}</th></tr></thead>
        <tbody>
          {view.rows.map((r) => (
            <tr>
              <td>{r.official.full_name}</td><td>{r.official.position}</td><td>{timeOf(r.in, w)}</td><td>{timeOf(r.out, w)}</td>
              <td>{r.entries.filter((e) => e.source === 'correction').map((e) => <small>{`${e.kind === 'in' ? w.checkedIn : w.checkedOut} ${wibTime(e.at).replace(':', '.')} ${w.corrected} ${w.by} ${e.recorded_by ?? ''}: ${e.reason}`}<br /></small>)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <form method="post" action={`${base(code)}/koreksi`} class="card">
        <h2>{w.correctTitle}</h2>
        <Csrf c={c} />
        <label>{w.who} *<select name="user_id" required>
          <option value="">{w.metNone}</option>
          {view.officials.map((o) => <option value={String(o.id)} selected={v('user_id') === String(o.id)}>{`${o.full_name} · ${o.position}`}</option>)}
        </select></label>
        <label>{w.day} *<input type="date" name="day" required value={v('day', view.day)} max={view.today} /></label>
        <label>{w.kind} *<select name="kind" required>
          <option value="in" selected={v('kind') !== 'out'}>{w.checkedIn}</option>
          <option value="out" selected={v('kind') === 'out'}>{w.checkedOut}</option>
        </select></label>
        <label>{w.time} *<input name="time" required inputmode="decimal" maxlength={5} value={v('time')} /></label>
        <label>{w.reasonHint} *<textarea name="reason" required minlength={5} maxlength={300} rows={2}>{v('reason')}</textarea></label>
        <button type="submit">{w.correct}</button>
      </form>
    </Layout>
  );
}

/** /desa/<kode>/kehadiran/rekap: the month per official, printable, with its workbook. */
export function RecapPage({ c, view }: { c: Context<AppEnv>; view: MonthlyRecap }) {
  const lang = c.get('lang');
  const w = ATTENDANCE_TEXT[lang];
  const code = view.village.village_code;
  return (
    <Layout c={c} title={`${w.recap} · ${titleCase(view.village.name)} · ${view.month}`} guide="kehadiran" head={script}>
      <ManageLinks c={c} code={code} w={w} />
      <form method="get" class="inline-form"><label>{w.month}<input type="month" name="bulan" value={view.month} /></label> <button type="submit" class="small secondary">{w.show}</button></form>
      <p>{`${w.hours}: ${view.settings.start_time.replace(':', '.')}–${view.settings.end_time.replace(':', '.')} · ${w.workdays}: ${view.workdays}`}</p>
      <p class="no-print"><a href={`${base(code)}/rekap.xlsx?bulan=${view.month}`} download>{w.excel}</a> · <button type="button" class="small secondary" data-print>{w.print}</button></p>
      <DataTable aria-label={w.recap}>
        <thead><tr><th>{w.official}</th><th>{w.position}</th><th class="num">{w.present}</th><th class="num">{w.late}</th><th class="num">{w.early}</th><th class="num">{w.noOut}</th><th class="num">{w.absent}</th></tr></thead>
        <tbody>
          {view.rows.map((r) => (
            <tr><td>{r.official.full_name}</td><td>{r.official.position}</td><td class="num">{r.present}</td><td class="num">{r.late}</td><td class="num">{r.early}</td><td class="num">{r.noOut}</td><td class="num">{r.absent}</td></tr>
          ))}
        </tbody>
      </DataTable>
      <p class="muted">{w.printNote}</p>
    </Layout>
  );
}

/** /desa/<kode>/kehadiran/pengaturan: what the village decided, and the office's kiosk. */
export function SettingsPage({ c, view, msg }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof attendanceSettings>>; msg: AttendanceMsg & { kiosk?: boolean } }) {
  const lang = c.get('lang');
  const w = ATTENDANCE_TEXT[lang];
  const code = view.village.village_code;
  const s = view.settings;
  const v = (k: string, d: string) => msg.values?.[k] ?? d;
  const box = (name: string, label: string, on: boolean) => <label class="check"><input type="checkbox" name={name} value="1" checked={msg.values ? msg.values[name] === '1' : on} /> {label}</label>;
  return (
    <Layout c={c} title={`${w.settings} · ${titleCase(view.village.name)}`} guide="kehadiran">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <ManageLinks c={c} code={code} w={w} />
      <form method="post" action={`${base(code)}/pengaturan`} class="card">
        <Csrf c={c} />
        {box('phone_allowed', w.phoneAllowed, s.phone_allowed)}
        {box('record_place', w.recordPlace, s.record_place)}
        <label>{w.startTime} *<input type="time" name="start_time" required value={v('start_time', s.start_time)} /></label>
        <label>{w.endTime} *<input type="time" name="end_time" required value={v('end_time', s.end_time)} /></label>
        <button type="submit">{w.save}</button>
      </form>
      <section class="card">
        <h2>{w.kioskTitle}</h2>
        {msg.kiosk ? <Notice kind="ok">{w.kioskDone} <a href={`/anjungan/${code}/hadir`}>{`/anjungan/${code}/hadir`}</a></Notice> : <p>{s.kiosk ? w.kioskOn : w.kioskOff}</p>}
        <p>{w.kioskHint}</p>
        <form method="post" action={`${base(code)}/anjungan`}>
          <Csrf c={c} />
          <button type="submit" class="secondary">{w.kioskRegister}</button>
        </form>
      </section>
    </Layout>
  );
}

export const savedText = (lang: 'id' | 'en', kind: 'in' | 'out', time: string) => fill(ATTENDANCE_TEXT[lang][kind === 'in' ? 'savedIn' : 'savedOut'], { time: time.replace(':', '.') });
