import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { userIdOf } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { badRequest } from '../../platform/http/errors.js';
import { villageInScope } from '../villages/index.js';
import { parseTime } from './clock.js';

type Q = Kysely<Database> | Transaction<Database>;

export interface AttendanceSettings { phone_allowed: boolean; record_place: boolean; start_time: string; end_time: string; kiosk: boolean }

const DEFAULTS: AttendanceSettings = { phone_allowed: true, record_place: false, start_time: '08:00', end_time: '16:00', kiosk: false };

/** The village's rules; a village that never changed them has the defaults (phone allowed, 08:00–16:00). */
export async function settingsOf(db: Q, village: string): Promise<AttendanceSettings> {
  const row = await db.selectFrom('attendance_settings').selectAll().where('village_code', '=', village).executeTakeFirst();
  if (!row) return DEFAULTS;
  return { phone_allowed: row.phone_allowed, record_place: row.record_place, start_time: row.start_time.slice(0, 5), end_time: row.end_time.slice(0, 5), kiosk: row.kiosk_key_hash !== null };
}

/**
 * Every write of attendance or guests holds the village's settings row first: one writer at a
 * time per village (a few officials, a few guests a day), so the day's rollup recounted after it
 * sees every entry committed before.
 */
export async function lockVillage(trx: Transaction<Database>, village: string): Promise<void> {
  await sql`insert into attendance_settings (village_code) values (${village}) on conflict (village_code) do nothing`.execute(trx);
  await sql`select 1 from attendance_settings where village_code = ${village} for update`.execute(trx);
}

export async function attendanceSettings(ctx: UseCaseContext, villageInput: string) {
  const village = await villageInScope(ctx, villageInput, 'attendance.manage');
  return { village, settings: await settingsOf(ctx.db.kysely, village.village_code) };
}

/** The head or the secretary decides: phone check-in or the kiosk only, the place kept or not, office hours. */
export async function saveSettings(ctx: UseCaseContext, villageInput: string, input: Record<string, string | undefined>) {
  const village = (await villageInScope(ctx, villageInput, 'attendance.manage')).village_code;
  const start = parseTime(input.start_time, 'start_time');
  const end = parseTime(input.end_time, 'end_time');
  if (end <= start) throw badRequest('attendance.times_order', 'end_time');
  const values = { phone_allowed: input.phone_allowed === '1', record_place: input.record_place === '1', start_time: start, end_time: end };
  await writeWithAudit(ctx, async (trx, audit) => {
    await lockVillage(trx, village);
    await trx.updateTable('attendance_settings').set({ ...values, updated_by: userIdOf(ctx.actor), updated_at: new Date() }).where('village_code', '=', village).execute();
    await audit({ action: 'attendance.settings', villageCode: village, subject: `village:${village}`, detail: values });
  });
}

const keyHash = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * Makes this browser the office's kiosk: a new random key, kept in its cookie, whose hash the
 * village keeps. A kiosk registered before stops working (one kiosk per village). Returns the key.
 */
export async function registerKiosk(ctx: UseCaseContext, villageInput: string): Promise<{ village: string; key: string }> {
  const village = (await villageInScope(ctx, villageInput, 'attendance.manage')).village_code;
  const key = randomBytes(24).toString('base64url');
  await writeWithAudit(ctx, async (trx, audit) => {
    await lockVillage(trx, village);
    await trx.updateTable('attendance_settings').set({ kiosk_key_hash: keyHash(key), updated_by: userIdOf(ctx.actor), updated_at: new Date() }).where('village_code', '=', village).execute();
    await audit({ action: 'attendance.kiosk_register', villageCode: village, subject: `village:${village}` });
  });
  return { village, key };
}

/** Whether the key of this browser's cookie is the village's kiosk key. */
export async function isKiosk(db: Q, village: string, key: string | undefined): Promise<boolean> {
  if (!key) return false;
  const row = await db.selectFrom('attendance_settings').select('kiosk_key_hash').where('village_code', '=', village).executeTakeFirst();
  return !!row?.kiosk_key_hash && timingSafeEqual(Buffer.from(row.kiosk_key_hash), Buffer.from(keyHash(key)));
}
