import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { recordAudit, writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import type { Database } from '../../platform/db/schema.js';
import { reserveAttempt } from '../../platform/attempts.js';
import { AppError, badRequest, conflict, tooManyRequests } from '../../platform/http/errors.js';
import { villageScope } from '../villages/index.js';

/**
 * The key a village's own copy uses to reach the server. Made by an administrator who may
 * activate the village (the same right as merging it in); shown once, kept as a hash. While a
 * key is live the copy is the village's home for letter numbers (see `lettersAreSignedAtCopy`).
 */

const PREFIX = 'balai_sync_';
/** Wrong keys from one address before it must wait: a copy with a revoked key retries every 5 minutes. */
export const BAD_KEYS_PER_WINDOW = 20;
const BAD_KEY_WINDOW_SECONDS = 600;
const hash = (key: string) => createHash('sha256').update(key).digest('hex');

export interface SyncKeyRow {
  id: number;
  label: string;
  created_at: Date;
  revoked_at: Date | null;
  created_by_name: string | null;
}

export async function createSyncKey(ctx: UseCaseContext, villageInput: string, label: string): Promise<{ id: number; key: string }> {
  const village = await villageScope(ctx, villageInput, 'village.activate');
  const name = label.trim();
  if (!name || name.length > 100) throw badRequest('sync.label', 'label');
  const key = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  return writeWithAudit(ctx, async (trx, audit) => {
    const row = await trx.insertInto('sync_keys')
      .values({ village_code: village, key_hash: hash(key), label: name, created_by: ctx.actor!.id })
      .returning('id').executeTakeFirstOrThrow();
    await audit({ action: 'sync.key_create', villageCode: village, subject: `sync_key:${row.id}`, detail: { label: name } });
    return { id: Number(row.id), key };
  });
}

export async function revokeSyncKey(ctx: UseCaseContext, villageInput: string, id: number): Promise<void> {
  const village = await villageScope(ctx, villageInput, 'village.activate');
  await writeWithAudit(ctx, async (trx, audit) => {
    const r = await trx.updateTable('sync_keys').set({ revoked_at: sql`now()`, revoked_by: ctx.actor!.id })
      .where('village_code', '=', village).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    if (!Number(r.numUpdatedRows)) throw conflict('sync.key_invalid');
    await audit({ action: 'sync.key_revoke', villageCode: village, subject: `sync_key:${id}` });
  });
}

export async function listSyncKeys(ctx: UseCaseContext, villageInput: string): Promise<SyncKeyRow[]> {
  const village = await villageScope(ctx, villageInput, 'village.activate');
  const rows = await ctx.db.kysely.selectFrom('sync_keys as k').leftJoin('users as u', 'u.id', 'k.created_by')
    .select(['k.id', 'k.label', 'k.created_at', 'k.revoked_at', 'u.full_name as created_by_name'])
    .where('k.village_code', '=', village).orderBy('k.id', 'desc').execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** The village a bearer key speaks for; a 401 for anything else (the refusal is logged). */
export async function villageOfKey(db: Db, authorization: string | undefined, ip: string): Promise<string> {
  const key = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
  const row = key.startsWith(PREFIX) && key.length < 200
    ? await db.kysely.selectFrom('sync_keys').select('village_code').where('key_hash', '=', hash(key)).where('revoked_at', 'is', null).executeTakeFirst()
    : undefined;
  if (!row) {
    // A key guesser is slowed per address (counted atomically, like wrong passwords); each refusal up to the limit is logged.
    const n = await reserveAttempt(db.kysely, 'sync', '', ip, BAD_KEY_WINDOW_SECONDS);
    if (n.ip > BAD_KEYS_PER_WINDOW) throw tooManyRequests('error.rate_limited', { minutes: BAD_KEY_WINDOW_SECONDS / 60 });
    await recordAudit(db.kysely, { actor: null, ip }, { action: 'sync.refused', outcome: 'denied', detail: { reason: key ? 'unknown key' : 'no key' } }, 'sync');
    throw new AppError(401, 'unauthenticated', 'sync.key_invalid');
  }
  return row.village_code;
}

/** While a live key exists the village's copy numbers and signs its letters; the server does not. */
export async function lettersAreSignedAtCopy(db: Kysely<Database> | Transaction<Database>, village: string): Promise<boolean> {
  const row = await db.selectFrom('sync_keys').select('id').where('village_code', '=', village).where('revoked_at', 'is', null).executeTakeFirst();
  return !!row;
}

/** Refuses signing on the server while the village's copy is its home. */
export async function assertLettersSignedHere(db: Kysely<Database> | Transaction<Database>, village: string): Promise<void> {
  if (await lettersAreSignedAtCopy(db, village)) throw conflict('sync.letters_at_copy', undefined, { code: village });
}
