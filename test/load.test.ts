import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, prepareVillage, runLoad, verifyLetters, type PreparedVillage } from '../bench/load-scenario.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { testDatabaseKind } from './support/test-db.js';

/**
 * The load benchmark (bench/load.bench.ts) in small: 20 citizens checking their requests and
 * 5 officers searching and signing in one village for a few seconds, over real sockets. It
 * asserts no errors and consistent numbering, not timings (the machine is shared).
 */
const CITIZENS = 20;
const OFFICERS = 5;
const SECONDS = 6;

let t: TestApp;
let server: ReturnType<typeof serve>;
let base: string;
let prepared: PreparedVillage;

beforeAll(async () => {
  t = await createTestApp({ population: true, citizen: true });
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  prepared = await prepareVillage(t.db, CITIZENS);
}, 120_000);
afterAll(async () => {
  (server as unknown as { closeAllConnections?: () => void } | undefined)?.closeAllConnections?.();
  await new Promise((r) => server?.close(r));
  await t?.close();
});

describe(`load in small (${testDatabaseKind()})`, () => {
  it(`${CITIZENS} citizens and ${OFFICERS} officers for ${SECONDS} s: no errors, every signed letter numbered once`, async () => {
    const sessions = await logIn(base, prepared, OFFICERS);
    const r = await runLoad(base, prepared, sessions, SECONDS);
    console.log(`[load ${testDatabaseKind()}] citizens ${r.citizens.requests} requests (p99 ${r.citizens.p99} ms), officers ${r.officers.requests} requests (p99 ${r.officers.p99} ms), ${r.signed.length} letters signed`);
    for (const group of [r.citizens, r.officers]) expect(group).toMatchObject({ non2xx: 0, errors: 0, timeouts: 0 });
    expect(r.citizens.requests).toBeGreaterThan(CITIZENS);
    expect(r.signed.length).toBeGreaterThan(0);
    const v = await verifyLetters(t.db, r);
    expect(v.problems).toEqual([]);
  }, 120_000);
});
