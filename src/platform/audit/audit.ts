import type { Kysely, Transaction } from 'kysely';
import { userIdOf } from '../access/access.js';
import type { Database } from '../db/schema.js';
import type { UseCaseContext } from '../context.js';

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
      actor_label: actorLabel ?? label ?? 'anonim',
      action: entry.action,
      outcome: entry.outcome ?? 'ok',
      village_code: entry.villageCode ?? null,
      region_code: entry.regionCode ?? entry.villageCode ?? null,
      subject: entry.subject ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
      ip: ctx.ip || null,
    })
    .execute();
}

export type Audit = (entry: AuditEntry) => Promise<void>;

/** Runs a write and its audit entries in one transaction: both land or neither does. */
export async function writeWithAudit<T>(
  ctx: UseCaseContext,
  work: (trx: Transaction<Database>, audit: Audit) => Promise<T>,
): Promise<T> {
  return ctx.db.kysely.transaction().execute((trx) => work(trx, (entry) => recordAudit(trx, ctx, entry)));
}
