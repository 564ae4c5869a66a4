import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Q = Kysely<Database> | Transaction<Database>;

/** Statuses in which a resident may use self-service: alive here, or away for a while. */
export const PRESENT: readonly number[] = [1, 6];

// --- login and PIN ---------------------------------------------------------------------

/**
 * Whoever holds this NIK on the installation, with their PIN if any: the global NIK index
 * first, then the resident in their village (on Citus the index is spread by NIK and the
 * resident by village, so these are two single-shard reads rather than one join).
 */
export async function findCitizenByNik(db: Q, nik: string) {
  const holder = await db.selectFrom('active_niks').select(['village_code', 'resident_id']).where('nik', '=', nik).executeTakeFirst();
  if (!holder) return undefined;
  return db
    .selectFrom('residents as r')
    .leftJoin('citizen_pins as p', (j) => j.onRef('p.village_code', '=', 'r.village_code').onRef('p.resident_id', '=', 'r.id'))
    .select(['r.village_code', 'r.id', 'r.nik', 'r.name', 'r.life_status', 'r.nik_temporary', 'p.pin_hash'])
    .where('r.village_code', '=', holder.village_code)
    .where('r.id', '=', holder.resident_id)
    .where('r.nik', '=', nik)
    .executeTakeFirst();
}

export const findResidentForPin = (db: Q, village: string, id: number) =>
  db
    .selectFrom('residents')
    .select(['id', 'nik', 'name', 'birth_date', 'life_status', 'nik_temporary'])
    .where('village_code', '=', village)
    .where('id', '=', id)
    .executeTakeFirst();

/** Issuing again replaces the PIN: that is how the office resets a forgotten one. */
export const upsertPin = (db: Q, row: { village_code: string; resident_id: number; pin_hash: string; issued_by: number | null }) =>
  db
    .insertInto('citizen_pins')
    .values(row)
    .onConflict((oc) => oc.columns(['village_code', 'resident_id']).doUpdateSet((eb) => ({ pin_hash: row.pin_hash, issued_by: row.issued_by, issued_at: eb.ref('excluded.issued_at') })))
    .execute();

export const findPin = (db: Q, village: string, residentId: number) =>
  db
    .selectFrom('citizen_pins')
    .select(['issued_at', 'last_login_at'])
    .where('village_code', '=', village)
    .where('resident_id', '=', residentId)
    .executeTakeFirst();

export const touchLastLogin = (db: Q, village: string, residentId: number) =>
  db.updateTable('citizen_pins').set({ last_login_at: new Date() }).where('village_code', '=', village).where('resident_id', '=', residentId).execute();

// --- the citizen's own data ------------------------------------------------------------

/** The citizen's record with their family card: only the fields a citizen is shown. */
export const findOwnRecord = (db: Q, village: string, id: number) =>
  db
    .selectFrom('residents as r')
    .leftJoin('families as f', (j) => j.onRef('f.village_code', '=', 'r.village_code').onRef('f.id', '=', 'r.family_id'))
    .select([
      'r.id', 'r.nik', 'r.name', 'r.sex', 'r.birth_place', 'r.birth_date', 'r.religion', 'r.education_kk', 'r.occupation',
      'r.marital_status', 'r.family_id', 'r.family_relation', 'r.life_status', 'r.address', 'r.area_id',
      'f.kk_number', 'f.address as family_address', 'f.area_id as family_area_id', 'f.status as family_status',
    ])
    .where('r.village_code', '=', village)
    .where('r.id', '=', id)
    .executeTakeFirst();

/** Members of a family card who still live here: the head first, then by relation and age. */
export const presentFamilyMembers = (db: Q, village: string, familyId: number) =>
  db
    .selectFrom('residents')
    .select(['id', 'nik', 'name', 'sex', 'birth_date', 'family_relation', 'life_status'])
    .where('village_code', '=', village)
    .where('family_id', '=', familyId)
    .where('life_status', 'in', [1, 4, 6])
    .orderBy('family_relation')
    .orderBy('birth_date')
    .execute();

