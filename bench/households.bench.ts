import { createApp } from '../src/app.js';
import type { Actor } from '../src/platform/access/access.js';
import type { UseCaseContext } from '../src/platform/context.js';
import type { Db } from '../src/platform/db/connect.js';
import { todayInWib } from '../src/platform/format/format.js';
import { HANURA, seedDemo } from '../src/modules/demo/seed-demo.js';
import { addFamily, createHousehold, updateHousing } from '../src/modules/households/index.js';
import { populateVillage } from '../src/modules/population/generator.js';
import { pageMeasurements, signIn, time, withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

/**
 * Households (issue 14, item 1) in a village of 20,000 residents: every family card made into
 * a household through the use case (one in four sharing its house with the next card), every
 * house surveyed — each write recounts the village's rollup row in its transaction — then the
 * list (first and a deep page, filtered to earth floors), one household, and the district's
 * population dashboard with the households' counts, as server time.
 */
const RESIDENTS = Number(process.env.BENCH_HOUSEHOLD_RESIDENTS ?? 20_000);
const ROUNDS = 30;

async function measure(db: Db, log: (l: string) => void): Promise<Measurement[]> {
  await seedDemo(db, { population: false, citizen: false });
  const users = await db.kysely.selectFrom('users').select(['id', 'username']).where('region_code', '=', HANURA).execute();
  const operator: UseCaseContext = {
    db, ip: 'bench', lang: 'id',
    actor: { kind: 'user', id: users.find((u) => u.username === 'hanura')!.id, username: 'hanura', fullName: 'hanura', role: 'village_operator' as Actor['role'], regionCode: HANURA, language: 'id' },
  };
  await populateVillage(db.kysely, HANURA, { residents: RESIDENTS, seed: 7, asOf: todayInWib(), userId: operator.actor!.id, actorLabel: 'bench', ip: 'bench' });
  const cards = (await db.kysely.selectFrom('families').select('kk_number').where('village_code', '=', HANURA).where('status', '=', 'active').orderBy('id').execute()).map((f) => f.kk_number);
  const made: number[] = [];
  const { seconds: createSeconds } = await time(async () => {
    for (let i = 0; i < cards.length; i++) {
      const { id } = await createHousehold(operator, HANURA, { kk_number: cards[i] });
      if (i % 4 === 1 && i + 1 < cards.length) await addFamily(operator, HANURA, id, { kk_number: cards[++i] });
      made.push(id);
    }
  });
  log(`${db.kind}: ${made.length.toLocaleString('en-US')} households from ${cards.length.toLocaleString('en-US')} cards in ${createSeconds.toFixed(1)} s`);
  const today = todayInWib();
  const { seconds: surveySeconds } = await time(async () => {
    for (const [i, id] of made.entries()) {
      await updateHousing(operator, HANURA, id, { floor: String(1 + (i % 5)), wall: String(1 + (i % 4)), roof: String(1 + (i % 5)), water: String(1 + (i % 6)), sanitation: String(1 + (i % 4)), electricity: String(1 + (i % 5)), house_ownership: '1', floor_area: '36', assets: ['hp'] }, today);
    }
  });
  log(`${db.kind}: ${made.length.toLocaleString('en-US')} houses surveyed in ${surveySeconds.toFixed(1)} s`);
  const out: Measurement[] = [
    { what: `households made from family cards through the use case (rollup recounted in each)`, database: db.kind, rows: made.length, seconds: createSeconds, note: 'rows/s = households/s' },
    { what: `housing surveys saved through the use case (rollup recounted in each)`, database: db.kind, rows: made.length, seconds: surveySeconds, note: 'rows/s = surveys/s' },
  ];
  const app = createApp({ db, secureCookies: false });
  const [officer, district] = await Promise.all([signIn(app, 'hanura'), signIn(app, 'telukpandan')]);
  const deep = Math.max(1, Math.floor(made.length / 50 / 2));
  const pages: [string, string, string][] = [
    [`household list, first page (${made.length.toLocaleString('en-US')} households)`, `/desa/${HANURA}/rumah-tangga`, officer],
    [`household list, page ${deep}`, `/desa/${HANURA}/rumah-tangga?page=${deep}`, officer],
    ['household list, earth floors only', `/desa/${HANURA}/rumah-tangga?kondisi=floor`, officer],
    ['one household (two cards)', `/desa/${HANURA}/rumah-tangga/${made[1]}`, officer],
    ['district population dashboard with households', '/pantau/18.09.10/penduduk', district],
  ];
  out.push(...(await pageMeasurements(app, db.kind, pages, ROUNDS, log)));
  return out;
}

export const benchmark: Benchmark = {
  name: 'households',
  description: `households in a village of ${RESIDENTS.toLocaleString('en-US')} residents: made and surveyed through the use cases, the list, one household, the district dashboard`,
  async run(log) {
    const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgresql').split(',');
    const a = engines.includes('pglite') ? await withPglite((db) => measure(db, log)) : [];
    const b = engines.includes('postgresql') ? ((await withPostgres((db) => measure(db, log), log)) ?? []) : [];
    return [...a, ...b];
  },
};
