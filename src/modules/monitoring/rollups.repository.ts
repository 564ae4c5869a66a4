import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { within } from './monitoring.repository.js';
import { isVillageRole, STAFF_ROLES } from '../../platform/access/roles.js';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * Rebuilding the rollups of one village from its source rows. Each function replaces the
 * village's rows; the caller runs them in one transaction that first blocks writers of the
 * source tables (SHARE mode: readers go on), so nothing changes between the delete and the
 * insert. Activity is rebuilt from the audit log, the letters' rollups from the letters.
 */

/** Writers wait (a few milliseconds per village); readers and the dashboards go on. */
export const lockSources = (trx: Transaction<Database>) =>
  sql`lock table residents, families, population_events, letters, letter_daily, audit_log in share mode`.execute(trx);

export async function rebuildPopulation(db: Q, village: string) {
  await sql`delete from monitoring_population where village_code = ${village}`.execute(db);
  await sql`
    insert into monitoring_population (village_code, life_status, sex, birth_year, residents)
    select village_code, life_status, sex, monitoring_birth_year(birth_date), count(*)
    from residents where village_code = ${village} group by 1, 2, 3, 4`.execute(db);
  await sql`delete from monitoring_families where village_code = ${village}`.execute(db);
  await sql`
    insert into monitoring_families (village_code, status, families)
    select village_code, status, count(*) from families where village_code = ${village} group by 1, 2`.execute(db);
  // The statistics page's summary (migration 0024).
  await sql`delete from population_breakdowns where village_code = ${village}`.execute(db);
  await sql`select population_count_breakdowns(${village}, '(import_job is null or import_job not in (select job_id from staged_imports))')`.execute(db);
  await sql`delete from population_family_members where village_code = ${village}`.execute(db);
  await sql`delete from population_family_count where village_code = ${village}`.execute(db);
  await sql`select population_count_family_members(${village}, '(import_job is null or import_job not in (select job_id from staged_imports))')`.execute(db);
  await sql`delete from monitoring_events where village_code = ${village}`.execute(db);
  await sql`
    insert into monitoring_events (village_code, month, kind, events)
    select village_code, date_trunc('month', event_date)::date, kind, count(*)
    from population_events where village_code = ${village} group by 1, 2, 3`.execute(db);
}

/**
 * letter_daily (kept by the letters module in each step's transaction) and the ready-time
 * histogram, from the letters' own timestamps in WIB. `ready_seconds` is counted from
 * the request time in milliseconds, as the letters module does.
 */
export async function rebuildLetters(db: Q, village: string) {
  await sql`delete from letter_daily where village_code = ${village}`.execute(db);
  await sql`
    insert into letter_daily (village_code, day, type_code, requested, requested_online, issued, ready, ready_seconds, rejected)
    select ${village}, day, type_code, sum(requested), sum(requested_online), sum(issued), sum(ready), sum(ready_seconds), sum(rejected)
    from (
      select (requested_at at time zone 'Asia/Jakarta')::date as day, type_code, 1 as requested,
        (channel <> 'counter')::int as requested_online, 0 as issued, 0 as ready, 0::numeric as ready_seconds, 0 as rejected
      from letters where village_code = ${village}
      union all
      select (signed_at at time zone 'Asia/Jakarta')::date, type_code, 0, 0, 1, 0, 0, 0 from letters where village_code = ${village} and signed_at is not null
      union all
      select (ready_at at time zone 'Asia/Jakarta')::date, type_code, 0, 0, 0, 1,
        greatest(0, round(extract(epoch from ready_at - date_trunc('milliseconds', requested_at)))), 0
      from letters where village_code = ${village} and ready_at is not null
      union all
      select (rejected_at at time zone 'Asia/Jakarta')::date, type_code, 0, 0, 0, 0, 0, 1 from letters where village_code = ${village} and rejected_at is not null
    ) x
    group by day, type_code`.execute(db);
  await sql`delete from monitoring_letter_ready where village_code = ${village}`.execute(db);
  await sql`
    insert into monitoring_letter_ready (village_code, day, bucket, letters)
    select village_code, (ready_at at time zone 'Asia/Jakarta')::date, monitoring_ready_bucket(extract(epoch from ready_at - requested_at)), count(*)
    from letters where village_code = ${village} and ready_at is not null group by 1, 2, 3`.execute(db);
}

/** The roles of the village's own officers (the election's committee and KPPS among them), as recordAudit counts them. */
const VILLAGE_ROLES = STAFF_ROLES.filter(isVillageRole);

