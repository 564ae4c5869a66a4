import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';

const V = '18.09.10.2004'; // Hanura
let t: TestApp;
let kades: Client;
let op: Client;

beforeAll(async () => {
  t = await createTestApp();
  [kades, op] = await Promise.all([t.login('kades.hanura'), t.login('hanura')]);
});
afterAll(() => t.close());

const officials = () => t.db.kysely.selectFrom('village_officials').selectAll().where('village_code', '=', V).orderBy('id').execute();

describe('village officials', () => {
  it('keeps one active head and one active secretary; messages name the field', async () => {
    const second = await op.form(`/desa/${V}/perangkat`, { name: 'Bukan Kepala', position: 'kepala_desa', active: 'on' });
    expect(second.status).toBe(409);
    expect(await second.text()).toContain('Kolom Jabatan: Kepala Desa yang aktif sudah ada (Ahmad Suhendra)');
    const noName = await op.form(`/desa/${V}/perangkat`, { name: ' ', position: 'kaur', active: 'on' });
    expect(noName.status).toBe(400);
    expect(await noName.text()).toContain('Kolom Nama wajib diisi.');
  });

  it('links only an account of this village', async () => {
    const other = await t.db.kysely.selectFrom('users').select('id').where('username', '=', 'batumenyan').executeTakeFirstOrThrow();
    const res = await op.form(`/desa/${V}/perangkat`, { name: 'Dewi Lestari', position: 'kasi', position_title: 'Kasi Pelayanan', user_id: String(other.id), active: 'on' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Kolom Akun');
  });

  it('an official who leaves is made inactive, never deleted, and their account no longer signs', async () => {
    const sekdes = (await officials()).find((o) => o.position === 'sekretaris_desa')!;
    const before = (await officials()).length;
    const form = { name: sekdes.name, position: 'sekretaris_desa', position_title: sekdes.position_title, staff_number: sekdes.staff_number ?? '', user_id: String(sekdes.user_id) };
    expect((await kades.form(`/desa/${V}/perangkat/${sekdes.id}`, form)).status).toBe(303); // "active" unticked
    expect((await officials()).length).toBe(before);
    expect((await officials()).find((o) => o.id === sekdes.id)).toMatchObject({ active: false, name: 'Siti Rahmawati' });
    const signer = await t.login('sekdes.hanura');
    const r = await op.post(`/api/v1/villages/${V}/residents`, { name: 'Warga Pejabat', sex: 1, religion: 1, birth_place: 'Pesawaran', birth_date: '1988-08-17', nik: '1809101708889801', kk_number: '1809100101209801', marital_status: 2 });
    const resident = (await r.json()).data.id as number;
    const letter = (await (await op.post(`/api/v1/villages/${V}/letters`, { type: 'sktm', resident_id: resident, fields: { keperluan: 'Beasiswa' } })).json()).data.id as number;
    await op.post(`/api/v1/villages/${V}/letters/${letter}/check`, {});
    const refused = await signer.post(`/api/v1/villages/${V}/letters/${letter}/sign`, {});
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toContain('tidak ditautkan ke pejabat desa');
    // Back in office: signs again, by name.
    expect((await kades.form(`/desa/${V}/perangkat/${sekdes.id}`, { ...form, active: 'on' })).status).toBe(303);
    expect((await signer.post(`/api/v1/villages/${V}/letters/${letter}/sign`, {})).status).toBe(200);
  });

  it('officers of another village cannot open or change the list', async () => {
    const other = await t.login('batumenyan');
    expect((await other.get(`/desa/${V}/perangkat`)).status).toBe(403);
    expect((await other.form(`/desa/${V}/perangkat`, { name: 'X Y', position: 'kaur', active: 'on' })).status).toBe(403);
  });
});
