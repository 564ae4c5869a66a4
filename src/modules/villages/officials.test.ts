import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crossVillage } from '../../platform/db/village-guard.js';
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

  it('two officers naming a secretary at the same moment: one is saved, the other told who holds the post', async () => {
    const secretary = (await officials()).find((o) => o.position === 'sekretaris_desa' && o.active)!;
    await t.db.kysely.updateTable('village_officials').set({ active: false }).where('village_code', '=', V).where('id', '=', secretary.id).execute();
    try {
      const tries = await Promise.all(
        ['Rina Wulandari', 'Sari Handayani', 'Tuti Rahayu'].map((name) => (name === 'Sari Handayani' ? kades : op).form(`/desa/${V}/perangkat`, { name, position: 'sekretaris_desa', position_title: 'Sekretaris Desa', active: 'on' })),
      );
      expect(tries.map((r) => r.status).sort()).toEqual([303, 409, 409]);
      const refused = await Promise.all(tries.filter((r) => r.status === 409).map((r) => r.text()));
      for (const page of refused) expect(page).toContain('Kolom Jabatan: Sekretaris Desa yang aktif sudah ada');
      expect((await officials()).filter((o) => o.position === 'sekretaris_desa' && o.active)).toHaveLength(1);
    } finally {
      await t.db.kysely.updateTable('village_officials').set({ active: false }).where('village_code', '=', V).where('position', '=', 'sekretaris_desa').execute();
      await t.db.kysely.updateTable('village_officials').set({ active: true }).where('village_code', '=', V).where('id', '=', secretary.id).execute();
    }
  });

  it('the database itself refuses a second active head, and a letter signed by no official of its village', async () => {
    await expect(
      sql`insert into village_officials (village_code, name, position, position_title) values (${V}, 'Kepala Kedua', 'kepala_desa', 'Kepala Desa')`.execute(t.db.kysely),
    ).rejects.toThrow(/village_officials_single_position/);
    const other = await t.db.kysely.selectFrom('village_officials').select('id').where('village_code', '<>', V).$call(crossVillage('test: an official of another village')).executeTakeFirst();
    // A letter the head signs himself.
    const r = await op.post(`/api/v1/villages/${V}/residents`, { name: 'Warga Bersurat', sex: 2, religion: 1, birth_place: 'Pesawaran', birth_date: '1990-03-03', nik: '1809104303909802', kk_number: '1809100101209802', marital_status: 1 });
    const requested = await op.post(`/api/v1/villages/${V}/letters`, { type: 'sktm', resident_id: (await r.json()).data.id, fields: { keperluan: 'Beasiswa' } });
    const letter = (await requested.json()).data as { id: number };
    await op.post(`/api/v1/villages/${V}/letters/${letter.id}/check`, {});
    expect((await kades.post(`/api/v1/villages/${V}/letters/${letter.id}/sign`, {})).status).toBe(200);
    await expect(
      sql`update letters set signed_by_official = ${other?.id ?? 999_999_999} where village_code = ${V} and id = ${letter.id}`.execute(t.db.kysely),
    ).rejects.toThrow(/letters_signed_by_official_fk/);
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
