import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CITIZEN, HANURA } from '../demo/seed-demo.js';
import { Client, createTestApp, type TestApp } from '../../../test/support/test-app.js';

const BATU_MENYAN = '18.09.10.2001'; // activated in the demo, no residents: a village that has just started

let t: TestApp;
let operator: Client;
let secretary: Client;
let citizen: Client;
beforeAll(async () => {
  t = await createTestApp({ citizen: true });
  [operator, secretary, citizen] = await Promise.all([t.login('hanura'), t.login('sekdes.hanura'), t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin)]);
});
afterAll(() => t?.close());

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the landing page', () => {
  it('opens the doors for officers, citizens, a letter check and the public village pages', async () => {
    const html = await (await t.anonymous.get('/')).text();
    expect(html).toContain('href="/masuk"');
    expect(html).toContain('href="/warga/masuk"');
    expect(html).toMatch(/<form method="get" action="\/v">[\s\S]*name="kode"/);
    // Lampung has the demo's seven villages.
    expect(html).toContain('href="/publik/wilayah/18"');
    expect(text(html)).toMatch(/Lampung \( ?7 desa ?\)/i);
  });

  it('sends a typed verification code to the letter\'s page, and anything else back to the form', async () => {
    const sent = await citizen.form('/warga/surat/baru?jenis=sktm', { 'isian.keperluan': 'Beasiswa' });
    expect(sent.status).toBe(303);
    const code = 'AbC-12_xyZ90';
    const res = await t.anonymous.get(`/v?kode=${encodeURIComponent(` ${code.slice(0, 6)} ${code.slice(6)} `)}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/v/${code}`);
    for (const junk of ['', '<script>', '../../masuk', 'a'.repeat(65)]) {
      const back = await t.anonymous.get(`/v?kode=${encodeURIComponent(junk)}`);
      expect(back.status).toBe(303);
      expect(back.headers.get('location')).toBe('/#periksa');
    }
  });
});

describe('the home page of the village office', () => {
  it('shows the letters waiting at each step, as links to the desk, and a signer what awaits their signature', async () => {
    const before = text(await (await operator.get('/')).text());
    const waitingBefore = Number(/(\d+) permohonan surat perlu diperiksa/.exec(before)?.[1] ?? 0);

    const sent = await citizen.form('/warga/surat/baru?jenis=sktm', { 'isian.keperluan': 'Melamar kerja' });
    const id = Number(sent.headers.get('location')!.split('?')[0]!.split('/').pop());
    const html = await (await operator.get('/')).text();
    expect(html).toContain(`href="/desa/${HANURA}/surat?status=requested"`);
    expect(text(html)).toContain(`${waitingBefore + 1} permohonan surat perlu diperiksa`);

    expect((await operator.post(`/api/v1/villages/${HANURA}/letters/${id}/check`, {})).status).toBe(200);
    const signer = text(await (await secretary.get('/')).text());
    expect(signer).toMatch(/Pekerjaan menunggu \d+ surat menunggu tanda tangan Anda/);
    expect(text(await (await operator.get('/')).text())).toMatch(/\d+ surat menunggu tanda tangan(?! Anda)/);
    const english = text(await (await new Client(t.app, `${secretary.cookie}; lang=en`).get('/')).text());
    expect(english).toMatch(/\d+ letters waiting for your signature/);
  });
});

describe('a village that has just started', () => {
  it('shows its operator how to start: import from OpenSID, add residents, with the guides', async () => {
    const op = await t.login('batumenyan');
    for (const path of ['/', `/desa/${BATU_MENYAN}/penduduk`]) {
      const html = await (await op.get(path)).text();
      expect(html, path).toContain('Mulai di sini');
      expect(html, path).toContain(`href="/desa/${BATU_MENYAN}/penduduk/impor"`);
      expect(html, path).toContain(`href="/desa/${BATU_MENYAN}/penduduk/baru"`);
      expect(html, path).toContain('href="/panduan/impor"');
      expect(html, path).not.toContain('Tidak ada penduduk yang cocok');
    }
    // A search that finds nobody is still "nothing matches".
    const search = await (await op.get(`/desa/${BATU_MENYAN}/penduduk?sex=2`)).text();
    expect(search).toContain('Tidak ada penduduk yang cocok');
    // Hanura has residents: no "start here" there.
    expect(await (await operator.get('/')).text()).not.toContain('Mulai di sini');
  });

  it('the home guide links the import and register guides as site pages', async () => {
    const html = await (await t.anonymous.get('/panduan/beranda')).text();
    expect(html).toContain('href="/panduan/impor"');
    expect(html).toContain('href="/panduan/penduduk"');
    expect((await t.anonymous.get('/panduan/impor')).status).toBe(200);
  });

  it('has a public page that says the village is getting started, not a page of zeros', async () => {
    const fresh = text(await (await t.anonymous.get(`/publik/desa/${BATU_MENYAN}`)).text());
    expect(fresh).toMatch(/Desa Batu Menyan baru mulai memakai Balai/i);
    expect(fresh).not.toMatch(/Penduduk 0/);
    const hanura = text(await (await t.anonymous.get(`/publik/desa/${HANURA}`)).text());
    expect(hanura).not.toContain('baru mulai memakai Balai');
  });
});
