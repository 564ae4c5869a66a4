import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { DEMO_CITIZEN, HANURA } from '../demo/seed-demo.js';

let t: TestApp;
let operator: Client;
let citizen: Client;
let residentId: number;
let operatorId: number;

beforeAll(async () => {
  t = await createTestApp({ citizen: true });
  [operator, citizen] = await Promise.all([t.login('hanura'), t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin)]);
  residentId = (await t.db.kysely.selectFrom('residents').select('id').where('village_code', '=', HANURA).where('nik', '=', DEMO_CITIZEN.nik).executeTakeFirstOrThrow()).id;
  operatorId = (await t.db.kysely.selectFrom('users').select('id').where('username', '=', 'hanura').executeTakeFirstOrThrow()).id;
});
afterAll(() => t?.close());

const exportPath = (format: string, id = residentId, village = HANURA) => `/desa/${village}/penduduk/${id}/data-pribadi.${format}`;
const exports = async () =>
  t.db.kysely.selectFrom('audit_log').select(['actor_label', 'detail']).where('village_code', '=', HANURA).where('action', '=', 'resident.export').where('subject', '=', `resident:${residentId}`).orderBy('id').execute();

describe("a citizen's own access log (/warga/akses)", () => {
  it('lists who opened the record, with name, role, time and purpose, and never the address they came from', async () => {
    expect((await operator.get(`/desa/${HANURA}/penduduk/${residentId}?keperluan=${encodeURIComponent('cek data bansos')}`)).status).toBe(200);
    // An entry with a known address, to prove the page leaves it out.
    await recordAudit(t.db.kysely, { actor: { kind: 'user', id: operatorId, username: 'hanura', fullName: 'x', role: 'village_operator', regionCode: HANURA, language: 'id' }, ip: '203.0.113.77' }, {
      action: 'resident.read', villageCode: HANURA, subject: `resident:${residentId}`, detail: { purpose: 'verifikasi BLT' },
    });
    const res = await citizen.get('/warga/akses');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const html = await res.text();
    expect(html).toContain('Operator Desa Hanura');
    expect(html).toContain('Operator Desa');
    expect(html).toContain('Melihat data');
    expect(html).toContain('verifikasi BLT');
    expect(html).toContain('WIB');
    expect(html).not.toContain('203.0.113.77');
    // Their own visits (this page's neighbour /warga logs one) are not listed as accesses.
    expect(html).not.toContain('Masuk layanan mandiri');
  });

  it('is linked from the citizen pages and closed to everyone but the citizen', async () => {
    expect(await (await citizen.get('/warga')).text()).toContain('href="/warga/akses"');
    expect(await (await citizen.get('/warga/data')).text()).toContain('href="/warga/data/unduh.pdf"');
    const anonymous = await t.anonymous.get('/warga/akses');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/warga/masuk');
    expect((await operator.get('/warga/akses')).status).toBe(403);
  });
});

describe("a resident's data export (the data subject's right of access)", () => {
  it('gives an officer with population.export everything about the person as JSON, logged', async () => {
    const before = (await exports()).length;
    const res = await operator.get(exportPath('json'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="data-pribadi-18\.09\.10\.2004-\d+-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const text = await res.text();
    const data = JSON.parse(text);
    expect(data.resident).toMatchObject({ nik: DEMO_CITIZEN.nik, name: DEMO_CITIZEN.name });
    expect(data.readable.flatMap((g: any) => g.fields.map((f: any) => String(f.value).toLowerCase()))).toContain('islam');
    expect(data.family.kk_number).toBe('1809101501109901');
    expect(data.family.members).toHaveLength(3);
    // The other members as on the card, NIK masked; the person's own whole.
    expect(data.family.members.filter((m: any) => !m.self).every((m: any) => /\*{8}/.test(m.nik))).toBe(true);
    expect(data.events.map((e: any) => e.kind)).toContain('registration');
    expect(data.letters).toHaveLength(2);
    expect(data.letters.some((l: any) => l.number && l.fields.keperluan === 'Pendaftaran sekolah anak')).toBe(true);
    expect(data.self_service.pin).toMatchObject({ issued: true });
    expect(text).not.toMatch(/argon2|pin_hash|verify_code/);
    expect(data.access_log.some((a: any) => a.actor === 'officer' && a.name === 'Operator Desa Hanura' && a.role === 'village_operator')).toBe(true);
    expect(text).not.toContain('203.0.113.77');
    const logged = await exports();
    expect(logged).toHaveLength(before + 1);
    expect(logged.at(-1)).toMatchObject({ actor_label: 'hanura', detail: { format: 'json', by: 'officer' } });
  });

  it('as a readable PDF too', async () => {
    const res = await operator.get(exportPath('pdf'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(2000);
    expect((await exports()).at(-1)).toMatchObject({ detail: { format: 'pdf' } });
  });

  it('is offered on the resident page, and refused outside the village or without the permission', async () => {
    const page = await (await operator.get(`/desa/${HANURA}/penduduk/${residentId}`)).text();
    expect(page).toContain(`href="${exportPath('pdf')}"`);
    const [head, other, province] = await Promise.all([t.login('kades.hanura'), t.login('batumenyan'), t.login('provinsi')]);
    expect((await head.get(exportPath('json'))).status).toBe(200);
    expect((await other.get(exportPath('json'))).status).toBe(403);
    expect((await province.get(exportPath('json'))).status).toBe(403);
    expect((await citizen.get(exportPath('json'))).status).toBe(403);
    expect((await t.anonymous.get(exportPath('json'))).status).toBe(401);
    expect((await operator.get(exportPath('json', 999_999))).status).toBe(404);
  });

  it('lets the citizen download the same about themselves, and shows the exports in their access log', async () => {
    const json = await citizen.get('/warga/data/unduh.json');
    expect(json.status).toBe(200);
    const data = await json.json();
    expect(data.resident.nik).toBe(DEMO_CITIZEN.nik);
    expect(data.requested_by).toBe('self');
    expect(data.letters).toHaveLength(2);
    const pdf = await citizen.get('/warga/data/unduh.pdf');
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await exports()).at(-1)).toMatchObject({ actor_label: `warga:${residentId}`, detail: { by: 'self', format: 'pdf' } });
    const log = await (await citizen.get('/warga/akses')).text();
    expect(log).toContain('Mengunduh seluruh data pribadi');
    expect((await t.anonymous.get('/warga/data/unduh.json')).status).toBe(302);
    expect((await operator.get('/warga/data/unduh.json')).status).toBe(403);
  });
});
