import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { Database, ProjectsTable } from '../../platform/db/schema.js';

type Q = Kysely<Database> | Transaction<Database>;

const PROJECT_COLUMNS = [
  'p.id', 'p.plan_item_id', 'p.year', 'p.activity_code', 'p.name', 'p.location', 'p.latitude', 'p.longitude', 'p.volume', 'p.implementer', 'p.starts_on', 'p.ends_on', 'p.created_at',
] as const;

/** Projects of a village (of a year, or all), each with its budget and its latest reported progress. */
export function listProjects(db: Q, village: string, year?: number) {
  let q = db
    .selectFrom('projects as p')
    .select(PROJECT_COLUMNS)
    .select(sql<string>`(select coalesce(sum(f.amount), 0) from project_funds f where f.village_code = p.village_code and f.project_id = p.id)`.as('budget'))
    .select(sql<string>`coalesce((select r.progress from project_reports r where r.village_code = p.village_code and r.project_id = p.id order by r.reported_on desc, r.id desc limit 1), 0)`.as('progress'))
    .select(sql<number | null>`(select ph.id from project_photos ph join project_reports r on r.village_code = ph.village_code and r.id = ph.report_id
      where r.village_code = p.village_code and r.project_id = p.id order by r.reported_on desc, r.id desc, ph.id limit 1)`.as('latest_photo'))
    .where('p.village_code', '=', village);
  if (year !== undefined) q = q.where('p.year', '=', year);
  return q.orderBy('p.year', 'desc').orderBy('p.starts_on').orderBy('p.id').execute();
}

export const findProject = (db: Q, village: string, id: number) =>
  db.selectFrom('projects as p').select(PROJECT_COLUMNS).where('p.village_code', '=', village).where('p.id', '=', id).executeTakeFirst();

export const fundsOf = (db: Q, village: string, id: number) =>
  db.selectFrom('project_funds').select(['fund', 'amount']).where('village_code', '=', village).where('project_id', '=', id).orderBy('fund').execute();

export const reportsOf = (db: Q, village: string, id: number) =>
  db
    .selectFrom('project_reports as r')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .select(['r.id', 'r.reported_on', 'r.progress', 'r.note', 'r.created_at', 'u.full_name as reported_by'])
    .where('r.village_code', '=', village)
    .where('r.project_id', '=', id)
    .orderBy('r.reported_on')
    .orderBy('r.id')
    .execute();

export const photosOf = (db: Q, village: string, reportIds: number[]) =>
  reportIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('project_photos').select(['id', 'report_id', 'width', 'height', 'kept_location']).where('village_code', '=', village).where('report_id', 'in', reportIds).orderBy('id').execute();

/** A photo's bytes with the project it belongs to (a photo is shown only with its project's village). */
export const photo = (db: Q, village: string, id: number) =>
  db
    .selectFrom('project_photos as ph')
    .innerJoin('project_reports as r', (j) => j.onRef('r.village_code', '=', 'ph.village_code').onRef('r.id', '=', 'ph.report_id'))
    .select(['ph.bytes', 'ph.type', 'r.project_id'])
    .where('ph.village_code', '=', village)
    .where('ph.id', '=', id)
    .executeTakeFirst();

export const insertProject = (db: Q, row: Insertable<ProjectsTable>) => db.insertInto('projects').values(row).returning(['id']).executeTakeFirstOrThrow();

export const insertFunds = (db: Q, rows: { village_code: string; project_id: number; fund: string; amount: string }[]) =>
  db.insertInto('project_funds').values(rows).execute();

export const lockProject = (trx: Transaction<Database>, village: string, id: number) =>
  trx.selectFrom('projects').selectAll().where('village_code', '=', village).where('id', '=', id).forUpdate().executeTakeFirst();

export const insertReport = (db: Q, row: { village_code: string; project_id: number; reported_on: string; progress: string; note: string; created_by: number }) =>
  db.insertInto('project_reports').values(row).returning(['id']).executeTakeFirstOrThrow();

export const insertPhotos = (db: Q, rows: { village_code: string; report_id: number; bytes: Uint8Array; type: string; width: number; height: number; kept_location: boolean }[]) =>
  rows.length === 0 ? Promise.resolve([]) : db.insertInto('project_photos').values(rows).execute();

/** The latest progress by report date (a report may be entered late), for the rollup. */
export const latestReport = (db: Q, village: string, id: number) =>
  db.selectFrom('project_reports').select(['progress', 'reported_on']).where('village_code', '=', village).where('project_id', '=', id)
    .orderBy('reported_on', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();

export const insertRollup = (trx: Transaction<Database>, row: { village_code: string; project_id: number; year: number; starts_on: string; ends_on: string; budget: string; progress: string; reported_on: string | null }) =>
  trx.insertInto('monitoring_projects').values(row).execute();

export const setRollupProgress = (trx: Transaction<Database>, village: string, projectId: number, progress: string, reportedOn: string) =>
  trx.updateTable('monitoring_projects').set({ progress, reported_on: reportedOn }).where('village_code', '=', village).where('project_id', '=', projectId).execute();

/** RKPDes activities of an adopted plan of a year that are not a project yet: what a project can start from. */
export const activitiesWithoutProject = (db: Q, village: string, year: number) =>
  db
    .selectFrom('plan_items as i')
    .innerJoin('plans as pl', (j) => j.onRef('pl.village_code', '=', 'i.village_code').onRef('pl.id', '=', 'i.plan_id'))
    .select(['i.id', 'i.activity_code', 'i.description', 'i.location', 'i.volume', 'i.cost', 'i.fund'])
    .where('i.village_code', '=', village)
    .where('pl.kind', '=', 'rkpdes')
    .where('pl.status', '=', 'adopted')
    .where('pl.first_year', '=', year)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('projects as p').select('p.id').whereRef('p.village_code', '=', 'i.village_code').whereRef('p.plan_item_id', '=', 'i.id'))))
    .orderBy('i.activity_code')
    .orderBy('i.id')
    .execute();

export const planItem = (db: Q, village: string, id: number) =>
  db
    .selectFrom('plan_items as i')
    .innerJoin('plans as pl', (j) => j.onRef('pl.village_code', '=', 'i.village_code').onRef('pl.id', '=', 'i.plan_id'))
    .select(['i.id', 'i.activity_code', 'i.description', 'i.location', 'i.volume', 'pl.kind', 'pl.status', 'pl.first_year'])
    .where('i.village_code', '=', village)
    .where('i.id', '=', id)
    .executeTakeFirst();
