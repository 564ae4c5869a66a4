import type { Actor } from '../../platform/access/access.js';
import type { UseCaseContext } from '../../platform/context.js';
import { complainAsCitizen, handleComplaint } from '../complaints/index.js';

/**
 * Complaints to look at in the demo village: one from the demo citizen about a street light,
 * answered by the head; one about a letter, still waiting.
 */
export async function seedDemoComplaints(ctx: UseCaseContext, village: string, citizen: Actor, head: Actor, today: string) {
  const asCitizen = { ...ctx, actor: citizen };
  const light = await complainAsCitizen(asCitizen, { category: 'infrastruktur', complaint: 'Lampu jalan di simpang Dusun I mati sejak seminggu, jalan gelap malam hari.', location: 'Simpang Dusun I' }, null, today);
  await handleComplaint({ ...ctx, actor: head }, village, light.id, { action: 'reply', message: 'Terima kasih laporannya. Lampu sudah dilaporkan ke PLN dan dijadwalkan diganti pekan ini.' });
  await complainAsCitizen(asCitizen, { category: 'pelayanan', complaint: 'Mohon informasi syarat membuat surat keterangan usaha untuk pengajuan KUR.' }, null, today);
}
