import { sql } from 'kysely';
import sharp from 'sharp';
import { createApp } from '../src/app.js';
import type { Actor } from '../src/platform/access/access.js';
import type { UseCaseContext } from '../src/platform/context.js';
import type { Db } from '../src/platform/db/connect.js';
import { todayInWib } from '../src/platform/format/format.js';
import { HANURA, seedDemo } from '../src/modules/demo/seed-demo.js';
import { addPlanItem, adoptPlan, carryForward, recordProposal, startMeeting, startPlan } from '../src/modules/planning/index.js';
import { addAttendees, closeMeeting, saveMinutes, saveScores } from '../src/modules/planning/deliberation.service.js';
import { reportProgress, startProject } from '../src/modules/projects/index.js';
import { pageMeasurements, percentile, signIn, time, withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

/**
 * Planning, deliberation and projects (issue 13): in the demo village (2,500 residents), an
 * RPJMDes of 60 activities and the next year's RKPDes carried from it, 200 proposals, a Musdes
 * with 300 attendees from the register that scores them all, and a project with 20 progress
 * reports and their photos (each resized through the use case). Measured: the pages as server
 * time, the berita acara and the poster PDFs, how long a report with three phone photos takes,
 * and the province budget dashboard with five projects in each of Lampung's 2,651 villages
 * (the late ones counted on the day it is read).
 */
const ACTIVITIES = 60;
const PROPOSALS = 200;
const ATTENDEES = 300;
const REPORTS = 20;
const ROUNDS = 30;

async function measure(db: Db, log: (l: string) => void): Promise<Measurement[]> {
  await seedDemo(db, { population: true, citizen: false });
  const today = todayInWib();
  const year = Number(today.slice(0, 4));
  const users = await db.kysely.selectFrom('users').select(['id', 'username']).where('region_code', '=', HANURA).execute();
  const actor = (username: string, role: Actor['role']): UseCaseContext => ({
    db, ip: 'bench', lang: 'id',
    actor: { kind: 'user', id: users.find((u) => u.username === username)!.id, username, fullName: username, role, regionCode: HANURA, language: 'id' },
  });
  const secretary = actor('sekdes.hanura', 'village_secretary');
  const head = actor('kades.hanura', 'village_head');
  const out: Measurement[] = [];

  // An RPJMDes for the next term (after the demo's), its activities spread over the six years.
  const codes = (await db.kysely.selectFrom('budget_activities').select('code').where('level', '=', 3).orderBy('code').execute()).map((a) => a.code);
  const first = year + 5;
  const { id: rpjmdes } = await startPlan(secretary, HANURA, { kind: 'rpjmdes', first_year: first, years: 6, vision: 'Desa maju', mission: '1. Jalan\n2. Sehat' });
  const { seconds: itemSeconds } = await time(async () => {
    for (let i = 0; i < ACTIVITIES; i++) {
      await addPlanItem(secretary, HANURA, rpjmdes, {
        activity_code: codes[i % codes.length], description: `Kegiatan ${i + 1}`, location: `Dusun ${1 + (i % 4)}`, volume: '1 paket', beneficiaries: 'Warga',
        run_years: [first + (i % 6), first + ((i + 1) % 6)].join(','), cost: String(10_000_000 + i * 1_000_000), fund: 'DDS', execution: 'swakelola',
      });
    }
  });
  await adoptPlan(head, HANURA, rpjmdes, { regulation_number: `1 Tahun ${year}`, regulation_date: today }, today);
  const { id: rkpdes } = await startPlan(secretary, HANURA, { kind: 'rkpdes', first_year: first });
  await carryForward(secretary, HANURA, rkpdes);
  out.push({ what: 'RPJMDes activities added through the use case', database: db.kind, rows: ACTIVITIES, seconds: itemSeconds, note: 'rows/s = activities/s' });

  // Proposals and the Musdes that scores them all, with 300 attendees from the register.
  for (let i = 0; i < PROPOSALS; i++) {
    await recordProposal(secretary, HANURA, { year: first, origin: i % 2 ? 'dusun' : 'kelompok', proposer: `Dusun ${1 + (i % 4)}`, field_code: codes[i % codes.length], description: `Usulan ${i + 1}`, location: `RT 00${1 + (i % 3)}`, beneficiaries: 'Warga', cost: String(5_000_000 + i * 100_000) });
  }
  const { id: meeting } = await startMeeting(secretary, HANURA, { kind: 'musdes', year: first, meeting_title: `Musrenbangdes RKPDes ${first}`, held_on: today, place: 'Balai desa' });
  const niks = (await db.kysely.selectFrom('residents').select('nik').where('village_code', '=', HANURA).where('life_status', '=', 1).where('birth_date', '<', '2000-01-01').orderBy('id').limit(ATTENDEES).execute()).map((r) => r.nik);
  const { seconds: attendanceSeconds } = await time(() => addAttendees(secretary, HANURA, meeting, { niks: niks.join('\n') }));
  out.push({ what: `attendance of ${niks.length} residents added in one go (checked against the register)`, database: db.kind, rows: niks.length, seconds: attendanceSeconds, note: 'rows/s = attendees/s' });
  const proposals = await db.kysely.selectFrom('plan_proposals').select('id').where('village_code', '=', HANURA).where('year', '=', first).execute();
  await saveScores(secretary, HANURA, meeting, Object.fromEntries(proposals.map((p, i) => [`skor_${p.id}`, String((i * 7) % 50)])));
  await saveMinutes(secretary, HANURA, meeting, { minutes: 'Musyawarah berjalan lancar.' });
  await closeMeeting(secretary, HANURA, meeting);
  log(`${db.kind}: RPJMDes, RKPDes, ${PROPOSALS} proposals and a Musdes of ${niks.length} attendees ready`);

  // The demo's road project with 20 reports; photos through the use case (three 12-megapixel phone photos a report, the first five reports).
  const project = (await db.kysely.selectFrom('projects').select(['id', 'starts_on']).where('village_code', '=', HANURA).executeTakeFirstOrThrow());
  const phone = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg({ quality: 85 }).toBuffer();
  const photoTimes: number[] = [];
  for (let i = 1; i <= REPORTS; i++) {
    const photos = i <= 5 ? [phone, phone, phone].map((b) => new Uint8Array(b)) : [];
    const { seconds } = await time(() => reportProgress(secretary, HANURA, project.id, { reported_on: project.starts_on < today ? project.starts_on : today, progress: String(i * 5), note: `Laporan ${i}` }, photos, today));
    if (photos.length) photoTimes.push(seconds * 1000);
  }
  out.push({ what: `progress report with three ${phone.length > 1e6 ? `${(phone.length / 1e6).toFixed(1)} MB` : `${Math.round(phone.length / 1e3)} kB`} 12-megapixel photos (resized, metadata removed)`, database: db.kind, rows: photoTimes.length, seconds: photoTimes.reduce((a, b) => a + b, 0) / 1000, note: `median ${percentile(photoTimes, 50).toFixed(0)} ms a report` });

  // Five projects in every village of Lampung for the dashboard (the rollup only).
  await sql`insert into villages (village_code, activated_at, activation_kind)
    select code, now(), 'initiative' from regions where level = 4 and code like '18.%' on conflict do nothing`.execute(db.kysely);
  await sql`insert into monitoring_projects (village_code, project_id, year, starts_on, ends_on, budget, progress, reported_on)
    select r.code, 1000000 + n, ${year}, ${`${year}-02-01`}::date, ${`${year}-11-30`}::date, 200000000, (abs(hashtext(r.code || n)) % 101)::numeric, ${today}::date
    from regions r cross join generate_series(1, 5) n where r.level = 4 and r.code like '18.%' and r.code <> ${HANURA} on conflict do nothing`.execute(db.kysely);

  const app = createApp({ db, secureCookies: false });
  const [officer, province] = await Promise.all([signIn(app, 'sekdes.hanura'), signIn(app, 'provinsi')]);
  const pages: [string, string, string][] = [
    ['plans list', `/desa/${HANURA}/perencanaan`, officer],
    [`RPJMDes page (${ACTIVITIES} activities)`, `/desa/${HANURA}/perencanaan/${rpjmdes}`, officer],
    ['RKPDes page with the Musdes priority list', `/desa/${HANURA}/perencanaan/${rkpdes}`, officer],
    [`proposals and meetings (${PROPOSALS} proposals)`, `/desa/${HANURA}/musyawarah?tahun=${first}`, officer],
    [`Musdes page (${niks.length} attendees, ${PROPOSALS} scored)`, `/desa/${HANURA}/musyawarah/${meeting}`, officer],
    ['berita acara PDF (drawn in a worker thread)', `/desa/${HANURA}/musyawarah/${meeting}/berita-acara.pdf`, officer],
    [`project page (${REPORTS} reports, 15 photos)`, `/desa/${HANURA}/proyek/${project.id}`, officer],
    ['public project page', `/publik/desa/${HANURA}/proyek/${project.id}`, ''],
    ['public budget page with the year\'s projects', `/publik/desa/${HANURA}/apbdes`, ''],
    ['APBDes poster A3 PDF (drawn in a worker thread)', `/publik/desa/${HANURA}/apbdes/poster.pdf?ukuran=a3`, ''],
    ['village home page (RKPDes deadline check)', '/', officer],
    ['province budget dashboard (13,000 projects, late ones counted)', `/pantau/18/apbdes?tahun=${year}`, province],
  ];
  out.push(...(await pageMeasurements(app, db.kind, pages, ROUNDS, log)));
  return out;
}

export const benchmark: Benchmark = {
  name: 'planning',
  description: `an RPJMDes of ${ACTIVITIES} activities, ${PROPOSALS} proposals, a Musdes of ${ATTENDEES} attendees, a project with ${REPORTS} reports and photos; their pages and PDFs; the province dashboard with 13,000 projects`,
  async run(log) {
    const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgresql').split(',');
    const a = engines.includes('pglite') ? await withPglite((db) => measure(db, log)) : [];
    const b = engines.includes('postgresql') ? ((await withPostgres((db) => measure(db, log), log)) ?? []) : [];
    return [...a, ...b];
  },
};
