import type { Actor } from '../../platform/access/access.js';
import type { UseCaseContext } from '../../platform/context.js';
import { todayInWib } from '../../platform/format/format.js';
import { addPlanItem, adoptPlan, carryForward, recordProposal, startMeeting, startPlan } from '../planning/index.js';
import { reportProgress, startProject } from '../projects/index.js';

/**
 * The demo village's plans, made the way a village makes them: the secretary's team writes the
 * RPJMDes of the head's term (from last year, six years) and the head adopts it; this year's
 * RKPDes is carried forward from it and adopted last September. Next year's proposals are in
 * and its Musrenbangdes is open; the RKPDes itself is left for the user (after 30 September its
 * absence shows as a warning). Made-up activities.
 */
export async function seedDemoPlans(base: UseCaseContext, village: string, people: { secretary: Actor; head: Actor }) {
  const today = todayInWib();
  const year = Number(today.slice(0, 4));
  const as = (actor: Actor): UseCaseContext => ({ ...base, actor });
  const first = year - 1;
  const { id: rpjmdes } = await startPlan(as(people.secretary), village, {
    kind: 'rpjmdes', first_year: first, years: 6,
    vision: 'Terwujudnya Desa Hanura yang maju, mandiri, sehat dan sejahtera',
    mission: '1. Membangun jalan dan saluran desa yang baik\n2. Menurunkan stunting dan menjaga kesehatan warga\n3. Menguatkan ekonomi desa lewat BUMDes dan kelompok tani\n4. Melayani warga dengan cepat dan terbuka',
  });
  const all = Array.from({ length: 6 }, (_, i) => first + i).join(',');
  const items = [
    { activity_code: '2.3.10', description: 'Rabat beton jalan Dusun II', location: 'Dusun II', volume: '1.200 m', beneficiaries: '320 KK Dusun II', run_years: `${first},${year},${year + 1}`, cost: '1.400.000.000', fund: 'DDS', execution: 'swakelola' },
    { activity_code: '2.3.14', description: 'Drainase jalan Dusun IV', location: 'Dusun IV', volume: '450 m', beneficiaries: '180 KK Dusun IV', run_years: `${year},${year + 2}`, cost: '300.000.000', fund: 'DDS', execution: 'swakelola' },
    { activity_code: '2.2.02', description: 'Makanan tambahan balita dan ibu hamil', location: 'Posyandu Melati dan Mawar', volume: '2.400 porsi/tahun', beneficiaries: 'Balita dan ibu hamil', run_years: all, cost: '216.000.000', fund: 'DDS', execution: 'swakelola' },
    { activity_code: '4.2.05', description: 'Pelatihan pupuk organik kelompok tani', location: 'Balai desa', volume: '1 paket/tahun', beneficiaries: '4 kelompok tani', run_years: all, cost: '150.000.000', fund: 'DDS', execution: 'pihak_ketiga' },
    { activity_code: '1.4.01', description: 'Musyawarah perencanaan desa', location: 'Balai desa', volume: '2 kegiatan/tahun', beneficiaries: 'Warga desa', run_years: all, cost: '72.000.000', fund: 'ADD', execution: 'swakelola' },
  ];
  for (const item of items) await addPlanItem(as(people.secretary), village, rpjmdes, item);
  await adoptPlan(as(people.head), village, rpjmdes, { regulation_number: `2 Tahun ${first}`, regulation_date: `${first}-03-16` }, today);
  const { id: rkpdes } = await startPlan(as(people.secretary), village, { kind: 'rkpdes', first_year: year });
  await carryForward(as(people.secretary), village, rkpdes);
  await adoptPlan(as(people.head), village, rkpdes, { regulation_number: `5 Tahun ${first}`, regulation_date: `${first}-09-22` }, today);

  // This year's road, under way: opened from the RKPDes activity, with its first progress report.
  const road = (await base.db.kysely.selectFrom('plan_items').select('id').where('village_code', '=', village).where('plan_id', '=', rkpdes).where('activity_code', '=', '2.3.10').executeTakeFirstOrThrow()).id;
  const startsOn = `${year}-02-02` < today ? `${year}-02-02` : today;
  const { id: project } = await startProject(as(people.secretary), village, {
    plan_item_id: String(road), latitude: '-5.5214', longitude: '105.2438', implementer: 'TPK Desa Hanura', starts_on: startsOn, ends_on: `${year}-11-28`,
    dana_DDS: '483.000.000',
  });
  await reportProgress(as(people.secretary), village, project, { reported_on: startsOn, progress: '0', note: 'Lokasi dibersihkan dan diukur; material pertama datang.' }, [], today);

  // Next year's proposals from the hamlets and groups, and the village meeting that will rank them (open: attendance to take).
  const next = year + 1;
  const proposals = [
    { origin: 'dusun', proposer: 'Dusun I', field_code: '2.3.10', description: 'Rabat beton jalan menuju dermaga', location: 'Dusun I RT 002', beneficiaries: '150 KK nelayan', cost: '380.000.000' },
    { origin: 'dusun', proposer: 'Dusun III', field_code: '2.3.14', description: 'Saluran air hujan di jalan utama', location: 'Dusun III', beneficiaries: '120 KK', cost: '160.000.000' },
    { origin: 'kelompok', proposer: 'Kelompok Wanita Tani Melati', field_code: '4.2.05', description: 'Pelatihan olahan hasil kebun', location: 'Balai desa', beneficiaries: '30 anggota KWT', cost: '20.000.000' },
    { origin: 'kelompok', proposer: 'Karang Taruna', field_code: '3', description: 'Lapangan voli desa', location: 'Dusun II', beneficiaries: 'Pemuda desa', cost: '' },
  ];
  for (const p of proposals) await recordProposal(as(people.secretary), village, { year: next, ...p });
  await startMeeting(as(people.secretary), village, {
    kind: 'musdes', year: next, meeting_title: `Musrenbangdes RKPDes ${next}`, held_on: today, place: 'Balai Desa Hanura',
    agenda: `1. Pembukaan oleh Kepala Desa\n2. Pemaparan usulan dusun dan kelompok\n3. Penentuan prioritas RKPDes ${next}`,
  });
}
