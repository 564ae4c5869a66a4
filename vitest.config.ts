import { defineConfig } from 'vitest/config';

// On the Citus cluster every test that asks "a database server?" says yes: it is one.
if (process.env.TEST_CITUS_URL) process.env.TEST_DATABASE_URL = process.env.TEST_CITUS_URL;

/**
 * Tests of the server process itself — starting, stopping, crashing and restarting, the
 * worker cluster, load over sockets — run on PGlite and PostgreSQL. On the Citus run they are
 * left out: what they check does not depend on how tables are sharded, and they are the
 * slowest files, which the CI's time limit cannot carry a third time.
 */
const PROCESS_TESTS = ['test/crash.test.ts', 'test/server-start.test.ts', 'test/startup.test.ts', 'test/cluster.test.ts', 'test/load.test.ts'];

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**', ...(process.env.TEST_CITUS_URL ? PROCESS_TESTS : [])],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
