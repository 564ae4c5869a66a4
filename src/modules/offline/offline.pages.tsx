import { raw } from 'hono/html';
import { access } from '../../platform/access/route-access.js';
import type { Router } from '../../platform/http/router.js';
import { assetUrl } from '../../platform/http/static-files.js';

/**
 * /luring: what a device shows when a page cannot load, and the list of changes waiting on
 * it. Kept by the service worker, so it holds nothing of any account or village: the list is
 * read on the device (offline.js), from what it sealed.
 */
export function registerOfflinePage(router: Router) {
  router.get('/luring', access('public'), (c) => {
    c.header('cache-control', 'no-cache');
    return c.html(
      <>
        {raw('<!doctype html>')}
        <html lang="id">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <meta name="theme-color" content="#0b6e4f" />
            <title>Luring · Balai</title>
            <link rel="stylesheet" href={assetUrl('app.css')} />
            <link rel="icon" type="image/svg+xml" href={assetUrl('favicon.svg')} />
            <link rel="manifest" href="/manifest.webmanifest" />
            <script src={assetUrl('outbox-store.js')} defer></script>
            <script src={assetUrl('offline.js')} defer></script>
          </head>
          <body>
            <header class="top">
              <a class="brand" href="/">Balai</a>
              <span></span>
            </header>
            <main>
              <h1>Perubahan yang menunggu sinyal</h1>
              <p>
                Bila sinyal hilang saat Anda menyimpan pendaftaran penduduk, kelahiran, kematian, pindah atau permohonan surat, isian
                disimpan di perangkat ini (terkunci dengan kunci akun Anda) dan dikirim sendiri saat sinyal kembali — sekali saja.
              </p>
              <div id="antrean">
                <p>Memuat daftar…</p>
                <noscript><p>Daftar ini memerlukan JavaScript.</p></noscript>
              </div>
              <p>
                <button type="button" id="kirim-ulang">Kirim sekarang</button> <a href="/">Kembali ke beranda</a>
              </p>
              <p class="guide"><a href="/panduan/luring">Panduan: bekerja tanpa sinyal</a></p>
            </main>
          </body>
        </html>
      </>,
    );
  });
}
