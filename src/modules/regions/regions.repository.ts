import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, RegionKind } from '../../platform/db/schema.js';
import { ancestorCodes, regionTitle } from './region-code.js';

type Q = Kysely<Database> | Transaction<Database>;

export interface RegionRow {
  code: string;
  parent_code: string | null;
  level: number;
  kind: RegionKind;
  name: string;
}

export interface RegionWithTotals extends RegionRow {
  villages: number;
  activated: number;
}

export const findRegion = (db: Q, code: string) =>
  db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();

export const findRegions = (db: Q, codes: string[]) =>
  codes.length ? db.selectFrom('regions').selectAll().where('code', 'in', codes).orderBy('code').execute() : Promise.resolve([]);

/** Children of a region ('' for the provinces) with how many villages lie below each and how many are active. */
export async function childrenWithTotals(db: Q, parent: string): Promise<RegionWithTotals[]> {
  const rows = await sql<RegionWithTotals>`
    select r.code, r.parent_code, r.level, r.kind, r.name,
      case when r.level = 4 then 1 else
        (select count(*) from regions v where v.level = 4 and v.code > (r.code || '.') and v.code < (r.code || '/')) end as villages,
      case when r.level = 4 then (select count(*) from villages a where a.village_code = r.code) else
        (select count(*) from villages a where a.village_code > (r.code || '.') and a.village_code < (r.code || '/')) end as activated
    from regions r
    where ${parent === '' ? sql`r.parent_code is null` : sql`r.parent_code = ${parent}`}
    order by r.code`.execute(db);
  return rows.rows;
}

/** Villages below a region and how many of them are active ('' is the whole country). */
export async function totalsBelow(db: Q, code: string): Promise<{ villages: number; activated: number }> {
  const range = code === '' ? sql`true` : sql`code > ${code + '.'} and code < ${code + '/'}`;
  const activeRange = code === '' ? sql`true` : sql`village_code > ${code + '.'} and village_code < ${code + '/'}`;
  const r = await sql<{ villages: number; activated: number }>`
    select (select count(*) from regions where level = 4 and ${range}) as villages,
           (select count(*) from villages where ${activeRange}) as activated`.execute(db);
  return r.rows[0]!;
}

/** Case-insensitive partial match on the name, optionally within a region and at one level. */
export function searchByName(db: Q, query: string, opts: { within?: string; level?: number; limit: number }) {
  let q = db
    .selectFrom('regions')
    .selectAll()
    .where(sql<boolean>`lower(name) like ${'%' + escapeLike(query.toLowerCase()) + '%'}`)
    .orderBy('level')
    .orderBy('code')
    .limit(opts.limit);
  if (opts.within) q = q.where('code', '>', `${opts.within}.`).where('code', '<', `${opts.within}/`);
  if (opts.level) q = q.where('level', '=', opts.level);
  return q.execute();
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

export async function countRegions(db: Q): Promise<number> {
  const r = await db.selectFrom('regions').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}

/** One statement per level: the rows travel as five arrays and unnest into a table. */
export async function insertRegions(db: Q, rows: RegionRow[]) {
  if (!rows.length) return;
  await sql`
    insert into regions (code, parent_code, level, kind, name)
    select * from unnest(${rows.map((r) => r.code)}::text[], ${rows.map((r) => r.parent_code)}::text[],
      ${rows.map((r) => r.level)}::int2[], ${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.name)}::text[])
    on conflict (code) do update set name = excluded.name`.execute(db);
}

/**
 * A region with the regions above it, as their titles from the province down: "Provinsi
 * Lampung", "Kabupaten Pesawaran", "Kecamatan Teluk Pandan", "Desa Hanura". For the heading of a
 * document or a poster.
 */
export async function regionTrail(db: Q, code: string, lang: 'id' | 'en'): Promise<string[]> {
  const rows = await findRegions(db, [...ancestorCodes(code), code]);
  return rows.sort((a, b) => a.level - b.level).map((r) => regionTitle(r, lang));
}
