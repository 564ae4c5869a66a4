import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { testDatabaseKind } from '../../../test/support/test-db.js';
import { DEMO_CITIZEN } from '../demo/seed-demo.js';
import { deviceKey, KEY_PERIOD_MS } from './device-key.js';

/**
 * The installable app's server side: the manifest and the service worker for everyone, the
 * luring page without anyone's data, and the key that seals what an officer's device keeps,
 * given to officers only, the same for one account all week and never another account's.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ citizen: true });
});
afterAll(() => t?.close());

describe(`working offline on ${testDatabaseKind()}`, () => {
  it('serves the manifest and a service worker that keeps only the app\'s own files and the luring page', async () => {
    const manifest = await t.anonymous.get('/manifest.webmanifest');
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('content-type')).toContain('application/manifest+json');
    const m = await manifest.json();
    expect(m).toMatchObject({ short_name: 'Balai', start_url: '/', display: 'standalone', lang: 'id' });
    for (const icon of m.icons as { src: string; type: string }[]) {
      const r = await t.anonymous.get(icon.src);
      expect(r.status, icon.src).toBe(200);
      expect(r.headers.get('content-type')).toBe(icon.type);
    }
    const sw = await t.anonymous.get('/sw.js');
    expect(sw.status).toBe(200);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    const source = await sw.text();
    const precache = JSON.parse(/const BALAI_PRECACHE = (\[.*\]);/.exec(source)![1]!) as string[];
    expect(precache.every((u) => u.startsWith('/static/'))).toBe(true);
    for (const u of precache) expect((await t.anonymous.get(u)).status, u).toBe(200);
  });

  it('shows the luring page to anyone, with no account, name or village in it', async () => {
    const op = await t.login('hanura');
    for (const client of [t.anonymous, op]) {
      const r = await client.get('/luring');
      expect(r.status).toBe(200);
      const html = await r.text();
      expect(html).toContain('Perubahan yang menunggu sinyal');
      expect(html).not.toContain('Operator Desa Hanura');
      expect(html).not.toContain('_csrf');
      expect(html).toContain('href="/panduan/luring"');
    }
    // Officers' pages carry the indicator's scripts and the manifest; the public's do not need the scripts.
    const office = await (await op.get(`/desa/18.09.10.2004/penduduk`)).text();
    expect(office).toMatch(/<script src="\/static\/offline\.[0-9a-f]+\.js" defer/);
    expect(office).toContain('<link rel="manifest" href="/manifest.webmanifest"');
  });

  it('gives an officer this week\'s key with the session\'s form token, and no key to anyone else', async () => {
    const op = await t.login('hanura');
    const r = await op.get('/api/v1/auth/device-key');
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toContain('no-store');
    const { data } = await r.json();
    expect(Buffer.from(data.key, 'base64url')).toHaveLength(32);
    expect(Date.parse(data.expires_at) - Date.now()).toBeGreaterThan(KEY_PERIOD_MS - 60_000);
    expect(Date.parse(data.expires_at) - Date.now()).toBeLessThanOrEqual(2 * KEY_PERIOD_MS);
    expect(data.csrf).toMatch(/\S{16,}/);
    // The same account gets the same key again (another process, another login); another account another key.
    expect((await (await (await t.login('hanura')).get('/api/v1/auth/device-key')).json()).data.key).toBe(data.key);
    const other = (await (await (await t.login('sekdes.hanura')).get('/api/v1/auth/device-key')).json()).data;
    expect(other.key).not.toBe(data.key);
    expect(other.key_id).not.toBe(data.key_id);
    // Next week's key is another one.
    const id = Number(data.key_id.split('.')[0]);
    expect((await deviceKey(t.db.kysely, id, Date.now() + KEY_PERIOD_MS)).key).not.toBe(data.key);

    expect((await t.anonymous.get('/api/v1/auth/device-key')).status).toBe(401);
    const citizen = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
    expect((await citizen.get('/api/v1/auth/device-key')).status).toBe(403);
  });
});

describe(`the register copy for working offline on ${testDatabaseKind()}`, () => {
  it('gives the village\'s officers its residents and letter types, logs the read, and refuses everyone else', async () => {
    const op = await t.login('hanura');
    const r = await op.get('/api/v1/villages/18.09.10.2004/offline-copy');
    expect(r.status).toBe(200);
    const { data } = await r.json();
    expect(data.residents.columns).toEqual(['id', 'nik', 'name', 'sex', 'birth_date', 'family_id', 'kk_number', 'family_relation', 'address']);
    const living = await t.db.kysely.selectFrom('residents').select((e) => e.fn.countAll<number>().as('n')).where('village_code', '=', '18.09.10.2004').where('life_status', 'in', [1, 6]).executeTakeFirstOrThrow();
    expect(data.residents.rows).toHaveLength(Number(living.n));
    const budi = data.residents.rows.find((row: unknown[]) => row[1] === DEMO_CITIZEN.nik);
    expect(budi[2]).toBe(DEMO_CITIZEN.name);
    expect(data.letter_types.some((lt: { code: string; fields: { name: string }[] }) => lt.code === 'domisili' && lt.fields.some((f) => f.name === 'keperluan'))).toBe(true);
    expect(data.reporter_relations.length).toBeGreaterThan(3);
    const logged = await t.db.kysely.selectFrom('audit_log').select(['detail']).where('action', '=', 'population.offline_copy').where('village_code', '=', '18.09.10.2004').execute();
    expect(logged).toHaveLength(1);

    for (const who of ['provinsi', 'telukpandan', 'batumenyan', 'bendahara.hanura'])
      expect((await (await t.login(who)).get('/api/v1/villages/18.09.10.2004/offline-copy')).status, who).toBe(403);
    expect((await t.anonymous.get('/api/v1/villages/18.09.10.2004/offline-copy')).status).toBe(401);
  });
});
