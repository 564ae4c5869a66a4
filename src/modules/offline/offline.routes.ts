import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRoute, z } from '@hono/zod-openapi';
import { access } from '../../platform/access/route-access.js';
import { unauthenticated } from '../../platform/http/errors.js';
import { errorResponse, jsonResponse } from '../../platform/http/openapi.js';
import type { Router } from '../../platform/http/router.js';
import { assetUrl, type StaticName } from '../../platform/http/static-files.js';
import { projectRoot } from '../../platform/paths.js';
import { RegionCodeParam } from '../regions/regions.schema.js';
import { deviceKey } from './device-key.js';
import { offlineCopy } from './offline-copy.service.js';
import { registerOfflinePage } from './offline.pages.js';

/** The app's own files a device keeps for when the signal is gone (never a page with village data). */
const KEPT: StaticName[] = ['app.css', 'favicon.svg', 'outbox-store.js', 'offline.js', 'offline-register.js', 'icon-192.png', 'icon-512.png'];

/** The service worker with this build's file names; its version changes whenever one of them does. */
function serviceWorker(): string {
  const source = readFileSync(join(projectRoot, 'web', 'sw.js'), 'utf8');
  const precache = KEPT.map(assetUrl);
  const version = createHash('sha256').update(source).update(precache.join()).digest('hex').slice(0, 10);
  return `const BALAI_VERSION = ${JSON.stringify(version)};\nconst BALAI_PRECACHE = ${JSON.stringify(precache)};\nconst BALAI_STORE = ${JSON.stringify(assetUrl('outbox-store.js'))};\n${source}`;
}

const manifest = () => ({
  name: 'Balai — Sistem Informasi Desa',
  short_name: 'Balai',
  description: 'Pelayanan, kependudukan, perencanaan dan pemantauan desa.',
  lang: 'id',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  background_color: '#f6f8f7',
  theme_color: '#0b6e4f',
  icons: [
    { src: assetUrl('icon-192.png'), sizes: '192x192', type: 'image/png', purpose: 'any maskable' },
    { src: assetUrl('icon-512.png'), sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
    { src: assetUrl('favicon.svg'), sizes: 'any', type: 'image/svg+xml' },
  ],
});

const DeviceKeySchema = z.object({
  key_id: z.string(),
  key: z.string().openapi({ description: '32 bytes, base64url: the AES-GCM key that seals forms kept on this device' }),
  expires_at: z.string().openapi({ description: 'after this the device wipes what it sealed with the key' }),
  csrf: z.string().openapi({ description: 'the session\'s form token, for sending kept forms again' }),
});

export function registerOfflineRoutes(router: Router) {
  const sw = serviceWorker();
  router.get('/sw.js', access('public'), (c) =>
    c.body(sw, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }),
  );
  const webManifest = JSON.stringify(manifest());
  router.get('/manifest.webmanifest', access('public'), (c) =>
    c.body(webManifest, 200, { 'content-type': 'application/manifest+json; charset=utf-8', 'cache-control': 'public, max-age=300' }),
  );
  registerOfflinePage(router);

  router.openapi(
    createRoute({
      middleware: [access('officer')],
      method: 'get', path: '/api/v1/auth/device-key', tags: ['Akun'],
      summary: 'The key this officer\'s devices seal forms kept offline with, and the session\'s form token',
      responses: { 200: jsonResponse(z.object({ data: DeviceKeySchema }), 'The key'), 401: errorResponse('Not logged in'), 403: errorResponse('Not an officer') },
    }),
    async (c) => {
      const { actor, db } = c.get('ctx');
      const session = c.get('session');
      if (!actor || !session) throw unauthenticated();
      return c.json({ data: { ...(await deviceKey(db.kysely, actor.id)), csrf: session.csrfToken } }, 200);
    },
  );

  router.openapi(
    createRoute({
      middleware: [access({ permission: 'population.read', scope: 'village' })],
      method: 'get', path: '/api/v1/villages/{code}/offline-copy', tags: ['Penduduk'],
      summary: 'The copy an officer\'s device keeps to work offline: residents holding their NIK here (compact rows) and the active letter types; logged as a read',
      request: { params: RegionCodeParam },
      responses: {
        200: jsonResponse(z.object({ data: z.object({
          village: z.string(), generated_at: z.string(),
          residents: z.object({ columns: z.array(z.string()), rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))) }),
          letter_types: z.array(z.object({ code: z.string(), title: z.string(), fields: z.array(z.any()) })),
          reporter_relations: z.array(z.string()),
        }) }), 'The copy'),
        401: errorResponse('Not logged in'), 403: errorResponse('Not this village\'s officer'), 404: errorResponse('No such village'),
      },
    }),
    async (c) => c.json({ data: await offlineCopy(c.get('ctx'), c.req.valid('param').code) }, 200),
  );
}
