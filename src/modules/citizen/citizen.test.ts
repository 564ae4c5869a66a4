import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredRoutes } from '../../platform/access/route-access.js';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';
import { todayInWib } from '../../platform/format/format.js';
import { DEMO_CITIZEN } from '../demo/seed-demo.js';
import { loginCitizen } from './citizen-auth.service.js';
import { generatePin, isWeakPin } from './pin.service.js';

const H = '18.09.10.2004'; // Hanura, with the demo citizen's family
const BM = '18.09.10.2001'; // Batu Menyan
const WIFE_NIK = '1809105203889902';
const CHILD_NIK = '1809100506129903';

let t: TestApp;
let op: Client; // Hanura's operator: issues PINs, handles requests
let budi: Client; // the demo citizen
const ids: Record<string, number> = {};

const from = (ip: string) => ({ 'x-forwarded-for': ip });
const html = async (res: Response) => res.text();
const pinOf = (page: string) => /class="pin-once mono">(\d{6})</.exec(page)?.[1];
const residentId = async (nik: string) =>
  (await t.db.kysely.selectFrom('active_niks').select('resident_id').where('nik', '=', nik).executeTakeFirstOrThrow()).resident_id;
const loginForm = (nik: string, pin: string, ip = '10.1.0.1') =>
  t.anonymous.request('/warga/masuk', { method: 'POST', body: new URLSearchParams({ nik, pin }), headers: { 'content-type': 'application/x-www-form-urlencoded', ...from(ip) } });
const issue = async (officer: Client, village: string, id: number) => {
  const res = await officer.form(`/desa/${village}/penduduk/${id}/pin`, {});
  const page = await html(res);
  return { res, page, pin: pinOf(page) };
};

beforeAll(async () => {
  t = await createTestApp({ citizen: true });
  process.env.TRUST_PROXY = '1'; // so tests can come from several addresses
  op = await t.login('hanura');
  for (const [k, nik] of Object.entries({ budi: DEMO_CITIZEN.nik, wife: WIFE_NIK, child: CHILD_NIK })) ids[k] = await residentId(nik);
  // Another family in Hanura, not Budi's.
  const other = await op.post(`/api/v1/villages/${H}/residents`, { name: 'Rahmat Hidayat', sex: 1, religion: 1, birth_date: '1970-01-02', nik: '1809100201709904', kk_number: '1809100201709904' });
  ids.other = (await other.json()).data.id;
});
afterAll(async () => {
  delete process.env.TRUST_PROXY;
  await t.close();
});

