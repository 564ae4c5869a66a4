import { sql, type Insertable, type Kysely, type SelectQueryBuilder, type Transaction, type Updateable } from 'kysely';
import type { Database, PopulationEventKind, ResidentsTable } from '../../platform/db/schema.js';
import { FIELD_CODE_LIST, HOLDS_NIK } from './codes.js';
import { birthDateBounds, listTotalFromSummary } from './list-total.js';
import type { ListQuery } from './population.schema.js';

type Q = Kysely<Database> | Transaction<Database>;

/** Every column but the photo bytes. */
const RESIDENT_COLUMNS = [
  'r.village_code', 'r.id', 'r.nik', 'r.nik_temporary', 'r.name', 'r.sex', 'r.birth_place', 'r.birth_date', 'r.religion',
  'r.education_kk', 'r.education_current', 'r.occupation', 'r.marital_status', 'r.family_id', 'r.family_relation',
  'r.citizenship', 'r.passport_number', 'r.passport_expiry', 'r.kitas_number', 'r.father_nik', 'r.father_name',
  'r.mother_nik', 'r.mother_name', 'r.blood_type', 'r.disability', 'r.chronic_illness', 'r.contraception', 'r.pregnant',
  'r.insurance_type', 'r.insurance_number', 'r.ektp', 'r.ektp_recording', 'r.ektp_tag', 'r.birth_certificate',
  'r.marriage_certificate', 'r.marriage_date', 'r.divorce_certificate', 'r.divorce_date', 'r.phone', 'r.email',
  'r.ethnicity', 'r.area_id', 'r.address', 'r.current_address', 'r.previous_address', 'r.lat', 'r.lng', 'r.photo_type',
  'r.life_status', 'r.warnings', 'r.created_at', 'r.updated_at',
] as const;

export const findResident = (db: Q, village: string, id: number) =>
  db.selectFrom('residents as r').select(RESIDENT_COLUMNS).where('r.village_code', '=', village).where('r.id', '=', id).executeTakeFirst();
export type ResidentRow = NonNullable<Awaited<ReturnType<typeof findResident>>>;

/** Locks the row for the rest of the transaction: two officers recording events on one person take turns. */
export const lockResident = (db: Q, village: string, id: number) =>
  db.selectFrom('residents as r').select(RESIDENT_COLUMNS).where('r.village_code', '=', village).where('r.id', '=', id).forUpdate().executeTakeFirst();

export const insertResident = (db: Q, row: Insertable<ResidentsTable>) =>
  db.insertInto('residents_rows').values(row).returning(['id']).executeTakeFirstOrThrow();

export const updateResident = (db: Q, village: string, id: number, changes: Updateable<ResidentsTable>) =>
  db.updateTable('residents_rows').set({ ...changes, updated_at: new Date() }).where('village_code', '=', village).where('id', '=', id).execute();

/** Where a NIK is in use, with the village's name (never more: the other village's data is not ours). */
export const findActiveNik = (db: Q, nik: string) =>
  db
    .selectFrom('active_niks as a')
    .innerJoin('regions as g', 'g.code', 'a.village_code')
    .select(['a.village_code', 'a.resident_id', 'g.name as village_name', 'g.kind as village_kind'])
    .where('a.nik', '=', nik)
    .executeTakeFirst();

export const insertActiveNik = (db: Q, nik: string, village: string, residentId: number) =>
  db.insertInto('active_niks').values({ nik, village_code: village, resident_id: residentId }).execute();

export const deleteActiveNik = (db: Q, village: string, nik: string) =>
  db.deleteFrom('active_niks').where('nik', '=', nik).where('village_code', '=', village).execute();

/** Is this a district (kecamatan) of the region table? Reference data: no village filter. */
export const districtExists = async (db: Q, code: string) =>
  !!(await db.selectFrom('regions').select('code').where('code', '=', code).where('level', '=', 3).executeTakeFirst());

export const findFamily = (db: Q, village: string, id: number) =>
  db.selectFrom('families').selectAll().where('village_code', '=', village).where('id', '=', id).executeTakeFirst();

export const findFamilyByKk = (db: Q, village: string, kk: string) =>
  db.selectFrom('families').selectAll().where('village_code', '=', village).where('kk_number', '=', kk).where('status', '=', 'active').executeTakeFirst();

export const insertFamily = (db: Q, row: { village_code: string; kk_number: string; address: string | null; area_id: number | null }) =>
  db.insertInto('families_rows').values(row).returning(['id']).executeTakeFirstOrThrow();

