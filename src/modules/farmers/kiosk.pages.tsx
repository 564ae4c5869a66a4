import ExcelJS from 'exceljs';
import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import { privateFile, XLSX } from '../../platform/http/download.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import { idParam } from '../../platform/http/id-param.js';
import { badRequest } from '../../platform/http/errors.js';
import type { Router } from '../../platform/http/router.js';
import { t } from '../../platform/i18n/i18n.js';
import { parseRegionCodeOrFail } from '../regions/index.js';
import { parseCardCode } from './farmers.service.js';
import { kioskDay, kiosksPage, lookupCard, receiptOf, recordStock, redeem, registerKiosk } from './kiosks.service.js';
import { KioskCardPage, KioskHomePage, KioskReportPage, KiosksPage } from './views/kiosk-pages.js';
import { ReceiptView } from './views/receipt.js';
import { Layout, Notice } from '../../platform/http/views/layout.js';

type Status = 200 | 400 | 403 | 404 | 409;
const statusOf = (s: number): Status => ([400, 403, 404, 409].includes(s) ? (s as Status) : 400);

/**
 * The kiosk's pages (a fertiliser_kiosk account, on a phone): /kios (a card to look up, today's
 * totals and stock, stock received), /kios/kartu/<code> (the QR on the card points here: the
 * farmer, what is left, the redemption form), /kios/struk/<village>/<id> (the receipt),
 * /kios/laporan (the day, and as Excel). The regency's agriculture office registers kiosks on
 * /pantau/<code>/kios.
 */
export function registerKioskPages(app: Router) {
  const kiosk = access({ permission: 'farmers.redeem' }, { login: '/masuk' });
  const ok = (c: Context<AppEnv>) => (c.req.query('ok') ? t(c.get('lang'), 'farmers.saved') : undefined);
  const home = async (c: Context<AppEnv>, msg: { ok?: string; error?: string; values?: Record<string, string> } = {}, status: Status = 200) =>
    c.html(<KioskHomePage c={c} view={await kioskDay(c.get('ctx'), undefined)} msg={msg} />, status);

  app.get('/kios', kiosk, (c) => home(c, { ok: ok(c) }));
  app.get('/kios/kartu', kiosk, async (c) => {
    const card = parseCardCode(c.req.query('nomor_kartu'));
    if (card) return c.redirect(`/kios/kartu/${card}`, 303);
    return home(c, { error: formProblem(c, badRequest('farmers.card_format', 'nomor_kartu')).message, values: { nomor_kartu: c.req.query('nomor_kartu') ?? '' } }, 400);
  });
  // The card's QR opens this page: a kiosk not yet logged in comes back to the same card after logging in.
  app.get('/kios/kartu/:card', access({ permission: 'farmers.redeem' }, { login: '/masuk?next=/kios/kartu/:card' }), async (c) => {
    try {
      return c.html(<KioskCardPage c={c} view={await lookupCard(c.get('ctx'), c.req.param('card'))} />);
    } catch (err) {
      const p = formProblem(c, err);
      // A card not found (or not served here) goes back to the start with the message: the kiosk types it again.
      return home(c, { error: p.message, values: { nomor_kartu: c.req.param('card') ?? '' } }, statusOf(p.status));
    }
  });
  app.post('/kios/kartu/:card/tebus', kiosk, async (c) => {
    const f = await formFields(c);
    try {
      const r = await redeem(c.get('ctx'), c.req.param('card'), f);
      return c.redirect(`/kios/struk/${r.village_code}/${r.id}?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return c.html(<KioskCardPage c={c} view={await lookupCard(c.get('ctx'), c.req.param('card'))} msg={{ error: p.message, values: f }} />, statusOf(p.status));
    }
  });
  app.get('/kios/struk/:village/:id{[0-9]+}', kiosk, async (c) => {
    const r = await receiptOf(c.get('ctx'), parseRegionCodeOrFail(c.req.param('village')), idParam(c));
    return c.html(
      <Layout c={c} title={`${c.get('lang') === 'en' ? 'Receipt' : 'Bukti penebusan'} ${r.receipt_no}`} guide="kios-pupuk">
        {ok(c) && <Notice kind="ok">{ok(c)!}</Notice>}
        <ReceiptView r={r} lang={c.get('lang')} />
        <p><a href="/kios">{c.get('lang') === 'en' ? 'Another card' : 'Kartu lain'}</a></p>
      </Layout>,
    );
  });
  app.get('/kios/laporan', kiosk, async (c) => c.html(<KioskReportPage c={c} view={await kioskDay(c.get('ctx'), c.req.query('tanggal'))} />));
  app.get('/kios/laporan.xlsx', access({ permission: 'farmers.redeem' }), async (c) => {
    const d = await kioskDay(c.get('ctx'), c.req.query('tanggal'));
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Balai';
    const ws = wb.addWorksheet('Laporan harian');
    ws.addRow([`Laporan harian ${d.kiosk.name}`]).font = { bold: true, size: 13 };
    ws.addRow(['Tanggal', d.day]);
    ws.addRow([]);
    ws.addRow(['Jam', 'No. bukti', 'Petani', 'NIK', 'Desa', 'Pupuk']).font = { bold: true };
    for (const r of d.rows) ws.addRow([new Date(r.redeemed_at).toLocaleTimeString('id-ID', { timeZone: 'Asia/Jakarta', hour: '2-digit', minute: '2-digit' }), r.receipt_no, r.name, r.nik, r.village, r.items]);
    ws.addRow([]);
    ws.addRow(['Pupuk', 'Disalurkan (kg)']).font = { bold: true };
    for (const x of d.totals) ws.addRow([x.name, Number(x.today)]);
    return privateFile(c, Buffer.from(await wb.xlsx.writeBuffer()), { type: XLSX, name: `laporan-kios-${d.kiosk.id}-${d.day}.xlsx` });
  });
  app.post('/kios/stok', access({ permission: 'farmers.redeem' }), async (c) => {
    const f = await formFields(c);
    try {
      await recordStock(c.get('ctx'), f);
      return c.redirect('/kios?ok=1', 303);
    } catch (err) {
      const p = formProblem(c, err);
      return home(c, { error: p.message, values: f }, statusOf(p.status));
    }
  });

  const registry = access({ permission: 'farmers.kiosks', scope: 'village' }, { login: '/masuk' });
  const kiosksView = async (c: Context<AppEnv>, msg: { ok?: string; error?: string; values?: Record<string, string> } = {}, status: Status = 200) =>
    c.html(<KiosksPage c={c} view={await kiosksPage(c.get('ctx'), c.req.param('code')!)} msg={msg} />, status);
  app.get('/pantau/:code/kios', registry, (c) => kiosksView(c, { ok: ok(c) }));
  app.post('/pantau/:code/kios', access({ permission: 'farmers.kiosks', scope: 'village' }), async (c) => {
    const f = await formFields(c);
    try {
      await registerKiosk(c.get('ctx'), f);
      return c.redirect(`/pantau/${c.req.param('code')}/kios?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return kiosksView(c, { error: p.message, values: { ...f, password: '' } }, statusOf(p.status));
    }
  });
}
