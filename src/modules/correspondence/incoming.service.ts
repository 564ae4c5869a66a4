import { sql, type Transaction } from 'kysely';
import { userIdOf } from '../../platform/access/access.js';
import { recordAudit, writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database, IncomingLetterNature } from '../../platform/db/schema.js';
import { containsPattern, pageOf } from '../../platform/db/search-pattern.js';
import { todayInWib } from '../../platform/format/format.js';
import { yearOrThisYear } from '../../platform/format/period.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { clean, dateOf, paragraphs, text } from '../../platform/http/text-input.js';
import { takeNextNumber } from '../letters/letters.repository.js';
import { villageScope } from '../villages/index.js';
import { checkScan } from './scan.js';

/**
 * Incoming letters (surat masuk): registered as they arrive under the year's next agenda number
 * (taken from a locked counter, so numbers are unique, in order and without gaps), with the
 * scan; voided with a reason when registered by mistake, never deleted. Every read of a letter
 * or its scan is logged: a letter may carry personal data (a request, a complaint, a summons).
 */
type Trx = Transaction<Database>;
export const NATURES: readonly IncomingLetterNature[] = ['biasa', 'penting', 'segera', 'rahasia'];
const PAGE = 50;

export interface IncomingInput { received_on?: string; sender?: string; letter_no?: string; letter_date?: string; subject?: string; nature?: string; summary?: string }

/** The month's row of the rollup the dashboards read, changed in the transaction of each step. */
export async function countMail(trx: Trx, village: string, day: string, change: { received?: number; routed?: number; done?: number; done_late?: number }) {
  const month = `${day.slice(0, 7)}-01`;
  const [received, routed, done, late] = [change.received ?? 0, change.routed ?? 0, change.done ?? 0, change.done_late ?? 0];
  await sql`insert into monitoring_mail (village_code, month, received, routed, done, done_late) values (${village}, ${month}::date, ${received}, ${routed}, ${done}, ${late})
    on conflict (village_code, month) do update set received = monitoring_mail.received + excluded.received, routed = monitoring_mail.routed + excluded.routed,
      done = monitoring_mail.done + excluded.done, done_late = monitoring_mail.done_late + excluded.done_late`.execute(trx);
}

/** Registers an incoming letter, with its scan when one came; it gets the year's next agenda number. */
export async function registerIncoming(ctx: UseCaseContext, villageInput: string, input: IncomingInput, file: Uint8Array | null, today = todayInWib()) {
  const village = await villageScope(ctx, villageInput, 'mail.write');
  const receivedOn = dateOf(input.received_on || today, 'received_on');
  if (receivedOn > today) throw badRequest('mail.received_future', 'received_on');
  const letterDate = dateOf(input.letter_date, 'letter_date');
  if (letterDate > receivedOn) throw badRequest('mail.letter_after_received', 'letter_date');
  const values = {
    sender: text(input.sender, 'sender', 2, 200), letter_no: text(input.letter_no, 'letter_no', 1, 100), subject: text(input.subject, 'subject', 3, 300),
    nature: NATURES.find((n) => n === clean(input.nature)) ?? null, summary: paragraphs(input.summary, 'summary', 2000) ?? '',
  };
  if (!values.nature) throw badRequest('validation.choice', 'nature');
  const scan = file && file.length > 0 ? await checkScan(file) : null;
  const year = Number(receivedOn.slice(0, 4));
  return writeWithAudit(ctx, async (trx, audit) => {
    const agendaNo = await takeNextNumber(trx, village, `surat-masuk:${year}`);
    const { id } = await trx.insertInto('incoming_letters').values({
      village_code: village, year, agenda_no: agendaNo, received_on: receivedOn, letter_date: letterDate, ...values, nature: values.nature!,
      scan: scan?.bytes ?? null, scan_type: scan?.type ?? null, registered_by: userIdOf(ctx.actor)!,
    }).returning('id').executeTakeFirstOrThrow();
    await countMail(trx, village, receivedOn, { received: 1 });
    await audit({ action: 'mail.register', villageCode: village, subject: `incoming_letter:${id}`, detail: { agenda: `${agendaNo}/${year}`, scan: scan ? scan.bytes.length : 0 } });
    return { id: Number(id), agendaNo, year };
  });
}

export interface IncomingFilter { tahun?: string; q?: string; status?: string; page?: string }

