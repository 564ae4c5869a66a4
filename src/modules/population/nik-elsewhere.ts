import { createHmac } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { userIdOf } from '../../platform/access/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, conflict, tooManyRequests } from '../../platform/http/errors.js';
import { repeatEvery } from '../../platform/repeat.js';
import { serverSecret } from '../../platform/secrets.js';

/**
 * A village learns only that a NIK still lives in *another* village, never which one (the
 * citizen knows where they came from; the move-out letter names it). Each such answer is
 * audited with the NIK hashed, and counted per account: beyond the limit in an hour the
 * account gets no more answers, so registration and import previews stop being a way to
 * look up where anyone lives.
 */
export const NIK_ELSEWHERE_PER_HOUR = 20;

/** Thrown inside a registration's transaction; turned into the answer after it rolls back. */
export class NikHeldElsewhere extends Error {
  constructor(readonly nik: string) {
    super('nik held elsewhere');
  }
}

/** The installation's pepper: `BALAI_NIK_PEPPER`, else one made at random once and kept in the database. */
async function pepper(db: Kysely<Database>): Promise<string> {
  return process.env.BALAI_NIK_PEPPER || serverSecret(db, 'nik_pepper');
}

/** HMAC-SHA256 of a NIK: the same NIK always gives the same hash here, and a NIK cannot be guessed back from it without the pepper. */
async function hashNik(db: Kysely<Database>, nik: string): Promise<string> {
  return createHmac('sha256', await pepper(db)).update(nik).digest('hex');
}

const hourStart = sql`date_trunc('hour', now())`;

/** The account has used up its answers for this hour: refuse before looking anything up. */
export async function checkNikLookupAllowance(ctx: UseCaseContext): Promise<void> {
  const user = userIdOf(ctx.actor);
  if (user === null) return;
  const r = await sql<{ hits: number }>`select hits from nik_elsewhere_lookups where user_id = ${user} and hour = ${hourStart}`.execute(ctx.db.kysely);
  if ((r.rows[0]?.hits ?? 0) >= NIK_ELSEWHERE_PER_HOUR) throw limitError();
}

const limitError = () => tooManyRequests('population.nik_lookup_limit', { limit: NIK_ELSEWHERE_PER_HOUR });

/**
 * Counts and audits NIKs found living in another village (after the caller's transaction has
 * rolled back, so the record stays), and returns the error to answer with: that the person is
 * registered elsewhere, or, past the hour's limit, only that the limit is reached.
 */
export async function refuseNiksElsewhere(ctx: UseCaseContext, village: string, niks: string[], via: 'registration' | 'correction' | 'import' | 'welfare'): Promise<AppError> {
  const db = ctx.db.kysely;
  const hashes = await Promise.all(niks.slice(0, 100).map((n) => hashNik(db, n)));
  const user = userIdOf(ctx.actor);
  const hits = await db.transaction().execute(async (trx) => {
    // One upsert adds and reads the count: concurrent refusals cannot all see it below the limit.
    const counted = user === null ? null : await sql<{ hits: number }>`
      insert into nik_elsewhere_lookups as l (user_id, hour, hits) values (${user}, ${hourStart}, ${niks.length})
      on conflict (user_id, hour) do update set hits = l.hits + excluded.hits
      returning hits`.execute(trx);
    const total = counted?.rows[0]?.hits ?? 0;
    await recordAudit(trx, ctx, {
      action: 'population.nik_elsewhere', outcome: 'denied', villageCode: village,
      detail: { via, count: niks.length, nik_hmac: hashes, hits_this_hour: total },
    });
    return total;
  });
  return hits > NIK_ELSEWHERE_PER_HOUR ? limitError() : conflict('population.nik_active_elsewhere', 'nik');
}

/** Counts of hours long past: they no longer limit anyone, and say who looked (not what). */
export async function deleteOldNikLookups(db: Kysely<Database>, before: Date): Promise<number> {
  const r = await sql`delete from nik_elsewhere_lookups where hour < ${before.toISOString()}::timestamptz`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** The server drops the counts older than a day, every hour. Returns what stops it. */
export function sweepNikLookups(db: { kysely: Kysely<Database> }, everyMs = 3600_000): () => void {
  return repeatEvery(everyMs, () => deleteOldNikLookups(db.kysely, new Date(Date.now() - 86_400_000)));
}
