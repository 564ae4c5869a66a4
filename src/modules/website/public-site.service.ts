import type { UseCaseContext } from '../../platform/context.js';
import { notFound } from '../../platform/http/errors.js';
import { todayInWib } from '../../platform/format/format.js';
import { publicInstitutions } from '../institutions/index.js';
import { villageTypes } from '../letters/index.js';
import { activeVillage } from '../villages/index.js';
import * as repo from './site.repository.js';

/**
 * The public village website, for anyone: read from the village's settings, posts, photos,
 * officials, institutions and the population rollups. No personal data but the names and
 * positions of those in public office.
 */
const CODE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;
export const PAGE_SIZE = 10;

/** /desa/<slug-or-code>: the village and its site settings (empty when it set none). */
export async function resolveSite(ctx: UseCaseContext, param: string) {
  const db = ctx.db.kysely;
  let code = param;
  if (!CODE.test(param)) {
    const found = /^[a-z][a-z0-9-]{1,39}$/.test(param) ? await repo.villageOfSlug(db, param) : undefined;
    if (!found) throw notFound();
    code = found.village_code;
  }
  const [village, site, regions] = await Promise.all([activeVillage(ctx, code), repo.siteOf(db, code), repo.regionNames(db, code)]);
  const settings = site ?? null;
  const base = `/desa/${settings?.slug ?? village.village_code}`;
  // Without a short name, /desa/<code> is the office for the village's own officers: the menu's home link says /beranda.
  return { village, site: settings, regions, base, home: settings?.slug ? base : `${base}/beranda` };
}
export type SiteContext = Awaited<ReturnType<typeof resolveSite>>;

export async function siteHome(ctx: UseCaseContext, param: string) {
  const s = await resolveSite(ctx, param);
  const db = ctx.db.kysely;
  const code = s.village.village_code;
  const [posts, upcoming, figures] = await Promise.all([
    repo.recentPosts(db, code, 5),
    repo.agenda(db, code, todayInWib(), true, 3),
    repo.populationFigures(db, code),
  ]);
  return { ...s, posts, upcoming, figures };
}

export async function sitePosts(ctx: UseCaseContext, param: string, pageInput: string | undefined) {
  const s = await resolveSite(ctx, param);
  const page = Math.min(Math.max(Number.parseInt(pageInput ?? '1', 10) || 1, 1), 1000);
  const code = s.village.village_code;
  const [posts, total] = await Promise.all([repo.recentPosts(ctx.db.kysely, code, PAGE_SIZE, (page - 1) * PAGE_SIZE), repo.countPosts(ctx.db.kysely, code)]);
  return { ...s, posts, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

export async function sitePost(ctx: UseCaseContext, param: string, id: number) {
  const s = await resolveSite(ctx, param);
  const post = await repo.publishedPost(ctx.db.kysely, s.village.village_code, id);
  if (!post) throw notFound();
  return { ...s, post };
}

export async function siteAgenda(ctx: UseCaseContext, param: string) {
  const s = await resolveSite(ctx, param);
  const code = s.village.village_code;
  const today = todayInWib();
  const [upcoming, past] = await Promise.all([repo.agenda(ctx.db.kysely, code, today, true, 50), repo.agenda(ctx.db.kysely, code, today, false, 10)]);
  return { ...s, upcoming, past };
}

export async function siteGallery(ctx: UseCaseContext, param: string) {
  const s = await resolveSite(ctx, param);
  return { ...s, photos: await repo.galleryPhotos(ctx.db.kysely, s.village.village_code, 60) };
}

export async function sitePhoto(ctx: UseCaseContext, param: string, id: number, small: boolean) {
  const s = await resolveSite(ctx, param);
  const photo = await repo.photoBytes(ctx.db.kysely, s.village.village_code, id, small);
  if (!photo) throw notFound();
  return photo;
}

export async function siteAbout(ctx: UseCaseContext, param: string) {
  const s = await resolveSite(ctx, param);
  return { ...s, officials: await repo.officialsWithPortraits(ctx.db.kysely, s.village.village_code) };
}

export async function siteInstitutions(ctx: UseCaseContext, param: string) {
  const s = await resolveSite(ctx, param);
  const code = s.village.village_code;
  // Trainings as learning for residents: what, when and the material to open (who took part stays in the office).
  const [institutions, trainings] = await Promise.all([
    publicInstitutions(ctx.db.kysely, code),
    ctx.db.kysely.selectFrom('trainings').select(['id', 'title', 'topic', 'held_on', 'material_url']).where('village_code', '=', code).orderBy('held_on', 'desc').orderBy('id', 'desc').limit(20).execute(),
  ]);
  return { ...s, institutions, trainings };
}

/** Contact, office hours, and how to get each letter a citizen may ask for. */
export async function siteContact(ctx: UseCaseContext, param: string) {
  const s = await resolveSite(ctx, param);
  const types = (await villageTypes(ctx.db.kysely, s.village.village_code)).filter((t) => t.active);
  return { ...s, letters: types.map((t) => ({ code: t.code, title: t.title, requirements: t.requirements, online: t.online })) };
}

/** Every page of the site and its news, for search engines. */
export async function siteMap(ctx: UseCaseContext, param: string) {
  const s = await resolveSite(ctx, param);
  const posts = await ctx.db.kysely.selectFrom('site_posts').select(['id', 'updated_at']).where('village_code', '=', s.village.village_code)
    .where('withdrawn_at', 'is', null).orderBy('id', 'desc').limit(5000).execute();
  return { ...s, posts };
}
