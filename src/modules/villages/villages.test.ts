import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let province: Client;
let hanura: Client;
let district: Client;
beforeAll(async () => {
  t = await createTestApp();
  province = await t.login('provinsi');
  hanura = await t.login('hanura');
  district = await t.login('telukpandan');
});
afterAll(() => t.close());

const auditOf = (action: string) =>
  t.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id', 'desc').execute();

describe('the province activates a village and creates its operator', () => {
  it('activates Gebang (Teluk Pandan) as a target village, once', async () => {
    const res = await province.post('/api/v1/villages/1809102003/activation', { activation_kind: 'target' });
    expect(res.status).toBe(201);
    expect((await res.json()).data).toEqual({ village_code: '18.09.10.2003', name: 'Gebang' });
    const again = await province.post('/api/v1/villages/18.09.10.2003/activation', { activation_kind: 'target' });
    expect(again.status).toBe(409);
    expect((await again.json()).error.message).toMatch(/^Desa Gebang sudah aktif sejak \d+ \w+ \d{4}\.$/);
    const [entry] = await auditOf('village.activate');
    expect(entry).toMatchObject({ actor_label: 'provinsi', village_code: '18.09.10.2003', outcome: 'ok' });
  });

  it('refuses to activate a district, an unknown code, or a village of another province', async () => {
    expect((await province.post('/api/v1/villages/18.09.10/activation', { activation_kind: 'target' })).status).toBe(400);
    expect((await province.post('/api/v1/villages/18.09.10.2999/activation', { activation_kind: 'target' })).status).toBe(404);
    expect((await province.post('/api/v1/villages/17.01.01.2001/activation', { activation_kind: 'target' })).status).toBe(403);
    const bad = await province.post('/api/v1/villages/18.09.10.2005/activation', { activation_kind: 'maybe' });
    expect((await bad.json()).error).toMatchObject({ field: 'activation_kind', code: 'invalid_input' });
  });

  it('creates an operator for Gebang, who then sees Gebang and nothing else', async () => {
    const res = await province.post('/api/v1/accounts', { username: 'operator.gebang', full_name: 'Operator Gebang', role: 'village_operator', region_code: '1809102003', password: 'gebang di teluk pandan' });
    expect(res.status).toBe(201);
    expect((await res.json()).data).toMatchObject({ username: 'operator.gebang', region_code: '18.09.10.2003' });
    const gebang = await t.login('operator.gebang', 'gebang di teluk pandan');
    expect((await gebang.get('/api/v1/villages/18.09.10.2003')).status).toBe(200);
    const other = await gebang.get('/api/v1/villages/18.09.10.2004');
    expect(other.status).toBe(403);
    const [denied] = await auditOf('access.denied');
    expect(denied).toMatchObject({ actor_label: 'operator.gebang', outcome: 'denied', region_code: '18.09.10.2004' });
    expect(denied!.detail).toMatchObject({ method: 'GET', path: '/api/v1/villages/18.09.10.2004' });
  });

  it('does not create accounts for villages that are not active, at the wrong level, or above its own rank', async () => {
    const inactive = await province.post('/api/v1/accounts', { username: 'op.munca', full_name: 'Op Munca', role: 'village_operator', region_code: '18.09.10.2006', password: 'munca di teluk pandan' });
    expect((await inactive.json()).error).toMatchObject({ field: 'region_code', message: 'Desa 18.09.10.2006 belum diaktifkan di Balai. Aktifkan desa terlebih dahulu.' });
    const level = await province.post('/api/v1/accounts', { username: 'camat.x', full_name: 'Camat', role: 'district_officer', region_code: '18.09', password: 'kecamatan yang salah' });
    expect((await level.json()).error.field).toBe('region_code');
    const rank = await district.post('/api/v1/accounts', { username: 'admin.x', full_name: 'Admin', role: 'province_admin', region_code: '18', password: 'naik pangkat sendiri' });
    expect(rank.status).toBe(403);
    const outside = await district.post('/api/v1/accounts', { username: 'op.x', full_name: 'Op', role: 'village_operator', region_code: '18.01.04.2001', password: 'desa di luar wilayah' });
    expect(outside.status).toBe(403);
    const taken = await province.post('/api/v1/accounts', { username: 'Hanura', full_name: 'Dup', role: 'village_operator', region_code: '18.09.10.2004', password: 'nama sudah dipakai' });
    expect(taken.status).toBe(409);
    expect((await hanura.post('/api/v1/accounts', { username: 'op.y', full_name: 'Op', role: 'village_operator', region_code: '18.09.10.2004', password: 'operator buat akun' })).status).toBe(403);
  });

  it('lists accounts only within the scope', async () => {
    const mine = (await (await district.get('/api/v1/accounts')).json()).data.map((a: any) => a.username);
    expect(mine).toContain('hanura');
    expect(mine).not.toContain('provinsi');
    expect(mine.every((u: string) => u !== 'pesawaran')).toBe(true);
  });
});