export const findAreas = (db: Q, village: string) =>
  db.selectFrom('village_areas').select(['id', 'parent_id', 'level', 'name']).where('village_code', '=', village).execute();

// --- correction requests ---------------------------------------------------------------

export const insertCorrection = (
  db: Q,
  row: { village_code: string; resident_id: number; about_resident_id: number; field: string; proposed: string; note: string | null },
) => db.insertInto('correction_requests').values(row).returning(['id']).executeTakeFirstOrThrow();

/** The same request still open (a double tap, a replayed post): it is not made twice. */
export const findSameOpenCorrection = (db: Q, row: { village_code: string; resident_id: number; about_resident_id: number; field: string; proposed: string }) =>
  db
    .selectFrom('correction_requests')
    .select('id')
    .where('village_code', '=', row.village_code)
    .where('resident_id', '=', row.resident_id)
    .where('about_resident_id', '=', row.about_resident_id)
    .where('field', '=', row.field)
    .where('proposed', '=', row.proposed)
    .where('status', '=', 'open')
    .executeTakeFirst();

export async function countOpenCorrections(db: Q, village: string, residentId: number): Promise<number> {
  const r = await db
    .selectFrom('correction_requests')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('village_code', '=', village)
    .where('resident_id', '=', residentId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const correctionColumns = [
  'c.id', 'c.resident_id', 'c.about_resident_id', 'c.field', 'c.proposed', 'c.note', 'c.status', 'c.created_at', 'c.closed_at', 'c.answer',
] as const;

/** What a citizen asked for, newest first. */
export const listCorrectionsBy = (db: Q, village: string, residentId: number, limit = 50) =>
  db
    .selectFrom('correction_requests as c')
    .innerJoin('residents as a', (j) => j.onRef('a.village_code', '=', 'c.village_code').onRef('a.id', '=', 'c.about_resident_id'))
    .select([...correctionColumns, 'a.name as about_name'])
    .where('c.village_code', '=', village)
    .where('c.resident_id', '=', residentId)
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();

/** The village's requests in one status: open ones oldest first (first come, first served), closed ones newest first. */
export function listCorrections(db: Q, village: string, status: 'open' | 'done' | 'rejected', limit = 200) {
  return db
    .selectFrom('correction_requests as c')
    .innerJoin('residents as a', (j) => j.onRef('a.village_code', '=', 'c.village_code').onRef('a.id', '=', 'c.about_resident_id'))
    .innerJoin('residents as q', (j) => j.onRef('q.village_code', '=', 'c.village_code').onRef('q.id', '=', 'c.resident_id'))
    .leftJoin('users as u', 'u.id', 'c.closed_by')
    .select([...correctionColumns, 'a.name as about_name', 'q.name as requester_name', 'u.full_name as closed_by_name'])
    .where('c.village_code', '=', village)
    .where('c.status', '=', status)
    .orderBy('c.created_at', status === 'open' ? 'asc' : 'desc')
    .orderBy('c.id', status === 'open' ? 'asc' : 'desc')
    .limit(limit)
    .execute();
}

/** Closes an open request; returns nothing when it was not open (already closed, or not in this village). */
export const closeCorrection = (db: Q, village: string, id: number, close: { status: 'done' | 'rejected'; answer: string | null; closed_by: number | null }) =>
  db
    .updateTable('correction_requests')
    .set({ ...close, closed_at: new Date() })
    .where('village_code', '=', village)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returning(['id', 'resident_id', 'about_resident_id', 'field'])
    .executeTakeFirst();

/** Correction requests a resident made or that are about them (their data export). */
export const listCorrectionsInvolving = (db: Q, village: string, residentId: number, limit = 500) =>
  db
    .selectFrom('correction_requests as c')
    .innerJoin('residents as a', (j) => j.onRef('a.village_code', '=', 'c.village_code').onRef('a.id', '=', 'c.about_resident_id'))
    .select([...correctionColumns, 'a.name as about_name'])
    .where('c.village_code', '=', village)
    .where((eb) => eb.or([eb('c.resident_id', '=', residentId), eb('c.about_resident_id', '=', residentId)]))
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
