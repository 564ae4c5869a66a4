// Balai's service worker (served at /sw.js with this installation's file names filled in).
// Hand-written rather than Workbox: it does three things — keep the app's own files and the two
// luring pages (empty shells: their data is sealed in IndexedDB), show the luring page when a
// page cannot load, and keep a form whose sending failed — and Workbox
// would add a build step and several times this code for them.
/* global BALAI_VERSION, BALAI_PRECACHE, BALAI_STORE */
importScripts(BALAI_STORE);

const CACHE = `balai-${BALAI_VERSION}`;
const OFFLINE = '/luring';
const REGISTER = '/luring/penduduk';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll([OFFLINE, REGISTER, ...BALAI_PRECACHE])).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('balai-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  // The app's own files: their names carry their content's hash, so a kept copy is the file.
  if (req.method === 'GET' && url.pathname.startsWith('/static/')) {
    event.respondWith(caches.match(req).then((hit) => hit || fetch(req)));
    return;
  }
  if (req.mode !== 'navigate') return;
  // Pages always come from the server (they hold village data, which is never kept here);
  // without a connection, the luring page instead.
  if (req.method === 'GET') event.respondWith(fetch(req).catch(() => caches.match(url.pathname === REGISTER ? REGISTER : OFFLINE)));
  else if (req.method === 'POST') event.respondWith(sendOrKeep(req));
});

/**
 * A form sent while the connection is gone: kept (encrypted) when it can be replayed safely —
 * a plain form with an idempotency key, so the server applies it once however often it
 * arrives — and the officer is shown the waiting list.
 */
async function sendOrKeep(req) {
  const copy = req.clone();
  try {
    return await fetch(req);
  } catch {
    const type = copy.headers.get('content-type') || '';
    const body = await copy.text();
    const replayable = type.startsWith('application/x-www-form-urlencoded') && new URLSearchParams(body).get('idempotency_key');
    let kept = false;
    if (replayable) {
      try {
        kept = await self.BalaiOutbox.keep({ url: req.url, body, at: Date.now() });
      } catch {
        kept = false;
      }
    }
    return Response.redirect(`${OFFLINE}?${kept ? 'disimpan' : 'tidak-tersimpan'}=1`, 303);
  }
}
