import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { access } from '../../platform/access/route-access.js';
import { noStore, privateFile, XLSX } from '../../platform/http/download.js';
import type { AppEnv, AppServices } from '../../platform/http/env.js';
import { AppError } from '../../platform/http/errors.js';
import { formFields } from '../../platform/http/forms.js';
import type { Router } from '../../platform/http/router.js';
import { t } from '../../platform/i18n/i18n.js';
import { activeVillage } from '../villages/index.js';
import { wibTime } from './clock.js';
import { attendanceDay, checkAtKiosk, checkOnPhone, correctEntry, myAttendance } from './entries.service.js';
import { attendanceDashboard } from './figures.service.js';
import { addGuest, addGuestAtKiosk, guestWorkbook, searchGuests, type GuestQuery } from './guestbook.service.js';
import { officialsOf } from './officials.js';
import { monthlyRecap, recapWorkbook } from './recap.service.js';
import { attendanceSettings, isKiosk, registerKiosk, saveSettings } from './settings.service.js';
import { ATTENDANCE_TEXT } from './views/attendance-text.js';
import { attendanceFiguresWorkbook, AttendanceFiguresPage } from './views/figures-page.js';
import { GuestBookPage } from './views/guest-pages.js';
import { KioskAttendancePage, KioskGuestPage } from './views/kiosk-pages.js';
import { AttendanceDayPage, MyAttendancePage, RecapPage, savedText, SettingsPage, type AttendanceMsg } from './views/office-pages.js';

type Status = 200 | 400 | 401 | 403 | 404 | 409 | 429;
/** The kiosk's key, kept by the one browser the secretary registered, sent only to the kiosk's pages. */
const KIOSK_COOKIE = 'balai_anjungan_hadir';
const KIOSK_DAYS = 400;

/** A user's mistake (or a refusal the page explains, like phone check-in turned off) shown beside the form. */
function problem(c: Context<AppEnv>, err: unknown): { message: string; status: Status } {
  if (!(err instanceof AppError)) throw err;
  return { message: t(c.get('lang'), err.key, err.params), status: err.status as Status };
}

/**
 * Staff attendance and the guest book (issue 18, item 3).
 * Officials: /desa/<code>/kehadiran (today's check-in and out, one's own month).
 * The head and the secretary: /harian (a day, corrections), /rekap (+ .xlsx), /pengaturan (rules, the kiosk).
 * The office: /desa/<code>/buku-tamu (+ .xlsx for those who see phones).
 * The office's kiosk (the registered browser only): /anjungan/<code>/hadir and /anjungan/<code>/tamu.
 * The levels above: /pantau/<code>/kehadiran (+ .xlsx), counts only.
 */
