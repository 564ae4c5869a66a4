import { seedDemo } from '../src/modules/demo/seed-demo.js';
import { ensureRegionsLoaded } from '../src/modules/regions/index.js';
import { connect } from '../src/platform/db/connect.js';
import { migrate } from '../src/platform/db/migrate.js';
import { scratchPostgres, startServer } from '../test/support/server-process.js';
import { BENCH_DATABASE_URL, BENCH_PROVINCES, postgresReachable, type Benchmark, type Measurement } from './harness.js';
import { logIn, prepareVillage, runLoad, verifyLetters } from './load-scenario.js';

/**
 * One village's busy hour on PostgreSQL: 200 citizens checking their letter requests and 50
 * officers searching residents and signing letters, for 60 seconds, against the real server
 * in its own process (`node --import tsx src/server.ts`), driven by autocannon on 127.0.0.1.
 * Then the letters are counted: none lost, none numbered twice, every scope 1…n.
 */
const CITIZENS = Number(process.env.BENCH_LOAD_CITIZENS ?? 200);
const OFFICERS = Number(process.env.BENCH_LOAD_OFFICERS ?? 50);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);

export const benchmark: Benchmark = {
  name: 'load',
  description: `${CITIZENS} citizens checking their requests and ${OFFICERS} officers searching and signing in one village for ${SECONDS} s (PostgreSQL, real server process, autocannon)`,
  async run(log) {
    if (!(await postgresReachable(log))) return [];
    const scratch = await scratchPostgres(BENCH_DATABASE_URL, 'balai_load');
    try {
      const db = await connect({ databaseUrl: scratch.url, poolSize: 4 });
      try {
        await migrate(db);
        await ensureRegionsLoaded(db.kysely, BENCH_PROVINCES);
        await seedDemo(db, { population: true, citizen: true });
        const prepared = await prepareVillage(db, CITIZENS);
        const server = await startServer({ DATABASE_URL: scratch.url, BALAI_DEMO: '0', BACKUP_KEEP: '0' });
        let result;
        try {
          const sessions = await logIn(server.base, prepared, OFFICERS);
          log(`${CITIZENS} citizens and ${OFFICERS} officer sessions logged in; running ${SECONDS} s …`);
          result = await runLoad(server.base, prepared, sessions, SECONDS);
        } finally {
          await server.stop();
        }
        const check = await verifyLetters(db, result);
        const line = (g: typeof result.citizens) =>
          `p50 ${g.p50} ms, p99 ${g.p99} ms, max ${g.max} ms; ${g.errors} errors, ${g.timeouts} timeouts, ${g.non2xx} non-2xx`;
        log(`citizens: ${result.citizens.requests} requests, ${result.citizens.requestsPerSecond.toFixed(0)}/s, ${line(result.citizens)}`);
        log(`officers: ${result.officers.requests} requests, ${result.officers.requestsPerSecond.toFixed(0)}/s, ${line(result.officers)}`);
        log(`letters: ${result.signed.length} signed (answered), ${check.signedInDb} in the database; problems: ${check.problems.length ? check.problems.join('; ') : 'none'}`);
        const bad = [result.citizens, result.officers].some((g) => g.errors || g.timeouts || g.non2xx);
        if (bad || check.problems.length) throw new Error(`load: errors or numbering problems (${check.problems.join('; ') || 'see the log'})`);
        const out: Measurement[] = [
          { what: `${CITIZENS} citizens: /warga/surat and /warga/surat/:id`, database: 'postgresql', rows: result.citizens.requests, seconds: SECONDS, note: `requests/s; ${line(result.citizens)}` },
          { what: `${OFFICERS} officers: search page + API, request, check, sign`, database: 'postgresql', rows: result.officers.requests, seconds: SECONDS, note: `requests/s; ${line(result.officers)}` },
          { what: 'letters signed during the load', database: 'postgresql', rows: result.signed.length, seconds: SECONDS, note: `numbering checked after: 1…n per scope, none lost or doubled (${check.signedInDb} in the database)` },
        ];
        return out;
      } finally {
        await db.close();
      }
    } finally {
      await scratch.drop();
    }
  },
};
