import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { COUNTED_IN_POPULATION } from './codes.js';
import { populationVersion } from './population-version.js';

type Q = Kysely<Database> | Transaction<Database>;

const ENTRY_KINDS = ['registration', 'birth', 'move_in'] as const;
const STATUS_KINDS = ['death', 'move_out', 'lost', 'temporary_departure', 'return'] as const;

/** One count of the monthly report: residents of a sex and citizenship group for one measure. */
export interface ReportCount {
  /** The resident's area (village_areas id, 0 for none) when counted by area; 0 otherwise. */
  area: number;
  sex: number;
  foreign: boolean;
  measure: string;
  n: number;
}

export interface FamilyCounts {
  start: number;
  end: number;
  added: number;
  ended: number;
}

/**
 * The monthly report's counts, from each resident's status on the first day of the month and
 * of the next month. A resident's status on a day is the status before the first status
 * change (death, move out, lost, away, return) dated on or after it, or today's status when
 * none; a resident is not there yet before their entry (registration, birth, move in), or
 * before a status change dated earlier than that entry (a death typed in after the resident).
 * Counting statuses rather than adding up `population_change` keeps the report equal to the
 * statistics page even for residents imported as dead or moved (their registration added one).
 *
 * Only residents with an event dated on or after the first day ("touched") can differ from
 * today, so they alone are worked out one by one; everyone else counts as today, read from one
 * grouped count. A quiet month of a 100,000-resident village touches a few dozen residents.
 *
 * Measures: start, end, and for each event of the month that changed the count, its kind
 * with '+' or '-' (birth+, death-, lost-, return+ …). Citizenship 2 (WNA) is foreign.
 */
export async function monthlyCounts(db: Q, village: string, start: string, end: string): Promise<MonthlyFigures> {
  const { counts, families } = await countsOf(db, village, start, end, false);
  return { counts, families: families.get(0) ?? { start: 0, end: 0, added: 0, ended: 0 } };
}

/**
 * The same counts by the area each resident (and each family card) is recorded in today — the
 * rekapitulasi per dusun adds the areas up under their dusun. A resident who moved between
 * dusun during the month counts in today's one.
 */
export async function monthlyCountsByArea(db: Q, village: string, start: string, end: string): Promise<AreaFigures> {
  const { counts, families } = await countsOf(db, village, start, end, true);
  return { byArea: true, counts, families: [...families] };
}

/** The month's counts by area, as kept: families as [area, counts] pairs (JSON has no maps). */
export interface AreaFigures { byArea: true; counts: ReportCount[]; families: [number, FamilyCounts][] }

/** The village's figures from its areas' (what the monthly report shows). */
export function villageFigures(f: AreaFigures): MonthlyFigures {
  const sums = new Map<string, ReportCount>();
  for (const c of f.counts) {
    const key = `${c.sex}|${c.foreign}|${c.measure}`;
    const seen = sums.get(key);
    if (seen) seen.n += c.n;
    else sums.set(key, { ...c, area: 0 });
  }
  const families = { start: 0, end: 0, added: 0, ended: 0 };
  for (const [, x] of f.families) (families.start += x.start, families.end += x.end, families.added += x.added, families.ended += x.ended);
  return { counts: [...sums.values()], families };
}

