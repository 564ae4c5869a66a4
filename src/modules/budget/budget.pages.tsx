import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import { idParam } from '../../platform/http/id-param.js';
import type { Router } from '../../platform/http/router.js';
import { todayInWib } from '../../platform/format/format.js';
import { t } from '../../platform/i18n/i18n.js';
import {
  addBudgetLine, adoptBudget, getBudget, getPublicBudget, listVillageBudgets, removeBudgetLine, sendBudgetBack, startBudget, verifyBudget, versionLabel,
} from './budget.service.js';
import { BudgetListPage, BudgetPage, type PageMessages } from './views/budget-pages.js';
import { PublicBudgetPage } from './views/public-budget-page.js';
import { renderPublicBudgetSections } from './public-sections.js';
import { listCaps, setCap } from './caps.js';
import { CapsPage } from './views/caps-page.js';
import { BUDGET_POSTER_WORKER, budgetPosterInput } from './views/budget-poster-input.js';
import { runInWorker } from '../../platform/workers/run.js';
import { publicFile } from '../../platform/http/download.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { regionTrail } from '../regions/index.js';

type Status = 200 | 400 | 403 | 404 | 409;
const statusOf = (s: number): Status => ([400, 403, 404, 409].includes(s) ? (s as Status) : 400);

/**
 * /desa/<code>/apbdes: the village's budgets; /desa/<code>/apbdes/<id>: one version, its lines
 * and the steps (add lines, verify, adopt, revise); /publik/desa/<code>/apbdes: the budget in
 * force for everyone. Every step is a form post that comes back to the page with what happened.
 */
