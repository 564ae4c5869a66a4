import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { Database, MeetingsTable, PlanProposalsTable } from '../../platform/db/schema.js';

type Q = Kysely<Database> | Transaction<Database>;

const PROPOSAL_COLUMNS = [
  'p.id', 'p.year', 'p.source', 'p.proposer', 'p.resident_id', 'p.field_code', 'p.description', 'p.location', 'p.beneficiaries', 'p.cost',
  'p.created_at', 'p.withdrawn_at', 'p.withdrawn_reason',
] as const;

/** A proposal's rank in the latest closed Musdes that scored it (null: not ranked, or none closed yet). */
const musdesRank = sql<number | null>`(
  select s.rank from meeting_scores s join meetings m on m.village_code = s.village_code and m.id = s.meeting_id
  where s.village_code = p.village_code and s.proposal_id = p.id and m.kind = 'musdes' and m.status = 'closed'
  order by m.closed_at desc limit 1)`.as('rank');

/**
 * Proposals of a year, each with its rank in the latest closed village meeting (Musdes) of
 * that year that scored it: null when it was not ranked, or no Musdes has closed yet. The
 * ranks come from one query over the year's closed meetings, not one a proposal.
 */
export async function proposalsOfYear(db: Q, village: string, year: number) {
  const [rows, ranks] = await Promise.all([
    db.selectFrom('plan_proposals as p').select(PROPOSAL_COLUMNS).where('p.village_code', '=', village).where('p.year', '=', year).orderBy('p.id').execute(),
    db
      .selectFrom('meeting_scores as s')
      .innerJoin('meetings as m', (j) => j.onRef('m.village_code', '=', 's.village_code').onRef('m.id', '=', 's.meeting_id'))
      .select(['s.proposal_id', 's.rank'])
      .where('s.village_code', '=', village)
      .where('m.year', '=', year)
      .where('m.kind', '=', 'musdes')
      .where('m.status', '=', 'closed')
      .orderBy('m.closed_at')
      .execute(),
  ]);
  // Later meetings overwrite earlier ones.
  const rank = new Map<number, number | null>();
  for (const r of ranks) rank.set(r.proposal_id, r.rank);
  return rows.map((p) => ({ ...p, rank: rank.get(p.id) ?? null }));
}

/** A citizen's own proposals, newest first, with the same rank. */
export const proposalsOfResident = (db: Q, village: string, residentId: number) =>
  db
    .selectFrom('plan_proposals as p')
    .select(PROPOSAL_COLUMNS)
    .select(musdesRank)
    .select(sql<boolean>`exists (select 1 from meetings m where m.village_code = p.village_code and m.year = p.year and m.kind = 'musdes' and m.status = 'closed')`.as('decided'))
    .where('p.village_code', '=', village)
    .where('p.resident_id', '=', residentId)
    .orderBy('p.id', 'desc')
    .execute();

export const insertProposal = (db: Q, row: Insertable<PlanProposalsTable>) => db.insertInto('plan_proposals').values(row).returning(['id']).executeTakeFirstOrThrow();

export const findProposal = (db: Q, village: string, id: number) =>
  db.selectFrom('plan_proposals').selectAll().where('village_code', '=', village).where('id', '=', id).executeTakeFirst();

export const withdrawProposal = (db: Q, village: string, id: number, by: number, reason: string) =>
  db.updateTable('plan_proposals').set({ withdrawn_by: by, withdrawn_at: new Date(), withdrawn_reason: reason })
    .where('village_code', '=', village).where('id', '=', id).where('withdrawn_at', 'is', null).executeTakeFirst();

/** Citizens' proposals of a day, for the per-citizen daily limit (counted inside the writing transaction). */
export async function residentProposalsSince(trx: Transaction<Database>, village: string, residentId: number, since: Date): Promise<number> {
  const r = await trx.selectFrom('plan_proposals').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('village_code', '=', village).where('resident_id', '=', residentId).where('created_at', '>=', since).executeTakeFirstOrThrow();
  return Number(r.n);
}

export const listMeetings = (db: Q, village: string) =>
  db
    .selectFrom('meetings as m')
    .select(['m.id', 'm.kind', 'm.year', 'm.title', 'm.held_on', 'm.place', 'm.status', 'm.closed_at'])
    .select(sql<number>`(select count(*)::int from meeting_attendees a where a.village_code = m.village_code and a.meeting_id = m.id)`.as('attendees'))
    .where('m.village_code', '=', village)
    .orderBy('m.held_on', 'desc')
    .orderBy('m.id', 'desc')
    .execute();

