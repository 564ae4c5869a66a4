import { randomInt } from 'node:crypto';
import { can, userIdOf } from '../../platform/access/access.js';
import { ROLE_PERMISSIONS } from '../../platform/access/permissions.js';
import type { Role } from '../../platform/access/roles.js';
import { reserveAttempt } from '../../platform/attempts.js';
import { recordAudit, writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { ComplaintStatus } from '../../platform/db/schema.js';
import { violatedUniqueIndex } from '../../platform/db/unique-violation.js';
import { AppError, badRequest, conflict, notFound, tooManyRequests } from '../../platform/http/errors.js';
import { clean, paragraphs } from '../../platform/http/text-input.js';
import { webPhoto } from '../../platform/images/web-photo.js';
import { citizenOf } from '../citizen/index.js';
import { activeVillage, villageInScope } from '../villages/index.js';
import { categoryOf, dueOn } from './categories.js';
import * as repo from './complaints.repository.js';
import { answered } from './human-check.js';
import { announceReply } from './reply-notice.js';

/**
 * Complaints and aspirations: sent by a citizen from self-service, by anyone from the village's
 * public form, or typed by an officer for someone at the counter; answered by the village's
 * officers, with a time target per category. The reporter's name and phone are for the
 * officers only (their read is logged); the public list shows what was raised and answered.
 */

/** The public form, per address and per phone number in an hour: enough for a family sharing a phone, not for a flood. */
export const PUBLIC_LIMIT = { perAddress: 10, perPhone: 3, windowSeconds: 3600 } as const;
const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
const TRACKING_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export interface ComplaintInput { category?: string; complaint?: string; location?: string; latitude?: string; longitude?: string }

async function checked(input: ComplaintInput, photo: Uint8Array | null) {
  const category = categoryOf(clean(input.category));
  if (!category) throw badRequest('validation.choice', 'category');
  // Its lines kept: a complaint may list several things.
  const body = paragraphs(input.complaint, 'complaint', 2000) ?? '';
  if (body.length === 0) throw badRequest('validation.required', 'complaint');
  if (body.length < 10) throw badRequest('validation.too_short', 'complaint', { min: 10 });
  const location = clean(input.location) || null;
  if (location && location.length > 160) throw badRequest('validation.too_long', 'location', { max: 160 });
  const coord = (v: string | undefined, field: string, max: number) => {
    const s = clean(v);
    if (s === '') return null;
    if (!/^-?\d{1,3}(\.\d{1,6})?$/.test(s) || Math.abs(Number(s)) > max) throw badRequest('complaints.coordinate', field);
    return s;
  };
  const latitude = coord(input.latitude, 'latitude', 90);
  const longitude = coord(input.longitude, 'longitude', 180);
  if ((latitude === null) !== (longitude === null)) throw badRequest('complaints.coordinate', latitude === null ? 'latitude' : 'longitude');
  let bytes: Uint8Array | null = null;
  if (photo && photo.length > 0) {
    if (photo.length > PHOTO_MAX_BYTES) throw new AppError(413, 'file_too_large', 'projects.photo_size', { limit: '8 MB' }, 'photo');
    // Made small, and its location (EXIF) dropped: the typed location is what the reporter chose to give.
    const out = await webPhoto(photo, false);
    if (out === 'not_a_photo') throw new AppError(415, 'unsupported_file', 'projects.photo_type', {}, 'photo');
    if (out === 'too_large') throw new AppError(413, 'file_too_large', 'projects.photo_pixels', {}, 'photo');
    bytes = out.bytes;
  }
  return { category, body, location, latitude, longitude, photo: bytes };
}

const trackingCode = () => Array.from({ length: 10 }, () => TRACKING_ALPHABET[randomInt(TRACKING_ALPHABET.length)]).join('');

async function file(ctx: UseCaseContext, village: string, c: Awaited<ReturnType<typeof checked>>, from: { source: 'citizen' | 'kiosk' | 'public' | 'officer'; resident_id?: number; reporter_name?: string | null; reporter_phone?: string | null }, today: string) {
  const year = Number(today.slice(0, 4));
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeWithAudit(ctx, async (trx, audit) => {
        const number = await repo.nextNumber(trx, village, year);
        const row = await repo.insertComplaint(trx, {
          village_code: village, year, number, tracking_code: trackingCode(), category: c.category.key, body: c.body, location: c.location,
          latitude: c.latitude, longitude: c.longitude, photo: c.photo, source: from.source, resident_id: from.resident_id ?? null,
          reporter_name: from.reporter_name ?? null, reporter_phone: from.reporter_phone ?? null, due_on: dueOn(today, c.category.days),
        });
        await repo.refreshRollup(trx, village);
        await audit({ action: 'complaint.create', villageCode: village, subject: `complaint:${row.id}`, detail: { source: from.source, category: c.category.key, number } });
        return { id: row.id, number, year, trackingCode: row.tracking_code };
      });
    } catch (err) {
      // Two complaints at the same moment took the same number: the second takes the next.
      if (violatedUniqueIndex(err) === 'complaints_number' && attempt < 3) continue;
      throw err;
    }
  }
}

