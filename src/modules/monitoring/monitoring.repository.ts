import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database, IndexModel, IndexStatus } from '../../platform/db/schema.js';
import { COUNTED_IN_POPULATION } from '../population/index.js';

/**
 * Dashboard reads. Every query here reads rollups (monitoring_*, letter_daily,
 * village_activity_daily, village_index_scores) or the small per-village tables (villages,
 * regions): never residents, families, population events or letters.
 *
 * `code` is the region ('' = the whole country); `childLength` is the length of a child's
 * code ('18.09' → 8 for its districts), so `left(village_code, childLength)` names the child.
 */

type Q = Kysely<Database> | Transaction<Database>;

/** Rows of a region: a village itself, or every code under a region (collation C: an index range). */
export function within(column: string | RawBuilder<unknown>, code: string): RawBuilder<boolean> {
  const col = typeof column === 'string' ? sql.ref(column) : column;
  if (code === '') return sql<boolean>`true`;
  if (code.split('.').length === 4) return sql<boolean>`${col} = ${code}`;
  return sql<boolean>`${col} > ${`${code}.`} and ${col} < ${`${code}/`}`;
}

/** Regional figures read letter_daily across villages on purpose (the village guard's mark). */
const acrossVillages = sql.raw('/* cross-village: regional dashboard figures, counts only */');

export const child = (column: string, childLength: number) => sql<string>`left(${sql.ref(column)}, ${sql.lit(childLength)})`;

export const regionChildren = (db: Q, code: string) =>
  db
    .selectFrom('regions')
    .select(['code', 'name', 'kind', 'level'])
    .where(code === '' ? sql<boolean>`parent_code is null` : sql<boolean>`parent_code = ${code}`)
    .orderBy('code')
    .execute();

// ---------------------------------------------------------------------------------------
// adoption

export async function villagesByChild(db: Q, code: string, childLength: number) {
  const r = await sql<{ child: string; villages: number }>`
    select ${child('code', childLength)} as child, count(*)::int as villages
    from regions where level = 4 and ${within('code', code)} group by 1`.execute(db);
  return r.rows;
}

export async function activatedByChild(db: Q, code: string, childLength: number) {
  const r = await sql<{ child: string; activated: number; target: number; initiative: number }>`
    select ${child('village_code', childLength)} as child, count(*)::int as activated,
      (count(*) filter (where activation_kind = 'target'))::int as target,
      (count(*) filter (where activation_kind = 'initiative'))::int as initiative
    from villages where ${within('village_code', code)} group by 1`.execute(db);
  return r.rows;
}

/** Activations per month (WIB), by kind. */
export async function activationsPerMonth(db: Q, code: string) {
  const r = await sql<{ month: string; target: number; initiative: number }>`
    select to_char(date_trunc('month', activated_at at time zone 'Asia/Jakarta'), 'YYYY-MM') as month,
      (count(*) filter (where activation_kind = 'target'))::int as target,
      (count(*) filter (where activation_kind = 'initiative'))::int as initiative
    from villages where ${within('village_code', code)} group by 1 order by 1`.execute(db);
  return r.rows;
}

/**
 * Villages with an officer's or citizen's action since each date (their last active day, on
 * the villages' rows), and the actions in the longer window (the activity rows).
 */
export async function activityByChild(db: Q, code: string, childLength: number, since7: string, since30: string) {
  const [active, actions] = await Promise.all([
    sql<{ child: string; active7: number; active30: number }>`
      select ${child('village_code', childLength)} as child,
        (count(*) filter (where last_active_day >= ${since7}::date))::int as active7,
        (count(*) filter (where last_active_day >= ${since30}::date))::int as active30
      from villages where ${within('village_code', code)} group by 1`.execute(db),
    sql<{ child: string; officer_actions: number; citizen_actions: number }>`
      select ${child('village_code', childLength)} as child,
        coalesce(sum(officer_actions), 0)::int as officer_actions, coalesce(sum(citizen_actions), 0)::int as citizen_actions
      from village_activity_daily
      where day >= ${since30}::date and ${within('village_code', code)}
      group by 1`.execute(db),
  ]);
  const sums = new Map(actions.rows.map((r) => [r.child, r]));
  return active.rows
    .filter((r) => r.active30 > 0 || sums.has(r.child))
    .map((r) => ({ ...r, officer_actions: sums.get(r.child)?.officer_actions ?? 0, citizen_actions: sums.get(r.child)?.citizen_actions ?? 0 }));
}

