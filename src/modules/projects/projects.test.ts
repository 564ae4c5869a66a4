import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInWib } from '../../platform/format/format.js';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';
import { scheduleOn } from './project.service.js';

const V = '18.09.10.2004'; // Hanura: the demo's RKPDes of this year, its road already a project
const TODAY = todayInWib();
const YEAR = Number(TODAY.slice(0, 4));
let t: TestApp;
let secretary: Client;
let treasurer: Client;
let district: Client;

beforeAll(async () => {
  t = await createTestApp();
  [secretary, treasurer, district] = await Promise.all(['sekdes.hanura', 'bendahara.hanura', 'telukpandan'].map((u) => t.login(u)));
});
afterAll(() => t.close());

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
/** A phone photo: 3000 × 2000, with the camera's GPS position in its EXIF. */
const phonePhoto = () =>
  sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#6a8' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'Ponsel', Model: 'A1' }, IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '5/1 31/1 17/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 14/1 38/1' } })
    .toBuffer();

function report(as: Client, project: number, fields: Record<string, string>, photos: Buffer[] = []) {
  const form = new FormData();
  form.set('_csrf', as.csrf);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  for (const [i, p] of photos.entries()) form.append('photos', new File([new Uint8Array(p)], `foto-${i}.jpg`, { type: 'image/jpeg' }));
  return as.request(`/desa/${V}/proyek/${project}/laporan`, { method: 'POST', body: form });
}

