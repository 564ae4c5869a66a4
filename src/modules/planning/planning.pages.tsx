import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import { idParam } from '../../platform/http/id-param.js';
import type { Router } from '../../platform/http/router.js';
import { todayInWib } from '../../platform/format/format.js';
import { t } from '../../platform/i18n/i18n.js';
import { versionLabel } from '../budget/index.js';
import { addPlanItem, adoptPlan, carryForward, getPlan, listVillagePlans, removePlanItem, savePlanText, startPlan } from './plan.service.js';
import { PlanListPage, PlanPage, planName, valuesFromProposal, type PageMessages } from './views/plan-pages.js';

type Status = 200 | 400 | 403 | 404 | 409;
const statusOf = (s: number): Status => ([400, 403, 404, 409].includes(s) ? (s as Status) : 400);

/** The years ticked on the item form (`tahun_2026=1` …) as the service takes them: "2026,2027". */
const tickedYears = (f: Record<string, string>) =>
  Object.keys(f).filter((k) => k.startsWith('tahun_') && f[k] === '1').map((k) => k.slice('tahun_'.length)).join(',');

/**
 * /desa/<code>/perencanaan: the village's RPJMDes and RKPDes versions and the form to start
 * one; /desa/<code>/perencanaan/<id>: one plan, its activities and its steps (add, take from
 * the RPJMDes, adopt, revise). Every step is a form post that comes back to the page.
 */
export function registerPlanningPages(app: Router) {
  const read = access({ permission: 'planning.read', scope: 'village' });
  const write = access({ permission: 'planning.write', scope: 'village' });
  const gate = { kegiatan: write, visi: write, 'ambil-rpjmdes': write, tetapkan: access({ permission: 'planning.approve', scope: 'village' }) } as const;
  const code = (c: Context<AppEnv>) => c.req.param('code')!;
  const ok = (c: Context<AppEnv>) => (c.req.query('ok') ? t(c.get('lang'), 'budget.saved') : undefined);

  const listPage = async (c: Context<AppEnv>, msg: PageMessages = {}, status: Status = 200) => {
    const today = todayInWib();
    return c.html(<PlanListPage c={c} view={await listVillagePlans(c.get('ctx'), code(c), today)} msg={msg} today={today} />, status);
  };
  const planPage = async (c: Context<AppEnv>, msg: PageMessages = {}, status: Status = 200) =>
    c.html(<PlanPage c={c} view={await getPlan(c.get('ctx'), code(c), idParam(c))} msg={msg} />, status);

  app.get('/desa/:code/perencanaan', read, (c) => listPage(c, { ok: ok(c) }));
  app.post('/desa/:code/perencanaan', write, async (c) => {
    const f = await formFields(c);
    try {
      const started = await startPlan(c.get('ctx'), code(c), f);
      return c.redirect(`/desa/${code(c)}/perencanaan/${started.id}?mulai=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return listPage(c, { error: p.message, values: f }, statusOf(p.status));
    }
  });

  app.get('/desa/:code/perencanaan/:id{[0-9]+}', read, async (c) => {
    const view = await getPlan(c.get('ctx'), code(c), idParam(c));
    const lang = c.get('lang');
    const msg = c.req.query('mulai') ? t(lang, 'planning.started', { plan: planName(view.plan), version: versionLabel(view.plan.version, lang) }) : ok(c);
    return c.html(<PlanPage c={c} view={view} msg={{ ok: msg, values: valuesFromProposal(view, c.req.query('usulan')) }} />);
  });

  /** A step on one plan: done, back to the page; refused, the page with the reason and what was typed. */
  const step = (path: keyof typeof gate, work: (c: Context<AppEnv>, f: Record<string, string>) => Promise<unknown>, keepValues = false) =>
    app.post(`/desa/:code/perencanaan/:id{[0-9]+}/${path}`, gate[path], async (c) => {
      const f = await formFields(c);
      try {
        await work(c, f);
        return c.redirect(`/desa/${code(c)}/perencanaan/${idParam(c)}?ok=1`, 303);
      } catch (err) {
        const p = formProblem(c, err);
        return planPage(c, { error: p.message, values: keepValues ? f : undefined }, statusOf(p.status));
      }
    });
  step('kegiatan', (c, f) => addPlanItem(c.get('ctx'), code(c), idParam(c), { ...f, run_years: tickedYears(f) }), true);
  step('visi', (c, f) => savePlanText(c.get('ctx'), code(c), idParam(c), f), true);
  step('ambil-rpjmdes', (c) => carryForward(c.get('ctx'), code(c), idParam(c)));
  step('tetapkan', (c, f) => adoptPlan(c.get('ctx'), code(c), idParam(c), f, todayInWib()), true);
  app.post('/desa/:code/perencanaan/:id{[0-9]+}/kegiatan/:item{[0-9]+}/hapus', write, async (c) => {
    try {
      await removePlanItem(c.get('ctx'), code(c), idParam(c), idParam(c, 'item'));
      return c.redirect(`/desa/${code(c)}/perencanaan/${idParam(c)}?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return planPage(c, { error: p.message }, statusOf(p.status));
    }
  });
}
