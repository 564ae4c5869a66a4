import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import { allowLargeUpload } from '../../platform/http/app.js';
import { noStore, privateFile, XLSX } from '../../platform/http/download.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem, formWithFiles } from '../../platform/http/forms.js';
import type { Router } from '../../platform/http/router.js';
import { agendaBook, agendaPdf, agendaWorkbook } from './agenda.service.js';
import { mailDashboard } from './figures.service.js';
import { incomingLetter, incomingScan, listIncoming, registerIncoming, voidIncoming } from './incoming.service.js';
import { markRouteDone, myQueue, routeIncoming, routeTargets } from './routing.service.js';
import { mailWorkbook } from './views/figures-workbook.js';
import { AgendaPage, IncomingLetterPage, IncomingListPage, MailFiguresPage, QueuePage, type MailMsg } from './views/pages.js';

type Status = 200 | 400 | 403 | 404 | 409 | 413 | 415;
const statusOf = (s: number): Status => ([400, 403, 404, 409, 413, 415].includes(s) ? (s as Status) : 400);

/**
 * The village office's incoming mail: /desa/<kode>/surat-masuk (the register and the form),
 * /desa/<kode>/surat-masuk/<id> (a letter, its scan, its routings), /desa/<kode>/disposisi (the
 * official's own queue), /desa/<kode>/buku-agenda (letters in and out, with Excel); the levels
 * above: /pantau/<kode>/surat-masuk and its Excel file.
 */
