import { defineConfig } from 'vitest/config';

// On the Citus cluster every test that asks "a database server?" says yes: it is one.
if (process.env.TEST_CITUS_URL) process.env.TEST_DATABASE_URL = process.env.TEST_CITUS_URL;

/**
 * On the Citus cluster the CI runs a smoke set: the distribution test (every table distributed,
 * co-located or replicated as the design says; a day's work touching one shard per statement)
 * and the farmer card's tests (concurrent redemptions on distributed rows). The whole suite on
 * Citus (`TEST_CITUS_URL=… CITUS_FULL=1 npm run test:unit`) takes longer than the CI's limit
 * leaves after PGlite and PostgreSQL; run it by hand after a change to the schema or its queries.
 */
const CITUS_SMOKE = ['test/citus.test.ts', 'src/modules/farmers/farmers.test.ts'];
/** Crash and restart exercise the embedded database's durability; PostgreSQL's is its own (run with CRASH_PG=1). */
const PG_SKIPPED = process.env.TEST_DATABASE_URL && !process.env.TEST_CITUS_URL && !process.env.CRASH_PG ? ['test/crash.test.ts'] : [];
const ALL = ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'];

export default defineConfig({
  test: {
    include: process.env.TEST_CITUS_URL && !process.env.CITUS_FULL ? CITUS_SMOKE : ALL,
    exclude: ['test/e2e/**', 'node_modules/**', ...PG_SKIPPED],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
