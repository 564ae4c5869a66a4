import type { Context, Next } from 'hono';
import { can } from '../../platform/access/access.js';
import { access } from '../../platform/access/route-access.js';
import { allowLargeUpload } from '../../platform/http/app.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import { idParam } from '../../platform/http/id-param.js';
import type { Router } from '../../platform/http/router.js';
import * as site from './public-site.service.js';
import { addPhoto, createPost, postForEditing, saveSiteSettings, siteEditorPage, updatePost, withdrawPhoto, withdrawPost } from './site.service.js';
import { PostEditPage, SiteEditorPage } from './views/editor-pages.js';
import {
  SITE_HEADERS, SiteAboutPage, SiteAgendaPage, SiteContactPage, SiteGalleryPage, SiteHomePage, SiteInstitutionsPage, SiteNewsPage, SitePostPage,
} from './views/public-pages.js';
import { siteOrigin } from './views/site-layout.js';

type Status = 200 | 400 | 403 | 404 | 409 | 413 | 415;
const statusOf = (s: number): Status => ([400, 403, 404, 409, 413, 415].includes(s) ? (s as Status) : 400);
type Msg = { ok?: boolean; error?: string; values?: Record<string, string>; form?: string };
const CODE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;

/**
 * The village website, public: /desa/<slug-or-code> and its pages. /desa/<code> is also the
 * village office's page: an officer who may read it there gets the office; everyone else, the site.
 * The office keeps the site at /desa/<code>/situs.
 */
