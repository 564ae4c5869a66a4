import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { todayInWib } from '../../platform/format/format.js';
import { DEMO_CITIZEN } from '../demo/seed-demo.js';

const V = '18.09.10.2004';
let t: TestApp;
let operator: Client;
let otherVillage: Client;
let citizen: Client;

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const db = () => t.db.kysely;
const listings = async () => Number((await db().selectFrom('tourism_listings').select((e) => e.fn.countAll().as('n')).where('village_code', '=', V).executeTakeFirstOrThrow()).n);
/** A photo as a phone takes it: large, with the place it was taken in its metadata. */
const phonePhoto = () => sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#2a7ab0' } }).withExif({ IFD0: { Make: 'PhoneCo', Model: 'Murah 1' } }).jpeg().toBuffer();
const day = (offset: number) => new Date(Date.parse(`${todayInWib()}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

/** A multipart post of the listing form, as a phone's browser sends it. */
function post(client: Client, path: string, fields: Record<string, string>, photos: Buffer[] = []) {
  const body = new FormData();
  body.set('_csrf', client.csrf);
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  for (const [i, p] of photos.entries()) body.append('photos', new Blob([new Uint8Array(p)], { type: 'image/jpeg' }), `foto${i}.jpg`);
  return client.request(path, { method: 'POST', body });
}
const idFrom = (res: Response) => Number(/\/potensi\/(\d+)/.exec(res.headers.get('location') ?? '')?.[1]);

beforeAll(async () => {
  t = await createTestApp({ population: true, citizen: true });
  [operator, otherVillage] = await Promise.all([t.login('hanura'), t.login('batumenyan')]);
  citizen = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
});
afterAll(() => t?.close());

describe('tourism and local potential', () => {
  let beach = 0;

  it('the operator lists a waterfall with a photo and a map point; visitors see it on the village website and across the province', async () => {
    const res = await post(operator, `/desa/${V}/potensi`, {
      kind: 'destination', name: 'Air Terjun Way Hanura', description: 'Air terjun setinggi 20 meter.\nJalan setapak 15 menit dari parkir.',
      address: 'Dusun IV, Hanura', latitude: '-5,5123', longitude: '105.2401', opening_hours: 'Setiap hari 08.00–17.00',
      price_min: '15.000', price_unit: 'orang', contact_phone: '0812-7940-0021',
    }, [await phonePhoto()]);
    expect(res.status).toBe(303);
    beach = idFrom(res);
    const row = await db().selectFrom('tourism_listings').selectAll().where('village_code', '=', V).where('id', '=', beach).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'destination', latitude: '-5.512300', longitude: '105.240100', price_min: '15000', price_max: null, contact_phone: '081279400021' });

    // The village website: its menu leads there, the page lists it, the listing shows what a visitor needs.
    const site = await t.anonymous.get(`/desa/${V}/beranda`);
    expect(await site.text()).toContain('href="/desa/hanura/wisata"'); // the demo village's short name
    const page = await text(await t.anonymous.get(`/desa/${V}/wisata`));
    expect(page).toContain('Air Terjun Way Hanura');
    expect(page).toContain('Pantai Hanura'); // the demo's
    const detailRes = await t.anonymous.get(`/desa/${V}/wisata/${beach}`);
    expect(detailRes.headers.get('cache-control')).toContain('public');
    const html = await detailRes.text();
    expect(html).toContain('Rp15.000 per orang');
    expect(html).toContain('Setiap hari 08.00–17.00');
    expect(html).toContain('https://www.openstreetmap.org/?mlat=-5.512300&amp;mlon=105.240100');
    expect(html).toMatch(/<meta property="og:image" content="[^"]+\/wisata\/foto\/18\.09\.10\.2004\/\d+\/kecil"/);
    // The photo: made small, the phone's metadata gone.
    const src = /\/wisata\/foto\/18\.09\.10\.2004\/(\d+)\/kecil/.exec(html)![0];
    const photo = await t.anonymous.get(src);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    const meta = await sharp(Buffer.from(await photo.arrayBuffer())).metadata();
    expect(meta.width).toBeLessThanOrEqual(360);
    expect(meta.exif).toBeUndefined();

    // Across the province: counted under its regency, then its district; narrowed by kind and by name.
    const province = await text(await t.anonymous.get('/wisata'));
    expect(province).toMatch(/Pesawaran \(\d+\)/);
    expect(province).toContain('Air Terjun Way Hanura');
    expect(await text(await t.anonymous.get('/wisata?wilayah=18.09'))).toMatch(/Teluk Pandan \(\d+\)/);
    expect(await text(await t.anonymous.get('/wisata?jenis=homestay'))).not.toContain('Air Terjun Way Hanura');
    const found = await text(await t.anonymous.get('/wisata?q=air+terjun'));
    expect(found).toContain('Air Terjun Way Hanura');
    expect(found).not.toContain('Pantai Hanura');
    expect(await text(await t.anonymous.get('/wisata?wilayah=18.01'))).not.toContain('Air Terjun Way Hanura');
  });

  it('refuses bad input naming the field, keeps what was typed, and saves nothing', async () => {
    const before = await listings();
    const cases: [Record<string, string>, string][] = [
      [{ kind: 'destination', name: 'Bukit Sunrise', latitude: '-5.51' }, 'Bujur'],
      [{ kind: 'destination', name: 'Bukit Sunrise', latitude: '-95', longitude: '105.2' }, 'Lintang'],
      [{ kind: 'homestay', name: 'Homestay Pak Darto', price_min: '300.000', price_max: '200.000' }, 'Harga paling tinggi'],
      [{ kind: 'homestay', name: 'Homestay Pak Darto', price_unit: 'malam' }, 'Harga per'],
      [{ kind: 'homestay', name: 'Homestay Pak Darto', rooms: '0' }, 'Jumlah kamar'],
      [{ kind: 'event', name: 'Lomba Perahu' }, 'Tanggal mulai'],
      [{ kind: 'event', name: 'Lomba Perahu', starts_on: '2026-08-17', ends_on: '2026-08-16' }, 'Tanggal selesai'],
      [{ kind: 'destination', name: 'Bukit Sunrise', price_min: '15.000,50' }, 'Harga (mulai dari)'],
      [{ kind: 'destination', name: 'Bukit Sunrise', contact_phone: '12' }, 'Nomor HP yang dapat dihubungi'],
      [{ kind: 'kastil', name: 'Bukit Sunrise' }, 'Jenis'],
    ];
    for (const [fields, label] of cases) {
      const res = await post(operator, `/desa/${V}/potensi`, fields);
      expect(res.status, label).toBe(400);
      const body = await res.text();
      const alert = /<p class="notice error" role="alert">([^<]*)<\/p>/.exec(body)?.[1] ?? '';
      expect(alert.toLowerCase(), label).toContain(`kolom ${label.toLowerCase()}`);
      expect(body, label).toContain(`value="${fields.name}"`);
    }
    // A product of another village's seller cannot be linked.
    const elsewhere = await db().selectFrom('market_products').select('id').where('village_code', '<>', V).executeTakeFirst();
    const res = await post(operator, `/desa/${V}/potensi`, { kind: 'product', name: 'Kopi Tetangga', market_product_id: String(elsewhere?.id ?? 999999) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Kolom Produk di Pasar Desa: pilih produk yang dijual di Pasar Desa oleh penjual desa ini');
    // Not a photo: refused by its content, whatever its name says.
    const fake = await post(operator, `/desa/${V}/potensi`, { kind: 'destination', name: 'Bukit Sunrise' }, [Buffer.from('%PDF-1.4 not a photo')]);
    expect(fake.status).toBe(415);
    expect(await listings()).toBe(before);
  });

  it('a village product leads the visitor to buy it on the market', async () => {
    const coffee = await db().selectFrom('market_products').select(['id', 'name']).where('village_code', '=', V).where('name', '=', 'Gula Aren Cetak').executeTakeFirstOrThrow();
    const res = await post(operator, `/desa/${V}/potensi`, { kind: 'product', name: 'Gula Aren Hanura', market_product_id: String(coffee.id), rooms: '3', starts_on: '2026-01-01' });
    expect(res.status).toBe(303);
    const row = await db().selectFrom('tourism_listings').selectAll().where('village_code', '=', V).where('id', '=', idFrom(res)).executeTakeFirstOrThrow();
    // Fields of other kinds are set aside.
    expect(row).toMatchObject({ rooms: null, starts_on: null, market_product_id: Number(coffee.id) });
    const html = await (await t.anonymous.get(`/desa/${V}/wisata/${row.id}`)).text();
    expect(html).toContain(`href="/pasar/${V}/produk/${coffee.id}"`);
    expect(html).toContain('Beli di Pasar Desa: Gula Aren Cetak · Rp28.000 per kg');
  });

  it('an event leaves the listing once over; a withdrawn listing and its photos are gone for visitors until shown again', async () => {
    const past = await post(operator, `/desa/${V}/potensi`, { kind: 'event', name: 'Lomba Perahu Tahun Lalu', starts_on: day(-40), ends_on: day(-38) });
    const coming = await post(operator, `/desa/${V}/potensi`, { kind: 'event', name: 'Lomba Perahu Nelayan', starts_on: day(3), ends_on: day(4), price_min: '0' });
    expect([past.status, coming.status]).toEqual([303, 303]);
    const province = await text(await t.anonymous.get('/wisata?jenis=event'));
    expect(province).toContain('Lomba Perahu Nelayan');
    expect(province).not.toContain('Lomba Perahu Tahun Lalu');
    const site = await text(await t.anonymous.get(`/desa/${V}/wisata`));
    expect(site).toContain('Acara yang sudah lewat Lomba Perahu Tahun Lalu');
    expect(site).toContain('Gratis');

    const photoPath = /\/wisata\/foto\/18\.09\.10\.2004\/\d+\/besar/.exec(await (await t.anonymous.get(`/desa/${V}/wisata/${beach}`)).text())![0];
    expect((await operator.form(`/desa/${V}/potensi/${beach}/tarik`, {})).status).toBe(303);
    expect((await t.anonymous.get(`/desa/${V}/wisata/${beach}`)).status).toBe(404);
    expect((await t.anonymous.get(photoPath)).status).toBe(404);
    expect(await text(await t.anonymous.get('/wisata'))).not.toContain('Air Terjun Way Hanura');
    expect(await text(await operator.get(`/desa/${V}/potensi`))).toMatch(/Air Terjun Way Hanura Destinasi wisata · ditarik/);
    expect((await operator.form(`/desa/${V}/potensi/${beach}/tampilkan`, {})).status).toBe(303);
    expect((await t.anonymous.get(`/desa/${V}/wisata/${beach}`)).status).toBe(200);

    // Changed in place: the kind stays, new photos replace the old; each change is in the audit log.
    const changed = await post(operator, `/desa/${V}/potensi/${beach}`, { kind: 'homestay', name: 'Air Terjun Way Hanura', latitude: '-5.5123', longitude: '105.2401', price_min: '20000', price_unit: 'orang' }, [await phonePhoto(), await phonePhoto()]);
    expect(changed.status).toBe(303);
    const row = await db().selectFrom('tourism_listings').select(['kind', 'price_min']).where('village_code', '=', V).where('id', '=', beach).executeTakeFirstOrThrow();
    expect(row).toEqual({ kind: 'destination', price_min: '20000' });
    expect((await db().selectFrom('tourism_photos').select('position').where('village_code', '=', V).where('listing_id', '=', beach).execute()).length).toBe(2);
    const actions = await db().selectFrom('audit_log').select('action').where('subject', '=', `tourism:${beach}`).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['tourism.add', 'tourism.withdraw', 'tourism.restore', 'tourism.update']);
  });

  it('only the village\'s own officers who keep its website change its listings', async () => {
    expect((await otherVillage.get(`/desa/${V}/potensi`)).status).toBe(403);
    expect((await post(otherVillage, `/desa/${V}/potensi`, { kind: 'destination', name: 'Pantai Palsu' })).status).toBe(403);
    expect((await otherVillage.form(`/desa/${V}/potensi/${beach}/tarik`, {})).status).toBe(403);
    expect((await citizen.get(`/desa/${V}/potensi`)).status).toBe(403);
    const anonymous = await t.anonymous.get(`/desa/${V}/potensi`);
    expect([302, 303, 401]).toContain(anonymous.status);
    // Another village's listing is not found from this village's office.
    const own = await post(otherVillage, '/desa/18.09.10.2001/potensi', { kind: 'destination', name: 'Bukit Batu Menyan' });
    expect(own.status).toBe(303);
    expect((await operator.get(`/desa/${V}/potensi/${idFrom(own)}`)).status).toBe(404);
    expect((await t.anonymous.get(`/desa/${V}/wisata/${idFrom(own)}`)).status).toBe(404);
  });
});
