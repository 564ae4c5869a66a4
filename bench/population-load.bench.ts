import { sql } from 'kysely';
import type { Db } from '../src/platform/db/connect.js';
import { bulkInsertPopulation } from '../src/modules/population/bulk-insert.js';
import { createAreas, generatePopulation, listAreaLeaves, type AreaLeaf } from '../src/modules/population/generator.js';
import { time, withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

const RESIDENTS = 100_000;
const VILLAGE = '18.09.10.2004'; // Hanura
const AS_OF = '2025-07-01';
const SEED = 2021;

/** Activates the village and gives it dusun/RW/RT, as the generator would. */
async function prepareVillage(db: Db): Promise<AreaLeaf[]> {
  await db.kysely.insertInto('villages').values({ village_code: VILLAGE, activated_by: null, activation_kind: 'initiative' }).execute();
  await db.kysely.transaction().execute((trx) => createAreas(trx, VILLAGE, SEED));
  return listAreaLeaves(db.kysely, VILLAGE);
}

async function load(db: Db, log: (line: string) => void): Promise<Measurement> {
  const areas = await prepareVillage(db);
  const people = generatePopulation({ villageCode: VILLAGE, residents: RESIDENTS, seed: SEED, asOf: AS_OF, areas });
  const { seconds } = await time(() =>
    db.kysely.transaction().execute((trx) => bulkInsertPopulation(trx, VILLAGE, people.families, people.residents, { registrationDate: AS_OF, source: 'bench' })),
  );
  const counts = await sql<{ residents: number; families: number; active_niks: number; events: number }>`
    select (select count(*) from residents where village_code = ${VILLAGE}) as residents,
           (select count(*) from families where village_code = ${VILLAGE}) as families,
           (select count(*) from active_niks where village_code = ${VILLAGE}) as active_niks,
           (select count(*) from population_events where village_code = ${VILLAGE}) as events`.execute(db.kysely);
  const c = counts.rows[0]!;
  if (c.residents !== RESIDENTS || c.events !== RESIDENTS || c.active_niks !== RESIDENTS) throw new Error(`unexpected counts after the load: ${JSON.stringify(c)}`);
  const rows = c.residents + c.families + c.active_niks + c.events;
  log(`${db.kind}: ${c.families.toLocaleString('en-US')} families; ${rows.toLocaleString('en-US')} rows in all tables`);
  return {
    what: `load ${RESIDENTS.toLocaleString('en-US')} residents into one village (one transaction)`,
    database: db.kind,
    rows: RESIDENTS,
    seconds,
    note: `residents/s; with ${c.families.toLocaleString('en-US')} families, active NIKs and events: ${Math.round(rows / seconds).toLocaleString('en-US')} rows/s`,
  };
}

export const benchmark: Benchmark = {
  name: 'population-load',
  description: `generate ${RESIDENTS.toLocaleString('en-US')} residents and bulk-load them into one village, on PGlite and PostgreSQL`,
  async run(log) {
    const results: Measurement[] = [];
    // Generation alone (no database), after one warm-up so the JIT has seen the code.
    generatePopulation({ villageCode: VILLAGE, residents: 10_000, seed: SEED + 1, asOf: AS_OF });
    const generated = await time(async () => generatePopulation({ villageCode: VILLAGE, residents: RESIDENTS, seed: SEED, asOf: AS_OF }));
    results.push({ what: `generate ${RESIDENTS.toLocaleString('en-US')} residents (JavaScript only)`, database: '-', rows: RESIDENTS, seconds: generated.seconds });
    results.push(await withPglite((db) => load(db, log)));
    const pg = await withPostgres((db) => load(db, log), log);
    results.push(pg ?? { what: 'load (skipped: PostgreSQL not reachable)', database: 'postgresql', rows: 0, seconds: 0 });
    return results;
  },
};
