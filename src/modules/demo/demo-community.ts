import type { UseCaseContext } from '../../platform/context.js';
import { addMember, addParticipants, addRecord, createInstitution, createTraining } from '../institutions/institutions.service.js';
import { createPost, saveSiteSettings } from '../website/site.service.js';

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);

/**
 * The demo village's institutions (BPD with its members, Posyandu, Karang Taruna), a digital
 * cadre training, and its website: a short name, a profile, news, an announcement and an
 * upcoming event — something to look at on every page of the community pillar.
 */
export async function seedDemoCommunity(office: UseCaseContext, village: string, niks: string[], today: string) {
  const year = Number(today.slice(0, 4));
  const bpd = await createInstitution(office, village, { kind: 'bpd', name: 'BPD Desa Hanura', decree_number: '141/12/KPTS/2023', decree_on: `${year - 3}-02-01` });
  const positions = ['Ketua', 'Wakil Ketua', 'Sekretaris', 'Anggota', 'Anggota'];
  for (const [i, nik] of niks.slice(0, positions.length).entries()) {
    await addMember(office, village, bpd.id, { nik, position: positions[i], term_start: `${year - 3}-02-01`, term_end: `${year + 3}-02-01` });
  }
  await addRecord(office, village, bpd.id, { kind: 'decision', held_on: `${year - 1}-11-20`, title: `Kesepakatan rancangan APBDes ${year}`, participants: '9' });
  const posyandu = await createInstitution(office, village, { kind: 'posyandu', name: 'Posyandu Melati' });
  for (const nik of niks.slice(5, 8)) await addMember(office, village, posyandu.id, { nik, position: 'Kader', term_start: `${year - 1}-01-01` });
  await addRecord(office, village, posyandu.id, { kind: 'activity', held_on: addDays(today, -10), title: 'Penimbangan balita dan pemberian makanan tambahan', participants: '42' });
  await createInstitution(office, village, { kind: 'karang_taruna', name: 'Karang Taruna Tunas Bahari' });
  const training = await createTraining(office, village, { title: 'Pelatihan kader digital desa', topic: 'digital', held_on: addDays(today, -30), place: 'Balai Desa Hanura', organiser: 'Dinas PMD Provinsi Lampung', makes_digital_cadres: '1' });
  if (niks.length > 8) await addParticipants(office, village, training.id, { niks: niks.slice(8, 14).join('\n') });

  await saveSiteSettings(office, village, {
    slug: 'hanura', tagline: 'Desa wisata bahari di Teluk Lampung', office_hours: 'Senin–Jumat 08.00–15.00 WIB',
    about: 'Desa Hanura terletak di pesisir **Teluk Lampung**, Kecamatan Teluk Pandan, Kabupaten Pesawaran.\n\nSebagian besar warga bekerja sebagai nelayan, petani, dan pelaku usaha wisata pantai.',
    history: 'Hanura dibuka oleh para perantau dari Banten pada awal abad ke-20 dan menjadi desa definitif pada tahun 1960-an.',
  });
  await createPost(office, village, { kind: 'news', title: 'Gotong royong membersihkan Pantai Hanura', content: 'Minggu pagi warga dari tiga dusun membersihkan pantai bersama Karang Taruna.\n\n- 120 warga ikut serta\n- 2 ton sampah plastik dikumpulkan' });
  await createPost(office, village, { kind: 'announcement', title: 'Jadwal pelayanan surat selama cuti bersama', content: 'Kantor desa tetap melayani surat pada hari kerja pukul 08.00–12.00 WIB. Surat juga dapat diajukan lewat **layanan mandiri** dari HP.' });
  await createPost(office, village, { kind: 'agenda', title: `Musyawarah desa RKPDes ${year + 1}`, content: 'Seluruh warga, BPD, dan lembaga desa diundang hadir.', event_on: addDays(today, 14), event_time: '09.00 WIB', event_place: 'Balai Desa Hanura' });
}