/** Activated villages with no action since `since`, longest silent first; `total` counts them all. */
export async function quietVillages(db: Q, code: string, since: string, limit: number) {
  const r = await sql<{ village_code: string; name: string; kind: string; activated_at: Date; activation_kind: string; last_day: string | null; total: number }>`
    select v.village_code, r.name, r.kind, v.activated_at, v.activation_kind, v.last_active_day as last_day, count(*) over ()::int as total
    from villages v join regions r on r.code = v.village_code
    where ${within('v.village_code', code)} and (v.last_active_day is null or v.last_active_day < ${since}::date)
    order by v.last_active_day nulls first, v.village_code
    limit ${limit}`.execute(db);
  return r.rows;
}

/**
 * The region's activated villages, most active first (actions in 30 days), with their
 * letters, residents and last action: only for the `limit` picked, so a province's top 20
 * reads 20 villages' rows, not 2,651.
 */
export async function villageFigures(db: Q, code: string, since30: string, limit: number) {
  const r = await sql<{
    village_code: string; name: string; kind: string; activated_at: Date; activation_kind: string;
    actions30: number; active_days30: number; last_day: string | null; issued30: number; residents: number;
  }>`
    -- Materialized steps: the picked villages first, then their figures by village (on Citus a
    -- reference table cannot be joined outward to, or correlated with, distributed rows).
    with active as materialized (
      select village_code, sum(officer_actions + citizen_actions)::int as actions, count(*)::int as days
      from village_activity_daily where day >= ${since30}::date and ${within('village_code', code)} group by village_code
    ),
    picked as materialized (
      select v.village_code, v.activated_at, v.activation_kind, v.last_active_day, coalesce(a.actions, 0) as actions30, coalesce(a.days, 0) as active_days30
      from villages v left join active a on a.village_code = v.village_code
      where ${within('v.village_code', code)}
      order by actions30 desc, v.village_code
      limit ${limit}
    ),
    issued as materialized (
      select l.village_code, sum(l.issued)::int as n from letter_daily l
      where l.village_code in (select village_code from picked) and l.day >= ${since30}::date group by 1
    ),
    population as materialized (
      select m.village_code, sum(m.residents)::int as n from monitoring_population m
      where m.village_code in (select village_code from picked) and m.life_status in (${sql.join(COUNTED_IN_POPULATION)}) group by 1
    )
    select p.village_code, r.name, r.kind, p.activated_at, p.activation_kind, p.actions30, p.active_days30,
      p.last_active_day as last_day, coalesce(i.n, 0) as issued30, coalesce(n.n, 0) as residents
    from picked p join regions r on r.code = p.village_code
      left join issued i on i.village_code = p.village_code
      left join population n on n.village_code = p.village_code
    order by p.actions30 desc, p.village_code`.execute(db);
  return r.rows;
}

/** One village's actions per day since a date. */
export const activityDays = (db: Q, village: string, since: string) =>
  db
    .selectFrom('village_activity_daily')
    .select(['day', 'officer_actions', 'citizen_actions', 'last_at'])
    .where('village_code', '=', village)
    .where('day', '>=', since)
    .orderBy('day')
    .execute();

export const lastActivity = (db: Q, village: string) =>
  db.selectFrom('village_activity_daily').select(['day', 'last_at']).where('village_code', '=', village).orderBy('day', 'desc').limit(1).executeTakeFirst();