export function registerBudgetPages(app: Router) {
  const read = access({ permission: 'budget.read', scope: 'village' });
  const write = access({ permission: 'budget.write', scope: 'village' });
  const gate = {
    baris: write,
    verifikasi: access({ permission: 'budget.verify', scope: 'village' }),
    kembalikan: access({ anyOf: [{ permission: 'budget.verify', scope: 'village' }, { permission: 'budget.approve', scope: 'village' }] }),
    tetapkan: access({ permission: 'budget.approve', scope: 'village' }),
  } as const;
  const code = (c: Context<AppEnv>) => c.req.param('code')!;
  const ok = (c: Context<AppEnv>) => (c.req.query('ok') ? t(c.get('lang'), 'budget.saved') : undefined);

  const listPage = async (c: Context<AppEnv>, msg: PageMessages = {}, status: Status = 200) =>
    c.html(<BudgetListPage c={c} view={await listVillageBudgets(c.get('ctx'), code(c))} msg={msg} />, status);
  const budgetPage = async (c: Context<AppEnv>, msg: PageMessages = {}, status: Status = 200) =>
    c.html(<BudgetPage c={c} view={await getBudget(c.get('ctx'), code(c), idParam(c))} msg={msg} />, status);

  app.get('/desa/:code/apbdes', read, (c) => listPage(c, { ok: ok(c) }));
  app.post('/desa/:code/apbdes', write, async (c) => {
    const f = await formFields(c);
    try {
      const started = await startBudget(c.get('ctx'), code(c), f);
      return c.redirect(`/desa/${code(c)}/apbdes/${started.id}?mulai=${started.version}`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return listPage(c, { error: p.message, values: f }, statusOf(p.status));
    }
  });

  app.get('/desa/:code/apbdes/:id{[0-9]+}', read, async (c) => {
    const started = c.req.query('mulai');
    const view = await getBudget(c.get('ctx'), code(c), idParam(c));
    const msg = started
      ? t(c.get('lang'), 'budget.started', { year: view.budget.year, version: versionLabel(view.budget.version, c.get('lang')) })
      : ok(c);
    return c.html(<BudgetPage c={c} view={view} msg={{ ok: msg }} />);
  });

  /** A step on one budget: done, back to the page; refused, the page with the reason and what was typed. */
  const step = (path: keyof typeof gate, work: (c: Context<AppEnv>, f: Record<string, string>) => Promise<unknown>, keepValues = false) =>
    app.post(`/desa/:code/apbdes/:id{[0-9]+}/${path}`, gate[path], async (c) => {
      const f = await formFields(c);
      try {
        await work(c, f);
        return c.redirect(`/desa/${code(c)}/apbdes/${idParam(c)}?ok=1`, 303);
      } catch (err) {
        const p = formProblem(c, err);
        return budgetPage(c, { error: p.message, values: keepValues ? f : undefined }, statusOf(p.status));
      }
    });
  step('baris', (c, f) => addBudgetLine(c.get('ctx'), code(c), idParam(c), f), true);
  app.post('/desa/:code/apbdes/:id{[0-9]+}/baris/:line{[0-9]+}/hapus', write, async (c) => {
    try {
      await removeBudgetLine(c.get('ctx'), code(c), idParam(c), idParam(c, 'line'));
      return c.redirect(`/desa/${code(c)}/apbdes/${idParam(c)}?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return budgetPage(c, { error: p.message }, statusOf(p.status));
    }
  });
  step('verifikasi', (c) => verifyBudget(c.get('ctx'), code(c), idParam(c)));
  step('kembalikan', (c, f) => sendBudgetBack(c.get('ctx'), code(c), idParam(c), f.reason));
  step('tetapkan', (c, f) => adoptBudget(c.get('ctx'), code(c), idParam(c), f, todayInWib()), true);

  app.get('/publik/desa/:code/apbdes', access('public'), async (c) => {
    const view = await getPublicBudget(c.get('ctx'), code(c), c.req.query('tahun'));
    const extra = view.budget ? await renderPublicBudgetSections(c, view.village.village_code, view.budget.year) : [];
    // Public figures: a proxy may keep them a few minutes, never a copy framed for a logged-in officer.
    const cache = c.get('session') ? 'private, no-store' : 'public, max-age=300';
    return c.html(<PublicBudgetPage c={c} view={view} extra={extra} />, 200, { 'cache-control': cache, vary: 'Cookie' });
  });
  // The yearly caps of national rules (BLT share of Dana Desa), set by the national administrator.
  const caps = access({ permission: 'budget.caps' });
  const capsPage = async (c: Context<AppEnv>, msg: { ok?: string; error?: string; values?: Record<string, string> } = {}, status: Status = 200) =>
    c.html(<CapsPage c={c} caps={await listCaps(c.get('ctx').db.kysely)} msg={msg} />, status);
  app.get('/pengaturan/apbdes', caps, (c) => capsPage(c, { ok: ok(c) }));
  app.post('/pengaturan/apbdes', caps, async (c) => {
    const f = await formFields(c);
    try {
      await setCap(c.get('ctx'), f);
      return c.redirect('/pengaturan/apbdes?ok=1', 303);
    } catch (err) {
      const p = formProblem(c, err);
      return capsPage(c, { error: p.message, values: f }, statusOf(p.status));
    }
  });

  // The same figures as the poster villages hang at the hall (A3, or A2 with ?ukuran=a2), drawn in a worker thread.
  app.get('/publik/desa/:code/apbdes/poster.pdf', access('public'), async (c) => {
    const size = c.req.query('ukuran') ?? 'a3';
    if (size !== 'a3' && size !== 'a2') throw badRequest('validation.choice', 'ukuran');
    const ctx = c.get('ctx');
    const view = await getPublicBudget(ctx, code(c), c.req.query('tahun'));
    const village = view.village.village_code;
    const lang = c.get('lang');
    const input = budgetPosterInput(view, await regionTrail(ctx.db.kysely, village, lang), lang, size === 'a2' ? 'A2' : 'A3', todayInWib());
    if (!input) throw notFound('budget.none_adopted', { village: view.village.name });
    const bytes = await runInWorker<Uint8Array>(BUDGET_POSTER_WORKER, input, { timeoutMs: 60_000, memoryMb: 256 });
    return publicFile(c, bytes, { type: 'application/pdf', name: `poster-apbdes-${village.replace(/\./g, '')}-${view.budget!.year}-${size}.pdf` });
  });
}
