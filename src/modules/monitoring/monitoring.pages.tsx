import type { Context } from 'hono';
import { privateFile, XLSX } from '../../platform/http/download.js';
import { access } from '../../platform/access/index.js';
import { allowLargeUpload } from '../../platform/http/app.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import type { Router } from '../../platform/http/router.js';
import { activityFeed, adoptionDashboard, indexDashboard, parseModel, parsePeriod, populationDashboard, servicesDashboard } from './dashboards.service.js';
import { indexImportTemplate, previewIndexImport, runIndexImport } from './idm-import.service.js';
import { saveVillageIndex, villageIndex } from './idm.service.js';
import { modelDefinition, STATUS_LABEL } from './index-models.js';
import { monitoringScope, urlCode } from './monitoring.common.js';
import { publicRegionFigures } from './public.service.js';
import { budgetDashboard } from './budget-dashboard.service.js';
import { officeDashboard } from './office-dashboard.service.js';
import { OfficeFiguresPage, officeWorkbook } from './views/office-page.js';
import { electionDashboard } from './election-dashboard.service.js';
import { ElectionFiguresPage, electionWorkbook } from './views/election-page.js';
import { AdoptionPage } from './views/adoption-page.js';
import { BudgetMonitoringPage } from './views/budget-page.js';
import { FeedPage } from './views/feed-page.js';
import { IndexImportView, IndexPage, VillageIndexView } from './views/index-pages.js';
import { PopulationPage } from './views/population-page.js';
import { PublicRegionPage } from './views/public-page.js';
import { ServicesPage } from './views/services-page.js';
import { adoptionWorkbook, budgetWorkbook, feedWorkbook, indexWorkbook, populationWorkbook, servicesWorkbook } from './views/workbooks.js';
import { fill, formatScore, words } from './views/words.js';


/** Counts only: a proxy must still not keep them (they are scoped to whoever asked). */
const workbook = (c: Context<AppEnv>, bytes: Buffer, name: string) => privateFile(c, bytes, { type: XLSX, name });

const fileCode = (code: string) => (code ? code.replace(/\./g, '') : 'nasional');

// The gate: the dashboard's region must lie inside the officer's scope ('nasional' is left
// to the use case, which allows it for the national administrator only).
const read = access({ permission: 'monitoring.read', scope: 'village' }, { login: '/masuk' });
const readFile = access({ permission: 'monitoring.read', scope: 'village' });
const writeIndex = access({ permission: 'monitoring.index.write', scope: 'village' });