/** A citizen, logged in with NIK and PIN (on their phone, or at the village hall's kiosk), in their own name and village. */
export async function complainAsCitizen(ctx: UseCaseContext, input: ComplaintInput, photo: Uint8Array | null, today: string, source: 'citizen' | 'kiosk' = 'citizen') {
  const { village, residentId } = citizenOf(ctx, 'self.complaints');
  return file(ctx, village, await checked(input, photo), { source, resident_id: residentId }, today);
}

export interface PublicInput extends ComplaintInput { name?: string; phone?: string; website?: string; question?: string; sum?: string }

/**
 * Anyone, from the village's public page: a name and phone are optional (to be answered by
 * phone); a hidden field a person never fills, a small sum, and limits per address and per
 * phone keep bots out without locking people out (the limit ends with the hour).
 */
export async function complainInPublic(ctx: UseCaseContext, villageInput: string, input: PublicInput, photo: Uint8Array | null, today: string) {
  const village = (await activeVillage(ctx, villageInput)).village_code;
  if (clean(input.website) !== '') throw badRequest('complaints.not_sent');
  if (!(await answered(ctx.db.kysely, input.question, input.sum))) throw badRequest('complaints.question', 'sum');
  const name = clean(input.name) || null;
  if (name && name.length > 120) throw badRequest('validation.too_long', 'name', { max: 120 });
  const phone = clean(input.phone).replace(/[\s-]/g, '') || null;
  if (phone && !/^\+?\d{8,15}$/.test(phone)) throw badRequest('complaints.phone', 'phone');
  const c = await checked(input, photo);
  const counts = await reserveAttempt(ctx.db.kysely, 'complaint', phone ? `p:${phone}` : '', ctx.ip, PUBLIC_LIMIT.windowSeconds);
  if (counts.ip > PUBLIC_LIMIT.perAddress || counts.account > PUBLIC_LIMIT.perPhone) throw tooManyRequests('complaints.too_many', { minutes: 60 });
  return file(ctx, village, c, { source: 'public', reporter_name: name, reporter_phone: phone }, today);
}

/** The village accounts that may answer a complaint: it is passed on to one of them only. */
const COMPLAINT_DESK_ROLES = (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => ROLE_PERMISSIONS[r].has('complaints.handle') && r.startsWith('village_'));

const STATUSES: (ComplaintStatus | 'open')[] = ['open', 'received', 'in_progress', 'answered', 'closed'];

export async function complaintList(ctx: UseCaseContext, villageInput: string, statusInput: string | undefined, pageInput: string | undefined, today: string) {
  const village = await villageInScope(ctx, villageInput, 'complaints.read');
  const status = STATUSES.find((s) => s === statusInput);
  const page = /^\d{1,5}$/.test(pageInput ?? '') && Number(pageInput) > 0 ? Number(pageInput) : 1;
  const [rows, counts] = await Promise.all([repo.listComplaints(ctx.db.kysely, village.village_code, { status, page }), repo.countsOf(ctx.db.kysely, village.village_code, today)]);
  // The list shows what was raised, not who raised it: names are on each complaint's page, read and logged there.
  return { village, status: status ?? null, page, pageSize: repo.PAGE_SIZE, counts: { open: Number(counts.open), overdue: Number(counts.overdue), all: Number(counts.all) }, rows: rows.map(({ reporter_name: _n, resident_id: _r, ...r }) => r) };
}

