import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { enqueueNotification } from '../../platform/notify/index.js';
import { findResidentContact } from '../population/index.js';

type Complaint = { id: number; year: number; number: number; tracking_code: string; resident_id: number | null; reporter_phone: string | null };

/**
 * Tells whoever sent a complaint that it was answered, through the outbox in the officer's
 * transaction: a citizen at the phone and e-mail the register has, someone from the public
 * form at the phone they gave (they follow it with its tracking code). Nobody to tell: nothing
 * is queued (the answer waits on the page). Sending happens later and never undoes the reply.
 */
export async function announceReply(trx: Transaction<Database>, village: string, c: Complaint, reply: string) {
  const excerpt = reply.length > 300 ? `${reply.slice(0, 299)}…` : reply;
  const where = c.resident_id !== null
    ? 'Lihat selengkapnya di layanan mandiri desa, menu Pengaduan.'
    : `Lihat selengkapnya di halaman pengaduan desa dengan kode lacak ${c.tracking_code}.`;
  const base = { villageCode: village, subjectRef: `complaint:${c.id}`, subject: `Pengaduan No. ${c.number}/${c.year} dijawab`, body: `Pengaduan Anda No. ${c.number}/${c.year} sudah dijawab:\n\n${excerpt}\n\n${where}` };
  const to = c.resident_id !== null ? await findResidentContact(trx, village, c.resident_id) : { phone: c.reporter_phone, email: null };
  if (to?.phone) await enqueueNotification(trx, { ...base, channel: 'whatsapp', recipient: to.phone });
  if (to?.email) await enqueueNotification(trx, { ...base, channel: 'email', recipient: to.email });
}
