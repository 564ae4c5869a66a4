import { fillRegion } from '../src/modules/population/generate-population.command.js';
import type { Db } from '../src/platform/db/connect.js';
import { withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

/** Lampung: 2,651 desa and kelurahan, about 9 million people. */
const LAMPUNG_VILLAGES = 2_651;
const LAMPUNG_RESIDENTS = 9_000_000;
const PER_VILLAGE = Math.round(LAMPUNG_RESIDENTS / LAMPUNG_VILLAGES);
const SAMPLE = { postgresql: 50, citus: 50, pglite: 10 } as const;

async function sample(db: Db, log: (line: string) => void): Promise<Measurement> {
  const villages = SAMPLE[db.kind];
  const r = await fillRegion(db, { scope: '18', perVillage: PER_VILLAGE, seed: 1, asOf: '2025-07-01', limit: villages, concurrency: 2, progressEvery: 10, log });
  if (r.failure) throw r.failure;
  const rate = r.residents / r.seconds;
  const minutes = LAMPUNG_RESIDENTS / rate / 60;
  return {
    what: `fill ${villages} Lampung villages × ${PER_VILLAGE.toLocaleString('en-US')} residents (generate-population --province)`,
    database: db.kind,
    rows: r.residents,
    seconds: r.seconds,
    note: `extrapolated to all ${LAMPUNG_VILLAGES.toLocaleString('en-US')} villages (${(LAMPUNG_RESIDENTS / 1e6).toFixed(0)} M residents): ≈ ${Math.round(minutes)} min, assuming the rate holds as the tables grow`,
  };
}

export const benchmark: Benchmark = {
  name: 'province-sample',
  description: `fill the first villages of Lampung as \`generate-population --province 18\` does, and extrapolate to the province`,
  async run(log) {
    const results: Measurement[] = [await withPglite((db) => sample(db, log))];
    const pg = await withPostgres((db) => sample(db, log), log);
    results.push(pg ?? { what: 'fill (skipped: PostgreSQL not reachable)', database: 'postgresql', rows: 0, seconds: 0 });
    return results;
  },
};
