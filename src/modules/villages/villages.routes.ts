import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, jsonResponse } from '../../platform/http/openapi.js';
import type { Router } from '../../platform/http/router.js';
import { access } from '../../platform/access/route-access.js';
import { RegionCodeParam } from '../regions/regions.schema.js';
import { ActivateVillageInput, AreaInput, VillageProfileInput, VillageSchema } from './villages.schema.js';
import { activateVillage, addVillageArea, getVillage, getVillageLogo, setVillageLogo, updateVillageProfile } from './villages.service.js';

const tags = ['Desa'];
const json = jsonResponse;
const err = errorResponse;
const denied = { 401: err('Not logged in'), 403: err('Outside your scope'), 404: err('Not found or not activated') };

const present = (v: Awaited<ReturnType<typeof getVillage>>) => ({
  village_code: v.village_code,
  name: v.name,
  kind: v.kind,
  activated_at: new Date(v.activated_at).toISOString(),
  activation_kind: v.activation_kind,
  head_name: v.head_name,
  head_nip: v.head_nip,
  office_address: v.office_address,
  postal_code: v.postal_code,
  phone: v.phone,
  email: v.email,
  website: v.website,
  has_logo: v.has_logo,
  areas: v.areas,
});

export function registerVillageRoutes(app: Router) {
  app.openapi(
    createRoute({
      middleware: [access({ permission: 'village.activate', scope: 'village' })],
      method: 'post', path: '/api/v1/villages/{code}/activation', tags, summary: 'Activate a village on Balai',
      request: { params: RegionCodeParam, body: { content: { 'application/json': { schema: ActivateVillageInput } }, required: true } },
      responses: { 201: json(z.object({ data: z.object({ village_code: z.string(), name: z.string() }) }), 'Activated'), 400: err('Bad input'), 409: err('Already active'), ...denied },
    }),
    async (c) => {
      const region = await activateVillage(c.get('ctx'), c.req.valid('param').code, c.req.valid('json').activation_kind);
      return c.json({ data: { village_code: region.code, name: region.name } }, 201);
    },
  );

  app.openapi(
    createRoute({
      middleware: [access({ permission: 'village.profile.read', scope: 'village' })],
      method: 'get', path: '/api/v1/villages/{code}', tags, summary: 'Village profile with its dusun, RW and RT',
      request: { params: RegionCodeParam },
      responses: { 200: json(z.object({ data: VillageSchema }), 'The village'), 400: err('Bad code'), ...denied },
    }),
    async (c) => c.json({ data: present(await getVillage(c.get('ctx'), c.req.valid('param').code)) }, 200),
  );

  app.openapi(
    createRoute({
      middleware: [access({ permission: 'village.profile.write', scope: 'village' })],
      method: 'patch', path: '/api/v1/villages/{code}', tags, summary: 'Edit the village profile',
      request: { params: RegionCodeParam, body: { content: { 'application/json': { schema: VillageProfileInput } }, required: true } },
      responses: { 200: json(z.object({ data: VillageSchema }), 'Saved'), 400: err('Bad input'), ...denied },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const code = c.req.valid('param').code;
      await updateVillageProfile(ctx, code, c.req.valid('json'));
      return c.json({ data: present(await getVillage(ctx, code)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [access({ permission: 'village.profile.write', scope: 'village' })],
      method: 'post', path: '/api/v1/villages/{code}/areas', tags, summary: 'Add a dusun, RW or RT',
      request: { params: RegionCodeParam, body: { content: { 'application/json': { schema: AreaInput } }, required: true } },
      responses: { 201: json(z.object({ data: z.object({ id: z.number(), level: z.string(), name: z.string(), parent_id: z.number().nullable() }) }), 'Added'), 400: err('Bad input'), 409: err('Exists'), ...denied },
    }),
    async (c) => c.json({ data: await addVillageArea(c.get('ctx'), c.req.valid('param').code, c.req.valid('json')) }, 201),
  );

  app.openapi(
    createRoute({
      middleware: [access({ permission: 'village.profile.write', scope: 'village' })],
      method: 'put', path: '/api/v1/villages/{code}/logo', tags, summary: 'Upload the logo (PNG or JPEG, at most 300 KB, as the raw body)',
      request: { params: RegionCodeParam },
      responses: { 204: { description: 'Saved' }, 413: err('Too large'), 415: err('Not PNG or JPEG'), ...denied },
    }),
    async (c) => {
      await setVillageLogo(c.get('ctx'), c.req.valid('param').code, new Uint8Array(await c.req.arrayBuffer()));
      return c.body(null, 204);
    },
  );

  // The logo is public (letterheads, website). Served with its detected type and nosniff.
  app.get('/desa/:code/logo', access('public'), async (c) => {
    const logo = await getVillageLogo(c.get('ctx'), c.req.param('code'));
    return c.body(logo.bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': logo.type,
      'cache-control': 'public, max-age=3600',
      'x-content-type-options': 'nosniff',
      'content-disposition': 'inline; filename="logo"',
    });
  });
}
