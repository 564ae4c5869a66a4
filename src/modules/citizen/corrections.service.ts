import { userIdOf } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { villageScope } from '../population/index.js';
import * as repo from './citizen.repository.js';
import { CloseCorrectionInput, CORRECTION_STATUSES, INPUT_LABEL, parseInput, type CorrectionStatus } from './citizen.schema.js';

/** The village's correction requests in one status (open by default), for the officer who handles them. */
export async function listCorrectionRequests(ctx: UseCaseContext, villageInput: string, status: CorrectionStatus = 'open') {
  const village = await villageScope(ctx, villageInput, 'citizen.pin');
  if (!CORRECTION_STATUSES.includes(status)) throw badRequest('validation.choice', 'status', { field: INPUT_LABEL.status![ctx.lang] });
  return { village, items: await repo.listCorrections(ctx.db.kysely, village, status) };
}
export type CorrectionRequestRow = Awaited<ReturnType<typeof listCorrectionRequests>>['items'][number];

/**
 * Closes a request once the officer has applied the change (on the resident's page, which
 * keeps the old value) or decided against it. A rejection must tell the citizen why.
 */
export async function closeCorrectionRequest(ctx: UseCaseContext, villageInput: string, id: number, input: unknown) {
  const village = await villageScope(ctx, villageInput, 'citizen.pin');
  const data = parseInput(CloseCorrectionInput, input, ctx.lang);
  if (data.outcome === 'rejected' && !data.answer) throw badRequest('citizen.answer_required', 'answer', { field: INPUT_LABEL.answer![ctx.lang] });
  return writeWithAudit(ctx, async (trx, audit) => {
    const closed = await repo.closeCorrection(trx, village, id, { status: data.outcome, answer: data.answer ?? null, closed_by: userIdOf(ctx.actor) });
    if (!closed) throw notFound('citizen.correction_not_open');
    await audit({
      action: 'citizen.correction_closed',
      villageCode: village,
      subject: `correction:${id}`,
      detail: { outcome: data.outcome, about: `resident:${closed.about_resident_id}`, field: closed.field },
    });
    return { id, outcome: data.outcome };
  });
}
