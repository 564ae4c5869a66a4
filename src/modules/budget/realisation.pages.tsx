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
import { treasurerBookFile } from './book-register.js';
import { BOOKS, isBook, readBook, type Book } from './books.service.js';
import { correctEntry, getEntryProof, postEntry, realisationReport, reportSigner, verifyEntry } from './realisation.service.js';
import { correctTreasuryEntry, postTreasuryEntry, recordCashCount, verifyTreasuryEntry } from './treasury.service.js';
import { REALISATION_PDF_WORKER } from './views/realisation-pdf.js';
import { realisationPdfInput, realisationWorkbook } from './views/realisation-workbook.js';
import { runInWorker } from '../../platform/workers/run.js';
import type { PageMessages } from './views/budget-pages.js';
import { BookPage, bookPath } from './views/book-pages.js';
import { RealisationPage } from './views/realisation-pages.js';

type Status = 200 | 400 | 403 | 404 | 409 | 413 | 415;
const statusOf = (s: number): Status => ([400, 403, 404, 409, 413, 415].includes(s) ? (s as Status) : 400);

/**
 * /desa/<code>/realisasi: the year's realisation report and the form to post an entry with its
 * proof; /desa/<code>/realisasi/bku|bank|tunai|pajak: a month of the cash, bank, cash-in-hand
 * or tax book, where entries are verified and corrected, withdrawals, deposits and tax payments
 * posted, and the cash counted; /desa/<code>/realisasi/<id>/bukti: an entry's proof.
 */
export function registerRealisationPages(app: Router) {
  const read = access({ permission: 'budget.read', scope: 'village' });
  const post = access({ permission: 'budget.post', scope: 'village' });
  const verify = access({ permission: 'budget.verify', scope: 'village' });
  const count = access({ permission: 'budget.count_cash', scope: 'village' });
  // A photographed receipt can be larger than the 1 MB of an ordinary form.
  allowLargeUpload(/^\/desa\/[^/]+\/realisasi$/);
  const code = (c: Context<AppEnv>) => c.req.param('code')!;
  const ok = (c: Context<AppEnv>) => (c.req.query('ok') ? t(c.get('lang'), 'budget.posted') : undefined);

  const reportPage = async (c: Context<AppEnv>, msg: PageMessages, status: Status = 200, year?: string) =>
    c.html(<RealisationPage c={c} view={await realisationReport(c.get('ctx'), code(c), year ?? c.req.query('tahun'), c.req.query('periode'), todayInWib())} msg={msg} />, status);
  const bookPage = async (c: Context<AppEnv>, book: Book, msg: PageMessages, status: Status = 200, at: { tahun?: string; bulan?: string } = {}) =>
    c.html(<BookPage c={c} view={await readBook(c.get('ctx'), code(c), book, at.tahun ?? c.req.query('tahun'), at.bulan ?? c.req.query('bulan'), todayInWib())} msg={msg} />, status);
  const bookOf = (f: Record<string, string>): Book => (isBook(f.buku ?? '') ? (f.buku as Book) : 'bku');
  /** The year and month the form was on, when they are real ones. */
  const monthOf = (f: Record<string, string>) => ({ ...(/^\d{4}$/.test(f.tahun ?? '') ? { tahun: f.tahun! } : {}), ...(/^\d{1,2}$/.test(f.bulan ?? '') ? { bulan: f.bulan! } : {}) });

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
  // Each book's month as the printed register and as Excel, signed by the Kaur Keuangan who keeps it.
  for (const book of BOOKS) {
    for (const format of ['pdf', 'xlsx'] as const) {
      app.get(`/desa/:code/realisasi/${book}.${format}`, read, async (c) => {
        const file = await treasurerBookFile(c.get('ctx'), code(c), book, { tahun: c.req.query('tahun'), bulan: c.req.query('bulan'), kertas: c.req.query('kertas') }, format);
        return privateFile(c, file.bytes, format === 'pdf' ? { type: 'application/pdf', name: file.filename, inline: true } : { type: XLSX, name: file.filename });
      });
    }
  }
  app.get('/desa/:code/realisasi/:book{bku|bank|tunai|pajak}', read, (c) =>
    bookPage(c, c.req.param('book') as Book, { ok: c.req.query('ok') ? t(c.get('lang'), 'budget.saved') : undefined }));
  // A step on a book comes back to the same book and month; refused, the page says why (keeping what was typed in a form).
  const action = (path: string, gate: typeof read, keep: boolean, work: (c: Context<AppEnv>, f: Record<string, string>) => Promise<unknown>) =>
    app.post(path, gate, async (c) => {
      const f = await formFields(c);
      try {
        await work(c, f);
        return c.redirect(`${bookPath(code(c), bookOf(f))}?${new URLSearchParams({ ...monthOf(f), ok: '1' })}`, 303);
      } catch (err) {
        const p = formProblem(c, err);
        return bookPage(c, bookOf(f), { error: p.message, ...(keep ? { values: f } : {}) }, statusOf(p.status), monthOf(f));
      }
    });
  action('/desa/:code/realisasi/:id{[0-9]+}/koreksi', post, false, (c, f) => correctEntry(c.get('ctx'), code(c), idParam(c), f.reason, todayInWib()));
  action('/desa/:code/realisasi/:id{[0-9]+}/verifikasi', verify, false, (c) => verifyEntry(c.get('ctx'), code(c), idParam(c)));
  action('/desa/:code/realisasi/mutasi/:id{[0-9]+}/koreksi', post, false, (c, f) => correctTreasuryEntry(c.get('ctx'), code(c), idParam(c), f.reason, todayInWib()));
  action('/desa/:code/realisasi/mutasi/:id{[0-9]+}/verifikasi', verify, false, (c) => verifyTreasuryEntry(c.get('ctx'), code(c), idParam(c)));
  action('/desa/:code/realisasi/mutasi', post, true, (c, f) => postTreasuryEntry(c.get('ctx'), code(c), f, todayInWib()));
  action('/desa/:code/realisasi/pemeriksaan-kas', count, true, (c, f) => recordCashCount(c.get('ctx'), code(c), f, todayInWib()));
  app.get('/desa/:code/realisasi/:id{[0-9]+}/bukti', read, async (c) => {
    const proof = await getEntryProof(c.get('ctx'), code(c), idParam(c));
    const ext = proof.type === 'application/pdf' ? 'pdf' : proof.type === 'image/png' ? 'png' : 'jpg';
    return privateFile(c, proof.bytes, { type: proof.type, name: `bukti-${idParam(c)}.${ext}`, inline: true });
  });
}
