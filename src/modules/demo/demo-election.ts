import sharp from 'sharp';
import type { UseCaseContext } from '../../platform/context.js';
import { fileObjection, makeDps } from '../elections/voter-lists.service.js';
import { createElection, saveCandidate, saveStation } from '../elections/setup.service.js';

/** A stand-in portrait (a silhouette on the candidate's colour) until the committee uploads the real photo. */
const portrait = (background: string) => sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="300" height="400">
  <rect width="300" height="400" fill="${background}"/><circle cx="150" cy="150" r="70" fill="#f1f1f1"/><ellipse cx="150" cy="370" rx="120" ry="110" fill="#f1f1f1"/></svg>`)).jpeg().toBuffer();

const shift = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Hanura's next village head election, as its committee (panitia.hanura) keeps it: the schedule
 * with the voting day six weeks ahead, two TPS (Dusun I votes at the second), three candidates,
 * the DPS made from the register two days ago and one objection waiting for the committee (the
 * demo citizen, listed in Dusun I, asks to vote at the village hall).
 */
export async function seedDemoElection(committee: UseCaseContext, village: string, today: string, dusunOne: number | null, objectorNik: string | null) {
  const { id } = await createElection(committee, village, {
    title: 'Pemilihan Kepala Desa Hanura 2027', committee_decree: '03/BPD-HNR/XI/2026',
    registration_from: shift(today, -20), registration_to: shift(today, -10), dps_date: shift(today, -2), objections_to: shift(today, 10),
    dpt_date: shift(today, 20), campaign_from: shift(today, 25), campaign_to: shift(today, 40), voting_day: shift(today, 45),
  }, today);
  const election = String(id);
  const first = await saveStation(committee, village, election, { tps_number: '1', tps_place: 'Balai Desa Hanura' });
  await saveStation(committee, village, election, { tps_number: '2', tps_place: 'Balai Dusun I', tps_areas: dusunOne === null ? [] : [String(dusunOne)] });
  const candidates = [
    ['Suparman', 'Hanura yang maju, bersih dan melayani', 'Memperbaiki jalan usaha tani; pelayanan surat dalam satu hari; BUMDes yang menguntungkan warga.'],
    ['Wayan Sudarta', 'Desa pesisir yang sejahtera dan lestari', 'Mengembangkan wisata pantai bersama warga; menjaga mangrove; membuka pasar ikan desa.'],
    ['Nurhayati', 'Warga sehat, cerdas dan berdaya', 'Posyandu aktif di setiap dusun; beasiswa desa; pelatihan usaha bagi ibu rumah tangga.'],
  ] as const;
  const colours = ['#1f6f8b', '#8b1f3a', '#2f7d32'];
  for (const [i, [name, vision, mission]] of candidates.entries()) {
    await saveCandidate(committee, village, election, { candidate_number: String(i + 1), candidate_name: name, vision, mission }, new Uint8Array(await portrait(colours[i]!)));
  }
  await makeDps(committee, village, election);
  if (objectorNik) {
    await fileObjection(committee, village, election, { objection_kind: 'move', voter_nik: objectorNik, tps_station: String(first.id), reason: 'Bekerja di kantor desa, memilih di Balai Desa', filed_by: 'Ketua RT 001 Dusun I' });
  }
  return id;
}
