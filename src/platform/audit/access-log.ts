import { sql, type Kysely, type Transaction } from 'kysely';
import type { Role } from '../access/roles.js';
import type { Database } from '../db/schema.js';

/**
 * Who read or changed a person's record, from the audit log: what a resident sees about
 * themselves (UU 27/2022, the right of access) and what their data export carries. The
 * officer's name and role, when, what and why — never the address they came from.
 */
export interface AccessLogEntry {
  at: Date;
  action: string;
  /** An officer, the person themselves (self-service), or the system (an import, the demo). */
  actor: 'officer' | 'self' | 'citizen' | 'system';
  name: string | null;
  role: Role | null;
  purpose: string | null;
}

/** `othersOnly` leaves out the person's own self-service visits, which would crowd out the rest. */
export async function accessLogOf(
  db: Kysely<Database> | Transaction<Database>,
  village: string,
  residentId: number,
  options: { limit?: number; othersOnly?: boolean } = {},
): Promise<AccessLogEntry[]> {
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select(['a.at', 'a.action', 'a.actor_id', 'a.actor_label', 'u.full_name', 'u.role', sql<string | null>`a.detail->>'purpose'`.as('purpose')])
    .where('a.village_code', '=', village)
    // The record itself, and the letters about the person: whoever checked, signed or opened
    // one of them handled the person's data too.
    .where((eb) =>
      eb.or([
        eb('a.subject', '=', `resident:${residentId}`),
        eb('a.subject', 'in', eb.selectFrom('letters as l').select(sql<string>`'letter:' || l.id`.as('s')).where('l.village_code', '=', village).where('l.resident_id', '=', residentId)),
      ]),
    )
    .where('a.outcome', '=', 'ok');
  if (options.othersOnly) q = q.where('a.actor_label', '<>', `warga:${residentId}`);
  const rows = await q
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(options.limit ?? 200)
    .execute();
  return rows.map((r) => ({
    at: r.at,
    action: r.action,
    actor: r.actor_id !== null ? 'officer' : r.actor_label === `warga:${residentId}` ? 'self' : r.actor_label.startsWith('warga:') ? 'citizen' : 'system',
    // Through an API token: the account that made it, and the token (its label is `token:<id> <name>`).
    name: r.actor_id === null ? null : r.actor_label.startsWith('token:') ? `${r.full_name ?? '—'} · token API "${r.actor_label.replace(/^token:\d+ /, '')}"` : r.full_name,
    role: (r.role as Role | null) ?? null,
    purpose: r.purpose,
  }));
}

/** What happened, in words a resident understands. */
export const ACCESS_ACTION_LABEL: Record<string, { id: string; en: string }> = {
  'resident.read': { id: 'Melihat data', en: 'Viewed the record' },
  'resident.photo_read': { id: 'Melihat foto', en: 'Viewed the photo' },
  'resident.photo_update': { id: 'Mengganti foto', en: 'Changed the photo' },
  'resident.correct': { id: 'Mengoreksi data', en: 'Corrected the record' },
  'resident.registration': { id: 'Mendaftarkan', en: 'Registered' },
  'resident.birth': { id: 'Mencatat kelahiran', en: 'Recorded the birth' },
  'resident.death': { id: 'Mencatat kematian', en: 'Recorded a death' },
  'resident.move_in': { id: 'Mencatat pindah datang', en: 'Recorded moving in' },
  'resident.move_out': { id: 'Mencatat pindah keluar', en: 'Recorded moving out' },
  'resident.lost': { id: 'Mencatat hilang', en: 'Recorded as missing' },
  'resident.temporary_departure': { id: 'Mencatat pergi sementara', en: 'Recorded a temporary departure' },
  'resident.return': { id: 'Mencatat kembali', en: 'Recorded the return' },
  'resident.export': { id: 'Mengunduh seluruh data pribadi', en: 'Downloaded all personal data' },
  'family.move_member': { id: 'Memindahkan ke KK lain', en: 'Moved to another family card' },
  'citizen.pin_issued': { id: 'Memberikan PIN layanan mandiri', en: 'Issued the self-service PIN' },
  'citizen.login': { id: 'Masuk layanan mandiri', en: 'Logged in to self-service' },
  'letter.request': { id: 'Mengajukan surat', en: 'Requested a letter' },
  'letter.read': { id: 'Membuka surat', en: 'Opened a letter' },
  'letter.check': { id: 'Memeriksa permohonan surat', en: 'Checked a letter request' },
  'letter.reject': { id: 'Menolak permohonan surat', en: 'Rejected a letter request' },
  'letter.sign': { id: 'Menandatangani surat', en: 'Signed a letter' },
  'letter.check_sign': { id: 'Memeriksa dan menandatangani surat', en: 'Checked and signed a letter' },
  'letter.ready': { id: 'Menandai surat siap diambil', en: 'Marked a letter ready' },
  'letter.collect': { id: 'Menyerahkan surat', en: 'Handed over a letter' },
  'letter.revoke': { id: 'Mencabut surat', en: 'Revoked a letter' },
  'letter.download': { id: 'Mengunduh surat', en: 'Downloaded a letter' },
  'farmers.card_print': { id: 'Mencetak kartu tani', en: 'Printed the farmer card' },
  'farmers.read': { id: 'Membuka data petani (lahan, alokasi pupuk, penebusan)', en: 'Opened the farmer record (land, fertiliser allocation, redemptions)' },
  'farmers.redeem': { id: 'Kios pupuk mencatat penebusan pupuk bersubsidi', en: 'A fertiliser kiosk recorded a subsidised fertiliser redemption' },
  'farmers.kiosk_lookup': { id: 'Kios pupuk membaca kartu tani (nama, NIK tersamar, sisa alokasi)', en: 'A fertiliser kiosk read the farmer card (name, masked NIK, allocation left)' },
};

export const accessActionLabel = (action: string, lang: 'id' | 'en') => ACCESS_ACTION_LABEL[action]?.[lang] ?? action;
