import { createRoute, z } from '@hono/zod-openapi';
import { access } from '../../platform/access/route-access.js';
import { errorResponse, jsonResponse } from '../../platform/http/openapi.js';
import type { Router } from '../../platform/http/router.js';
import { plainExcerpt } from '../../platform/markdown/safe-markdown.js';
import { RegionCodeParam } from '../regions/regions.schema.js';
import { siteAgenda, sitePosts } from './public-site.service.js';

const tags = ['Situs desa'];
const errors = { 400: errorResponse('Bad input, naming the field'), 404: errorResponse('Not found') };
const Any = z.record(z.string(), z.unknown());

/**
 * The village website's news and agenda as data, for a regency or province portal that shows
 * its villages' news: public, like the pages; the HTML is the safe HTML the pages show.
 */
export function registerWebsiteRoutes(app: Router) {
  app.openapi(createRoute({ middleware: [access('public')], method: 'get', path: '/api/v1/public/villages/{code}/posts', tags, summary: 'The village website\'s news and announcements, newest first, 10 a page (?halaman)', request: { params: RegionCodeParam, query: z.object({ halaman: z.string().max(4).optional() }) }, responses: { 200: jsonResponse(Any, 'Posts'), ...errors } }), async (c) => {
    const v = await sitePosts(c.get('ctx'), c.req.valid('param').code, c.req.valid('query').halaman);
    return c.json({ data: {
      page: v.page, pages: v.pages,
      posts: v.posts.map((p) => ({ id: Number(p.id), kind: p.kind, title: p.title, excerpt: plainExcerpt(p.body_md), published_at: p.published_at, url: `${v.base}/berita/${p.id}` })),
    } }, 200);
  });
  app.openapi(createRoute({ middleware: [access('public')], method: 'get', path: '/api/v1/public/villages/{code}/agenda', tags, summary: 'The village\'s coming events (and the last ten past ones)', request: { params: RegionCodeParam }, responses: { 200: jsonResponse(Any, 'Agenda'), ...errors } }), async (c) => {
    const v = await siteAgenda(c.get('ctx'), c.req.valid('param').code);
    const item = (a: (typeof v.upcoming)[number]) => ({ id: Number(a.id), title: a.title, on: a.event_on, time: a.event_time, place: a.event_place, url: `${v.base}/berita/${a.id}` });
    return c.json({ data: { upcoming: v.upcoming.map(item), past: v.past.map(item) } }, 200);
  });
}
