import type { Context } from 'hono';
import { privateFile } from '../../../platform/http/download.js';
import { allowLargeUpload } from '../../../platform/http/app.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { formProblem } from '../../../platform/http/forms.js';
import type { Router } from '../../../platform/http/router.js';
import { access } from '../../../platform/access/route-access.js';
import { bukuIndukPenduduk, exportPopulation, importTemplate, type Download } from './export.service.js';
import { getImportJob, previewImport, startImport, transferPage } from './import.service.js';
import { PreviewPage, ProgressPage, TransferPage } from './transfer.views.js';

const download = (c: Context<AppEnv>, d: Download) => privateFile(c, d.bytes, { type: d.contentType, name: d.fileName });

// The head exports but does not import: the page opens with either permission.
const importOrExport = access({ anyOf: [{ permission: 'population.import', scope: 'village' }, { permission: 'population.export', scope: 'village' }] });

export function registerTransferPages(app: Router) {
  // The upload may be 10 MB; every other body stays under the platform's 1 MB.
  allowLargeUpload(/^\/desa\/[^/]+\/penduduk\/impor$/);

  app.get('/desa/:code/penduduk/impor', importOrExport, async (c) => {
    const page = await transferPage(c.get('ctx'), c.req.param('code'));
    return c.html(<TransferPage c={c} page={page} />);
  });

  // The preview: the file is read and checked, nothing is stored; without errors its rows
  // wait in the job registry for the confirmation below.
  app.post('/desa/:code/penduduk/impor', access({ permission: 'population.import', scope: 'village' }), async (c) => {
    const ctx = c.get('ctx');
    const code = c.req.param('code');
    try {
      const body = await c.req.parseBody();
      const file = body.file instanceof File && body.file.size > 0 ? body.file : null;
      const upload = file ? { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) } : null;
      const preview = await previewImport(ctx, code, upload);
      return c.html(<PreviewPage c={c} preview={preview} />);
    } catch (err) {
      const problem = formProblem(c, err);
      const page = await transferPage(ctx, code);
      return c.html(<TransferPage c={c} page={page} error={problem.message} />, problem.status === 413 ? 413 : problem.status === 429 ? 429 : 400);
    }
  });

  app.post('/desa/:code/penduduk/impor/:job/jalankan', access({ permission: 'population.import', scope: 'village' }), async (c) => {
    const job = await startImport(c.get('ctx'), c.req.param('code'), c.req.param('job'));
    return c.redirect(`/desa/${c.req.param('code')}/penduduk/impor/${job.id}`, 303);
  });

  app.get('/desa/:code/penduduk/impor/:job', access({ permission: 'population.import', scope: 'village' }), async (c) => {
    const job = await getImportJob(c.get('ctx'), c.req.param('code'), c.req.param('job'));
    return c.html(<ProgressPage c={c} job={job} />, 200, { 'cache-control': 'no-store' });
  });

  app.get('/desa/:code/penduduk/ekspor.xlsx', access({ permission: 'population.export', scope: 'village' }), async (c) => download(c, await exportPopulation(c.get('ctx'), c.req.param('code'), 'xlsx', c.req.query('status'))));
  app.get('/desa/:code/penduduk/ekspor.csv', access({ permission: 'population.export', scope: 'village' }), async (c) => download(c, await exportPopulation(c.get('ctx'), c.req.param('code'), 'csv', c.req.query('status'))));
  app.get('/desa/:code/penduduk/buku-induk.xlsx', access({ permission: 'population.export', scope: 'village' }), async (c) =>
    download(c, await bukuIndukPenduduk(c.get('ctx'), c.req.param('code'), 'xlsx', { status: c.req.query('status'), paper: c.req.query('kertas') })),
  );
  app.get('/desa/:code/penduduk/buku-induk.pdf', access({ permission: 'population.export', scope: 'village' }), async (c) =>
    download(c, await bukuIndukPenduduk(c.get('ctx'), c.req.param('code'), 'pdf', { status: c.req.query('status'), paper: c.req.query('kertas') })),
  );
  app.get('/desa/:code/penduduk/template.xlsx', access({ permission: 'population.import', scope: 'village' }), async (c) => download(c, await importTemplate(c.get('ctx'), c.req.param('code'))));
}
