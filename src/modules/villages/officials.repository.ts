import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { Database, VillageOfficialsTable } from '../../platform/db/schema.js';

type Q = Kysely<Database> | Transaction<Database>;

const COLUMNS = ['o.id', 'o.name', 'o.staff_number', 'o.position', 'o.position_title', 'o.signs_ub', 'o.user_id', 'o.active', 'o.updated_at', 'u.username', 'u.full_name as account_name',
  // Whether a NIK is recorded, masked: the page never shows it whole.
  sql<string | null>`case when o.nik is null then null else left(o.nik, 4) || '********' || right(o.nik, 4) end`.as('nik_masked')] as const;

/** The village's officials, active first, with the account each is linked to. */
export const listOfficials = (db: Q, village: string) =>
  db
    .selectFrom('village_officials as o')
    .leftJoin('users as u', 'u.id', 'o.user_id')
    .select(COLUMNS)
    .where('o.village_code', '=', village)
    .orderBy('o.active', 'desc')
    .orderBy('o.id')
    .execute();

export const findOfficial = (db: Q, village: string, id: number) =>
  db.selectFrom('village_officials').selectAll().where('village_code', '=', village).where('id', '=', id).executeTakeFirst();

/** The active official an account stands for, if any. */
export const officialOfUser = (db: Q, village: string, userId: number) =>
  db.selectFrom('village_officials').selectAll().where('village_code', '=', village).where('user_id', '=', userId).where('active', '=', true).executeTakeFirst();

/** Active officials in a position (one head, one secretary at a time). */
export const activeInPosition = (db: Q, village: string, position: VillageOfficialsTable['position']) =>
  db.selectFrom('village_officials').select(['id', 'name', 'position_title', 'staff_number']).where('village_code', '=', village).where('position', '=', position).where('active', '=', true).execute();

export const insertOfficial = (db: Q, row: Insertable<VillageOfficialsTable>) =>
  db.insertInto('village_officials').values(row).returning(['id']).executeTakeFirstOrThrow();

export const updateOfficial = (db: Q, village: string, id: number, changes: Updateable<VillageOfficialsTable>) =>
  db.updateTable('village_officials').set({ ...changes, updated_at: new Date() }).where('village_code', '=', village).where('id', '=', id).execute();

/** Active accounts of the village, which an official may be linked to. */
export const villageAccounts = (db: Q, village: string) =>
  db.selectFrom('users').select(['id', 'username', 'full_name', 'role']).where('region_code', '=', village).where('active', '=', true).orderBy('full_name').execute();
