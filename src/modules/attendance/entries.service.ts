import { sql, type Kysely, type Transaction } from 'kysely';
import { isVillageRole } from '../../platform/access/roles.js';
import { userIdOf } from '../../platform/access/access.js';
import { recordAudit, writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, badRequest, conflict, forbidden } from '../../platform/http/errors.js';
import { todayInWib } from '../../platform/format/format.js';
import { currentActor, decoyHash, findUserByUsername, LOGIN_LIMITS, reserveGuess, settleSuccess, verifyPassword } from '../identity/index.js';
import { activeVillage, villageInScope } from '../villages/index.js';
import { parseDay, parseTime, wibDay, wibMoment, wibTime } from './clock.js';
import { officialOf, officialsOf } from './officials.js';
import { recountDay } from './rollup.js';
import { isKiosk, lockVillage, settingsOf } from './settings.service.js';

type Q = Kysely<Database> | Transaction<Database>;
export type Kind = 'in' | 'out';
export type Source = 'phone' | 'kiosk' | 'correction';

/** What counts for an official, a day and a direction: the latest correction, else the entry itself. */
export interface Effective { user_id: number; day: string; kind: Kind; at: Date; source: Source }

export async function effectiveEntries(db: Q, village: string, from: string, to: string, userId?: number): Promise<Effective[]> {
  const rows = await sql<Effective>`
    select distinct on (user_id, day, kind) user_id, day, kind, at, source from attendance_entries
    where village_code = ${village} and day >= ${from}::date and day <= ${to}::date ${userId === undefined ? sql`` : sql`and user_id = ${userId}`}
    order by user_id, day, kind, (source = 'correction') desc, id desc`.execute(db);
  return rows.rows.map((r) => ({ ...r, user_id: Number(r.user_id) }));
}

/** One place, when the village keeps it: a point sent by the phone's browser, or nothing. */
function placeOf(input: { latitude?: string; longitude?: string }): { latitude: string; longitude: string } | null {
  const lat = Number(input.latitude);
  const lon = Number(input.longitude);
  if (!input.latitude || !input.longitude) return null;
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw badRequest('validation.invalid', 'latitude');
  if (!Number.isFinite(lon) || lon < -180 || lon > 180) throw badRequest('validation.invalid', 'longitude');
  return { latitude: lat.toFixed(6), longitude: lon.toFixed(6) };
}

/**
 * A check-in or check-out at the server's time, once a day each way: the village's lock is held,
 * so checking what is there and writing cannot interleave with another write of the village (the
 * unique index refuses a second one anyway). The day's rollup row is recounted in the same
 * transaction.
 */
async function record(ctx: UseCaseContext, village: string, userId: number, kind: Kind, source: 'phone' | 'kiosk', place: { latitude: string; longitude: string } | null) {
  const now = new Date();
  const day = wibDay(now);
  return writeWithAudit(ctx, async (trx, audit) => {
    await lockVillage(trx, village);
    const today = await effectiveEntries(trx, village, day, day, userId);
    const inToday = today.find((e) => e.kind === 'in');
    const originals = await trx.selectFrom('attendance_entries').select(['kind', 'at']).where('village_code', '=', village).where('user_id', '=', userId).where('day', '=', day).where('source', '<>', 'correction').execute();
    const done = originals.find((e) => e.kind === kind);
    if (done) throw conflict(kind === 'in' ? 'attendance.already_in' : 'attendance.already_out', undefined, { time: wibTime(new Date(done.at)) });
    if (kind === 'out' && !inToday) throw conflict('attendance.not_in_yet');
    await trx.insertInto('attendance_entries').values({ village_code: village, user_id: userId, day, kind, at: now, source, ...(place ?? {}), recorded_by: userId }).execute();
    await recountDay(trx, village, day);
    await audit({ action: kind === 'in' ? 'attendance.check_in' : 'attendance.check_out', villageCode: village, subject: `user:${userId}`, detail: { source, place: place !== null } });
    return { day, time: wibTime(now) };
  });
}

/** An official checks in or out on their own phone, when the village allows it. */
export async function checkOnPhone(ctx: UseCaseContext, villageInput: string, kind: Kind, input: { latitude?: string; longitude?: string }) {
  const village = (await villageInScope(ctx, villageInput, 'attendance.self')).village_code;
  const settings = await settingsOf(ctx.db.kysely, village);
  if (!settings.phone_allowed) throw forbidden('attendance.phone_off');
  return record(ctx, village, userIdOf(ctx.actor)!, kind, 'phone', settings.record_place ? placeOf(input) : null);
}

/**
 * At the office's kiosk (the browser the secretary registered): the official types their
 * username and password. Guesses are counted with the login's own counters (the same key), so
 * the kiosk is no second door for guessing; nothing stays logged in.
 */
