import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITIZEN_LOGIN_LIMITS } from '../src/modules/citizen/citizen-auth.service.js';
import { DEMO_CITIZEN, DEMO_PASSWORD } from '../src/modules/demo/seed-demo.js';
import { LOGIN_LIMITS } from '../src/modules/identity/auth.service.js';
import { behindProxyWithFreshCounters } from './support/proxy-limits.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 11 item 2: the lock-outs hold under any concurrency. A guess is reserved (counted
 * and checked in one statement) before the password or PIN is verified, so of 200 guesses
 * sent at once at most the limit get an answer about the password (401/400); every other
 * one is refused as locked (429) without being tried — and the right password after the
 * burst is refused too. On PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
 */

const H = '18.09.10.2004';
const BURST = 200;
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ citizen: true });
});
afterAll(() => t.close());
behindProxyWithFreshCounters(() => t);

const from = (ip: string) => ({ 'x-forwarded-for': ip });
const apiLogin = (username: string, password: string, ip: string) => t.anonymous.json('POST', '/api/v1/auth/login', { username, password }, from(ip));
const pinLogin = (path: string, nik: string, pin: string, ip: string) =>
  t.app.request(path, { method: 'POST', body: new URLSearchParams({ nik, pin }), headers: { 'content-type': 'application/x-www-form-urlencoded', ...from(ip) } });

/** How many answers of each status a burst got. */
async function burst(n: number, send: (i: number) => Response | Promise<Response>): Promise<Record<number, number>> {
  const answers = await Promise.all(Array.from({ length: n }, (_, i) => send(i)));
  const tally: Record<number, number> = {};
  for (const r of answers) tally[r.status] = (tally[r.status] ?? 0) + 1;
  return tally;
}

describe('officer login under a burst of guesses', () => {
  it('from one address: at most the per-address limit are tried, and the right password is refused afterwards', async () => {
    const tally = await burst(BURST, (i) => apiLogin('kades.hanura', `tebakan serentak ${i}`, '10.40.0.1'));
    expect(tally).toEqual({ 401: LOGIN_LIMITS.pair, 429: BURST - LOGIN_LIMITS.pair });
    expect((await apiLogin('kades.hanura', DEMO_PASSWORD, '10.40.0.1')).status).toBe(429);
    // …while the head still gets in from elsewhere: a stranger locks only themselves out.
    expect((await apiLogin('kades.hanura', DEMO_PASSWORD, '10.40.0.2')).status).toBe(200);
  });

  it('from one address trying many accounts: at most the address limit are tried', async () => {
    const tally = await burst(BURST, (i) => apiLogin(`akun${i}`, 'tebakan serentak', '10.40.1.1'));
    expect(tally).toEqual({ 401: LOGIN_LIMITS.ip, 429: BURST - LOGIN_LIMITS.ip });
    expect((await apiLogin('hanura', DEMO_PASSWORD, '10.40.1.1')).status).toBe(429);
  });

  it('from 200 addresses: at most the account limit are tried; the office, where the account logged in before, still gets in', async () => {
    expect((await apiLogin('sekdes.hanura', DEMO_PASSWORD, '10.41.0.1')).status).toBe(200); // the office
    const tally = await burst(BURST, (i) => apiLogin('sekdes.hanura', `tebakan serentak ${i}`, `10.42.${i >> 8}.${i & 255}`));
    expect(tally).toEqual({ 401: LOGIN_LIMITS.user, 429: BURST - LOGIN_LIMITS.user });
    expect((await apiLogin('sekdes.hanura', DEMO_PASSWORD, '10.43.0.1')).status).toBe(429); // a new address
    expect((await apiLogin('sekdes.hanura', DEMO_PASSWORD, '10.41.0.1')).status).toBe(200); // the office
  });
});

describe('citizen PIN login under a burst of guesses', () => {
  const pin = (i: number) => String(100000 + i);

  it('from one address: at most the per-NIK-and-address limit are tried; the right PIN afterwards is refused', async () => {
    const tally = await burst(BURST, (i) => pinLogin('/warga/masuk', DEMO_CITIZEN.nik, pin(i), '10.44.0.1'));
    expect(tally).toEqual({ 401: CITIZEN_LOGIN_LIMITS.pair, 429: BURST - CITIZEN_LOGIN_LIMITS.pair });
    expect((await pinLogin('/warga/masuk', DEMO_CITIZEN.nik, DEMO_CITIZEN.pin, '10.44.0.1')).status).toBe(429);
  });

  it('from 200 addresses, through the web form and the kiosk at once: at most the per-NIK limit are tried', async () => {
    expect((await pinLogin('/warga/masuk', DEMO_CITIZEN.nik, DEMO_CITIZEN.pin, '10.45.0.1')).status).toBe(303); // their phone
    const tally = await burst(BURST, (i) => pinLogin(i % 2 ? '/warga/masuk' : `/anjungan/${H}`, DEMO_CITIZEN.nik, pin(i), `10.46.${i >> 8}.${i & 255}`));
    expect(tally).toEqual({ 401: CITIZEN_LOGIN_LIMITS.nik, 429: BURST - CITIZEN_LOGIN_LIMITS.nik });
    expect((await pinLogin('/warga/masuk', DEMO_CITIZEN.nik, DEMO_CITIZEN.pin, '10.47.0.1')).status).toBe(429);
    expect((await pinLogin('/warga/masuk', DEMO_CITIZEN.nik, DEMO_CITIZEN.pin, '10.45.0.1')).status).toBe(303); // their phone
  });

  it('keeps no NIK in the counters', async () => {
    await pinLogin('/warga/masuk', DEMO_CITIZEN.nik, '999999', '10.48.0.1');
    const rows = await t.db.kysely.selectFrom('attempt_counters').select(['account', 'ip']).execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.account).not.toContain(DEMO_CITIZEN.nik);
  });
});

describe('changing the password (item 10)', () => {
  it('guesses of the current password are limited like the login, even all at once', async () => {
    const op = await t.login('batumenyan', DEMO_PASSWORD, from('10.49.0.1'));
    const change = (current: string) => op.post('/api/v1/auth/password', { current_password: current, new_password: 'kopi tubruk pagi hari', confirm_password: 'kopi tubruk pagi hari' });
    const tally = await burst(BURST, (i) => change(`tebakan sandi ${i}`));
    expect(tally).toEqual({ 400: LOGIN_LIMITS.pair, 429: BURST - LOGIN_LIMITS.pair });
    const locked = await change(DEMO_PASSWORD);
    expect(locked.status).toBe(429);
    expect((await locked.json()).error.message).toMatch(/dikunci sementara/);
    // The same counters as the login: the guesses there lock the login from this address too.
    expect((await apiLogin('batumenyan', DEMO_PASSWORD, '10.49.0.1')).status).toBe(429);
  });
});
