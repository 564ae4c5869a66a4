import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts', 'test/support/e2e-template.ts'],
    pool: 'forks',
    // Two files at once: a browser test mostly waits (for the page, the server, the browser), and
    // each file has its own server on its own copy of the demo (test/support/e2e-template.ts).
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