export function registerAttendancePages(app: Router, services: AppServices) {
  const self = access({ permission: 'attendance.self', scope: 'village' }, { login: '/masuk' });
  const manage = access({ permission: 'attendance.manage', scope: 'village' }, { login: '/masuk' });
  const guests = access({ permission: 'guestbook.write', scope: 'village' }, { login: '/masuk' });
  const guestsFile = access({ permission: 'guestbook.read', scope: 'village' });
  const figures = access({ permission: 'monitoring.read', scope: 'village' }, { login: '/masuk' });
  const figuresFile = access({ permission: 'monitoring.read', scope: 'village' });
  const pub = access('public');
  const code = (c: Context<AppEnv>) => c.req.param('code')!;
  const base = (c: Context<AppEnv>) => `/desa/${code(c)}/kehadiran`;

  // --- an official's own page ------------------------------------------------------------------
  const mine = async (c: Context<AppEnv>, msg: AttendanceMsg = {}, status: Status = 200) => {
    noStore(c);
    const view = await myAttendance(c.get('ctx'), code(c));
    const ok = c.req.query('ok');
    const today = view.days.find((d) => d.day === view.today);
    const entry = ok === 'masuk' ? today?.in : ok === 'pulang' ? today?.out : undefined;
    if (entry) msg = { ...msg, ok: savedText(c.get('lang'), entry.kind, wibTime(entry.at)) };
    return c.html(<MyAttendancePage c={c} view={view} msg={msg} />, status);
  };
  app.get('/desa/:code/kehadiran', self, (c) => mine(c));
  for (const [path, kind] of [['masuk', 'in'], ['pulang', 'out']] as const) {
    app.post(`/desa/:code/kehadiran/${path}`, self, async (c) => {
      const f = await formFields(c);
      try {
        await checkOnPhone(c.get('ctx'), code(c), kind, f);
        return c.redirect(`${base(c)}?ok=${path}`, 303);
      } catch (err) {
        const p = problem(c, err);
        return mine(c, { error: p.message }, p.status);
      }
    });
  }

  // --- the head's and the secretary's pages -----------------------------------------------------
  const day = async (c: Context<AppEnv>, msg: AttendanceMsg = {}, status: Status = 200, dayInput = c.req.query('tanggal')) =>
    c.html(<AttendanceDayPage c={c} view={await attendanceDay(c.get('ctx'), code(c), dayInput)} msg={msg} />, status);
  app.get('/desa/:code/kehadiran/harian', manage, (c) => {
    noStore(c);
    return day(c, c.req.query('ok') === '1' ? { ok: ATTENDANCE_TEXT[c.get('lang')].saved } : {});
  });
  app.post('/desa/:code/kehadiran/koreksi', manage, async (c) => {
    const f = await formFields(c);
    try {
      const done = await correctEntry(c.get('ctx'), code(c), f);
      return c.redirect(`${base(c)}/harian?tanggal=${done.day}&ok=1`, 303);
    } catch (err) {
      const p = problem(c, err);
      return day(c, { error: p.message, values: f }, p.status, undefined);
    }
  });
  app.get('/desa/:code/kehadiran/rekap', manage, async (c) => {
    noStore(c);
    return c.html(<RecapPage c={c} view={await monthlyRecap(c.get('ctx'), code(c), c.req.query('bulan'))} />);
  });
  app.get('/desa/:code/kehadiran/rekap.xlsx', manage, async (c) => {
    const recap = await monthlyRecap(c.get('ctx'), code(c), c.req.query('bulan'));
    return privateFile(c, await recapWorkbook(c.get('ctx'), recap, c.get('lang')), { type: XLSX, name: `kehadiran-${recap.village.village_code.replace(/\./g, '')}-${recap.month}.xlsx` });
  });
  const settings = async (c: Context<AppEnv>, msg: AttendanceMsg & { kiosk?: boolean } = {}, status: Status = 200) =>
    c.html(<SettingsPage c={c} view={await attendanceSettings(c.get('ctx'), code(c))} msg={msg} />, status);
  app.get('/desa/:code/kehadiran/pengaturan', manage, (c) => {
    const ok = c.req.query('ok');
    return settings(c, ok === 'anjungan' ? { kiosk: true } : ok === '1' ? { ok: ATTENDANCE_TEXT[c.get('lang')].saved } : {});
  });
  app.post('/desa/:code/kehadiran/pengaturan', manage, async (c) => {
    const f = await formFields(c);
    try {
      await saveSettings(c.get('ctx'), code(c), f);
      return c.redirect(`${base(c)}/pengaturan?ok=1`, 303);
    } catch (err) {
      const p = problem(c, err);
      return settings(c, { error: p.message, values: f }, p.status);
    }
  });
  app.post('/desa/:code/kehadiran/anjungan', manage, async (c) => {
    const { village, key } = await registerKiosk(c.get('ctx'), code(c));
    setCookie(c, KIOSK_COOKIE, key, { httpOnly: true, sameSite: 'Strict', secure: services.secureCookies, path: `/anjungan/${village}`, maxAge: KIOSK_DAYS * 86_400 });
    return c.redirect(`${base(c)}/pengaturan?ok=anjungan`, 303);
  });

  // --- the guest book at the office ----------------------------------------------------------
  const guestQuery = (c: Context<AppEnv>) => ({ q: c.req.query('q'), dari: c.req.query('dari'), sampai: c.req.query('sampai'), page: c.req.query('page') });
  const guestBook = async (c: Context<AppEnv>, msg: AttendanceMsg = {}, status: Status = 200, query: GuestQuery = guestQuery(c)) => {
    noStore(c);
    return c.html(<GuestBookPage c={c} view={await searchGuests(c.get('ctx'), code(c), query)} msg={msg} />, status);
  };
  app.get('/desa/:code/buku-tamu', guests, (c) => guestBook(c, c.req.query('ok') === '1' ? { ok: ATTENDANCE_TEXT[c.get('lang')].guestSaved } : {}));
  app.post('/desa/:code/buku-tamu', guests, async (c) => {
    const f = await formFields(c);
    try {
      await addGuest(c.get('ctx'), code(c), f);
      return c.redirect(`/desa/${code(c)}/buku-tamu?ok=1`, 303);
    } catch (err) {
      const p = problem(c, err);
      return guestBook(c, { error: p.message, values: f }, p.status, {});
    }
  });
  app.get('/desa/:code/buku-tamu.xlsx', guestsFile, async (c) => {
    const { q, dari, sampai } = guestQuery(c);
    const file = await guestWorkbook(c.get('ctx'), code(c), { q, dari, sampai }, c.get('lang'));
    return privateFile(c, file.bytes, { type: XLSX, name: `buku-tamu-${file.village.replace(/\./g, '')}.xlsx` });
  });

  // --- the office's kiosk ----------------------------------------------------------------------
  const kiosk = async (c: Context<AppEnv>) => {
    const ctx = c.get('ctx');
    const v = await activeVillage(ctx, code(c));
    const name = `${v.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${v.name}`;
    return { ctx, code: v.village_code, name, key: getCookie(c, KIOSK_COOKIE), registered: await isKiosk(ctx.db.kysely, v.village_code, getCookie(c, KIOSK_COOKIE)) };
  };
  app.get('/anjungan/:code/hadir', pub, async (c) => {
    noStore(c);
    const k = await kiosk(c);
    return c.html(<KioskAttendancePage c={c} code={k.code} village={k.name} registered={k.registered} />);
  });
  app.post('/anjungan/:code/hadir', pub, async (c) => {
    noStore(c);
    const k = await kiosk(c);
    const f = await formFields(c);
    try {
      const done = await checkAtKiosk(k.ctx, k.code, k.key, f);
      return c.html(<KioskAttendancePage c={c} code={k.code} village={k.name} registered done={`${done.name}: ${savedText('id', done.kind, done.time)}`} />);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      // Kiosk pages are in Bahasa Indonesia, whatever the browser says.
      return c.html(<KioskAttendancePage c={c} code={k.code} village={k.name} registered={k.registered} error={t('id', err.key, err.params)} username={f.username} />, err.status as Status);
    }
  });
  app.get('/anjungan/:code/tamu', pub, async (c) => {
    noStore(c);
    const k = await kiosk(c);
    return c.html(<KioskGuestPage c={c} code={k.code} village={k.name} registered={k.registered} officials={k.registered ? await officialsOf(k.ctx.db.kysely, k.code) : []} />);
  });
  app.post('/anjungan/:code/tamu', pub, async (c) => {
    noStore(c);
    const k = await kiosk(c);
    const f = await formFields(c);
    try {
      await addGuestAtKiosk(k.ctx, k.code, k.key, f);
      return c.html(<KioskGuestPage c={c} code={k.code} village={k.name} registered officials={[]} done />);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const officials = k.registered ? await officialsOf(k.ctx.db.kysely, k.code) : [];
      return c.html(<KioskGuestPage c={c} code={k.code} village={k.name} registered={k.registered} officials={officials} error={t('id', err.key, err.params)} values={f} />, err.status as Status);
    }
  });

  // --- the levels above --------------------------------------------------------------------------
  app.get('/pantau/:code/kehadiran', figures, async (c) => c.html(<AttendanceFiguresPage c={c} d={await attendanceDashboard(c.get('ctx'), code(c), c.req.query('bulan'))} />));
  app.get('/pantau/:code/kehadiran.xlsx', figuresFile, async (c) => {
    const d = await attendanceDashboard(c.get('ctx'), code(c), c.req.query('bulan'));
    return privateFile(c, await attendanceFiguresWorkbook(d, c.get('lang')), { type: XLSX, name: `kehadiran-${d.scope.code ? d.scope.code.replace(/\./g, '') : 'nasional'}-${d.month}.xlsx` });
  });
}
