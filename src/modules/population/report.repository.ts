import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { COUNTED_IN_POPULATION } from './codes.js';

type Q = Kysely<Database> | Transaction<Database>;

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
  const { rows } = await sql<{ sex: number; is_foreign: boolean; measure: string; n: number }>`
    with changes as (
      select e.resident_id, e.event_date, e.id, e.kind, (e.details->>'from_status')::int as before_status,
        case e.kind when 'death' then 2 when 'move_out' then 3 when 'lost' then 4 when 'temporary_departure' then 6 else 1 end as after_status
      from population_events e
      where e.village_code = ${village} and e.kind in ('death', 'move_out', 'lost', 'temporary_departure', 'return')
    ), firsts as (
      select resident_id, min(event_date) as first_change,
        (array_agg(before_status order by event_date, id) filter (where event_date >= ${start}::date))[1] as before_start,
        (array_agg(before_status order by event_date, id) filter (where event_date >= ${end}::date))[1] as before_end
      from changes group by resident_id
    ), entries as (
      select distinct on (e.resident_id) e.resident_id, e.kind, e.event_date, e.id
      from population_events e
      where e.village_code = ${village} and e.kind in ('registration', 'birth', 'move_in')
      order by e.resident_id, e.event_date, e.id
    ), people as (
      select r.id, r.sex, coalesce(r.citizenship = 2, false) as is_foreign, r.family_id, r.life_status,
        n.kind as entry_kind, x.entered, x.entry_order,
        case when x.entered is null or x.entered < ${start}::date then coalesce(f.before_start, r.life_status) end as s_start,
        case when x.entered is null or x.entered < ${end}::date then coalesce(f.before_end, r.life_status) end as s_end
      from residents r
      left join entries n on n.resident_id = r.id
      left join firsts f on f.resident_id = r.id
      -- A status change dated before the registration (a death typed in after the resident) shows
      -- the resident was here by then: they entered on that day, before that change.
      cross join lateral (select case when f.first_change < n.event_date then f.first_change else n.event_date end as entered,
        case when f.first_change < n.event_date then 0 else n.id end as entry_order) x
      where r.village_code = ${village}
    ), flows as (
      select p.sex, p.is_foreign, c.kind, ${isCounted(sql`c.after_status`)} - ${isCounted(sql`c.before_status`)} as delta
      from changes c join people p on p.id = c.resident_id
      where c.event_date >= ${start}::date and c.event_date < ${end}::date
      union all
      -- An entry adds one when the resident was counted right after it (not someone imported as dead).
      select p.sex, p.is_foreign, p.entry_kind, ${isCounted(sql`coalesce((
          select c.before_status from changes c
          where c.resident_id = p.id and (c.event_date, c.id) > (p.entered, p.entry_order)
          order by c.event_date, c.id limit 1), p.life_status)`)}
      from people p where p.entered >= ${start}::date and p.entered < ${end}::date
    ), fam as (
      -- Families (by today's family card): whether a member was counted at the start and at the end.
      select family_id, max(${isCounted(sql`s_start`)}) as a, max(${isCounted(sql`s_end`)}) as b
      from people where family_id is not null group by family_id
    )
    select sex, is_foreign, 'start' as measure, count(*)::int as n from people where s_start in (${counted}) group by 1, 2
    union all
    select sex, is_foreign, 'end', count(*)::int from people where s_end in (${counted}) group by 1, 2
    union all
    select sex, is_foreign, kind || case when delta > 0 then '+' else '-' end, count(*)::int from flows where delta <> 0 group by 1, 2, 3
    union all
    select 0, false, 'families', count(*) filter (where a = 1)::int from fam
    union all
    select 0, false, 'families_end', count(*) filter (where b = 1)::int from fam
    union all
    select 0, false, 'families_added', count(*) filter (where a = 0 and b = 1)::int from fam
    union all
    select 0, false, 'families_ended', count(*) filter (where a = 1 and b = 0)::int from fam`.execute(db);
  const take = (measure: string) => rows.find((r) => r.measure === measure)?.n ?? 0;
  const families: FamilyCounts = { start: take('families'), end: take('families_end'), added: take('families_added'), ended: take('families_ended') };
  const counts: ReportCount[] = rows.filter((r) => !r.measure.startsWith('families')).map((r) => ({ sex: r.sex, foreign: r.is_foreign, measure: r.measure, n: r.n }));
  return { counts, families };
}
