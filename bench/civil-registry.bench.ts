import ExcelJS from 'exceljs';
import { createApp } from '../src/app.js';
import { applyCorrections, compareFile, exportChanges } from '../src/modules/civil-registry/index.js';
import { HANURA, seedDemo } from '../src/modules/demo/seed-demo.js';
import { areaChain, CODE_LISTS, correctResident, recordBirth, recordMoveIn, recordStatusEvent } from '../src/modules/population/index.js';
import { populateVillage } from '../src/modules/population/generator.js';
import { reportWorkbook } from '../src/modules/civil-registry/report-workbook-job.js';
import { readRegistryUpload } from '../src/modules/civil-registry/registry-job.js';
import type { UseCaseContext } from '../src/platform/context.js';
import type { Db } from '../src/platform/db/connect.js';
import { todayInWib } from '../src/platform/format/format.js';
import { latency, serverTimes, signIn, time, withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

/**
 * The civil registry desk (issue 19, item 5) for a village of 10,000 residents:
 *  - a month's changes (a birth, death, move or correction per 20 residents, recorded through
 *    the use cases) exported as the report's Excel, made in a worker thread;
 *  - the civil registry's list of the whole village (an .xlsx of every resident holding a NIK,
 *    1% of them with a different name or place of birth) parsed in a worker and compared;
 *  - the differences page as server time, and every open correction applied in one transaction.
 *
 *   BENCH_CIVIL_RESIDENTS   residents (default 10,000; run it small here, e.g. 1000)
 *   BENCH_ENGINES           postgresql,pglite (default both)
 */
const RESIDENTS = Number(process.env.BENCH_CIVIL_RESIDENTS ?? 10_000);
const ROUNDS = 20;
const label = (list: keyof typeof CODE_LISTS, code: number | null) => (code === null ? '' : CODE_LISTS[list].codes.find(([c]) => c === code)?.[1] ?? '');

/** Births, deaths, moves out and in, and corrections of names: one event per 20 residents. */
async function recordMonth(ctx: UseCaseContext, db: Db, today: string) {
  const living = await db.kysely.selectFrom('residents').select(['id', 'family_id']).where('village_code', '=', HANURA).where('life_status', '=', 1)
    .where('family_relation', '<>', 1).orderBy('id').limit(Math.ceil(RESIDENTS / 20)).execute();
  let serial = 0;
  // Girls born today (day + 40 in the NIK); a newcomer's NIK only warns that it disagrees.
  const nik = () => `180910${Number(today.slice(8, 10)) + 40}${today.slice(5, 7)}${today.slice(2, 4)}${String(++serial).padStart(4, '0')}`;
  for (const [i, r] of living.entries()) {
    const id = Number(r.id);
    switch (i % 5) {
      case 0: await recordBirth(ctx, HANURA, { family_id: Number(r.family_id), nik: nik(), name: `BAYI ${i}`, sex: 2, birth_date: today, religion: 1 } as never); break;
      case 1: await recordStatusEvent(ctx, HANURA, id, 'death', { date: today, place: 'Rumah', cause: 'Sakit' }); break;
      case 2: await recordStatusEvent(ctx, HANURA, id, 'move_out', { date: today, destination: 'Bandar Lampung', classification: 'regency', reason: 'Pekerjaan' }); break;
      case 3: await recordMoveIn(ctx, HANURA, { family_id: Number(r.family_id), nik: nik(), name: `PENDATANG ${i}`, sex: 1, religion: 1, birth_date: '1990-08-17' } as never, today, 'Desa Sukamaju'); break;
      default: await correctResident(ctx, HANURA, id, { name: `NAMA BARU ${i}`, reason: 'Salah ketik' } as never);
    }
  }
  return living.length;
}

/** The civil registry's list: every resident holding a NIK, one in a hundred with another name or place of birth. */
async function registryFile(db: Db) {
  const k = db.kysely;
  const areas = (await k.selectFrom('village_areas').select(['id', 'parent_id', 'level', 'name']).where('village_code', '=', HANURA).execute()).map((a) => ({ ...a, id: Number(a.id), parent_id: a.parent_id === null ? null : Number(a.parent_id) }));
  const rows = await k.selectFrom('residents as r').leftJoin('families as f', (j) => j.onRef('f.village_code', '=', 'r.village_code').onRef('f.id', '=', 'r.family_id'))
    .select(['r.nik', 'r.name', 'r.sex', 'r.birth_place', 'r.birth_date', 'r.religion', 'r.marital_status', 'f.kk_number', 'r.area_id', 'f.area_id as family_area'])
    .where('r.village_code', '=', HANURA).where('r.life_status', 'in', [1, 4, 6]).where('r.nik_temporary', '=', false).orderBy('r.id').execute();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('BIODATA');
  ws.addRow(['NIK', 'NO_KK', 'NAMA_LGKP', 'JENIS_KLMIN', 'TMPT_LHR', 'TGL_LHR', 'AGAMA', 'STAT_KWN', 'NO_RT', 'NO_RW', 'DUSUN']);
  rows.forEach((r, i) => {
    const path = areaChain(areas, r.area_id ?? r.family_area);
    const at = (l: string) => path.find((a) => a.level === l)?.name ?? '';
    const d = r.birth_date ? `${r.birth_date.slice(8)}-${r.birth_date.slice(5, 7)}-${r.birth_date.slice(0, 4)}` : '';
    ws.addRow([r.nik, r.kk_number ?? '', i % 200 === 7 ? `${r.name} ALIAS` : r.name.toUpperCase(), label('sex', r.sex), i % 200 === 107 ? 'PALEMBANG' : r.birth_place ?? '', d,
      label('religion', r.religion), label('maritalStatus', r.marital_status), at('rt'), at('rw'), at('dusun')]);
  });
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), rows: rows.length };
}