export const updateFamily = (db: Q, village: string, id: number, changes: { status?: 'active' | 'dissolved'; address?: string | null; area_id?: number | null; kk_number?: string }) =>
  db.updateTable('families_rows').set({ ...changes, updated_at: new Date() }).where('village_code', '=', village).where('id', '=', id).execute();

/** Members of a family card: the head first, then by relation and age. */
export const familyMembers = (db: Q, village: string, familyId: number) =>
  db
    .selectFrom('residents as r')
    .select(['r.id', 'r.nik', 'r.name', 'r.sex', 'r.birth_date', 'r.family_relation', 'r.life_status', 'r.religion'])
    .where('r.village_code', '=', village)
    .where('r.family_id', '=', familyId)
    .orderBy('r.family_relation')
    .orderBy('r.birth_date')
    .execute();

export const insertEvent = (
  db: Q,
  row: { village_code: string; resident_id: number; family_id: number | null; kind: PopulationEventKind; event_date: string; population_change: -1 | 0 | 1; details: Record<string, unknown>; recorded_by: number | null },
) => db.insertInto('population_events_rows').values({ ...row, details: JSON.stringify(row.details) }).returning(['id']).executeTakeFirstOrThrow();

export const residentEvents = (db: Q, village: string, residentId: number) =>
  db
    .selectFrom('population_events as e')
    .leftJoin('users as u', 'u.id', 'e.recorded_by')
    .select(['e.id', 'e.kind', 'e.event_date', 'e.details', 'e.recorded_at', 'e.population_change', 'u.full_name as recorded_by_name'])
    .where('e.village_code', '=', village)
    .where('e.resident_id', '=', residentId)
    .orderBy('e.event_date', 'desc')
    .orderBy('e.id', 'desc')
    .execute();

export const findAreas = (db: Q, village: string) =>
  db.selectFrom('village_areas').select(['id', 'parent_id', 'level', 'name']).where('village_code', '=', village).execute();

/**
 * A name that holds the typed text, or words close to it in spelling, ignoring case and
 * accents: `column` is the normalised name (search_name, migration 0030), and both are
 * answered by its trigram index (residents_search_name, migrations 0027 and 0030). Word
 * similarity (`<%`, at least 0.6) finds "JIHAN AMALIA" for "jihaan amalia" or "jihaan"
 * without matching every other AMALIA. Under three letters a LIKE has no trigram to look up
 * and would read every resident, so only the words starting with them are found.
 */
export function nameMatches(column: string, term: string) {
  const name = sql.ref(column);
  const typed = sql`balai_search_text(${term})`;
  return [...term].length < 3
    ? sql<boolean>`${typed} <% ${name}`
    : sql<boolean>`(${name} like '%' || ${typed} || '%' or ${typed} <% ${name})`;
}

/** A date written into SQL: only ever YYYY-MM-DD. */
function isoDate(d: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new Error(`not a date: ${d}`);
  return d;
}

/**
 * Filters shared by the list's page of ids and its count. The family card is joined only
 * when searched by (a number's start): joined (even unused, and removed by the planner) it kept the
 * list's index from answering alone (family_id is not in it), 7–30 ms a filtered page.
 */
function filtered(db: Q, village: string, f: ListQuery, areaIds: number[] | null, today: string) {
  const term = f.q?.trim();
  const byNumberStart = !!term && /^\d{4,15}$/.test(term);
  let q: SelectQueryBuilder<any, any, any> = db.selectFrom('residents as r');
  if (byNumberStart) q = q.leftJoin('families as f', (j) => j.onRef('f.village_code', '=', 'r.village_code').onRef('f.id', '=', 'r.family_id'));
  q = q.where('r.village_code', '=', village);
  q = q.where('r.life_status', '=', f.life_status ?? 1);
  if (areaIds) q = q.where('r.area_id', 'in', areaIds.length ? areaIds : [-1]);
  if (f.sex) q = q.where('r.sex', '=', f.sex);
  // The bounds written into the statement, not bound: a prepared statement's generic plan
  // cannot see how wide a bound range is and read the birth-date index for a whole age group
  // (18,000 rows, 50 ms) where the list's index in name order needs 500.
  const { latest, earliest } = birthDateBounds(today, f.age_min, f.age_max);
  if (latest) q = q.where('r.birth_date', '<=', sql<string>`${sql.lit(isoDate(latest))}::date`);
  if (earliest) q = q.where('r.birth_date', '>=', sql<string>`${sql.lit(isoDate(earliest))}::date`);
  if (f.field && f.value !== undefined && f.field in FIELD_CODE_LIST) q = q.where(sql.ref(`r.${f.field}`), '=', f.value);
  if (term) {
    if (/^\d{16}$/.test(term)) {
      // A whole number: two index look-ups joined by UNION (an OR across them would scan the village).
      q = q.where('r.id', 'in', sql<number>`(
        select id from residents where village_code = ${village} and nik = ${term}
        union
        select r2.id from residents r2 join families f2 on f2.village_code = r2.village_code and f2.id = r2.family_id
        where f2.village_code = ${village} and f2.kk_number = ${term} and f2.status = 'active')`);
    } else if (byNumberStart) {
      q = q.where((eb) => eb.or([eb('r.nik', 'like', `${term}%`), eb('f.kk_number', 'like', `${term}%`)]));
    } else {
      q = q.where(nameMatches('r.search_name', term));
    }
  }
  return q;
}

