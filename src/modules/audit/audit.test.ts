import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../platform/audit/audit.js';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';

/** Issue 18, item 5: the audit log read back, each village its own, the regions metadata only. */

let t: TestApp;
const HANURA = '18.09.10.2004';
const BATU_MENYAN = '18.09.10.2001';
let head: Client;
let otherSecretary: Client;
let district: Client;

const cells = async (res: Response) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => out.push((row.values as unknown[]).filter((v) => v !== undefined && v !== null).map(String).join(' | '))));
  return out.join('\n');
};

beforeAll(async () => {
  t = await createTestApp();
  const province = await t.login('provinsi');
  const made = await province.post('/api/v1/accounts', { username: 'sekdes.batumenyan', full_name: 'Sekdes Batu Menyan', role: 'village_secretary', region_code: BATU_MENYAN, password: 'kata sandi awal yang panjang' });
  expect(made.status).toBe(201);
  // One read of a resident in each village, with a detail that names someone (as a purpose may).
  const system = { actor: null, ip: '10.9.9.9' };
  await recordAudit(t.db.kysely, system, { action: 'resident.read', villageCode: HANURA, subject: 'resident:11', detail: { purpose: 'Rahasia Hanura Siti' } }, 'operator.uji');
  await recordAudit(t.db.kysely, system, { action: 'resident.read', villageCode: BATU_MENYAN, subject: 'resident:22', detail: { purpose: 'Rahasia Batu Menyan Joko' } }, 'operator.batu');
  await recordAudit(t.db.kysely, system, { action: 'letter.sign', villageCode: HANURA, subject: 'letter:5', detail: { number: '470/5' } }, 'sekdes.hanura');
  head = await t.login('kades.hanura');
  otherSecretary = await t.login('sekdes.batumenyan', 'kata sandi awal yang panjang');
  district = await t.login('telukpandan');
});
afterAll(() => t.close());