export const villageRow = (db: Q, village: string) =>
  db.selectFrom('villages').select(['village_code', 'activated_at', 'activation_kind']).where('village_code', '=', village).executeTakeFirst();

// ---------------------------------------------------------------------------------------
// services (letters)

export interface LetterSums {
  requested: number;
  requested_online: number;
  issued: number;
  ready: number;
  ready_seconds: number;
  rejected: number;
}
const letterSums = sql`
  coalesce(sum(requested), 0)::int as requested, coalesce(sum(requested_online), 0)::int as requested_online,
  coalesce(sum(issued), 0)::int as issued, coalesce(sum(ready), 0)::int as ready,
  coalesce(sum(ready_seconds), 0)::float8 as ready_seconds, coalesce(sum(rejected), 0)::int as rejected`;

export async function lettersByType(db: Q, code: string, from: string, to: string) {
  const r = await sql<LetterSums & { type_code: string }>`
    select type_code, ${letterSums} from letter_daily
    where day between ${from}::date and ${to}::date and ${within('village_code', code)}
    group by type_code order by issued desc, requested desc, type_code ${acrossVillages}`.execute(db);
  return r.rows;
}

export async function lettersByChild(db: Q, code: string, childLength: number, from: string, to: string) {
  const r = await sql<LetterSums & { child: string }>`
    select ${child('village_code', childLength)} as child, ${letterSums} from letter_daily
    where day between ${from}::date and ${to}::date and ${within('village_code', code)}
    group by 1 ${acrossVillages}`.execute(db);
  return r.rows;
}

export async function lettersByMonth(db: Q, code: string, from: string, to: string) {
  const r = await sql<LetterSums & { month: string }>`
    select to_char(day, 'YYYY-MM') as month, ${letterSums} from letter_daily
    where day between ${from}::date and ${to}::date and ${within('village_code', code)}
    group by 1 order by 1 ${acrossVillages}`.execute(db);
  return r.rows;
}

export async function readyHistogram(db: Q, code: string, from: string, to: string) {
  const r = await sql<{ bucket: number; letters: number }>`
    select bucket, sum(letters)::int as letters from monitoring_letter_ready
    where day between ${from}::date and ${to}::date and ${within('village_code', code)}
    group by bucket order by bucket`.execute(db);
  return r.rows;
}

/** Titles of the villages' own letter types (the built-in ones are known to the code). */
export async function letterTypeTitles(db: Q, code: string, codes: string[]) {
  if (!codes.length) return [];
  const r = await sql<{ code: string; title: string }>`
    select distinct on (code) code, title from letter_types
    where code in (${sql.join(codes)}) and ${within('village_code', code)} order by code, updated_at desc ${acrossVillages}`.execute(db);
  return r.rows;
}

// ---------------------------------------------------------------------------------------
// population

/** Village rows of a district or a village: the living by sex and birth year, and every status by child and sex. */
export async function populationFromVillages(db: Q, code: string, childLength: number) {
  const [own, perChild] = await Promise.all([
    sql<{ life_status: number; sex: number; birth_year: number; residents: number }>`
      select life_status, sex, birth_year, sum(residents)::int8 as residents from monitoring_population
      where ${within('village_code', code)} group by 1, 2, 3`.execute(db),
    sql<{ child: string; life_status: number; sex: number; residents: number }>`
      select ${child('village_code', childLength)} as child, life_status, sex, sum(residents)::int8 as residents from monitoring_population
      where ${within('village_code', code)} group by 1, 2, 3`.execute(db),
  ]);
  return { own: own.rows, child: perChild.rows };
}

export async function familiesByChild(db: Q, code: string, childLength: number) {
  const r = await sql<{ child: string; families: number }>`
    select ${child('village_code', childLength)} as child, sum(families)::int as families
    from monitoring_families where status = 'active' and ${within('village_code', code)} group by 1`.execute(db);
  return r.rows;
}

