import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import { allowLargeUpload } from '../../platform/http/app.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formProblem, formWithFiles } from '../../platform/http/forms.js';
import type { Router } from '../../platform/http/router.js';
import { SITE_HEADERS } from '../website/index.js';
import { addListing, listingForEditing, tourismOffice, updateListing, withdrawListing } from './listings.service.js';
import { listingPhoto, provinceTourism, siteListing, siteTourism } from './public.service.js';
import { ListingEditPage, TourismOfficePage, type TourismMsg } from './views/office-pages.js';
import { ProvinceTourismPage, SiteListingPage, SiteTourismPage } from './views/public-pages.js';

type Status = 200 | 400 | 403 | 404 | 409 | 413 | 415;
const statusOf = (s: number): Status => ([400, 403, 404, 409, 413, 415].includes(s) ? (s as Status) : 400);

/**
 * Tourism and local potential.
 * Visitors (no login): /wisata (the province-wide listing by region, kind and name),
 * /desa/<village>/wisata and /desa/<village>/wisata/<id> (on the village website), photos.
 * The village office (those who edit the website): /desa/<code>/potensi and /potensi/<id>.
 */
export function registerTourismPages(app: Router) {
  allowLargeUpload(/^\/desa\/[^/]+\/potensi(\/[0-9]+)?$/);
  const pub = access('public');
  const write = access({ permission: 'site.write', scope: 'village' });
  const code = (c: Context<AppEnv>) => c.req.param('code')!;
  const id = (c: Context<AppEnv>) => c.req.param('id')!;

  app.get('/wisata', pub, async (c) =>
    c.html(<ProvinceTourismPage c={c} view={await provinceTourism(c.get('ctx'), { wilayah: c.req.query('wilayah'), jenis: c.req.query('jenis'), q: c.req.query('q'), page: c.req.query('page') })} />, 200, {
      'cache-control': c.get('session') ? 'private, no-store' : 'public, max-age=60', vary: 'Cookie',
    }));
  app.get('/desa/:code/wisata', pub, async (c) => c.html(<SiteTourismPage c={c} view={await siteTourism(c.get('ctx'), code(c))} />, 200, SITE_HEADERS(c)));
  app.get('/desa/:code/wisata/:id{[0-9]+}', pub, async (c) => c.html(<SiteListingPage c={c} view={await siteListing(c.get('ctx'), code(c), id(c))} />, 200, SITE_HEADERS(c)));
  app.get('/wisata/foto/:code/:id{[0-9]+}/:size{kecil|besar}', pub, async (c) => {
    const bytes = await listingPhoto(c.get('ctx'), code(c), Number(id(c)), c.req.param('size') === 'besar' ? 'large' : 'small');
    // A photo never changes under its id (new photos get new ids): kept a day by the phone and any proxy.
    return c.body(new Uint8Array(bytes), 200, { 'content-type': 'image/jpeg', 'cache-control': 'public, max-age=86400', 'x-content-type-options': 'nosniff' });
  });

  const office = async (c: Context<AppEnv>, msg: TourismMsg = {}, status: Status = 200) =>
    c.html(<TourismOfficePage c={c} view={await tourismOffice(c.get('ctx'), code(c))} msg={msg} />, status);
  const editing = async (c: Context<AppEnv>, msg: TourismMsg = {}, status: Status = 200) =>
    c.html(<ListingEditPage c={c} view={await listingForEditing(c.get('ctx'), code(c), id(c))} msg={msg} />, status);

  app.get('/desa/:code/potensi', write, (c) => office(c, { ok: c.req.query('ok') === '1' }));
  app.post('/desa/:code/potensi', write, async (c) => {
    const { fields, files } = await formWithFiles(c, 'photos');
    try {
      const added = await addListing(c.get('ctx'), code(c), fields, files);
      return c.redirect(`/desa/${code(c)}/potensi/${added.id}?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return office(c, { error: p.message, values: fields }, statusOf(p.status));
    }
  });
  app.get('/desa/:code/potensi/:id{[0-9]+}', write, (c) => editing(c, { ok: c.req.query('ok') === '1' }));
  app.post('/desa/:code/potensi/:id{[0-9]+}', write, async (c) => {
    const { fields, files } = await formWithFiles(c, 'photos');
    try {
      await updateListing(c.get('ctx'), code(c), id(c), fields, files);
      return c.redirect(`/desa/${code(c)}/potensi/${id(c)}?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return editing(c, { error: p.message, values: fields }, statusOf(p.status));
    }
  });
  for (const [path, back] of [['tarik', false], ['tampilkan', true]] as const) {
    app.post(`/desa/:code/potensi/:id{[0-9]+}/${path}`, write, async (c) => {
      await withdrawListing(c.get('ctx'), code(c), id(c), back);
      return c.redirect(`/desa/${code(c)}/potensi/${id(c)}?ok=1`, 303);
    });
  }
}
