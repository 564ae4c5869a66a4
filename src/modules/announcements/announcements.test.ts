import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';
import { DEMO_CITIZEN } from '../demo/seed-demo.js';

const V = '18.09.10.2004';
let t: TestApp;
let operator: Client;
let treasurer: Client;
let citizen: Client;

beforeAll(async () => {
  t = await createTestApp({ population: true, citizen: true });
  [operator, treasurer] = await Promise.all(['hanura', 'bendahara.hanura'].map((u) => t.login(u)));
  citizen = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
});
afterAll(() => t.close());

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const db = () => t.db.kysely;
const queued = (id: number) => db().selectFrom('notification_outbox').select(['recipient', 'body', 'status']).where('village_code', '=', V).where('subject_ref', '=', `announcement:${id}`).execute();
const latest = () => db().selectFrom('announcements').selectAll().where('village_code', '=', V).orderBy('id', 'desc').executeTakeFirstOrThrow();

describe('announcements', () => {
  it('go to every resident with a phone, once per number, through the outbox; counted on the page', async () => {
    const withPhone = await db().selectFrom('residents').select(['id', 'phone']).where('village_code', '=', V).where('life_status', 'in', [1, 6]).where('phone', 'is not', null).where('phone', '<>', '').execute();
    expect(withPhone.length).toBeGreaterThan(5);
    const short = await operator.form(`/desa/${V}/pengumuman`, { title: 'Kerja bakti', body: 'Minggu', audience: 'all' });
    expect(short.status).toBe(400);
    expect(await text(short)).toContain('minimal 10 karakter');
    const sent = await operator.form(`/desa/${V}/pengumuman`, { title: 'Kerja bakti', body: 'Kerja bakti membersihkan saluran air hari Minggu pukul 07.00, kumpul di balai desa.', audience: 'all' });
    expect(sent.status).toBe(303);
    const a = await latest();
    const phones = new Set(withPhone.map((r) => r.phone!.trim()));
    expect(a.recipients).toBe(phones.size);
    const messages = await queued(a.id);
    expect(new Set(messages.map((m) => m.recipient))).toEqual(phones);
    expect(messages[0]!.body).toContain('[Desa Hanura] Kerja bakti');
    expect(messages[0]!.body).toContain('menu Pengumuman');
    // The worker sends some; the page counts what was delivered.
    await db().updateTable('notification_outbox').set({ status: 'sent' }).where('subject_ref', '=', `announcement:${a.id}`).where('recipient', '=', messages[0]!.recipient).execute();
    const page = await text(await operator.get(`/desa/${V}/pengumuman`));
    expect(page).toContain(`Kerja bakti`);
    const n = (x: number) => new Intl.NumberFormat('id-ID').format(x);
    expect(page).toContain(`Semua warga yang punya nomor HP ${n(phones.size)} 1 ${n(phones.size - 1)} 0 0`);
    // The treasurer sends none.
    expect((await treasurer.get(`/desa/${V}/pengumuman`)).status).toBe(403);
  });

  it('leave out a citizen who stopped them, and count them', async () => {
    const me = await db().selectFrom('residents').select(['id', 'phone']).where('village_code', '=', V).where('nik', '=', DEMO_CITIZEN.nik).executeTakeFirstOrThrow();
    await db().updateTable('residents_rows').set({ phone: '081399990001' }).where('village_code', '=', V).where('id', '=', me.id).execute();
    expect(await text(await citizen.get('/warga/pengumuman'))).toContain('Anda menerima pengumuman desa');
    expect((await citizen.form('/warga/pengumuman', { receive: '0' })).status).toBe(303);
    expect(await text(await citizen.get('/warga/pengumuman'))).toContain('Anda berhenti menerima pengumuman desa sejak');
    await operator.form(`/desa/${V}/pengumuman`, { title: 'Posyandu', body: 'Posyandu balita bulan ini pada hari Selasa di balai desa.', audience: 'all' });
    const a = await latest();
    expect(a.opted_out).toBe(1);
    expect((await queued(a.id)).map((m) => m.recipient)).not.toContain('081399990001');
    await citizen.form('/warga/pengumuman', { receive: '1' });
    expect(await db().selectFrom('announcement_opt_outs').select('resident_id').where('village_code', '=', V).execute()).toEqual([]);
  });

  it('go to one dusun only', async () => {
    const dusun = await db().selectFrom('village_areas').select(['id', 'name']).where('village_code', '=', V).where('level', '=', 'dusun').orderBy('id').executeTakeFirstOrThrow();
    expect((await operator.form(`/desa/${V}/pengumuman`, { title: 'Pemadaman air', body: 'Air PAM di dusun ini mati hari Kamis pukul 08.00 sampai 12.00.', audience: `dusun:${dusun.id}` })).status).toBe(303);
    const a = await latest();
    const messages = await queued(a.id);
    expect(messages.length).toBe(a.recipients);
    // Every number belongs to someone living in that dusun (an RT or RW under it, or the dusun itself).
    const under = await db().selectFrom('village_areas as x').leftJoin('village_areas as p', (j) => j.onRef('p.village_code', '=', 'x.village_code').onRef('p.id', '=', 'x.parent_id'))
      .select('x.id').where('x.village_code', '=', V).where((eb) => eb.or([eb('x.id', '=', dusun.id), eb('x.parent_id', '=', dusun.id), eb('p.parent_id', '=', dusun.id)])).execute();
    const living = await db().selectFrom('residents').select('phone').where('village_code', '=', V).where('area_id', 'in', under.map((u) => u.id)).where('phone', 'is not', null).execute();
    expect(new Set(messages.map((m) => m.recipient))).toEqual(new Set(living.map((r) => r.phone!.trim()).filter(Boolean)));
    const bad = await operator.form(`/desa/${V}/pengumuman`, { title: 'Salah', body: 'Pengumuman untuk dusun yang tidak ada.', audience: 'dusun:999999' });
    expect(bad.status).toBe(400);
    expect(await text(bad)).toContain('Pilihan pada kolom Kepada tidak dikenal.');
  });
});