/** Complaints per child region: received and answered in the period (by month), open and overdue now (villages' rollup rows). */
export async function complaintsByChild(db: Q, code: string, childLength: number, period: { from: string; to: string }, today: string) {
  const [now, months] = await Promise.all([
    sql<{ child: string; open: number; overdue: number }>`
      select ${child('village_code', childLength)} as child, sum(open)::int as open, coalesce(sum(open) filter (where due_on < ${today}::date), 0)::int as overdue
      from monitoring_complaints where ${within('village_code', code)} group by 1`.execute(db),
    sql<{ child: string; received: number; answered: number }>`
      select ${child('village_code', childLength)} as child, sum(received)::int as received, sum(answered)::int as answered
      from monitoring_complaints_monthly where ${within('village_code', code)} and month between date_trunc('month', ${period.from}::date)::date and ${period.to}::date group by 1`.execute(db),
  ]);
  return { now: now.rows, months: months.rows };
}

/** Aid recipients and what was paid this year, per programme kind and child region (villages' rollup rows, summed). */
export async function assistanceByChild(db: Q, code: string, childLength: number, year: number) {
  const r = await sql<{ child: string; kind: string; recipients: number; paid: string; payouts: number }>`
    select ${child('village_code', childLength)} as child, kind, sum(recipients)::int as recipients, sum(paid)::text as paid, sum(payouts)::int as payouts
    from monitoring_assistance where year = ${year} and ${within('village_code', code)} group by 1, 2`.execute(db);
  return r.rows;
}

/** Households and their poor housing per child region (villages' rollup rows, summed). */
export async function householdsByChild(db: Q, code: string, childLength: number) {
  const r = await sql<{ child: string; households: number; surveyed: number; dirt_floor: number; no_electricity: number; no_sanitation: number; unsafe_water: number }>`
    select ${child('village_code', childLength)} as child, sum(households)::int as households, sum(surveyed)::int as surveyed, sum(dirt_floor)::int as dirt_floor,
           sum(no_electricity)::int as no_electricity, sum(no_sanitation)::int as no_sanitation, sum(unsafe_water)::int as unsafe_water
    from monitoring_households where ${within('village_code', code)} group by 1`.execute(db);
  return r.rows;
}

/** Institutions, their active members, trainings, people trained and digital cadres per child region (villages' rollup rows, summed). */
export async function institutionsByChild(db: Q, code: string, childLength: number) {
  const r = await sql<{ child: string; institutions: number; active_members: number; trainings: number; people_trained: number; digital_cadres: number }>`
    select ${child('village_code', childLength)} as child, sum(institutions)::int as institutions, sum(active_members)::int as active_members,
           sum(trainings)::int as trainings, sum(people_trained)::int as people_trained, sum(digital_cadres)::int as digital_cadres
    from monitoring_institutions where ${within('village_code', code)} group by 1`.execute(db);
  return r.rows;
}

/** Temporary residents staying now, per child region, from the villages' rollup rows (src/modules/temporary-residents). */
export async function temporaryResidentsByChild(db: Q, code: string, childLength: number) {
  const r = await sql<{ child: string; staying: number; foreigners: number }>`
    select ${child('village_code', childLength)} as child, sum(staying)::int as staying, sum(foreigners)::int as foreigners
    from monitoring_temporary_residents where ${within('village_code', code)} group by 1`.execute(db);
  return r.rows;
}

export async function eventsByMonth(db: Q, code: string, fromMonth: string) {
  const r = await sql<{ month: string; kind: string; events: number }>`
    select to_char(month, 'YYYY-MM') as month, kind, sum(events)::int as events
    from monitoring_events where month >= ${fromMonth}::date and ${within('village_code', code)}
    group by 1, 2 order by 1, 2`.execute(db);
  return r.rows;
}

