import { sql, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { Database, VillagesTable } from '../../platform/db/schema.js';

type Q = Kysely<Database> | Transaction<Database>;

const PROFILE_COLUMNS = [
  'v.village_code', 'v.activated_at', 'v.activated_by', 'v.activation_kind', 'v.head_name', 'v.head_nip',
  'v.office_address', 'v.postal_code', 'v.phone', 'v.email', 'v.website', 'v.logo_type', 'v.updated_at',
] as const;

/** The village's platform record with its official name and kind (logo bytes left out). */
export const findVillage = (db: Q, code: string) =>
  db
    .selectFrom('villages as v')
    .innerJoin('regions as r', 'r.code', 'v.village_code')
    .select([...PROFILE_COLUMNS, 'r.name', 'r.kind'])
    .where('v.village_code', '=', code)
    .executeTakeFirst();

export const insertVillage = (db: Q, row: { village_code: string; activated_by: number | null; activation_kind: 'target' | 'initiative' }) =>
  db.insertInto('villages').values(row).onConflict((oc) => oc.column('village_code').doNothing()).returning('village_code').executeTakeFirst();

export const updateVillage = (db: Q, code: string, changes: Updateable<VillagesTable>) =>
  db.updateTable('villages').set({ ...changes, updated_at: new Date() }).where('village_code', '=', code).execute();

export const findLogo = (db: Q, code: string) =>
  db.selectFrom('villages').select(['logo', 'logo_type', 'updated_at']).where('village_code', '=', code).executeTakeFirst();

/** Activated villages below a region ('' = all), with the name of the account that activated each. */
export function listActivatedWithin(db: Q, scope: string, limit = 500) {
  let q = db
    .selectFrom('villages as v')
    .innerJoin('regions as r', 'r.code', 'v.village_code')
    .leftJoin('users as u', 'u.id', 'v.activated_by')
    .select(['v.village_code', 'r.name', 'r.kind', 'v.activated_at', 'v.activation_kind', 'u.full_name as activated_by_name'])
    .orderBy('v.village_code')
    .limit(limit);
  if (scope) q = q.where('v.village_code', '>', `${scope}.`).where('v.village_code', '<', `${scope}/`);
  return q.execute();
}

export const listAreas = (db: Q, code: string) =>
  db.selectFrom('village_areas').select(['id', 'parent_id', 'level', 'name']).where('village_code', '=', code).orderBy('level').orderBy('name').execute();

export const findArea = (db: Q, code: string, id: number) =>
  db.selectFrom('village_areas').select(['id', 'parent_id', 'level', 'name']).where('village_code', '=', code).where('id', '=', id).executeTakeFirst();

/** The same name at the same level under the same parent (RW 002 and RT 002 may share a dusun). */
export const findAreaByName = (db: Q, code: string, parentId: number | null, level: 'dusun' | 'rw' | 'rt', name: string) =>
  db
    .selectFrom('village_areas')
    .select(['id'])
    .where('village_code', '=', code)
    .where(sql<number>`coalesce(parent_id, 0)`, '=', parentId ?? 0)
    .where('level', '=', level)
    .where(sql<string>`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();

export const insertArea = (db: Q, row: { village_code: string; parent_id: number | null; level: 'dusun' | 'rw' | 'rt'; name: string }) =>
  db.insertInto('village_areas_rows').values(row).returning(['id']).executeTakeFirstOrThrow();

/** Demo and migrations of old data only: the date a village really started. */
export const backdateActivation = (db: Q, code: string, at: Date) =>
  db.updateTable('villages').set({ activated_at: at }).where('village_code', '=', code).execute();

/** Provinces with at least one village on Balai, and how many: the public landing page links their pages. */
export function provincesWithVillages(db: Q) {
  return db
    .selectFrom('villages as v')
    .innerJoin('regions as p', (j) => j.on('p.code', '=', sql<string>`substr(v.village_code, 1, 2)`))
    .select(['p.code', 'p.name', sql<number>`count(*)::int`.as('villages')])
    .groupBy(['p.code', 'p.name'])
    .orderBy('p.code')
    .execute();
}
