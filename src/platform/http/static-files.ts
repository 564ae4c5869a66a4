import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'hono';
import { access } from '../access/route-access.js';
import { projectRoot } from '../paths.js';
import type { Router } from './router.js';

/**
 * The files in web/, each under a URL that carries a hash of its content
 * (`/static/app.3f9a1c2b7d.css`): a browser may keep it for a year, because a changed file
 * gets a new URL. The plain name still answers, revalidated by ETag, for old pages.
 */
interface StaticFile {
  name: string;
  url: string;
  type: string;
  body: Buffer;
  etag: string;
}

const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
};
const FILES = ['app.css', 'kiosk.js', 'favicon.svg', 'outbox-store.js', 'offline.js', 'offline-register.js', 'icon-192.png', 'icon-512.png', 'attendance.js', 'upload-progress.js'] as const;
export type StaticName = (typeof FILES)[number];

const YEAR = 'public, max-age=31536000, immutable';
const REVALIDATE = 'public, max-age=300';

const files = new Map<StaticName, StaticFile>(
  FILES.map((name) => {
    const body = readFileSync(join(projectRoot, 'web', name));
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
    const dot = name.lastIndexOf('.');
    const ext = name.slice(dot + 1);
    return [name, { name, url: `/static/${name.slice(0, dot)}.${hash}.${ext}`, type: TYPES[ext]!, body, etag: `"${hash}"` }];
  }),
);

/** The URL to put in a page for a file of web/. */
export const assetUrl = (name: StaticName): string => files.get(name)!.url;

function send(c: Context, file: StaticFile, cacheControl: string) {
  const headers = { 'content-type': file.type, 'cache-control': cacheControl, etag: file.etag };
  if (c.req.header('if-none-match') === file.etag) return c.body(null, 304, headers);
  return c.body(new Uint8Array(file.body), 200, headers);
}

export function registerStaticFiles(router: Router) {
  for (const file of files.values()) {
    router.get(file.url, access('public'), (c) => send(c, file, YEAR));
    router.get(`/static/${file.name}`, access('public'), (c) => send(c, file, REVALIDATE));
  }
  // Browsers and bookmarks still ask for /favicon.ico on their own: point them at the icon.
  router.get('/favicon.ico', access('public'), (c) => c.redirect(assetUrl('favicon.svg'), 301));
}
