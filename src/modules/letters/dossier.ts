import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import * as repo from './letters.repository.js';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * The letters about one resident, with what was filled in, for their data export (the
 * privacy module checks access and logs the export). The verification code stays out: it
 * is a key to the letter, not data about the person.
 */
export async function lettersAboutResident(db: Q, village: string, residentId: number) {
  const rows = await repo.listLetters(db, village, { residentIds: [residentId], limit: 1000, offset: 0 });
  const out = [];
  for (const r of rows) {
    const full = await repo.findLetter(db, village, r.id);
    out.push({
      id: r.id,
      type: r.type_title,
      number: r.number,
      status: r.status,
      channel: r.channel,
      requested_at: r.requested_at,
      signed_at: r.signed_at,
      ready_at: r.ready_at,
      collected_at: r.collected_at,
      rejected_at: r.rejected_at,
      reject_reason: r.reject_reason,
      revoked_at: r.revoked_at,
      valid_until: r.valid_until,
      fields: (full?.fields ?? {}) as Record<string, string>,
    });
  }
  return out;
}