export function registerCorrespondencePages(app: Router) {
  allowLargeUpload(/^\/desa\/[^/]+\/surat-masuk$/);
  const read = access({ permission: 'mail.read', scope: 'village' }, { login: '/masuk' });
  const write = access({ permission: 'mail.write', scope: 'village' });
  const route = access({ permission: 'mail.route', scope: 'village' });
  const queue = access({ permission: 'mail.queue', scope: 'village' }, { login: '/masuk' });
  const queueWrite = access({ permission: 'mail.queue', scope: 'village' });
  const figures = access({ permission: 'monitoring.read', scope: 'village' }, { login: '/masuk' });
  const figuresFile = access({ permission: 'monitoring.read', scope: 'village' });
  const code = (c: Context<AppEnv>) => c.req.param('code')!;
  const base = (c: Context<AppEnv>) => `/desa/${code(c)}/surat-masuk`;

  const listPage = async (c: Context<AppEnv>, msg: MailMsg, status: Status = 200) => {
    noStore(c);
    const view = await listIncoming(c.get('ctx'), code(c), { tahun: c.req.query('tahun'), q: c.req.query('q'), status: c.req.query('status'), page: c.req.query('page') });
    return c.html(<IncomingListPage c={c} view={view} msg={msg} />, status);
  };
  app.get('/desa/:code/surat-masuk', read, (c) => listPage(c, { ok: c.req.query('ok') === '1' }));
  app.post('/desa/:code/surat-masuk', write, async (c) => {
    const { fields, files } = await formWithFiles(c, 'scan');
    try {
      const { id } = await registerIncoming(c.get('ctx'), code(c), fields, files[0] ?? null);
      return c.redirect(`${base(c)}/${id}?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return listPage(c, { error: p.message, values: fields }, statusOf(p.status));
    }
  });

  const letterPage = async (c: Context<AppEnv>, msg: MailMsg, status: Status = 200) => {
    noStore(c);
    const ctx = c.get('ctx');
    const view = await incomingLetter(ctx, code(c), c.req.param('id')!);
    return c.html(<IncomingLetterPage c={c} view={view} targets={await routeTargets(ctx, view.village)} msg={msg} />, status);
  };
  app.get('/desa/:code/surat-masuk/:id{[0-9]+}', read, (c) => letterPage(c, { ok: c.req.query('ok') === '1' }));
  app.get('/desa/:code/surat-masuk/:id{[0-9]+}/pindaian', read, async (c) => {
    const scan = await incomingScan(c.get('ctx'), code(c), c.req.param('id'));
    return privateFile(c, scan.bytes, { type: scan.type, name: scan.name, inline: true });
  });
  for (const [path, gate, act] of [['disposisi', route, routeIncoming], ['batal', write, voidIncoming]] as const) {
    app.post(`/desa/:code/surat-masuk/:id{[0-9]+}/${path}`, gate, async (c) => {
      const f = await formFields(c);
      try {
        await act(c.get('ctx'), code(c), c.req.param('id'), f);
        return c.redirect(`${base(c)}/${c.req.param('id')}?ok=1`, 303);
      } catch (err) {
        const p = formProblem(c, err);
        return letterPage(c, { error: p.message, values: f }, statusOf(p.status));
      }
    });
  }

  // The official's own queue, and the letters routed to them (opened with mail.queue alone).
  const queuePage = async (c: Context<AppEnv>, msg: MailMsg, status: Status = 200) => {
    noStore(c);
    return c.html(<QueuePage c={c} view={await myQueue(c.get('ctx'), code(c))} msg={msg} />, status);
  };
  app.get('/desa/:code/disposisi', queue, (c) => queuePage(c, { ok: c.req.query('ok') === '1' }));
  app.post('/desa/:code/disposisi/:id{[0-9]+}/selesai', queueWrite, async (c) => {
    const f = await formFields(c);
    try {
      await markRouteDone(c.get('ctx'), code(c), c.req.param('id'), f);
      return c.redirect(`/desa/${code(c)}/disposisi?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return queuePage(c, { error: p.message }, statusOf(p.status));
    }
  });
  app.get('/desa/:code/disposisi/surat/:id{[0-9]+}', queue, async (c) => {
    noStore(c);
    const ctx = c.get('ctx');
    const view = await incomingLetter(ctx, code(c), c.req.param('id'), 'mail.queue');
    return c.html(<IncomingLetterPage c={c} view={view} targets={[]} msg={{}} fromQueue />);
  });
  app.get('/desa/:code/disposisi/surat/:id{[0-9]+}/pindaian', queue, async (c) => {
    const scan = await incomingScan(c.get('ctx'), code(c), c.req.param('id'), 'mail.queue');
    return privateFile(c, scan.bytes, { type: scan.type, name: scan.name, inline: true });
  });

  app.get('/desa/:code/buku-agenda', read, async (c) => {
    noStore(c);
    return c.html(<AgendaPage c={c} view={await agendaBook(c.get('ctx'), code(c), { tahun: c.req.query('tahun'), bulan: c.req.query('bulan'), page: c.req.query('page') })} />);
  });
  app.get('/desa/:code/buku-agenda.xlsx', access({ permission: 'mail.read', scope: 'village' }), async (c) => {
    const file = await agendaWorkbook(c.get('ctx'), code(c), { tahun: c.req.query('tahun'), bulan: c.req.query('bulan') });
    return privateFile(c, file.buffer, { type: XLSX, name: file.filename });
  });

  app.get('/desa/:code/buku-agenda.pdf', access({ permission: 'mail.read', scope: 'village' }), async (c) => {
    const file = await agendaPdf(c.get('ctx'), code(c), { tahun: c.req.query('tahun'), bulan: c.req.query('bulan'), kertas: c.req.query('kertas') });
    return privateFile(c, file.bytes, { type: 'application/pdf', name: file.filename, inline: true });
  });

  app.get('/pantau/:code/surat-masuk', figures, async (c) => c.html(<MailFiguresPage c={c} d={await mailDashboard(c.get('ctx'), code(c), c.req.query('tahun'))} />));
  app.get('/pantau/:code/surat-masuk.xlsx', figuresFile, async (c) => {
    const d = await mailDashboard(c.get('ctx'), code(c), c.req.query('tahun'));
    return privateFile(c, await mailWorkbook(d, c.get('lang')), { type: XLSX, name: `surat-masuk-${d.scope.code ? d.scope.code.replace(/\./g, '') : 'nasional'}-${d.year}.xlsx` });
  });
}
