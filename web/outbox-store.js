// What an officer sent while the signal was gone, kept on the device until it can be sent:
// IndexedDB, each entry encrypted (AES-GCM) with a key the server gave this account, which
// expires. Shared by the page (offline.js) and the service worker (sw.js).
(() => {
  const DB = 'balai-luring';
  const KEYS = 'keys';
  const ITEMS = 'outbox';
  const COPIES = 'copies';

  const open = () =>
    new Promise((resolve, reject) => {
      const r = indexedDB.open(DB, 2);
      r.onupgradeneeded = () => {
        const stores = r.result.objectStoreNames;
        if (!stores.contains(KEYS)) r.result.createObjectStore(KEYS, { keyPath: 'id' });
        if (!stores.contains(ITEMS)) r.result.createObjectStore(ITEMS, { keyPath: 'id', autoIncrement: true });
        if (!stores.contains(COPIES)) r.result.createObjectStore(COPIES, { keyPath: 'village' });
      };
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });

  /** One transaction on one store; resolves with the request's result once it has committed. */
  const run = (store, mode, work) =>
    open().then(
      (db) =>
        new Promise((resolve, reject) => {
          const t = db.transaction(store, mode);
          const req = work(t.objectStore(store));
          t.oncomplete = () => {
            db.close();
            resolve(req ? req.result : undefined);
          };
          t.onerror = () => {
            db.close();
            reject(t.error);
          };
        }),
    );

  const all = (store) => run(store, 'readonly', (s) => s.getAll());
  // Every tab (and the service worker) hears of a change, so each indicator stays true.
  const channel = 'BroadcastChannel' in self ? new BroadcastChannel('balai-luring') : null;
  const changed = () => channel && channel.postMessage('changed');
  const text = new TextEncoder();
  const untext = new TextDecoder();

  async function currentKey() {
    const now = Date.now();
    return (await all(KEYS)).filter((k) => k.expires > now).sort((a, b) => b.expires - a.expires)[0] || null;
  }

  /** The key as the server sent it (base64url), kept as a CryptoKey that cannot be read back out. */
  async function saveKey(id, base64url, expires) {
    const raw = Uint8Array.from(atob(base64url.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
    await run(KEYS, 'readwrite', (s) => s.put({ id, key, expires }));
  }

  async function seal(key, value) {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    return { iv, data: await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, text.encode(JSON.stringify(value))) };
  }

  async function unseal(key, box) {
    return JSON.parse(untext.decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: box.iv }, key, box.data)));
  }

  /** Keeps a form as sent ({ url, body, at }); false when no live key is on this device. */
  async function keep(entry) {
    const k = await currentKey();
    if (!k) return false;
    const box = await seal(k.key, entry);
    await run(ITEMS, 'readwrite', (s) => s.add({ keyId: k.id, at: entry.at, failed: false, ...box }));
    changed();
    return true;
  }

  /** Every entry this device can still open, oldest first, with its error if sending it failed. */
  async function list() {
    const keys = new Map((await all(KEYS)).map((k) => [k.id, k]));
    const out = [];
    for (const item of (await all(ITEMS)).sort((a, b) => a.id - b.id)) {
      const k = keys.get(item.keyId);
      if (!k) continue;
      try {
        const entry = await unseal(k.key, item);
        const error = item.error ? await unseal(k.key, item.error) : null;
        out.push({ id: item.id, failed: item.failed, error, ...entry });
      } catch {
        // A damaged entry cannot be read; it stays for the officer to see the count.
      }
    }
    return out;
  }

  /** Marks an entry refused by the server, keeping what was typed and why (encrypted too). */
  async function markFailed(id, message) {
    const item = await run(ITEMS, 'readonly', (s) => s.get(id));
    const k = item && (await all(KEYS)).find((x) => x.id === item.keyId);
    if (!k) return;
    const error = await seal(k.key, message);
    await run(ITEMS, 'readwrite', (s) => s.put({ ...item, failed: true, error }));
    changed();
  }

  const remove = (id) => run(ITEMS, 'readwrite', (s) => s.delete(id)).then(changed);
  const count = async () => (await all(ITEMS)).length;
  /** How many wait to be sent and how many the server refused (no decryption needed). */
  const tally = async () => {
    const items = await all(ITEMS);
    return { waiting: items.filter((i) => !i.failed).length, refused: items.filter((i) => i.failed).length };
  };

  /** The village's copy for working offline (residents, letter types), sealed like the entries. */
  async function saveCopy(village, copy) {
    const k = await currentKey();
    if (!k) return false;
    const box = await seal(k.key, copy);
    await run(COPIES, 'readwrite', (s) => s.put({ village, keyId: k.id, at: Date.now(), ...box }));
    return true;
  }

  /** When each village's copy was fetched (no data): to know whether to fetch it again. */
  const copies = async () => (await all(COPIES)).map((c) => ({ village: c.village, at: c.at }));

  async function loadCopy(village) {
    const item = await run(COPIES, 'readonly', (s) => s.get(village));
    const k = item && (await all(KEYS)).find((x) => x.id === item.keyId && x.expires > Date.now());
    return k ? { at: item.at, ...(await unseal(k.key, item)) } : null;
  }

  /** Drops expired keys and everything sealed with them: nothing stays readable past its key. */
  async function wipeExpired() {
    const now = Date.now();
    const dead = (await all(KEYS)).filter((k) => k.expires <= now).map((k) => k.id);
    if (!dead.length) return;
    const items = (await all(ITEMS)).filter((i) => dead.includes(i.keyId)).map((i) => i.id);
    await run(ITEMS, 'readwrite', (s) => items.forEach((id) => s.delete(id)));
    const stale = (await all(COPIES)).filter((c) => dead.includes(c.keyId)).map((c) => c.village);
    await run(COPIES, 'readwrite', (s) => stale.forEach((v) => s.delete(v)));
    await run(KEYS, 'readwrite', (s) => dead.forEach((id) => s.delete(id)));
    changed();
  }

  /** Everything on this device, at logout. */
  const wipe = () =>
    new Promise((resolve) => {
      const r = indexedDB.deleteDatabase(DB);
      r.onsuccess = r.onerror = r.onblocked = () => resolve();
    });

  /** Calls `listener` whenever another tab or the service worker changes the kept entries. */
  const onChange = (listener) => channel && channel.addEventListener('message', listener);

  self.BalaiOutbox = { currentKey, saveKey, keep, list, markFailed, remove, count, tally, saveCopy, copies, loadCopy, wipeExpired, wipe, onChange };
})();
