import { userIdOf } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { SitePostKind } from '../../platform/db/schema.js';
import { violatedUniqueIndex } from '../../platform/db/unique-violation.js';
import { AppError, badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { clean, dateOf, text } from '../../platform/http/text-input.js';
import { thumbnail, webPhoto } from '../../platform/images/web-photo.js';
import { renderSafeMarkdown } from '../../platform/markdown/safe-markdown.js';
import { villageInScope } from '../villages/index.js';
import { forgetDomains } from './domains.js';
import * as repo from './site.repository.js';

/**
 * The village office keeps its website: the profile and history, news, announcements and the
 * agenda (Markdown, stored with the safe HTML made from it), the gallery and the officials'
 * portraits, the short name and the village's own domain. A post is edited in place and
 * withdrawn, never deleted; every change is in the audit log.
 */
const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
const MARKDOWN_MAX = 20000;
const POST_KINDS: readonly SitePostKind[] = ['news', 'announcement', 'agenda'];

/** Markdown keeps its lines; only its length is checked (it is made safe when rendered). */
function markdown(v: string | undefined, field: string, required: boolean): string | null {
  const s = (v ?? '').replace(/\r\n?/g, '\n').trim();
  if (!s && required) throw badRequest('validation.required', field);
  if (s.length > MARKDOWN_MAX) throw badRequest('validation.too_long', field, { max: MARKDOWN_MAX });
  return s || null;
}

/** A short name for /desa/<slug>: lower-case letters, digits and dashes, starting with a letter. */
export function slugOf(v: string | undefined): string | null {
  const s = clean(v).toLowerCase();
  if (!s) return null;
  const ok = s.length >= 3 && s.length <= 40 && /^[a-z][a-z0-9-]*$/.test(s) && !s.endsWith('-') && !s.includes('--');
  if (!ok) throw badRequest('site.slug', 'slug');
  return s;
}

/** A host name such as desahanura.id: labels of letters, digits and dashes (checked without a backtracking pattern). */
export function domainOf(v: string | undefined): string | null {
  const s = clean(v).toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '');
  if (!s) return null;
  const labels = s.split('.');
  const label = (l: string) => l.length >= 1 && l.length <= 63 && /^[a-z0-9-]+$/.test(l) && !l.startsWith('-') && !l.endsWith('-');
  if (s.length > 253 || labels.length < 2 || !labels.every(label) || /^[0-9]+$/.test(labels.at(-1)!)) throw badRequest('site.domain', 'domain');
  return s;
}

export async function siteEditorPage(ctx: UseCaseContext, villageInput: string) {
  const village = await villageInScope(ctx, villageInput, 'site.write');
  const code = village.village_code;
  const db = ctx.db.kysely;
  const [site, posts, photos, officials] = await Promise.all([
    repo.siteOf(db, code),
    db.selectFrom('site_posts').select(['id', 'kind', 'title', 'published_at', 'event_on', 'withdrawn_at']).where('village_code', '=', code)
      .orderBy('published_at', 'desc').orderBy('id', 'desc').limit(100).execute(),
    db.selectFrom('site_photos').select(['id', 'caption', 'official_id', 'created_at']).where('village_code', '=', code).where('withdrawn_at', 'is', null).orderBy('id', 'desc').limit(100).execute(),
    repo.officialsWithPortraits(db, code),
  ]);
  return { village, site: site ?? null, posts, photos, officials };
}

export interface SiteSettingsInput { slug?: string; domain?: string; tagline?: string; about?: string; history?: string; office_hours?: string }

export async function saveSiteSettings(ctx: UseCaseContext, villageInput: string, input: SiteSettingsInput) {
  const village = await villageInScope(ctx, villageInput, 'site.write');
  const code = village.village_code;
  const slug = slugOf(input.slug);
  const domain = domainOf(input.domain);
  const tagline = clean(input.tagline) ? text(input.tagline, 'tagline', 3, 160) : null;
  const officeHours = clean(input.office_hours) ? text(input.office_hours, 'office_hours', 3, 300) : null;
  const about = markdown(input.about, 'about', false);
  const history = markdown(input.history, 'history', false);
  const values = {
    slug, domain, tagline, office_hours: officeHours,
    about_md: about, about_html: about ? renderSafeMarkdown(about) : null,
    history_md: history, history_html: history ? renderSafeMarkdown(history) : null,
    updated_by: userIdOf(ctx.actor)!, updated_at: new Date(),
  };
  try {
    await writeWithAudit(ctx, async (trx, audit) => {
      await trx.insertInto('village_sites').values({ village_code: code, ...values })
        .onConflict((oc) => oc.column('village_code').doUpdateSet(values)).execute();
      await audit({ action: 'site.settings', villageCode: code, subject: `village:${code}`, detail: { slug, domain } });
    });
  } catch (err) {
    const index = violatedUniqueIndex(err);
    if (index?.includes('slug')) throw conflict('site.slug_taken', 'slug', { slug: slug ?? '' });
    if (index?.includes('domain')) throw conflict('site.domain_taken', 'domain', { domain: domain ?? '' });
    throw err;
  }
  forgetDomains();
}

export interface PostInput { kind?: string; title?: string; content?: string; event_on?: string; event_time?: string; event_place?: string }

function checkedPost(input: PostInput) {
  const kind = clean(input.kind) as SitePostKind;
  if (!POST_KINDS.includes(kind)) throw badRequest('validation.choice', 'kind');
  const title = text(input.title, 'title', 3, 150);
  const body = markdown(input.content, 'content', true)!;
  const eventOn = kind === 'agenda' ? dateOf(input.event_on, 'event_on') : null;
  const eventTime = kind === 'agenda' && clean(input.event_time) ? text(input.event_time, 'event_time', 1, 40) : null;
  const eventPlace = kind === 'agenda' && clean(input.event_place) ? text(input.event_place, 'event_place', 2, 200) : null;
  return { kind, title, body_md: body, body_html: renderSafeMarkdown(body), event_on: eventOn, event_time: eventTime, event_place: eventPlace };
}

