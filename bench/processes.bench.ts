import autocannon from 'autocannon';
import { HANURA, seedDemo } from '../src/modules/demo/seed-demo.js';
import { analyzePopulation, bulkInsertPopulation } from '../src/modules/population/bulk-insert.js';
import { createAreas, generatePopulation, listAreaLeaves } from '../src/modules/population/generator.js';
import { ensureRegionsLoaded } from '../src/modules/regions/index.js';
import { connect } from '../src/platform/db/connect.js';
import { migrate } from '../src/platform/db/migrate.js';
import { buildDist, scratchPostgres, startProductionServer } from '../test/support/server-process.js';
import { BENCH_DATABASE_URL, BENCH_PROVINCES, postgresReachable, type Benchmark, type Measurement } from './harness.js';
import { sessionPerConnection, withSession } from './load-scenario.js';

/**
 * Throughput of the production start (issue 12, item 2): 20 officers' sessions loading the
 * resident list of a village of 100,000 residents, against `node dist/cluster.js` with one
 * and with two server processes on PostgreSQL, driven by autocannon on the same 2-core
 * machine (so the load generator and PostgreSQL share the cores with the servers).
 */
const RESIDENTS = Number(process.env.BENCH_PROCESSES_RESIDENTS ?? 100_000);
const USERS = 20;
const SECONDS = Number(process.env.BENCH_PROCESSES_SECONDS ?? 20);
async function sessions(base: string): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < USERS; i++) {
    const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'hanura', password: 'balai-demo' }) });
    if (res.status !== 200) throw new Error(`login: ${res.status}`);
    out.push((res.headers.get('set-cookie') ?? '').split(';')[0]!);
  }
  return out;
}

function drive(base: string, cookies: string[], seconds: number) {
  return autocannon({
    url: base,
    duration: seconds,
    connections: cookies.length,
    pipelining: 1,
    timeout: 30,
    setupClient: sessionPerConnection(cookies),
    requests: [{ method: 'GET', path: '/', setupRequest: withSession((req) => ({ ...req, path: `/desa/${HANURA}/penduduk` })) }],
  });
}

export const benchmark: Benchmark = {
  name: 'processes',
  description: `${USERS} officers on the resident list of a ${RESIDENTS.toLocaleString('en-US')}-resident village for ${SECONDS} s, against npm run start:prod with 1 and 2 processes (PostgreSQL, autocannon)`,
  async run(log) {
    if (!(await postgresReachable(log))) return [];
    buildDist();
    const scratch = await scratchPostgres(BENCH_DATABASE_URL, 'balai_processes');
    const out: Measurement[] = [];
    try {
      const db = await connect({ databaseUrl: scratch.url, poolSize: 4 });
      try {
        await migrate(db);
        await ensureRegionsLoaded(db.kysely, BENCH_PROVINCES);
        await seedDemo(db, { population: false, citizen: false });
        let areas = await listAreaLeaves(db.kysely, HANURA);
        if (!areas.length) {
          await db.kysely.transaction().execute((trx) => createAreas(trx, HANURA, 7));
          areas = await listAreaLeaves(db.kysely, HANURA);
        }
        const people = generatePopulation({ villageCode: HANURA, residents: RESIDENTS, seed: 7, asOf: '2025-07-01', areas });
        await db.kysely.transaction().execute((trx) => bulkInsertPopulation(trx, HANURA, people.families, people.residents, { registrationDate: '2025-07-01', source: 'bench' }));
        // As an import or the generator leaves it: statistics fresh, the rows marked visible.
        await analyzePopulation(db.kysely, { vacuum: true });
        log(`${RESIDENTS.toLocaleString('en-US')} residents in Hanura`);
      } finally {
        await db.close();
      }
      for (const workers of [1, 2]) {
        const cluster = await startProductionServer({ DATABASE_URL: scratch.url, BALAI_WORKERS: String(workers), BALAI_DEMO: '0', BACKUP_KEEP: '0' });
        try {
          const cookies = await sessions(cluster.base);
          await drive(cluster.base, cookies, 3); // warm-up: plans cached, pools open
          const r = await drive(cluster.base, cookies, SECONDS);
          const note = `requests/s; p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms; ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx`;
          log(`${workers} process(es): ${Math.round(r.requests.average)} requests/s, ${note}`);
          out.push({ what: `${USERS} sessions on the resident list, ${RESIDENTS.toLocaleString('en-US')} residents, ${workers} server process${workers > 1 ? 'es' : ''}`, database: 'postgresql', rows: r.requests.total, seconds: SECONDS, note });
        } finally {
          await cluster.stop();
        }
      }
    } finally {
      await scratch.drop();
    }
    return out;
  },
};