async function measure(db: Db, log: (l: string) => void): Promise<Measurement[]> {
  await seedDemo(db, { population: false, citizen: false });
  const today = todayInWib();
  const user = await db.kysely.selectFrom('users').select(['id', 'full_name']).where('username', '=', 'hanura').executeTakeFirstOrThrow();
  const ctx: UseCaseContext = { db, ip: 'bench', lang: 'id', actor: { kind: 'user', id: Number(user.id), username: 'hanura', fullName: user.full_name, role: 'village_operator', regionCode: HANURA, language: 'id' } };
  await populateVillage(db.kysely, HANURA, { residents: RESIDENTS, seed: 19, asOf: today, userId: ctx.actor!.id, actorLabel: 'bench', ip: 'bench' });
  const { value: events, seconds: eventSeconds } = await time(() => recordMonth(ctx, db, today));
  log(`${db.kind}: ${RESIDENTS.toLocaleString('en-US')} residents, ${events} events recorded in ${eventSeconds.toFixed(1)} s`);
  const out: Measurement[] = [];
  // A running server keeps its worker threads: started once here, not timed with the first report.
  await reportWorkbook({ birth: [], death: [], move_in: [], move_out: [], correction: [] }, { village: HANURA, villageName: 'x', number: 0, periodFrom: today, periodTo: today, madeBy: 'x', madeAt: new Date().toISOString(), masked: false });
  await readRegistryUpload(Buffer.from('NIK;NO_KK;NAMA_LGKP\n1809101708850001;1809100101100001;A\n'), 'pemanasan.csv', today);

  const { value: report, seconds: exportSeconds } = await time(() => exportChanges(ctx, HANURA, { sejak: `${today.slice(0, 7)}-01` }));
  log(`${db.kind}: report of ${report.total} rows in ${exportSeconds.toFixed(2)} s`);
  out.push({ what: `report of a month's changes in a village of ${RESIDENTS.toLocaleString('en-US')} (${report.total} rows, Excel in a worker)`, database: db.kind, rows: report.total, seconds: exportSeconds });

  const file = await registryFile(db);
  const { value: compared, seconds: compareSeconds } = await time(() => compareFile(ctx, HANURA, { name: 'biodata.xlsx', bytes: file.bytes }));
  if (!('id' in compared)) throw new Error(`the file was refused: ${compared.refused.problems.length} problems`);
  const counts = (await db.kysely.selectFrom('civil_registry_imports').select('counts').where('village_code', '=', HANURA).where('id', '=', compared.id).executeTakeFirstOrThrow()).counts as Record<string, number>;
  log(`${db.kind}: civil registry list of ${file.rows} rows (${(file.bytes.length / 1024).toFixed(0)} KB) parsed and compared in ${compareSeconds.toFixed(2)} s: ${JSON.stringify(counts)}`);
  out.push({ what: `the civil registry's list of ${file.rows.toLocaleString('en-US')} residents parsed (worker) and compared`, database: db.kind, rows: file.rows, seconds: compareSeconds, note: `${counts.differs} differ, ${counts.only_balai} only in Balai` });

  const app = createApp({ db, secureCookies: false });
  const cookie = await signIn(app, 'hanura');
  for (const [what, path] of [['differences page (50 cards)', `/desa/${HANURA}/dukcapil/impor/${compared.id}`], ['only in Balai, last page', `/desa/${HANURA}/dukcapil/impor/${compared.id}?jenis=hanya-balai&page=${Math.max(1, Math.ceil((counts.only_balai ?? 0) / 50))}`], ['the desk\'s main page', `/desa/${HANURA}/dukcapil`]] as const) {
    out.push(latency(db.kind, `${what}, server time`, await serverTimes(app, path, { cookie }, ROUNDS), 100, log));
  }
  const { value: applied, seconds: applySeconds } = await time(() => applyCorrections(ctx, HANURA, String(compared.id), { semua: '1' }));
  log(`${db.kind}: ${applied.corrections} corrections of ${applied.residents} residents applied in ${applySeconds.toFixed(2)} s`);
  out.push({ what: 'every open correction applied in one transaction', database: db.kind, rows: applied.corrections, seconds: applySeconds });
  return out;
}

export const benchmark: Benchmark = {
  name: 'civil-registry',
  description: `the civil registry desk in a village of ${RESIDENTS.toLocaleString('en-US')}: a month's report, the civil registry's list compared, its pages, the corrections applied`,
  async run(log) {
    const engines = (process.env.BENCH_ENGINES ?? 'postgresql,pglite').split(',');
    const a = engines.includes('postgresql') ? ((await withPostgres((db) => measure(db, log), log)) ?? []) : [];
    const b = engines.includes('pglite') ? await withPglite((db) => measure(db, log)) : [];
    return [...a, ...b];
  },
};
