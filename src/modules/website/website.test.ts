import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';
import { projectRoot } from '../../platform/paths.js';

const V = '18.09.10.2004';
let t: TestApp;
let operator: Client;
let treasurer: Client;
let otherVillage: Client;
let anonymous: Client;

beforeAll(async () => {
  t = await createTestApp({ population: true });
  [operator, treasurer, otherVillage] = await Promise.all(['hanura', 'bendahara.hanura', 'batumenyan'].map((u) => t.login(u)));
  anonymous = t.anonymous;
});
afterAll(() => t.close());

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const db = () => t.db.kysely;
const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
async function valid(html: string) {
  const report = await validator.validateString(html);
  return report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} line ${m.line}: ${m.message}`));
}
const photo = (w: number, h: number) => sharp({ create: { width: w, height: h, channels: 3, background: { r: 40, g: 120, b: 80 } } }).jpeg().toBuffer();
async function upload(client: Client, fields: Record<string, string>, bytes: Buffer) {
  const form = new FormData();
  form.set('_csrf', client.csrf);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('photo', new File([new Uint8Array(bytes)], 'foto.jpg', { type: 'image/jpeg' }));
  return client.request(`/desa/${V}/situs/foto`, { method: 'POST', body: form });
}

describe('the village website', () => {
  let newsId = 0;

  it('opens at /desa/<code> for anyone, while the village\'s officer gets the office there', async () => {
    const res = await anonymous.get(`/desa/${V}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<title>Desa Hanura</title>');
    expect(html).toContain('<meta property="og:title" content="Desa Hanura"');
    expect(html).toContain('og:description');
    expect(html).toContain(`href="/publik/desa/${V}/apbdes"`);
    expect(html).toContain(`href="/publik/desa/${V}/pengaduan/kirim"`);
    expect(html).not.toContain('<script');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    // The officer's /desa/<code> stays the office page (its profile form), another village's gets the site.
    expect(await (await operator.get(`/desa/${V}`)).text()).toContain(`action="/desa/${V}/profil"`);
    expect(await (await otherVillage.get(`/desa/${V}`)).text()).toContain('og:site_name');
    // Without a short name, the site's home link is /beranda: /desa/<code> is the office for the village's own officers.
    const own = await (await otherVillage.get('/desa/18.09.10.2001/beranda')).text();
    expect(own).toContain('<a class="site-name" href="/desa/18.09.10.2001/beranda">');
    expect(own).toContain('href="/desa/18.09.10.2001/berita"');
  });

  it('publishes news whose stored script is inert and whose javascript: link is dropped', async () => {
    const res = await operator.form(`/desa/${V}/situs/tulisan`, {
      kind: 'news', title: 'Gotong royong membersihkan saluran irigasi',
      content: 'Warga **Dusun I** bekerja bersama.\n\n<script>alert("x")</script>\n\n<img src=x onerror="alert(1)">\n\n[Klik](javascript:alert(1)) dan [APBDes](/publik/desa/18.09.10.2004/apbdes)',
    });
    expect(res.status).toBe(303);
    const post = await db().selectFrom('site_posts').select(['id', 'body_html']).where('village_code', '=', V).orderBy('id', 'desc').executeTakeFirstOrThrow();
    newsId = Number(post.id);
    const html = await (await anonymous.get(`/desa/${V}/berita/${newsId}`)).text();
    expect(html).toContain('<strong>Dusun I</strong>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(html).not.toMatch(/<script|<img src="?x|href="javascript:/i);
    expect(html).toContain('href="/publik/desa/18.09.10.2004/apbdes"');
    expect(html).toContain('<meta property="og:type" content="article"');
    // Other systems read the same posts as data, with the plain excerpt and the page's address.
    const api = await (await anonymous.get(`/api/v1/public/villages/${V}/posts`)).json() as { data: { posts: { id: number; title: string; excerpt: string; url: string }[] } };
    const mine = api.data.posts.find((p) => p.id === newsId)!;
    expect(mine.url).toBe(`/desa/${V}/berita/${newsId}`);
    expect(mine.excerpt).toMatch(/^Warga Dusun I bekerja bersama\./);
    // The home page lists it with a plain excerpt.
    expect(await text(await anonymous.get(`/desa/${V}`))).toContain('Gotong royong membersihkan saluran irigasi');
  });

  it('checks input by field, in Bahasa Indonesia', async () => {
    const empty = await operator.form(`/desa/${V}/situs/tulisan`, { kind: 'news', title: 'Ab', content: '' });
    expect(empty.status).toBe(400);
    expect(await text(empty)).toContain('Kolom Judul minimal 3 karakter.');
    const agenda = await operator.form(`/desa/${V}/situs/tulisan`, { kind: 'agenda', title: 'Musdes RKPDes', content: 'Musyawarah desa.', event_on: '2026-13-01' });
    expect(await text(agenda)).toContain('Kolom Tanggal acara harus tanggal yang ada');
    const slug = await operator.form(`/desa/${V}/situs`, { slug: 'Hanura!' });
    expect(slug.status).toBe(400);
    expect(await text(slug)).toContain('Kolom Nama singkat alamat situs: 3–40 huruf kecil');
    const domain = await operator.form(`/desa/${V}/situs`, { domain: 'https://desa hanura/' });
    expect(await text(domain)).toContain('Kolom Domain sendiri: tulis nama domain saja');
  });

  it('answers at its short name and at its own domain; a short name is one village\'s only', async () => {
    const saved = await operator.form(`/desa/${V}/situs`, { slug: 'hanura', domain: 'desahanura.id', tagline: 'Desa wisata bahari', about: '## Letak\n\nDi pesisir Teluk Lampung.', office_hours: 'Senin–Jumat 08.00–15.00 WIB' });
    expect(saved.status).toBe(303);
    const bySlug = await anonymous.get('/desa/hanura');
    expect(bySlug.status).toBe(200);
    expect(await bySlug.text()).toContain('<title>Desa Hanura · Desa wisata bahari</title>');
    expect(await text(await anonymous.get('/desa/hanura/tentang'))).toContain('Di pesisir Teluk Lampung.');
    // The village's domain: its home and its pages, links as on the platform.
    const home = await t.app.request('/', { headers: { host: 'desahanura.id' } });
    expect(home.status).toBe(200);
    const homeHtml = await home.text();
    expect(homeHtml).toContain('<link rel="canonical" href="https://desahanura.id/desa/hanura"');
    expect((await t.app.request('/berita', { headers: { host: 'desahanura.id' } })).status).toBe(200);
    expect((await t.app.request('/kontak', { headers: { Host: 'DesaHanura.id:443' } })).status).toBe(200);
    // Another village cannot take the same short name.
    const second = await otherVillage.form('/desa/18.09.10.2001/situs', { slug: 'hanura' });
    expect(second.status).toBe(409);
    expect(await text(second)).toContain('nama &quot;hanura&quot; sudah dipakai desa lain');
    expect((await anonymous.get('/desa/tidak-ada')).status).toBe(404);
  });

  it('shows officials with portraits, a gallery of small copies, institutions and how to get a letter', async () => {
    const head = await db().selectFrom('village_officials').select(['id', 'name']).where('village_code', '=', V).where('position', '=', 'kepala_desa').executeTakeFirstOrThrow();
    expect((await upload(operator, { official_id: String(head.id) }, await photo(800, 800))).status).toBe(303);
    expect((await upload(operator, { caption: 'Pantai Hanura' }, await photo(2000, 1500))).status).toBe(303);
    const gallery = await (await anonymous.get('/desa/hanura/galeri')).text();
    const id = /\/desa\/hanura\/foto\/(\d+)\?kecil=1/.exec(gallery)?.[1];
    expect(gallery).toContain('Pantai Hanura');
    const small = await anonymous.get(`/desa/hanura/foto/${id}?kecil=1`);
    const full = await anonymous.get(`/desa/hanura/foto/${id}`);
    expect(small.headers.get('content-type')).toBe('image/jpeg');
    const [s, f] = [await sharp(Buffer.from(await small.arrayBuffer())).metadata(), await sharp(Buffer.from(await full.arrayBuffer())).metadata()];
    expect([s.width, f.width]).toEqual([360, 1280]);
    const about = await (await anonymous.get('/desa/hanura/tentang')).text();
    expect(about).toContain(head.name);
    expect(about).toMatch(/<img src="\/desa\/hanura\/foto\/\d+\?kecil=1" alt="[^"]+" loading="lazy"/);
    const contact = await text(await anonymous.get('/desa/hanura/kontak'));
    expect(contact).toContain('Senin–Jumat 08.00–15.00 WIB');
    expect(contact).toContain('Surat Keterangan Tidak Mampu');
    expect(contact).toContain('Fotokopi Kartu Keluarga (KK)');
    // Trainings are learning for residents: on the site with their material, never who took part.
    await operator.form(`/desa/${V}/pelatihan`, { title: 'Belajar jualan daring', topic: 'usaha', held_on: '2024-06-01', material_url: 'https://example.org/jualan' });
    const institutions = await (await anonymous.get('/desa/hanura/lembaga')).text();
    expect(institutions).toContain('<a href="https://example.org/jualan" rel="noopener nofollow">Belajar jualan daring</a>');
  });

  it('is valid HTML on every page, and the home page ships under 60 KB with its style sheet', async () => {
    for (const path of ['', '/berita', `/berita/${newsId}`, '/agenda', '/galeri', '/tentang', '/lembaga', '/kontak']) {
      const html = await (await anonymous.get(`/desa/hanura${path}`)).text();
      expect(await valid(html), path || '/').toEqual([]);
    }
    const home = await (await anonymous.get('/desa/hanura')).text();
    const css = readFileSync(join(projectRoot, 'web', 'app.css'));
    // What a phone downloads, compressed as the server sends it (the logo, when set, comes on top).
    expect(gzipSync(home).length + gzipSync(css).length).toBeLessThan(60 * 1024);
    expect(home.length + css.length).toBeLessThan(60 * 1024);
  });

  it('lists every page and post in its sitemap; a withdrawn post is gone from the site', async () => {
    const map = await (await anonymous.get('/desa/hanura/sitemap.xml')).text();
    expect(map).toContain(`/desa/hanura/berita/${newsId}</loc>`);
    expect(map).toContain('/desa/hanura/kontak</loc>');
    expect((await operator.form(`/desa/${V}/situs/tulisan/${newsId}/tarik`, {})).status).toBe(303);
    expect((await anonymous.get(`/desa/hanura/berita/${newsId}`)).status).toBe(404);
    expect(await (await anonymous.get('/desa/hanura/sitemap.xml')).text()).not.toContain(`/berita/${newsId}<`);
    const audit = await db().selectFrom('audit_log').select('action').where('subject', '=', `site_post:${newsId}`).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['site.post_create', 'site.post_withdraw']);
  });

  it('is edited by the village office only', async () => {
    expect((await treasurer.get(`/desa/${V}/situs`)).status).toBe(403);
    expect((await otherVillage.get(`/desa/${V}/situs`)).status).toBe(403);
    expect((await otherVillage.form(`/desa/${V}/situs/tulisan`, { kind: 'news', title: 'Palsu', content: 'Bukan dari desa ini.' })).status).toBe(403);
    expect((await anonymous.get(`/desa/${V}/situs`)).status).not.toBe(200);
  });
});
