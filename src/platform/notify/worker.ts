import type { Selectable } from 'kysely';
import type { Db } from '../db/connect.js';
import type { NotificationOutboxTable } from '../db/schema.js';
import { findChannel, type ChannelMap } from './channels.js';
import { errorForLog } from '../redact.js';

export interface DeliverOptions {
  /** The clock; tests move it forward to reach retries. */
  now?: Date;
  /** Messages claimed per run. */
  batch?: number;
  /** Attempts before a message is given up as failed. */
  maxAttempts?: number;
}

export interface DeliveryResult {
  sent: number;
  retried: number;
  failed: number;
}

const MINUTE = 60_000;
/** Wait after the 1st, 2nd, … failed attempt; the last step repeats. */
const BACKOFF_MS = [1 * MINUTE, 5 * MINUTE, 30 * MINUTE, 120 * MINUTE, 360 * MINUTE, 720 * MINUTE];
/**
 * A claimed message is not due again for this long. Sends time out well within it, so
 * it only expires when a replica died mid-send: another then retries the message.
 */
const LEASE_MS = 5 * MINUTE;
const MAX_ERROR_LENGTH = 500;

export const backoffAfter = (attempts: number) => BACKOFF_MS[Math.min(Math.max(attempts, 1), BACKOFF_MS.length) - 1];

type OutboxRow = Selectable<NotificationOutboxTable>;

/**
 * Sends the messages that are due. Claiming happens in a short transaction with
 * `for update skip locked`, so two replicas never take the same message; sending
 * happens after commit, so a slow provider holds no lock and no connection.
 */
export async function deliverDueNotifications(db: Db, channels: ChannelMap, opts: DeliverOptions = {}): Promise<DeliveryResult> {
  const now = opts.now ?? new Date();
  const batch = opts.batch ?? 20;
  const maxAttempts = opts.maxAttempts ?? 6;
  const result: DeliveryResult = { sent: 0, retried: 0, failed: 0 };

  const claimed = await db.kysely.transaction().execute(async (trx) => {
    // A lease that expired after the last attempt (the sender died): give up rather than exceed the limit.
    // Skip locked here too, so two replicas never wait on (or deadlock over) the same rows.
    const abandoned = await trx
      .updateTable('notification_outbox')
      .set((eb) => ({ status: 'failed', last_error: eb.fn.coalesce('last_error', eb.val('no answer after the last attempt')) }))
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('notification_outbox')
          .select('id')
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', now)
          .where('attempts', '>=', maxAttempts)
          .forUpdate()
          .skipLocked(),
      )
      .executeTakeFirst();
    result.failed += Number(abandoned.numUpdatedRows);

    const due = await trx
      .selectFrom('notification_outbox')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where('attempts', '<', maxAttempts)
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(batch)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    const rows = await trx
      .updateTable('notification_outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: new Date(now.getTime() + LEASE_MS) }))
      .where('id', 'in', due.map((r) => r.id))
      .returningAll()
      .execute();
    return rows.sort((a, b) => a.id - b.id);
  });

  for (const row of claimed) {
    const outcome = await sendOne(row, channels);
    const settled = await settle(db, row, outcome, now, maxAttempts);
    if (settled) result[settled] += 1;
  }
  return result;
}

type SendOutcome = { ok: true } | { ok: false; error: string; final: boolean };

async function sendOne(row: OutboxRow, channels: ChannelMap): Promise<SendOutcome> {
  const channel = findChannel(channels, row.channel);
  // Retrying cannot help until someone configures the channel.
  if (!channel) return { ok: false, error: 'channel not configured', final: true };
  try {
    await channel.send({ recipient: row.recipient, subject: row.subject, body: row.body });
    return { ok: true };
  } catch (err) {
    const error = (err instanceof Error ? err.message : String(err)) || 'send failed';
    return { ok: false, error: error.slice(0, MAX_ERROR_LENGTH), final: false };
  }
}

/** Records the outcome, unless the lease expired and another replica already took the message over. */
async function settle(
  db: Db,
  row: OutboxRow,
  outcome: SendOutcome,
  now: Date,
  maxAttempts: number,
): Promise<keyof DeliveryResult | undefined> {
  const kind: keyof DeliveryResult = outcome.ok ? 'sent' : outcome.final || row.attempts >= maxAttempts ? 'failed' : 'retried';
  const update = db.kysely
    .updateTable('notification_outbox')
    .where('id', '=', row.id)
    .where('status', '=', 'pending')
    .where('attempts', '=', row.attempts);
  const done =
    kind === 'sent'
      ? await update.set({ status: 'sent', sent_at: new Date(), last_error: null }).executeTakeFirst()
      : kind === 'failed'
        ? await update.set({ status: 'failed', last_error: (outcome as { error: string }).error }).executeTakeFirst()
        : await update
            .set({
              next_attempt_at: new Date(now.getTime() + backoffAfter(row.attempts)),
              last_error: (outcome as { error: string }).error,
            })
            .executeTakeFirst();
  return Number(done.numUpdatedRows) > 0 ? kind : undefined;
}

/**
 * Runs deliveries every `intervalMs` (at once again while batches come back full).
 * Errors are logged, never thrown: a database hiccup must not take the server down.
 * The returned function stops the worker and waits for a run in progress.
 */
export function startNotificationWorker(db: Db, channels: ChannelMap, intervalMs = 5000, opts: Omit<DeliverOptions, 'now'> = {}): () => Promise<void> {
  const batch = opts.batch ?? 20;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick();
    }, ms);
    // Pending deliveries must not keep a finished process (CLI, tests) alive.
    timer.unref();
  };

  const tick = async () => {
    let again = false;
    try {
      const r = await deliverDueNotifications(db, channels, { ...opts, batch });
      again = r.sent + r.retried + r.failed >= batch;
    } catch (err) {
      console.error('[balai] notification worker:', errorForLog(err));
    }
    schedule(again ? 0 : intervalMs);
  };

  schedule(0);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
