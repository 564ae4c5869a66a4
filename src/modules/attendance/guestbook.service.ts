import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { can, userIdOf } from '../../platform/access/access.js';
import { recordAudit, writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { formatDateTime } from '../../platform/format/format.js';
import { badRequest, conflict, forbidden } from '../../platform/http/errors.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { activeVillage, villageInScope } from '../villages/index.js';
import { parseDay, wibDay } from './clock.js';
import { officialOf, officialsOf } from './officials.js';
import { recountDay } from './rollup.js';
import { isKiosk, lockVillage } from './settings.service.js';
import { ATTENDANCE_TEXT } from './views/attendance-text.js';

/**
 * The village office's guest book: who came (name, from where), why, whom they met, when (the
 * server's time) and, if they leave it, a phone number. Written at the kiosk by the guest or by
 * an officer; searched by the office. A phone is personal data: shown whole only to those with
 * `guestbook.read` (the head, the secretary), and every reading of the list is in the audit log.
 */

export const GUESTS_PER_PAGE = 25;
const EXPORT_MAX = 5000;

export type GuestInput = Record<string, string | undefined>;

/** A phone for whoever may not see it whole: the first four and the last three digits. */
export const maskPhone = (phone: string) => (phone.length > 7 ? `${phone.slice(0, 4)}${'*'.repeat(phone.length - 7)}${phone.slice(-3)}` : '****');

function text(input: GuestInput, field: string, min: number, max: number, required = true): string | null {
  const v = (input[field] ?? '').trim();
  if (!v) {
    if (required) throw badRequest('validation.required', field);
    return null;
  }
  if (v.length < min) throw badRequest('validation.too_short', field, { min });
  if (v.length > max) throw badRequest('validation.too_long', field, { max });
  return v;
}

/** Digits as typed, spaces and dashes taken out: 8 to 15 digits, a leading + kept. */
function phoneOf(input: GuestInput): string | null {
  const raw = (input.phone ?? '').trim();
  if (!raw) return null;
  let plain = '';
  for (const ch of raw) if (!' -.()'.includes(ch)) plain += ch;
  const digits = plain.startsWith('+') ? plain.slice(1) : plain;
  if (digits.length < 8 || digits.length > 15 || ![...digits].every((ch) => ch >= '0' && ch <= '9')) throw badRequest('guestbook.phone', 'phone');
  return plain;
}

async function write(ctx: UseCaseContext, village: string, input: GuestInput, source: 'kiosk' | 'office') {
  const name = text(input, 'name', 2, 120)!;
  const comes_from = text(input, 'comes_from', 2, 200)!;
  const purpose = text(input, 'purpose', 3, 500)!;
  const met = input.met_user_id ? await officialOf(ctx.db.kysely, village, input.met_user_id, 'met_user_id') : null;
  const met_name = met ? null : text(input, 'met_name', 2, 120, false);
  const phone = phoneOf(input);
  const now = new Date();
  const day = wibDay(now);
  return writeWithAudit(ctx, async (trx, audit) => {
    await lockVillage(trx, village);
    const { id } = await trx.insertInto('guest_visits').values({
      village_code: village, name, comes_from, purpose, met_user_id: met?.id ?? null, met_name, phone, visited_at: now, day, source, recorded_by: userIdOf(ctx.actor),
    }).returning('id').executeTakeFirstOrThrow();
    await recountDay(trx, village, day);
    await audit({ action: 'guestbook.add', villageCode: village, subject: `guest:${id}`, detail: { source, phone: phone !== null } });
    return { id: Number(id) };
  });
}

/** An officer writes a guest in. */
export async function addGuest(ctx: UseCaseContext, villageInput: string, input: GuestInput) {
  const village = (await villageInScope(ctx, villageInput, 'guestbook.write')).village_code;
  return write(ctx, village, input, 'office');
}

/** A guest writes themselves in at the office's kiosk (the browser the secretary registered). */
export async function addGuestAtKiosk(ctx: UseCaseContext, villageInput: string, kioskKey: string | undefined, input: GuestInput) {
  const village = (await activeVillage(ctx, villageInput)).village_code;
  if (!(await isKiosk(ctx.db.kysely, village, kioskKey))) throw conflict('attendance.kiosk_unregistered');
  return write({ ...ctx, actor: null }, village, input, 'kiosk');
}

export interface GuestQuery { q?: string; dari?: string; sampai?: string; page?: string }
interface GuestRow { id: number; name: string; comes_from: string; purpose: string; met: string | null; phone: string | null; visited_at: Date; source: 'kiosk' | 'office' }

function filters(village: string, query: GuestQuery) {
  const q = (query.q ?? '').trim();
  if (q.length > 100) throw badRequest('validation.too_long', 'q', { max: 100 });
  const from = query.dari ? parseDay(query.dari, 'dari') : null;
  const to = query.sampai ? parseDay(query.sampai, 'sampai') : null;
  // Case and accents aside, as the stored column; % and _ typed by the user are letters, not wildcards.
  const pattern = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const where = sql`g.village_code = ${village}
    ${q ? sql`and g.search_text like balai_search_text(${pattern})` : sql``}
    ${from ? sql`and g.day >= ${from}::date` : sql``} ${to ? sql`and g.day <= ${to}::date` : sql``}`;
  return { q, from, to, where };
}

const select = (where: ReturnType<typeof sql>) => sql`
  select g.id, g.name, g.comes_from, g.purpose, coalesce(u.full_name, g.met_name) as met, g.phone, g.visited_at, g.source
  from guest_visits g left join users u on u.id = g.met_user_id where ${where}
  order by g.day desc, g.id desc`;

/** The guest book searched by name, origin or purpose within dates, newest first, a page at a time. */
export async function searchGuests(ctx: UseCaseContext, villageInput: string, query: GuestQuery) {
  const village = await villageInScope(ctx, villageInput, 'guestbook.write');
  const code = village.village_code;
  const page = query.page === undefined || query.page === '' ? 1 : Number(query.page);
  if (!Number.isSafeInteger(page) || page < 1) throw badRequest('validation.too_small', 'page', { min: 1 });
  if (page > 10_000) throw badRequest('validation.too_big', 'page', { max: 10_000 });
  const f = filters(code, query);
  const db = ctx.db.kysely;
  const [rows, total, officials] = await Promise.all([
    sql<GuestRow>`${select(f.where)} limit ${GUESTS_PER_PAGE} offset ${(page - 1) * GUESTS_PER_PAGE}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from guest_visits g where ${f.where}`.execute(db),
    officialsOf(db, code, ctx.lang),
  ]);
  const whole = can(ctx.actor, 'guestbook.read', code);
  await recordAudit(db, ctx, { action: 'guestbook.read', villageCode: code, subject: `village:${code}`, detail: { q: f.q || undefined, from: f.from, to: f.to, page, shown: rows.rows.length, phones: whole } });
  return {
    village, page, total: total.rows[0]?.n ?? 0, perPage: GUESTS_PER_PAGE, q: f.q, from: f.from, to: f.to, whole, officials,
    guests: rows.rows.map((g) => ({ ...g, id: Number(g.id), phone: g.phone === null ? null : whole ? g.phone : maskPhone(g.phone) })),
  };
}

/** The guests found, as a workbook: only for those who see phones whole; written to the audit log. */
export async function guestWorkbook(ctx: UseCaseContext, villageInput: string, query: GuestQuery, lang: Lang): Promise<{ bytes: Buffer; village: string }> {
  const village = await villageInScope(ctx, villageInput, 'guestbook.read');
  const code = village.village_code;
  if (!can(ctx.actor, 'guestbook.read', code)) throw forbidden();
  const f = filters(code, query);
  const rows = (await sql<GuestRow>`${select(f.where)} limit ${EXPORT_MAX}`.execute(ctx.db.kysely)).rows;
  const w = ATTENDANCE_TEXT[lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Balai';
  const ws = wb.addWorksheet(w.guestBook);
  ws.addRow([`${w.guestBook} · ${village.name}`]).font = { bold: true, size: 13 };
  ws.addRow([w.from, f.from ?? '', w.to, f.to ?? '', w.search, f.q]);
  ws.addRow([]);
  const head = ws.addRow([w.when, w.guestName, w.comesFrom, w.purpose, w.met, w.phone]);
  head.font = { bold: true };
  for (const g of rows) ws.addRow([formatDateTime(g.visited_at, lang), g.name, g.comes_from, g.purpose, g.met ?? '', g.phone ?? '']);
  for (const [i, width] of [22, 24, 28, 36, 24, 16].entries()) ws.getColumn(i + 1).width = width;
  ws.views = [{ state: 'frozen', ySplit: head.number }];
  await recordAudit(ctx.db.kysely, ctx, { action: 'guestbook.export', villageCode: code, subject: `village:${code}`, detail: { q: f.q || undefined, from: f.from, to: f.to, rows: rows.length } });
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), village: code };
}