export const findMeeting = (db: Q, village: string, id: number) =>
  db
    .selectFrom('meetings as m')
    .leftJoin('users as u', 'u.id', 'm.closed_by')
    .selectAll('m')
    .select('u.full_name as closed_by_name')
    .where('m.village_code', '=', village)
    .where('m.id', '=', id)
    .executeTakeFirst();

export const lockMeeting = (trx: Transaction<Database>, village: string, id: number) =>
  trx.selectFrom('meetings').selectAll().where('village_code', '=', village).where('id', '=', id).forUpdate().executeTakeFirst();

export const insertMeeting = (db: Q, row: Insertable<MeetingsTable>) => db.insertInto('meetings').values(row).returning(['id']).executeTakeFirstOrThrow();

export const setMinutes = (db: Q, village: string, id: number, minutes: string | null, agenda: string | null) =>
  db.updateTable('meetings').set({ minutes, agenda }).where('village_code', '=', village).where('id', '=', id).execute();

export const closeMeeting = (db: Q, village: string, id: number, by: number) =>
  db.updateTable('meetings').set({ status: 'closed', closed_by: by, closed_at: new Date() }).where('village_code', '=', village).where('id', '=', id).execute();

/** The attendance list in the order it was taken, with each person's name and NIK from the register. */
export const attendees = (db: Q, village: string, meetingId: number) =>
  db
    .selectFrom('meeting_attendees as a')
    .innerJoin('residents as r', (j) => j.onRef('r.village_code', '=', 'a.village_code').onRef('r.id', '=', 'a.resident_id'))
    .select(['a.id', 'a.resident_id', 'a.role', 'r.name', 'r.nik', 'r.sex'])
    .where('a.village_code', '=', village)
    .where('a.meeting_id', '=', meetingId)
    .orderBy('a.id')
    .execute();

/** Living residents of the village with these NIKs (one row per NIK: the living one). */
export const residentsByNik = (db: Q, village: string, niks: string[]) =>
  db
    .selectFrom('residents')
    .select(['id', 'nik', 'name'])
    .where('village_code', '=', village)
    .where('nik', 'in', niks)
    .where('life_status', '=', 1)
    .execute();

export const insertAttendees = (db: Q, rows: { village_code: string; meeting_id: number; resident_id: number; role: string; added_by: number }[]) =>
  db.insertInto('meeting_attendees').values(rows).onConflict((oc) => oc.columns(['village_code', 'meeting_id', 'resident_id']).doNothing()).returning(['id']).execute();

export const deleteAttendee = (db: Q, village: string, meetingId: number, id: number) =>
  db.deleteFrom('meeting_attendees').where('village_code', '=', village).where('meeting_id', '=', meetingId).where('id', '=', id).returning(['resident_id']).executeTakeFirst();

export const scoresOf = (db: Q, village: string, meetingId: number) =>
  db.selectFrom('meeting_scores').select(['proposal_id', 'score', 'rank']).where('village_code', '=', village).where('meeting_id', '=', meetingId).execute();

export async function saveScores(trx: Transaction<Database>, village: string, meetingId: number, scores: Map<number, number>) {
  if (scores.size === 0) return;
  await trx
    .insertInto('meeting_scores')
    .values([...scores].map(([proposal_id, score]) => ({ village_code: village, meeting_id: meetingId, proposal_id, score })))
    .onConflict((oc) => oc.columns(['village_code', 'meeting_id', 'proposal_id']).doUpdateSet((eb) => ({ score: eb.ref('excluded.score') })))
    .execute();
}

export const setRank = (trx: Transaction<Database>, village: string, meetingId: number, proposalId: number, rank: number) =>
  trx.updateTable('meeting_scores').set({ rank }).where('village_code', '=', village).where('meeting_id', '=', meetingId).where('proposal_id', '=', proposalId).execute();

/** The adopted priority list of a year: the ranked proposals of its latest closed Musdes. */
export async function priorityList(db: Q, village: string, year: number) {
  const meeting = await db
    .selectFrom('meetings')
    .select(['id', 'title', 'held_on'])
    .where('village_code', '=', village)
    .where('year', '=', year)
    .where('kind', '=', 'musdes')
    .where('status', '=', 'closed')
    .orderBy('closed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!meeting) return null;
  const rows = await db
    .selectFrom('meeting_scores as s')
    .innerJoin('plan_proposals as p', (j) => j.onRef('p.village_code', '=', 's.village_code').onRef('p.id', '=', 's.proposal_id'))
    .select(['s.rank', 's.score', 'p.id', 'p.field_code', 'p.description', 'p.location', 'p.beneficiaries', 'p.cost', 'p.proposer'])
    .where('s.village_code', '=', village)
    .where('s.meeting_id', '=', meeting.id)
    .where('s.rank', 'is not', null)
    .orderBy('s.rank')
    .execute();
  return { meeting, rows };
}