describe('PIN', () => {
  it('never draws a trivially weak PIN', () => {
    for (const pin of ['000000', '999999', '123456', '654321', '121212', '123123']) expect(isWeakPin(pin), pin).toBe(true);
    expect(isWeakPin('170885', { birth_date: '1985-08-17' })).toBe(true);
    expect(isWeakPin('520388', { nik: WIFE_NIK })).toBe(true); // the NIK's date digits
    expect(isWeakPin(DEMO_CITIZEN.pin)).toBe(false);
    for (let i = 0; i < 200; i++) {
      const pin = generatePin({ birth_date: '1985-08-17', nik: DEMO_CITIZEN.nik });
      expect(pin).toMatch(/^\d{6}$/);
      expect(isWeakPin(pin, { birth_date: '1985-08-17', nik: DEMO_CITIZEN.nik })).toBe(false);
    }
  });

  it('is issued at the office, shown once, and stored only as a hash', async () => {
    const before = await html(await op.get(`/desa/${H}/penduduk/${ids.wife}`));
    expect(before).toContain('Layanan mandiri');
    expect(before).toContain('Warga ini belum punya PIN layanan mandiri.');
    expect(before).toContain(`action="/desa/${H}/penduduk/${ids.wife}/pin"`);

    const { res, page, pin } = await issue(op, H, ids.wife!);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(page).toContain('Catat PIN ini dan berikan kepada warga; PIN tidak dapat ditampilkan lagi.');
    expect(pin).toMatch(/^\d{6}$/);

    const row = await t.db.kysely.selectFrom('citizen_pins').selectAll().where('village_code', '=', H).where('resident_id', '=', ids.wife!).executeTakeFirstOrThrow();
    expect(row.pin_hash).toMatch(/^\$argon2id\$/);
    expect(row.pin_hash).not.toContain(pin);
    expect(row.issued_by).not.toBeNull();

    const after = await html(await op.get(`/desa/${H}/penduduk/${ids.wife}`));
    expect(after).toContain('Atur ulang PIN');
    expect(after).not.toContain('pin-once');
    const audit = await t.db.kysely.selectFrom('audit_log').select(['actor_label', 'subject', 'detail']).where('action', '=', 'citizen.pin_issued').execute();
    expect(audit).toEqual([expect.objectContaining({ actor_label: 'hanura', subject: `resident:${ids.wife}` })]);
    expect(JSON.stringify(audit)).not.toContain(pin);

    // the wife logs in with it; a reset ends her session and the old PIN
    const wife = await t.loginCitizen(WIFE_NIK, pin!);
    expect((await wife.get('/warga')).status).toBe(200);
    const reset = await issue(op, H, ids.wife!);
    expect(reset.page).toContain('PIN lama tidak berlaku lagi');
    expect((await wife.get('/warga')).status).toBe(302);
    expect((await loginForm(WIFE_NIK, pin!)).status).toBe(401);
    expect((await loginForm(WIFE_NIK, reset.pin!)).status).toBe(303);
  });

  it('is refused for someone who has no real NIK or no longer lives here, and for officers without the permission', async () => {
    const otherFamily = (await t.db.kysely.selectFrom('residents').select('family_id').where('village_code', '=', H).where('id', '=', ids.other!).executeTakeFirstOrThrow()).family_id;
    const baby = await op.post(`/api/v1/villages/${H}/residents`, { name: 'Bayi', sex: 2, religion: 1, birth_date: '2025-01-01', temporary_nik: true, family_id: otherFamily, family_relation: 4 });
    const babyId = (await baby.json()).data.id;
    const r = await issue(op, H, babyId);
    expect(r.res.status).toBe(409);
    expect(r.page).toContain('belum punya NIK tetap');
    expect(r.pin).toBeUndefined();
    const head = await t.login('kades.hanura'); // the head signs letters, the desk issues PINs
    expect((await head.form(`/desa/${H}/penduduk/${ids.other}/pin`, {})).status).toBe(403);
    const neighbour = await t.login('batumenyan');
    expect((await neighbour.form(`/desa/${H}/penduduk/${ids.other}/pin`, {})).status).toBe(403);
  });
});

