import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { Database, HouseholdsTable } from '../../platform/db/schema.js';
import { COUNTED_IN_POPULATION, HEAD_OF_FAMILY } from '../population/index.js';
import { headOf } from './head.js';
import { HOUSING } from './housing.js';

type Q = Kysely<Database> | Transaction<Database>;
export const PAGE_SIZE = 50;

/** The village's active family card with this KK number. */
export const familyByKk = (db: Q, village: string, kk: string) =>
  db.selectFrom('families').select(['id', 'kk_number', 'address']).where('village_code', '=', village).where('kk_number', '=', kk).where('status', '=', 'active').executeTakeFirst();

/** The household a family card is in now, if any. */
export const householdOfFamily = (db: Q, village: string, familyId: number) =>
  db
    .selectFrom('household_families as hf')
    .innerJoin('households as h', (j) => j.onRef('h.village_code', '=', 'hf.village_code').onRef('h.id', '=', 'hf.household_id'))
    .select(['h.id', 'h.number'])
    .where('hf.village_code', '=', village)
    .where('hf.family_id', '=', familyId)
    .where('hf.removed_at', 'is', null)
    .executeTakeFirst();

export const nextNumber = async (trx: Transaction<Database>, village: string) =>
  Number((await trx.selectFrom('households').select(sql<string>`coalesce(max(number), 0) + 1`.as('n')).where('village_code', '=', village).executeTakeFirstOrThrow()).n);

export const insertHousehold = (trx: Transaction<Database>, row: Insertable<HouseholdsTable>) => trx.insertInto('households').values(row).returning(['id', 'number']).executeTakeFirstOrThrow();

export const addFamily = (trx: Transaction<Database>, village: string, household: number, family: number, by: number) =>
  trx.insertInto('household_families').values({ village_code: village, household_id: household, family_id: family, added_by: by }).execute();

export const removeFamily = (trx: Transaction<Database>, village: string, household: number, family: number, by: number, reason: string) =>
  trx.updateTable('household_families').set({ removed_at: new Date(), removed_by: by, reason }).where('village_code', '=', village).where('household_id', '=', household)
    .where('family_id', '=', family).where('removed_at', 'is', null).executeTakeFirst();

export const updateHousehold = (trx: Transaction<Database>, village: string, id: number, values: Updateable<HouseholdsTable>) =>
  trx.updateTable('households').set({ ...values, updated_at: new Date() }).where('village_code', '=', village).where('id', '=', id).execute();

/** The household, locked for a change. */
export const lockHousehold = (trx: Transaction<Database>, village: string, id: number) =>
  trx.selectFrom('households').selectAll().where('village_code', '=', village).where('id', '=', id).forUpdate().executeTakeFirst();

export const findHousehold = (db: Q, village: string, id: number) =>
  db.selectFrom('households').selectAll().where('village_code', '=', village).where('id', '=', id).executeTakeFirst();

/** Every family card the household held, the current ones first. */
export const familiesOf = (db: Q, village: string, household: number) =>
  db
    .selectFrom('household_families as hf')
    .innerJoin('families as f', (j) => j.onRef('f.village_code', '=', 'hf.village_code').onRef('f.id', '=', 'hf.family_id'))
    .leftJoin('users as a', 'a.id', 'hf.added_by')
    .leftJoin('users as r', 'r.id', 'hf.removed_by')
    .select(['hf.family_id', 'f.kk_number', 'hf.added_at', 'hf.removed_at', 'hf.reason', 'a.full_name as added_by', 'r.full_name as removed_by'])
    .where('hf.village_code', '=', village)
    .where('hf.household_id', '=', household)
    .orderBy(sql`hf.removed_at is not null`)
    .orderBy('hf.added_at')
    .execute();

/** The people of the household's current cards counted in the population: its members, whatever happened to the others. */
export const membersOf = (db: Q, village: string, household: number) =>
  db
    .selectFrom('household_families as hf')
    .innerJoin('residents as r', (j) => j.onRef('r.village_code', '=', 'hf.village_code').onRef('r.family_id', '=', 'hf.family_id'))
    .select(['r.id', 'r.name', 'r.nik', 'r.sex', 'r.birth_date', 'r.family_relation', 'r.family_id', 'r.life_status'])
    .where('hf.village_code', '=', village)
    .where('hf.household_id', '=', household)
    .where('hf.removed_at', 'is', null)
    .where('r.life_status', 'in', [...COUNTED_IN_POPULATION])
    .orderBy('hf.added_at')
    .orderBy('r.family_relation')
    .orderBy('r.birth_date')
    .execute();

