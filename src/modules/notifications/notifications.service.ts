import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import { villageScope } from '../villages/index.js';
import { maskError, maskRecipient } from './mask.js';
import * as repo from './notifications.repository.js';

const STATUSES = ['pending', 'sent', 'failed'] as const;
export type NotificationStatus = (typeof STATUSES)[number];

/** What was sent to the village's citizens, to whom (masked), and what failed. */
export async function villageNotifications(ctx: UseCaseContext, villageInput: string, query: { status?: string; page?: string }) {
  const village = await villageScope(ctx, villageInput, 'notifications.read');
  // A filter that is not one of ours is no filter; a page that is not a number is the first.
  const status = STATUSES.find((s) => s === query.status);
  const page = Math.min(Math.max(Number.parseInt(query.page ?? '1', 10) || 1, 1), 10_000);
  const rows = await repo.listForVillage(ctx.db.kysely, village, { status, offset: (page - 1) * repo.PAGE_SIZE });
  return {
    village,
    status,
    page,
    more: rows.length > repo.PAGE_SIZE,
    rows: rows.slice(0, repo.PAGE_SIZE).map(({ recipient, last_error, ...r }) => ({
      ...r,
      recipient: maskRecipient(r.channel, recipient),
      last_error: last_error ? maskError(last_error, r.channel, recipient) : null,
    })),
  };
}

/** Sends a failed message again: back in the queue with a fresh retry schedule, audited. */
export async function retryNotification(ctx: UseCaseContext, villageInput: string, id: number) {
  const village = await villageScope(ctx, villageInput, 'notifications.retry');
  return writeWithAudit(ctx, async (trx, audit) => {
    const row = await repo.requeueFailed(trx, village, id);
    if (!row) {
      const found = await repo.findStatus(trx, village, id);
      if (!found) throw notFound();
      throw conflict('notifications.not_failed', undefined, { status: found.status });
    }
    await audit({ action: 'notification.retry', villageCode: village, subject: `notification:${id}`, detail: { channel: row.channel } });
    return row;
  });
}
