import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import { allowLargeUpload } from '../../platform/http/app.js';
import { privateFile, XLSX } from '../../platform/http/download.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import { idParam } from '../../platform/http/id-param.js';
import type { Router } from '../../platform/http/router.js';
import { todayInWib } from '../../platform/format/format.js';
import { t } from '../../platform/i18n/i18n.js';
import { cashBook, correctEntry, getEntryProof, postEntry, realisationReport, reportSigner, verifyEntry } from './realisation.service.js';
import { REALISATION_PDF_WORKER } from './views/realisation-pdf.js';
import { realisationPdfInput, realisationWorkbook } from './views/realisation-workbook.js';
import { runInWorker } from '../../platform/workers/run.js';
import type { PageMessages } from './views/budget-pages.js';
import { CashBookPage, RealisationPage } from './views/realisation-pages.js';

type Status = 200 | 400 | 403 | 404 | 409 | 413 | 415;
const statusOf = (s: number): Status => ([400, 403, 404, 409, 413, 415].includes(s) ? (s as Status) : 400);

/**
 * /desa/<code>/realisasi: the year's realisation report and the form to post an entry with its
 * proof; /desa/<code>/realisasi/bku: a month of the cash book, where entries are verified and
 * corrected; /desa/<code>/realisasi/<id>/bukti: an entry's proof, for those who read the budget.
 */
export function registerRealisationPages(app: Router) {
  const read = access({ permission: 'budget.read', scope: 'village' });
  const post = access({ permission: 'budget.post', scope: 'village' });
  const verify = access({ permission: 'budget.verify', scope: 'village' });
  // A photographed receipt can be larger than the 1 MB of an ordinary form.
  allowLargeUpload(/^\/desa\/[^/]+\/realisasi$/);
  const code = (c: Context<AppEnv>) => c.req.param('code')!;
  const ok = (c: Context<AppEnv>) => (c.req.query('ok') ? t(c.get('lang'), 'budget.posted') : undefined);

  const reportPage = async (c: Context<AppEnv>, msg: PageMessages, status: Status = 200, year?: string) =>
    c.html(<RealisationPage c={c} view={await realisationReport(c.get('ctx'), code(c), year ?? c.req.query('tahun'), c.req.query('periode'), todayInWib())} msg={msg} />, status);
  const bookPage = async (c: Context<AppEnv>, msg: PageMessages, status: Status = 200) =>
    c.html(<CashBookPage c={c} view={await cashBook(c.get('ctx'), code(c), c.req.query('tahun'), c.req.query('bulan'), todayInWib())} msg={msg} />, status);

  app.get('/desa/:code/realisasi', read, (c) => reportPage(c, { ok: ok(c) }));
  // The report in the official layout, for the head to sign and send to the regent.
  app.get('/desa/:code/realisasi.xlsx', read, async (c) => {
    const ctx = c.get('ctx');
    const report = await realisationReport(ctx, code(c), c.req.query('tahun'), c.req.query('periode'), todayInWib());
    const bytes = await realisationWorkbook(report, await reportSigner(ctx, report.village.village_code), c.get('lang'));
    const name = `realisasi-apbdes-${report.village.village_code.replace(/\./g, '')}-${report.year}-${report.period === 's1' ? 'semester-1' : 'tahunan'}.xlsx`;
    return privateFile(c, bytes, { type: XLSX, name });
  });
  app.post('/desa/:code/realisasi', post, async (c) => {
    const f = await formFields(c);
    const body = await c.req.parseBody(); // parsed once: hono keeps the body it read
    const file = body.proof instanceof File && body.proof.size > 0 ? new Uint8Array(await body.proof.arrayBuffer()) : null;
    try {
      const { year } = await postEntry(c.get('ctx'), code(c), f, file, todayInWib());
      return c.redirect(`/desa/${code(c)}/realisasi?tahun=${year}&ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return reportPage(c, { error: p.message, values: f }, statusOf(p.status), f.entry_date?.slice(0, 4));
    }
  });
  // The same as PDF, A4 or F4 (?kertas=f4), drawn in a worker thread.
  app.get('/desa/:code/realisasi.pdf', read, async (c) => {
    const ctx = c.get('ctx');
    // As the buku induk: F4 when asked for, A4 otherwise.
    const kertas = c.req.query('kertas') === 'f4' ? 'f4' : 'a4';
    const report = await realisationReport(ctx, code(c), c.req.query('tahun'), c.req.query('periode'), todayInWib());
    const input = realisationPdfInput(report, await reportSigner(ctx, report.village.village_code), c.get('lang'), kertas === 'f4' ? 'F4' : 'A4');
    const bytes = await runInWorker<Uint8Array>(REALISATION_PDF_WORKER, input, { timeoutMs: 60_000, memoryMb: 256 });
    const name = `realisasi-apbdes-${report.village.village_code.replace(/\./g, '')}-${report.year}-${report.period === 's1' ? 'semester-1' : 'tahunan'}.pdf`;
    return privateFile(c, bytes, { type: 'application/pdf', name });
  });
  app.get('/desa/:code/realisasi/bku', read, (c) => bookPage(c, { ok: c.req.query('ok') ? t(c.get('lang'), 'budget.saved') : undefined }));
  const step = (path: string, gate: typeof read, work: (c: Context<AppEnv>, f: Record<string, string>) => Promise<unknown>) =>
    app.post(`/desa/:code/realisasi/:id{[0-9]+}/${path}`, gate, async (c) => {
      const f = await formFields(c);
      try {
        await work(c, f);
        const back = { ...(/^\d{4}$/.test(f.tahun ?? '') ? { tahun: f.tahun! } : {}), ...(/^\d{1,2}$/.test(f.bulan ?? '') ? { bulan: f.bulan! } : {}) };
        return c.redirect(`/desa/${code(c)}/realisasi/bku?${new URLSearchParams({ ...back, ok: '1' })}`, 303);
      } catch (err) {
        const p = formProblem(c, err);
        return bookPage(c, { error: p.message }, statusOf(p.status));
      }
    });
  step('koreksi', post, (c, f) => correctEntry(c.get('ctx'), code(c), idParam(c), f.reason, todayInWib()));
  step('verifikasi', verify, (c) => verifyEntry(c.get('ctx'), code(c), idParam(c)));
  app.get('/desa/:code/realisasi/:id{[0-9]+}/bukti', read, async (c) => {
    const proof = await getEntryProof(c.get('ctx'), code(c), idParam(c));
    const ext = proof.type === 'application/pdf' ? 'pdf' : proof.type === 'image/png' ? 'png' : 'jpg';
    return privateFile(c, proof.bytes, { type: proof.type, name: `bukti-${idParam(c)}.${ext}`, inline: true });
  });
}
