import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import { idParam } from '../../platform/http/id-param.js';
import type { Router } from '../../platform/http/router.js';
import { todayInWib } from '../../platform/format/format.js';
import { onFamilySplit } from '../population/index.js';
import { addFamily, createHousehold, keepSplitCardInHousehold, householdDetail, householdList, removeFamily, setHead, updateHousing } from './households.service.js';
import { HouseholdListPage, HouseholdPage } from './views/household-pages.js';

type Status = 200 | 400 | 403 | 404 | 409;
const statusOf = (s: number): Status => ([400, 403, 404, 409].includes(s) ? (s as Status) : 400);

/**
 * /desa/<code>/rumah-tangga: the village's households, their housing counts, and a new one
 * from a family card; /desa/<code>/rumah-tangga/<id>: its members, cards and housing survey.
 */
export function registerHouseholdPages(app: Router) {
  // A card split off stays in its household until an officer says it moved out.
  onFamilySplit(keepSplitCardInHousehold);
  const read = access({ permission: 'population.read', scope: 'village' });
  const write = access({ permission: 'population.write', scope: 'village' });
  const code = (c: Context<AppEnv>) => c.req.param('code')!;
  const listPage = async (c: Context<AppEnv>, msg: Parameters<typeof HouseholdListPage>[0]['msg'] = {}, status: Status = 200) =>
    c.html(<HouseholdListPage c={c} view={await householdList(c.get('ctx'), code(c), c.req.query('page'), c.req.query('kondisi'))} msg={msg} />, status);
  const detailPage = async (c: Context<AppEnv>, msg: Parameters<typeof HouseholdPage>[0]['msg'] = {}, status: Status = 200) =>
    c.html(<HouseholdPage c={c} view={await householdDetail(c.get('ctx'), code(c), idParam(c))} msg={msg} />, status);

  app.get('/desa/:code/rumah-tangga', read, (c) => listPage(c));
  app.post('/desa/:code/rumah-tangga', write, async (c) => {
    const f = await formFields(c);
    try {
      const { id } = await createHousehold(c.get('ctx'), code(c), f);
      return c.redirect(`/desa/${code(c)}/rumah-tangga/${id}?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return listPage(c, { error: p.message, values: f }, statusOf(p.status));
    }
  });
  app.get('/desa/:code/rumah-tangga/:id{[0-9]+}', read, (c) => detailPage(c, { ok: c.req.query('ok') === '1' }));
  // Each change comes back to the household with a notice, or says what was wrong on the same page.
  const step = (path: string, work: (c: Context<AppEnv>, f: Record<string, string>) => Promise<unknown>) =>
    app.post(`/desa/:code/rumah-tangga/:id{[0-9]+}${path}`, write, async (c) => {
      const f = await formFields(c);
      try {
        await work(c, f);
        return c.redirect(`/desa/${code(c)}/rumah-tangga/${idParam(c)}?ok=1`, 303);
      } catch (err) {
        const p = formProblem(c, err);
        return detailPage(c, { error: p.message }, statusOf(p.status));
      }
    });
  step('/kk', (c, f) => addFamily(c.get('ctx'), code(c), idParam(c), f));
  step('/kk/:family{[0-9]+}/keluar', (c, f) => removeFamily(c.get('ctx'), code(c), idParam(c), Number(c.req.param('family')), f.reason));
  step('/kepala', (c, f) => setHead(c.get('ctx'), code(c), idParam(c), f.head_resident_id));
  step('/rumah', async (c) => {
    // Assets are ticked boxes: a field that repeats.
    const body = await c.req.parseBody({ all: true });
    const fields = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]));
    return updateHousing(c.get('ctx'), code(c), idParam(c), fields, todayInWib());
  });
}