/** Actions by the village's own officers and its citizens, as recordAudit counts them. */
export async function rebuildActivity(db: Q, village: string) {
  await sql`delete from village_activity_daily where village_code = ${village}`.execute(db);
  await sql`
    insert into village_activity_daily (village_code, day, officer_actions, citizen_actions, last_at)
    select a.village_code, (a.at at time zone 'Asia/Jakarta')::date,
      count(*) filter (where u.id is not null), count(*) filter (where u.id is null), max(a.at)
    from audit_log a left join users u on u.id = a.actor_id and u.role in (${sql.join(VILLAGE_ROLES)})
    where a.village_code = ${village} and a.outcome = 'ok'
      and (u.id is not null or (a.actor_id is null and a.actor_label like 'warga:%'))
    group by 1, 2`.execute(db);
}

/**
 * Villages' last active day from their activity rows (one village, or all under a region code
 * prefix, '' = all). Read, then written from a list: on Citus a reference table is not updated
 * from a distributed read in one statement.
 */
export async function refreshLastActiveDays(db: Q, code: string) {
  const days = await sql<{ village_code: string; last_day: string }>`
    select village_code, to_char(max(day), 'YYYY-MM-DD') as last_day from village_activity_daily
    where ${within('village_code', code)} group by 1`.execute(db);
  if (code.split('.').length === 4 && days.rows.length === 0) {
    await sql`update villages set last_active_day = null where village_code = ${code}`.execute(db);
    return;
  }
  for (let i = 0; i < days.rows.length; i += 1000) {
    const part = days.rows.slice(i, i + 1000);
    await sql`update villages v set last_active_day = x.last_day::date
      from (values ${sql.join(part.map((d) => sql`(${d.village_code}, ${d.last_day})`))}) x(village_code, last_day)
      where v.village_code = x.village_code`.execute(db);
  }
}

const LEVELS = sql.raw(`(values (0, ''), (1, left(village_code, 2)), (2, left(village_code, 5)), (3, left(village_code, 8))) l(level, code)`);

/**
 * The region rows (country, province, regency, district) from the village rows, with no
 * delta pending. Writers wait meanwhile (their triggers append to the pending tables, locked
 * here): what they change after this lands as pending deltas, folded later.
 */
export async function rebuildRegions(trx: Transaction<Database>) {
  await sql`lock table monitoring_pending_population, monitoring_pending_events, monitoring_pending_letters, monitoring_pending_letter_ready in exclusive mode`.execute(trx);
  for (const t of ['monitoring_pending_population', 'monitoring_pending_events', 'monitoring_pending_letters', 'monitoring_pending_letter_ready',
    'monitoring_region_population', 'monitoring_region_events', 'monitoring_region_letters', 'monitoring_region_letter_ready'])
    await sql`delete from ${sql.table(t)}`.execute(trx);
  await sql`
    insert into monitoring_region_population (level, region_code, life_status, sex, birth_year, residents)
    select l.level, l.code, life_status, sex, birth_year, sum(residents) from monitoring_population cross join lateral ${LEVELS}
    group by 1, 2, 3, 4, 5 having sum(residents) <> 0`.execute(trx);
  await sql`
    insert into monitoring_region_events (level, region_code, month, kind, events)
    select l.level, l.code, month, kind, sum(events) from monitoring_events cross join lateral ${LEVELS}
    group by 1, 2, 3, 4 having sum(events) <> 0`.execute(trx);
  await sql`
    insert into monitoring_region_letters (level, region_code, day, type_code, requested, requested_online, issued, ready, ready_seconds, rejected)
    select l.level, l.code, day, type_code, sum(requested), sum(requested_online), sum(issued), sum(ready), sum(ready_seconds), sum(rejected)
    from letter_daily cross join lateral ${LEVELS} group by 1, 2, 3, 4 /* cross-village: region rollups from every village's rows */`.execute(trx);
  await sql`
    insert into monitoring_region_letter_ready (level, region_code, day, bucket, letters)
    select l.level, l.code, day, bucket, sum(letters) from monitoring_letter_ready cross join lateral ${LEVELS}
    group by 1, 2, 3, 4 having sum(letters) <> 0`.execute(trx);
}

/** Villages whose rollups a rebuild covers: every activated village, and any code left in the activity rows. */
export async function villagesToRebuild(db: Q, code: string): Promise<string[]> {
  const r = await sql<{ village_code: string }>`
    select village_code from villages where ${within('village_code', code)}
    union
    select distinct village_code from village_activity_daily where ${within('village_code', code)}
    order by 1`.execute(db);
  return r.rows.map((x) => x.village_code);
}

