import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { ComplaintEventsTable, ComplaintsTable, ComplaintStatus, Database } from '../../platform/db/schema.js';

type Q = Kysely<Database> | Transaction<Database>;
export const PAGE_SIZE = 50;

export const nextNumber = async (trx: Transaction<Database>, village: string, year: number) =>
  Number((await trx.selectFrom('complaints').select(sql<string>`coalesce(max(number), 0) + 1`.as('n')).where('village_code', '=', village).where('year', '=', year).executeTakeFirstOrThrow()).n);

export const insertComplaint = (trx: Transaction<Database>, row: Insertable<ComplaintsTable>) =>
  trx.insertInto('complaints').values(row).returning(['id', 'number', 'tracking_code']).executeTakeFirstOrThrow();

export const insertEvent = (trx: Transaction<Database>, row: Insertable<ComplaintEventsTable>) => trx.insertInto('complaint_events').values(row).execute();

const listColumns = ['c.id', 'c.year', 'c.number', 'c.category', 'c.body', 'c.location', 'c.status', 'c.due_on', 'c.created_at', 'c.answered_at', 'c.source', 'c.public'] as const;

/** The village's complaints, the open ones first (the most overdue on top), a page at a time. */
export function listComplaints(db: Q, village: string, opts: { status?: ComplaintStatus | 'open'; page: number }) {
  let q = db.selectFrom('complaints as c').leftJoin('users as u', 'u.id', 'c.assigned_to')
    .select([...listColumns, 'u.full_name as assigned_name', 'c.reporter_name', 'c.resident_id'])
    .where('c.village_code', '=', village);
  if (opts.status === 'open') q = q.where('c.status', 'in', ['received', 'in_progress']);
  else if (opts.status) q = q.where('c.status', '=', opts.status);
  return q.orderBy(sql`c.status in ('answered', 'closed')`).orderBy('c.due_on').orderBy('c.id', 'desc').limit(PAGE_SIZE).offset((opts.page - 1) * PAGE_SIZE).execute();
}

export const findComplaint = (db: Q, village: string, id: number) =>
  db.selectFrom('complaints as c').leftJoin('users as u', 'u.id', 'c.assigned_to').leftJoin('residents as r', (j) => j.onRef('r.village_code', '=', 'c.village_code').onRef('r.id', '=', 'c.resident_id'))
    .selectAll('c').select(['u.full_name as assigned_name', 'r.name as resident_name', 'r.phone as resident_phone'])
    .where('c.village_code', '=', village).where('c.id', '=', id).executeTakeFirst();

export const lockComplaint = (trx: Transaction<Database>, village: string, id: number) =>
  trx.selectFrom('complaints').selectAll().where('village_code', '=', village).where('id', '=', id).forUpdate().executeTakeFirst();

export const byTracking = (db: Q, village: string, code: string) =>
  db.selectFrom('complaints').select(['id']).where('village_code', '=', village).where('tracking_code', '=', code).executeTakeFirst();

export const updateComplaint = (trx: Transaction<Database>, village: string, id: number, values: { status?: ComplaintStatus; assigned_to?: number; public?: boolean; answered_at?: Date; closed_at?: Date }) =>
  trx.updateTable('complaints').set(values).where('village_code', '=', village).where('id', '=', id).execute();

/** What happened, in order; `publicOnly` keeps to what the reporter reads (replies and status changes). */
export function eventsOf(db: Q, village: string, id: number, publicOnly: boolean) {
  let q = db.selectFrom('complaint_events as e').leftJoin('users as u', 'u.id', 'e.author_id').leftJoin('users as a', 'a.id', 'e.assigned_to')
    .select(['e.id', 'e.kind', 'e.body', 'e.status', 'e.created_at', 'e.resident_id', 'u.full_name as author_name', 'u.position_title as author_title', 'a.full_name as assigned_name'])
    .where('e.village_code', '=', village).where('e.complaint_id', '=', id);
  if (publicOnly) q = q.where('e.kind', 'in', ['reply', 'status']);
  return q.orderBy('e.id').execute();
}

/** A resident's own complaints, newest first. */
export const complaintsOf = (db: Q, village: string, residentId: number) =>
  db.selectFrom('complaints as c').select([...listColumns]).where('c.village_code', '=', village).where('c.resident_id', '=', residentId).orderBy('c.id', 'desc').limit(50).execute();

/** The public list: what was raised and answered, never who raised it. */
export const publicComplaints = (db: Q, village: string, page: number) =>
  db.selectFrom('complaints as c').select(['c.id', 'c.year', 'c.number', 'c.category', 'c.body', 'c.status', 'c.created_at', 'c.answered_at', 'c.due_on'])
    .where('c.village_code', '=', village).where('c.public', '=', true)
    .orderBy('c.id', 'desc').limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE).execute();

/** The last reply of each of these complaints (what the public list shows as the answer). */
export async function lastReplies(db: Q, village: string, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await sql<{ complaint_id: number; body: string }>`
    select distinct on (complaint_id) complaint_id, body from complaint_events
    where village_code = ${village} and complaint_id in (${sql.join(ids)}) and kind = 'reply' and author_id is not null
    order by complaint_id, id desc`.execute(db);
  return new Map(rows.rows.map((r) => [Number(r.complaint_id), r.body]));
}

export const countsOf = async (db: Q, village: string, today: string) =>
  (await sql<{ open: string; overdue: string; all: string }>`
    select count(*) filter (where status in ('received', 'in_progress')) as open,
           count(*) filter (where status in ('received', 'in_progress') and due_on < ${today}::date) as overdue,
           count(*) as all
    from complaints where village_code = ${village}`.execute(db)).rows[0]!;

/** Recounts the village's rollup rows from its complaints, in the writing transaction. */
export async function refreshRollup(trx: Transaction<Database>, village: string) {
  await trx.deleteFrom('monitoring_complaints').where('village_code', '=', village).execute();
  await sql`insert into monitoring_complaints (village_code, due_on, open)
    select village_code, due_on, count(*) from complaints where village_code = ${village} and status in ('received', 'in_progress') group by village_code, due_on`.execute(trx);
  await trx.deleteFrom('monitoring_complaints_monthly').where('village_code', '=', village).execute();
  await sql`insert into monitoring_complaints_monthly (village_code, month, received, answered)
    select village_code, date_trunc('month', created_at + interval '7 hours')::date, count(*), count(answered_at)
    from complaints where village_code = ${village} group by 1, 2`.execute(trx);
}
