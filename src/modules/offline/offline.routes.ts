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
import { deviceKey } from './device-key.js';
import { registerOfflinePage } from './offline.pages.js';

/** The app's own files a device keeps for when the signal is gone (never a page with village data). */
const KEPT: StaticName[] = ['app.css', 'favicon.svg', 'outbox-store.js', 'offline.js', 'icon-192.png', 'icon-512.png'];

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
}