describe('the village edits its own profile', () => {
  it('saves the profile with an audit entry, and the district sees it but may not change it', async () => {
    const res = await hanura.json('PATCH', '/api/v1/villages/18.09.10.2004', { head_name: 'Ahmad Suhendra', phone: '0721 123456', website: 'https://hanura.desa.id' });
    expect(res.status).toBe(200);
    expect((await res.json()).data).toMatchObject({ phone: '0721 123456', website: 'https://hanura.desa.id' });
    const [entry] = await auditOf('village.profile_update');
    expect(entry).toMatchObject({ actor_label: 'hanura', village_code: '18.09.10.2004' });
    expect((entry!.detail as any).changed).toEqual({ phone: '0721 123456', website: 'https://hanura.desa.id' });
    expect((await (await district.get('/api/v1/villages/18.09.10.2004')).json()).data.phone).toBe('0721 123456');
    expect((await district.json('PATCH', '/api/v1/villages/18.09.10.2004', { phone: '0721 999999' })).status).toBe(403);
  });

  it('names the bad field and saves nothing', async () => {
    const res = await hanura.json('PATCH', '/api/v1/villages/18.09.10.2004', { head_name: 'Orang Lain', email: 'bukan-email' }, { 'accept-language': 'en' });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toEqual({ code: 'invalid_input', message: 'The field E-mail must be a valid e-mail address.', field: 'email' });
    expect((await (await hanura.get('/api/v1/villages/18.09.10.2004')).json()).data.head_name).toBe('Ahmad Suhendra');
    const unknown = await hanura.json('PATCH', '/api/v1/villages/18.09.10.2004', { activated_at: '2000-01-01' });
    expect((await unknown.json()).error.field).toBe('activated_at');
  });

  it('builds dusun → RW → RT and refuses an RT without a parent or a duplicate', async () => {
    const dusun = await (await hanura.post('/api/v1/villages/18.09.10.2004/areas', { level: 'dusun', name: 'Dusun V' })).json();
    const rw = await (await hanura.post('/api/v1/villages/18.09.10.2004/areas', { level: 'rw', parent_id: dusun.data.id, name: '001' })).json();
    expect((await hanura.post('/api/v1/villages/18.09.10.2004/areas', { level: 'rt', parent_id: rw.data.id, name: '001' })).status).toBe(201);
    const orphan = await hanura.post('/api/v1/villages/18.09.10.2004/areas', { level: 'rt', name: '009' });
    expect((await orphan.json()).error).toMatchObject({ field: 'parent_id', message: 'RT harus berada di bawah RW/Dusun.' });
    const dup = await hanura.post('/api/v1/villages/18.09.10.2004/areas', { level: 'dusun', name: 'dusun v' });
    expect(dup.status).toBe(409);
    // another village's area cannot be used as a parent
    const gebang = await t.login('operator.gebang', 'gebang di teluk pandan');
    const cross = await gebang.post('/api/v1/villages/18.09.10.2003/areas', { level: 'rw', parent_id: dusun.data.id, name: '001' });
    expect(cross.status).toBe(400);
  });

  it('lets RW "002" and RT "002" share a dusun, but not two RTs "002"', async () => {
    const api = '/api/v1/villages/18.09.10.2004/areas';
    const dusun = (await (await hanura.post(api, { level: 'dusun', name: 'Dusun Tanpa RW' })).json()).data;
    expect((await hanura.post(api, { level: 'rt', parent_id: dusun.id, name: '002' })).status).toBe(201);
    const rw = await hanura.post(api, { level: 'rw', parent_id: dusun.id, name: '002' });
    expect(rw.status).toBe(201);
    const again = await hanura.post(api, { level: 'rt', parent_id: dusun.id, name: '002' });
    expect(again.status).toBe(409);
    expect((await again.json()).error).toMatchObject({ field: 'name', message: 'RT "002" sudah ada di tempat itu.' });
    // the database says the same when two officers add the same RT at once
    const count = await t.db.kysely.selectFrom('village_areas').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('village_code', '=', '18.09.10.2004').where('parent_id', '=', dusun.id).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
    await expect(t.db.kysely.insertInto('village_areas_rows').values({ village_code: '18.09.10.2004', parent_id: dusun.id, level: 'rt', name: '002' }).execute()).rejects.toThrow();
  });

  it('accepts a PNG logo checked by content, and serves it publicly with nosniff', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f1d0e00000000049454e44ae426082', 'hex');
    const up = await hanura.request('/api/v1/villages/18.09.10.2004/logo', { method: 'PUT', body: png, headers: { 'content-type': 'application/json' } });
    expect(up.status).toBe(204);
    const logo = await t.anonymous.get('/desa/18.09.10.2004/logo');
    expect(logo.headers.get('content-type')).toBe('image/png');
    expect(logo.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await logo.arrayBuffer()).equals(png)).toBe(true);
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const bad = await hanura.request('/api/v1/villages/18.09.10.2004/logo', { method: 'PUT', body: html, headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(415);
    const big = Buffer.concat([png, Buffer.alloc(400 * 1024)]);
    expect((await hanura.request('/api/v1/villages/18.09.10.2004/logo', { method: 'PUT', body: big, headers: { 'content-type': 'application/json' } })).status).toBe(413);
  });
});

describe('region browser pages', () => {
  it('shows the district officer only their district, and the way up to it', async () => {
    const page = await (await district.get('/wilayah/18.09')).text();
    expect(page).toContain('Teluk Pandan');
    expect(page).not.toContain('Padang Cermin');
    expect((await district.get('/wilayah/18.01')).status).toBe(403);
  });
});

describe('region search page', () => {
  it('finds villages by part of the name within the officer\'s scope only', async () => {
    const mine = await (await district.get('/wilayah?q=anura')).text();
    expect(mine).toContain('Desa Hanura');
    const outside = await (await district.get('/wilayah?q=hajimena')).text();
    expect(outside).toContain('Tidak ada wilayah yang cocok');
    expect(await (await province.get('/wilayah?q=hajimena')).text()).toContain('Desa Hajimena');
  });
});
