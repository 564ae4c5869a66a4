import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import { allowLargeUpload } from '../../platform/http/app.js';
import { noStore, privateFile, XLSX } from '../../platform/http/download.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem, formWithFiles } from '../../platform/http/forms.js';
import type { Router } from '../../platform/http/router.js';
import { BOOK_KEYS, BOOK_PATH, bookPage, bookPdf, bookWorkbook } from './books.service.js';
import { amendable, correctRegulation, listRegulations, recordRegulation, regulation, regulationDocument, revokeRegulation } from './register.service.js';
import { BookPage, regBase, RegulationListPage, RegulationPage, type RegMsg } from './views/pages.js';

type Status = 200 | 400 | 403 | 404 | 409 | 413 | 415;
const statusOf = (s: number): Status => ([400, 403, 404, 409, 413, 415].includes(s) ? (s as Status) : 400);

/**
 * The register of village regulations and the head's decisions: /desa/<kode>/peraturan (the list
 * and the form), /desa/<kode>/peraturan/<id> (a record, its PDF, correct and revoke), and the three
 * books made from it, each with Excel and PDF: /desa/<kode>/peraturan/buku-peraturan,
 * /buku-keputusan and /lembaran-desa.
 */
export function registerRegulationPages(app: Router) {
  allowLargeUpload(/^\/desa\/[^/]+\/peraturan(\/[0-9]+\/koreksi)?$/);
  const read = access({ permission: 'regulation.read', scope: 'village' }, { login: '/masuk' });
  const readFile = access({ permission: 'regulation.read', scope: 'village' });
  const manage = access({ permission: 'regulation.manage', scope: 'village' });
  const code = (c: Context<AppEnv>) => c.req.param('code')!;

  const listPage = async (c: Context<AppEnv>, msg: RegMsg, status: Status = 200) => {
    noStore(c);
    const ctx = c.get('ctx');
    const view = await listRegulations(ctx, code(c), { tahun: c.req.query('tahun'), kind: c.req.query('kind'), q: c.req.query('q'), page: c.req.query('page') });
    return c.html(<RegulationListPage c={c} view={view} options={await amendable(ctx, view.village)} msg={msg} />, status);
  };
  app.get('/desa/:code/peraturan', read, (c) => listPage(c, { ok: c.req.query('ok') === '1' }));
  app.post('/desa/:code/peraturan', manage, async (c) => {
    const { fields, files } = await formWithFiles(c, 'document');
    try {
      const { id } = await recordRegulation(c.get('ctx'), code(c), fields, files[0] ?? null);
      return c.redirect(`${regBase(code(c))}/${id}?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return listPage(c, { error: p.message, values: fields }, statusOf(p.status));
    }
  });

  const recordPage = async (c: Context<AppEnv>, msg: RegMsg, status: Status = 200) => {
    noStore(c);
    const ctx = c.get('ctx');
    const view = await regulation(ctx, code(c), c.req.param('id')!);
    return c.html(<RegulationPage c={c} view={view} options={await amendable(ctx, view.village)} msg={msg} />, status);
  };
  app.get('/desa/:code/peraturan/:id{[0-9]+}', read, (c) => recordPage(c, { ok: c.req.query('ok') === '1' }));
  app.get('/desa/:code/peraturan/:id{[0-9]+}/berkas', readFile, async (c) => {
    const doc = await regulationDocument(c.get('ctx'), code(c), c.req.param('id'));
    return privateFile(c, doc.bytes, { type: 'application/pdf', name: doc.name, inline: true });
  });
  app.post('/desa/:code/peraturan/:id{[0-9]+}/koreksi', manage, async (c) => {
    const { fields, files } = await formWithFiles(c, 'document');
    try {
      const { id } = await correctRegulation(c.get('ctx'), code(c), c.req.param('id'), fields, files[0] ?? null);
      return c.redirect(`${regBase(code(c))}/${id}?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return recordPage(c, { error: p.message, values: { ...fields, correction_reason: fields.correction_reason ?? '' } }, statusOf(p.status));
    }
  });
  app.post('/desa/:code/peraturan/:id{[0-9]+}/cabut', manage, async (c) => {
    const f = await formFields(c);
    try {
      await revokeRegulation(c.get('ctx'), code(c), c.req.param('id'), f);
      return c.redirect(`${regBase(code(c))}/${c.req.param('id')}?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return recordPage(c, { error: p.message }, statusOf(p.status));
    }
  });

  for (const book of BOOK_KEYS) {
    const path = `/desa/:code/peraturan/${BOOK_PATH[book]}`;
    app.get(path, read, async (c) => {
      noStore(c);
      return c.html(<BookPage c={c} view={await bookPage(c.get('ctx'), code(c), book, { tahun: c.req.query('tahun'), page: c.req.query('page') })} />);
    });
    app.get(`${path}.xlsx`, readFile, async (c) => {
      const file = await bookWorkbook(c.get('ctx'), code(c), book, { tahun: c.req.query('tahun') });
      return privateFile(c, file.bytes, { type: XLSX, name: file.filename });
    });
    app.get(`${path}.pdf`, readFile, async (c) => {
      const file = await bookPdf(c.get('ctx'), code(c), book, { tahun: c.req.query('tahun'), kertas: c.req.query('kertas') });
      return privateFile(c, file.bytes, { type: 'application/pdf', name: file.filename, inline: true });
    });
  }
}
