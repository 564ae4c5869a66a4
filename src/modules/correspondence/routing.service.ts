import { sql } from 'kysely';
import { userIdOf } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { todayInWib } from '../../platform/format/format.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { clean, dateOf, text } from '../../platform/http/text-input.js';
import { enqueueNotification } from '../../platform/notify/index.js';
import { villageScope } from '../villages/index.js';
import { countMail } from './incoming.service.js';

/**
 * Routing an incoming letter (disposisi): the head or the secretary sends it to an official's
 * account with an instruction and, if it must be, a due date; the official sees it in their
 * queue and marks their part done with a note, once. The official is told by WhatsApp when the
 * account has a phone. Each step is counted for the dashboards (done after the due date apart).
 */
const VILLAGE_ROLES = ['village_head', 'village_secretary', 'village_treasurer', 'village_operator'] as const;

/** The village's active officials' accounts, to route to: name and position. */
export async function routeTargets(ctx: UseCaseContext, village: string) {
  const rows = await ctx.db.kysely.selectFrom('users').select(['id', 'full_name', 'position_title', 'role'])
    .where('region_code', '=', village).where('active', '=', true).where('role', 'in', [...VILLAGE_ROLES]).orderBy('full_name').execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export async function routeIncoming(ctx: UseCaseContext, villageInput: string, letterInput: string, input: { to_user?: string; instruction?: string; due_on?: string }, today = todayInWib()) {
  const village = await villageScope(ctx, villageInput, 'mail.route');
  const letterId = parseId(letterInput);
  if (letterId === null) throw notFound('mail.not_found');
  const to = parseId(input.to_user);
  const target = to === null ? undefined : (await routeTargets(ctx, village)).find((u) => u.id === to);
  if (!target) throw badRequest('mail.not_official', 'to_user');
  const instruction = text(input.instruction, 'instruction', 2, 500);
  const due = clean(input.due_on) === '' ? null : dateOf(input.due_on, 'due_on');
  if (due !== null && due < today) throw badRequest('mail.due_past', 'due_on');
  return writeWithAudit(ctx, async (trx, audit) => {
    const letter = await trx.selectFrom('incoming_letters').select(['id', 'agenda_no', 'year', 'subject', 'sender', 'voided_at'])
      .where('village_code', '=', village).where('id', '=', letterId).forUpdate().executeTakeFirst();
    if (!letter) throw notFound('mail.not_found');
    if (letter.voided_at) throw conflict('mail.voided', 'to_user');
    const { id } = await trx.insertInto('incoming_letter_routes').values({ village_code: village, letter_id: Number(letter.id), to_user: target.id, instruction, due_on: due, routed_by: userIdOf(ctx.actor)! })
      .returning('id').executeTakeFirstOrThrow();
    await countMail(trx, village, today, { routed: 1 });
    const phone = (await trx.selectFrom('users').select('phone').where('id', '=', target.id).executeTakeFirst())?.phone;
    if (phone) {
      await enqueueNotification(trx, { villageCode: village, channel: 'whatsapp', recipient: phone, subject: 'Disposisi surat masuk',
        body: `Disposisi surat masuk No. Agenda ${letter.agenda_no}/${letter.year} untuk Anda: "${instruction.slice(0, 200)}"${due ? ` (batas ${due})` : ''}. Buka Balai, menu Disposisi saya.`, subjectRef: `incoming_route:${id}` });
    }
    await audit({ action: 'mail.route', villageCode: village, subject: `incoming_letter:${letter.id}`, detail: { route: Number(id), to: target.id, due } });
    return { id: Number(id) };
  });
}

/** The routings to the official logged in: the hundred open ones due soonest, then the twenty last done. */
export async function myQueue(ctx: UseCaseContext, villageInput: string) {
  const village = await villageScope(ctx, villageInput, 'mail.queue');
  const me = userIdOf(ctx.actor)!;
  const base = () => ctx.db.kysely.selectFrom('incoming_letter_routes as r')
    .innerJoin('incoming_letters as l', (j) => j.onRef('l.village_code', '=', 'r.village_code').onRef('l.id', '=', 'r.letter_id'))
    .innerJoin('users as b', 'b.id', 'r.routed_by')
    .select(['r.id', 'r.letter_id', 'r.instruction', 'r.due_on', 'r.routed_at', 'r.done_at', 'r.done_note', 'l.agenda_no', 'l.year', 'l.sender', 'l.subject', 'l.nature', 'l.letter_no', 'b.full_name as by_name'])
    .where('r.village_code', '=', village).where('r.to_user', '=', me);
  const [open, done] = await Promise.all([
    base().where('r.done_at', 'is', null).orderBy(sql`r.due_on nulls last`).orderBy('r.id').limit(100).execute(),
    base().where('r.done_at', 'is not', null).orderBy('r.done_at', 'desc').limit(20).execute(),
  ]);
  const fix = <T extends { id: number; letter_id: number }>(rows: T[]) => rows.map((r) => ({ ...r, id: Number(r.id), letter_id: Number(r.letter_id) }));
  return { village, open: fix(open), done: fix(done), today: todayInWib() };
}

/** The official marks their routing done, with a note: once, and only their own. */
export async function markRouteDone(ctx: UseCaseContext, villageInput: string, routeInput: string, input: { done_note?: string }, today = todayInWib()) {
  const village = await villageScope(ctx, villageInput, 'mail.queue');
  const id = parseId(routeInput);
  if (id === null) throw notFound('mail.route_not_found');
  const note = text(input.done_note, 'done_note', 2, 1000);
  await writeWithAudit(ctx, async (trx, audit) => {
    const route = await trx.selectFrom('incoming_letter_routes').select(['id', 'letter_id', 'to_user', 'due_on', 'done_at', 'routed_by'])
      .where('village_code', '=', village).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!route || Number(route.to_user) !== userIdOf(ctx.actor)) throw notFound('mail.route_not_found');
    if (route.done_at) throw conflict('mail.route_done', 'done_note');
    await trx.updateTable('incoming_letter_routes').set({ done_at: new Date(), done_note: note }).where('village_code', '=', village).where('id', '=', id).execute();
    const late = route.due_on !== null && today > route.due_on;
    await countMail(trx, village, today, { done: 1, done_late: late ? 1 : 0 });
    await audit({ action: 'mail.route_done', villageCode: village, subject: `incoming_letter:${route.letter_id}`, detail: { route: Number(route.id), late } });
  });
}
