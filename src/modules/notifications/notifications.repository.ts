import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Q = Kysely<Database> | Transaction<Database>;

export const PAGE_SIZE = 50;

/** The village's messages, newest first, optionally only those with one status. */
export function listForVillage(db: Q, village: string, f: { status?: 'pending' | 'sent' | 'failed'; offset: number }) {
  let q = db
    .selectFrom('notification_outbox')
    .where('village_code', '=', village)
    .select(['id', 'channel', 'recipient', 'subject', 'status', 'attempts', 'last_error', 'created_at', 'sent_at', 'next_attempt_at', 'subject_ref']);
  if (f.status) q = q.where('status', '=', f.status);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(PAGE_SIZE + 1).offset(f.offset).execute();
}

/** Puts a failed message back in the queue with a fresh schedule; null when it is not a failed message of this village. */
export function requeueFailed(trx: Q, village: string, id: number) {
  return trx
    .updateTable('notification_outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: new Date() })
    .where('village_code', '=', village)
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .returning(['id', 'channel'])
    .executeTakeFirst();
}

export function findStatus(db: Q, village: string, id: number) {
  return db.selectFrom('notification_outbox').select('status').where('village_code', '=', village).where('id', '=', id).executeTakeFirst();
}