export async function checkAtKiosk(ctx: UseCaseContext, villageInput: string, kioskKey: string | undefined, input: { username?: string; password?: string; kind?: string }) {
  const village = (await activeVillage(ctx, villageInput)).village_code;
  const db = ctx.db.kysely;
  if (!(await isKiosk(db, village, kioskKey))) throw conflict('attendance.kiosk_unregistered');
  const kind: Kind = input.kind === 'out' ? 'out' : 'in';
  const username = (input.username ?? '').trim().slice(0, 60);
  if (!username) throw badRequest('validation.required', 'username');
  const user = await findUserByUsername(db, username);
  await reserveGuess(db, `u:${username.toLowerCase()}`, ctx.ip, {
    limits: { pair: LOGIN_LIMITS.pair, ip: LOGIN_LIMITS.ip, account: LOGIN_LIMITS.user }, locked: 'auth.locked',
    owner: user ? { subject: `user:${user.id}`, login: 'auth.login' } : null,
  });
  const ok = user ? await verifyPassword(user.password_hash, input.password ?? '') : (await verifyPassword(await decoyHash(), input.password ?? ''), false);
  if (!user || !ok) {
    await recordAudit(db, ctx, { action: 'attendance.kiosk_failed', outcome: 'failed', villageCode: village, subject: user ? `user:${user.id}` : null }, username);
    throw new AppError(401, 'invalid_credentials', 'auth.invalid');
  }
  await settleSuccess(db, `u:${username.toLowerCase()}`, ctx.ip);
  const actor = await currentActor(ctx.db, user.id);
  if (!actor || !user.active || user.region_code !== village || !isVillageRole(actor.role)) throw forbidden('attendance.not_official');
  const done = await record({ ...ctx, actor }, village, user.id, kind, 'kiosk', null);
  return { ...done, kind, name: user.full_name };
}

/**
 * A correction by the head or the secretary: a new entry with the time they state and why.
 * The entry it replaces stays, shown beside it; nothing is changed or deleted.
 */
export async function correctEntry(ctx: UseCaseContext, villageInput: string, input: Record<string, string | undefined>) {
  const village = (await villageInScope(ctx, villageInput, 'attendance.manage')).village_code;
  const db = ctx.db.kysely;
  const official = await officialOf(db, village, input.user_id, 'user_id');
  const day = parseDay(input.day, 'day');
  if (day > todayInWib()) throw badRequest('attendance.day_future', 'day');
  if (input.kind !== 'in' && input.kind !== 'out') throw badRequest('validation.choice', 'kind');
  const kind: Kind = input.kind;
  const at = wibMoment(day, parseTime(input.time, 'time'));
  if (at.getTime() > Date.now()) throw badRequest('attendance.day_future', 'time');
  const reason = (input.reason ?? '').trim();
  if (reason.length < 5 || reason.length > 300) throw badRequest('attendance.reason', 'reason');
  await writeWithAudit(ctx, async (trx, audit) => {
    await lockVillage(trx, village);
    await trx.insertInto('attendance_entries').values({ village_code: village, user_id: official.id, day, kind, at, source: 'correction', reason, recorded_by: userIdOf(ctx.actor) }).execute();
    await recountDay(trx, village, day);
    await audit({ action: 'attendance.correct', villageCode: village, subject: `user:${official.id}`, detail: { day, kind, time: wibTime(at), reason } });
  });
  return { day };
}

/** An official's own page: today, and their days of this month. */
export async function myAttendance(ctx: UseCaseContext, villageInput: string) {
  const village = await villageInScope(ctx, villageInput, 'attendance.self');
  const code = village.village_code;
  const today = todayInWib();
  const me = userIdOf(ctx.actor)!;
  const [settings, month] = await Promise.all([settingsOf(ctx.db.kysely, code), effectiveEntries(ctx.db.kysely, code, `${today.slice(0, 7)}-01`, today, me)]);
  return { village, settings, today, days: byDay(month), me };
}

export interface DayRow { day: string; in: Effective | null; out: Effective | null }

/** Entries of one official put together per day, newest first. */
export function byDay(entries: Effective[]): DayRow[] {
  const days = new Map<string, DayRow>();
  for (const e of entries) {
    const row = days.get(e.day) ?? { day: e.day, in: null, out: null };
    row[e.kind] = e;
    days.set(e.day, row);
  }
  return [...days.values()].sort((a, b) => (a.day < b.day ? 1 : -1));
}

/** A day at the office for the head or the secretary: every official's times and every entry behind them. */
export async function attendanceDay(ctx: UseCaseContext, villageInput: string, dayInput: string | undefined) {
  const village = await villageInScope(ctx, villageInput, 'attendance.manage');
  const code = village.village_code;
  const day = dayInput ? parseDay(dayInput, 'tanggal') : todayInWib();
  const db = ctx.db.kysely;
  const [officials, effective, entries, settings] = await Promise.all([
    officialsOf(db, code, ctx.lang),
    effectiveEntries(db, code, day, day),
    sql<{ id: number; user_id: number; kind: Kind; at: Date; source: Source; reason: string | null; recorded_by: string | null }>`
      select e.id, e.user_id, e.kind, e.at, e.source, e.reason, u.full_name as recorded_by
      from attendance_entries e left join users u on u.id = e.recorded_by
      where e.village_code = ${code} and e.day = ${day}::date order by e.user_id, e.id`.execute(db),
    settingsOf(db, code),
  ]);
  const rows = officials.map((o) => {
    const mine = effective.filter((e) => e.user_id === o.id);
    return {
      official: o, in: mine.find((e) => e.kind === 'in') ?? null, out: mine.find((e) => e.kind === 'out') ?? null,
      entries: entries.rows.filter((e) => Number(e.user_id) === o.id).map((e) => ({ ...e, id: Number(e.id) })),
    };
  });
  return { village, day, today: todayInWib(), settings, rows, officials };
}
