import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, NotificationChannel } from '../db/schema.js';

export interface OutgoingNotification {
  villageCode?: string | null;
  channel: NotificationChannel;
  /** E-mail address, phone number or Telegram chat id, depending on the channel. */
  recipient: string;
  subject?: string;
  body: string;
  /** What the message is about, as `<kind>:<id>` (never a NIK or a name). */
  subjectRef?: string;
}

/** Mirrors the check constraints, so a bad message fails with a clear reason. */
const MAX_RECIPIENT = 200;
const MAX_BODY = 4000;

/**
 * Queues a message for the worker. Call it with the transaction of the change it
 * announces: if that change rolls back, the message is never sent.
 */
export async function enqueueNotification(
  db: Kysely<Database> | Transaction<Database>,
  msg: OutgoingNotification,
): Promise<number> {
  const recipient = msg.recipient.trim();
  if (recipient.length === 0 || recipient.length > MAX_RECIPIENT) {
    throw new Error(`notification recipient must be 1–${MAX_RECIPIENT} characters`);
  }
  // Bodies are built from data (reasons, names of documents); cut rather than fail the caller's change.
  const body = msg.body.length > MAX_BODY ? `${msg.body.slice(0, MAX_BODY - 1)}…` : msg.body;
  const row = await db
    .insertInto('notification_outbox')
    .values({
      village_code: msg.villageCode ?? null,
      channel: msg.channel,
      recipient,
      subject: msg.subject ?? '',
      body,
      subject_ref: msg.subjectRef ?? null,
      // The worker compares with the application's clock (milliseconds); the database's now()
      // has microseconds and could put a new message a fraction of a millisecond in the future.
      next_attempt_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface NotificationCounts {
  pending: number;
  sent: number;
  failed: number;
}

/** Messages per status, for all villages or one. */
export async function notificationCounts(
  db: Kysely<Database> | Transaction<Database>,
  villageCode?: string,
): Promise<NotificationCounts> {
  let q = db
    .selectFrom('notification_outbox')
    .select(['status', sql<number>`count(*)`.as('n')])
    .groupBy('status');
  if (villageCode !== undefined) q = q.where('village_code', '=', villageCode);
  const counts: NotificationCounts = { pending: 0, sent: 0, failed: 0 };
  for (const r of await q.execute()) counts[r.status] = Number(r.n);
  return counts;
}