/** One complaint with who sent it and everything that happened; the read of the reporter is logged. */
export async function complaintDetail(ctx: UseCaseContext, villageInput: string, id: number) {
  const village = await villageInScope(ctx, villageInput, 'complaints.read');
  const code = village.village_code;
  const complaint = await repo.findComplaint(ctx.db.kysely, code, id);
  if (!complaint) throw notFound('complaints.not_found');
  const [events, officers] = await Promise.all([
    repo.eventsOf(ctx.db.kysely, code, id, false),
    ctx.db.kysely.selectFrom('users').select(['id', 'full_name', 'position_title']).where('region_code', '=', code).where('role', 'in', COMPLAINT_DESK_ROLES).where('active', '=', true).orderBy('full_name').execute(),
  ]);
  await recordAudit(ctx.db.kysely, ctx, { action: 'complaint.read', villageCode: code, subject: `complaint:${id}`, detail: complaint.resident_id ? { residents: [complaint.resident_id] } : {} });
  const { photo, tracking_code: _t, ...rest } = complaint;
  return { village, complaint: { ...rest, hasPhoto: photo !== null }, events, officers, canHandle: can(ctx.actor, 'complaints.handle', code) };
}

export type HandleInput = { action?: string; message?: string; assigned_to?: string; status?: string };

/**
 * An officer's step on a complaint: a reply the reporter reads (the complaint is then
 * answered), an internal note, a routing to another officer, closing it, or keeping it off
 * (or putting it back on) the public list. Each is a new event; none changes another.
 */
export async function handleComplaint(ctx: UseCaseContext, villageInput: string, id: number, input: HandleInput) {
  const village = (await villageInScope(ctx, villageInput, 'complaints.handle')).village_code;
  const me = userIdOf(ctx.actor)!;
  const action = clean(input.action);
  return writeWithAudit(ctx, async (trx, audit) => {
    const c = await repo.lockComplaint(trx, village, id);
    if (!c) throw notFound('complaints.not_found');
    const now = new Date();
    if (action === 'reply' || action === 'note') {
      if (c.status === 'closed') throw conflict('complaints.closed');
      const body = paragraphs(input.message, 'message', 2000);
      if (!body) throw badRequest('validation.required', 'message');
      await repo.insertEvent(trx, { village_code: village, complaint_id: id, kind: action, body, author_id: me });
      if (action === 'reply') {
        await repo.updateComplaint(trx, village, id, { status: 'answered', ...(c.answered_at ? {} : { answered_at: now }) });
        await announceReply(trx, village, { ...c, id: Number(c.id) }, body);
      }
      else if (c.status === 'received') await repo.updateComplaint(trx, village, id, { status: 'in_progress' });
    } else if (action === 'assign') {
      if (c.status === 'closed') throw conflict('complaints.closed');
      const to = Number(input.assigned_to);
      const officer = await trx.selectFrom('users').select('id').where('id', '=', Number.isSafeInteger(to) ? to : 0).where('region_code', '=', village).where('role', 'in', COMPLAINT_DESK_ROLES).where('active', '=', true).executeTakeFirst();
      if (!officer) throw badRequest('validation.choice', 'assigned_to');
      await repo.insertEvent(trx, { village_code: village, complaint_id: id, kind: 'assign', assigned_to: to, author_id: me });
      await repo.updateComplaint(trx, village, id, { assigned_to: to, ...(c.status === 'received' ? { status: 'in_progress' as const } : {}) });
    } else if (action === 'close') {
      if (c.status === 'closed') throw conflict('complaints.closed');
      if (c.status !== 'answered') throw badRequest('complaints.close_unanswered');
      await repo.insertEvent(trx, { village_code: village, complaint_id: id, kind: 'status', status: 'closed', author_id: me });
      await repo.updateComplaint(trx, village, id, { status: 'closed', closed_at: now });
    } else if (action === 'hide' || action === 'show') {
      await repo.updateComplaint(trx, village, id, { public: action === 'show' });
    } else {
      throw badRequest('validation.choice', 'action');
    }
    await repo.refreshRollup(trx, village);
    await audit({ action: `complaint.${action}`, villageCode: village, subject: `complaint:${id}`, detail: action === 'assign' ? { to: Number(input.assigned_to) } : {} });
  });
}

