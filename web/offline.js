// The officer's pages when the signal comes and goes: the online/offline indicator, the key
// that seals what is kept on the device, sending the kept forms again when the connection is
// back (each once: the server knows their idempotency keys), the waiting list on /luring,
// and wiping the device at logout. The pages work without it when online.
(() => {
  const O = self.BalaiOutbox;
  if (!O || !('indexedDB' in self) || !self.crypto || !crypto.subtle) return;
  const en = document.documentElement.lang === 'en';
  const say = (id, en_) => (en ? en_ : id);

  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => {});

  // The indicator, in the header: online or not, and how many changes wait on this device.
  const header = document.querySelector('header.top');
  const badge = document.createElement('a');
  badge.className = 'net';
  badge.href = '/luring';
  badge.setAttribute('role', 'status');
  if (header) header.insertBefore(badge, header.lastElementChild);
  let sending = false;
  async function paint() {
    const n = await O.tally().catch(() => ({ waiting: 0, refused: 0 }));
    const on = navigator.onLine;
    badge.dataset.state = on ? 'on' : 'off';
    badge.textContent =
      (on ? say('Daring', 'Online') : say('Luring', 'Offline')) +
      (sending ? say(' · mengirim…', ' · sending…') : n.waiting ? say(` · ${n.waiting} menunggu`, ` · ${n.waiting} waiting`) : '') +
      (n.refused ? say(` · ${n.refused} ditolak`, ` · ${n.refused} refused`) : '');
  }

  /** Asks the server for this account's key (and the session's form token); null without a session or a connection. */
  async function session() {
    try {
      const r = await fetch('/api/v1/auth/device-key', { credentials: 'same-origin', cache: 'no-store' });
      if (!r.ok) return { signedIn: r.status !== 401 ? null : false };
      const { data } = await r.json();
      const have = await O.currentKey();
      if (!have || have.id !== data.key_id) await O.saveKey(data.key_id, data.key, Date.parse(data.expires_at));
      return { signedIn: true, csrf: data.csrf };
    } catch {
      return { signedIn: null };
    }
  }

  /** The first error the server's page shows, to keep beside the entry (or that it asks for a check first). */
  const errorOf = (html) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const notice = doc.querySelector('.notice.error, [role=alert]');
    if (notice) return notice.textContent.trim();
    if (doc.querySelector('input[name=confirm][value="1"]'))
      return say('Perlu diperiksa dulu: buka lagi halaman itu dan simpan saat daring.', 'Needs a check first: open the page again and save it online.');
    return say('Ditolak server.', 'Refused by the server.');
  };

  // A death is recorded after a check page, which cannot open without a connection: offline,
  // the officer confirms here instead, and the form goes as confirmed.
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (navigator.onLine || !(form instanceof HTMLFormElement) || !/\/kematian$/.test(form.action) || form.querySelector('input[name=confirm]')) return;
    if (!confirm(say('Tidak ada sinyal. Kematian tidak dapat dibatalkan: catat kematian ini saat sinyal kembali?', 'No connection. A death cannot be undone: record it when the connection is back?'))) {
      event.preventDefault();
      return;
    }
    const c = document.createElement('input');
    c.type = 'hidden';
    c.name = 'confirm';
    c.value = '1';
    form.append(c);
  });

  /** Sends every waiting entry, oldest first; stops at the first that cannot reach the server. */
  async function replay() {
    if (sending || !navigator.onLine) return;
    const waiting = (await O.list()).filter((e) => !e.failed);
    if (!waiting.length) return;
    sending = true;
    paint();
    try {
      const s = await session();
      if (!s.signedIn) {
        if (s.signedIn === false) note(say('Masuk lagi untuk mengirim perubahan yang menunggu.', 'Log in again to send the waiting changes.'));
        return;
      }
      for (const entry of waiting) {
        const body = new URLSearchParams(entry.body);
        body.set('_csrf', s.csrf);
        let r;
        try {
          r = await fetch(entry.url, { method: 'POST', body, credentials: 'same-origin', redirect: 'manual' });
        } catch {
          return; // the connection dropped again: the rest waits
        }
        if (r.type === 'opaqueredirect' || (r.status >= 300 && r.status < 400)) await O.remove(entry.id);
        else if (r.status === 200 || r.status === 400 || r.status === 404 || r.status === 409 || r.status === 422) await O.markFailed(entry.id, errorOf(await r.text()));
        else return; // session gone, or the server is in trouble: try again later
      }
    } finally {
      sending = false;
      await paint();
      if (location.pathname === '/luring') await showList();
    }
  }

  /**
   * On a village's pages, its copy for working offline is fetched again when it is older than
   * twelve hours (residents and letter types: about 200 KB compressed for 10,000 residents).
   */
  const COPY_AGE_MS = 12 * 3600000;
  async function refreshCopy() {
    const m = /^\/desa\/(\d{2}\.\d{2}\.\d{2}\.\d{4})(\/|$)/.exec(location.pathname);
    if (!m || !(await O.currentKey())) return;
    const have = (await O.copies()).find((c) => c.village === m[1]);
    const refused = `balai-copy-refused-${m[1]}`;
    if ((have && Date.now() - have.at < COPY_AGE_MS) || sessionStorage.getItem(refused)) return;
    try {
      const r = await fetch(`/api/v1/villages/${m[1]}/offline-copy`, { credentials: 'same-origin', cache: 'no-store' });
      if (r.ok) await O.saveCopy(m[1], (await r.json()).data);
      else if (r.status === 403) sessionStorage.setItem(refused, '1'); // this role keeps no register
    } catch {
      // no connection after all: the old copy stays
    }
  }

  function note(text) {
    const main = document.querySelector('main');
    if (!main) return;
    const p = document.createElement('p');
    p.className = 'notice warn';
    p.setAttribute('role', 'status');
    p.textContent = text;
    main.insertBefore(p, main.children[1] || null);
  }

  // What a kept form was, in words, from where it was going.
  const KINDS = [
    [/\/penduduk\/baru$/, 'Pendaftaran penduduk', 'New resident'],
    [/\/kelahiran$/, 'Kelahiran', 'Birth'],
    [/\/kematian$/, 'Kematian', 'Death'],
    [/\/pindah[a-z-]*$/, 'Pindah', 'Move'],
    [/\/surat\/baru$/, 'Permohonan surat', 'Letter request'],
    [/\/pengaduan/, 'Pengaduan', 'Complaint'],
  ];
  const HIDDEN = new Set(['_csrf', 'idempotency_key']);
  function describe(entry) {
    const path = new URL(entry.url).pathname;
    const kind = KINDS.find(([re]) => re.test(path));
    const fields = [...new URLSearchParams(entry.body)].filter(([k, v]) => !HIDDEN.has(k) && v).map(([k, v]) => `${k}: ${v}`);
    return { title: kind ? (en ? kind[2] : kind[1]) : path, fields };
  }

  /** The waiting list on /luring: every kept entry, with what was typed and, if refused, why. */
  async function showList() {
    const box = document.getElementById('antrean');
    if (!box) return;
    const entries = await O.list();
    box.replaceChildren();
    if (!entries.length) {
      const p = document.createElement('p');
      p.textContent = say('Tidak ada perubahan yang menunggu di perangkat ini.', 'No changes are waiting on this device.');
      box.append(p);
      return;
    }
    const ul = document.createElement('ul');
    ul.className = 'cards';
    for (const e of entries) {
      const d = describe(e);
      const li = document.createElement('li');
      const h = document.createElement('strong');
      h.textContent = d.title;
      const when = document.createElement('small');
      when.textContent = ` · ${new Date(e.at).toLocaleString(en ? 'en-GB' : 'id-ID')} · ${e.failed ? say('ditolak', 'refused') : say('menunggu', 'waiting')}`;
      li.append(h, when);
      if (e.failed) {
        const err = document.createElement('p');
        err.className = 'notice error';
        err.textContent = e.error;
        const drop = document.createElement('button');
        drop.type = 'button';
        drop.textContent = say('Hapus dari perangkat (sudah dicatat ulang)', 'Remove from this device (entered again)');
        drop.addEventListener('click', async () => {
          await O.remove(e.id);
          await paint();
          await showList();
        });
        li.append(err, drop);
      }
      const fields = document.createElement('p');
      fields.textContent = d.fields.join(' · ');
      li.append(fields);
      ul.append(li);
    }
    box.append(ul);
  }

  // At logout everything kept on the device goes, after a warning if something still waits.
  for (const form of document.querySelectorAll('form[action="/keluar"]')) {
    form.addEventListener('submit', async (event) => {
      if (form.dataset.wiped) return;
      event.preventDefault();
      const n = await O.count().catch(() => 0);
      if (n && !confirm(say(`${n} perubahan belum terkirim dan akan dihapus dari perangkat ini. Tetap keluar?`, `${n} changes were not sent and will be removed from this device. Log out anyway?`))) return;
      await O.wipe();
      form.dataset.wiped = '1';
      form.submit();
    });
  }

  if (location.pathname === '/luring') {
    const q = new URLSearchParams(location.search);
    if (q.has('disimpan')) note(say('Tidak ada sinyal: isian disimpan di perangkat ini dan dikirim otomatis saat sinyal kembali.', 'No connection: the form was kept on this device and will be sent when the connection is back.'));
    if (q.has('tidak-tersimpan')) note(say('Tidak ada sinyal dan isian ini tidak bisa disimpan di perangkat. Catat di kertas, lalu masukkan lagi saat sinyal kembali.', 'No connection, and this form could not be kept on the device. Note it on paper and enter it again later.'));
    const again = document.getElementById('kirim-ulang');
    if (again) again.addEventListener('click', () => replay());
  }

  O.onChange(async () => {
    await paint();
    if (location.pathname === '/luring') await showList();
  });
  window.addEventListener('online', () => replay().then(paint));
  window.addEventListener('offline', paint);
  // The signal may come back without an 'online' event (or a first try may fail): try again now and then.
  setInterval(() => replay().catch(() => {}), 15000);
  O.wipeExpired()
    .catch(() => {})
    .then(async () => {
      await paint();
      if (location.pathname === '/luring') await showList();
      // Keep a live key on the device while signed in (a new one two days before it expires), then send what waits.
      if (navigator.onLine) {
        const key = await O.currentKey();
        const signedIn = !!document.querySelector('form[action="/keluar"]');
        if (signedIn && (!key || key.expires - Date.now() < 2 * 86400000)) await session();
        await replay();
        if (signedIn) await refreshCopy();
      }
    });
})();
