import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import { allowLargeUpload } from '../../platform/http/app.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem, formWithFiles } from '../../platform/http/forms.js';
import { idParam } from '../../platform/http/id-param.js';
import type { Router } from '../../platform/http/router.js';
import { todayInWib } from '../../platform/format/format.js';
import { t } from '../../platform/i18n/i18n.js';
import { addPublicBudgetSection } from '../budget/index.js';
import { getProject, listVillageProjects, projectPhoto, publicProjects, reportProgress, startProject } from './project.service.js';
import { PublicProjectList } from './views/public-projects.js';
import { ProjectListPage, ProjectPage, PublicProjectPage, type PageMessages } from './views/project-pages.js';

type Status = 200 | 400 | 403 | 404 | 409 | 413 | 415;
const statusOf = (s: number): Status => ([400, 403, 404, 409, 413, 415].includes(s) ? (s as Status) : 400);

/**
 * /desa/<code>/proyek: the year's projects and the form to open one from an RKPDes activity;
 * /desa/<code>/proyek/<id>: one project and its progress reports, with the report form (photos
 * uploaded with it); /publik/desa/<code>/proyek/<id> and its photos: the same for everyone.
 */
export function registerProjectPages(app: Router) {
  const read = access({ permission: 'planning.read', scope: 'village' });
  const write = access({ permission: 'planning.write', scope: 'village' });
  const code = (c: Context<AppEnv>) => c.req.param('code')!;
  const ok = (c: Context<AppEnv>) => (c.req.query('ok') ? t(c.get('lang'), 'budget.saved') : undefined);
  allowLargeUpload(/^\/desa\/[^/]+\/proyek\/[0-9]+\/laporan$/);
  addPublicBudgetSection(async (c, village, year) => {
    const projects = await publicProjects(c.get('ctx'), village, year, todayInWib());
    return projects.length ? <PublicProjectList c={c} code={village} projects={projects} /> : null;
  });

  const listPage = async (c: Context<AppEnv>, msg: PageMessages = {}, status: Status = 200) =>
    c.html(<ProjectListPage c={c} view={await listVillageProjects(c.get('ctx'), code(c), c.req.query('tahun'), todayInWib())} msg={msg} />, status);
  const projectPage = async (c: Context<AppEnv>, msg: PageMessages = {}, status: Status = 200) => {
    const today = todayInWib();
    return c.html(<ProjectPage c={c} view={await getProject(c.get('ctx'), code(c), idParam(c), today)} msg={msg} today={today} />, status);
  };

  app.get('/desa/:code/proyek', read, (c) => listPage(c, { ok: ok(c) }));
  app.post('/desa/:code/proyek', write, async (c) => {
    const f = await formFields(c);
    try {
      const { id } = await startProject(c.get('ctx'), code(c), f);
      return c.redirect(`/desa/${code(c)}/proyek/${id}?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return listPage(c, { error: p.message, values: f }, statusOf(p.status));
    }
  });
  app.get('/desa/:code/proyek/:id{[0-9]+}', read, (c) => projectPage(c, { ok: ok(c) }));
  app.post('/desa/:code/proyek/:id{[0-9]+}/laporan', write, async (c) => {
    const { fields, files } = await formWithFiles(c, 'photos');
    try {
      await reportProgress(c.get('ctx'), code(c), idParam(c), fields, files, todayInWib());
      return c.redirect(`/desa/${code(c)}/proyek/${idParam(c)}?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return projectPage(c, { error: p.message, values: fields }, statusOf(p.status));
    }
  });

  // Public: the project page and its photos (no personal data), cached a few minutes by a proxy.
  app.get('/publik/desa/:code/proyek/:id{[0-9]+}', access('public'), async (c) => {
    const view = await getProject(c.get('ctx'), code(c), idParam(c), todayInWib(), true);
    const cache = c.get('session') ? 'private, no-store' : 'public, max-age=300';
    return c.html(<PublicProjectPage c={c} view={view} />, 200, { 'cache-control': cache, vary: 'Cookie' });
  });
  app.get('/publik/desa/:code/proyek/foto/:id{[0-9]+}', access('public'), async (c) => {
    const photo = await projectPhoto(c.get('ctx'), code(c), idParam(c));
    // A photo never changes (a new report brings new ones): kept a day.
    return c.body(new Uint8Array(photo.bytes), 200, { 'content-type': photo.type, 'cache-control': 'public, max-age=86400', 'x-content-type-options': 'nosniff' });
  });
}
