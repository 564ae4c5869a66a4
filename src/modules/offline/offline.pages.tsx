import type { Child } from 'hono/jsx';
import { access } from '../../platform/access/route-access.js';
import type { Router } from '../../platform/http/router.js';
import { assetUrl, type StaticName } from '../../platform/http/static-files.js';
import { Document } from '../../platform/http/views/document.js';

/**
 * The two pages a device keeps for when the signal is gone (issue 15). The service worker
 * stores them, so they hold nothing of any account or village: what they list is read on the
 * device, from what it sealed (offline.js, offline-register.js).
 */
function Shell({ title, scripts, children }: { title: string; scripts: StaticName[]; children: Child }) {
  return (
    <Document
      lang="id"
      title={`${title} · Balai`}
      head={
        <>
          <meta name="theme-color" content="#0b6e4f" />
          <link rel="manifest" href="/manifest.webmanifest" />
          {scripts.map((s) => <script src={assetUrl(s)} defer></script>)}
        </>
      }
    >
      <header class="top">
        <a class="brand" href="/">Balai</a>
        <span></span>
      </header>
      <nav class="menu" aria-label="Luring">
        <a href="/luring">Menunggu sinyal</a>
        <a href="/luring/penduduk">Penduduk (salinan)</a>
        <a href="/">Beranda</a>
      </nav>
      <main>
        <h1>{title}</h1>
        {children}
        <p class="guide"><a href="/panduan/luring">Panduan: bekerja tanpa sinyal</a></p>
      </main>
    </Document>
  );
}

export function registerOfflinePage(router: Router) {
  router.get('/luring', access('public'), (c) => {
    c.header('cache-control', 'no-cache');
    return c.html(
      <Shell title="Perubahan yang menunggu sinyal" scripts={['outbox-store.js', 'offline.js']}>
        <p>
          Bila sinyal hilang saat Anda menyimpan pendaftaran penduduk, kelahiran, kematian, pindah atau permohonan surat, isian
          disimpan di perangkat ini (terkunci dengan kunci akun Anda) dan dikirim sendiri saat sinyal kembali — sekali saja.
        </p>
        <div id="antrean">
          <p>Memuat daftar…</p>
          <noscript><p>Daftar ini memerlukan JavaScript.</p></noscript>
        </div>
        <p><button type="button" id="kirim-ulang">Kirim sekarang</button></p>
      </Shell>,
    );
  });

  router.get('/luring/penduduk', access('public'), (c) => {
    c.header('cache-control', 'no-cache');
    return c.html(
      <Shell title="Penduduk dari salinan di perangkat" scripts={['outbox-store.js', 'offline.js', 'offline-register.js']}>
        <p id="salinan">Memuat salinan…</p>
        <noscript><p>Halaman ini memerlukan JavaScript.</p></noscript>
        <label>Cari nama atau NIK (paling sedikit 3 huruf)
          <input id="cari" type="search" autocomplete="off" />
        </label>
        <ul id="hasil" class="cards"></ul>
      </Shell>,
    );
  });
}