export function registerWebsitePages(app: Router) {
  const pub = access('public');
  const param = (c: Context<AppEnv>) => c.req.param('code')!;

  // Registered before the village office's page of the same path (which then checks its own access).
  app.get('/desa/:code', pub, async (c: Context<AppEnv>, next: Next) => {
    const actor = c.get('ctx').actor;
    if (actor?.kind === 'user' && CODE.test(param(c)) && can(actor, 'village.profile.read', param(c))) return next();
    return c.html(<SiteHomePage c={c} view={await site.siteHome(c.get('ctx'), param(c))} />, 200, SITE_HEADERS(c));
  });
  app.get('/desa/:code/beranda', pub, async (c) => c.html(<SiteHomePage c={c} view={await site.siteHome(c.get('ctx'), param(c))} />, 200, SITE_HEADERS(c)));
  app.get('/desa/:code/berita', pub, async (c) => c.html(<SiteNewsPage c={c} view={await site.sitePosts(c.get('ctx'), param(c), c.req.query('halaman'))} />, 200, SITE_HEADERS(c)));
  app.get('/desa/:code/berita/:id{[0-9]+}', pub, async (c) => c.html(<SitePostPage c={c} view={await site.sitePost(c.get('ctx'), param(c), idParam(c))} />, 200, SITE_HEADERS(c)));
  app.get('/desa/:code/agenda', pub, async (c) => c.html(<SiteAgendaPage c={c} view={await site.siteAgenda(c.get('ctx'), param(c))} />, 200, SITE_HEADERS(c)));
  app.get('/desa/:code/galeri', pub, async (c) => c.html(<SiteGalleryPage c={c} view={await site.siteGallery(c.get('ctx'), param(c))} />, 200, SITE_HEADERS(c)));
  app.get('/desa/:code/tentang', pub, async (c) => c.html(<SiteAboutPage c={c} view={await site.siteAbout(c.get('ctx'), param(c))} />, 200, SITE_HEADERS(c)));
  app.get('/desa/:code/lembaga', pub, async (c) => c.html(<SiteInstitutionsPage c={c} view={await site.siteInstitutions(c.get('ctx'), param(c))} />, 200, SITE_HEADERS(c)));
  app.get('/desa/:code/kontak', pub, async (c) => c.html(<SiteContactPage c={c} view={await site.siteContact(c.get('ctx'), param(c))} />, 200, SITE_HEADERS(c)));
  app.get('/desa/:code/foto/:id{[0-9]+}', pub, async (c) => {
    const photo = await site.sitePhoto(c.get('ctx'), param(c), idParam(c), c.req.query('kecil') === '1');
    // A photo never changes under its id (a new one gets a new id), so a phone keeps it a day.
    return c.body(photo.bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': photo.type, 'cache-control': 'public, max-age=86400', 'x-content-type-options': 'nosniff' });
  });
  app.get('/desa/:code/sitemap.xml', pub, async (c) => {
    const view = await site.siteMap(c.get('ctx'), param(c));
    const origin = siteOrigin(c, view);
    const pages = ['', '/berita', '/agenda', '/wisata', '/galeri', '/tentang', '/lembaga', '/kontak'].map((p) => `<url><loc>${origin}${view.base}${p}</loc></url>`);
    const posts = view.posts.map((p) => `<url><loc>${origin}${view.base}/berita/${p.id}</loc><lastmod>${new Date(p.updated_at).toISOString().slice(0, 10)}</lastmod></url>`);
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${[...pages, ...posts].join('')}</urlset>\n`;
    return c.body(xml, 200, { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=3600' });
  });

  // The office's editor.
  const write = access({ permission: 'site.write', scope: 'village' });
  const code = (c: Context<AppEnv>) => c.req.param('code')!;
  const editor = async (c: Context<AppEnv>, msg: Msg = {}, status: Status = 200) =>
    c.html(<SiteEditorPage c={c} view={await siteEditorPage(c.get('ctx'), code(c))} msg={msg} />, status);
  const postPage = async (c: Context<AppEnv>, msg: Msg = {}, status: Status = 200) =>
    c.html(<PostEditPage c={c} view={await postForEditing(c.get('ctx'), code(c), idParam(c))} msg={msg} />, status);
  const back = (c: Context<AppEnv>) => c.redirect(`/desa/${code(c)}/situs?ok=1`, 303);

  app.get('/desa/:code/situs', write, (c) => editor(c, { ok: c.req.query('ok') === '1' }));
  const step = (path: string, form: string, work: (c: Context<AppEnv>, f: Record<string, string>) => Promise<unknown>) =>
    app.post(`/desa/:code/situs${path}`, write, async (c) => {
      const f = await formFields(c);
      try {
        await work(c, f);
        return back(c);
      } catch (err) {
        const p = formProblem(c, err);
        return editor(c, { error: p.message, values: f, form }, statusOf(p.status));
      }
    });
  step('', 'settings', (c, f) => saveSiteSettings(c.get('ctx'), code(c), f));
  step('/tulisan', 'post', (c, f) => createPost(c.get('ctx'), code(c), f));
  step('/foto/:id{[0-9]+}/tarik', 'photo', (c) => withdrawPhoto(c.get('ctx'), code(c), idParam(c)));

  app.get('/desa/:code/situs/tulisan/:id{[0-9]+}', write, (c) => postPage(c));
  app.post('/desa/:code/situs/tulisan/:id{[0-9]+}', write, async (c) => {
    const f = await formFields(c);
    try {
      await updatePost(c.get('ctx'), code(c), idParam(c), f);
      return back(c);
    } catch (err) {
      const p = formProblem(c, err);
      return postPage(c, { error: p.message, values: f }, statusOf(p.status));
    }
  });
  app.post('/desa/:code/situs/tulisan/:id{[0-9]+}/tarik', write, async (c) => {
    await withdrawPost(c.get('ctx'), code(c), idParam(c));
    return back(c);
  });

  allowLargeUpload(/^\/desa\/[^/]+\/situs\/foto$/);
  app.post('/desa/:code/situs/foto', write, async (c) => {
    const body = await c.req.parseBody();
    const fields = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    const photo = body.photo instanceof File && body.photo.size > 0 ? new Uint8Array(await body.photo.arrayBuffer()) : null;
    try {
      await addPhoto(c.get('ctx'), code(c), fields, photo);
      return back(c);
    } catch (err) {
      const p = formProblem(c, err);
      return editor(c, { error: p.message, form: 'photo' }, statusOf(p.status));
    }
  });
}
