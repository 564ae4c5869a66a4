import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { FeedPosition } from './cursor.js';
import type { FeedGroup } from './kinds.js';

/** Every SQL statement of the change feed. */

type Db = Kysely<Database>;

const ISO_US = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
const isoOf = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', ${ISO_US})`);

/** Up to `max` villages on Balai inside the region `scope` ('' is the whole country), in code order. */
export async function villagesIn(db: Db, scope: string, max: number): Promise<string[]> {
  let q = db.selectFrom('villages').select('village_code').orderBy('village_code').limit(max);
  if (scope.split('.').length === 4) q = q.where('village_code', '=', scope);
  else if (scope) q = q.where('village_code', '>=', `${scope}.`).where('village_code', '<', `${scope}/`);
  return (await q.execute()).map((r) => r.village_code);
}

/**
 * The time before which the feed is complete: no transaction still open can add an entry
 * older than it. An entry's time is its transaction's start, so the oldest transaction open on
 * the server bounds it; `lagMs` covers what this server cannot see (a Citus worker's commit
 * arriving a moment after the coordinator's, clocks apart), `holdMs` caps how long one forgotten
 * open transaction may hold every reader back. Read in a statement of its own, before the page,
 * so that whatever it saw closed is visible to the page's read (docs/change-feed.md).
 */
export async function completeBefore(db: Db, lagMs: number, holdMs: number): Promise<string> {
  const r = await sql<{ w: string }>`
    select ${isoOf('w')} as w from (
      select greatest(now() - ${holdMs}::int * interval '1 millisecond',
        least(now() - ${lagMs}::int * interval '1 millisecond',
          coalesce((select min(xact_start) from pg_stat_activity
                    where pid <> pg_backend_pid() and datname = current_database()
                      and backend_type = 'client backend' and xact_start is not null), 'infinity'))) as w
    ) x`.execute(db);
  return r.rows[0]!.w;
}

export interface FeedRow {
  village_code: string;
  id: string;
  at: string;
  kind: string;
  source_id: number;
}

export interface PageQuery {
  /** The villages to read one by one (a village, a district), or a region read as a range of codes. */
  villages: string[] | { region: string };
  after: FeedPosition | null;
  before: string;
  /** Null: every kind (the reader may read all three groups and asked for no fewer). */
  kinds: { groups: FeedGroup[]; kinds: string[] } | null;
  limit: number;
}

/**
 * The page's statement is written with literals, never bound values: the cursor decides whether
 * a read is a catch-up over a long history or the last few entries, and each needs its own plan
 * (architecture rule 8); a statement without parameters is also never kept prepared. Every value
 * is checked first: a cursor by its form (cursor.ts), villages from the villages table, kinds
 * from their fixed list, the time as the database wrote it.
 */
const lit = (value: string | number) => sql.lit(value);
const time = (iso: string) => sql`${lit(iso)}::timestamptz`;

