import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { Csrf } from '../../../platform/http/views/layout.js';
import { KioskLayout } from '../../letters/index.js';
import type { Official } from '../officials.js';
import { ATTENDANCE_TEXT } from './attendance-text.js';
import { GuestFields } from './guest-pages.js';

/**
 * The office's kiosk (Bahasa Indonesia, large targets, back to the start when idle): officials
 * check in and out with their username and password; guests write themselves in. Only on the
 * device the secretary registered; anywhere else the page says so.
 */
const w = ATTENDANCE_TEXT.id;

export function KioskAttendancePage({ c, code, village, registered, done, error, username }: {
  c: Context<AppEnv>; code: string; village: string; registered: boolean; done?: string; error?: string; username?: string;
}) {
  return (
    <KioskLayout c={c} village={village} title={w.kioskAttendance} idleTo={`/anjungan/${code}/hadir`}>
      {!registered ? <p class="notice warn">{w.kioskUnregistered}</p> : (
        <>
          {done && <p class="notice ok" role="status">{done}</p>}
          {error && <p class="notice error" role="alert">{error}</p>}
          <p class="big">{w.kioskIntro}</p>
          <form method="post" action={`/anjungan/${code}/hadir`} autocomplete="off">
            <Csrf c={c} />
            <label>{w.username}<input name="username" required maxlength={60} value={username ?? ''} autocapitalize="none" /></label>
            <label>{w.password}<input name="password" type="password" required maxlength={200} /></label>
            <div class="tiles">
              <button type="submit" name="kind" value="in" class="huge">{w.checkIn}</button>
              <button type="submit" name="kind" value="out" class="huge secondary">{w.checkOut}</button>
            </div>
          </form>
          <p><a class="button" href={`/anjungan/${code}/tamu`}>{w.kioskGuest}</a></p>
        </>
      )}
    </KioskLayout>
  );
}

export function KioskGuestPage({ c, code, village, registered, officials, done, error, values = {} }: {
  c: Context<AppEnv>; code: string; village: string; registered: boolean; officials: Official[]; done?: boolean; error?: string; values?: Record<string, string>;
}) {
  return (
    <KioskLayout c={c} village={village} title={w.guestBook} idleTo={`/anjungan/${code}/tamu`}>
      {!registered ? <p class="notice warn">{w.kioskUnregistered}</p> : done ? (
        <>
          <p class="notice ok big" role="status">{w.guestThanks}</p>
          <p><a class="button" href={`/anjungan/${code}/tamu`}>{w.back}</a></p>
        </>
      ) : (
        <>
          {error && <p class="notice error" role="alert">{error}</p>}
          <form method="post" action={`/anjungan/${code}/tamu`} autocomplete="off">
            <Csrf c={c} />
            <GuestFields w={w} officials={officials} v={(k) => values[k] ?? ''} />
            <button type="submit" class="huge">{w.send}</button>
          </form>
          <p><a class="button" href={`/anjungan/${code}/hadir`}>{w.kioskAttendance}</a></p>
        </>
      )}
    </KioskLayout>
  );
}
