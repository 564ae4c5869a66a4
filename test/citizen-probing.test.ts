import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CITIZEN } from '../src/modules/demo/seed-demo.js';
import { type Client, createTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 11 item 8: a citizen cannot use the letter request to learn whether a NIK lives in
 * their village. Every NIK outside their family gets the same answer: of a neighbour, of
 * someone in another village, of nobody.
 */

const HANURA = '18.09.10.2004';
const BATU_MENYAN = '18.09.10.2001';
let t: TestApp;
let citizen: Client;

beforeAll(async () => {
  t = await createTestApp({ citizen: true });
  const register = async (village: string, operator: string, nik: string, name: string) => {
    const op = await t.login(operator);
    const res = await op.form(`/desa/${village}/penduduk/baru`, { name, sex: '1', religion: '1', nik, kk_number: nik.slice(0, 12) + '0001', birth_date: '1990-01-01', birth_place: 'Pesawaran' });
    expect(res.status).toBe(303);
  };
  await register(HANURA, 'hanura', '1809100101900011', 'Tetangga Hanura');
  await register(BATU_MENYAN, 'batumenyan', '1809100101900021', 'Warga Batu Menyan');
  citizen = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
});
afterAll(() => t?.close());

describe('a citizen naming a NIK outside their family', () => {
  it('gets the same answer whether the NIK is a neighbour, in another village, or nobody', async () => {
    const ask = async (nik: string) => {
      const res = await citizen.post(`/api/v1/villages/${HANURA}/letters`, { type: 'sktm', nik, fields: { keperluan: 'Beasiswa' } });
      return { status: res.status, body: await res.json() };
    };
    const neighbour = await ask('1809100101900011');
    const elsewhere = await ask('1809100101900021');
    const nobody = await ask('1809100101909999');
    expect(neighbour.status).toBe(403);
    expect(elsewhere).toEqual(neighbour);
    expect(nobody).toEqual(neighbour);
    // …while their own NIK is accepted.
    expect((await ask(DEMO_CITIZEN.nik)).status).toBe(201);
  });
});