/** The register of incoming letters of a year, newest first, searched by sender, subject or number; fifty a page. */
export async function listIncoming(ctx: UseCaseContext, villageInput: string, f: IncomingFilter) {
  const village = await villageScope(ctx, villageInput, 'mail.read');
  const year = yearOrThisYear(f.tahun);
  const page = pageOf(f.page);
  const q = clean(f.q).slice(0, 60);
  const status = ['terbuka', 'selesai', 'batal'].includes(f.status ?? '') ? f.status! : '';
  const filters = [sql`l.village_code = ${village}`, sql`l.year = ${year}`];
  if (q) filters.push(sql`l.search_text like ${containsPattern(q)}`);
  const open = sql`exists (select 1 from incoming_letter_routes r where r.village_code = l.village_code and r.letter_id = l.id and r.done_at is null)`;
  if (status === 'batal') filters.push(sql`l.voided_at is not null`);
  if (status === 'terbuka') filters.push(sql`l.voided_at is null and ${open}`);
  if (status === 'selesai') filters.push(sql`l.voided_at is null and not ${open}`);
  // The page is chosen first; its fifty rows then count their routings (not every row of the year).
  const r = await sql<IncomingRow>`
    select p.*,
      (select count(*)::int from incoming_letter_routes r where r.village_code = ${village} and r.letter_id = p.id) as routes,
      (select count(*)::int from incoming_letter_routes r where r.village_code = ${village} and r.letter_id = p.id and r.done_at is null) as open_routes
    from (
      select l.id, l.year, l.agenda_no, l.received_on::text as received_on, l.sender, l.letter_no, l.letter_date::text as letter_date, l.subject, l.nature, l.scan_type, l.voided_at,
        count(*) over ()::int as total
      from incoming_letters l where ${sql.join(filters, sql` and `)}
      order by l.agenda_no desc limit ${PAGE} offset ${(page - 1) * PAGE}
    ) p order by p.agenda_no desc`.execute(ctx.db.kysely);
  await recordAudit(ctx.db.kysely, ctx, { action: 'mail.list', villageCode: village, subject: `village:${village}`, detail: { year, rows: r.rows.length } });
  const rows = r.rows.map((x) => ({ ...x, id: Number(x.id) }));
  return { village, year, q, status, page, total: rows[0]?.total ?? 0, pages: Math.max(1, Math.ceil((rows[0]?.total ?? 0) / PAGE)), rows };
}
export interface IncomingRow {
  id: number; year: number; agenda_no: number; received_on: string; sender: string; letter_no: string; letter_date: string; subject: string; nature: IncomingLetterNature;
  scan_type: string | null; voided_at: Date | null; routes: number; open_routes: number; total: number;
}

/** One letter, whole: its routings with who routed, to whom, and what came of it. The read is logged. */
export async function incomingLetter(ctx: UseCaseContext, villageInput: string, idInput: string, permission: 'mail.read' | 'mail.queue' = 'mail.read') {
  const village = await villageScope(ctx, villageInput, permission);
  const id = parseId(idInput);
  const letter = id === null ? undefined : await ctx.db.kysely.selectFrom('incoming_letters as l')
    .innerJoin('users as u', 'u.id', 'l.registered_by')
    .select(['l.id', 'l.year', 'l.agenda_no', 'l.received_on', 'l.sender', 'l.letter_no', 'l.letter_date', 'l.subject', 'l.nature', 'l.summary', 'l.scan_type',
      'l.registered_at', 'l.voided_at', 'l.void_reason', 'u.full_name as registered_by_name'])
    .where('l.village_code', '=', village).where('l.id', '=', id).executeTakeFirst();
  if (!letter) throw notFound('mail.not_found');
  const routes = await routesOf(ctx, village, Number(letter.id));
  // Someone who only works their queue sees a letter routed to them, nothing else.
  const me = userIdOf(ctx.actor);
  if (permission === 'mail.queue' && !routes.some((r) => r.to_user === me)) throw notFound('mail.not_found');
  await recordAudit(ctx.db.kysely, ctx, { action: 'mail.read', villageCode: village, subject: `incoming_letter:${letter.id}` });
  return { village, letter: { ...letter, id: Number(letter.id) }, routes };
}

async function routesOf(ctx: UseCaseContext, village: string, letterId: number) {
  const rows = await ctx.db.kysely.selectFrom('incoming_letter_routes as r')
    .innerJoin('users as t', 't.id', 'r.to_user').innerJoin('users as b', 'b.id', 'r.routed_by')
    .select(['r.id', 'r.to_user', 'r.instruction', 'r.due_on', 'r.routed_at', 'r.done_at', 'r.done_note', 't.full_name as to_name', 't.position_title as to_position', 'b.full_name as by_name'])
    .where('r.village_code', '=', village).where('r.letter_id', '=', letterId).orderBy('r.id').execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), to_user: Number(r.to_user) }));
}

/** The scan, for whoever may open the letter; the read is logged. */
export async function incomingScan(ctx: UseCaseContext, villageInput: string, idInput: string, permission: 'mail.read' | 'mail.queue' = 'mail.read') {
  const { village, letter } = await incomingLetter(ctx, villageInput, idInput, permission);
  const row = await ctx.db.kysely.selectFrom('incoming_letters').select(['scan', 'scan_type']).where('village_code', '=', village).where('id', '=', letter.id).executeTakeFirstOrThrow();
  if (!row.scan || !row.scan_type) throw notFound('mail.no_scan');
  await recordAudit(ctx.db.kysely, ctx, { action: 'mail.scan_read', villageCode: village, subject: `incoming_letter:${letter.id}` });
  return { bytes: row.scan, type: row.scan_type, name: `surat-masuk-${letter.agenda_no}-${letter.year}.${row.scan_type === 'application/pdf' ? 'pdf' : 'jpg'}` };
}

/** A letter registered by mistake is voided with its reason: it keeps its agenda number, and its open routings end. */
export async function voidIncoming(ctx: UseCaseContext, villageInput: string, idInput: string, input: { void_reason?: string }) {
  const village = await villageScope(ctx, villageInput, 'mail.write');
  const id = parseId(idInput);
  if (id === null) throw notFound('mail.not_found');
  const reason = text(input.void_reason, 'void_reason', 5, 500);
  await writeWithAudit(ctx, async (trx, audit) => {
    const letter = await trx.selectFrom('incoming_letters').select(['id', 'voided_at', 'received_on']).where('village_code', '=', village).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!letter) throw notFound('mail.not_found');
    if (letter.voided_at) throw conflict('mail.voided', 'void_reason');
    await trx.updateTable('incoming_letters').set({ voided_at: new Date(), voided_by: userIdOf(ctx.actor), void_reason: reason }).where('village_code', '=', village).where('id', '=', id).execute();
    await countMail(trx, village, letter.received_on, { received: -1 });
    await audit({ action: 'mail.void', villageCode: village, subject: `incoming_letter:${id}` });
  });
}