export async function eventsByChild(db: Q, code: string, childLength: number, fromMonth: string) {
  const r = await sql<{ child: string; kind: string; events: number }>`
    select ${child('village_code', childLength)} as child, kind, sum(events)::int as events
    from monitoring_events where month >= ${fromMonth}::date and ${within('village_code', code)}
    group by 1, 2`.execute(db);
  return r.rows;
}

// ---------------------------------------------------------------------------------------
// village development index

export async function indexYears(db: Q, code: string, model: IndexModel) {
  const r = await sql<{ year: number; villages: number }>`
    select year, count(*)::int as villages from village_index_scores
    where model = ${model} and ${within('village_code', code)} group by year order by year desc`.execute(db);
  return r.rows;
}

export async function statusCounts(db: Q, code: string, childLength: number, model: IndexModel, years: number[]) {
  if (!years.length) return [];
  const r = await sql<{ child: string; year: number; status: IndexStatus; villages: number; score_sum: number }>`
    select ${child('village_code', childLength)} as child, year, status, count(*)::int as villages, sum(score)::float8 as score_sum
    from village_index_scores
    where model = ${model} and year in (${sql.join(years)}) and ${within('village_code', code)}
    group by 1, 2, 3`.execute(db);
  return r.rows;
}

/** Villages by their status last year and this year (both scored). */
export async function statusTransitions(db: Q, code: string, model: IndexModel, year: number) {
  const r = await sql<{ before: IndexStatus; after: IndexStatus; villages: number }>`
    select p.status as before, c.status as after, count(*)::int as villages
    from village_index_scores c
    join village_index_scores p on p.village_code = c.village_code and p.model = c.model and p.year = c.year - 1
    where c.model = ${model} and c.year = ${year} and ${within('c.village_code', code)}
    group by 1, 2`.execute(db);
  return r.rows;
}

/** The region's villages with their score this year and last (for tables and workbooks). */
export async function villageScores(db: Q, code: string, model: IndexModel, year: number, limit: number) {
  const r = await sql<{ village_code: string; name: string; kind: string; score: string; status: IndexStatus; dimensions: Record<string, number>; prev_score: string | null; prev_status: IndexStatus | null }>`
    select c.village_code, r.name, r.kind, c.score::text as score, c.status, c.dimensions, p.score::text as prev_score, p.status as prev_status
    from village_index_scores c
    join regions r on r.code = c.village_code
    left join village_index_scores p on p.village_code = c.village_code and p.model = c.model and p.year = c.year - 1
    where c.model = ${model} and c.year = ${year} and ${within('c.village_code', code)}
    order by c.score desc, c.village_code
    limit ${limit}`.execute(db);
  return r.rows;
}

// ---------------------------------------------------------------------------------------
// activity feed

export async function recentActivations(db: Q, code: string, since: Date) {
  const r = await sql<{ village_code: string; name: string; kind: string; activated_at: Date; activation_kind: string }>`
    select v.village_code, r.name, r.kind, v.activated_at, v.activation_kind
    from villages v join regions r on r.code = v.village_code
    where v.activated_at >= ${since} and ${within('v.village_code', code)}
    order by v.activated_at desc limit 200`.execute(db);
  return r.rows;
}

export async function lettersIssuedByVillage(db: Q, code: string, since: string) {
  const r = await sql<{ village_code: string; name: string; kind: string; issued: number; requested: number; requested_online: number }>`
    select l.village_code, r.name, r.kind, sum(l.issued)::int as issued, sum(l.requested)::int as requested, sum(l.requested_online)::int as requested_online
    from letter_daily l join regions r on r.code = l.village_code
    where l.day >= ${since}::date and ${within('l.village_code', code)}
    group by 1, 2, 3 having sum(l.issued) > 0 or sum(l.requested) > 0
    order by issued desc, l.village_code limit 200 ${acrossVillages}`.execute(db);
  return r.rows;
}

