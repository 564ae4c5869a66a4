import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { testDatabaseKind } from '../../../test/support/test-db.js';
import { AppError } from '../../platform/http/errors.js';
import { computeIndex } from './idm.service.js';
import { combine, indicatorsOf, loadId2024, modelDefinition, statusOf } from './index-models.js';

const HANURA = '18.09.10.2004';
const idm = modelDefinition('idm');

describe('IDM statuses and indices', () => {
  it('puts each score on the right side of every threshold (Permendesa 2/2016)', () => {
    const cases: [number, string][] = [
      [0, 'sangat_tertinggal'], [0.4907, 'sangat_tertinggal'], [0.49074, 'sangat_tertinggal'], [0.4908, 'tertinggal'],
      [0.5989, 'tertinggal'], [0.599, 'berkembang'], [0.7072, 'berkembang'], [0.7073, 'maju'],
      [0.8155, 'maju'], [0.81554, 'maju'], [0.8156, 'mandiri'], [1, 'mandiri'],
    ];
    for (const [score, status] of cases) expect(statusOf(idm, score), String(score)).toBe(status);
  });

  it('computes IDM as the mean of IKS, IKE and IKL, and an index from its indicators', () => {
    expect(combine(idm, { iks: 0.8, ike: 0.6, ikl: 0.7 })).toBe(0.7);
    const iks = indicatorsOf(idm).filter((i) => i.dimension === 'iks');
    const all4 = Object.fromEntries(iks.map((i) => [i.id, 4]));
    const r = computeIndex(idm, { dimensions: { ike: '0,6', ikl: 0.5 }, indicators: all4 });
    expect(r.dimensions).toEqual({ iks: 0.8, ike: 0.6, ikl: 0.5 });
    expect(r.computed).toEqual(['iks']);
    expect(r.score).toBe(0.6333);
    expect(r.status).toBe('berkembang');
    const fail = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return [(e as AppError).key, (e as AppError).field];
      }
      return null;
    };
    // Some indicators only: the index must be typed. A typed index that disagrees with complete indicators is refused.
    expect(fail(() => computeIndex(idm, { dimensions: { ike: 0.6, ikl: 0.5 }, indicators: { [iks[0]!.id]: 3 } }))).toEqual(['monitoring.dimension_required', 'iks']);
    expect(fail(() => computeIndex(idm, { dimensions: { iks: 0.7, ike: 0.6, ikl: 0.5 }, indicators: all4 }))).toEqual(['monitoring.dimension_mismatch', 'iks']);
    expect(fail(() => computeIndex(idm, { dimensions: { iks: 1.2, ike: 0.6, ikl: 0.5 }, indicators: {} }))).toEqual(['monitoring.dimension_range', 'iks']);
    expect(fail(() => computeIndex(idm, { dimensions: { iks: 0.7, ike: 0.6, ikl: 0.5 }, indicators: { [iks[0]!.id]: 6 } }))).toEqual(['monitoring.indicator_range', iks[0]!.id]);
  });

  it('reads Indeks Desa 2024 weights and cut-offs from configuration', () => {
    const def = modelDefinition('id2024');
    expect(def.dimensions.map((d) => d.key)).toEqual(['layanan_dasar', 'sosial', 'ekonomi', 'lingkungan', 'aksesibilitas', 'tata_kelola']);
    expect(def.verified).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'balai-id2024-'));
    const file = join(dir, 'id.json');
    const config = {
      scale: 100,
      dimensions: def.dimensions.map((d, i) => ({ key: d.key, label: d.label, weight: i === 0 ? 5 : 1 })),
      cutoffs: { sangat_tertinggal: 20, tertinggal: 40, berkembang: 60, maju: 80 },
    };
    writeFileSync(file, JSON.stringify(config));
    const custom = loadId2024(file);
    const scores = { layanan_dasar: 90, sosial: 50, ekonomi: 50, lingkungan: 50, aksesibilitas: 50, tata_kelola: 50 };
    expect(combine(custom, scores)).toBe(70); // (5×90 + 5×50) / 10
    expect(statusOf(custom, 80)).toBe('maju');
    expect(statusOf(custom, 80.01)).toBe('mandiri');
    writeFileSync(file, JSON.stringify({ ...config, cutoffs: { sangat_tertinggal: 50, tertinggal: 40, berkembang: 60, maju: 80 } }));
    expect(() => loadId2024(file)).toThrow(/batas status harus naik/);
  });
});

let t: TestApp;
let province: Client;
let district: Client;
let operator: Client;

beforeAll(async () => {
  t = await createTestApp();
  [province, district, operator] = await Promise.all([t.login('provinsi'), t.login('telukpandan'), t.login('hanura')]);
});
afterAll(() => t?.close());

