import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import { noStore } from '../../platform/http/download.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import { idParam } from '../../platform/http/id-param.js';
import type { Router } from '../../platform/http/router.js';
import { t } from '../../platform/i18n/i18n.js';
import { addCitizenHomeLink, type CitizenHomeLink } from '../citizen/index.js';
import { normalizeRegionCode } from '../regions/index.js';
import { closeOffer, closeOwnOffer, farmerIdOf, harvestOfficePage, myHarvest, publicOffers, recordOffer, recordOwnOffer, weeklyPrices } from './harvest.service.js';
import { HarvestOfficePage, MyHarvestPage, type HarvestMsg } from './views/harvest-pages.js';
import { PublicOffersPage, WeeklyPricesPage } from './views/harvest-public.js';

type Status = 200 | 400 | 403 | 404 | 409;
/** The citizen's home page offers "sell your harvest" to a registered farmer only (one indexed look-up). */
const sellLink: CitizenHomeLink = async (ctx, me) =>
  (await farmerIdOf(ctx.db.kysely, me.village, me.residentId)) !== null ? { href: '/warga/panen', label: { id: 'Jual hasil panen', en: 'Sell your harvest' } } : null;
const statusOf = (s: number): Status => ([400, 403, 404, 409].includes(s) ? (s as Status) : 400);

/**
 * Harvest offers and prices. /desa/<code>/petani/panen: the village's offers, recorded and
 * closed by the office or the PPL; /warga/panen: a registered farmer's own; /publik/panen/<district>:
 * the open offers for buyers; /publik/harga-panen/<regency>: the weekly price figures.
 */
export function registerHarvestPages(app: Router) {
  addCitizenHomeLink(sellLink);
  const read = access({ permission: 'farmers.read', scope: 'village' });
  const write = access({ permission: 'farmers.write', scope: 'village' });
  const citizen = access({ permission: 'self.farmer' }, { login: '/warga/masuk', message: 'citizen.only_citizen' });
  const code = (c: Context<AppEnv>) => c.req.param('code')!;

  // --- the village office and the PPL ------------------------------------------------------
  const officePage = async (c: Context<AppEnv>, msg: HarvestMsg = {}, status: Status = 200) =>
    c.html(<HarvestOfficePage c={c} view={await harvestOfficePage(c.get('ctx'), code(c), c.req.query('page'))} msg={msg} />, status);
  app.get('/desa/:code/petani/panen', read, (c) => officePage(c, { ok: c.req.query('ok') === '1' }));
  app.post('/desa/:code/petani/panen', write, async (c) => {
    const f = await formFields(c);
    try {
      await recordOffer(c.get('ctx'), code(c), f);
      return c.redirect(`/desa/${code(c)}/petani/panen?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return officePage(c, { error: p.message, values: f }, statusOf(p.status));
    }
  });
  app.post('/desa/:code/petani/panen/:id{[0-9]+}/tutup', write, async (c) => {
    const f = await formFields(c);
    try {
      await closeOffer(c.get('ctx'), code(c), idParam(c), f);
      return c.redirect(`/desa/${code(c)}/petani/panen?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return officePage(c, { error: p.message }, statusOf(p.status));
    }
  });

  // --- the farmer, from self-service ---------------------------------------------------------
  const minePage = async (c: Context<AppEnv>, msg: HarvestMsg = {}, status: Status = 200) => {
    noStore(c);
    const notFarmer = t(c.get('lang'), 'farmers.self_not_farmer');
    return c.html(<MyHarvestPage c={c} view={await myHarvest(c.get('ctx'))} msg={msg} notFarmer={notFarmer} />, status);
  };
  app.get('/warga/panen', citizen, (c) => minePage(c, { ok: c.req.query('ok') === '1' }));
  app.post('/warga/panen', citizen, async (c) => {
    const f = await formFields(c);
    try {
      await recordOwnOffer(c.get('ctx'), f);
      return c.redirect('/warga/panen?ok=1', 303);
    } catch (err) {
      const p = formProblem(c, err);
      return minePage(c, { error: p.message, values: f }, statusOf(p.status));
    }
  });
  app.post('/warga/panen/:id{[0-9]+}/tutup', citizen, async (c) => {
    const f = await formFields(c);
    try {
      await closeOwnOffer(c.get('ctx'), idParam(c), f);
      return c.redirect('/warga/panen?ok=1', 303);
    } catch (err) {
      const p = formProblem(c, err);
      return minePage(c, { error: p.message }, statusOf(p.status));
    }
  });

  // --- buyers: no login; a proxy may keep a copy a few minutes, never one framed for a logged-in user
  const cache = (c: Context<AppEnv>) => ({ 'cache-control': c.get('session') ? 'private, no-store' : 'public, max-age=300', vary: 'Cookie' });
  // A deeper code is sent up to the level the page is for: a village's buyers look across its district.
  const above = (c: Context<AppEnv>, parts: number) => {
    const normal = normalizeRegionCode(code(c));
    return normal && normal.split('.').length > parts ? normal.split('.').slice(0, parts).join('.') : null;
  };
  app.get('/publik/panen/:code', access('public'), async (c) => {
    const up = above(c, 3);
    if (up) return c.redirect(`/publik/panen/${up}`, 302);
    const view = await publicOffers(c.get('ctx'), code(c), { komoditas: c.req.query('komoditas'), page: c.req.query('page') });
    return c.html(<PublicOffersPage c={c} view={view} />, 200, cache(c));
  });
  app.get('/publik/harga-panen/:code', access('public'), async (c) => {
    const up = above(c, 2);
    if (up) return c.redirect(`/publik/harga-panen/${up}`, 302);
    return c.html(<WeeklyPricesPage c={c} view={await weeklyPrices(c.get('ctx'), code(c))} />, 200, cache(c));
  });
}