/** Imports in the region since a date, from the audit log (its partial feed index). */
export async function recentImports(db: Q, code: string, since: Date) {
  const r = await sql<{ at: Date; action: string; village_code: string | null; region_code: string | null; name: string | null; kind: string | null; actor_label: string; detail: Record<string, unknown> }>`
    select a.at, a.action, a.village_code, a.region_code, r.name, r.kind, a.actor_label, a.detail
    from audit_log a left join regions r on r.code = coalesce(a.village_code, a.region_code)
    where a.action in ('population.import', 'index.import') and a.outcome = 'ok' and a.at >= ${since}
      and (${code === '' ? sql`true` : sql`coalesce(a.village_code, a.region_code) = ${code}`} or ${within(sql`coalesce(a.village_code, a.region_code)`, code)})
    order by a.at desc limit 200`.execute(db);
  return r.rows;
}

/** Villages active in the month before `recentFrom` but silent since: they stopped this week. */
export async function stoppedVillages(db: Q, code: string, beforeFrom: string, recentFrom: string) {
  const r = await sql<{ village_code: string; name: string; kind: string; last_day: string }>`
    select v.village_code, r.name, r.kind, v.last_active_day as last_day
    from villages v join regions r on r.code = v.village_code
    where v.last_active_day >= ${beforeFrom}::date and v.last_active_day < ${recentFrom}::date and ${within('v.village_code', code)}
    order by v.last_active_day desc, v.village_code limit 200`.execute(db);
  return r.rows;
}

// ---------------------------------------------------------------------------------------
// region rows (country, province, regency): folded rows plus the deltas still pending

export interface RegionSpec {
  base: string;
  pending: string;
  keys: string[];
  values: string[];
}
export const POPULATION: RegionSpec = { base: 'monitoring_region_population', pending: 'monitoring_pending_population', keys: ['life_status', 'sex', 'birth_year'], values: ['residents'] };
export const EVENTS: RegionSpec = { base: 'monitoring_region_events', pending: 'monitoring_pending_events', keys: ['month', 'kind'], values: ['events'] };
export const LETTERS: RegionSpec = {
  base: 'monitoring_region_letters', pending: 'monitoring_pending_letters', keys: ['day', 'type_code'],
  values: ['requested', 'requested_online', 'issued', 'ready', 'ready_seconds', 'rejected'],
};
export const READY: RegionSpec = { base: 'monitoring_region_letter_ready', pending: 'monitoring_pending_letter_ready', keys: ['day', 'bucket'], values: ['letters'] };

/** A group-by item: a key column, or an expression over them with its name ("to_char(day, 'YYYY-MM')", 'month'). */
type Group = string | [expression: string, alias: string];

/**
 * Rows of a region (level 0–2) from its folded region rows and the pending deltas of its
 * villages, in one statement (one snapshot: the same sums before and after a fold).
 * `own`: the region itself; `child`: each region one level down, as `child`.
 */
export async function regionRows<T>(db: Q, spec: RegionSpec, code: string, level: number, part: 'own' | 'child', group: Group[], filter?: RawBuilder<boolean>): Promise<T[]> {
  const cols = sql.raw([...spec.keys, ...spec.values].join(', '));
  const items = [...(part === 'child' ? (['child'] as Group[]) : []), ...group];
  const select = items.map((g) => (typeof g === 'string' ? g : `${g[0]} as ${g[1]}`));
  const groupBy = items.map((g) => (typeof g === 'string' ? g : g[0]));
  const outer = sql.raw([...select, ...spec.values.map((v) => `sum(${v})::int8 as ${v}`)].join(', '));
  const groupClause = groupBy.length ? sql.raw(`group by ${groupBy.join(', ')}`) : sql``;
  const f = filter ?? sql<boolean>`true`;
  const childLength = level === 0 ? 2 : code.length + 3;
  const baseWhere = part === 'own' ? sql`level = ${level} and region_code = ${code}` : sql`level = ${level + 1} and ${within('region_code', code)}`;
  const r = await sql<T>`
    select ${outer} from (
      select region_code as child, ${cols} from ${sql.table(spec.base)} where ${baseWhere} and ${f}
      union all
      select ${part === 'child' ? sql`left(village_code, ${sql.lit(childLength)})` : sql`''`} as child, ${cols} from ${sql.table(spec.pending)}
      where ${within('village_code', code)} and ${f}
    ) x
    ${groupClause} ${acrossVillages}`.execute(db);
  return r.rows;
}