describe('citizen login', () => {
  it('logs the demo citizen in through the form with a short session', async () => {
    const res = await loginForm(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/warga');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Max-Age=7200/);
    const session = await t.db.kysely.selectFrom('sessions').selectAll().where('resident_id', '=', ids.budi!).executeTakeFirstOrThrow();
    expect(session).toMatchObject({ user_id: null, village_code: H });
    expect(+session.expires_at - Date.now()).toBeLessThanOrEqual(2 * 3600_000);
    const me = await t.app.request('/api/v1/auth/me', { headers: { cookie: cookie.split(';')[0]! } });
    expect((await me.json()).data).toMatchObject({ role: 'citizen', region_code: H, username: '1809********9901', full_name: 'Budi Santoso' });
    const pin = await t.db.kysely.selectFrom('citizen_pins').select('last_login_at').where('village_code', '=', H).where('resident_id', '=', ids.budi!).executeTakeFirstOrThrow();
    expect(pin.last_login_at).not.toBeNull();
    budi = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
  });

  it('shows the form again with the field marked: bad NIK, bad PIN format, wrong PIN', async () => {
    const short = await loginForm('18091017088', '246810');
    expect(short.status).toBe(400);
    const a = await html(short);
    expect(a).toContain('Kolom NIK harus 16 digit angka');
    expect(a).toMatch(/name="nik" value="18091017088"[^>]*aria-invalid="true"/);
    const b = await html(await loginForm(DEMO_CITIZEN.nik, '24681'));
    expect(b).toContain('Kolom PIN harus 6 digit angka.');
    const wrong = await loginForm(DEMO_CITIZEN.nik, '975318', '10.1.0.2');
    expect(wrong.status).toBe(401);
    const c = await html(wrong);
    expect(c).toContain('NIK atau PIN salah.');
    expect(c).toMatch(/name="pin"[^>]*aria-invalid="true"/);
    expect(c).not.toContain('975318');
    // an unknown NIK gets the very same answer
    const unknown = await loginForm('1809100101019999', '975318', '10.1.0.2');
    expect(unknown.status).toBe(401);
    expect(await html(unknown)).toContain('NIK atau PIN salah.');
  });

  it('locks a NIK after 10 wrong PINs even from 10 addresses, never logs the NIK, and a new PIN unlocks', async () => {
    const { pin } = await issue(op, H, ids.child!);
    for (let i = 0; i < 10; i++) expect((await loginForm(CHILD_NIK, pin === '975318' ? '864213' : '975318', `10.2.0.${i}`)).status).toBe(401);
    const locked = await loginForm(CHILD_NIK, pin!, '10.2.1.1');
    expect(locked.status).toBe(429);
    expect(await html(locked)).toContain('Terlalu banyak percobaan masuk yang gagal untuk NIK ini. Coba lagi dalam 15 menit');
    const failures = await t.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'citizen.login_failed').where('subject', '=', `resident:${ids.child}`).execute();
    expect(failures).toHaveLength(10);
    const everything = JSON.stringify(await t.db.kysely.selectFrom('audit_log').selectAll().execute());
    expect(everything).not.toContain(CHILD_NIK);
    expect(everything).not.toContain(DEMO_CITIZEN.nik);
    // the office issues a new PIN: that also lifts the lock
    const fresh = await issue(op, H, ids.child!);
    expect((await loginForm(CHILD_NIK, fresh.pin!, '10.2.1.1')).status).toBe(303);
  });

  it('refuses a citizen of another village at this village\'s kiosk, with the same message', async () => {
    const bmOp = await t.login('batumenyan');
    const reg = await bmOp.post(`/api/v1/villages/${BM}/residents`, { name: 'Wayan Sudarma', sex: 1, religion: 4, birth_date: '1980-03-03', nik: '1809100303809905', kk_number: '1809100303809905' });
    const bmId = (await reg.json()).data.id;
    const { pin } = await issue(bmOp, BM, bmId);
    const ctx = { db: t.db, actor: null, ip: '10.3.0.1', lang: 'id' as const };
    await expect(loginCitizen(ctx, '1809100303809905', pin!, { villageCode: H })).rejects.toMatchObject({ status: 401, key: 'citizen.invalid' });
    const atHome = await loginCitizen(ctx, '1809100303809905', pin!, { villageCode: '1809102001' });
    expect(atHome.actor).toMatchObject({ kind: 'citizen', regionCode: BM, residentId: bmId });
    // and they see nothing of Hanura's register
    const wayan = await t.loginCitizen('1809100303809905', pin!);
    expect((await wayan.form('/warga/perbaikan', { about_resident_id: String(ids.budi), field: 'nama', proposed: 'X' })).status).toBe(403);
  });
});

