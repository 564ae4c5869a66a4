import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import { noStore, privateFile, XLSX } from '../../platform/http/download.js';
import type { AppEnv } from '../../platform/http/env.js';
import type { Router } from '../../platform/http/router.js';
import { villageInScope } from '../villages/index.js';
import { bookFile, bookPage } from './books.service.js';
import { DERIVED_BOOKS } from './catalogue.js';
import { BookPage, ShelfPage } from './views/pages.js';

/**
 * The village administration books: /desa/<kode>/buku (the shelf: every book the reader may
 * open, here or in its own module) and /desa/<kode>/buku/<slug> with .xlsx and .pdf (the books
 * derived from Balai's own records), each route behind its book's permission (checked again in
 * the use case).
 */
export function registerBookPages(app: Router) {
  const officer = access({ permission: 'monitoring.read', scope: 'village' }, { login: '/masuk' });
  const code = (c: Context<AppEnv>) => c.req.param('code')!;
  const query = (c: Context<AppEnv>) => ({ tahun: c.req.query('tahun'), bulan: c.req.query('bulan'), kertas: c.req.query('kertas'), page: c.req.query('page') });

  app.get('/desa/:code/buku', officer, async (c) => {
    noStore(c);
    const village = await villageInScope(c.get('ctx'), code(c), 'monitoring.read');
    return c.html(<ShelfPage c={c} code={village.village_code} villageName={village.name} />);
  });
  // A route per book, each behind the book's own permission, so the access rules say what each book asks.
  for (const book of DERIVED_BOOKS) {
    const path = `/desa/:code/buku/${book.slug}`;
    app.get(path, access({ permission: book.permission, scope: 'village' }, { login: '/masuk' }), async (c) => {
      noStore(c);
      return c.html(<BookPage c={c} view={await bookPage(c.get('ctx'), code(c), book.slug, query(c))} />);
    });
    const file = access({ permission: book.exportPermission ?? book.permission, scope: 'village' });
    app.get(`${path}.xlsx`, file, async (c) => {
      const made = await bookFile(c.get('ctx'), code(c), book.slug, 'xlsx', query(c));
      return privateFile(c, made.bytes, { type: XLSX, name: made.filename });
    });
    app.get(`${path}.pdf`, file, async (c) => {
      const made = await bookFile(c.get('ctx'), code(c), book.slug, 'pdf', query(c));
      return privateFile(c, made.bytes, { type: 'application/pdf', name: made.filename, inline: true });
    });
  }
}
