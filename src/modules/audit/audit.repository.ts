import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Q = Kysely<Database> | Transaction<Database>;
type EB = ExpressionBuilder<Database & { a: Database['audit_log']; u: Database['users'] }, 'a' | 'u'>;

/** Which entries: one village's, or every entry of a region ('' is the country), and the filters. */
export interface AuditFilter {
  village?: string;
  region?: string;
  /** Days in WIB, inclusive. */
  from: string;
  to: string;
  /** An account name (the village page only), exactly as logged, case aside. */
  actor?: string;
  /** The actor's role now ('citizen' for a citizen's own actions). */
  role?: string;
  /** `module.verb` exactly, or a module (`population`) for all of its actions. */
  action?: string;
}

/** The role of whoever acted: an officer's account role, 'citizen' for a citizen, null for the system. */
const roleOf = sql<string | null>`case when a.actor_id is not null then u.role when a.actor_label like 'warga:%' then 'citizen' end`;

function conditions(eb: EB, f: AuditFilter): Expression<SqlBool> {
  const all: Expression<SqlBool>[] = [
    eb('a.at', '>=', sql<Date>`(${f.from}::date::timestamp at time zone 'Asia/Jakarta')`),
    eb('a.at', '<', sql<Date>`((${f.to}::date + 1)::timestamp at time zone 'Asia/Jakarta')`),
  ];
  if (f.village !== undefined) {
    // The village's own entries, and its officers' logins (named by the region of their account).
    all.push(eb.or([eb('a.village_code', '=', f.village), eb.and([eb('a.village_code', 'is', null), eb('a.region_code', '=', f.village)])]));
  } else if (f.region) {
    all.push(eb.or([eb('a.region_code', '=', f.region), eb('a.region_code', 'like', `${f.region}.%`)]));
  }
  if (f.actor) all.push(eb(sql`lower(a.actor_label)`, '=', f.actor.toLowerCase()));
  if (f.role) all.push(eb(roleOf, '=', f.role));
  if (f.action) all.push(f.action.includes('.') ? eb('a.action', '=', f.action) : eb('a.action', 'like', `${f.action.replace(/_/g, '\\_')}.%`));
  return eb.and(all);
}

const base = (db: Q, f: AuditFilter) =>
  db.selectFrom('audit_log as a').leftJoin('users as u', 'u.id', 'a.actor_id').where((eb) => conditions(eb as unknown as EB, f));

/** Everything an entry holds (the village page): who, what, on what, with its detail. */
export const listFull = (db: Q, f: AuditFilter, limit: number, offset: number) =>
  base(db, f)
    .select(['a.id', 'a.at', 'a.actor_label', 'a.action', 'a.outcome', 'a.village_code', 'a.region_code', 'a.subject', 'a.detail', roleOf.as('role')])
    .orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(limit).offset(offset).execute();

/** Metadata only (a region's page): when, what, where, the actor's role — no name, subject or detail. */
export const listMetadata = (db: Q, f: AuditFilter, limit: number, offset: number) =>
  base(db, f)
    .select(['a.id', 'a.at', 'a.action', 'a.outcome', 'a.village_code', 'a.region_code', roleOf.as('role')])
    .orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(limit).offset(offset).execute();

export async function countEntries(db: Q, f: AuditFilter): Promise<number> {
  const r = await base(db, f).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** How many entries per action, and how many of them were refused or failed. */
export const countsByAction = (db: Q, f: AuditFilter) =>
  base(db, f)
    .select(['a.action', sql<string>`count(*)`.as('total'), sql<string>`count(*) filter (where a.outcome <> 'ok')`.as('refused')])
    .groupBy('a.action').orderBy(sql`count(*)`, 'desc').orderBy('a.action').limit(200).execute();