export async function complaintPhoto(ctx: UseCaseContext, villageInput: string, id: number) {
  const village = (await villageInScope(ctx, villageInput, 'complaints.read')).village_code;
  const row = await ctx.db.kysely.selectFrom('complaints').select('photo').where('village_code', '=', village).where('id', '=', id).executeTakeFirst();
  if (!row?.photo) throw notFound('complaints.not_found');
  return row.photo;
}

/** A citizen's own complaints, and one of them with the replies (not the officers' internal notes). */
export async function myComplaints(ctx: UseCaseContext) {
  const { village, residentId } = citizenOf(ctx, 'self.complaints');
  return { village, rows: await repo.complaintsOf(ctx.db.kysely, village, residentId) };
}

export async function myComplaint(ctx: UseCaseContext, id: number) {
  const { village, residentId } = citizenOf(ctx, 'self.complaints');
  const c = await repo.findComplaint(ctx.db.kysely, village, id);
  if (!c || c.resident_id !== residentId) throw notFound('complaints.not_found');
  // The sender sees what they sent: the location they typed and their photo (the public list shows neither).
  return {
    complaint: { id: c.id, year: c.year, number: c.number, category: c.category, body: c.body, status: c.status, due_on: c.due_on, created_at: c.created_at },
    own: { location: c.location, hasPhoto: c.photo !== null },
    events: await repo.eventsOf(ctx.db.kysely, village, id, true),
  };
}

/** The photo a citizen attached to their own complaint. */
export async function myComplaintPhoto(ctx: UseCaseContext, id: number) {
  const { village, residentId } = citizenOf(ctx, 'self.complaints');
  const row = await ctx.db.kysely.selectFrom('complaints').select('photo').where('village_code', '=', village).where('id', '=', id).where('resident_id', '=', residentId).executeTakeFirst();
  if (!row?.photo) throw notFound('complaints.not_found');
  return row.photo;
}

/** Followed with the code given when it was sent (the public form): status and replies, nothing about who sent it. */
export async function trackComplaint(ctx: UseCaseContext, villageInput: string, codeInput: string | undefined) {
  const village = (await activeVillage(ctx, villageInput)).village_code;
  const code = clean(codeInput).toUpperCase();
  if (!/^[A-Z0-9]{10}$/.test(code)) throw badRequest('complaints.tracking', 'tracking');
  const found = await repo.byTracking(ctx.db.kysely, village, code);
  if (!found) throw notFound('complaints.not_found');
  const c = (await repo.findComplaint(ctx.db.kysely, village, found.id))!;
  return { complaint: { id: c.id, year: c.year, number: c.number, category: c.category, body: c.body, status: c.status, due_on: c.due_on, created_at: c.created_at }, events: await repo.eventsOf(ctx.db.kysely, village, found.id, true) };
}

/** The village's public list: category, what was raised, its status and the village's answer — no name, phone, photo or place. */
export async function publicComplaintList(ctx: UseCaseContext, villageInput: string, pageInput: string | undefined) {
  const village = await activeVillage(ctx, villageInput);
  const page = /^\d{1,5}$/.test(pageInput ?? '') && Number(pageInput) > 0 ? Number(pageInput) : 1;
  const rows = await repo.publicComplaints(ctx.db.kysely, village.village_code, page);
  const answers = await repo.lastReplies(ctx.db.kysely, village.village_code, rows.map((r) => r.id));
  return { village, page, pageSize: repo.PAGE_SIZE, rows: rows.map((r) => ({ ...r, answer: answers.get(r.id) ?? null })) };
}