export async function createPost(ctx: UseCaseContext, villageInput: string, input: PostInput) {
  const village = await villageInScope(ctx, villageInput, 'site.write');
  const code = village.village_code;
  const post = checkedPost(input);
  return writeWithAudit(ctx, async (trx, audit) => {
    const { id } = await trx.insertInto('site_posts').values({ village_code: code, ...post, created_by: userIdOf(ctx.actor)! }).returning('id').executeTakeFirstOrThrow();
    await audit({ action: 'site.post_create', villageCode: code, subject: `site_post:${id}`, detail: { kind: post.kind, title: post.title } });
    return { id: Number(id) };
  });
}

export async function postForEditing(ctx: UseCaseContext, villageInput: string, id: number) {
  const village = await villageInScope(ctx, villageInput, 'site.write');
  const post = await ctx.db.kysely.selectFrom('site_posts').selectAll().where('village_code', '=', village.village_code).where('id', '=', id).executeTakeFirst();
  if (!post) throw notFound('site.post_not_found');
  return { village, post };
}

export async function updatePost(ctx: UseCaseContext, villageInput: string, id: number, input: PostInput) {
  const village = await villageInScope(ctx, villageInput, 'site.write');
  const code = village.village_code;
  const post = checkedPost(input);
  return writeWithAudit(ctx, async (trx, audit) => {
    const done = await trx.updateTable('site_posts').set({ ...post, updated_by: userIdOf(ctx.actor)!, updated_at: new Date() })
      .where('village_code', '=', code).where('id', '=', id).where('withdrawn_at', 'is', null).returning('id').executeTakeFirst();
    if (!done) throw notFound('site.post_not_found');
    await audit({ action: 'site.post_update', villageCode: code, subject: `site_post:${done.id}`, detail: { kind: post.kind, title: post.title } });
  });
}

export async function withdrawPost(ctx: UseCaseContext, villageInput: string, id: number) {
  const village = await villageInScope(ctx, villageInput, 'site.write');
  const code = village.village_code;
  return writeWithAudit(ctx, async (trx, audit) => {
    const done = await trx.updateTable('site_posts').set({ withdrawn_at: new Date(), updated_by: userIdOf(ctx.actor)!, updated_at: new Date() })
      .where('village_code', '=', code).where('id', '=', id).where('withdrawn_at', 'is', null).returning(['id', 'title']).executeTakeFirst();
    if (!done) throw notFound('site.post_not_found');
    await audit({ action: 'site.post_withdraw', villageCode: code, subject: `site_post:${done.id}`, detail: { title: done.title } });
  });
}

/** A gallery photo, or an official's portrait (which replaces the one before). */
export async function addPhoto(ctx: UseCaseContext, villageInput: string, input: { caption?: string; official_id?: string }, photo: Uint8Array | null) {
  const village = await villageInScope(ctx, villageInput, 'site.write');
  const code = village.village_code;
  const caption = clean(input.caption) ? text(input.caption, 'caption', 2, 200) : null;
  const officialId = clean(input.official_id) ? parseId(clean(input.official_id)) : null;
  if (clean(input.official_id) && officialId === null) throw badRequest('validation.choice', 'official_id');
  if (!photo || photo.length === 0) throw badRequest('validation.required', 'photo');
  if (photo.length > PHOTO_MAX_BYTES) throw new AppError(413, 'file_too_large', 'projects.photo_size', { limit: '8 MB' }, 'photo');
  const out = await webPhoto(photo, false);
  if (out === 'not_a_photo') throw new AppError(415, 'unsupported_file', 'projects.photo_type', {}, 'photo');
  if (out === 'too_large') throw new AppError(413, 'file_too_large', 'projects.photo_pixels', {}, 'photo');
  const thumb = await thumbnail(out.bytes);
  return writeWithAudit(ctx, async (trx, audit) => {
    if (officialId !== null) {
      const official = await trx.selectFrom('village_officials').select('id').where('village_code', '=', code).where('id', '=', officialId).where('active', '=', true).executeTakeFirst();
      if (!official) throw badRequest('validation.choice', 'official_id');
      await trx.updateTable('site_photos').set({ withdrawn_at: new Date() }).where('village_code', '=', code).where('official_id', '=', officialId).where('withdrawn_at', 'is', null).execute();
    }
    const { id } = await trx.insertInto('site_photos').values({
      village_code: code, caption, official_id: officialId, bytes: out.bytes, thumb, type: 'image/jpeg', width: out.width, height: out.height, created_by: userIdOf(ctx.actor)!,
    }).returning('id').executeTakeFirstOrThrow();
    await audit({ action: 'site.photo_add', villageCode: code, subject: `site_photo:${id}`, detail: { official: officialId, caption } });
    return { id: Number(id) };
  });
}

export async function withdrawPhoto(ctx: UseCaseContext, villageInput: string, id: number) {
  const village = await villageInScope(ctx, villageInput, 'site.write');
  const code = village.village_code;
  return writeWithAudit(ctx, async (trx, audit) => {
    const done = await trx.updateTable('site_photos').set({ withdrawn_at: new Date() }).where('village_code', '=', code).where('id', '=', id)
      .where('withdrawn_at', 'is', null).returning('id').executeTakeFirst();
    if (!done) throw conflict('site.photo_not_found');
    await audit({ action: 'site.photo_withdraw', villageCode: code, subject: `site_photo:${done.id}` });
  });
}
