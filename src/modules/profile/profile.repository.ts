import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { decimalText, type TypedValue } from './fill.js';

type Q = Kysely<Database> | Transaction<Database>;

/** The latest revision of each typed item of a village and year, with who typed it. */
export async function typedValues(db: Q, village: string, year: number): Promise<Map<string, TypedValue>> {
  const { rows } = await sql<TypedValue & { indicator: string }>`
    select distinct on (v.indicator) v.indicator, v.revision, v.value_number::text as value_number, v.value_text, v.entered_at, u.full_name as entered_by_name
    from village_profile_values v join users u on u.id = v.entered_by
    where v.village_code = ${village} and v.year = ${year}
    order by v.indicator, v.revision desc`.execute(db);
  return new Map(rows.map(({ indicator, ...r }) => [indicator, { ...r, value_number: r.value_number === null ? null : decimalText(r.value_number), revision: Number(r.revision) }]));
}

/** The item's latest revision (0 when never typed), read in the writing transaction. */
export async function latestRevision(trx: Transaction<Database>, village: string, year: number, indicator: string): Promise<number> {
  const row = await trx.selectFrom('village_profile_values').select((eb) => eb.fn.max('revision').as('revision'))
    .where('village_code', '=', village).where('year', '=', year).where('indicator', '=', indicator).executeTakeFirst();
  return Number(row?.revision ?? 0);
}

export const insertValue = (trx: Transaction<Database>, row: { village_code: string; year: number; indicator: string; revision: number; value_number: string | null; value_text: string | null; entered_by: number }) =>
  trx.insertInto('village_profile_values').values(row).execute();

/**
 * The village's row for the dashboards above it: how many of the items to type have a value
 * (nothing is ever emptied, so any revision counts). Counted again in the writing transaction
 * and by `balai rebuild-rollups` (a catalogue that gains an item changes the count).
 */
export async function recountFilled(trx: Transaction<Database>, village: string, year: number, keys: readonly string[]) {
  const row = await trx.selectFrom('village_profile_values').select((eb) => eb.fn.count<number>('indicator').distinct().as('filled'))
    .where('village_code', '=', village).where('year', '=', year).where('indicator', 'in', [...keys]).executeTakeFirst();
  // The time as a value: Citus runs no now() in the update of a distributed table.
  await sql`insert into monitoring_village_profile (village_code, year, filled, updated_at)
    values (${village}, ${year}, ${Number(row?.filled ?? 0)}, ${new Date()}::timestamptz)
    on conflict (village_code, year) do update set filled = excluded.filled, updated_at = excluded.updated_at`.execute(trx);
}

/** The years a village typed anything for (each gets its rollup row again on a rebuild). */
export const typedYears = async (db: Q, village: string) =>
  (await db.selectFrom('village_profile_values').select('year').distinct().where('village_code', '=', village).execute()).map((r) => r.year);
