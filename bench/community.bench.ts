import { gzipSync } from 'node:zlib';
import { createApp } from '../src/app.js';
import type { Actor } from '../src/platform/access/access.js';
import type { UseCaseContext } from '../src/platform/context.js';
import type { Db } from '../src/platform/db/connect.js';
import { todayInWib } from '../src/platform/format/format.js';
import { assetUrl } from '../src/platform/http/static-files.js';
import { HANURA, seedDemo } from '../src/modules/demo/seed-demo.js';
import { addMember, addParticipants, createInstitution, createTraining } from '../src/modules/institutions/institutions.service.js';
import { populateVillage } from '../src/modules/population/generator.js';
import { createPost, saveSiteSettings } from '../src/modules/website/site.service.js';
import { pageMeasurements, signIn, time, withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

/**
 * The village website and institutions (issue 14, items 5 and 6) in a village of 20,000
 * residents with a year of posts (300 news, announcements and agenda items), 40 institutions
 * with 400 members and a training of 200: the public pages as server time (target for the
 * home page ≤ 10 ms p95) and what the home page weighs, compressed as served.
 */
const RESIDENTS = Number(process.env.BENCH_SITE_RESIDENTS ?? 20_000);
const ROUNDS = 50;

async function measure(db: Db, log: (l: string) => void): Promise<Measurement[]> {
  await seedDemo(db, { population: false, citizen: false });
  const user = await db.kysely.selectFrom('users').select('id').where('username', '=', 'hanura').executeTakeFirstOrThrow();
  const operator: UseCaseContext = { db, ip: 'bench', lang: 'id', actor: { kind: 'user', id: user.id, username: 'hanura', fullName: 'hanura', role: 'village_operator' as Actor['role'], regionCode: HANURA, language: 'id' } };
  const today = todayInWib();
  await populateVillage(db.kysely, HANURA, { residents: RESIDENTS, seed: 5, asOf: today, userId: user.id, actorLabel: 'bench', ip: 'bench' });
  const niks = (await db.kysely.selectFrom('residents').select('nik').where('village_code', '=', HANURA).where('life_status', '=', 1).orderBy('id').limit(600).execute()).map((r) => r.nik);

  const { seconds: postSeconds } = await time(async () => {
    for (let i = 0; i < 300; i++) {
      const kind = i % 10 === 0 ? 'agenda' : i % 3 === 0 ? 'announcement' : 'news';
      await createPost(operator, HANURA, {
        kind, title: `Kabar desa nomor ${i + 1}: kegiatan warga dan pembangunan`,
        content: `Warga **Dusun ${1 + (i % 4)}** bekerja bersama.\n\n- butir satu\n- butir dua\n\n${'Kalimat isi berita yang cukup panjang untuk satu paragraf. '.repeat(12)}`,
        ...(kind === 'agenda' ? { event_on: new Date(Date.now() + (i - 150) * 86400_000).toISOString().slice(0, 10), event_place: 'Balai desa' } : {}),
      });
    }
  });
  await saveSiteSettings(operator, HANURA, { slug: 'hanura', tagline: 'Desa wisata bahari', about: 'Profil desa.\n\n'.repeat(20), office_hours: 'Senin–Jumat 08.00–15.00 WIB' });
  const { seconds: instSeconds } = await time(async () => {
    for (let i = 0; i < 40; i++) {
      const { id } = await createInstitution(operator, HANURA, { kind: i < 20 ? 'rt' : i < 30 ? 'posyandu' : 'kelompok', name: `Lembaga ${i + 1}` });
      for (let m = 0; m < 10; m++) await addMember(operator, HANURA, id, { nik: niks[i * 10 + m], position: m === 0 ? 'Ketua' : 'Anggota', term_start: '2024-01-01' });
    }
  });
  const training = await createTraining(operator, HANURA, { title: 'Kader digital', topic: 'digital', held_on: today, makes_digital_cadres: '1' });
  const { seconds: sheetSeconds } = await time(() => addParticipants(operator, HANURA, training.id, { niks: niks.slice(400, 600).join('\n') }));
  log(`${db.kind}: 300 posts in ${postSeconds.toFixed(2)} s, 40 institutions with 400 members in ${instSeconds.toFixed(2)} s, a sign-in sheet of 200 NIKs in ${sheetSeconds.toFixed(2)} s`);

  const app = createApp({ db, secureCookies: false });
  const home = await (await app.request('/desa/hanura')).text();
  const css = await (await app.request(assetUrl('app.css'))).arrayBuffer();
  log(`${db.kind}: home page ${home.length} bytes, ${gzipSync(home).length} gzipped`);
  const post = await db.kysely.selectFrom('site_posts').select('id').where('village_code', '=', HANURA).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const officer = await signIn(app, 'hanura');
  const out: Measurement[] = [
    { what: '300 posts written (Markdown made safe HTML on save)', database: db.kind, rows: 300, seconds: postSeconds },
    { what: 'a training\'s sign-in sheet of 200 NIKs saved', database: db.kind, rows: 200, seconds: sheetSeconds },
    { what: 'website home page, gzipped bytes (without the style sheet)', database: db.kind, rows: gzipSync(home).length, seconds: 0, note: `${home.length} bytes before compression${css.byteLength ? `; style sheet ${gzipSync(Buffer.from(css)).length} gzipped` : ''}` },
  ];
  out.push(...(await pageMeasurements(app, db.kind, [
    ['website home page (anonymous)', '/desa/hanura', ''],
    ['website news list, page 2', '/desa/hanura/berita?halaman=2', ''],
    ['website post', `/desa/hanura/berita/${post.id}`, ''],
    ['website institutions (40, 400 members)', '/desa/hanura/lembaga', ''],
    ['website contact and letters', '/desa/hanura/kontak', ''],
    ['officer institutions page', `/desa/${HANURA}/kelembagaan`, officer],
    ['officer website editor', `/desa/${HANURA}/situs`, officer],
  ], ROUNDS, log)));
  return out;
}

export const benchmark: Benchmark = {
  name: 'community',
  description: `the village website and institutions in a village of ${RESIDENTS.toLocaleString('en-US')} residents with 300 posts and 40 institutions: public pages, officer pages, writing`,
  async run(log) {
    const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgresql').split(',');
    const a = engines.includes('pglite') ? await withPglite((db) => measure(db, log)) : [];
    const b = engines.includes('postgresql') ? ((await withPostgres((db) => measure(db, log), log)) ?? []) : [];
    return [...a, ...b];
  },
};
