import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { accessLogOf } from '../../platform/audit/access-log.js';
import { HANURA } from '../demo/seed-demo.js';
import { TOKEN_REQUESTS_PER_MINUTE } from './bearer.js';

const PESAWARAN = '18.09';
const BATU_MENYAN = '18.09.10.2001';
let t: TestApp;
let regency: Client;
let operator: Client;
let district: Client;
const db = () => t.db.kysely;

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const inDays = (n: number) => new Date(Date.now() + 7 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);
const tokenCount = async () => Number((await db().selectFrom('api_tokens').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

/** The create form as the browser posts it: each ticked box is one `permissions` field. */
function create(client: Client, fields: { token_name: string; region_code?: string; expires_on?: string; permissions: string[] }) {
  const body = new URLSearchParams({ _csrf: client.csrf, token_name: fields.token_name, expires_on: fields.expires_on ?? inDays(30) });
  if (fields.region_code !== undefined) body.set('region_code', fields.region_code);
  for (const p of fields.permissions) body.append('permissions', p);
  return client.request('/akun/token', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}
const secretIn = (html: string) => /value="(balai_api_[A-Za-z0-9_-]{43})"/.exec(html)?.[1];
/** A program with only the token: no cookie. */
const machine = (secret: string) => new Client(t.app, '', '', { authorization: `Bearer ${secret}` });
const tokenId = async (name: string) => (await db().selectFrom('api_tokens').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; field: string | null } }).error;

beforeAll(async () => {
  t = await createTestApp({ population: true });
  [regency, operator, district] = await Promise.all([t.login('pesawaran'), t.login('hanura'), t.login('telukpandan')]);
});
afterAll(() => t?.close());

describe('a read-only token for Kabupaten Pesawaran', () => {
  let secret = '';
  let id = 0;

  it('is made on the page with the read permissions ticked, and its secret shown once and kept only as a hash', async () => {
    const form = await regency.get('/akun/token');
    expect(form.status).toBe(200);
    const html = await form.text();
    const ticked = [...html.matchAll(/name="permissions" value="([a-z._]+)" checked/g)].map((m) => m[1]!);
    expect(ticked).toEqual(expect.arrayContaining(['monitoring.read', 'population.statistics']));
    // The regency's own writes are offered but not ticked; accounts and tokens are never offered.
    expect(html).toContain('value="monitoring.index.write"');
    expect(ticked).not.toContain('monitoring.index.write');
    expect(html).not.toContain('value="account.create"');
    expect(html).not.toContain('value="token.manage"');

    const res = await create(regency, { token_name: 'Dasbor Bappeda Pesawaran', region_code: '1809', permissions: ticked });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toContain('no-store');
    secret = secretIn(await res.text())!;
    expect(secret).toMatch(/^balai_api_/);
    id = await tokenId('Dasbor Bappeda Pesawaran');
    const row = await db().selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret.slice(10));
    expect(row.region_code).toBe(PESAWARAN);
    expect([...row.permissions].sort()).toEqual([...ticked].sort());

    // Never again: the list names the token, not its secret.
    const list = await regency.get('/akun/token');
    const listed = await list.text();
    expect(listed).toContain('Dasbor Bappeda Pesawaran');
    expect(secretIn(listed)).toBeUndefined();
    expect(listed).not.toContain(secret);
    const audit = await db().selectFrom('audit_log').select(['actor_label', 'region_code']).where('action', '=', 'api_token.create').where('subject', '=', `api_token:${id}`).executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_label: 'pesawaran', region_code: PESAWARAN });
  });

  it("reads the regency's adoption and population figures through the API", async () => {
    const api = machine(secret);
    const adoption = await api.get(`/api/v1/monitoring/regions/${PESAWARAN}/adoption`);
    expect(adoption.status, await adoption.clone().text()).toBe(200);
    expect(adoption.headers.get('cache-control')).toContain('no-store');
    const a = (await adoption.json()).data;
    expect(a.region.code).toBe(PESAWARAN);
    expect(a.totals.activated).toBeGreaterThan(0);
    const population = await api.get(`/api/v1/monitoring/regions/${PESAWARAN}/population`);
    expect(population.status).toBe(200);
    const p = (await population.json()).data;
    expect(p.totals.total).toBeGreaterThan(2000);
    // Hanura's 2,500 generated residents are counted under Teluk Pandan.
    expect(p.children.find((r: { code: string }) => r.code === '18.09.10').total).toBeGreaterThan(2000);
    const row = await db().selectFrom('api_tokens').select(['last_used_at', 'requests', 'last_used_ip']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();
    expect(Number(row.requests)).toBe(2);
  });

  it('is refused outside its region, a resident\'s record, any write, and the account\'s own routes — each refusal logged as the token', async () => {
    const api = machine(secret);
    expect((await api.get('/api/v1/monitoring/regions/18.71/population')).status).toBe(403);
    const resident = (await db().selectFrom('residents').select('id').where('village_code', '=', HANURA).executeTakeFirstOrThrow()).id;
    expect((await api.get(`/api/v1/villages/${HANURA}/residents/${resident}`)).status).toBe(403);
    expect((await api.get(`/api/v1/villages/${HANURA}/residents`)).status).toBe(403);
    const write = await api.json('PATCH', `/api/v1/villages/${HANURA}`, { phone: '0721 123456' });
    expect(write.status).toBe(403);
    const index = await api.json('PUT', `/api/v1/monitoring/villages/${HANURA}/index`, {});
    expect([403, 404]).toContain(index.status);
    expect((await api.get('/api/v1/auth/me')).status).toBe(403);
    const accounts = await api.get('/api/v1/accounts');
    expect(accounts.status).toBe(403);
    expect((await errorOf(accounts)).message).toContain('Token API tidak dapat dipakai');
    expect((await api.post('/api/v1/accounts', { username: 'dari.token', full_name: 'X', role: 'district_officer', region_code: '18.09.10', password: 'tidak boleh dari token' })).status).toBe(403);
    expect(await db().selectFrom('users').select('id').where('username', '=', 'dari.token').executeTakeFirst()).toBeUndefined();

    const refused = await db().selectFrom('audit_log').select(['actor_id', 'actor_label', 'detail']).where('action', '=', 'access.denied').where('actor_label', 'like', `token:${id} %`).execute();
    expect(refused.length).toBeGreaterThanOrEqual(5);
    expect(refused[0]!.actor_label).toBe(`token:${id} Dasbor Bappeda Pesawaran`);
    const maker = (await db().selectFrom('users').select('id').where('username', '=', 'pesawaran').executeTakeFirstOrThrow()).id;
    expect(refused.every((r) => r.actor_id === maker)).toBe(true);
  });

  it('is not accepted on pages: a page with only the token is the login page', async () => {
    const page = await machine(secret).get(`/pantau/${PESAWARAN}`);
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toMatch(/^\/masuk/);
    // Nor does it make tokens.
    const made = await machine(secret).request('/akun/token', { method: 'POST', body: new URLSearchParams({ token_name: 'x', region_code: PESAWARAN, permissions: 'monitoring.read', expires_on: inDays(10) }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect([302, 401]).toContain(made.status);
  });

  it('is refused at once after it is revoked (401), and the refusal names why', async () => {
    const page = await regency.get('/akun/token');
    expect(await page.text()).toContain(`action="/akun/token/${id}/cabut"`);
    const res = await regency.form(`/akun/token/${id}/cabut`, {});
    expect(res.status).toBe(200);
    expect(await text(res)).toContain('Token &quot;Dasbor Bappeda Pesawaran&quot; dicabut');
    const after = await machine(secret).get(`/api/v1/monitoring/regions/${PESAWARAN}/adoption`);
    expect(after.status).toBe(401);
    expect((await errorOf(after)).message).toContain('sudah dicabut');
    expect((await machine(secret).get('/api/v1/regions/18')).status).toBe(401);
    const why = await db().selectFrom('audit_log').select('detail').where('action', '=', 'api_token.refused').where('subject', '=', `api_token:${id}`).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(why.detail).toMatchObject({ reason: 'revoked' });
    expect((await regency.form(`/akun/token/${id}/cabut`, {})).status).toBe(409);
  });
});

describe('what a token may be', () => {
  it('an expired token is refused', async () => {
    const res = await create(regency, { token_name: 'Sudah lewat', region_code: PESAWARAN, permissions: ['monitoring.read'] });
    const secret = secretIn(await res.text())!;
    expect((await machine(secret).get(`/api/v1/monitoring/regions/${PESAWARAN}/adoption`)).status).toBe(200);
    await sql`update api_tokens set created_at = now() - interval '40 days', expires_at = now() - interval '1 second' where name = 'Sudah lewat'`.execute(db());
    const after = await machine(secret).get(`/api/v1/monitoring/regions/${PESAWARAN}/adoption`);
    expect(after.status).toBe(401);
    const why = await db().selectFrom('audit_log').select('detail').where('action', '=', 'api_token.refused').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(why.detail).toMatchObject({ reason: 'expired' });
    // A made-up token and a malformed one: 401 too.
    expect((await machine(`balai_api_${'A'.repeat(43)}`).get('/api/v1/regions/18')).status).toBe(401);
    expect((await machine('balai_salah').get('/api/v1/regions/18')).status).toBe(401);
  });

  it("cannot go beyond its maker's region or permissions, nor past a year; a refusal names the field and stores nothing", async () => {
    const before = await tokenCount();
    const cases: [Parameters<typeof create>[1], string][] = [
      [{ token_name: 'Lampung Selatan', region_code: '18.01', permissions: ['monitoring.read'] }, 'di luar wilayah kerja Anda'],
      [{ token_name: 'Penduduk', region_code: PESAWARAN, permissions: ['population.read'] }, 'population.read'],
      [{ token_name: 'Akun', region_code: PESAWARAN, permissions: ['account.create'] }, 'account.create'],
      [{ token_name: 'Kosong', region_code: PESAWARAN, permissions: [] }, 'paling sedikit satu izin'],
      [{ token_name: 'Lama', region_code: PESAWARAN, permissions: ['monitoring.read'], expires_on: inDays(400) }, 'paling lama 366 hari'],
      [{ token_name: 'Kemarin', region_code: PESAWARAN, permissions: ['monitoring.read'], expires_on: inDays(0) }, 'setelah hari ini'],
      [{ token_name: 'Tanpa tanggal', region_code: PESAWARAN, permissions: ['monitoring.read'], expires_on: '' }, 'Berlaku sampai wajib diisi'],
      [{ token_name: '', region_code: PESAWARAN, permissions: ['monitoring.read'] }, 'Nama token wajib diisi'],
    ];
    for (const [fields, message] of cases) {
      const res = await create(regency, fields);
      expect(res.status, fields.token_name).toBe(400);
      expect(await text(res), fields.token_name).toContain(message);
    }
    // The district above its own scope.
    const up = await create(district, { token_name: 'Kabupaten', region_code: PESAWARAN, permissions: ['monitoring.read'] });
    expect(up.status).toBe(400);
    expect(await tokenCount()).toBe(before);
  });

  it('a village operator makes one for their own village only', async () => {
    const form = await (await operator.get('/akun/token')).text();
    expect(form).toContain(`name="region_code" value="${HANURA}"`);
    expect(form).toContain('hanya berlaku untuk desa Anda sendiri');
    const other = await create(operator, { token_name: 'Batu Menyan', region_code: BATU_MENYAN, permissions: ['village.profile.read'] });
    expect(other.status).toBe(400);
    const up = await create(operator, { token_name: 'Kecamatan', region_code: '18.09.10', permissions: ['village.profile.read'] });
    expect(up.status).toBe(400);
    const own = await create(operator, { token_name: 'Aplikasi posyandu', region_code: HANURA, permissions: ['village.profile.read', 'population.read', 'village.profile.write'] });
    expect(own.status).toBe(201);
    expect((await db().selectFrom('api_tokens').select('region_code').where('name', '=', 'Aplikasi posyandu').executeTakeFirstOrThrow()).region_code).toBe(HANURA);
    // The region's officers see it; Batu Menyan's operator does not, and cannot revoke it.
    expect(await (await district.get('/akun/token')).text()).toContain('Aplikasi posyandu');
    const batu = await t.login('batumenyan');
    expect(await (await batu.get('/akun/token')).text()).not.toContain('Aplikasi posyandu');
    expect((await batu.form(`/akun/token/${await tokenId('Aplikasi posyandu')}/cabut`, {})).status).toBe(404);
  });

  it('reads personal data only when chosen: masked NIK without full_nik, each read in the resident\'s access log as the token; a chosen write is audited as the token', async () => {
    const res = await create(operator, { token_name: 'Aplikasi kader', region_code: HANURA, permissions: ['population.read', 'village.profile.read', 'village.profile.write'] });
    const secret = secretIn(await res.text())!;
    const id = await tokenId('Aplikasi kader');
    const api = machine(secret);
    const resident = await db().selectFrom('residents').select(['id', 'nik']).where('village_code', '=', HANURA).orderBy('id').executeTakeFirstOrThrow();
    const read = await api.get(`/api/v1/villages/${HANURA}/residents/${resident.id}`);
    expect(read.status, await read.clone().text()).toBe(200);
    const body = await read.text();
    expect(body).not.toContain(resident.nik);
    expect(body).toContain(`${resident.nik.slice(0, 4)}`);
    // The operator reads the resident's access log and sees the token by name; so does the resident (self-service, their data export).
    const log = await operator.get(`/api/v1/villages/${HANURA}/residents/${resident.id}/access-log`);
    expect((await log.json()).data[0]).toMatchObject({ action: 'resident.read', actor_label: `token:${id} Aplikasi kader` });
    const own = await accessLogOf(db(), HANURA, resident.id);
    expect(own[0]).toMatchObject({ action: 'resident.read', actor: 'officer', name: 'Operator Desa Hanura · token API "Aplikasi kader"' });
    // Not the access log itself: not given.
    expect((await api.get(`/api/v1/villages/${HANURA}/residents/${resident.id}/access-log`)).status).toBe(403);

    const write = await api.json('PATCH', `/api/v1/villages/${HANURA}`, { phone: '0721 765432' });
    expect(write.status, await write.clone().text()).toBe(200);
    const entry = await db().selectFrom('audit_log').select(['actor_id', 'actor_label']).where('village_code', '=', HANURA).where('actor_label', 'like', `token:${id} %`).where('outcome', '=', 'ok').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(entry.actor_label).toBe(`token:${id} Aplikasi kader`);
    expect(entry.actor_id).toBe((await db().selectFrom('users').select('id').where('username', '=', 'hanura').executeTakeFirstOrThrow()).id);
  });

  it('is slowed per token past its minute\'s requests (429 with Retry-After), and stops with its maker\'s account', async () => {
    const res = await create(operator, { token_name: 'Skrip cepat', region_code: HANURA, permissions: ['village.profile.read'] });
    const api = machine(secretIn(await res.text())!);
    expect((await api.get(`/api/v1/villages/${HANURA}`)).status).toBe(200);
    await db().updateTable('api_tokens').set({ window_count: TOKEN_REQUESTS_PER_MINUTE }).where('name', '=', 'Skrip cepat').execute();
    const limited = await api.get(`/api/v1/villages/${HANURA}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    // A minute later the window starts again.
    await sql`update api_tokens set window_start = now() - interval '61 seconds' where name = 'Skrip cepat'`.execute(db());
    expect((await api.get(`/api/v1/villages/${HANURA}`)).status).toBe(200);

    await db().updateTable('users').set({ active: false }).where('username', '=', 'hanura').execute();
    try {
      expect((await api.get(`/api/v1/villages/${HANURA}`)).status).toBe(401);
    } finally {
      await db().updateTable('users').set({ active: true }).where('username', '=', 'hanura').execute();
    }
  });

  it('counts concurrent requests of one token exactly', async () => {
    const res = await create(regency, { token_name: 'Serentak', region_code: PESAWARAN, permissions: ['region.browse'] });
    const api = machine(secretIn(await res.text())!);
    const answers = await Promise.all(Array.from({ length: 12 }, () => api.get('/api/v1/regions/18.09')));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    const row = await db().selectFrom('api_tokens').select(['requests', 'window_count']).where('name', '=', 'Serentak').executeTakeFirstOrThrow();
    expect([Number(row.requests), row.window_count]).toEqual([12, 12]);
  });
});
