import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { Database, PlanItemsTable, PlanKind, PlansTable } from '../../platform/db/schema.js';

type Q = Kysely<Database> | Transaction<Database>;

const PLAN_COLUMNS = [
  'p.id', 'p.kind', 'p.first_year', 'p.years', 'p.version', 'p.based_on', 'p.status', 'p.vision', 'p.mission', 'p.reason',
  'p.prepared_by', 'p.prepared_at', 'p.adopted_by', 'p.adopted_at', 'p.regulation_number', 'p.regulation_date',
] as const;

/** Plans of a village with the names of who prepared and adopted each. */
const planRows = (db: Q, village: string) =>
  db
    .selectFrom('plans as p')
    .leftJoin('users as u', 'u.id', 'p.prepared_by')
    .leftJoin('users as a', 'a.id', 'p.adopted_by')
    .select(PLAN_COLUMNS)
    .select(['u.full_name as prepared_by_name', 'a.full_name as adopted_by_name'])
    .where('p.village_code', '=', village);

/** The village's plans, newest first, with how many activities and what they cost. */
export const listPlans = (db: Q, village: string) =>
  planRows(db, village)
    .select(sql<string>`(select count(*) from plan_items i where i.village_code = p.village_code and i.plan_id = p.id)`.as('items'))
    .select(sql<string>`(select coalesce(sum(i.cost), 0) from plan_items i where i.village_code = p.village_code and i.plan_id = p.id)`.as('cost'))
    .orderBy('p.kind', 'desc')
    .orderBy('p.first_year', 'desc')
    .orderBy('p.version', 'desc')
    .execute();

export const findPlan = (db: Q, village: string, id: number) => planRows(db, village).where('p.id', '=', id).executeTakeFirst();

/** The plan row locked for a change: two officers acting at once take turns. */
export const lockPlan = (trx: Transaction<Database>, village: string, id: number) =>
  trx.selectFrom('plans').selectAll().where('village_code', '=', village).where('id', '=', id).forUpdate().executeTakeFirst();

export const versionsOf = (db: Q, village: string, kind: PlanKind, firstYear: number) =>
  db.selectFrom('plans').selectAll().where('village_code', '=', village).where('kind', '=', kind).where('first_year', '=', firstYear).orderBy('version', 'desc').execute();

export const insertPlan = (db: Q, row: Insertable<PlansTable>) => db.insertInto('plans').values(row).returning(['id']).executeTakeFirstOrThrow();

export const updatePlan = (db: Q, village: string, id: number, changes: Updateable<PlansTable>) =>
  db.updateTable('plans').set(changes).where('village_code', '=', village).where('id', '=', id).execute();

export const listItems = (db: Q, village: string, planId: number) =>
  db
    .selectFrom('plan_items')
    .select(['id', 'activity_code', 'description', 'location', 'volume', 'beneficiaries', 'run_years', 'cost', 'fund', 'execution', 'source_item', 'source_proposal', 'created_by'])
    .where('village_code', '=', village)
    .where('plan_id', '=', planId)
    .orderBy('activity_code')
    .orderBy('id')
    .execute();

export const insertItem = (db: Q, row: Insertable<PlanItemsTable>) => db.insertInto('plan_items').values(row).returning(['id']).executeTakeFirstOrThrow();

export const deleteItem = (db: Q, village: string, planId: number, id: number) =>
  db.deleteFrom('plan_items').where('village_code', '=', village).where('plan_id', '=', planId).where('id', '=', id).returning(['description', 'cost']).executeTakeFirst();

/** A revision starts from the items of the version in force (each pointing at the one it copies). */
export const copyItems = (trx: Transaction<Database>, village: string, from: number, to: number, by: number) =>
  sql`insert into plan_items (village_code, plan_id, activity_code, description, location, volume, beneficiaries, run_years, cost, fund, execution, source_item, source_proposal, created_by)
      select village_code, ${to}, activity_code, description, location, volume, beneficiaries, run_years, cost, fund, execution, id, source_proposal, ${by}
      from plan_items where village_code = ${village} and plan_id = ${from}`.execute(trx);

/** The adopted RPJMDes whose period holds a year. */
export const rpjmdesFor = (db: Q, village: string, year: number) =>
  db
    .selectFrom('plans')
    .select(['id', 'first_year', 'years', 'version'])
    .where('village_code', '=', village)
    .where('kind', '=', 'rpjmdes')
    .where('status', '=', 'adopted')
    .where('first_year', '<=', year)
    .where(sql<boolean>`first_year + years > ${year}`)
    .orderBy('first_year', 'desc')
    .limit(1)
    .executeTakeFirst();

/** Items of a plan that run in a year (an RPJMDes item ticked for it). */
export const itemsRunningIn = (db: Q, village: string, planId: number, year: number) =>
  db
    .selectFrom('plan_items')
    .selectAll()
    .where('village_code', '=', village)
    .where('plan_id', '=', planId)
    .where(sql<boolean>`${year}::smallint = any(run_years)`)
    .orderBy('activity_code')
    .orderBy('id')
    .execute();

/** The adopted annual plan of a year, from the rollup kept by adoption (the deadline check on the home page). */
export const rkpdesRollup = (db: Q, village: string, year: number) =>
  db.selectFrom('monitoring_plans').select(['rkpdes_regulation_date']).where('village_code', '=', village).where('year', '=', year).executeTakeFirst();

export const saveRkpdesRollup = (trx: Transaction<Database>, row: { village_code: string; year: number; rkpdes_regulation_date: string; rkpdes_adopted_at: Date; activities: number; cost: string }) =>
  trx
    .insertInto('monitoring_plans')
    .values(row)
    .onConflict((oc) => oc.columns(['village_code', 'year']).doUpdateSet({ rkpdes_regulation_date: row.rkpdes_regulation_date, rkpdes_adopted_at: row.rkpdes_adopted_at, activities: row.activities, cost: row.cost }))
    .execute();