export async function listResidents(db: Q, village: string, f: ListQuery, areaIds: number[] | null, today: string) {
  const perPage = f.per_page ?? 50;
  const page = f.page ?? 1;
  const term = f.q?.trim();
  const fuzzy = term && !/^\d{4,16}$/.test(term);
  let rows: SelectQueryBuilder<any, any, any> = db
    .selectFrom('residents as r')
    .leftJoin('families as f', (j) => j.onRef('f.village_code', '=', 'r.village_code').onRef('f.id', '=', 'r.family_id'))
    .where('r.village_code', '=', village)
    .select([
    'r.id', 'r.nik', 'r.nik_temporary', 'r.name', 'r.sex', 'r.birth_place', 'r.birth_date', 'r.family_relation', 'r.life_status',
    'r.area_id', 'r.family_id', 'f.kk_number', 'r.warnings',
  ]);
  // The page's ids first, from an index alone where it can (residents_page, migration 0026,
  // in name order; the name's trigram index for a search, best match first); then only
  // those rows are read and joined. An OFFSET over the full rows read and joined every row it
  // skipped (page 200 took 100 ms at 100,000 residents), and a search joined every family.
  const order = <T extends SelectQueryBuilder<any, any, any>>(q: T): T =>
    (fuzzy ? q.orderBy(sql`word_similarity(balai_search_text(${term}), r.search_name)`, 'desc') : q).orderBy('r.name').orderBy('r.id') as T;
  const pageIds = order(filtered(db, village, f, areaIds, today).select('r.id')).limit(perPage).offset((page - 1) * perPage);
  rows = order(rows.where('r.id', 'in', pageIds));
  const [items, total] = await Promise.all([
    rows.execute(),
    listTotalFromSummary(db, village, f, areaIds, today).then(
      async (known) => known ?? Number((await filtered(db, village, f, areaIds, today).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n),
    ),
  ]);
  return { items: items as ResidentListItem[], total, page, perPage };
}

export interface ResidentListItem {
  id: number; nik: string; nik_temporary: boolean; name: string; sex: number; birth_place: string | null; birth_date: string | null;
  family_relation: number | null; life_status: number; area_id: number | null; family_id: number | null; kk_number: string | null; warnings: string[];
}

/** Who opened or exported this resident's data, newest first. */
export const residentAccessLog = (db: Q, village: string, residentId: number) =>
  db
    .selectFrom('audit_log')
    .select(['at', 'actor_label', 'action', 'detail', 'ip'])
    .where('village_code', '=', village)
    .where('subject', '=', `resident:${residentId}`)
    .orderBy('at', 'desc')
    .limit(200)
    .execute();

export const findIdempotent = (db: Q, village: string, key: string) =>
  db.selectFrom('idempotency_keys').select(['result']).where('village_code', '=', village).where('key', '=', key).executeTakeFirst();

export const saveIdempotent = (db: Q, village: string, key: string, result: unknown) =>
  db.insertInto('idempotency_keys').values({ village_code: village, key, result: JSON.stringify(result) }).execute();

const FAMILY_COLUMNS = ['f.id', 'f.kk_number', 'f.address', 'f.area_id'] as const;

/**
 * A page of the village's active family cards with their heads, in the order of the heads'
 * names, from the index of heads (residents_heads, migration 0027); the cards without a
 * living head come after, by KK number. A search by KK number (its start) or by the head's
 * name picks from the same indexes.
 */
export async function listFamilies(db: Q, village: string, q: string | undefined, limit = 50, offset = 0) {
  const term = q?.trim();
  const headed = db
    .selectFrom('residents as h')
    .innerJoin('families as f', (j) => j.onRef('f.village_code', '=', 'h.village_code').onRef('f.id', '=', 'h.family_id'))
    .select([...FAMILY_COLUMNS, 'h.name as head_name', 'h.id as head_id'])
    .where('h.village_code', '=', village)
    .where('h.family_relation', '=', 1)
    .where('h.life_status', 'in', HOLDS_NIK)
    .where('f.status', '=', 'active');
  if (term && /^\d+$/.test(term)) {
    // By KK number: the families' own index; the head looked up for each.
    const rows = await db
      .selectFrom('families as f')
      .leftJoin('residents as h', (j) => j.onRef('h.village_code', '=', 'f.village_code').onRef('h.family_id', '=', 'f.id').on('h.family_relation', '=', 1).on('h.life_status', 'in', HOLDS_NIK))
      .select([...FAMILY_COLUMNS, 'h.name as head_name', 'h.id as head_id'])
      .where('f.village_code', '=', village)
      .where('f.status', '=', 'active')
      .where('f.kk_number', 'like', `${term}%`)
      .orderBy('f.kk_number')
      .limit(limit)
      .offset(offset)
      .execute();
    return { rows, total: null };
  }
  if (term) {
    // Best match first (the name index is used; in name order the planner walked every head).
    const rows = await headed
      .where(nameMatches('h.search_name', term))
      .orderBy(sql`word_similarity(balai_search_text(${term}), h.search_name)`, 'desc')
      .orderBy('h.name')
      .orderBy('h.id')
      .limit(limit)
      .offset(offset)
      .execute();
    return { rows, total: null };
  }
  // The page's heads from the index alone, then only their 50 cards joined: joining every card
  // before the OFFSET took 30–44 ms at page 100. A living head's card is always active (a card
  // is dissolved only when no one on it still lives here), so the join drops nothing.
  const pageHeads = db
    .selectFrom('residents as p')
    .select('p.id')
    .where('p.village_code', '=', village)
    .where('p.family_relation', '=', 1)
    .where('p.life_status', 'in', HOLDS_NIK)
    .orderBy('p.name')
    .orderBy('p.id')
    .limit(limit)
    .offset(offset);
  const [rows, total] = await Promise.all([
    headed.where('h.id', 'in', pageHeads).orderBy('h.name').orderBy('h.id').execute(),
    db.selectFrom('families').select(sql<string>`count(*)`.as('n')).where('village_code', '=', village).where('status', '=', 'active').executeTakeFirstOrThrow(),
  ]);
  if (rows.length === limit) return { rows, total: Number(total.n) };
  // Past the last head: the cards without one (a head who died or moved, not yet replaced).
  const headedCount = Number(
    (await headed.clearSelect().select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n,
  );
  const headless = await db
    .selectFrom('families as f')
    .select([...FAMILY_COLUMNS, sql<string | null>`null`.as('head_name'), sql<number | null>`null`.as('head_id')])
    .where('f.village_code', '=', village)
    .where('f.status', '=', 'active')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('residents as h').select('h.id').whereRef('h.village_code', '=', 'f.village_code').whereRef('h.family_id', '=', 'f.id').where('h.family_relation', '=', 1).where('h.life_status', 'in', HOLDS_NIK))))
    .orderBy('f.kk_number')
    .limit(limit - rows.length)
    .offset(Math.max(0, offset - headedCount))
    .execute();
  return { rows: [...rows, ...headless], total: Number(total.n) };
}

