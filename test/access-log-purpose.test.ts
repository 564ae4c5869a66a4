import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CITIZEN } from '../src/modules/demo/seed-demo.js';
import { type Client, createTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 11 item 16: what a resident reads in their access log (/warga/akses) is what happened.
 * The purpose of a read comes from the route, never from the URL's query; and the officers who
 * handle the resident's letters are listed as well as those who open the record.
 */

const H = '18.09.10.2004';
let t: TestApp;
let op: Client;
let citizen: Client;
let budi: number;

beforeAll(async () => {
  t = await createTestApp({ citizen: true });
  op = await t.login('hanura');
  citizen = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
  budi = (await t.db.kysely.selectFrom('residents').select('id').where('village_code', '=', H).where('nik', '=', DEMO_CITIZEN.nik).executeTakeFirstOrThrow()).id;
});
afterAll(() => t?.close());

const purposes = async () =>
  (await t.db.kysely.selectFrom('audit_log').select('detail').where('village_code', '=', H).where('action', '=', 'resident.read').where('subject', '=', `resident:${budi}`).where('actor_id', 'is not', null).orderBy('id').execute()).map(
    (r) => (r.detail as { purpose?: string }).purpose,
  );

describe("a resident's access log", () => {
  it('records the purpose the route knows, whatever the URL says', async () => {
    expect((await op.get(`/desa/${H}/penduduk/${budi}?keperluan=${encodeURIComponent('disuruh pak kades')}`)).status).toBe(200);
    expect((await op.get(`/api/v1/villages/${H}/residents/${budi}?purpose=${encodeURIComponent('iseng saja')}`)).status).toBe(200);
    expect((await op.get(`/desa/${H}/penduduk/${budi}/untuk-perbaikan`)).status).toBe(200);
    expect(await purposes()).toEqual(['lihat data', 'lihat data', 'perbaikan data']);
    const page = await (await citizen.get('/warga/akses')).text();
    expect(page).toContain('perbaikan data');
    expect(page).not.toContain('disuruh pak kades');
    expect(page).not.toContain('iseng saja');
  });

  it("lists the officers who handled the resident's letters", async () => {
    const requested = await op.post(`/api/v1/villages/${H}/letters`, { type: 'sktm', nik: DEMO_CITIZEN.nik, fields: { keperluan: 'Beasiswa' } });
    expect(requested.status).toBe(201);
    const letter = (await requested.json()).data.id as number;
    expect((await op.post(`/api/v1/villages/${H}/letters/${letter}/check`, {})).status).toBe(200);
    expect((await op.get(`/api/v1/villages/${H}/letters/${letter}`)).status).toBe(200);
    const page = await (await citizen.get('/warga/akses')).text();
    expect(page).toContain('Mengajukan surat');
    expect(page).toContain('Memeriksa permohonan surat');
    expect(page).toContain('Membuka surat');
    expect(page).toContain('Operator Desa Hanura');
  });
});
