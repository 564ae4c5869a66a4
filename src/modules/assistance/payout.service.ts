import { userIdOf } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { violatedUniqueIndex } from '../../platform/db/unique-violation.js';
import { AppError, badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { clean, pastDayOf } from '../../platform/http/text-input.js';
import { webPhoto } from '../../platform/images/web-photo.js';
import { villageInScope } from '../villages/index.js';
import * as repo from './assistance.repository.js';
import { PERIOD_KINDS } from './catalog.js';

const PHOTO_MAX_BYTES = 8 * 1024 * 1024;

/**
 * A payout: one period of an adopted programme handed out on a day, to every recipient on the
 * list except those marked absent, each the programme's amount. Its proof is a photo (of the
 * handover, or of the receipt list signed by the recipients) or the signed paper list itself,
 * kept at the office. A period is paid once; what was paid is never changed.
 */
export async function recordPayout(
  ctx: UseCaseContext, villageInput: string, id: number,
  input: { period?: string; paid_on?: string; proof?: string; note?: string; absent?: string }, photo: Uint8Array | null, today: string,
) {
  const village = (await villageInScope(ctx, villageInput, 'assistance.write')).village_code;
  const paidOn = pastDayOf(input.paid_on, 'paid_on', today);
  const proof = clean(input.proof);
  if (proof !== 'photo' && proof !== 'signature') throw badRequest('validation.choice', 'proof');
  if (proof === 'photo' && (!photo || photo.length === 0)) throw badRequest('assistance.photo_missing', 'photo');
  const note = clean(input.note) || null;
  if (note && note.length > 300) throw badRequest('validation.too_long', 'note', { max: 300 });
  // The photo is made small and stripped of its location before any row is locked.
  let bytes: Uint8Array | null = null;
  if (proof === 'photo') {
    if (photo!.length > PHOTO_MAX_BYTES) throw new AppError(413, 'file_too_large', 'projects.photo_size', { limit: '8 MB' }, 'photo');
    const out = await webPhoto(photo!, false);
    if (out === 'not_a_photo') throw new AppError(415, 'unsupported_file', 'projects.photo_type', {}, 'photo');
    if (out === 'too_large') throw new AppError(413, 'file_too_large', 'projects.photo_pixels', {}, 'photo');
    bytes = out.bytes;
  }
  // Who did not come, as the list names them: household numbers, KK numbers or NIKs, "3, 17, 25".
  const absentText = (input.absent ?? '').trim();
  if (absentText.length > 2000) throw badRequest('validation.too_long', 'absent', { max: 2000 });
  const absentKeys = [...new Set(absentText === '' ? [] : absentText.split(/[\s,;]+/).filter(Boolean))];
  if (absentKeys.some((n) => !/^\d{1,16}$/.test(n))) throw badRequest('assistance.absent_numbers', 'absent');
  try {
    return await writeWithAudit(ctx, async (trx, audit) => {
      const programme = await repo.lockProgramme(trx, village, id);
      if (!programme) throw notFound('assistance.not_found');
      if (programme.status !== 'adopted') throw conflict('assistance.not_adopted');
      const periodRaw = clean(input.period);
      if (!/^\d{1,2}$/.test(periodRaw) || Number(periodRaw) < 1 || Number(periodRaw) > programme.periods) throw badRequest('assistance.period', 'period', { max: programme.periods, unit: PERIOD_KINDS[programme.period_kind].label.id.toLowerCase() });
      if (Number(paidOn.slice(0, 4)) < programme.year) throw badRequest('assistance.paid_before_year', 'paid_on', { year: programme.year });
      const listed = await repo.recipientRows(trx, village, id, ['adopted']);
      const absent = new Set<number>();
      for (const key of absentKeys) {
        const unit = await repo.unitIdByKey(trx, village, programme.target, key);
        const recipient = listed.find((r) => (r.household_id ?? r.family_id ?? r.resident_id) === unit);
        if (unit === null || !recipient) throw badRequest('assistance.absent_not_listed', 'absent', { value: key });
        absent.add(recipient.id);
      }
      const paid = listed.filter((r) => !absent.has(r.id));
      if (paid.length === 0) throw badRequest('assistance.nobody_paid', 'absent');
      const amount = BigInt(programme.amount);
      const total = amount * BigInt(paid.length);
      const { id: payoutId } = await repo.insertPayout(trx, {
        village_code: village, programme_id: id, period: Number(periodRaw), paid_on: paidOn, proof, photo: bytes, note, recipients: paid.length, total: total.toString(), created_by: userIdOf(ctx.actor)!,
      });
      await repo.insertPayments(trx, paid.map((r) => ({ village_code: village, payout_id: payoutId, recipient_id: Number(r.id), amount: amount.toString() })));
      await repo.refreshRollup(trx, village, programme.year, programme.kind);
      await audit({ action: 'assistance.payout', villageCode: village, subject: `programme:${id}`, detail: { payout: payoutId, period: Number(periodRaw), recipients: paid.length, absent: [...absent], total: total.toString(), proof } });
      return { id: payoutId, recipients: paid.length, total };
    });
  } catch (err) {
    if (violatedUniqueIndex(err) === 'assistance_payouts_period') throw conflict('assistance.period_paid', 'period', { period: clean(input.period) });
    throw err;
  }
}

export async function payoutPhoto(ctx: UseCaseContext, villageInput: string, id: number, payoutId: number) {
  const village = (await villageInScope(ctx, villageInput, 'assistance.read')).village_code;
  const row = await repo.payoutPhoto(ctx.db.kysely, village, id, payoutId);
  if (!row?.photo) throw notFound('assistance.not_found');
  return row.photo;
}