async function countsOf(db: Q, village: string, start: string, end: string, byArea: boolean) {
  const area = (x: ReturnType<typeof sql>) => (byArea ? sql`coalesce(${x}, 0)` : sql`0`);
  const counted = sql.join(COUNTED_IN_POPULATION);
  const isCounted = (status: ReturnType<typeof sql>) => sql`case when ${status} in (${counted}) then 1 else 0 end`;
  const entryKinds = sql.join(ENTRY_KINDS);
  const statusKinds = sql.join(STATUS_KINDS);
  const { rows } = await sql<{ area: number; sex: number; is_foreign: boolean; start: number | null; end: number | null; kind: string | null; delta: number | null } & Record<(typeof ENTRY_KINDS)[number], number | null>>`
    with touched as (
      select distinct e.resident_id from population_events e
      where e.village_code = ${village} and e.event_date >= ${start}::date and e.kind in (${entryKinds}, ${statusKinds})
    ), changes as (
      select e.resident_id, e.event_date, e.id, e.kind, (e.details->>'from_status')::int as before_status,
        case e.kind when 'death' then 2 when 'move_out' then 3 when 'lost' then 4 when 'temporary_departure' then 6 else 1 end as after_status
      from population_events e join touched t on t.resident_id = e.resident_id
      where e.village_code = ${village} and e.kind in (${statusKinds})
    ), firsts as (
      select resident_id, min(event_date) as first_change,
        (array_agg(before_status order by event_date, id))[1] as first_before,
        (array_agg(before_status order by event_date, id) filter (where event_date >= ${start}::date))[1] as before_start,
        (array_agg(before_status order by event_date, id) filter (where event_date >= ${end}::date))[1] as before_end
      from changes group by resident_id
    ), entries as (
      select e.resident_id, min(e.kind) as kind, min(e.event_date) as event_date
      from population_events e join touched t on t.resident_id = e.resident_id
      where e.village_code = ${village} and e.kind in (${entryKinds})
      group by e.resident_id
    ), people as (
      select r.id, ${area(sql`r.area_id`)} as area, r.sex, coalesce(r.citizenship = 2, false) as is_foreign, r.family_id, r.life_status,
        n.kind as entry_kind, x.entered, f.first_before,
        case when x.entered is null or x.entered < ${start}::date then coalesce(f.before_start, r.life_status) end as s_start,
        case when x.entered is null or x.entered < ${end}::date then coalesce(f.before_end, r.life_status) end as s_end
      from residents r
      join touched t on t.resident_id = r.id
      left join entries n on n.resident_id = r.id
      left join firsts f on f.resident_id = r.id
      cross join lateral (select case when f.first_change < n.event_date then f.first_change else n.event_date end as entered) x
      where r.village_code = ${village}
    ), members as (
      -- Every member of a family with a touched member: touched ones as on the day, the others as today.
      select r.family_id, ${area(sql`fa.area_id`)} as area, ${isCounted(sql`r.life_status`)} as now,
        ${isCounted(sql`case when p.id is null then r.life_status else p.s_start end`)} as a,
        ${isCounted(sql`case when p.id is null then r.life_status else p.s_end end`)} as b
      from residents r
      left join people p on p.id = r.id
      ${byArea ? sql`left join families fa on fa.village_code = r.village_code and fa.id = r.family_id` : sql``}
      where r.village_code = ${village} and r.family_id in (select family_id from people where family_id is not null)
    ), fam as (
      select family_id, area, max(now) as now, max(a) as a, max(b) as b from members group by family_id, area
    ), fam_now as (
      -- Today's families with a member in the population, from the count the writes keep
      -- (migration 0025; the statistics page's own figure) rather than grouping every resident;
      -- by area, from the per-family member counts the same writes keep.
      ${byArea
        ? sql`select coalesce(f.area_id, 0) as area, count(*)::int as n from population_family_members m
            join families f on f.village_code = m.village_code and f.id = m.family_id
            where m.village_code = ${village} and m.members > 0 and f.status = 'active' group by 1`
        : sql`select 0 as area, coalesce((select families from population_family_count where village_code = ${village}), 0) as n`}
    ), fam_by_area as (
      select area, count(*) filter (where now = 1) as now, count(*) filter (where a = 1) as a, count(*) filter (where b = 1) as b,
        count(*) filter (where a = 0 and b = 1) as added, count(*) filter (where a = 1 and b = 0) as ended
      from fam group by area
    )
    -- Today's population by group, corrected by the touched residents: start and end, and the
    -- month's entries (an entry adds one when the resident was counted right after it — not
    -- someone imported as dead: the status before their first change, or today's status).
    select area, sex, is_foreign, sum(start)::int as start, sum("end")::int as "end",
      ${sql.join(ENTRY_KINDS.map((k) => sql`sum(${sql.ref(k)})::int as ${sql.ref(k)}`))}, null::text as kind, null::int as delta
    from (
      -- Today's population by sex and citizenship from the summary rows the writes keep
      -- (population_breakdowns, migration 0024: the same residents, alive or away).
      select ${area(sql`area_id`)} as area, sex, code = 2 as is_foreign, sum(residents) as start, sum(residents) as "end",
        ${sql.join(ENTRY_KINDS.map((k) => sql`0 as ${sql.ref(k)}`))}
      from population_breakdowns where village_code = ${village} and field = 'citizenship' group by 1, 2, 3
      union all
      select area, sex, is_foreign,
        count(*) filter (where s_start in (${counted})) - count(*) filter (where life_status in (${counted})),
        count(*) filter (where s_end in (${counted})) - count(*) filter (where life_status in (${counted})),
        ${sql.join(ENTRY_KINDS.map((k) => sql`count(*) filter (where entered >= ${start}::date and entered < ${end}::date
          and entry_kind = ${k} and coalesce(first_before, life_status) in (${counted}))`))}
      from people group by 1, 2, 3
    ) x group by 1, 2, 3
    union all
    -- The month's status changes that changed the count (few rows).
    select p.area, p.sex, p.is_foreign, null, null, ${sql.join(ENTRY_KINDS.map(() => sql`null`))}, c.kind,
      ${isCounted(sql`c.after_status`)} - ${isCounted(sql`c.before_status`)}
    from changes c join people p on p.id = c.resident_id
    where c.event_date >= ${start}::date and c.event_date < ${end}::date
    union all
    -- Families: start, end, added and ended (in the first entry columns: a row per area, no sex).
    select coalesce(n.area, f.area), 0, false,
      coalesce(n.n, 0) - coalesce(f.now, 0) + coalesce(f.a, 0),
      coalesce(n.n, 0) - coalesce(f.now, 0) + coalesce(f.b, 0),
      coalesce(f.added, 0)::int, coalesce(f.ended, 0)::int, null, 'families', null
    from fam_now n full join fam_by_area f on f.area = n.area`.execute(db);
  const counts: ReportCount[] = [];
  const families = new Map<number, FamilyCounts>();
  for (const r of rows) {
    const area = Number(r.area);
    if (r.kind === 'families') {
      // start, end, then added and ended in the first two entry columns (a row per area, no sex)
      families.set(area, { start: r.start!, end: r.end!, added: r.registration!, ended: r.birth! });
    } else if (r.kind) {
      if (r.delta) counts.push({ area, sex: r.sex, foreign: r.is_foreign, measure: `${r.kind}${r.delta > 0 ? '+' : '-'}`, n: 1 });
    } else {
      counts.push({ area, sex: r.sex, foreign: r.is_foreign, measure: 'start', n: r.start! }, { area, sex: r.sex, foreign: r.is_foreign, measure: 'end', n: r.end! });
      for (const kind of ENTRY_KINDS) counts.push({ area, sex: r.sex, foreign: r.is_foreign, measure: `${kind}+`, n: r[kind]! });
    }
  }
  return { counts, families };
}

