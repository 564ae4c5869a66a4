import { formFields, formProblem, parseForm } from '../../platform/http/forms.js';
import type { Router } from '../../platform/http/router.js';
import { access } from '../../platform/access/route-access.js';
import { t } from '../../platform/i18n/i18n.js';
import { AreaInput, VillageProfileInput } from './villages.schema.js';
import { activateVillage, addVillageArea, browseRegion, findRegionsByName, getVillage, setVillageLogo, updateVillageProfile } from './villages.service.js';
import { RegionBrowser, RegionSearchResults } from './views/region-browser.js';
import { VillagePage } from './views/village-page.js';
import { registerOfficialPages } from './officials.pages.js';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.js';

const parse = parseForm;

export function registerVillagePages(app: Router) {
  registerOfficialPages(app);
  const browser = async (c: Context<AppEnv>, code: string | null, notice: { error?: string; ok?: string } = {}, status: 200 | 201 | 400 | 404 | 409 = 200) => {
    const ctx = c.get('ctx');
    const { children, ...view } = await browseRegion(ctx, code);
    return c.html(<RegionBrowser c={c} actor={ctx.actor!} rows={children} {...view} {...notice} />, status);
  };

  app.get('/wilayah', access({ permission: 'region.browse' }), async (c) => {
    const q = c.req.query('q');
    if (!q) return browser(c, null);
    const ctx = c.get('ctx');
    try {
      const found = await findRegionsByName(ctx, q);
      return c.html(<RegionSearchResults c={c} query={q} rows={found} />);
    } catch (err) {
      const p = formProblem(c, err);
      const { children, ...view } = await browseRegion(ctx, null);
      return c.html(<RegionBrowser c={c} actor={ctx.actor!} rows={children} {...view} error={p.message} />, 400);
    }
  });
  app.get('/wilayah/:code', access({ permission: 'region.browse', scope: 'region' }), (c) => browser(c, c.req.param('code')));

  app.post('/wilayah/:code/aktivasi', access({ permission: 'village.activate', scope: 'village' }), async (c) => {
    const ctx = c.get('ctx');
    const f = await formFields(c);
    const code = c.req.param('code');
    try {
      const kind = f.activation_kind === 'target' ? 'target' : 'initiative';
      const region = await activateVillage(ctx, code, kind);
      return browser(c, region.parent_code, { ok: t(ctx.lang, 'village.activated', { name: region.name }) }, 201);
    } catch (err) {
      const p = formProblem(c, err);
      const parent = code.includes('.') ? code.slice(0, code.lastIndexOf('.')) : null;
      return browser(c, parent, { error: p.message }, p.status === 409 ? 409 : 400);
    }
  });

  const villagePage = async (c: Context<AppEnv>, notice: { error?: string; ok?: string } = {}, status: 200 | 400 | 409 | 413 | 415 = 200) => {
    const ctx = c.get('ctx');
    const village = await getVillage(ctx, c.req.param('code')!);
    return c.html(<VillagePage c={c} actor={ctx.actor!} village={village} {...notice} />, status);
  };

  app.get('/desa/:code', access({ permission: 'village.profile.read', scope: 'village' }), (c) => villagePage(c));

  app.post('/desa/:code/profil', access({ permission: 'village.profile.write', scope: 'village' }), async (c) => {
    try {
      await updateVillageProfile(c.get('ctx'), c.req.param('code'), parse(c, VillageProfileInput, await formFields(c)));
      return villagePage(c, { ok: t(c.get('lang'), 'village.profile_saved') });
    } catch (err) {
      const p = formProblem(c, err);
      return villagePage(c, { error: p.message }, 400);
    }
  });

  app.post('/desa/:code/logo', access({ permission: 'village.profile.write', scope: 'village' }), async (c) => {
    try {
      const body = await c.req.parseBody();
      const file = body.logo;
      const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
      await setVillageLogo(c.get('ctx'), c.req.param('code'), bytes);
      return villagePage(c, { ok: t(c.get('lang'), 'village.profile_saved') });
    } catch (err) {
      const p = formProblem(c, err);
      return villagePage(c, { error: p.message }, p.status === 413 || p.status === 415 ? p.status : 400);
    }
  });

  app.post('/desa/:code/wilayah', access({ permission: 'village.profile.write', scope: 'village' }), async (c) => {
    try {
      const f = await formFields(c);
      const area = await addVillageArea(c.get('ctx'), c.req.param('code'), parse(c, AreaInput, { ...f, parent_id: f.parent_id || null }));
      return villagePage(c, { ok: t(c.get('lang'), 'village.area_saved', { level: area.level.toUpperCase() === 'DUSUN' ? 'Dusun' : area.level.toUpperCase(), name: area.name }) });
    } catch (err) {
      const p = formProblem(c, err);
      return villagePage(c, { error: p.message }, p.status === 409 ? 409 : 400);
    }
  });
}