/**
 * A page of the village's active households with their head (chosen, or the main card's) and
 * member count: the page from its index first, then the members and heads of those 50 in one
 * query each (a sub-query per row was 1 ms a row on the embedded database).
 */
export async function listHouseholds(db: Q, village: string, opts: { page: number; poor?: string }) {
  let q = db
    .selectFrom('households as h')
    .select(['h.id', 'h.number', 'h.address', 'h.floor', 'h.electricity', 'h.sanitation', 'h.water', 'h.surveyed_on', 'h.main_family_id', 'h.head_resident_id'])
    .where('h.village_code', '=', village)
    .where('h.status', '=', 'active');
  const poor = HOUSING.find((h) => h.field === opts.poor && h.poor.length > 0);
  if (poor) q = q.where(`h.${poor.field}`, 'in', poor.poor);
  const page = await q.orderBy('h.number').limit(PAGE_SIZE).offset((opts.page - 1) * PAGE_SIZE).execute();
  if (page.length === 0) return [];
  const ids = page.map((h) => h.id);
  const [counts, people] = await Promise.all([
    db.selectFrom('household_families as hf')
      .innerJoin('residents as r', (j) => j.onRef('r.village_code', '=', 'hf.village_code').onRef('r.family_id', '=', 'hf.family_id'))
      .select(['hf.household_id', sql<string>`count(*)`.as('members')])
      .where('hf.village_code', '=', village).where('hf.household_id', 'in', ids).where('hf.removed_at', 'is', null)
      .where('r.life_status', 'in', [...COUNTED_IN_POPULATION])
      .groupBy('hf.household_id').execute(),
    db.selectFrom('residents as r').select(['r.id', 'r.name', 'r.family_id', 'r.family_relation'])
      .where('r.village_code', '=', village).where('r.life_status', 'in', [...COUNTED_IN_POPULATION])
      .where((eb) => eb.or([
        eb('r.id', 'in', [0, ...page.map((h) => h.head_resident_id).filter((x): x is number => x !== null)]),
        eb.and([eb('r.family_id', 'in', page.map((h) => h.main_family_id)), eb('r.family_relation', '=', HEAD_OF_FAMILY)]),
      ])).execute(),
  ]);
  const members = new Map(counts.map((c) => [c.household_id, Number(c.members)]));
  return page.map((h) => ({
    ...h,
    members: members.get(h.id) ?? 0,
    head_name: headOf(h, people)?.name ?? null,
  }));
}

/** Recounts the village's rollup row from its households: a few thousand rows per village, on every change. */
export async function refreshRollup(trx: Transaction<Database>, village: string) {
  const poor = (field: string) => {
    const codes = HOUSING.find((h) => h.field === field)!.poor;
    return sql`count(*) filter (where ${sql.ref(field)} in (${sql.join(codes)}))`;
  };
  // The time as a value: Citus runs no now() in the update of a distributed table.
  await sql`insert into monitoring_households (village_code, households, surveyed, dirt_floor, no_electricity, no_sanitation, unsafe_water, updated_at)
    select ${village}, count(*), count(*) filter (where surveyed_on is not null), ${poor('floor')}, ${poor('electricity')}, ${poor('sanitation')}, ${poor('water')}, ${new Date()}::timestamptz
      from households where village_code = ${village} and status = 'active'
    on conflict (village_code) do update set households = excluded.households, surveyed = excluded.surveyed, dirt_floor = excluded.dirt_floor,
      no_electricity = excluded.no_electricity, no_sanitation = excluded.no_sanitation, unsafe_water = excluded.unsafe_water, updated_at = excluded.updated_at`.execute(trx);
}

export const rollupOf = (db: Q, village: string) => db.selectFrom('monitoring_households').selectAll().where('village_code', '=', village).executeTakeFirst();
