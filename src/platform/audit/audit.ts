import { sql, type Kysely, type Transaction } from 'kysely';
import { userIdOf } from '../access/access.js';
import { isVillageRole } from '../access/roles.js';
import type { Database } from '../db/schema.js';
import type { UseCaseContext } from '../context.js';
import { redactNiks, redactValue } from '../redact.js';

export interface AuditEntry {
  /** `<module>.<verb>`, e.g. `village.activate`, `access.denied`, `resident.read`. */
  action: string;
  outcome?: 'ok' | 'denied' | 'failed';
  villageCode?: string | null;
  regionCode?: string | null;
  /** What was acted on, as `<kind>:<id>` (never a NIK or a name). */
  subject?: string | null;
  detail?: Record<string, unknown>;
}

export async function recordAudit(
  db: Kysely<Database> | Transaction<Database>,
  ctx: Pick<UseCaseContext, 'actor' | 'ip'>,
  entry: AuditEntry,
  actorLabel?: string,
): Promise<void> {
  const actor = ctx.actor;
  // actor_id references users: a citizen is named by their resident id in the label instead.
  const label = actor?.kind === 'citizen' ? `warga:${actor.residentId}` : actor?.username;
  await db
    .insertInto('audit_log')
    .values({
      actor_id: userIdOf(actor),
      // A NIK never lands in the log, even typed as a username or into a free-text reason.
      actor_label: redactNiks(actorLabel ?? label ?? 'anonim'),
      action: entry.action,
      outcome: entry.outcome ?? 'ok',
      village_code: entry.villageCode ?? null,
      region_code: entry.regionCode ?? entry.villageCode ?? null,
      subject: entry.subject == null ? null : redactNiks(entry.subject),
      detail: JSON.stringify(redactValue(entry.detail ?? {})),
      ip: ctx.ip || null,
    })
    .execute();
  // The village's activity for the dashboards (adoption: active in the last 7/30 days), in the
  // same transaction: an action by the village's own officers or citizens, not a regional read
  // and not a program's (an API token polling is no sign that people use Balai).
  if (entry.villageCode && (entry.outcome ?? 'ok') === 'ok' && actor && (actor.kind === 'citizen' || (actor.kind === 'user' && isVillageRole(actor.role)))) {
    await bumpVillageActivity(db, entry.villageCode, actor.kind === 'citizen');
  }
}

/**
 * One upsert per action; `now()` is the transaction's time, the same as the audit entry's `at`.
 * The first action of a day also moves the village's last active day (a reference table on
 * Citus: written once a day, so the province's adoption page reads it without a fan-out).
 */
export async function bumpVillageActivity(db: Kysely<Database> | Transaction<Database>, village: string, citizen: boolean, at?: string) {
  const officer = citizen ? 0 : 1;
  // `at`: an action done earlier elsewhere (a village copy's, arriving by sync) counts on its own day.
  const when = at ? sql`${at}::timestamptz` : sql`now()`;
  const r = await sql<{ day: string; actions: number }>`
    insert into village_activity_daily as a (village_code, day, officer_actions, citizen_actions, last_at)
    values (${village}, (${when} at time zone 'Asia/Jakarta')::date, ${officer}, ${1 - officer}, ${when})
    on conflict (village_code, day) do update set officer_actions = a.officer_actions + excluded.officer_actions,
      citizen_actions = a.citizen_actions + excluded.citizen_actions, last_at = greatest(a.last_at, excluded.last_at)
    returning day, officer_actions + citizen_actions as actions`.execute(db);
  const row = r.rows[0]!;
  if (Number(row.actions) === 1) {
    await sql`update villages set last_active_day = ${row.day}::date
      where village_code = ${village} and (last_active_day is null or last_active_day < ${row.day}::date)`.execute(db);
  }
}

export type Audit = (entry: AuditEntry) => Promise<void>;

/** Runs a write and its audit entries in one transaction: both land or neither does. */
export async function writeWithAudit<T>(
  ctx: UseCaseContext,
  work: (trx: Transaction<Database>, audit: Audit) => Promise<T>,
): Promise<T> {
  return ctx.db.kysely.transaction().execute((trx) => work(trx, (entry) => recordAudit(trx, ctx, entry)));
}
