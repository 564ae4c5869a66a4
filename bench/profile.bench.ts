import { sql } from 'kysely';
import { createApp } from '../src/app.js';
import type { Actor } from '../src/platform/access/access.js';
import type { UseCaseContext } from '../src/platform/context.js';
import type { Db } from '../src/platform/db/connect.js';
import { todayInWib } from '../src/platform/format/format.js';
import { HANURA, seedDemo } from '../src/modules/demo/seed-demo.js';
import { refreshHouseholdRollup } from '../src/modules/households/index.js';
import { populateVillage } from '../src/modules/population/generator.js';
import { profileWorkbook, saveProfileValue } from '../src/modules/profile/index.js';
import { latency, pageMeasurements, serverTimes, signIn, time, timed, withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

/**
 * The ministries' village profile (issue 19, item 4) of a village of 10,000 residents with the
 * demo's budget and areas, every family card a household. Measured as server time through the page:
 *  - this year's page (the statistics' counts from the summary rows, the APBDes, the
 *    institutions, the farmer card's figures): ≤ 300 ms p95;
 *  - last year's page (the register counted as it stood on 31 December);
 *  - typing one item through the use case (a new revision, the rollup recounted);
 *  - the workbook, written in a worker thread.
 * Run small with BENCH_PROFILE_RESIDENTS=1000 BENCH_ENGINES=pglite.
 */
const RESIDENTS = Number(process.env.BENCH_PROFILE_RESIDENTS ?? 10_000);
const ROUNDS = 30;
const TARGET_MS = 300;

async function measure(db: Db, log: (l: string) => void): Promise<Measurement[]> {
  // Without the demo's residents (the generator fills only an empty village): its budget, areas, aid and the rest.
  await seedDemo(db, { population: false, citizen: false });
  const k = db.kysely;
  const op = await k.selectFrom('users').select('id').where('username', '=', 'hanura').executeTakeFirstOrThrow();
  const operator: UseCaseContext = {
    db, ip: 'bench', lang: 'id',
    actor: { kind: 'user', id: op.id, username: 'hanura', fullName: 'hanura', role: 'village_operator' as Actor['role'], regionCode: HANURA, language: 'id' },
  };
  const { seconds: loaded } = await time(() => populateVillage(k, HANURA, { residents: RESIDENTS, seed: 19, asOf: todayInWib(), userId: op.id, actorLabel: 'bench', ip: 'bench' }));
  // Every family card a household (bulk SQL), so the households' rollup has something to count.
  await sql`insert into households (village_code, number, main_family_id, created_by)
    select village_code, row_number() over (order by id), id, ${op.id} from families_rows where village_code = ${HANURA} and status = 'active'`.execute(k);
  await sql`insert into household_families (village_code, household_id, family_id, added_by)
    select village_code, id, main_family_id, ${op.id} from households where village_code = ${HANURA}`.execute(k);
  await k.transaction().execute((trx) => refreshHouseholdRollup(trx, HANURA));
  const out: Measurement[] = [{ what: `${RESIDENTS.toLocaleString('en-US')} residents generated`, database: db.kind, rows: RESIDENTS, seconds: loaded }];
  log(`${db.kind}: ${RESIDENTS} residents in ${loaded.toFixed(1)} s`);

  const app = createApp({ db, secureCookies: false });
  const officer = await signIn(app, 'hanura');
  const district = await signIn(app, 'telukpandan');
  const page = `/desa/${HANURA}/profil-desa`;
  const lastYear = Number(todayInWib().slice(0, 4)) - 1;
  out.push(latency(db.kind, `profile page this year (${RESIDENTS.toLocaleString('en-US')} residents), server time`, await serverTimes(app, page, { cookie: officer }, ROUNDS), TARGET_MS, log));
  out.push(...(await pageMeasurements(app, db.kind, [
    [`profile page of ${lastYear} (counted on 31 December from the register)`, `${page}?tahun=${lastYear}`, officer],
    ['profile page as the district (small cells hidden)', page, district],
    ['district dashboard: villages with a complete profile', '/pantau/18.09.10/profil-desa', district],
  ], ROUNDS, log)));

  out.push(latency(db.kind, 'typing one item (a new revision, rollup recounted)', await timed(ROUNDS, (i) => saveProfileValue(operator, HANURA, { indikator: 'luas_wilayah', nilai: String(1000 + i) })), null, log));
  const { seconds } = await time(() => profileWorkbook(operator, HANURA));
  out.push({ what: 'profile workbook (worker thread)', database: db.kind, rows: 1, seconds });
  log(`${db.kind} · workbook: ${(seconds * 1000).toFixed(0)} ms`);
  return out;
}

export const benchmark: Benchmark = {
  name: 'profile',
  description: `the village profile for Prodeskel and SDGs Desa at ${RESIDENTS.toLocaleString('en-US')} residents: the page (≤ ${TARGET_MS} ms p95), last year's, the district's view, one typed item, the workbook`,
  async run(log) {
    const engines = (process.env.BENCH_ENGINES ?? 'postgresql,pglite').split(',');
    const a = engines.includes('postgresql') ? ((await withPostgres((db) => measure(db, log), log)) ?? []) : [];
    const b = engines.includes('pglite') ? await withPglite((db) => measure(db, log)) : [];
    return [...a, ...b];
  },
};
