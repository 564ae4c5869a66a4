import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import { idParam } from '../../platform/http/id-param.js';
import type { Router } from '../../platform/http/router.js';
import {
  addMember, addParticipants, addRecord, createInstitution, createTraining, dissolveInstitution, endMember, institutionPage, institutionsPage, trainingPage, withdrawRecord,
} from './institutions.service.js';
import { InstitutionPage, InstitutionsPage, TrainingPage } from './views/institution-pages.js';

type Status = 200 | 400 | 403 | 404 | 409;
const statusOf = (s: number): Status => ([400, 403, 404, 409].includes(s) ? (s as Status) : 400);
type Msg = { ok?: boolean; error?: string; values?: Record<string, string>; form?: string };

/**
 * /desa/<code>/kelembagaan: the village's institutions and trainings; one institution with its
 * members (current and past terms), activities and decisions; one training with who took part.
 */
export function registerInstitutionPages(app: Router) {
  const read = access({ permission: 'institutions.read', scope: 'village' });
  const write = access({ permission: 'institutions.write', scope: 'village' });
  const code = (c: Context<AppEnv>) => c.req.param('code')!;
  const listPage = async (c: Context<AppEnv>, msg: Msg = {}, status: Status = 200) =>
    c.html(<InstitutionsPage c={c} view={await institutionsPage(c.get('ctx'), code(c))} msg={msg} />, status);
  const onePage = async (c: Context<AppEnv>, msg: Msg = {}, status: Status = 200) =>
    c.html(<InstitutionPage c={c} view={await institutionPage(c.get('ctx'), code(c), idParam(c))} msg={msg} />, status);
  const trainPage = async (c: Context<AppEnv>, msg: Msg = {}, status: Status = 200) =>
    c.html(<TrainingPage c={c} view={await trainingPage(c.get('ctx'), code(c), idParam(c))} msg={msg} />, status);

  app.get('/desa/:code/kelembagaan', read, (c) => listPage(c));
  app.post('/desa/:code/kelembagaan', write, async (c) => {
    const f = await formFields(c);
    try {
      const { id } = await createInstitution(c.get('ctx'), code(c), f);
      return c.redirect(`/desa/${code(c)}/kelembagaan/${id}?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return listPage(c, { error: p.message, values: f, form: 'institution' }, statusOf(p.status));
    }
  });
  app.get('/desa/:code/kelembagaan/:id{[0-9]+}', read, (c) => onePage(c, { ok: c.req.query('ok') === '1' }));
  // Each change comes back to the institution with a notice, or says what was wrong on the same page.
  // `form` names the form that was sent (with the row it was for), so a refused one comes back open with what was typed.
  const step = (path: string, form: (c: Context<AppEnv>) => string, work: (c: Context<AppEnv>, f: Record<string, string>) => Promise<unknown>) =>
    app.post(`/desa/:code/kelembagaan/:id{[0-9]+}${path}`, write, async (c) => {
      const f = await formFields(c);
      try {
        await work(c, f);
        return c.redirect(`/desa/${code(c)}/kelembagaan/${idParam(c)}?ok=1`, 303);
      } catch (err) {
        const p = formProblem(c, err);
        return onePage(c, { error: p.message, values: f, form: form(c) }, statusOf(p.status));
      }
    });
  step('/anggota', () => 'member', (c, f) => addMember(c.get('ctx'), code(c), idParam(c), f));
  step('/anggota/:member{[0-9]+}/selesai', (c) => `end:${idParam(c, 'member')}`, (c, f) => endMember(c.get('ctx'), code(c), idParam(c), idParam(c, 'member'), f));
  step('/catatan', () => 'record', (c, f) => addRecord(c.get('ctx'), code(c), idParam(c), f));
  step('/catatan/:record{[0-9]+}/tarik', (c) => `withdraw:${idParam(c, 'record')}`, (c, f) => withdrawRecord(c.get('ctx'), code(c), idParam(c), idParam(c, 'record'), f));
  step('/bubarkan', () => 'dissolve', (c, f) => dissolveInstitution(c.get('ctx'), code(c), idParam(c), f));

  app.post('/desa/:code/pelatihan', write, async (c) => {
    const f = await formFields(c);
    try {
      const { id } = await createTraining(c.get('ctx'), code(c), f);
      return c.redirect(`/desa/${code(c)}/pelatihan/${id}?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return listPage(c, { error: p.message, values: f, form: 'training' }, statusOf(p.status));
    }
  });
  app.get('/desa/:code/pelatihan/:id{[0-9]+}', read, (c) => trainPage(c, { ok: c.req.query('ok') === '1' }));
  app.post('/desa/:code/pelatihan/:id{[0-9]+}/peserta', write, async (c) => {
    const f = await formFields(c);
    try {
      await addParticipants(c.get('ctx'), code(c), idParam(c), f);
      return c.redirect(`/desa/${code(c)}/pelatihan/${idParam(c)}?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return trainPage(c, { error: p.message, values: f }, statusOf(p.status));
    }
  });
}
