import type { Context } from 'hono';
import { can } from '../../../platform/access/access.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate, formatDateTime, formatRupiah } from '../../../platform/format/format.js';
import type { Lang } from '../../../platform/i18n/i18n.js';
import { spacedPlate, type AgentLine, type agentCounter, type agentReceipt, type settlementReport } from '../agent.service.js';
import { AGENT_STATUS, AGENT_TEXT, type AgentWords } from './agent-text.js';

export type AgentMsg = { ok?: string; error?: string; values?: Record<string, string> };
type Provider = { name: string; testMode: boolean } | null;

const GUIDE = 'pasar-layanan';
const base = (code: string) => `/desa/${code}/pasar/layanan`;
/** A plate as people write it; other numbers as they are (masked ones keep their stars). */
const shownRef = (l: Pick<AgentLine, 'customer_ref' | 'service'>) => (l.service === 'pkb' && !l.customer_ref.includes('*') ? spacedPlate(l.customer_ref) : l.customer_ref);
const statusOf = (l: AgentLine, lang: Lang) => `${AGENT_STATUS[l.status][lang]}${l.reversed_by_id ? (lang === 'en' ? ', reversed' : ', dibatalkan') : ''}`;

function ProviderNotice({ provider, w }: { provider: Provider; w: AgentWords }) {
  if (!provider) return <Notice kind="warn">{w.notConnected}</Notice>;
  return provider.testMode ? <Notice kind="warn">{w.testMode}</Notice> : <></>;
}

/** /desa/<code>/pasar/layanan: serve a customer, the catalogue, today's transactions, closing the day. */
export function AgentCounterPage({ c, view, msg, freshKey }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof agentCounter>>; msg: AgentMsg; freshKey: string }) {
  const lang = c.get('lang');
  const w = AGENT_TEXT[lang];
  const code = view.village.village_code;
  const v = (k: string) => msg.values?.[k] ?? '';
  return (
    <Layout c={c} title={`${w.title} · ${view.bumdes.name}`} guide={GUIDE}>
      <ProviderNotice provider={view.provider} w={w} />
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p><a href={`/desa/${code}/pasar`}>{w.market}</a> · <a href={`${base(code)}/rekap`}>{w.report}</a></p>
      {view.closed ? <Notice kind="warn">{w.closedToday}</Notice> : view.provider && (
        <form method="post" action={base(code)} class="card">
          <h2>{w.newTx}</h2>
          <Csrf c={c} />
          <input type="hidden" name="idempotency_key" value={v('idempotency_key') || freshKey} />
          <label>{w.service} *<select name="service" required>
            {view.services.map((s) => <option value={s.code} selected={v('service') === s.code}>{`${lang === 'en' ? s.name_en : s.name} (${w.customerFee} ${formatRupiah(s.customer_fee)})`}</option>)}
          </select></label>
          <label>{w.customerRef} *<input name="customer_ref" required maxlength={40} autocomplete="off" value={v('customer_ref')} /></label>
          <label>{w.nominal}<input name="bill_amount" inputmode="numeric" maxlength={16} value={v('bill_amount')} /></label>
          <button type="submit">{w.inquire}</button>
        </form>
      )}
      <h2>{`${w.today} · ${formatDate(view.today, lang)}`}</h2>
      <LineTable c={c} lines={view.lines} w={w} code={code} />
      {!view.closed && (
        <form method="post" action={`${base(code)}/tutup`} class="card">
          <Csrf c={c} />
          <input type="hidden" name="tanggal" value={view.today} />
          <p><small>{w.closeHint}</small></p>
          <button type="submit" class="secondary">{w.closeDay}</button>
        </form>
      )}
      <h2>{w.catalogue}</h2>
      <DataTable aria-label={w.catalogue}>
        <thead><tr><th>{w.service}</th><th>{w.reference}</th><th class="num">{w.customerFee}</th></tr></thead>
        <tbody>
          {view.services.map((s) => (
            <tr><td>{lang === 'en' ? s.name_en : s.name}</td><td>{lang === 'en' ? s.reference_label_en : s.reference_label}</td><td class="num">{formatRupiah(s.customer_fee)}</td></tr>
          ))}
        </tbody>
      </DataTable>
    </Layout>
  );
}

