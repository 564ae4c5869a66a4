import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { LOGIN_LIMITS } from './auth.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  process.env.TRUST_PROXY = '1'; // so each test can come from its own address
});
afterAll(async () => {
  delete process.env.TRUST_PROXY;
  await t.close();
});

const from = (ip: string) => ({ 'x-forwarded-for': ip });
const tryLogin = (username: string, password: string, ip: string) =>
  t.anonymous.json('POST', '/api/v1/auth/login', { username, password }, from(ip));

describe('login', () => {
  it('sets an HttpOnly, SameSite session cookie and knows who you are', async () => {
    const res = await tryLogin('hanura', 'balai-demo', '10.0.0.1');
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^balai_sid=[A-Za-z0-9_-]{40,}/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=43200/);
    const me = await t.app.request('/api/v1/auth/me', { headers: { cookie: cookie.split(';')[0]! } });
    expect((await me.json()).data).toMatchObject({ username: 'hanura', role: 'village_operator', region_code: '18.09.10.2004' });
  });

  it('stores only a hash of the session token', async () => {
    const res = await tryLogin('hanura', 'balai-demo', '10.0.0.2');
    const token = res.headers.get('set-cookie')!.split(';')[0]!.split('=')[1]!;
    const rows = await t.db.kysely.selectFrom('sessions').select('token_hash').execute();
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it('says the same thing for a wrong password and an unknown user, and audits both', async () => {
    const a = await tryLogin('hanura', 'wrong password!', '10.0.1.1');
    const b = await tryLogin('nobody-here', 'wrong password!', '10.0.1.1');
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect((await a.json()).error.message).toBe((await b.json()).error.message);
    const audit = await t.db.kysely.selectFrom('audit_log').select(['actor_label', 'outcome']).where('action', '=', 'auth.login_failed').execute();
    expect(audit.map((r) => r.actor_label)).toEqual(expect.arrayContaining(['hanura', 'nobody-here']));
  });

  it('locks an account from one address after repeated failures, with a clear message, but not from elsewhere', async () => {
    for (let i = 0; i < LOGIN_LIMITS.pair; i++) expect((await tryLogin('kades.hanura', `guess number ${i}`, '10.0.2.1')).status).toBe(401);
    const locked = await tryLogin('kades.hanura', 'balai-demo', '10.0.2.1');
    expect(locked.status).toBe(429);
    expect((await locked.json()).error.message).toMatch(/dikunci sementara.*15 menit/);
    // the village head, at the village office, still gets in: a stranger cannot lock them out
    expect((await tryLogin('kades.hanura', 'balai-demo', '10.0.2.99')).status).toBe(200);
  });

  it('lifts the lock by itself once the window has passed', async () => {
    for (let i = 0; i < LOGIN_LIMITS.pair; i++) await tryLogin('sekdes.hanura', `guess ${i}`, '10.0.3.1');
    expect((await tryLogin('sekdes.hanura', 'balai-demo', '10.0.3.1')).status).toBe(429);
    await sql`update attempt_counters set window_start = window_start - interval '16 minutes'`.execute(t.db.kysely);
    expect((await tryLogin('sekdes.hanura', 'balai-demo', '10.0.3.1')).status).toBe(200);
  });

  it('limits one address trying many accounts', async () => {
    for (let i = 0; i < LOGIN_LIMITS.ip; i++) await tryLogin(`user${i}`, 'whatever password', '10.0.4.1');
    const res = await tryLogin('hanura', 'balai-demo', '10.0.4.1');
    expect(res.status).toBe(429);
    expect((await res.json()).error.message).toMatch(/dari alamat Anda/);
  });

  it('names the field that is wrong', async () => {
    const res = await t.anonymous.json('POST', '/api/v1/auth/login', { username: 'hanura' }, from('10.0.5.1'));
    expect(res.status).toBe(400);
    expect((await res.json()).error).toEqual({ code: 'invalid_input', message: 'Kolom Kata sandi wajib diisi.', field: 'password' });
  });
});

describe('sessions', () => {
  it('logs out, and the old cookie no longer works', async () => {
    const c = await t.login('hanura', 'balai-demo', from('10.0.6.1'));
    expect((await c.get('/api/v1/auth/me')).status).toBe(200);
    expect((await c.post('/api/v1/auth/logout', {})).status).toBe(204);
    expect((await c.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('logs out everywhere', async () => {
    const phone = await t.login('batumenyan', 'balai-demo', from('10.0.7.1'));
    const office = await t.login('batumenyan', 'balai-demo', from('10.0.7.2'));
    expect((await phone.post('/api/v1/auth/logout?everywhere=true', {})).status).toBe(204);
    expect((await office.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('expires sessions', async () => {
    const c = await t.login('pesawaran', 'balai-demo', from('10.0.8.1'));
    await sql`update sessions set expires_at = now() - interval '1 second'`.execute(t.db.kysely);
    expect((await c.get('/api/v1/auth/me')).status).toBe(401);
  });
});

describe('password change', () => {
  it('checks the current password and the rules, then ends the other sessions', async () => {
    const here = await t.login('telukpandan', 'balai-demo', from('10.0.9.1'));
    const other = await t.login('telukpandan', 'balai-demo', from('10.0.9.2'));
    const wrong = await here.post('/api/v1/auth/password', { current_password: 'nope', new_password: 'pantai mutun indah sekali', confirm_password: 'pantai mutun indah sekali' });
    expect((await wrong.json()).error.field).toBe('current_password');
    const weak = await here.post('/api/v1/auth/password', { current_password: 'balai-demo', new_password: 'password123', confirm_password: 'password123' });
    expect((await weak.json()).error).toMatchObject({ field: 'new_password', message: 'Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain.' });
    const ok = await here.post('/api/v1/auth/password', { current_password: 'balai-demo', new_password: 'pantai mutun indah sekali', confirm_password: 'pantai mutun indah sekali' });
    expect(ok.status).toBe(204);
    expect((await here.get('/api/v1/auth/me')).status).toBe(200);
    expect((await other.get('/api/v1/auth/me')).status).toBe(401);
    expect((await tryLogin('telukpandan', 'balai-demo', '10.0.9.3')).status).toBe(401);
    expect((await tryLogin('telukpandan', 'pantai mutun indah sekali', '10.0.9.3')).status).toBe(200);
  });
});

describe('forged requests (CSRF)', () => {
  it('refuses a form post without the session token, and accepts it with', async () => {
    const c = await t.login('hanura', 'balai-demo', from('10.0.10.1'));
    const forged = await c.form('/desa/18.09.10.2004/profil', { head_name: 'Penyusup' }, false);
    expect(forged.status).toBe(403);
    const real = await c.form('/desa/18.09.10.2004/profil', { head_name: 'Ahmad Suhendra, S.E.' });
    expect(real.status).toBe(200);
    expect(await real.text()).toContain('Profil desa disimpan.');
  });

  it('refuses a post from another site and a text/plain body posing as JSON', async () => {
    const c = await t.login('hanura', 'balai-demo', from('10.0.10.2'));
    const cross = await c.request('/api/v1/villages/18.09.10.2004', { method: 'PATCH', body: JSON.stringify({ head_name: 'X' }), headers: { 'content-type': 'application/json', origin: 'https://evil.example', host: 'localhost' } });
    expect(cross.status).toBe(403);
    const plain = await c.request('/api/v1/villages/18.09.10.2004', { method: 'PATCH', body: JSON.stringify({ head_name: 'X' }), headers: { 'content-type': 'text/plain' } });
    expect(plain.status).toBe(403);
  });
});
