import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../../../platform/db/schema.js';
import { COUNTED_IN_POPULATION } from '../codes.js';

type Q = Kysely<Database> | Transaction<Database>;

/** One group of a breakdown, before labels: living residents with that value, split by sex. */
export interface CountRow {
  code: number | null;
  male: number;
  female: number;
  total: number;
}

/** Resident columns that hold a code from an official list and can be broken down. */
export const BREAKDOWN_FIELDS = [
  'religion', 'education_kk', 'education_current', 'occupation', 'marital_status', 'family_relation',
  'citizenship', 'blood_type', 'disability', 'chronic_illness', 'insurance_type', 'ektp', 'ektp_recording',
] as const;
export type BreakdownField = (typeof BREAKDOWN_FIELDS)[number];

export type AreaLevel = 'dusun' | 'rw' | 'rt';

/**
 * Age groups of five years; the last (index 15) is 75 and older. Age is the year of the
 * as-of date minus the birth year (the age reached that year): the dashboards above the
 * village only keep birth years, and one definition keeps both pyramids equal.
 */
export const AGE_GROUP_COUNT = 16;

/**
 * "Within area X": the resident's area is X, its parent or its grandparent. The areas
 * tree has at most three levels (dusun › RW › RT), so two joins reach every ancestor.
 */
function withinArea(village: string, areaId: number | null, column = sql.ref('r.area_id')): RawBuilder<boolean> {
  if (areaId === null) return sql<boolean>`true`;
  return sql<boolean>`${column} in (
    select a.id from village_areas a
    left join village_areas p on p.village_code = a.village_code and p.id = a.parent_id
    left join village_areas g on g.village_code = p.village_code and g.id = p.parent_id
    where a.village_code = ${village} and ${areaId}::bigint in (a.id, p.id, g.id))`;
}

/** The counting columns every breakdown shares. */
const sexSplit = sql`count(*) filter (where r.sex = 1)::int as male,
  count(*) filter (where r.sex = 2)::int as female,
  count(*)::int as total`;

/** The village's population (rule 1: always by village; COUNTED_IN_POPULATION: present or temporarily away), optionally within an area. */
const living = (village: string, areaId: number | null) =>
  sql`r.village_code = ${village} and r.life_status in (${sql.join(COUNTED_IN_POPULATION)}) and ${withinArea(village, areaId)}`;

export interface ResidentCounts {
  bySex: Omit<CountRow, 'code'>;
  byField: Map<BreakdownField, CountRow[]>;
  /** code 0 = 0–4 … 15 = 75+; null = no birth date */
  ageGroups: CountRow[];
}

/** Sentinel age group of people born after the as-of date: they did not exist yet that day. */
const NOT_BORN_YET = -1;

/**
 * Every coded breakdown, the age groups and the sex totals in ONE pass over the village:
 * a GROUP BY with one grouping set per breakdown (plus `()` for the totals). At 100,000
 * residents (PostgreSQL, two busy cores) it took ~300 ms where one scan per breakdown took
 * ~1.6 s. In a row of
 * set (religion) every other grouped column is NULL, so `coalesce` of them all is the code
 * and `grouping(col) = 0` names the set. Column names come from the fixed list above only.
 */
export async function countResidents(
  db: Q, village: string, fields: readonly BreakdownField[], asOf: string, areaId: number | null,
): Promise<ResidentCounts> {
  for (const f of fields) if (!BREAKDOWN_FIELDS.includes(f)) throw new Error(`not a breakdown field: ${f}`);
  const columns = [...fields.map((f) => sql.ref(`r.${f}`)), sql.ref('r.age_group')];
  const names = [...fields, 'age_group'];
  const whichSet = sql.join(names.map((n, i) => sql`when grouping(${columns[i]}) = 0 then ${n}`), sql` `);
  const sets = sql.join(columns.map((c) => sql`(${c})`));
  const { rows } = await sql<CountRow & { field: BreakdownField | 'age_group' | null }>`
    select case ${whichSet} end as field, coalesce(${sql.join(columns)})::int as code, ${sexSplit}
    from (
      select r.*, case when r.birth_date is null then null when r.birth_date > ${asOf}::date then ${NOT_BORN_YET}
        else least(floor((extract(year from ${asOf}::date) - extract(year from r.birth_date)) / 5), ${AGE_GROUP_COUNT - 1})::int end as age_group
      from residents r
      where ${living(village, areaId)}
    ) r
    group by grouping sets (${sets}, ())
    order by 1, 2 nulls last`.execute(db);
  const byField = new Map<BreakdownField, CountRow[]>(fields.map((f) => [f, []]));
  const ageGroups: CountRow[] = [];
  let bySex = { male: 0, female: 0, total: 0 };
  for (const { field, ...row } of rows) {
    if (field === null) bySex = { male: row.male, female: row.female, total: row.total };
    else if (field === 'age_group') {
      if (row.code !== NOT_BORN_YET) ageGroups.push(row);
    } else byField.get(field)!.push(row);
  }
  return { bySex, byField, ageGroups };
}

/**
 * The same counts from the summary rows the writes keep (population_breakdowns, migration
 * 0024): a few hundred rows instead of every resident. Ages come from birth years, so this is
 * for the as-of day today (a birth date later this year than today would count as 0–4 here,
 * where countResidents leaves it out); another day is counted from the residents.
 */
