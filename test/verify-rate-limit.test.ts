import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERIFY_LIMIT } from '../src/platform/http/rate-limit.js';
import { behindProxyWithFreshCounters } from './support/proxy-limits.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 11 item 17: the public letter check (/v/<code>) is limited per address — generous
 * enough for a bank clerk, counted in the database so it holds across processes and bursts.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
behindProxyWithFreshCounters(() => t);

const check = (ip: string, code = 'AbCdEfGhIjKl', path = '/v/') => t.app.request(`${path}${code}`, { headers: { 'x-forwarded-for': ip } });

describe('letter verification rate limit', () => {
  it('a clerk checking a letter every second never meets it; a burst from one address is cut at the limit, others go on', async () => {
    for (let i = 0; i < VERIFY_LIMIT.perMinute; i++) expect((await check('10.60.0.1')).status).toBe(404); // no such letter, but answered
    const refused = await check('10.60.0.1');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(await refused.text()).toContain('Terlalu banyak permintaan. Coba lagi dalam 1 menit.');
    const api = await check('10.60.0.1', 'AbCdEfGhIjKl', '/api/v1/letters/verify/');
    expect(api.status).toBe(429);
    expect((await api.json()).error.code).toBe('rate_limited');
    expect((await check('10.60.0.2')).status).toBe(404); // another address
  });

  it('counts atomically: of 200 checks at once from one address, exactly the limit are answered', async () => {
    const answers = await Promise.all(Array.from({ length: 200 }, () => check('10.61.0.1')));
    const tally: Record<number, number> = {};
    for (const r of answers) tally[r.status] = (tally[r.status] ?? 0) + 1;
    expect(tally).toEqual({ 404: VERIFY_LIMIT.perMinute, 429: 200 - VERIFY_LIMIT.perMinute });
  });

  it('ends with the minute', async () => {
    for (let i = 0; i <= VERIFY_LIMIT.perMinute; i++) await check('10.62.0.1');
    expect((await check('10.62.0.1')).status).toBe(429);
    await sql`update attempt_counters set window_start = window_start - interval '61 seconds'`.execute(t.db.kysely);
    expect((await check('10.62.0.1')).status).toBe(404);
  });
});