function upload(client: Client, code: string, bytes: Buffer | Uint8Array, name: string) {
  const form = new FormData();
  form.set('_csrf', client.csrf);
  form.set('file', new File([new Uint8Array(bytes)], name));
  return client.request(`/pantau/${code}/idm/impor`, { method: 'POST', body: form });
}
const csv = (lines: string[]) => Buffer.from(lines.join('\n'));
const decode = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
/** The preview's problem table: [row, column, message]. */
const problems = (html: string) =>
  [...(/<th class="num">Baris<\/th>[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => decode(c[1]!)));
const stored = async (year: number) =>
  (await sql<{ n: number }>`select count(*)::int as n from village_index_scores where year = ${year} and village_code > '18.' and village_code < '18/'`.execute(t.db.kysely)).rows[0]!.n;

describe(`IDM import on ${testDatabaseKind()}`, () => {
  it('lists every bad row in the preview and stores nothing', async () => {
    const year = 2018;
    const res = await upload(province, '18', csv([
      'kode_desa;tahun;iks;ike;ikl',
      '1809102004;2018;0,8;0,7;0,6', // fine
      '18.09.10.2001;2018;0.5;0.5;0.5', // fine
      'abc;2018;0.5;0.5;0.5',
      '17.01.01.2001;2018;0.5;0.5;0.5', // Bengkulu: outside Lampung
      '18.99.99.2999;2018;0.5;0.5;0.5', // no such village
      '18.09.10.2002;1999;0.5;0.5;0.5',
      '18.09.10.2003;2018;1,5;0.5;0.5',
      '1809102004;2018;0.8;0.7;0.6', // the same village and year again
      '18.09.10.2005;2018;;0.5;0.5',
    ]), 'idm.csv');
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).not.toContain('/jalankan');
    const p = problems(html);
    expect(p.map((r) => r[0])).toEqual(['4', '5', '6', '7', '8', '9', '10']);
    expect(p[0]![2]).toContain('Kode desa "abc" tidak sah');
    expect(p[1]![2]).toContain('di luar wilayah Anda');
    expect(p[2]![2]).toContain('tidak ada di data wilayah Kemendagri');
    expect(p[3]![2]).toContain('Tahun "1999" tidak sah');
    expect(p[4]![1]).toBe('iks');
    expect(p[5]![2]).toContain('sudah ada di baris 2');
    expect(p[6]![2]).toContain('Nilai Indeks Ketahanan Sosial (IKS) wajib diisi');
    expect(await stored(year)).toBe(0);
  });

  it('refuses a file it cannot read, with the reason', async () => {
    const noModel = await upload(province, '18', csv(['kode_desa,tahun,nilai', '1809102004,2018,0.7']), 'x.csv');
    expect(noModel.status).toBe(400);
    expect(decode(await noModel.text())).toContain('Berkas harus punya kolom iks, ike dan ikl');
    const xls = await upload(province, '18', Buffer.from('d0cf11e0a1b11ae1000000000000000000', 'hex'), 'lama.xls');
    expect(decode(await xls.text())).toContain('Ini berkas Excel lama (.xls)');
    // A formula whose result Excel did not save.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('IDM');
    ws.addRow(['kode_desa', 'tahun', 'iks', 'ike', 'ikl']);
    ws.addRow(['18.09.10.2004', 2018, { formula: 'A1*2' } as never, 0.5, 0.5]);
    const formula = await upload(province, '18', Buffer.from(await wb.xlsx.writeBuffer()), 'rumus.xlsx');
    expect(decode(await formula.text())).toContain('berisi rumus tanpa hasil tersimpan');
    // A district officer may import only its own villages.
    const outside = await upload(district, '18.09.10', csv(['kode_desa,tahun,iks,ike,ikl', '18.09.11.2001,2018,0.5,0.5,0.5']), 'x.csv');
    expect(decode(await outside.text())).toContain('di luar wilayah Anda');
    expect((await upload(district, '18.09', csv(['kode_desa,tahun,iks,ike,ikl']), 'x.csv')).status).toBe(403);
  });

  it('imports all rows or none, then shows the status distribution', async () => {
    const file = csv([
      'kode_desa,tahun,iks,ike,ikl,iks.kes.jkn',
      '18.09.10.2001,2019,0.9,0.85,0.8,5', // mandiri
      '18.09.10.2002,2019,0.45,0.4,0.5,', // sangat tertinggal
      '18.09.10.2003,2019,0.75,0.7,0.72,', // maju
      '18.09.10.2001,2018,0.7,0.7,0.7,', // berkembang last year
    ]);
    const preview = await upload(province, '18', file, 'idm-2019.csv');
    expect(preview.status).toBe(200);
    const job = /\/impor\/([\w-]+)\/jalankan/.exec(await preview.text())?.[1];
    expect(job).toBeTruthy();
    // A failure while writing (here a trigger refusing one village) leaves nothing behind.
    await sql`create function idm_test_refuse() returns trigger language plpgsql as $$
      begin if new.village_code = '18.09.10.2003' then raise exception 'refused for the test'; end if; return new; end $$`.execute(t.db.kysely);
    await t.db.kysely.transaction().execute(async (trx) => {
      // On Citus a trigger on a distributed table runs on its shards: allowed when asked for.
      if (t.db.kind === 'citus') await sql`set local citus.enable_unsafe_triggers = on`.execute(trx);
      await sql`create trigger idm_test_refuse before insert on village_index_scores for each row execute function idm_test_refuse()`.execute(trx);
    });
    const failed = await province.form(`/pantau/18/idm/impor/${job}/jalankan`, {});
    expect(failed.status).toBe(500);
    expect(await stored(2019)).toBe(0);
    expect(await stored(2018)).toBe(0);
    await t.db.kysely.transaction().execute(async (trx) => {
      if (t.db.kind === 'citus') await sql`set local citus.enable_unsafe_triggers = on`.execute(trx);
      await sql`drop trigger idm_test_refuse on village_index_scores`.execute(trx);
    });
    // The job is gone with the failure: the file is checked again, then imported.
    expect((await province.form(`/pantau/18/idm/impor/${job}/jalankan`, {})).status).toBe(404);
    const again = await upload(province, '18', file, 'idm-2019.csv');
    const job2 = /\/impor\/([\w-]+)\/jalankan/.exec(await again.text())?.[1];
    const done = await province.form(`/pantau/18/idm/impor/${job2}/jalankan`, {});
    expect(done.status).toBe(200);
    expect(decode(await done.text())).toContain('4 nilai IDM diimpor');
    expect(await stored(2019)).toBe(3);
    const api = await (await province.get('/api/v1/monitoring/regions/18.09.10/index?model=idm&year=2019')).json();
    expect(api.data.current).toEqual({ sangat_tertinggal: 1, tertinggal: 0, berkembang: 0, maju: 1, mandiri: 1 });
    expect(api.data.previous.berkembang).toBe(1);
    expect(api.data.moves).toEqual({ up: 1, same: 0, down: 0 });
    const page = await (await province.get('/pantau/18/idm?model=idm&tahun=2019')).text();
    // Drilling down keeps the model and the year.
    expect(page).toContain('href="/pantau/18.09/idm?model=idm&amp;tahun=2019"');
    // The week's feed lists the import.
    expect(decode(await (await province.get('/pantau/18/kabar')).text())).toContain('mengimpor 4 nilai IDM');
  });
});