export function registerMonitoringPages(app: Router) {
  // A province's file of scores may be a few MB: the import's own 10 MB limit applies.
  allowLargeUpload(/^\/pantau\/[^/]+\/idm\/impor$/);

  app.get('/pantau', access({ permission: 'monitoring.read' }, { login: '/masuk' }), (c) => c.redirect(`/pantau/${urlCode(c.get('ctx').actor!.regionCode)}`, 302));

  app.get('/pantau/:code', read, async (c) => c.html(<AdoptionPage c={c} d={await adoptionDashboard(c.get('ctx'), c.req.param('code'))} />));
  app.get('/pantau/:code/adopsi.xlsx', readFile, async (c) => {
    const d = await adoptionDashboard(c.get('ctx'), c.req.param('code'));
    return workbook(c, await adoptionWorkbook(d, c.get('lang')), `adopsi-${fileCode(d.scope.code)}-${d.today}.xlsx`);
  });

  app.get('/pantau/:code/layanan', read, async (c) => {
    const ctx = c.get('ctx');
    const d = await servicesDashboard(ctx, c.req.param('code'), parsePeriod(c.req.query('dari'), c.req.query('sampai')));
    return c.html(<ServicesPage c={c} d={d} />);
  });
  app.get('/pantau/:code/layanan.xlsx', readFile, async (c) => {
    const d = await servicesDashboard(c.get('ctx'), c.req.param('code'), parsePeriod(c.req.query('dari'), c.req.query('sampai')));
    return workbook(c, await servicesWorkbook(d, c.get('lang')), `layanan-${fileCode(d.scope.code)}-${d.period.from}-${d.period.to}.xlsx`);
  });

  app.get('/pantau/:code/penduduk', read, async (c) => c.html(<PopulationPage c={c} d={await populationDashboard(c.get('ctx'), c.req.param('code'))} />));
  app.get('/pantau/:code/penduduk.xlsx', readFile, async (c) => {
    const d = await populationDashboard(c.get('ctx'), c.req.param('code'));
    return workbook(c, await populationWorkbook(d, c.get('lang')), `penduduk-${fileCode(d.scope.code)}-${d.today}.xlsx`);
  });

  app.get('/pantau/:code/administrasi', read, async (c) => c.html(<OfficeFiguresPage c={c} d={await officeDashboard(c.get('ctx'), c.req.param('code'))} />));
  app.get('/pantau/:code/administrasi.xlsx', readFile, async (c) => {
    const d = await officeDashboard(c.get('ctx'), c.req.param('code'));
    return workbook(c, await officeWorkbook(d, c.get('lang')), `administrasi-${fileCode(d.scope.code)}.xlsx`);
  });
  app.get('/pantau/:code/pilkades', read, async (c) => c.html(<ElectionFiguresPage c={c} d={await electionDashboard(c.get('ctx'), c.req.param('code'))} />));
  app.get('/pantau/:code/pilkades.xlsx', readFile, async (c) => {
    const d = await electionDashboard(c.get('ctx'), c.req.param('code'));
    return workbook(c, await electionWorkbook(d, c.get('lang')), `pilkades-${fileCode(d.scope.code)}.xlsx`);
  });
  app.get('/pantau/:code/apbdes', read, async (c) => c.html(<BudgetMonitoringPage c={c} d={await budgetDashboard(c.get('ctx'), c.req.param('code'), c.req.query('tahun'))} />));
  app.get('/pantau/:code/apbdes.xlsx', readFile, async (c) => {
    const d = await budgetDashboard(c.get('ctx'), c.req.param('code'), c.req.query('tahun'));
    return workbook(c, await budgetWorkbook(d, c.get('lang')), `apbdes-${fileCode(d.scope.code)}-${d.year}.xlsx`);
  });

  // A region: the status distribution. A village: its history and the entry form.
  app.get('/pantau/:code/idm', read, async (c) => {
    const ctx = c.get('ctx');
    const scope = await monitoringScope(ctx, c.req.param('code'));
    const opts = { model: c.req.query('model'), year: c.req.query('tahun') };
    if (scope.level === 4) {
      const ok = c.req.query('tersimpan');
      const page = await villageIndex(ctx, scope.code, opts);
      const saved = ok && page.entry ? fill(words(c.get('lang')).saved, { score: formatScore(page.entry.score, page.def.decimals, c.get('lang')), status: STATUS_LABEL[page.entry.status][c.get('lang')] }) : undefined;
      return c.html(<VillageIndexView c={c} d={page} ok={saved} />);
    }
    return c.html(<IndexPage c={c} d={await indexDashboard(ctx, scope.code, opts)} />);
  });
  app.get('/pantau/:code/idm.xlsx', readFile, async (c) => {
    const d = await indexDashboard(c.get('ctx'), c.req.param('code'), { model: c.req.query('model'), year: c.req.query('tahun') });
    return workbook(c, await indexWorkbook(d, c.get('lang')), `indeks-${d.model}-${fileCode(d.scope.code)}-${d.year}.xlsx`);
  });

  app.post('/pantau/:code/idm', writeIndex, async (c) => {
    const ctx = c.get('ctx');
    const code = c.req.param('code');
    const form = await formFields(c);
    const dimensions: Record<string, string> = {};
    const indicators: Record<string, string> = {};
    for (const [k, v] of Object.entries(form)) {
      if (k.startsWith('dim.')) dimensions[k.slice(4)] = v;
      if (k.startsWith('ind.')) indicators[k.slice(4)] = v;
    }
    const model = form.model ?? c.req.query('model');
    const year = form.tahun ?? c.req.query('tahun');
    try {
      const r = await saveVillageIndex(ctx, code, { model, year, dimensions, indicators });
      return c.redirect(`/pantau/${r.village_code}/idm?model=${r.model}&tahun=${r.year}&tersimpan=1`, 303);
    } catch (err) {
      const problem = formProblem(c, err);
      const page = await villageIndex(ctx, code, { model, year: /^\d{4}$/.test(year ?? '') ? year : undefined });
      return c.html(<VillageIndexView c={c} d={page} error={problem.message} field={problem.field} values={form} />, problem.status === 404 ? 404 : 400);
    }
  });

  app.get('/pantau/:code/idm/impor', writeIndex, async (c) => {
    const scope = await monitoringScope(c.get('ctx'), c.req.param('code'), 'monitoring.index.write');
    return c.html(<IndexImportView c={c} scope={scope} />);
  });
  app.get('/pantau/:code/idm/templat.xlsx', writeIndex, async (c) => {
    const model = parseModel(c.req.query('model'));
    const bytes = await indexImportTemplate(c.get('ctx'), c.req.param('code'), model);
    return workbook(c, bytes, `templat-impor-${modelDefinition(model).model}.xlsx`);
  });

  // The preview: read and check every row, store nothing.
  app.post('/pantau/:code/idm/impor', writeIndex, async (c) => {
    const ctx = c.get('ctx');
    const code = c.req.param('code');
    const scope = await monitoringScope(ctx, code, 'monitoring.index.write');
    try {
      const body = await c.req.parseBody();
      const file = body.file instanceof File && body.file.size > 0 ? body.file : null;
      const upload = file ? { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) } : null;
      const preview = await previewIndexImport(ctx, code, upload);
      return c.html(<IndexImportView c={c} scope={scope} preview={preview} />, preview.problemCount ? 422 : 200);
    } catch (err) {
      const problem = formProblem(c, err);
      return c.html(<IndexImportView c={c} scope={scope} error={problem.message} />, problem.status === 413 ? 413 : problem.status === 429 ? 429 : 400);
    }
  });

  // All rows in one transaction, or none.
  app.post('/pantau/:code/idm/impor/:job/jalankan', writeIndex, async (c) => {
    const ctx = c.get('ctx');
    const code = c.req.param('code');
    const scope = await monitoringScope(ctx, code, 'monitoring.index.write');
    const done = await runIndexImport(ctx, code, c.req.param('job'));
    return c.html(<IndexImportView c={c} scope={scope} done={done} />);
  });

  app.get('/pantau/:code/kabar', read, async (c) => c.html(<FeedPage c={c} d={await activityFeed(c.get('ctx'), c.req.param('code'))} />));
  app.get('/pantau/:code/kabar.xlsx', readFile, async (c) => {
    const d = await activityFeed(c.get('ctx'), c.req.param('code'));
    return workbook(c, await feedWorkbook(d, c.get('lang')), `kabar-${fileCode(d.scope.code)}-${d.today}.xlsx`);
  });

  // For the province's or regency's website: counts of villages only.
  app.get('/publik/wilayah/:code', access('public'), async (c) => {
    const f = await publicRegionFigures(c.get('ctx'), c.req.param('code'));
    if (f.region.level === 4) return c.redirect(`/publik/desa/${f.region.code}`, 302);
    // A proxy may keep it a few minutes, but never a copy whose frame names a logged-in officer.
    const cache = c.get('session') ? 'private, no-store' : 'public, max-age=300';
    return c.html(<PublicRegionPage c={c} f={f} />, 200, { 'cache-control': cache, vary: 'Cookie' });
  });
}