export async function countResidentsFromSummary(
  db: Q, village: string, fields: readonly BreakdownField[], asOf: string, areaId: number | null,
): Promise<ResidentCounts> {
  for (const f of fields) if (!BREAKDOWN_FIELDS.includes(f)) throw new Error(`not a breakdown field: ${f}`);
  const { rows } = await sql<{ field: BreakdownField | 'birth_year'; code: number; male: number; female: number; total: number }>`
    select b.field, b.code,
      coalesce(sum(b.residents) filter (where b.sex = 1), 0)::int as male,
      coalesce(sum(b.residents) filter (where b.sex = 2), 0)::int as female,
      sum(b.residents)::int as total
    from population_breakdowns b
    where b.village_code = ${village} and b.field in (${sql.join([...fields, 'birth_year'])}) and b.residents <> 0
      and ${withinArea(village, areaId, sql.ref('b.area_id'))}
    group by 1, 2
    order by 1, 2`.execute(db);
  const byField = new Map<BreakdownField, CountRow[]>(fields.map((f) => [f, []]));
  const year = Number(asOf.slice(0, 4));
  const ages = new Map<number | null, CountRow>();
  const bySex = { male: 0, female: 0, total: 0 };
  for (const { field, code, male, female, total } of rows) {
    if (field !== 'birth_year') {
      byField.get(field)!.push({ code: code === -1 ? null : code, male, female, total });
      continue;
    }
    bySex.male += male;
    bySex.female += female;
    bySex.total += total;
    if (code > year) continue; // not born yet on the as-of day
    const group = code === 0 ? null : Math.min(Math.floor((year - code) / 5), AGE_GROUP_COUNT - 1);
    const row = ages.get(group) ?? { code: group, male: 0, female: 0, total: 0 };
    ages.set(group, { code: group, male: row.male + male, female: row.female + female, total: row.total + total });
  }
  // The exact query's order: by code, "not filled" last.
  for (const list of byField.values()) list.sort((a, b) => (a.code === null ? 1 : b.code === null ? -1 : a.code - b.code));
  const ageGroups = [...ages.values()].sort((a, b) => (a.code === null ? 1 : b.code === null ? -1 : a.code - b.code));
  return { bySex, byField, ageGroups };
}

/**
 * Residents by the dusun, RW and RT their area lies in. Residents are first counted per
 * area (one pass over the village), then the few hundred area counts are rolled up the
 * tree, one grouping set per level. `code` is the area's id; null = no area, or an area
 * not under one of that level.
 */
export async function countByAreaLevels(db: Q, village: string, areaId: number | null, fromSummary = false): Promise<Record<AreaLevel, CountRow[]>> {
  const ancestor = (level: AreaLevel) =>
    sql`case when t.level = ${level} then t.id when t.p_level = ${level} then t.p_id when t.g_level = ${level} then t.g_id end`;
  const { rows } = await sql<CountRow & { level: AreaLevel }>`
    with per_area as (${fromSummary
      // Every counted resident has one birth_year row (0 = unknown) in the summary.
      ? sql`select nullif(b.area_id, 0) as area_id,
          coalesce(sum(b.residents) filter (where b.sex = 1), 0)::int as male,
          coalesce(sum(b.residents) filter (where b.sex = 2), 0)::int as female,
          sum(b.residents)::int as total
        from population_breakdowns b
        where b.village_code = ${village} and b.field = 'birth_year' and ${withinArea(village, areaId, sql.ref('b.area_id'))}
        group by 1 having sum(b.residents) <> 0`
      : sql`select r.area_id, ${sexSplit}
        from residents r
        where ${living(village, areaId)}
        group by r.area_id`}
    ), tree as (
      select a.id, a.level, p.id as p_id, p.level as p_level, g.id as g_id, g.level as g_level
      from village_areas a
      left join village_areas p on p.village_code = a.village_code and p.id = a.parent_id
      left join village_areas g on g.village_code = p.village_code and g.id = p.parent_id
      where a.village_code = ${village}
    ), placed as (
      select c.*, ${ancestor('dusun')} as dusun_id, ${ancestor('rw')} as rw_id, ${ancestor('rt')} as rt_id
      from per_area c left join tree t on t.id = c.area_id
    )
    select case when grouping(dusun_id) = 0 then 'dusun' when grouping(rw_id) = 0 then 'rw' else 'rt' end as level,
      coalesce(dusun_id, rw_id, rt_id)::int as code,
      sum(male)::int as male, sum(female)::int as female, sum(total)::int as total
    from placed
    group by grouping sets ((dusun_id), (rw_id), (rt_id))
    order by 1, 2 nulls last`.execute(db);
  const out: Record<AreaLevel, CountRow[]> = { dusun: [], rw: [], rt: [] };
  for (const { level, ...row } of rows) out[level].push(row);
  return out;
}

/** Active families (KK) with at least one living member (within the area, if given). */
export async function countFamilies(db: Q, village: string, areaId: number | null): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(distinct r.family_id)::int as n
    from residents r
    join families f on f.village_code = r.village_code and f.id = r.family_id and f.status = 'active'
    where ${living(village, areaId)}`.execute(db);
  return rows[0]?.n ?? 0;
}

/** The same for the whole village, from the count the writes keep (migration 0025). */
export async function countFamiliesFromSummary(db: Q, village: string): Promise<number> {
  const row = await db.selectFrom('population_family_count').select('families').where('village_code', '=', village).executeTakeFirst();
  return row?.families ?? 0;
}

/** The village's dusun, RW and RT: names for the area rows and the filter. */
export const listAreas = (db: Q, village: string) =>
  db
    .selectFrom('village_areas')
    .select(['id', 'parent_id', 'level', 'name'])
    .where('village_code', '=', village)
    .orderBy('name')
    .orderBy('id')
    .execute();

/** The households module's rollup row (households and their housing), kept with every change to a household. */
export const householdsRollup = (db: Kysely<Database> | Transaction<Database>, code: string) =>
  db.selectFrom('monitoring_households').select(['households', 'surveyed', 'dirt_floor', 'no_electricity', 'no_sanitation', 'unsafe_water'])
    .where('village_code', '=', code).executeTakeFirst();