describe('the village\'s own entry', () => {
  it('saves scores from the form, with errors that name the field', async () => {
    const path = `/pantau/${HANURA}/idm`;
    const bad = await operator.form(`${path}?model=idm&tahun=2020`, { model: 'idm', tahun: '2020', 'dim.iks': '0,7', 'dim.ike': 'tinggi', 'dim.ikl': '0,6' });
    expect(bad.status).toBe(400);
    const html = decode(await bad.text());
    expect(html).toContain('Nilai Indeks Ketahanan Ekonomi (IKE) harus angka 0 sampai 1');
    expect(html).toMatch(/name="dim\.ike"[^>]*value="tinggi"|value="tinggi"[^>]*name="dim\.ike"/);
    const ok = await operator.form(`${path}?model=idm&tahun=2020`, { model: 'idm', tahun: '2020', 'dim.iks': '0,7', 'dim.ike': '0,65', 'dim.ikl': '0,6', 'ind.iks.kes.jkn': '4' });
    expect(ok.status).toBe(303);
    const page = decode(await (await operator.get(ok.headers.get('location')!)).text());
    expect(page).toContain('Nilai tersimpan: 0,6500 (Berkembang)');
    // The API: the village may write its own, not its neighbour's.
    const put = await operator.json('PUT', `/api/v1/monitoring/villages/${HANURA}/index`, { model: 'id2024', year: 2020, dimensions: { layanan_dasar: 70, sosial: 65, ekonomi: 60, lingkungan: 72, aksesibilitas: 55, tata_kelola: 80 } });
    expect(put.status).toBe(200);
    expect((await put.json()).data.score).toBe(67);
    expect((await operator.json('PUT', '/api/v1/monitoring/villages/18.09.10.2001/index', { model: 'idm', year: 2020, dimensions: { iks: 0.5, ike: 0.5, ikl: 0.5 } })).status).toBe(403);
    const history = await (await operator.get(`/api/v1/monitoring/villages/${HANURA}/index`)).json();
    expect(history.data.filter((h: { year: number }) => h.year === 2020).map((h: { model: string; year: number }) => `${h.model}:${h.year}`).sort()).toEqual(['id2024:2020', 'idm:2020']);
  });
});
