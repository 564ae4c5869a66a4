import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { COUNTED_IN_POPULATION } from './codes.js';

type Q = Kysely<Database> | Transaction<Database>;

const ENTRY_KINDS = ['registration', 'birth', 'move_in'] as const;

/** One count of the monthly report: residents of a sex and citizenship group for one measure. */
export interface ReportCount {
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
 * none; a resident is not there yet before their entry (registration, birth, move in).
 * Counting statuses rather than adding up `population_change` keeps the report equal to the
 * statistics page even for residents imported as dead or moved (their registration added one).
 *
 * Measures: start, end, and for each event of the month that changed the count, its kind
 * with '+' or '-' (birth+, death-, lost-, return+ …). Citizenship 2 (WNA) is foreign.
 */
export async function monthlyCounts(db: Q, village: string, start: string, end: string) {
  const counted = sql.join(COUNTED_IN_POPULATION);
  const isCounted = (status: ReturnType<typeof sql>) => sql`case when ${status} in (${counted}) then 1 else 0 end`;
  const { rows } = await sql<{ sex: number; is_foreign: boolean; start: number | null; end: number | null; kind: string | null; delta: number | null } & Record<(typeof ENTRY_KINDS)[number], number | null>>`
    with changes as (
      select e.resident_id, e.event_date, e.id, e.kind, (e.details->>'from_status')::int as before_status,
        case e.kind when 'death' then 2 when 'move_out' then 3 when 'lost' then 4 when 'temporary_departure' then 6 else 1 end as after_status
      from population_events e
      where e.village_code = ${village} and e.kind in ('death', 'move_out', 'lost', 'temporary_departure', 'return')
    ), firsts as (
      select resident_id, min(event_date) as first_change,
        (array_agg(before_status order by event_date, id))[1] as first_before,
        (array_agg(before_status order by event_date, id) filter (where event_date >= ${start}::date))[1] as before_start,
        (array_agg(before_status order by event_date, id) filter (where event_date >= ${end}::date))[1] as before_end
      from changes group by resident_id
    ), entries as (
      -- One entry per resident (a hash aggregate: no sort of every event of the village).
      select e.resident_id, min(e.kind) as kind, min(e.event_date) as event_date
      from population_events e
      where e.village_code = ${village} and e.kind in ('registration', 'birth', 'move_in')
      group by e.resident_id
    ), people as (
      select r.id, r.sex, coalesce(r.citizenship = 2, false) as is_foreign, r.family_id, r.life_status,
        n.kind as entry_kind, x.entered, f.first_before,
        case when x.entered is null or x.entered < ${start}::date then coalesce(f.before_start, r.life_status) end as s_start,
        case when x.entered is null or x.entered < ${end}::date then coalesce(f.before_end, r.life_status) end as s_end
      from residents r
      left join entries n on n.resident_id = r.id
      left join firsts f on f.resident_id = r.id
      -- A status change dated before the registration (a death typed in after the resident) shows
      -- the resident was here by then: they entered on that day, before that change.
      cross join lateral (select case when f.first_change < n.event_date then f.first_change else n.event_date end as entered) x
      where r.village_code = ${village}
    ), fam as (
      -- Families (by today's family card): whether a member was counted at the start and at the end.
      select family_id, max(${isCounted(sql`s_start`)}) as a, max(${isCounted(sql`s_end`)}) as b
      from people where family_id is not null group by family_id
    )
    -- One pass over the residents for the start, the end and the month's entries (an entry adds one
    -- when the resident was counted right after it — not someone imported as dead: the status
    -- before their first change, every change coming after the entry, or today's status).
    select sex, is_foreign,
      count(*) filter (where s_start in (${counted}))::int as start,
      count(*) filter (where s_end in (${counted}))::int as "end",
      ${sql.join(ENTRY_KINDS.map((k) => sql`count(*) filter (where entered >= ${start}::date and entered < ${end}::date
        and entry_kind = ${k} and coalesce(first_before, life_status) in (${counted}))::int as ${sql.ref(k)}`))},
      null::text as kind, null::int as delta
    from people group by 1, 2
    union all
    -- The month's status changes that changed the count (few rows).
    select p.sex, p.is_foreign, null, null, ${sql.join(ENTRY_KINDS.map(() => sql`null`))}, c.kind,
      ${isCounted(sql`c.after_status`)} - ${isCounted(sql`c.before_status`)}
    from changes c join people p on p.id = c.resident_id
    where c.event_date >= ${start}::date and c.event_date < ${end}::date
    union all
    select 0, false, count(*) filter (where a = 1)::int, count(*) filter (where b = 1)::int,
      count(*) filter (where a = 0 and b = 1)::int, count(*) filter (where a = 1 and b = 0)::int, null, 'families', null
    from fam`.execute(db);
  const counts: ReportCount[] = [];
  let families: FamilyCounts = { start: 0, end: 0, added: 0, ended: 0 };
  for (const r of rows) {
    if (r.kind === 'families') {
      // start, end, then added and ended in the first two entry columns (one row, no sex)
      families = { start: r.start!, end: r.end!, added: r.registration!, ended: r.birth! };
    } else if (r.kind) {
      if (r.delta) counts.push({ sex: r.sex, foreign: r.is_foreign, measure: `${r.kind}${r.delta > 0 ? '+' : '-'}`, n: 1 });
    } else {
      counts.push({ sex: r.sex, foreign: r.is_foreign, measure: 'start', n: r.start! }, { sex: r.sex, foreign: r.is_foreign, measure: 'end', n: r.end! });
      for (const kind of ENTRY_KINDS) counts.push({ sex: r.sex, foreign: r.is_foreign, measure: `${kind}+`, n: r[kind]! });
    }
  }
  return { counts, families };
}
