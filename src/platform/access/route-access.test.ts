import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { access, decideAccess, declaredRoutes, type AccessActor } from './route-access.js';

const HANURA = '18.09.10.2004';
const operator: AccessActor = { kind: 'user', role: 'village_operator', regionCode: HANURA };
const province: AccessActor = { kind: 'user', role: 'province_admin', regionCode: '18' };
const citizen: AccessActor = { kind: 'citizen', role: 'citizen', regionCode: HANURA };

describe('decideAccess', () => {
  it('follows the role permissions and the scope of the village in the path', () => {
    const read = { permission: 'population.read', scope: 'village' } as const;
    expect(decideAccess(read, null, { code: HANURA })).toEqual({ allowed: false, reason: 'unauthenticated' });
    expect(decideAccess(read, operator, { code: HANURA }).allowed).toBe(true);
    expect(decideAccess(read, operator, { code: '1809102004' }).allowed).toBe(true); // without dots
    expect(decideAccess(read, operator, { code: '18.09.10.2001' })).toEqual({ allowed: false, reason: 'forbidden', region: '18.09.10.2001' });
    expect(decideAccess(read, province, { code: HANURA })).toEqual({ allowed: false, reason: 'forbidden' }); // counts, not people
    expect(decideAccess({ permission: 'population.statistics', scope: 'village' }, province, { code: HANURA }).allowed).toBe(true);
    // not a code: left to the use case, which answers 400 naming it
    expect(decideAccess(read, operator, { code: 'hanura' }).allowed).toBe(true);
  });

  it('knows citizens, officers and the region browser', () => {
    expect(decideAccess({ permission: 'self.read' }, citizen, {}).allowed).toBe(true);
    expect(decideAccess({ permission: 'self.read' }, operator, {}).allowed).toBe(false);
    expect(decideAccess('officer', citizen, {}).allowed).toBe(false);
    expect(decideAccess('signed-in', citizen, {}).allowed).toBe(true);
    expect(decideAccess({ permission: 'self.letters', scope: 'village' }, citizen, { code: '18.09.10.2001' }).allowed).toBe(false);
    // the way down to one's own scope is visible, the neighbours are not
    const browse = { permission: 'region.browse', scope: 'region' } as const;
    expect(decideAccess(browse, operator, { code: '18.09' }).allowed).toBe(true);
    expect(decideAccess(browse, operator, { code: '18.09.11' }).allowed).toBe(false);
    expect(decideAccess({ anyOf: [{ permission: 'letters.read', scope: 'village' }, { permission: 'self.letters', scope: 'village' }] }, citizen, { code: HANURA }).allowed).toBe(true);
  });
});

function app() {
  const a = new Hono<AppEnv>();
  a.use('*', async (c, next) => {
    const who = c.req.header('x-actor');
    const actor = who === 'operator' ? operator : who === 'citizen' ? citizen : null;
    c.set('ctx', { db: null as never, actor: actor && { ...actor, id: 1, username: 'x', fullName: 'X', language: 'id' }, ip: '', lang: 'id' });
    await next();
  });
  a.onError((err, c) => c.json({ key: err instanceof AppError ? err.key : 'internal', params: err instanceof AppError ? err.params : {} }, err instanceof AppError ? err.status : 500));
  a.get('/desa/:code/penduduk', access({ permission: 'population.read', scope: 'village' }), (c) => c.text('ok'));
  a.post('/desa/:code/penduduk', access({ permission: 'population.write', scope: 'village' }), async (c) => c.json(await c.req.json()));
  a.get('/warga', access({ permission: 'self.read' }, { login: '/warga/masuk', message: 'citizen.only_citizen' }), (c) => c.text('ok'));
  a.get('/anjungan/:code/menu', access({ permission: 'self.letters', scope: 'village' }, { redirect: '/anjungan/:code' }), (c) => c.text('ok'));
  a.get('/lupa', (c) => c.text('no rule'));
  return a;
}

describe('the access() gate', () => {
  const as = (who: string) => ({ headers: { 'x-actor': who } });

  it('refuses at the door: 401 for nobody, 403 naming the region for the wrong village', async () => {
    const a = app();
    expect((await a.request(`/desa/${HANURA}/penduduk`)).status).toBe(401);
    expect((await a.request(`/desa/${HANURA}/penduduk`, as('operator'))).status).toBe(200);
    const other = await a.request('/desa/18.09.10.2001/penduduk', as('operator'));
    expect(other.status).toBe(403);
    expect(await other.json()).toEqual({ key: 'error.forbidden_region', params: { code: '18.09.10.2001' } });
  });

  it('refuses before the body is read', async () => {
    const res = await app().request('/desa/18.09.10.2001/penduduk', { method: 'POST', body: '{not json', headers: { 'x-actor': 'operator', 'content-type': 'application/json' } });
    expect(res.status).toBe(403);
  });

  it('sends pages to their login or start screen when the rule says so', async () => {
    const a = app();
    const anon = await a.request('/warga');
    expect([anon.status, anon.headers.get('location')]).toEqual([302, '/warga/masuk']);
    const officer = await a.request('/warga', as('operator'));
    expect([officer.status, (await officer.json()).key]).toEqual([403, 'citizen.only_citizen']);
    const kiosk = await a.request(`/anjungan/${HANURA}/menu`, as('operator'));
    expect([kiosk.status, kiosk.headers.get('location')]).toEqual([303, `/anjungan/${HANURA}`]);
    expect((await a.request(`/anjungan/${HANURA}/menu`, as('citizen'))).status).toBe(200);
  });

  it('lists every route with its rule, and the ones without', () => {
    const routes = declaredRoutes(app());
    expect(routes.map((r) => `${r.method} ${r.path} ${r.access ? 'declared' : 'MISSING'}`)).toEqual([
      'GET /desa/:code/penduduk declared',
      'POST /desa/:code/penduduk declared',
      'GET /warga declared',
      'GET /anjungan/:code/menu declared',
      'GET /lupa MISSING',
    ]);
  });
});
