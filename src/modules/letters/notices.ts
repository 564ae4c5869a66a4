import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { enqueueNotification } from '../../platform/notify/index.js';
import { findResidentContact } from '../population/index.js';

type Letter = { id: number; resident_id: number; requested_by_resident: number | null; type_title: string };

const TEXT = {
  ready: (l: Letter) => ({ subject: `${l.type_title} siap`, body: `${l.type_title} Anda sudah selesai dan siap diambil di kantor desa (atau diunduh di layanan mandiri). Bawa KTP-el Anda.` }),
  downloadable: (l: Letter) => ({ subject: `${l.type_title} siap diunduh`, body: `${l.type_title} Anda sudah ditandatangani dan dapat diunduh sekarang di layanan mandiri (menu Surat).` }),
  rejected: (l: Letter, why: string) => ({ subject: `${l.type_title} ditolak`, body: `Permohonan ${l.type_title} Anda ditolak dengan alasan: ${why}. Silakan hubungi kantor desa.` }),
};

/**
 * Tells the citizen that their request changed state, through the outbox in the same
 * transaction: e-mail when the resident has an address, WhatsApp when a phone number,
 * and the log channel otherwise so the office can see that no message could go out.
 * Sending happens later and a failure never undoes the step.
 */
export async function announce(trx: Transaction<Database>, village: string, letter: Letter, kind: 'ready' | 'downloadable' | 'rejected', why = '') {
  const to = await findResidentContact(trx, village, letter.requested_by_resident ?? letter.resident_id);
  const msg = kind === 'rejected' ? TEXT.rejected(letter, why) : TEXT[kind](letter);
  const base = { villageCode: village, subjectRef: `letter:${letter.id}`, ...msg };
  let sent = false;
  if (to?.email) {
    await enqueueNotification(trx, { ...base, channel: 'email', recipient: to.email });
    sent = true;
  }
  if (to?.phone) {
    await enqueueNotification(trx, { ...base, channel: 'whatsapp', recipient: to.phone });
    sent = true;
  }
  if (!sent) await enqueueNotification(trx, { ...base, channel: 'log', recipient: `resident:${letter.requested_by_resident ?? letter.resident_id}` });
}
