import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import { allowLargeUpload } from '../../platform/http/app.js';
import { noStore, privateFile, XLSX } from '../../platform/http/download.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import type { Router } from '../../platform/http/router.js';
import { villageScope } from '../villages/index.js';
import { reportFigures } from './figures.service.js';
import { applyCorrections, compareFile, differences } from './reconcile.service.js';
import { exportChanges, reportFile, reportsOverview } from './reports.service.js';
import { REGISTRY_COLUMNS } from './siak.js';
import { FiguresPage } from './views/figures-page.js';
import { crBase, DifferencesPage, OverviewPage, RefusedPage, type CrMsg } from './views/pages.js';
import { CR_TEXT, fill } from './views/text.js';

type Status = 200 | 400 | 403 | 404 | 409 | 413 | 415 | 422 | 429;
const statusOf = (s: number): Status => ([400, 403, 404, 409, 413, 415, 422, 429].includes(s) ? (s as Status) : 400);

/**
 * The civil registry desk of a village (issue 19, item 5): /desa/<kode>/dukcapil (the reports,
 * "export the changes since the last report", the upload), /dukcapil/laporan/<id>/berkas (a
 * report's Excel, the same file each time), /dukcapil/impor/<id> (the differences, a card per
 * person) and its /terapkan (the corrections chosen, all or nothing), /dukcapil/templat.csv;
 * the levels above: /pantau/<kode>/dukcapil, counts only.
 */
export function registerCivilRegistryPages(app: Router) {
  // The civil registry's file may be 10 MB; every other body stays under the platform's 1 MB.
  allowLargeUpload(/^\/desa\/[^/]+\/dukcapil\/impor$/);
  const page = access({ permission: 'civil_registry.manage', scope: 'village' }, { login: '/masuk' });
  const act = access({ permission: 'civil_registry.manage', scope: 'village' });
  const figures = access({ permission: 'monitoring.read', scope: 'village' }, { login: '/masuk' });
  const code = (c: Context<AppEnv>) => c.req.param('code')!;

  const overview = async (c: Context<AppEnv>, msg: CrMsg, status: Status = 200) => {
    noStore(c);
    const view = await reportsOverview(c.get('ctx'), code(c), { page: c.req.query('page') });
    return c.html(<OverviewPage c={c} view={view} msg={msg} />, status);
  };
  app.get('/desa/:code/dukcapil', page, (c) => {
    const made = c.req.query('dibuat');
    const w = CR_TEXT[c.get('lang')];
    const [number, total] = (made ?? '').split('-');
    return overview(c, made && /^\d{1,6}-\d{1,7}$/.test(made) ? { ok: fill(w.made, { number: number!, total: total! }) } : {});
  });

  app.post('/desa/:code/dukcapil/laporan', act, async (c) => {
    const f = await formFields(c);
    try {
      const made = await exportChanges(c.get('ctx'), code(c), { sejak: f.sejak });
      return c.redirect(`${crBase(await villageScope(c.get('ctx'), code(c), 'civil_registry.manage'))}?dibuat=${made.number}-${made.total}`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return overview(c, { error: p.message, values: f }, statusOf(p.status));
    }
  });

  app.get('/desa/:code/dukcapil/laporan/:id{[0-9]+}/berkas', act, async (c) => {
    const file = await reportFile(c.get('ctx'), code(c), c.req.param('id'));
    return privateFile(c, file.bytes, { type: XLSX, name: file.name });
  });

  app.get('/desa/:code/dukcapil/templat.csv', act, async (c) => {
    await villageScope(c.get('ctx'), code(c), 'civil_registry.manage');
    // The header row only: an example row would be a person who does not exist.
    return privateFile(c, `\uFEFF${REGISTRY_COLUMNS.map((col) => col.names[0]).join(';')}\r\n`, { type: 'text/csv; charset=utf-8', name: 'templat-data-dukcapil.csv' });
  });

  app.post('/desa/:code/dukcapil/impor', act, async (c) => {
    const ctx = c.get('ctx');
    try {
      const body = await c.req.parseBody();
      const file = body.file instanceof File && body.file.size > 0 ? body.file : null;
      const upload = file ? { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) } : null;
      const done = await compareFile(ctx, code(c), upload);
      if ('refused' in done) {
        noStore(c);
        return c.html(<RefusedPage c={c} village={await villageScope(ctx, code(c), 'civil_registry.manage')} fileName={done.fileName} file={done.refused} />, 400);
      }
      const next = `${crBase(await villageScope(ctx, code(c), 'civil_registry.manage'))}/impor/${done.id}`;
      // The page's upload script names where to go itself: a redirect would be followed unseen (and the comparison read twice).
      if (c.req.header('x-balai-upload') === '1') return c.body(null, 204, { 'x-balai-next': next });
      return c.redirect(next, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return overview(c, { error: p.message }, statusOf(p.status));
    }
  });

  const differencesPage = async (c: Context<AppEnv>, msg: CrMsg, status: Status = 200) => {
    noStore(c);
    const view = await differences(c.get('ctx'), code(c), c.req.param('id'), { jenis: c.req.query('jenis'), page: c.req.query('page') });
    return c.html(<DifferencesPage c={c} view={view} msg={msg} />, status);
  };
  app.get('/desa/:code/dukcapil/impor/:id{[0-9]+}', page, (c) => {
    const applied = c.req.query('diterapkan');
    const w = CR_TEXT[c.get('lang')];
    const [n, residents] = (applied ?? '').split('-');
    return differencesPage(c, applied && /^\d{1,7}-\d{1,7}$/.test(applied) ? { ok: fill(w.appliedOk, { n: n!, residents: residents! }) } : {});
  });

  app.post('/desa/:code/dukcapil/impor/:id{[0-9]+}/terapkan', act, async (c) => {
    const body = await c.req.parseBody({ all: true });
    const pick = ([] as unknown[]).concat(body.pick ?? []).filter((v): v is string => typeof v === 'string');
    const semua = typeof body.semua === 'string' ? body.semua : undefined;
    try {
      const done = await applyCorrections(c.get('ctx'), code(c), c.req.param('id'), { pick, semua });
      const at = `${crBase(await villageScope(c.get('ctx'), code(c), 'civil_registry.manage'))}/impor/${c.req.param('id')}`;
      return c.redirect(`${at}?diterapkan=${done.corrections}-${done.residents}`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return differencesPage(c, { error: p.message }, statusOf(p.status));
    }
  });

  app.get('/pantau/:code/dukcapil', figures, async (c) => c.html(<FiguresPage c={c} d={await reportFigures(c.get('ctx'), code(c))} />));
}

