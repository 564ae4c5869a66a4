import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_CITIZEN, HANURA } from '../src/modules/demo/seed-demo.js';
import { decideAccess, declaredRoutes, type AccessActor, type DeclaredRoute } from '../src/platform/access/route-access.js';
import { Client, createTestApp, type TestApp } from './support/test-app.js';

/**
 * What the router does with input nobody should send: ids out of range, junk in every
 * declared query parameter. Each route is called as an actor its rule allows, so the
 * request reaches the handler. Nothing may end in a 500; an id that cannot exist is a 404;
 * a refused value names its field by its label, never by the identifier in the code.
 */

let t: TestApp;
let actors: { actor: AccessActor | null; client: Client }[];
let resident = 0;

beforeAll(async () => {
  t = await createTestApp({ citizen: true });
  const province = await t.login('provinsi');
  const operator = await t.login('hanura');
  const secretary = await t.login('sekdes.hanura');
  const citizen = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
  actors = [
    { actor: { kind: 'user', role: 'village_operator', regionCode: HANURA }, client: operator },
    { actor: { kind: 'user', role: 'village_secretary', regionCode: HANURA }, client: secretary },
    { actor: { kind: 'user', role: 'province_admin', regionCode: '18' }, client: province },
    { actor: { kind: 'citizen', role: 'citizen', regionCode: HANURA }, client: citizen },
    { actor: null, client: t.anonymous },
  ];
  resident = (await t.db.kysely.selectFrom('residents').select('id').where('village_code', '=', HANURA).executeTakeFirstOrThrow()).id;
});
afterAll(() => t?.close());

const routes = () => declaredRoutes(t.app).filter((r) => r.access);

/** The first actor the route's rule lets in, so that the request reaches the handler. */
function allowedClient(route: DeclaredRoute, params: Record<string, string>) {
  return actors.find((a) => decideAccess(route.access!.rule, a.actor, params).allowed)?.client;
}

/** Path parameters other than the one under test get a value that exists. */
function fill(path: string, values: Record<string, string>) {
  const params: Record<string, string> = {};
  const url = path.replace(/:(\w+)(\{[^}]*\})?/g, (_, name: string) => (params[name] = values[name] ?? FIXED[name] ?? 'x'));
  return { url, params };
}
const FIXED: Record<string, string> = { code: HANURA, type: 'sktm', kind: 'kematian', action: 'periksa', name: 'masuk', lang: 'id', verify: 'x', verify_code: 'x', job: '00000000-0000-4000-8000-000000000000' };

function send(client: Client, method: string, url: string) {
  if (method === 'GET') return client.get(url, { accept: 'application/json' });
  if (url.startsWith('/api/')) return client.json(method, url, {});
  return client.form(url, {});
}

describe('numeric ids in the path', () => {
  const JUNK_IDS = ['99999999999999999999', '9223372036854775808', '9007199254740993', '-1', '0', 'abc', '1.5', '1e3', '0x10'];

  it('an id that cannot exist answers 404 on every route with an id, never 500', async () => {
    const withId = routes().filter((r) => /:id\b/.test(r.path));
    expect(withId.length).toBeGreaterThan(30);
    const failures: string[] = [];
    for (const route of withId) {
      for (const id of JUNK_IDS) {
        const { url, params } = fill(route.path, { id });
        const client = allowedClient(route, params);
        if (!client) throw new Error(`no test actor may call ${route.method} ${route.path}`);
        const res = await send(client, route.method, url);
        await res.arrayBuffer();
        if (res.status !== 404) failures.push(`${route.method} ${url}: ${res.status}`);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('a real id still works beside them', async () => {
    const res = await actors[0]!.client.get(`/desa/${HANURA}/penduduk/${resident}`);
    expect(res.status).toBe(200);
  });
});

describe('a 500 page', () => {
  it('shows a reference that the server log line carries', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    // A dropped table is a server fault the user cannot cause by typing.
    await t.db.kysely.schema.alterTable('letter_types').renameTo('letter_types_away').execute();
    try {
      const page = await actors[0]!.client.get(`/desa/${HANURA}/surat/jenis`);
      expect(page.status).toBe(500);
      const html = await page.text();
      const ref = /data-ref="([A-Za-z0-9]{6,12})"/.exec(html)?.[1];
      expect(ref, html).toBeTruthy();
      expect(html).toContain(ref!);
      const api = await actors[0]!.client.get(`/api/v1/villages/${HANURA}/letter-types`);
      expect(api.status).toBe(500);
      const body = await api.json();
      expect(body.error.reference).toMatch(/^[A-Za-z0-9]{6,12}$/);
      const lines = errors.mock.calls.map((call) => call.join(' '));
      expect(lines.some((l) => l.includes(ref!))).toBe(true);
      expect(lines.some((l) => l.includes(body.error.reference))).toBe(true);
      expect(ref).not.toBe(body.error.reference);
    } finally {
      await t.db.kysely.schema.alterTable('letter_types_away').renameTo('letter_types').execute();
      errors.mockRestore();
    }
  });
});