function LineTable({ c, lines, w, code }: { c: Context<AppEnv>; lines: AgentLine[]; w: AgentWords; code: string }) {
  const lang = c.get('lang');
  if (lines.length === 0) return <p>{w.none}</p>;
  return (
    <DataTable aria-label={w.lines}>
      <thead><tr><th>{w.receiptNo}</th><th>{w.time}</th><th>{w.service}</th><th>{w.number}</th><th class="num">{w.total}</th><th>{w.status}</th><th>{w.officer}</th></tr></thead>
      <tbody>
        {lines.map((l) => (
          <tr>
            <td><a href={`${base(code)}/${l.id}`}>{String(l.id)}</a></td>
            <td>{formatDateTime(l.paid_at ?? l.created_at, lang).split(' ').slice(-2).join(' ')}</td>
            <td>{l.service_name}</td>
            <td class="mono">{shownRef(l)}</td>
            <td class="num">{formatRupiah(l.total)}</td>
            <td><span class={`tag ${AGENT_STATUS[l.status].tag}`}>{statusOf(l, lang)}</span></td>
            <td>{l.officer}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

/** /desa/<code>/pasar/layanan/<id>: the bill to pay, then the receipt the customer keeps. */
export function AgentTxPage({ c, view, msg }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof agentReceipt>>; msg: AgentMsg }) {
  const lang = c.get('lang');
  const w = AGENT_TEXT[lang];
  const code = view.village.village_code;
  const l = view.line;
  const at = `${base(code)}/${l.id}`;
  // The head reads the receipt from the settlement; only the counter's officers act on it.
  const serves = can(c.get('ctx').actor, 'market.agent', code);
  const payable = serves && l.kind === 'payment' && (l.status === 'inquired' || l.status === 'failed');
  return (
    <Layout c={c} title={`${l.status === 'paid' || l.status === 'reversed' ? w.receipt : w.bill} ${l.id}`} guide={GUIDE}>
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      {l.status === 'failed' && <Notice kind="warn">{`${w.failed}. ${w.failedHint}`}</Notice>}
      {l.status === 'pending' && <Notice kind="warn">{w.checkHint}</Notice>}
      <p class="no-print"><a href={serves ? base(code) : `${base(code)}/rekap?tanggal=${l.day}`}>{w.back}</a></p>
      <section class="card receipt" aria-label={w.receipt}>
        <h2>{l.status === 'paid' || l.status === 'reversed' ? w.receipt : w.bill}</h2>
        {l.provider === 'uji' && <p><strong>{w.testMode}</strong></p>}
        <p><strong>{view.bumdes.name}</strong><br />{view.bumdes.address}<br />{view.bumdes.phone}</p>
        <dl>
          <dt>{w.receiptNo}</dt><dd class="mono">{String(l.id)}</dd>
          <dt>{w.at}</dt><dd>{formatDateTime(l.paid_at ?? l.created_at, lang)}</dd>
          <dt>{w.service}</dt><dd>{l.service_name}</dd>
          <dt>{w.number}</dt><dd class="mono">{shownRef(l)}</dd>
          {l.customer_name && <><dt>{w.customer}</dt><dd>{l.customer_name}</dd></>}
          {l.bill_detail && <><dt>{w.detail}</dt><dd>{l.bill_detail}</dd></>}
          <dt>{w.bill}</dt><dd>{formatRupiah(l.amount)}</dd>
          <dt>{w.customerFee}</dt><dd>{formatRupiah(l.fee)}</dd>
          <dt>{w.paidTotal}</dt><dd><strong>{formatRupiah(l.total)}</strong></dd>
          <dt>{w.status}</dt><dd><span class={`tag ${AGENT_STATUS[l.status].tag}`}>{statusOf(l, lang)}</span></dd>
          {l.provider_ref && <><dt>{w.providerRef}</dt><dd class="mono">{l.provider_ref}</dd></>}
          <dt>{w.provider}</dt><dd>{l.provider === 'uji' ? w.testProvider : l.provider}</dd>
          {l.reason && <><dt>{w.reason}</dt><dd>{l.reason}</dd></>}
          {view.other && <><dt>{l.kind === 'reversal' ? w.reverses : w.reversedBy}</dt><dd><a href={`${base(code)}/${view.other.id}`}>{String(view.other.id)}</a></dd></>}
          <dt>{w.officer}</dt><dd>{l.officer}</dd>
        </dl>
        {(l.status === 'paid' || l.status === 'reversed') && <p class="muted">{w.keep}</p>}
      </section>
      {(l.status === 'paid' || l.status === 'reversed') && <p class="muted no-print"><small>{w.print}</small></p>}
      {payable && (
        <form method="post" action={`${at}/bayar`} class="card">
          <Csrf c={c} />
          <p><small>{w.payHint}</small></p>
          <button type="submit">{`${l.status === 'failed' ? w.retry : w.pay} · ${formatRupiah(l.total)}`}</button>
        </form>
      )}
      {serves && l.status === 'pending' && (
        <form method="post" action={`${at}/periksa`} class="card">
          <Csrf c={c} />
          <button type="submit">{w.check}</button>
        </form>
      )}
      {serves && l.kind === 'payment' && l.status === 'paid' && !l.reversed_by_id && (
        <form method="post" action={`${at}/batal`} class="card no-print">
          <Csrf c={c} />
          <p><small>{w.reverseHint}</small></p>
          <label>{w.reason} *<input name="reason" required minlength={5} maxlength={300} value={msg.values?.reason ?? ''} /></label>
          <button type="submit" class="secondary">{w.reverse}</button>
        </form>
      )}
    </Layout>
  );
}

/** /desa/<code>/pasar/layanan/rekap: one day's settlement, its lines, and closing it. */
export function AgentSettlementPage({ c, view, msg }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof settlementReport>>; msg: AgentMsg }) {
  const lang = c.get('lang');
  const w = AGENT_TEXT[lang];
  const code = view.village.village_code;
  const t = view.totals;
  const mayClose = !view.closed && can(c.get('ctx').actor, 'market.agent', code);
  return (
    <Layout c={c} title={`${w.report} · ${view.bumdes.name}`} guide={GUIDE}>
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p class="no-print"><a href={`/desa/${code}/pasar`}>{w.market}</a>{can(c.get('ctx').actor, 'market.agent', code) && <> · <a href={base(code)}>{w.counter}</a></>}</p>
      <form method="get" class="inline-form">
        <label>{w.day}<input type="date" name="tanggal" value={view.day} /></label> <button type="submit" class="small secondary">{w.show}</button>
      </form>
      <h2>{formatDate(view.day, lang)}</h2>
      {view.closed ? <p>{`${w.closedBy} ${view.closed.closed_by ?? ''} · ${formatDateTime(view.closed.closed_at!, lang)}`}</p> : <Notice kind="warn">{w.openDay}</Notice>}
      <dl class="card">
        <dt>{w.payments}</dt><dd>{String(t.payments)}</dd>
        <dt>{w.reversals}</dt><dd>{String(t.reversals)}</dd>
        <dt>{w.amount}</dt><dd>{formatRupiah(t.amount)}</dd>
        <dt>{w.fees}</dt><dd>{formatRupiah(t.fees)}</dd>
        <dt>{w.cash}</dt><dd><strong>{formatRupiah(t.total)}</strong></dd>
        <dt>{w.owed}</dt><dd><strong>{formatRupiah(t.owed)}</strong></dd>
        <dt>{w.margin}</dt><dd>{formatRupiah(t.margin)}</dd>
      </dl>
      <p class="no-print"><a href={`${base(code)}/rekap.xlsx?tanggal=${view.day}`}>{w.excel}</a></p>
      <h2>{w.lines}</h2>
      <p><small>{w.notCounted}</small></p>
      <LineTable c={c} lines={view.lines} w={w} code={code} />
      {mayClose && view.day <= view.today && (
        <form method="post" action={`${base(code)}/tutup`} class="card">
          <Csrf c={c} />
          <input type="hidden" name="tanggal" value={view.day} />
          <p><small>{w.closeHint}</small></p>
          <button type="submit" class="secondary">{w.closeDay.replace(/hari ini|today/, formatDate(view.day, lang))}</button>
        </form>
      )}
    </Layout>
  );
}

export const SETTLEMENT_HEADERS = {
  id: ['Nomor transaksi', 'Waktu', 'Layanan', 'Nomor pelanggan', 'Status', 'Tagihan (Rp)', 'Biaya admin (Rp)', 'Biaya penyedia (Rp)', 'Total (Rp)', 'Disetor ke penyedia (Rp)', 'Referensi penyedia', 'Petugas'],
  en: ['Transaction', 'Time', 'Service', 'Customer number', 'Status', 'Bill (Rp)', 'Service fee (Rp)', 'Provider fee (Rp)', 'Total (Rp)', 'Owed to provider (Rp)', 'Provider reference', 'Officer'],
};
