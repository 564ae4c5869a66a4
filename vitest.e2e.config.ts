import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts', 'test/support/e2e-template.ts'],
    pool: 'forks',
    // Two files at once: each on its own server and copy of the demo (test/support/e2e-template.ts);
    // a browser test waits on the page and the server, so two share the cores a little better (517 s against 552 s).
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
