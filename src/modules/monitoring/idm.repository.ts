import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, IndexModel, IndexStatus } from '../../platform/db/schema.js';
import { COUNTED_IN_POPULATION } from '../population/index.js';

type Q = Kysely<Database> | Transaction<Database>;

export interface ScoreRow {
  village_code: string;
  model: IndexModel;
  year: number;
  score: number;
  status: IndexStatus;
  dimensions: Record<string, number>;
  indicators: Record<string, number>;
  source: 'form' | 'import' | 'demo';
}

export const villageHistory = (db: Q, village: string) =>
  db
    .selectFrom('village_index_scores as s')
    .leftJoin('users as u', 'u.id', 's.entered_by')
    .select(['s.model', 's.year', 's.score', 's.status', 's.dimensions', 's.indicators', 's.source', 's.entered_at', 'u.full_name as entered_by_name'])
    .where('s.village_code', '=', village)
    .orderBy('s.year', 'desc')
    .orderBy('s.model')
    .execute();

/**
 * Writes many scores at once (one statement per chunk, arrays as parameters): a province's
 * 2,651 rows in a few statements. A row for the same village, model and year is replaced.
 */
export async function upsertScores(db: Q, rows: ScoreRow[], userId: number | null, chunk = 2000): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    await sql`
      insert into village_index_scores as s (village_code, model, year, score, status, dimensions, indicators, source, entered_by)
      select u.village_code, u.model, u.year, u.score, u.status, u.dimensions::jsonb, u.indicators::jsonb, u.source, ${userId}::int8
      from unnest(${part.map((r) => r.village_code)}::text[], ${part.map((r) => r.model)}::text[], ${part.map((r) => r.year)}::int2[],
        ${part.map((r) => r.score)}::numeric[], ${part.map((r) => r.status)}::text[], ${part.map((r) => JSON.stringify(r.dimensions))}::text[],
        ${part.map((r) => JSON.stringify(r.indicators))}::text[], ${part.map((r) => r.source)}::text[])
        as u(village_code, model, year, score, status, dimensions, indicators, source)
      order by 1, 2, 3
      on conflict (village_code, model, year) do update set score = excluded.score, status = excluded.status,
        dimensions = excluded.dimensions, indicators = excluded.indicators, source = excluded.source,
        entered_by = excluded.entered_by, entered_at = excluded.entered_at`.execute(db);
  }
}

/** Which of these (village, year) pairs already have a score of the model: the preview says what an import replaces. */
export async function existingScores(db: Q, model: IndexModel, keys: { village_code: string; year: number }[]): Promise<number> {
  if (!keys.length) return 0;
  const r = await sql<{ n: number }>`
    select count(*)::int as n from village_index_scores s
    join unnest(${keys.map((k) => k.village_code)}::text[], ${keys.map((k) => k.year)}::int2[]) as u(village_code, year)
      on s.village_code = u.village_code and s.year = u.year
    where s.model = ${model}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Which of these codes are villages (level 4) in the region table. */
export async function knownVillages(db: Q, codes: string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const r = await sql<{ code: string }>`
    select code from regions where level = 4 and code = any(${codes}::text[])`.execute(db);
  return new Set(r.rows.map((x) => x.code));
}

/** Every stored score of a model, to derive the statuses again after the cut-offs changed. */
export const scoresOf = (db: Q, model: IndexModel) =>
  db.selectFrom('village_index_scores').select(['village_code', 'year', 'score', 'status']).where('model', '=', model).execute();

export async function setStatuses(db: Q, model: IndexModel, rows: { village_code: string; year: number; status: IndexStatus }[]) {
  if (!rows.length) return;
  await sql`
    update village_index_scores s set status = u.status
    from unnest(${rows.map((r) => r.village_code)}::text[], ${rows.map((r) => r.year)}::int2[], ${rows.map((r) => r.status)}::text[]) as u(village_code, year, status)
    where s.village_code = u.village_code and s.year = u.year and s.model = ${model}`.execute(db);
}

/** A village's own figures that can speak to an indicator: from the rollups, never the residents. */
export async function villageDataFigures(db: Q, village: string, yearStart: string, since30: string) {
  const [years, families, letters, active] = await Promise.all([
    sql<{ birth_year: number; residents: number }>`
      select birth_year, sum(residents)::int as residents from monitoring_population
      where village_code = ${village} and life_status in (${sql.join(COUNTED_IN_POPULATION)}) group by birth_year`.execute(db),
    sql<{ families: number }>`
      select coalesce(sum(families), 0)::int as families from monitoring_families where village_code = ${village} and status = 'active'`.execute(db),
    sql<{ issued: number; requested: number; online: number }>`
      select coalesce(sum(issued), 0)::int as issued, coalesce(sum(requested), 0)::int as requested, coalesce(sum(requested_online), 0)::int as online
      from letter_daily where village_code = ${village} and day >= ${yearStart}::date`.execute(db),
    sql<{ days: number }>`
      select count(*)::int as days from village_activity_daily where village_code = ${village} and day >= ${since30}::date`.execute(db),
  ]);
  return { years: years.rows, families: families.rows[0]!.families, letters: letters.rows[0]!, activeDays: active.rows[0]!.days };
}

/** Villages of a province for the demo's made-up scores: every `every`-th by code, and all of one district. */
export async function sampleVillages(db: Q, province: string, every: number, district: string): Promise<string[]> {
  const r = await sql<{ code: string }>`
    select code from (
      select code, row_number() over (order by code) as n from regions
      where level = 4 and code > ${`${province}.`} and code < ${`${province}/`}
    ) x where n % ${every} = 1 or (code > ${`${district}.`} and code < ${`${district}/`})
    order by code`.execute(db);
  return r.rows.map((x) => x.code);
}
