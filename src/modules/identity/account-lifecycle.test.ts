import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';

/** Issue 18, item 6: switching accounts off and on, one-time reset codes, the last head kept, the unused listed. */

let t: TestApp;
let province: Client;
const BATU_MENYAN = '18.09.10.2001';
const CODE = /[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}/;

beforeAll(async () => {
  t = await createTestApp();
  province = await t.login('provinsi');
});
afterAll(() => t.close());

const idOf = async (username: string) => Number((await t.db.kysely.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id);
const apiLogin = (username: string, password = 'balai-demo') => t.anonymous.json('POST', '/api/v1/auth/login', { username, password });
const auditOf = (action: string, userId: number) =>
  t.db.kysely.selectFrom('audit_log').select(['actor_label', 'detail', 'village_code']).where('action', '=', action).where('subject', '=', `user:${userId}`).execute();
const newAccount = async (username: string, role: string, region: string) => {
  const res = await province.post('/api/v1/accounts', { username, full_name: username, role, region_code: region, password: 'kata sandi awal yang panjang' });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()).data.id as number;
};

describe('deactivation', () => {
  it('ends an open session on its very next request, and the login is refused', async () => {
    const session = await t.login('batumenyan');
    expect((await session.get('/api/v1/auth/me')).status).toBe(200);
    const id = await idOf('batumenyan');
    const res = await province.form(`/akun/${id}/nonaktifkan`, { alasan: 'pindah tugas' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Akun batumenyan dinonaktifkan. Semua sesi masuknya sudah diakhiri.');
    expect((await session.get('/api/v1/auth/me')).status).toBe(401);
    expect((await session.get('/desa/18.09.10.2001/penduduk')).status).not.toBe(200);
    expect(await t.db.kysely.selectFrom('sessions').select('token_hash').where('user_id', '=', id).execute()).toEqual([]);
    const again = await apiLogin('batumenyan');
    expect(again.status).toBe(403);
    expect((await again.json()).error.message).toBe('Akun ini dinonaktifkan. Hubungi administrator.');
    const [entry] = await auditOf('account.deactivate', id);
    expect(entry).toMatchObject({ actor_label: 'provinsi', village_code: BATU_MENYAN, detail: { username: 'batumenyan', reason: 'pindah tugas' } });
  });

  it('checks users.active on every request, even with the session row still there', async () => {
    const session = await t.login('pesawaran');
    await t.db.kysely.updateTable('users').set({ active: false }).where('username', '=', 'pesawaran').execute();
    expect((await session.get('/api/v1/auth/me')).status).toBe(401);
    await t.db.kysely.updateTable('users').set({ active: true }).where('username', '=', 'pesawaran').execute();
  });

  it('reactivates: the account logs in again with its password', async () => {
    const id = await idOf('batumenyan');
    const res = await province.form(`/akun/${id}/aktifkan`, { alasan: 'kembali bertugas' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Akun batumenyan aktif kembali.');
    expect((await apiLogin('batumenyan')).status).toBe(200);
    expect(await auditOf('account.reactivate', id)).toHaveLength(1);
    const twice = await province.form(`/akun/${id}/aktifkan`, { alasan: 'sekali lagi' });
    expect(twice.status).toBe(409);
  });

  it('asks for a reason, naming the field', async () => {
    const res = await province.form(`/akun/${await idOf('batumenyan')}/nonaktifkan`, {});
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Kolom Alasan wajib diisi.');
  });

  it('refuses the last active village head of a village and the last officer of a district, with a clear message', async () => {
    const head = await newAccount('kades.batumenyan', 'village_head', BATU_MENYAN);
    const refused = await province.form(`/akun/${head}/nonaktifkan`, { alasan: 'salah ketik' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain(`Akun ini adalah Kepala Desa aktif terakhir di wilayah ${BATU_MENYAN}.`);
    const second = await newAccount('kades2.batumenyan', 'village_head', BATU_MENYAN);
    expect((await province.form(`/akun/${head}/nonaktifkan`, { alasan: 'diganti' })).status).toBe(200);
    expect((await province.form(`/akun/${second}/nonaktifkan`, { alasan: 'salah' })).status).toBe(409);
    const district = await province.form(`/akun/${await idOf('telukpandan')}/nonaktifkan`, { alasan: 'salah' });
    expect(district.status).toBe(409);
    expect(await district.text()).toContain('Petugas Kecamatan aktif terakhir di wilayah 18.09.10');
  });

  it('checks who may: not oneself, not a role one may not create, not outside one\'s region, not an operator', async () => {
    expect((await province.form(`/akun/${await idOf('provinsi')}/nonaktifkan`, { alasan: 'coba' })).status).toBe(409);
    const sekdes = await t.login('sekdes.hanura');
    expect((await sekdes.form(`/akun/${await idOf('kades.hanura')}/nonaktifkan`, { alasan: 'coba' })).status).toBe(403);
    expect((await sekdes.form(`/akun/${await idOf('batumenyan')}/nonaktifkan`, { alasan: 'coba' })).status).toBe(404);
    const operator = await t.login('hanura');
    expect((await operator.form(`/akun/${await idOf('bendahara.hanura')}/nonaktifkan`, { alasan: 'coba' })).status).toBe(403);
    expect((await apiLogin('bendahara.hanura')).status).toBe(200);
  });
});

describe('password reset by an administrator', () => {
  it('shows a one-time code once, stores its hash only; the old password stops at once; the code works exactly once', async () => {
    const head = await t.login('kades.hanura');
    const open = await t.login('hanura');
    const id = await idOf('hanura');
    const res = await head.form(`/akun/${id}/atur-ulang-sandi`, { alasan: 'lupa kata sandi' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const code = CODE.exec(await res.text())![0];
    const stored = await t.db.kysely.selectFrom('password_resets').selectAll().where('user_id', '=', id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(code.replace(/-/g, ''));
    expect(new Date(stored[0]!.expires_at).getTime() - Date.now()).toBeGreaterThan(23 * 3600_000);
    // The old password and the open session are gone now.
    expect((await apiLogin('hanura')).status).toBe(401);
    expect((await open.get('/api/v1/auth/me')).status).toBe(401);

    const use = (c: string, pw = 'pantai mutun di teluk pandan') =>
      t.anonymous.request('/akun/atur-ulang', { method: 'POST', body: new URLSearchParams({ reset_code: c, new_password: pw, confirm_password: pw }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const weak = await use(code, 'password123');
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain('terlalu umum');
    // Typed in lower case without the dashes: still the code. Used twice at once: once.
    const [a, b] = await Promise.all([use(code.toLowerCase().replace(/-/g, '')), use(code)]);
    expect([a.status, b.status].sort()).toEqual([200, 400]);
    expect(await (a.status === 200 ? a : b).text()).toContain('Kata sandi akun hanura sudah diganti.');
    expect(await (a.status === 200 ? b : a).text()).toContain('Kode atur ulang tidak berlaku');
    expect((await use(code)).status).toBe(400);
    expect((await apiLogin('hanura')).status).toBe(401);
    expect((await apiLogin('hanura', 'pantai mutun di teluk pandan')).status).toBe(200);
    expect(await auditOf('account.password_reset', id)).toHaveLength(1);
    expect((await auditOf('account.password_reset_used', id))[0]).toMatchObject({ actor_label: 'hanura', village_code: '18.09.10.2004' });
  });

  it('refuses an expired code, a replaced code and junk, naming the field', async () => {
    const id = await idOf('bendahara.hanura');
    const first = CODE.exec(await (await province.form(`/akun/${id}/atur-ulang-sandi`, { alasan: 'lupa' })).text())![0];
    const second = CODE.exec(await (await province.form(`/akun/${id}/atur-ulang-sandi`, { alasan: 'lupa lagi' })).text())![0];
    const use = (c: string) =>
      t.anonymous.request('/akun/atur-ulang', { method: 'POST', body: new URLSearchParams({ reset_code: c, new_password: 'sawah hijau di hanura', confirm_password: 'sawah hijau di hanura' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect((await use(first)).status).toBe(400); // replaced by the second
    expect(await (await use('bukan kode!')).text()).toContain('Kode atur ulang tidak berlaku');
    await sql`update password_resets set expires_at = now() - interval '1 minute' where user_id = ${id}`.execute(t.db.kysely);
    expect((await use(second)).status).toBe(400);
  });
});

describe('accounts unused for 90 days', () => {
  it('records the login, and lists active accounts of the scope with no login for 90 days', async () => {
    const before = Date.now();
    expect((await apiLogin('sekdes.hanura')).status).toBe(200);
    const seen = await t.db.kysely.selectFrom('users').select('last_login_at').where('username', '=', 'sekdes.hanura').executeTakeFirstOrThrow();
    expect(new Date(seen.last_login_at!).getTime()).toBeGreaterThanOrEqual(before - 5000);

    const k = t.db.kysely;
    await sql`update users set last_login_at = now() - interval '100 days' where username = 'pesawaran'`.execute(k);
    await sql`update users set last_login_at = null, created_at = now() - interval '120 days' where username = 'bendahara.hanura'`.execute(k);
    await sql`update users set last_login_at = now() - interval '95 days' where username = 'batumenyan'`.execute(k);
    await sql`update users set last_login_at = now() - interval '10 days' where username = 'sekdes.hanura'`.execute(k);

    const all = await (await province.get('/akun/tak-dipakai')).text();
    expect(all).toContain('bendahara.hanura');
    expect(all).toContain('batumenyan');
    expect(all).toContain('pesawaran');
    expect(all).toContain('Belum pernah');
    expect(all).not.toContain('sekdes.hanura');
    // A head sees their own village's only.
    const head = await t.login('kades.hanura');
    const own = await (await head.get('/akun/tak-dipakai')).text();
    expect(own).toContain('bendahara.hanura');
    expect(own).not.toContain('batumenyan');
    expect(own).not.toContain('pesawaran');
    // An operator manages no accounts.
    expect((await (await t.login('hanura', 'pantai mutun di teluk pandan')).get('/akun/tak-dipakai')).status).toBe(403);
  });
});
