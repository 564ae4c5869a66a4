import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { ensureRegionsLoaded } from './load-regions.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('regions API', () => {
  it('finds a region by code with or without dots', async () => {
    for (const code of ['1809102004', '18.09.10.2004']) {
      const res = await t.anonymous.get(`/api/v1/regions/${code}`);
      expect(res.status).toBe(200);
      expect((await res.json()).data).toEqual({ code: '18.09.10.2004', parent_code: '18.09.10', level: 4, kind: 'desa', name: 'Hanura' });
    }
  });

  it('says 404 for an unknown code and 400 for something that is no code, in Indonesian and in English', async () => {
    const missing = await t.anonymous.get('/api/v1/regions/18.09.10.2999');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toMatchObject({ code: 'not_found', message: 'Wilayah dengan kode 18.09.10.2999 tidak ditemukan.' });
    const bad = await t.anonymous.get('/api/v1/regions/18x', { 'accept-language': 'en' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: 'invalid_input', field: 'code' });
    const badId = await t.anonymous.get('/api/v1/regions/180910200');
    expect((await badId.json()).error.message).toContain('Kode wilayah "180910200" tidak sah');
  });

  it('lists the children of a district with totals, telling desa from kelurahan', async () => {
    const res = await t.anonymous.get('/api/v1/regions/180910/children');
    const body = await res.json();
    expect(body.parent.name).toBe('Teluk Pandan');
    const hanura = body.data.find((r: any) => r.code === '18.09.10.2004');
    expect(hanura).toMatchObject({ kind: 'desa', villages: 1, activated: 1 });
    const gebang = body.data.find((r: any) => r.code === '18.09.10.2003');
    expect(gebang).toMatchObject({ activated: 0 });
    const city = await (await t.anonymous.get('/api/v1/regions/18.71.01/children')).json();
    expect(city.data.every((r: any) => r.kind === 'kelurahan')).toBe(true);
  });

  it('counts villages and activated villages up the tree', async () => {
    const body = await (await t.anonymous.get('/api/v1/regions/18/children')).json();
    expect(body.data).toHaveLength(15);
    const total = body.data.reduce((s: number, r: any) => s + r.villages, 0);
    expect(total).toBe(2651);
    const pesawaran = body.data.find((r: any) => r.code === '18.09');
    expect(pesawaran.activated).toBe(4); // Hanura, Batu Menyan, Cilimus, Sukajaya Lempasing in the demo
  });

  it('searches names case-insensitively and partially, optionally within a region', async () => {
    const res = await t.anonymous.get('/api/v1/regions?q=PANDAN');
    const names = (await res.json()).data.map((r: any) => r.name);
    expect(names).toContain('Teluk Pandan');
    const within = await (await t.anonymous.get('/api/v1/regions?q=anura&within=18.09&level=4')).json();
    expect(within.data.map((r: any) => r.code)).toEqual(['18.09.10.2004']);
    const tooShort = await t.anonymous.get('/api/v1/regions?q=a');
    expect(tooShort.status).toBe(400);
    expect((await tooShort.json()).error.field).toBe('q');
    // LIKE wildcards typed by a user are searched for literally
    expect((await (await t.anonymous.get('/api/v1/regions?q=%25%25')).json()).data).toEqual([]);
  });
});

describe('loading all of Indonesia', () => {
  it('loads every province, regency, district and village in one go', async () => {
    // An empty regions table in a schema of its own, on one pinned connection whose
    // search_path finds it first (the test database already holds two provinces).
    await t.db.kysely.connection().execute(async (db) => {
    await sql`create schema fresh`.execute(db);
    await sql`create table fresh.regions (like public.regions including all)`.execute(db);
    await sql`set search_path to fresh, public`.execute(db);
    try {
      const started = Date.now();
      const n = await ensureRegionsLoaded(db);
      const seconds = (Date.now() - started) / 1000;
      expect(n).toBeGreaterThan(90_000);
      const counts = await sql<{ level: number; n: number }>`select level, count(*) as n from fresh.regions group by level order by level`.execute(db);
      expect(counts.rows.map((r) => r.n)).toEqual([38, 514, 7277, 83763]);
      const lampung = await sql<{ kind: string; n: number }>`select kind, count(*) as n from fresh.regions where code like '18.%' and level = 4 group by kind order by kind`.execute(db);
      expect(lampung.rows).toEqual([{ kind: 'desa', n: 2446 }, { kind: 'kelurahan', n: 205 }]);
      console.log(`[regions] ${n} rows loaded in ${seconds.toFixed(1)} s on ${t.db.kind}`);
    } finally {
      await sql`set search_path to public`.execute(db);
      await sql`drop schema fresh cascade`.execute(db);
    }
    });
  });
});