describe('development projects', () => {
  let project = 0;

  it('opens a project from an RKPDes activity with its place, budget by fund, implementer and schedule', async () => {
    const page = await (await secretary.get(`/desa/${V}/proyek?tahun=${YEAR}`)).text();
    // The demo's road is a project; the drainage activity is one to start from.
    expect(page).toContain('Rabat beton jalan Dusun II');
    const drain = /<option value="(\d+)">2\.3\.14 Drainase jalan Dusun IV/.exec(page)![1]!;
    const base = { plan_item_id: drain, implementer: 'TPK Desa Hanura', starts_on: `${YEAR}-01-01`, ends_on: `${YEAR}-12-31`, latitude: '-5.5302', longitude: '105.2511', dana_DDS: '90.000.000', dana_PAD: '7.500.000' };
    const backwards = await secretary.form(`/desa/${V}/proyek`, { ...base, ends_on: `${YEAR - 1}-12-31` });
    expect(await text(backwards)).toContain('Kolom Tanggal selesai tidak boleh sebelum tanggal mulai');
    const half = await secretary.form(`/desa/${V}/proyek`, { ...base, longitude: '' });
    expect(await text(half)).toContain('Kolom Bujur: titik peta perlu lintang dan bujur sekaligus');
    const noMoney = await secretary.form(`/desa/${V}/proyek`, { ...base, dana_DDS: '', dana_PAD: '' });
    expect(await text(noMoney)).toContain('Kolom Anggaran dari Dana Desa: isi anggaran proyek');
    const opened = await secretary.form(`/desa/${V}/proyek`, base);
    expect(opened.status).toBe(303);
    project = Number(/proyek\/(\d+)/.exec(opened.headers.get('location')!)![1]);
    const again = await secretary.form(`/desa/${V}/proyek`, base);
    expect(again.status).toBe(409);
    expect(await text(again)).toContain('kegiatan ini sudah punya proyek');
    const shown = await text(await treasurer.get(`/desa/${V}/proyek/${project}`));
    expect(shown).toContain('Drainase jalan Dusun IV');
    expect(shown).toContain('Anggaran Rp97.500.000 Dana Desa Rp90.000.000 Pendapatan Asli Desa Rp7.500.000');
    // The treasurer reads, but reports are for the secretary's team.
    expect((await report(treasurer, project, { reported_on: TODAY, progress: '5', note: 'x' })).status).toBe(403);
  });

  it('reports progress with photos made small and stripped of their location, unless kept', async () => {
    const bad = await report(secretary, project, { reported_on: TODAY, progress: '120', note: 'Terlalu banyak' });
    expect(await text(bad)).toContain('Kolom Kemajuan fisik (%) harus persen 0–100');
    const notPhoto = await report(secretary, project, { reported_on: TODAY, progress: '10', note: 'Bukan foto' }, [Buffer.from('%PDF-1.4 bukan foto')]);
    expect(notPhoto.status).toBe(415);
    expect(await text(notPhoto)).toContain('Kolom Foto harus foto JPEG, PNG atau WebP');
    expect(await t.db.kysely.selectFrom('project_reports').select('id').where('village_code', '=', V).where('project_id', '=', project).execute()).toEqual([]);

    expect((await report(secretary, project, { reported_on: `${YEAR}-01-01`, progress: '0', note: 'Lokasi diukur' }, [await phonePhoto()])).status).toBe(303);
    expect((await report(secretary, project, { reported_on: TODAY, progress: '52,5', note: 'Separuh saluran dicor', keep_location: '1' }, [await phonePhoto(), await phonePhoto()])).status).toBe(303);
    const photos = await t.db.kysely.selectFrom('project_photos as ph').innerJoin('project_reports as r', (j) => j.onRef('r.village_code', '=', 'ph.village_code').onRef('r.id', '=', 'ph.report_id'))
      .select(['ph.id', 'ph.bytes', 'ph.width', 'ph.height', 'ph.kept_location']).where('ph.village_code', '=', V).where('r.project_id', '=', project).orderBy('ph.id').execute();
    expect(photos.map((p) => [p.width, p.height, p.kept_location])).toEqual([[1280, 853, false], [1280, 853, true], [1280, 853, true]]);
    expect((await sharp(Buffer.from(photos[0]!.bytes)).metadata()).exif).toBeUndefined();
    expect((await sharp(Buffer.from(photos[1]!.bytes)).metadata()).exif).toBeDefined();

    // The public sees the project, its progress and the photos at 0 % and 50 %.
    const pub = await text(await t.anonymous.get(`/publik/desa/${V}/proyek/${project}`));
    expect(pub).toContain('52,5 %');
    expect(pub).toContain('Separuh saluran dicor');
    const photo = await t.anonymous.get(`/publik/desa/${V}/proyek/foto/${photos[0]!.id}`);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await photo.arrayBuffer())).toEqual(new Uint8Array(photos[0]!.bytes));
    // A photo is found only under its own village.
    expect((await t.anonymous.get(`/publik/desa/18.09.10.2001/proyek/foto/${photos[0]!.id}`)).status).toBe(404);
    const budgetPage = await text(await t.anonymous.get(`/publik/desa/${V}/apbdes?tahun=${YEAR}`));
    expect(budgetPage).toContain('Proyek pembangunan');
    expect(budgetPage).toContain('Drainase jalan Dusun IV');

    // The rollup follows the latest report, in the same transaction.
    const rollup = await t.db.kysely.selectFrom('monitoring_projects').select(['progress', 'reported_on', 'budget']).where('village_code', '=', V).where('project_id', '=', project).executeTakeFirstOrThrow();
    expect(rollup).toEqual({ progress: '52.50', reported_on: TODAY, budget: '97500000' });
    const dashboard = await text(await district.get(`/pantau/18.09.10/apbdes?tahun=${YEAR}`));
    expect(dashboard).toMatch(/Proyek \(terlambat\) 2 \(\d\)/);
  });

  it('calls a project late when unfinished after its end or more than ten points behind its schedule', () => {
    const p = { starts_on: '2030-01-01', ends_on: '2030-12-31' };
    expect(scheduleOn(p, 0, '2030-01-01')).toEqual({ expected: 0, late: false });
    expect(scheduleOn(p, 40, '2030-07-02')).toEqual({ expected: 50, late: false });
    expect(scheduleOn(p, 39, '2030-07-02')).toEqual({ expected: 50, late: true });
    expect(scheduleOn(p, 99, '2031-01-01')).toEqual({ expected: 100, late: true });
    expect(scheduleOn(p, 100, '2031-06-01')).toEqual({ expected: 100, late: false });
  });
});