/** How many temporary NIKs the village has handed out, holding a per-village lock until the transaction ends
 * so two registrations at once do not take the same number. */
export async function countTemporaryNiksLocked(db: Transaction<Database>, village: string): Promise<number> {
  await sql`select pg_advisory_xact_lock(hashtext(${'temporary-nik:' + village}))`.execute(db);
  const r = await sql<{ n: number }>`select count(*) as n from residents where village_code = ${village} and nik_temporary`.execute(db);
  return r.rows[0]!.n;
}

export const findResidentPhoto = (db: Q, village: string, id: number) =>
  db.selectFrom('residents').select(['photo', 'photo_type']).where('village_code', '=', village).where('id', '=', id).executeTakeFirst();

/** The village's resident with this NIK, living ones first (a NIK can recur after a death and re-registration). */
export const findResidentIdByNik = (db: Q, village: string, nik: string) =>
  db
    .selectFrom('residents')
    .select(['id', 'name', 'life_status'])
    .where('village_code', '=', village)
    .where('nik', '=', nik)
    .orderBy(sql`life_status = 1`, 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();

/** Where to tell a resident that something is ready: their phone and e-mail, nothing else. */
export const findResidentContact = (db: Q, village: string, id: number) =>
  db.selectFrom('residents').select(['phone', 'email']).where('village_code', '=', village).where('id', '=', id).executeTakeFirst();