describe('the village audit page', () => {
  it('shows the village head everything of their village, nothing of another, and says the log is append-only', async () => {
    const res = await head.get(`/desa/${HANURA}/audit`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Rahasia Hanura Siti');
    expect(html).toContain('operator.uji');
    expect(html).toContain('resident:11');
    expect(html).not.toContain('Rahasia Batu Menyan');
    expect(html).toContain('audit_log_no_change');
    expect(html).toContain('tidak bisa diubah atau dihapus');
    expect(html).toContain('href="/panduan/audit"');
    // Another village's page, its export and a district's page are closed to the head.
    expect((await head.get(`/desa/${BATU_MENYAN}/audit`)).status).toBe(403);
    expect((await head.get(`/desa/${BATU_MENYAN}/audit.xlsx`)).status).toBe(403);
    expect((await head.get('/pantau/18.09.10/audit')).status).toBe(403);
    // …and the other village's secretary sees theirs only.
    const other = await (await otherSecretary.get(`/desa/${BATU_MENYAN}/audit`)).text();
    expect(other).toContain('Rahasia Batu Menyan Joko');
    expect(other).not.toContain('Rahasia Hanura');
    expect((await otherSecretary.get(`/desa/${HANURA}/audit`)).status).toBe(403);
    // The operator holds no audit.read.
    expect((await (await t.login('hanura')).get(`/desa/${HANURA}/audit`)).status).toBe(403);
  });

  it('filters by actor, action or module and dates, and names a bad field', async () => {
    const byActor = await (await head.get(`/desa/${HANURA}/audit?pelaku=sekdes.hanura`)).text();
    expect(byActor).toContain('letter:5');
    expect(byActor).not.toContain('resident:11');
    const byModule = await (await head.get(`/desa/${HANURA}/audit?aksi=resident`)).text();
    expect(byModule).toContain('resident:11');
    expect(byModule).not.toContain('letter:5');
    const exact = await (await head.get(`/desa/${HANURA}/audit?aksi=letter.sign`)).text();
    expect(exact).toContain('letter:5');
    const past = await (await head.get(`/desa/${HANURA}/audit?dari=2020-01-01&sampai=2020-01-31`)).text();
    expect(past).not.toContain('resident:11');
    const bad = await head.get(`/desa/${HANURA}/audit?dari=2024-02-31`, { accept: 'application/json' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ field: 'dari', message: expect.stringContaining('Dari tanggal') });
    const backwards = await head.get(`/desa/${HANURA}/audit?dari=2024-03-01&sampai=2024-02-01`, { accept: 'application/json' });
    expect((await backwards.json()).error.field).toBe('dari');
    expect((await head.get(`/desa/${HANURA}/audit?aksi=${encodeURIComponent("x' or 1=1")}`, { accept: 'application/json' })).status).toBe(400);
    expect((await head.get(`/desa/${HANURA}/audit?peran=raja`, { accept: 'application/json' })).status).toBe(400);
  });

  it('logs its own reading', async () => {
    await head.get(`/desa/${HANURA}/audit?aksi=resident`);
    const read = await t.db.kysely.selectFrom('audit_log').select(['actor_label', 'village_code', 'detail']).where('action', '=', 'audit.read').where('actor_label', '=', 'kades.hanura').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(read).toMatchObject({ village_code: HANURA, detail: { view: 'village', action: 'resident' } });
  });

  it('exports the filtered entries to Excel, detail included, and logs the export', async () => {
    const res = await head.get(`/desa/${HANURA}/audit.xlsx?aksi=resident`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('cache-control')).toContain('no-store');
    const text = await cells(res);
    expect(text).toContain('Rahasia Hanura Siti');
    expect(text).toContain('operator.uji');
    expect(text).not.toContain('letter.sign | ');
    expect(text).not.toContain('Batu Menyan Joko');
    const logged = await t.db.kysely.selectFrom('audit_log').select('detail').where('action', '=', 'audit.export').where('actor_label', '=', 'kades.hanura').executeTakeFirstOrThrow();
    expect(logged.detail).toMatchObject({ view: 'village', count: 1 });
  });
});

describe('the regional audit page', () => {
  it('gives an officer above counts and metadata of the villages below, never names, records or detail', async () => {
    const sent = await district.get(`/desa/${HANURA}/audit`);
    expect([sent.status, sent.headers.get('location')]).toEqual([302, `/pantau/${HANURA}/audit`]);
    const res = await district.get('/pantau/18.09.10/audit');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(HANURA);
    expect(html).toContain(BATU_MENYAN);
    expect(html).toContain('resident.read');
    expect(html).toContain('Melihat data'); // the action, in words
    for (const secret of ['Rahasia', 'operator.uji', 'operator.batu', 'resident:11', 'resident:22', 'name="pelaku"']) expect(html, secret).not.toContain(secret);
    // Outside the district: refused.
    expect((await district.get('/pantau/18.09.11/audit')).status).toBe(403);
    expect((await district.get('/pantau/18/audit')).status).toBe(403);
    const read = await t.db.kysely.selectFrom('audit_log').select(['region_code', 'village_code']).where('action', '=', 'audit.read').where('actor_label', '=', 'telukpandan').executeTakeFirstOrThrow();
    expect(read).toEqual({ region_code: '18.09.10', village_code: null });
  });

  it('exports metadata only', async () => {
    const res = await district.get('/pantau/18.09.10/audit.xlsx');
    expect(res.status).toBe(200);
    const text = await cells(res);
    expect(text).toContain('resident.read');
    expect(text).toContain(BATU_MENYAN);
    for (const secret of ['Rahasia', 'operator.uji', 'resident:11']) expect(text, secret).not.toContain(secret);
  });

  it('is refused by the database when anyone tries to change or delete an entry', async () => {
    await expect(sql`update audit_log set action = 'x'`.execute(t.db.kysely)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.db.kysely)).rejects.toThrow(/append-only/);
  });
});