/** The kinds asked for, as estimates the planner can read (a prefix per group); null for all. */
function kindCondition(k: PageQuery['kinds']): RawBuilder<unknown> | null {
  if (!k) return null;
  const parts = [...k.groups.map((g) => sql`kind like ${lit(`${g}.%`)}`), ...k.kinds.map((kind) => sql`kind = ${lit(kind)}`)];
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

/** Past the cursor, for one village: a plain range of its (village, time, id) index. */
function afterInVillage(village: string, after: FeedPosition | null): RawBuilder<unknown>[] {
  if (!after) return [];
  if (village > after.village) return [sql`at >= ${time(after.at)}`];
  if (village < after.village) return [sql`at > ${time(after.at)}`];
  return [sql`at >= ${time(after.at)}`, sql`(at, id) > (${time(after.at)}, ${lit(after.id)}::int8)`];
}

const COLUMNS = sql`village_code, id::text as id, at as t, ${isoOf('at')} as at, kind, source_id`;

/**
 * One page of the feed in its order (time, village, id). A few villages are read one by one,
 * each through its (village, time) index and cut at the page's size, then merged: a district's
 * catch-up never sorts its whole history. A wide region reads the time index across villages.
 */
export async function feedPage(db: Db, q: PageQuery): Promise<FeedRow[]> {
  const kinds = kindCondition(q.kinds);
  const common = [sql`at < ${time(q.before)}`, ...(kinds ? [kinds] : [])];
  let statement: RawBuilder<FeedRow>;
  if (Array.isArray(q.villages)) {
    if (!q.villages.length) return [];
    const branches = q.villages.map((v) => {
      const where = [sql`village_code = ${lit(v)}`, ...common, ...afterInVillage(v, q.after)];
      return sql`(select ${COLUMNS} from change_feed where ${sql.join(where, sql` and `)} order by change_feed.at, change_feed.id limit ${lit(q.limit)})`;
    });
    statement = sql<FeedRow>`select village_code, id, at, kind, source_id from (${sql.join(branches, sql` union all `)}) f
      order by t, village_code, id::int8 limit ${lit(q.limit)}`;
  } else {
    const where = [
      q.villages.region ? sql`village_code >= ${lit(`${q.villages.region}.`)} and village_code < ${lit(`${q.villages.region}/`)}` : sql`village_code >= ''`,
      ...common,
      ...(q.after ? [sql`at >= ${time(q.after.at)}`, sql`(at, village_code, id) > (${time(q.after.at)}, ${lit(q.after.village)}, ${lit(q.after.id)}::int8)`] : []),
    ];
    statement = sql<FeedRow>`select village_code, id, at, kind, source_id from (
        select ${COLUMNS} from change_feed where ${sql.join(where, sql` and `)}
        order by change_feed.at, change_feed.village_code, change_feed.id limit ${lit(q.limit)}
      ) f order by t, village_code, id::int8`;
  }
  return (await statement.execute(db)).rows.map((r) => ({ ...r, source_id: Number(r.source_id) }));
}

/**
 * The source rows of a page, by their exact (village, id) pairs: a join with the pairs probes
 * the key once per row, where `village in (…) and id in (…)` would try every combination
 * (58 ms for a province's page of 500 over 32 villages, against 1 ms). A page of one village
 * says so as well, so that Citus reads that village's shard only; another condition on the
 * villages would lead PostgreSQL to a worse index.
 */
function keyed(keys: { village: string; id: number }[], alias: string) {
  const villages = keys.map((k) => k.village);
  const ids = keys.map((k) => k.id);
  const a = sql.raw(alias);
  const one = villages.every((v) => v === villages[0]);
  return {
    join: sql`join unnest(${villages}::text[], ${ids}::int8[]) as k(v, i) on ${a}.village_code = k.v and ${a}.id = k.i`,
    where: one ? sql`${a}.village_code = ${villages[0]}` : sql`true`,
  };
}

export interface EventRow { village_code: string; id: number; event_date: string; population_change: number; resident_id: number; family_id: number | null; name: string | null; nik: string | null; sex: number | null }

/** Population events; the resident's name, NIK and sex only when `withPerson`. */
export async function populationEvents(db: Db, keys: { village: string; id: number }[], withPerson: boolean): Promise<EventRow[]> {
  if (!keys.length) return [];
  const k = keyed(keys, 'e');
  const person = withPerson
    ? sql`r.name, r.nik, r.sex from population_events_rows e ${k.join}
        left join residents_rows r on r.village_code = e.village_code and r.id = e.resident_id`
    : sql`null as name, null as nik, null as sex from population_events_rows e ${k.join}`;
  const r = await sql<EventRow>`select e.village_code, e.id, e.event_date::text as event_date, e.population_change, e.resident_id, e.family_id, ${person}
    where ${k.where}`.execute(db);
  return r.rows;
}

export interface LetterRow { village_code: string; id: number; type_code: string; type_title: string; number: string | null; resident_id: number; name: string | null; nik: string | null; signed_on: string | null; revoked_on: string | null }

/** Letters, with the subject's name and NIK (the caller shows them only to whom it may). */
export async function letters(db: Db, keys: { village: string; id: number }[]): Promise<LetterRow[]> {
  if (!keys.length) return [];
  const k = keyed(keys, 'l');
  const r = await sql<LetterRow>`select l.village_code, l.id, l.type_code, l.type_title, l.number, l.resident_id, r.name, r.nik,
      to_char(l.signed_at at time zone 'Asia/Jakarta', 'YYYY-MM-DD') as signed_on, to_char(l.revoked_at at time zone 'Asia/Jakarta', 'YYYY-MM-DD') as revoked_on
    from letters l ${k.join}
    left join residents_rows r on r.village_code = l.village_code and r.id = l.resident_id
    where ${k.where}`.execute(db);
  return r.rows;
}

export interface BudgetRow { village_code: string; id: number; year: number; entry_date: string; account_code: string; activity_code: string | null; fund: string | null; amount: string; tax_ppn: string; tax_pph: string; corrects: number | null; description: string }

export async function budgetEntries(db: Db, keys: { village: string; id: number }[]): Promise<BudgetRow[]> {
  if (!keys.length) return [];
  const k = keyed(keys, 'b');
  const r = await sql<BudgetRow>`select b.village_code, b.id, b.year, b.entry_date::text as entry_date, b.account_code, b.activity_code, b.fund,
      b.amount::text as amount, b.tax_ppn::text as tax_ppn, b.tax_pph::text as tax_pph, b.corrects, b.description
    from budget_entries b ${k.join} where ${k.where}`.execute(db);
  return r.rows;
}

export interface TreasuryRow { village_code: string; id: number; year: number; entry_date: string; kind: string; method: string; tax: string | null; amount: string; reference: string | null; corrects: number | null; description: string }

export async function treasuryEntries(db: Db, keys: { village: string; id: number }[]): Promise<TreasuryRow[]> {
  if (!keys.length) return [];
  const k = keyed(keys, 't');
  const r = await sql<TreasuryRow>`select t.village_code, t.id, t.year, t.entry_date::text as entry_date, t.kind, t.method, t.tax, t.amount::text as amount, t.reference, t.corrects, t.description
    from treasury_entries t ${k.join} where ${k.where}`.execute(db);
  return r.rows;
}
