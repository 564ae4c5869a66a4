import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { TestApp } from './test-app.js';

/**
 * For tests of the lock-outs and rate limits: requests come from the addresses their
 * X-Forwarded-For names (TRUST_PROXY=1), and every test starts with no attempts counted.
 */
export function behindProxyWithFreshCounters(app: () => TestApp): void {
  beforeAll(() => {
    process.env.TRUST_PROXY = '1';
  });
  afterAll(() => {
    delete process.env.TRUST_PROXY;
  });
  beforeEach(async () => {
    await app().db.kysely.deleteFrom('attempt_counters').execute();
  });
}
