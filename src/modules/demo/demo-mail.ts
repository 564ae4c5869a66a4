import type { UseCaseContext } from '../../platform/context.js';
import { registerIncoming, routeIncoming } from '../correspondence/index.js';

/**
 * The demo village's incoming mail: an invitation from the district routed by the head to the
 * secretary (open, due in three days), and a request for data from the regency's PMD office not
 * routed yet, so the register, the secretary's queue and the agenda book have something to show.
 * No scans: the office adds them.
 */
export async function seedDemoMail(office: UseCaseContext, head: UseCaseContext, village: string, secretaryId: number, today: string) {
  const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const inThreeDays = new Date(Date.parse(`${today}T00:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10);
  const invitation = await registerIncoming(office, village, {
    received_on: yesterday, sender: 'Camat Teluk Pandan', letter_no: '005/212/TP/XII/2026', letter_date: yesterday, nature: 'penting',
    subject: 'Undangan Rapat Koordinasi Penyaluran BLT Dana Desa', summary: 'Rapat di Aula Kantor Camat; membawa daftar penerima BLT yang ditetapkan musdesus.',
  }, null, today);
  await registerIncoming(office, village, {
    received_on: today, sender: 'Dinas PMD Kabupaten Pesawaran', letter_no: '140/877/V.06/2026', letter_date: yesterday, nature: 'biasa',
    subject: 'Permintaan Data Perangkat Desa', summary: 'Pemutakhiran data perangkat desa untuk penghasilan tetap tahun depan.',
  }, null, today);
  await routeIncoming(head, village, String(invitation.id), { to_user: String(secretaryId), instruction: 'Mohon hadir dan bawa daftar penerima BLT; laporkan hasilnya.', due_on: inThreeDays }, today);
}
