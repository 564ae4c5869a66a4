import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import * as repo from './citizen.repository.js';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * Self-service data about one resident for their data export: whether they have a PIN
 * (when issued, last used — never the hash) and their correction requests. The privacy
 * module's use case checks access and logs the export.
 */
export async function selfServiceDossier(db: Q, village: string, residentId: number) {
  const [pin, corrections] = await Promise.all([repo.findPin(db, village, residentId), repo.listCorrectionsInvolving(db, village, residentId)]);
  return {
    pin: pin ? { issued: true, issued_at: pin.issued_at, last_login_at: pin.last_login_at } : { issued: false, issued_at: null, last_login_at: null },
    corrections: corrections.map((c) => ({
      id: c.id,
      about: c.about_name,
      by_self: c.resident_id === residentId,
      field: c.field,
      proposed: c.proposed,
      note: c.note,
      status: c.status,
      created_at: c.created_at,
      closed_at: c.closed_at,
      answer: c.answer,
    })),
  };
}