describe('what a citizen sees', () => {
  it('their own data in full and their family with the others\' NIK masked; the read is logged', async () => {
    const home = await budi.get('/warga');
    expect(home.status).toBe(200);
    expect(home.headers.get('cache-control')).toBe('private, no-store');
    const page = await html(home);
    expect(page).toContain('Halo, Budi Santoso');
    expect(page).toContain(DEMO_CITIZEN.nik);
    expect(page).toContain('1809101501109901');
    expect(page).toContain('Sri Wahyuni');
    expect(page).toContain('1809********9902');
    expect(page).not.toContain(WIFE_NIK);
    expect(page).not.toContain(CHILD_NIK);
    expect(page).not.toContain('Rahmat Hidayat');
    for (const link of ['/warga/data', '/warga/perbaikan', '/warga/surat']) expect(page).toContain(`href="${link}"`);
    expect(page).toContain('action="/keluar"');

    const data = await html(await budi.get('/warga/data'));
    expect(data).toContain('Pesawaran, 17 Agustus 1985');
    expect(data).toContain('NELAYAN/PERIKANAN');
    expect(data).toContain('Jl. Pantai Hanura No. 7, Dusun I › RT 001');
    expect(data).toContain('KEPALA KELUARGA');

    const reads = await t.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'resident.read').where('subject', '=', `resident:${ids.budi}`).execute();
    expect(reads.length).toBeGreaterThan(0);
    expect(reads[0]).toMatchObject({ actor_id: null, actor_label: `warga:${ids.budi}`, village_code: H });
    expect(reads[0]!.detail).toMatchObject({ purpose: 'layanan mandiri' });
  });

  it('gets 403 on the village register and the office pages, and officers get 403 on the citizen pages', async () => {
    for (const path of [
      `/desa/${H}/penduduk`, `/desa/${H}/penduduk/${ids.wife}`, `/desa/${H}/keluarga`, `/desa/${H}/statistik`,
      `/api/v1/villages/${H}/residents`, `/desa/${H}/perbaikan-data`, '/akun', '/akun/kata-sandi',
    ])
      expect((await budi.get(path)).status, path).toBe(403);
    expect((await budi.form(`/desa/${H}/penduduk/${ids.budi}/pin`, {})).status).toBe(403);
    expect((await budi.form(`/desa/${H}/penduduk/${ids.budi}/koreksi`, { name: 'Budi', reason: 'saya sendiri' })).status).toBe(403);
    expect((await budi.post('/api/v1/auth/password', { current_password: 'x', new_password: 'a long new password', confirm_password: 'a long new password' })).status).toBe(403);
    // another family's data, through the correction form
    expect((await budi.form('/warga/perbaikan', { about_resident_id: String(ids.other), field: 'nama', proposed: 'Rahmat' })).status).toBe(403);
    expect((await op.get('/warga')).status).toBe(403);
    expect((await op.get('/warga/data')).status).toBe(403);
    const anon = await t.anonymous.get('/warga');
    expect(anon.status).toBe(302);
    expect(anon.headers.get('location')).toBe('/warga/masuk');
    // the home page sends a citizen to their own
    expect((await budi.get('/')).headers.get('location')).toBe('/warga');
  });

  it('opens no office page of the village, whatever the route (a sweep of the router)', async () => {
    const params: Record<string, string> = { code: H, id: String(ids.wife) };
    // The village's public website lives under /desa/<code>/ too (berita, agenda …): open to anyone, not an office page.
    const paths = declaredRoutes(t.app)
      .filter((r) => r.method === 'GET' && r.path.startsWith('/desa/:code/') && r.access?.rule !== 'public')
      .map((r) => r.path.replace(/:(\w+)(\{[^}]*\})?/g, (_, p: string) => params[p] ?? p));
    expect(paths.length).toBeGreaterThan(10);
    for (const path of new Set(paths)) expect([403, 404], path).toContain((await budi.get(path)).status);
  });

  it('stops working once the resident is recorded as dead', async () => {
    const { pin } = await issue(op, H, ids.other!);
    const rahmat = await t.loginCitizen('1809100201709904', pin!);
    expect((await rahmat.get('/warga')).status).toBe(200);
    // 'Catat kematian' on the death page's check step records it; Rahmat heads a family, so the new head is named there
    const family = (await t.db.kysely.selectFrom('residents').select('family_id').where('village_code', '=', H).where('id', '=', ids.other!).executeTakeFirstOrThrow()).family_id!;
    const heir = await t.db.kysely.selectFrom('residents').select('id').where('village_code', '=', H).where('family_id', '=', family).where('id', '<>', ids.other!).executeTakeFirstOrThrow();
    const death = await op.form(`/desa/${H}/penduduk/${ids.other}/peristiwa/kematian`, { date: todayInWib(), place: 'Rumah', confirm: '1', new_head_id: String(heir.id) });
    expect(death.status).toBe(303);
    expect((await rahmat.get('/warga')).status).toBe(302);
    expect((await rahmat.get('/api/v1/auth/me')).status).toBe(401);
    expect((await loginForm('1809100201709904', pin!, '10.4.0.1')).status).toBe(401);
    const again = await issue(op, H, ids.other!);
    expect(again.res.status).toBe(409);
    expect(again.page).toContain('masih tinggal di desa ini');
  });
});

