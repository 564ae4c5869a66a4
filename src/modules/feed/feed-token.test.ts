import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANURA } from '../demo/seed-demo.js';
import { Client, createTestApp, type TestApp } from '../../../test/support/test-app.js';

/**
 * A province's program follows the feed with an API token (docs/panduan/token-api.md): the
 * token's region and permissions decide what it reads, as they would for an officer.
 */

let t: TestApp;
let regency: Client;
const previousLag = process.env.BALAI_FEED_LAG_MS;

const inDays = (n: number) => new Date(Date.now() + 7 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);

/** A token made on the token page; its secret is shown once, in the answer. */
async function token(name: string, region: string, permissions: string[]): Promise<Client> {
  const body = new URLSearchParams({ _csrf: regency.csrf, token_name: name, region_code: region, expires_on: inDays(30) });
  for (const p of permissions) body.append('permissions', p);
  const res = await regency.request('/akun/token', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  expect(res.status).toBe(201);
  const secret = /value="(balai_api_[A-Za-z0-9_-]{43})"/.exec(await res.text())?.[1];
  expect(secret).toBeTruthy();
  return new Client(t.app, '', '', { authorization: `Bearer ${secret}` });
}

beforeAll(async () => {
  process.env.BALAI_FEED_LAG_MS = '0';
  t = await createTestApp({ citizen: true });
  regency = await t.login('pesawaran');
});
afterAll(async () => {
  if (previousLag === undefined) delete process.env.BALAI_FEED_LAG_MS;
  else process.env.BALAI_FEED_LAG_MS = previousLag;
  await t?.close();
});

describe('the feed read with an API token', () => {
  it('reads the groups its permissions allow, in its region only', async () => {
    const figures = await token('Umpan penduduk Teluk Pandan', '18.09.10', ['population.statistics']);
    const res = await figures.get('/api/v1/feed?limit=500');
    expect(res.status, await res.clone().text()).toBe(200);
    const { entries } = (await res.json()) as { entries: { kind: string; village_code: string; population?: { resident?: unknown } }[] };
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.kind.startsWith('population.') && e.village_code.startsWith('18.09.10.') && !e.population?.resident)).toBe(true);
    expect(entries.some((e) => e.village_code === HANURA)).toBe(true);
    // Budget postings need the budget or the dashboards; another district is outside the token.
    expect((await figures.get('/api/v1/feed?kinds=budget')).status).toBe(403);
    expect((await figures.get('/api/v1/feed?wilayah=18.09.01')).status).toBe(403);
  });

  it('a token without any of the feed\'s permissions is refused at the door', async () => {
    const other = await token('Profil saja', '18.09', ['village.profile.read']);
    expect((await other.get('/api/v1/feed')).status).toBe(403);
  });
});
