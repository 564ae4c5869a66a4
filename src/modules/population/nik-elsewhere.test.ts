import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';
import { deleteOldNikLookups, NIK_ELSEWHERE_PER_HOUR } from './nik-elsewhere.js';

// A NIK living in Batu Menyan, tried again and again by Hanura's operator.
const NIK = '1809104203880001';
let t: TestApp;
let batumenyan: Client;
let hanura: Client;
beforeAll(async () => {
  t = await createTestApp();
  batumenyan = await t.login('batumenyan');
  hanura = await t.login('hanura');
  const r = await batumenyan.post('/api/v1/villages/18.09.10.2001/residents', { name: 'Warga Batu Menyan', sex: 2, religion: 1, nik: NIK, birth_date: '1988-03-02', kk_number: '1809100101200777' });
  expect(r.status).toBe(201);
});
afterAll(() => t.close());

const tryRegister = (client: Client, nik: string, kk: string) =>
  client.post('/api/v1/villages/18.09.10.2004/residents', { name: 'Coba Daftar', sex: 2, religion: 1, nik, birth_date: '1988-03-02', kk_number: kk });

describe('a NIK living in another village', () => {
  it('is refused without naming the village, audited with the NIK hashed, and counted per account: concurrent tries cannot pass the limit', async () => {
    const tries = 30;
    const answers = await Promise.all(Array.from({ length: tries }, (_, i) => tryRegister(hanura, NIK, `18091001012${String(i).padStart(5, '0')}`)));
    const bodies = await Promise.all(answers.map(async (r) => ({ status: r.status, error: (await r.json()).error })));
    const elsewhere = bodies.filter((b) => b.status === 409);
    const limited = bodies.filter((b) => b.status === 429);
    expect(elsewhere.length + limited.length).toBe(tries);
    expect(elsewhere).toHaveLength(NIK_ELSEWHERE_PER_HOUR);
    for (const b of elsewhere) expect(b.error.message).toBe('NIK ini masih terdaftar sebagai penduduk desa lain. Warga perlu mengurus pindah keluar di desa asalnya dulu (surat pindah dari desa itu), lalu didaftarkan sebagai pindah masuk.');
    expect(limited[0]!.error.message).toBe('Pendaftaran ditolak: akun ini sudah 20 kali dalam satu jam mendaftarkan NIK yang masih terdaftar di desa lain. Coba lagi pada jam berikutnya, atau hubungi admin kabupaten bila pekerjaan ini memang perlu.');
    for (const b of bodies) expect(JSON.stringify(b)).not.toContain('Batu Menyan');

    const audit = await t.db.kysely.selectFrom('audit_log').select(['actor_label', 'outcome', 'village_code', 'detail'])
      .where('action', '=', 'population.nik_elsewhere').where('village_code', '=', '18.09.10.2004').execute();
    expect(audit).toHaveLength(tries);
    const pepper = await sql<{ value: string }>`select value from server_secrets where name = 'nik_pepper'`.execute(t.db.kysely);
    const expected = createHmac('sha256', pepper.rows[0]!.value).update(NIK).digest('hex');
    for (const a of audit) {
      expect(a).toMatchObject({ actor_label: 'hanura', outcome: 'denied', detail: { via: 'registration', count: 1, nik_hmac: [expected] } });
      expect(JSON.stringify(a.detail)).not.toContain(NIK);
    }
  });

  it('once the limit is reached, refuses the account any registration for the hour, but not other accounts', async () => {
    const free = await tryRegister(hanura, '1809104203880002', '1809100101209998');
    expect(free.status).toBe(429);
    const other = await batumenyan.post('/api/v1/villages/18.09.10.2001/residents', { name: 'Warga Lain', sex: 2, religion: 1, nik: '1809104203880003', birth_date: '1988-03-02', kk_number: '1809100101209997' });
    expect(other.status).toBe(201);
  });
});

describe('the import preview', () => {
  it('marks a NIK living elsewhere without naming the village, counts every one, and past the limit shows nothing', async () => {
    const sekdes = await t.login('sekdes.hanura');
    const header = 'alamat,dusun,rw,rt,nama,no_kk,nik,sex,tempatlahir,tanggallahir,agama_id,pekerjaan_id,status_kawin,kk_level,status_dasar';
    const csv = (niks: string[]) => [header, ...niks.map((nik, i) => `Jl. Raya,Dusun I,-,001,Warga ${i},18091001012${String(800 + i).padStart(5, '0')},${nik},2,Pesawaran,1988-03-02,1,9,1,1,1`)].join('\n');
    const upload = (body: string) => {
      const form = new FormData();
      form.set('_csrf', sekdes.csrf);
      form.set('file', new File([body], 'penduduk.csv'));
      return sekdes.request('/desa/18.09.10.2004/penduduk/impor', { method: 'POST', body: form });
    };
    const first = await upload(csv([NIK]));
    const html = await first.text();
    expect(html).toContain('NIK ini masih terdaftar sebagai penduduk desa lain.');
    expect(html).not.toContain('Batu Menyan');
    const [entry] = await t.db.kysely.selectFrom('audit_log').select(['actor_label', 'detail']).where('action', '=', 'population.nik_elsewhere')
      .where('actor_label', '=', 'sekdes.hanura').execute();
    expect(entry!.detail).toMatchObject({ via: 'import', count: 1, hits_this_hour: 1 });
    // one file of many such NIKs uses the hour's allowance at once: no row-by-row answer comes back
    const others = Array.from({ length: NIK_ELSEWHERE_PER_HOUR }, (_, i) => `18091042038${String(10 + i).padStart(5, '0')}`);
    for (const [i, nik] of others.entries()) {
      const r = await batumenyan.post('/api/v1/villages/18.09.10.2001/residents', { name: `Warga ${i}`, sex: 2, religion: 1, nik, birth_date: '1988-03-02', kk_number: `18091001012${String(600 + i).padStart(5, '0')}` });
      expect(r.status).toBe(201);
    }
    const many = await upload(csv(others));
    expect(many.status).toBe(429);
    expect(await many.text()).not.toContain('NIK ini masih terdaftar sebagai penduduk desa lain.');
  });
});

describe('the per-hour counts', () => {
  it('are dropped once their hour is more than a day old; the current hour stays', async () => {
    const counts = async () => (await sql<{ hour: string }>`select hour::text from nik_elsewhere_lookups`.execute(t.db.kysely)).rows.length;
    const user = await t.db.kysely.selectFrom('users').select('id').where('username', '=', 'hanura').executeTakeFirstOrThrow();
    await sql`insert into nik_elsewhere_lookups (user_id, hour, hits) values (${user.id}, now() - interval '3 days', 4) on conflict do nothing`.execute(t.db.kysely);
    const before = await counts();
    expect(before).toBeGreaterThanOrEqual(2); // the old hour and this test file's current ones
    expect(await deleteOldNikLookups(t.db.kysely, new Date(Date.now() - 86_400_000))).toBe(1);
    expect(await counts()).toBe(before - 1);
  });
});
