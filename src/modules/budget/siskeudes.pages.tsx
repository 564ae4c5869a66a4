import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import { allowLargeUpload } from '../../platform/http/app.js';
import { privateFile, XLSX } from '../../platform/http/download.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formProblem } from '../../platform/http/forms.js';
import { idParam } from '../../platform/http/id-param.js';
import type { Router } from '../../platform/http/router.js';
import { todayInWib } from '../../platform/format/format.js';
import { exportSiskeudes } from './siskeudes/export.service.js';
import { previewSiskeudes, runSiskeudesImport, siskeudesPage } from './siskeudes/import.service.js';
import { SiskeudesPage } from './views/siskeudes-page.js';

type Status = 200 | 400 | 403 | 404 | 409 | 413 | 415 | 422 | 429;
const statusOf = (s: number): Status => ([400, 403, 404, 409, 413, 415, 422, 429].includes(s) ? (s as Status) : 400);

/**
 * /desa/<code>/realisasi/siskeudes: a Siskeudes file checked in a preview, then imported whole
 * (budget lines as a new draft, or vouchers as entries); the same layouts exported again.
 * Who may import which is checked in the use cases (budget.write for a budget, budget.post for vouchers).
 */
export function registerSiskeudesPages(app: Router) {
  const read = access({ permission: 'budget.read', scope: 'village' });
  const post = access({ permission: 'budget.post', scope: 'village' });
  allowLargeUpload(/^\/desa\/[^/]+\/realisasi\/siskeudes$/);
  const code = (c: Context<AppEnv>) => c.req.param('code')!;
  const page = async (c: Context<AppEnv>, extra: Omit<Parameters<typeof SiskeudesPage>[0], 'c' | 'view'>, year: string | undefined, status: Status = 200) =>
    c.html(<SiskeudesPage c={c} view={await siskeudesPage(c.get('ctx'), code(c), year, todayInWib())} {...extra} />, status);

  app.get('/desa/:code/realisasi/siskeudes', read, (c) => page(c, { ok: c.req.query('ok') === '1' }, c.req.query('tahun')));
  // The preview: every row read and checked; only what would be written is kept.
  app.post('/desa/:code/realisasi/siskeudes', post, async (c) => {
    const body = await c.req.parseBody();
    const values = { kind: typeof body.kind === 'string' ? body.kind : '', tahun: typeof body.tahun === 'string' ? body.tahun : '' };
    const file = body.file instanceof File && body.file.size > 0 ? body.file : null;
    const year = /^\d{4}$/.test(values.tahun) ? values.tahun : undefined;
    try {
      const upload = file ? { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) } : null;
      const preview = await previewSiskeudes(c.get('ctx'), code(c), values, upload, todayInWib());
      return page(c, { preview, values }, String(preview.year), preview.problemCount ? 422 : 200);
    } catch (err) {
      const p = formProblem(c, err);
      return page(c, { error: p.message, values }, year, statusOf(p.status));
    }
  });
  // Every row in one transaction, or none.
  app.post('/desa/:code/realisasi/siskeudes/:id{[0-9]+}/impor', post, async (c) => {
    try {
      const done = await runSiskeudesImport(c.get('ctx'), code(c), idParam(c), todayInWib());
      return c.redirect(`/desa/${code(c)}/realisasi/siskeudes?tahun=${done.year}&ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return page(c, { error: p.message }, undefined, statusOf(p.status));
    }
  });
  app.get('/desa/:code/realisasi/siskeudes.xlsx', read, async (c) => {
    const file = await exportSiskeudes(c.get('ctx'), code(c), c.req.query('kind'), c.req.query('tahun'), todayInWib());
    return privateFile(c, file.bytes, { type: XLSX, name: file.name });
  });
}
