import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CITIZEN } from '../demo/seed-demo.js';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';

const V = '18.09.10.2004';
const api = `/api/v1/villages/${V}`;
let t: TestApp;
let op: Client;
let sekdes: Client;

beforeAll(async () => {
  t = await createTestApp({ citizen: true });
  [op, sekdes] = await Promise.all([t.login('hanura'), t.login('sekdes.hanura')]);
});
afterAll(() => t.close());

const form = (client: Client, path: string, fields: Record<string, string>) => client.form(path, fields);

describe('a citizen requests a letter from their phone', () => {
  it('requests an SKTM, follows it through the office, and downloads it when ready', async () => {
    const citizen = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
    const list = await (await citizen.get('/warga/surat')).text();
    expect(list).toContain('Surat Keterangan Tidak Mampu');
    expect(list).not.toContain('Surat Keterangan Kematian'); // only at the office

    const missing = await form(citizen, '/warga/surat/baru?jenis=sktm', { 'isian.keperluan': '' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Kolom Keperluan wajib diisi.');

    const sent = await form(citizen, '/warga/surat/baru?jenis=sktm', { 'isian.keperluan': 'Beasiswa KIP Kuliah', idempotency_key: 'phone-sktm-1' });
    expect(sent.status).toBe(303);
    const path = sent.headers.get('location')!.split('?')[0]!;
    const id = Number(path.split('/').pop());
    // A replayed post (slow network, the offline outbox) makes no second request.
    const again = await form(citizen, '/warga/surat/baru?jenis=sktm', { 'isian.keperluan': 'Beasiswa KIP Kuliah', idempotency_key: 'phone-sktm-1' });
    expect(again.headers.get('location')!.split('?')[0]).toBe(path);
    expect(await (await citizen.get(path)).text()).toContain('Diajukan');

    const officerView = (await (await op.get(`${api}/letters/${id}`)).json()).data;
    expect(officerView.letter.channel).toBe('online');
    expect(officerView.steps[0].by).toBe('warga (layanan mandiri)');

    // Not ready yet: no download.
    expect((await citizen.get(`${path}/pdf`)).status).toBe(404);
    await op.post(`${api}/letters/${id}/check`, {});
    // Signed, an online letter is the citizen's to download at once: no "ready" step.
    await sekdes.post(`${api}/letters/${id}/sign`, {});
    const page = await (await citizen.get(path)).text();
    expect(page).toContain('Siap diunduh');
    const pdf = await citizen.get(`${path}/pdf`);
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('stays small for a cheap phone on slow data: no script, a few kilobytes', async () => {
    const citizen = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
    for (const path of ['/warga/surat', '/warga/surat/baru?jenis=sktm']) {
      const html = await (await citizen.get(path)).text();
      expect(html, path).not.toMatch(/<script/i);
      expect(gzipSync(html).length, path).toBeLessThan(4 * 1024);
    }
    const css = await (await citizen.get('/static/app.css')).text();
    expect(gzipSync(css).length).toBeLessThan(6 * 1024); // fetched once, cached for an hour
  });

  it('a rejected request shows the reason to the citizen', async () => {
    const citizen = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
    const sent = await form(citizen, '/warga/surat/baru?jenis=domisili', { 'isian.keperluan': 'Daftar sekolah' });
    const path = sent.headers.get('location')!.split('?')[0]!;
    await op.post(`${api}/letters/${path.split('/').pop()}/reject`, { reason: 'Surat pengantar RT belum ada' });
    expect(await (await citizen.get(path)).text()).toContain('Surat pengantar RT belum ada');
    expect(await (await citizen.get('/warga/surat')).text()).toContain('Surat pengantar RT belum ada');
  });

  it('requests for family members are allowed, for anyone else refused', async () => {
    const citizen = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
    const family = await t.db.kysely.selectFrom('residents').select(['id', 'name']).where('village_code', '=', V).where('name', '=', 'Dimas Santoso').executeTakeFirstOrThrow();
    const ok = await form(citizen, '/warga/surat/baru?jenis=domisili', { resident_id: String(family.id), 'isian.keperluan': 'Daftar SMP' });
    expect(ok.status).toBe(303);
    const stranger = await op.post(`${api}/residents`, { name: 'Orang Lain', sex: 2, religion: 1, birth_date: '1990-01-01', nik: '1809104101900077', kk_number: '1809100101200077' });
    const strangerId = (await stranger.json()).data.id;
    const refused = await form(citizen, '/warga/surat/baru?jenis=domisili', { resident_id: String(strangerId), 'isian.keperluan': 'x' });
    expect(refused.status).toBe(403);
    // Someone else's letter is simply not there for the citizen.
    const theirs = (await (await op.post(`${api}/letters`, { type: 'domisili', resident_id: strangerId, fields: { keperluan: 'x' } })).json()).data.id;
    expect((await citizen.get(`/warga/surat/${theirs}`)).status).toBe(404);
    // And the officers' pages stay closed to citizens.
    expect((await citizen.get(`/desa/${V}/surat`)).status).toBe(403);
    expect((await citizen.get(`${api}/letters`)).status).toBe(403);
  });
});

describe('the kiosk (anjungan)', () => {
  it('logs in with NIK and PIN, queues a letter with a ticket, and ends the session', async () => {
    const start = await t.anonymous.get(`/anjungan/${V}`);
    const html = await start.text();
    expect(html).toContain('Anjungan Layanan Mandiri');
    expect(html).toMatch(/http-equiv="refresh"/);

    const wrong = await t.anonymous.form(`/anjungan/${V}`, { nik: DEMO_CITIZEN.nik, pin: '000000' }, false);
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('NIK atau PIN salah');

    const login = await t.anonymous.form(`/anjungan/${V}`, { nik: DEMO_CITIZEN.nik, pin: DEMO_CITIZEN.pin }, false);
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const menu = await t.app.request(`/anjungan/${V}/menu`, { headers: { cookie } });
    const menuHtml = await menu.text();
    expect(menuHtml).toContain('Surat Pengantar SKCK');
    expect(menuHtml).not.toContain(DEMO_CITIZEN.nik); // nothing personal on a public screen
    expect(menuHtml).not.toContain(DEMO_CITIZEN.name);
    const formPage = await (await t.app.request(`/anjungan/${V}/surat/skck`, { headers: { cookie } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(formPage)![1]!;
    const queued = await t.app.request(`/anjungan/${V}/surat/skck`, {
      method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, 'isian.keperluan': 'Melamar kerja' }),
    });
    const ticket = await queued.text();
    expect(queued.status).toBe(200);
    expect(ticket).toMatch(/class="queue-number">\d+</);
    expect(ticket).not.toContain(DEMO_CITIZEN.name);
    // The session ended with the ticket: the next person cannot go back into it.
    const after = await t.app.request(`/anjungan/${V}/menu`, { headers: { cookie } });
    expect(after.status).toBe(303);
    const letter = await t.db.kysely.selectFrom('letters').select(['channel', 'queue_number']).where('village_code', '=', V).where('channel', '=', 'kiosk').executeTakeFirstOrThrow();
    expect(letter.queue_number).toBeGreaterThan(0);
  });

  it('prints the citizen\'s ready letter at the kiosk', async () => {
    const login = await t.anonymous.form(`/anjungan/${V}`, { nik: DEMO_CITIZEN.nik, pin: DEMO_CITIZEN.pin }, false);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const menu = await (await t.app.request(`/anjungan/${V}/menu`, { headers: { cookie } })).text();
    const link = /href="(\/anjungan\/[^"]+\/cetak\/\d+)"/.exec(menu)?.[1];
    expect(link).toBeTruthy(); // the SKTM made ready in the first test
    const pdf = await t.app.request(link!, { headers: { cookie } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    // Another citizen's letter id is not printable from this session.
    const other = await t.db.kysely.selectFrom('letters as l').innerJoin('residents as r', (j) => j.onRef('r.village_code', '=', 'l.village_code').onRef('r.id', '=', 'l.resident_id'))
      .select('l.id').where('l.village_code', '=', V).where('r.name', '=', 'Orang Lain').executeTakeFirstOrThrow();
    expect((await t.app.request(`/anjungan/${V}/cetak/${other.id}`, { headers: { cookie } })).status).toBe(404);
  });

  it('a citizen of another village cannot use this village\'s kiosk', async () => {
    const res = await t.anonymous.form(`/anjungan/18.09.10.2001`, { nik: DEMO_CITIZEN.nik, pin: DEMO_CITIZEN.pin }, false);
    expect(res.status).toBe(401);
  });
});

const SETTINGS = { number_pattern: '{klasifikasi}/{nomor}/{kode_desa}/{bulan_romawi}/{tahun}', number_scope: 'village_year', paper: 'A4', citizen_download: true, staff_number_label: 'NIPD', checker_may_sign: false };
const settings = async (change: Partial<typeof SETTINGS>) => expect((await sekdes.json('PUT', `${api}/letter-settings`, { ...SETTINGS, ...change })).status).toBe(200);
const step = (client: Client, id: number, action: string) => client.post(`${api}/letters/${id}/${action}`, {});

describe('an online letter reaches the citizen at once, and only what the village allows', () => {
  it('signed where downloads are on, it is ready to download without a "ready" step; before that no text, no code', async () => {
    const citizen = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
    const res = await citizen.post(`${api}/letters`, { type: 'domisili', fields: { keperluan: 'Daftar sekolah' } });
    expect(res.status).toBe(201);
    const id = (await res.json()).data.id as number;
    await step(op, id, 'check');
    const signed = (await (await step(sekdes, id, 'sign')).json()).data;
    expect(signed.status).toBe('ready');
    const pdf = await citizen.get(`/warga/surat/${id}/pdf`);
    expect(pdf.status).toBe(200);
    expect((await (await citizen.get(`${api}/letters/${id}`)).json()).data.letter.verify_code).toBe(signed.verify_code);
    const notes = await t.db.kysely.selectFrom('notification_outbox').select('body').where('subject_ref', '=', `letter:${id}`).execute();
    expect(notes.map((n) => n.body).join(' ')).toContain('dapat diunduh sekarang');

    // Downloads off: a signed letter stays at the office, and its text and code stay there too.
    await settings({ citizen_download: false });
    try {
      const r2 = await citizen.post(`${api}/letters`, { type: 'domisili', fields: { keperluan: 'Daftar sekolah' } });
      const id2 = (await r2.json()).data.id as number;
      await step(op, id2, 'check');
      const s2 = (await (await step(sekdes, id2, 'sign')).json()).data;
      expect(s2.status).toBe('signed');
      const seen = (await (await citizen.get(`${api}/letters/${id2}`)).json()).data;
      expect(seen.letter.verify_code).toBeNull();
      expect(seen.issued).toBeNull();
      expect(JSON.stringify(seen)).not.toContain(s2.verify_code);
      await step(op, id2, 'ready');
      expect(JSON.stringify((await (await citizen.get(`${api}/letters/${id2}`)).json()).data)).not.toContain(s2.verify_code);
      expect((await citizen.get(`/warga/surat/${id2}/pdf`)).status).toBe(403);
    } finally {
      await settings({});
    }
  });
});