describe('correction requests', () => {
  it('names the wrong field in Indonesian', async () => {
    const empty = await budi.form('/warga/perbaikan', { about_resident_id: String(ids.wife), field: 'nama', proposed: '  ' });
    expect(empty.status).toBe(400);
    const a = await html(empty);
    expect(a).toContain('Kolom Data yang benar wajib diisi.');
    expect(a).toMatch(/name="proposed"[^>]*aria-invalid="true"/);
    expect(await html(await budi.form('/warga/perbaikan', { about_resident_id: String(ids.wife), field: '', proposed: 'x' }))).toContain('Kolom Data yang diperbaiki wajib diisi.');
    expect(await html(await budi.form('/warga/perbaikan', { about_resident_id: String(ids.wife), field: 'warna_rambut', proposed: 'x' }))).toContain('Pilihan pada kolom Data yang diperbaiki tidak dikenal.');
    const long = await budi.form('/warga/perbaikan', { about_resident_id: String(ids.wife), field: 'nama', proposed: 'x'.repeat(301) });
    expect(await html(long)).toContain('Kolom Data yang benar maksimal 300 karakter.');
  });

  it('goes from the citizen to the office and back with the answer', async () => {
    const sent = await budi.form('/warga/perbaikan', { about_resident_id: String(ids.wife), field: 'nama', proposed: 'Sri Wahyuningsih', note: 'Sesuai akta kelahiran' });
    expect(sent.status).toBe(303);
    const mine = await html(await budi.get(sent.headers.get('location')!));
    expect(mine).toContain('Permohonan perbaikan data terkirim.');
    expect(mine).toContain('Sri Wahyuningsih');
    expect(mine).toContain('Menunggu');
    // sent twice (a double tap): still one request
    await budi.form('/warga/perbaikan', { about_resident_id: String(ids.wife), field: 'nama', proposed: 'Sri Wahyuningsih' });
    const rows = await t.db.kysely.selectFrom('correction_requests').selectAll().where('village_code', '=', H).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ resident_id: ids.budi, about_resident_id: ids.wife, field: 'nama', status: 'open' });
    const requestId = rows[0]!.id;

    const list = await html(await op.get(`/desa/${H}/perbaikan-data`));
    expect(list).toContain('Sri Wahyuningsih');
    expect(list).toContain('Budi Santoso');
    expect(list).toContain(`href="/desa/${H}/penduduk/${ids.wife}/untuk-perbaikan"`);
    expect((await (await t.login('kades.hanura')).get(`/desa/${H}/perbaikan-data`)).status).toBe(403);
    expect((await (await t.login('batumenyan')).get(`/desa/${H}/perbaikan-data`)).status).toBe(403);

    const noAnswer = await op.form(`/desa/${H}/perbaikan-data/${requestId}`, { outcome: 'rejected', answer: '' });
    expect(noAnswer.status).toBe(400);
    expect(await html(noAnswer)).toContain('Kolom Jawaban untuk warga wajib diisi bila permohonan ditolak');
    const closed = await op.form(`/desa/${H}/perbaikan-data/${requestId}`, { outcome: 'done', answer: 'Nama sudah diperbaiki sesuai akta kelahiran.' });
    expect(closed.status).toBe(303);
    expect(await html(await op.get(closed.headers.get('location')!))).toContain('Permohonan perbaikan data ditutup');
    const twice = await op.form(`/desa/${H}/perbaikan-data/${requestId}`, { outcome: 'done', answer: 'lagi' });
    expect(twice.status).toBe(404);
    expect(await html(twice)).toContain('sudah ditutup');
    const done = await html(await op.get(`/desa/${H}/perbaikan-data?status=done`));
    expect(done).toContain('Operator Desa Hanura');

    const answered = await html(await budi.get('/warga/perbaikan'));
    expect(answered).toContain('Selesai');
    expect(answered).toContain('Nama sudah diperbaiki sesuai akta kelahiran.');
    const audit = await t.db.kysely.selectFrom('audit_log').select(['action', 'actor_id', 'actor_label']).where('subject', '=', `correction:${requestId}`).orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'citizen.correction_requested', actor_id: null, actor_label: `warga:${ids.budi}` },
      expect.objectContaining({ action: 'citizen.correction_closed', actor_label: 'hanura' }),
    ]);
  });
});

describe('logout', () => {
  it('ends the citizen\'s session and sends them to the citizen login', async () => {
    const c = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
    const other = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
    const res = await c.form('/keluar', {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/warga/masuk');
    expect((await c.get('/warga')).status).toBe(302);
    expect((await other.get('/warga')).status).toBe(200);
    await other.form('/keluar?semua=1', {});
    expect((await budi.get('/warga')).status).toBe(302); // every session of this citizen
  });
});