/** Deltas waiting to be folded (the server folds every few seconds). */
export async function pendingCount(db: Q): Promise<number> {
  const r = await sql<{ n: number }>`
    select (select count(*) from monitoring_pending_population) + (select count(*) from monitoring_pending_events)
      + (select count(*) from monitoring_pending_letters) + (select count(*) from monitoring_pending_letter_ready) as n`.execute(db);
  return Number(r.rows[0]!.n);
}

export async function fold(db: Q): Promise<number> {
  const r = await sql<{ n: number }>`select monitoring_fold() as n`.execute(db);
  return Number(r.rows[0]!.n);
}

// ---------------------------------------------------------------------------------------
// each figure from the region rows above the district, from the village rows below

type LetterRow = LetterSums;

export interface PopulationRows {
  own: { life_status: number; sex: number; birth_year: number; residents: number }[];
  child: { child: string; life_status: number; sex: number; residents: number }[];
}
export async function populationRows(db: Q, code: string, level: number, childLength: number): Promise<PopulationRows> {
  if (level > 2) return populationFromVillages(db, code, childLength);
  const [own, child] = await Promise.all([
    regionRows<{ life_status: number; sex: number; birth_year: number; residents: number }>(db, POPULATION, code, level, 'own', ['life_status', 'sex', 'birth_year']),
    regionRows<{ child: string; life_status: number; sex: number; residents: number }>(db, POPULATION, code, level, 'child', ['life_status', 'sex']),
  ]);
  return { own, child };
}

export async function eventRows(db: Q, code: string, level: number, childLength: number, fromMonth: string): Promise<{ own: { month: string; kind: string; events: number }[]; child: { child: string; kind: string; events: number }[] }> {
  if (level > 2) {
    const [own, child] = await Promise.all([eventsByMonth(db, code, fromMonth), eventsByChild(db, code, childLength, fromMonth)]);
    return { own, child };
  }
  const since = sql<boolean>`month >= ${fromMonth}::date`;
  const [own, child] = await Promise.all([
    regionRows<{ month: string; kind: string; events: number }>(db, EVENTS, code, level, 'own', [["to_char(month, 'YYYY-MM')", 'month'], 'kind'], since),
    regionRows<{ child: string; kind: string; events: number }>(db, EVENTS, code, level, 'child', ['kind'], since),
  ]);
  return { own, child };
}

export async function letterRows(db: Q, code: string, level: number, childLength: number, period: { from: string; to: string }, yearFrom: string) {
  if (level > 2) {
    const [types, children, months, histogram] = await Promise.all([
      lettersByType(db, code, period.from, period.to),
      level === 3 ? lettersByChild(db, code, childLength, period.from, period.to) : Promise.resolve([]),
      lettersByMonth(db, code, yearFrom, period.to),
      readyHistogram(db, code, period.from, period.to),
    ]);
    return { types, children, months, histogram };
  }
  const inPeriod = sql<boolean>`day between ${period.from}::date and ${period.to}::date`;
  const [types, children, months, histogram] = await Promise.all([
    regionRows<LetterRow & { type_code: string }>(db, LETTERS, code, level, 'own', ['type_code'], inPeriod),
    regionRows<LetterRow & { child: string }>(db, LETTERS, code, level, 'child', [], inPeriod),
    regionRows<LetterRow & { month: string }>(db, LETTERS, code, level, 'own', [["to_char(day, 'YYYY-MM')", 'month']], sql<boolean>`day between ${yearFrom}::date and ${period.to}::date`),
    regionRows<{ bucket: number; letters: number }>(db, READY, code, level, 'own', ['bucket'], inPeriod),
  ]);
  types.sort((a, b) => b.issued - a.issued || b.requested - a.requested || a.type_code.localeCompare(b.type_code));
  months.sort((a, b) => a.month.localeCompare(b.month));
  return { types, children, months, histogram };
}

