import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import { noStore, privateFile, XLSX } from '../../platform/http/download.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import type { Router } from '../../platform/http/router.js';
import { formatDateTime } from '../../platform/format/format.js';
import type { AgentProvider } from './agent-provider.js';
import { agentCounter, agentReceipt, checkTransaction, closeDay, inquire, payTransaction, reverseTransaction, settlementReport } from './agent.service.js';
import { AgentCounterPage, AgentSettlementPage, AgentTxPage, SETTLEMENT_HEADERS, type AgentMsg } from './views/agent-pages.js';
import { AGENT_STATUS, AGENT_TEXT } from './views/agent-text.js';

type Status = 200 | 400 | 403 | 404 | 409;
const statusOf = (s: number): Status => ([400, 403, 404, 409].includes(s) ? (s as Status) : 400);

/**
 * The BUMDes's payment counter, in the village office's market area:
 * /desa/<code>/pasar/layanan (serve a customer, today's transactions, close the day),
 * /desa/<code>/pasar/layanan/<id> (the bill, then the receipt; pay, check, reverse),
 * /desa/<code>/pasar/layanan/rekap (a day's settlement, and as Excel).
 */
export function registerAgentPages(app: Router, provider: AgentProvider | null) {
  const agent = access({ permission: 'market.agent', scope: 'village' });
  const report = access({ permission: 'market.agent_report', scope: 'village' });
  const code = (c: Context<AppEnv>) => c.req.param('code')!;
  const home = (c: Context<AppEnv>) => `/desa/${code(c)}/pasar/layanan`;
  const said = (c: Context<AppEnv>) => (c.req.query('ok') === '1' ? AGENT_TEXT[c.get('lang')].saved : undefined);

  const counter = async (c: Context<AppEnv>, msg: AgentMsg = {}, status: Status = 200) => {
    noStore(c);
    return c.html(<AgentCounterPage c={c} view={await agentCounter(c.get('ctx'), code(c), provider)} msg={msg} freshKey={randomUUID()} />, status);
  };
  app.get('/desa/:code/pasar/layanan', agent, (c) => counter(c, { ok: said(c) }));
  app.post('/desa/:code/pasar/layanan', agent, async (c) => {
    const f = await formFields(c);
    try {
      const { id } = await inquire(c.get('ctx'), provider, code(c), f);
      return c.redirect(`${home(c)}/${id}`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return counter(c, { error: p.message, values: f }, statusOf(p.status));
    }
  });
  app.post('/desa/:code/pasar/layanan/tutup', agent, async (c) => {
    const f = await formFields(c);
    try {
      const { day } = await closeDay(c.get('ctx'), code(c), f);
      return c.redirect(`${home(c)}/rekap?tanggal=${day}&ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return counter(c, { error: p.message }, statusOf(p.status));
    }
  });

  const txPage = async (c: Context<AppEnv>, msg: AgentMsg = {}, status: Status = 200) => {
    noStore(c);
    return c.html(<AgentTxPage c={c} view={await agentReceipt(c.get('ctx'), code(c), c.req.param('id')!, provider)} msg={msg} />, status);
  };
  app.get('/desa/:code/pasar/layanan/:id{[0-9]+}', report, (c) => txPage(c, { ok: c.req.query('ok') === '1' ? AGENT_TEXT[c.get('lang')].paidOk : undefined }));
  const steps = [
    ['bayar', (c: Context<AppEnv>) => payTransaction(c.get('ctx'), provider, code(c), c.req.param('id')!)],
    ['periksa', (c: Context<AppEnv>) => checkTransaction(c.get('ctx'), provider, code(c), c.req.param('id')!)],
  ] as const;
  for (const [path, step] of steps) {
    app.post(`/desa/:code/pasar/layanan/:id{[0-9]+}/${path}`, agent, async (c) => {
      try {
        const r = await step(c);
        return c.redirect(`${home(c)}/${r.id}${r.status === 'paid' ? '?ok=1' : ''}`, 303);
      } catch (err) {
        const p = formProblem(c, err);
        return txPage(c, { error: p.message }, statusOf(p.status));
      }
    });
  }
  app.post('/desa/:code/pasar/layanan/:id{[0-9]+}/batal', agent, async (c) => {
    const f = await formFields(c);
    try {
      const { id } = await reverseTransaction(c.get('ctx'), provider, code(c), c.req.param('id')!, f);
      return c.redirect(`${home(c)}/${id}`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return txPage(c, { error: p.message, values: f }, statusOf(p.status));
    }
  });

  app.get('/desa/:code/pasar/layanan/rekap', report, async (c) => {
    noStore(c);
    return c.html(<AgentSettlementPage c={c} view={await settlementReport(c.get('ctx'), code(c), c.req.query('tanggal'))} msg={{ ok: said(c) }} />);
  });
  app.get('/desa/:code/pasar/layanan/rekap.xlsx', report, async (c) => {
    const lang = c.get('lang');
    const w = AGENT_TEXT[lang];
    const d = await settlementReport(c.get('ctx'), code(c), c.req.query('tanggal'));
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Balai';
    const ws = wb.addWorksheet(w.report);
    ws.addRow([`${w.report} · ${d.bumdes.name}`]).font = { bold: true, size: 13 };
    ws.addRow([w.day, d.day]);
    ws.addRow([w.closedBy, d.closed ? `${d.closed.closed_by ?? ''} · ${formatDateTime(d.closed.closed_at!, lang)}` : w.openDay]);
    ws.addRow([]);
    ws.addRow(SETTLEMENT_HEADERS[lang]).font = { bold: true };
    for (const l of d.lines) {
      ws.addRow([l.id, formatDateTime(l.paid_at ?? l.created_at, lang), l.service_name, l.customer_ref, AGENT_STATUS[l.status][lang], Number(l.amount), Number(l.fee), Number(l.provider_fee), Number(l.total), Number(l.owed), l.provider_ref ?? '', l.officer]);
    }
    ws.addRow([]);
    const t = d.totals;
    for (const [label, value] of [[w.payments, t.payments], [w.reversals, t.reversals], [w.amount, Number(t.amount)], [w.fees, Number(t.fees)], [w.cash, Number(t.total)], [w.owed, Number(t.owed)], [w.margin, Number(t.margin)]] as const) ws.addRow([label, value]);
    return privateFile(c, Buffer.from(await wb.xlsx.writeBuffer()), { type: XLSX, name: `rekap-layanan-${d.village.village_code.replace(/\./g, '')}-${d.day}.xlsx` });
  });
}