/** Everything a rollup holds for some villages, sorted, without zero rows: to compare incremental and rebuilt figures. */
export async function snapshot(db: Q, villages: string[]) {
  const v = sql`(${sql.join(villages.length ? villages : ['-'])})`;
  const q = async (text: ReturnType<typeof sql>) => (await text.execute(db)).rows;
  return {
    population: await q(sql`select village_code, life_status, sex, birth_year, residents from monitoring_population where village_code in ${v} and residents <> 0 order by 1, 2, 3, 4`),
    families: await q(sql`select village_code, status, families from monitoring_families where village_code in ${v} and families <> 0 order by 1, 2`),
    events: await q(sql`select village_code, month, kind, events from monitoring_events where village_code in ${v} and events <> 0 order by 1, 2, 3`),
    letterReady: await q(sql`select village_code, day, bucket, letters from monitoring_letter_ready where village_code in ${v} and letters <> 0 order by 1, 2, 3`),
    letterDaily: await q(sql`select village_code, day, type_code, requested, requested_online, issued, ready, ready_seconds, rejected from letter_daily where village_code in ${v} order by 1, 2, 3`),
    activity: await q(sql`select village_code, day, officer_actions, citizen_actions, last_at from village_activity_daily where village_code in ${v} order by 1, 2`),
    lastActiveDays: await q(sql`select village_code, last_active_day::text as last_active_day from villages where village_code in ${v} order by 1`),
    households: await q(sql`select village_code, households, surveyed, dirt_floor, no_electricity, no_sanitation, unsafe_water from monitoring_households where village_code in ${v} and households <> 0 order by 1`),
    assistance: await q(sql`select village_code, year, kind, recipients, paid::text as paid, payouts from monitoring_assistance where village_code in ${v} order by 1, 2, 3`),
    complaints: await q(sql`select village_code, due_on::text as due_on, open from monitoring_complaints where village_code in ${v} order by 1, 2`),
    complaintsMonthly: await q(sql`select village_code, month::text as month, received, answered from monitoring_complaints_monthly where village_code in ${v} order by 1, 2`),
  };
}

/** The region rows of the country with the pending deltas added: what every region dashboard reads. */
export async function regionSnapshot(db: Q) {
  const q = async (text: ReturnType<typeof sql>) => (await text.execute(db)).rows;
  return {
    population: await q(sql`select level, code, life_status, sex, birth_year, sum(n)::int8 as n from (
      select level, region_code as code, life_status, sex, birth_year, residents as n from monitoring_region_population
      union all select l.level, l.code, life_status, sex, birth_year, residents from monitoring_pending_population cross join lateral ${LEVELS}
    ) x group by 1, 2, 3, 4, 5 having sum(n) <> 0 order by 1, 2, 3, 4, 5`),
    events: await q(sql`select level, code, month, kind, sum(n)::int8 as n from (
      select level, region_code as code, month, kind, events as n from monitoring_region_events
      union all select l.level, l.code, month, kind, events from monitoring_pending_events cross join lateral ${LEVELS}
    ) x group by 1, 2, 3, 4 having sum(n) <> 0 order by 1, 2, 3, 4`),
    letters: await q(sql`select level, code, day, type_code, sum(a)::int8 as a, sum(b)::int8 as b, sum(c)::int8 as c, sum(d)::int8 as d, sum(e)::int8 as e from (
      select level, region_code as code, day, type_code, requested as a, requested_online as b, issued as c, ready as d, rejected as e from monitoring_region_letters
      union all select l.level, l.code, day, type_code, requested, requested_online, issued, ready, rejected from monitoring_pending_letters cross join lateral ${LEVELS}
    ) x group by 1, 2, 3, 4 having sum(a) <> 0 or sum(b) <> 0 or sum(c) <> 0 or sum(d) <> 0 or sum(e) <> 0 order by 1, 2, 3, 4`),
    ready: await q(sql`select level, code, day, bucket, sum(n)::int8 as n from (
      select level, region_code as code, day, bucket, letters as n from monitoring_region_letter_ready
      union all select l.level, l.code, day, bucket, letters from monitoring_pending_letter_ready cross join lateral ${LEVELS}
    ) x group by 1, 2, 3, 4 having sum(n) <> 0 order by 1, 2, 3, 4`),
  };
}