// ---------------------------------------------------------------------------------------
// village budgets (APBDes): the adopted budget and its realisation, per village and year

/** Per child region: villages with an adopted budget of the year, its totals and what was realised. */
export async function budgetsByChild(db: Q, code: string, childLength: number, year: number) {
  const r = await sql<{ child: string; villages: number; income: string; spending: string; realised_income: string; realised_spending: string }>`
    select ${child('village_code', childLength)} as child, count(*)::int as villages,
      sum(income)::text as income, sum(spending)::text as spending,
      sum(realised_income)::text as realised_income, sum(realised_spending)::text as realised_spending
    from monitoring_budgets where year = ${year} and ${within('village_code', code)} group by 1`.execute(db);
  return r.rows;
}

/** Per child region, how many villages adopted the year's RKPDes, and how many by its deadline (30 September of the year before). */
export async function plansByChild(db: Q, code: string, childLength: number, year: number) {
  const r = await sql<{ child: string; villages: number; on_time: number }>`
    select ${child('village_code', childLength)} as child, count(*)::int as villages,
      count(*) filter (where rkpdes_regulation_date <= ${`${year - 1}-09-30`}::date)::int as on_time
    from monitoring_plans where year = ${year} and ${within('village_code', code)} group by 1`.execute(db);
  return r.rows;
}

/**
 * Per child region (or per village, with the village code as the child), the year's projects and
 * how many are late on a day: unfinished after their end, or more than `points` behind a straight
 * line from 0 % on the first day to 100 % on the last (project.service.ts scheduleOn, in SQL).
 */
export async function projectsByChild(db: Q, code: string, childLength: number, year: number, today: string, points: number) {
  const r = await sql<{ child: string; projects: number; late: number }>`
    select ${child('village_code', childLength)} as child, count(*)::int as projects,
      count(*) filter (where progress < 100 and (${today}::date > ends_on
        or progress + ${points} < least(100, greatest(0, round(100.0 * (${today}::date - starts_on) / greatest(ends_on - starts_on, 1))))))::int as late
    from monitoring_projects where year = ${year} and ${within('village_code', code)} group by 1`.execute(db);
  return r.rows;
}

/** The villages of a district (or one village) with their budget and annual plan of the year, adopted or not. */
export async function villageBudgets(db: Q, code: string, year: number) {
  const r = await sql<{ village_code: string; name: string; income: string | null; spending: string | null; realised_income: string | null; realised_spending: string | null; regulation_date: string | null; last_entry_date: string | null; rkpdes_date: string | null }>`
    select v.village_code, g.name, b.income::text, b.spending::text, b.realised_income::text, b.realised_spending::text,
      to_char(b.regulation_date, 'YYYY-MM-DD') as regulation_date, to_char(b.last_entry_date, 'YYYY-MM-DD') as last_entry_date,
      to_char(p.rkpdes_regulation_date, 'YYYY-MM-DD') as rkpdes_date
    from villages v join regions g on g.code = v.village_code
    left join monitoring_budgets b on b.village_code = v.village_code and b.year = ${year}
    left join monitoring_plans p on p.village_code = v.village_code and p.year = ${year}
    where ${within('v.village_code', code)} order by v.village_code`.execute(db);
  return r.rows;
}