export interface MonthlyFigures { counts: ReportCount[]; families: FamilyCounts }

/**
 * The month's counts by area, kept once worked out for a month that has ended while the
 * register stays at the same version (a change to the register moves the version: worked out
 * again). The monthly report and the per-dusun recapitulation both read it; working a past
 * month out takes a third of a second at 10,000 residents with a year of events after it.
 * A report kept before the areas were counted is worked out again.
 */
export async function monthlyAreaFigures(db: Kysely<Database>, village: string, start: string, end: string, today: string): Promise<AreaFigures> {
  if (end > `${today.slice(0, 7)}-01`) return monthlyCountsByArea(db, village, start, end);
  // One snapshot, so the start plus the changes equals the end while people are being registered.
  const { figures, version, fresh } = await db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const version = await populationVersion(trx, village);
    const kept = await keptReport(trx, village, start, version);
    const figures = kept && (kept as Partial<AreaFigures>).byArea ? (kept as unknown as AreaFigures) : await monthlyCountsByArea(trx, village, start, end);
    return { figures, version, fresh: figures !== (kept as unknown) };
  });
  if (fresh) await keepReport(db, village, start, version, figures);
  return figures;
}

/** A kept report of the month starting `month`, if it was worked out at this version. */
async function keptReport(db: Q, village: string, month: string, version: string): Promise<unknown> {
  const row = await db
    .selectFrom('population_monthly_reports')
    .select('report')
    .where('village_code', '=', village)
    .where('month', '=', month)
    .where('version', '=', version)
    .executeTakeFirst();
  return row?.report;
}

/** Keeps a report worked out at `version`; one kept at a later version is not replaced. */
async function keepReport(db: Q, village: string, month: string, version: string, figures: AreaFigures) {
  await db
    .insertInto('population_monthly_reports')
    .values({ village_code: village, month, version, report: JSON.stringify(figures) })
    .onConflict((oc) =>
      oc.columns(['village_code', 'month']).doUpdateSet((eb) => ({ version: eb.ref('excluded.version'), report: eb.ref('excluded.report'), worked_out_at: eb.ref('excluded.worked_out_at') }))
        .where('population_monthly_reports.version', '<=', (eb) => eb.ref('excluded.version')))
    .execute();
}
