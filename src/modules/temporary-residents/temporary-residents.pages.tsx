import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import { noStore } from '../../platform/http/download.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import type { Router } from '../../platform/http/router.js';
import { getStay, listStays } from './read.service.js';
import { correctStay, recordDeparture, recordStay } from './register.service.js';
import { StayPage, tempBase, TemporaryListPage, type TempMsg } from './views/pages.js';

type Status = 200 | 400 | 404 | 409;
const statusOf = (s: number): Status => ([400, 404, 409].includes(s) ? (s as Status) : 400);

/**
 * The register of temporary residents, beside the population register: /desa/<kode>/penduduk-sementara
 * (the list and the form to record a newcomer) and /desa/<kode>/penduduk-sementara/<id> (a record,
 * its departure and its correction). Read like the register (population.read), written like it
 * (population.write). The book is /desa/<kode>/buku/penduduk-sementara (src/modules/books).
 */
export function registerTemporaryResidentPages(app: Router) {
  const read = access({ permission: 'population.read', scope: 'village' }, { login: '/masuk' });
  const write = access({ permission: 'population.write', scope: 'village' });
  const code = (c: Context<AppEnv>) => c.req.param('code')!;

  const listPage = async (c: Context<AppEnv>, msg: TempMsg, status: Status = 200) => {
    noStore(c);
    const view = await listStays(c.get('ctx'), code(c), { status: c.req.query('status'), dusun: c.req.query('dusun'), tahun: c.req.query('tahun'), page: c.req.query('page') });
    return c.html(<TemporaryListPage c={c} view={view} msg={msg} />, status);
  };
  app.get('/desa/:code/penduduk-sementara', read, (c) => listPage(c, { ok: c.req.query('ok') === '1' }));
  app.post('/desa/:code/penduduk-sementara', write, async (c) => {
    const fields = await formFields(c);
    try {
      const { id } = await recordStay(c.get('ctx'), code(c), fields);
      return c.redirect(`${tempBase(code(c))}/${id}?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return listPage(c, { error: p.message, values: fields, form: 'record' }, statusOf(p.status));
    }
  });

  const stayPage = async (c: Context<AppEnv>, msg: TempMsg, status: Status = 200) => {
    noStore(c);
    return c.html(<StayPage c={c} view={await getStay(c.get('ctx'), code(c), c.req.param('id')!)} msg={msg} />, status);
  };
  app.get('/desa/:code/penduduk-sementara/:id{[0-9]+}', read, (c) => stayPage(c, { ok: c.req.query('ok') === '1' }));
  app.post('/desa/:code/penduduk-sementara/:id{[0-9]+}/pergi', write, async (c) => {
    const fields = await formFields(c);
    try {
      await recordDeparture(c.get('ctx'), code(c), c.req.param('id'), fields);
      return c.redirect(`${tempBase(code(c))}/${c.req.param('id')}?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return stayPage(c, { error: p.message, values: fields, form: 'depart' }, statusOf(p.status));
    }
  });
  app.post('/desa/:code/penduduk-sementara/:id{[0-9]+}/koreksi', write, async (c) => {
    const fields = await formFields(c);
    try {
      const { id } = await correctStay(c.get('ctx'), code(c), c.req.param('id'), fields);
      return c.redirect(`${tempBase(code(c))}/${id}?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return stayPage(c, { error: p.message, values: fields, form: 'correct' }, statusOf(p.status));
    }
  });
}
