import { createHash } from 'node:crypto';

/**
 * The outside provider the BUMDes pays bills through (an aggregator of e-Samdes, PLN, PDAM,
 * BPJS …), behind one small interface: ask what is due on a customer's number, pay it under a
 * key the provider pays at most once, ask what became of a key, reverse a payment.
 *
 * `BALAI_AGENT_URL` and `BALAI_AGENT_TOKEN` select the HTTP provider. Without them the test
 * provider is used outside production (development, the demo, the tests), and its mode is shown
 * on every page and receipt as "mode uji"; in production nothing is connected and the counter
 * says so. `BALAI_AGENT_FAKE=1` asks for the test provider in production too (a demo server).
 */

export interface Inquiry {
  found: boolean;
  customerName?: string;
  /** Whole rupiah due; null for a service without a bill (a prepaid token: the customer chooses). */
  amountDue?: bigint | null;
  detail?: string;
}

export interface PaymentOrder { key: string; service: string; reference: string; amount: bigint }
export type ProviderStatus = { state: 'paid'; receipt: string } | { state: 'failed' | 'unknown' };

/** The provider did not answer in time, or refused: `declined` means no money moved for sure. */
export class ProviderError extends Error {
  constructor(readonly kind: 'timeout' | 'declined' | 'unavailable', message: string) {
    super(message);
  }
}

export interface AgentProvider {
  /** Shown on receipts; 'uji' for the test provider. */
  readonly name: string;
  readonly testMode: boolean;
  inquiry(service: string, reference: string): Promise<Inquiry>;
  /** Idempotent by `key`: paying a key again returns the first receipt and moves no money. */
  pay(order: PaymentOrder): Promise<{ receipt: string }>;
  status(key: string): Promise<ProviderStatus>;
  /** Idempotent by the payment's key. */
  reverse(key: string, reason: string): Promise<{ receipt: string }>;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

const NAMES = ['SITI AMINAH', 'AHMAD FAUZI', 'SRI WAHYUNI', 'BUDI HARTONO', 'NUR HASANAH', 'SUPRIYADI', 'DEWI LESTARI', 'AGUS SALIM', 'RINA MARLINA', 'SUTRISNO'];
/** Bills of the test provider: a base and a step per service, so that each number has its own amount. */
const BILLS: Record<string, { base: bigint; step: bigint; detail: string }> = {
  pkb: { base: 180_000n, step: 7_500n, detail: 'PKB dan SWDKLLJ satu tahun' },
  pln: { base: 85_000n, step: 3_250n, detail: 'Tagihan listrik bulan lalu' },
  pdam: { base: 35_000n, step: 1_500n, detail: 'Tagihan air bulan lalu' },
  bpjs: { base: 42_000n, step: 42_000n, detail: 'Iuran kelas III, satu bulan per anggota' },
};

/**
 * The test provider: deterministic bills from the number (the same number, the same bill), a
 * number ending in 0000 is unknown, and a number ending in 9999 times out on its first payment
 * (no money taken) so that a failure can be shown. `failNext` makes the next payment fail as a
 * test needs: `timeout` with `charged` (the provider took the money but its answer was lost)
 * or without, or `declined`. Charges are counted per key: never more than one.
 */
export class TestAgentProvider implements AgentProvider {
  readonly name = 'uji';
  readonly testMode = true;
  private paid = new Map<string, string>();
  private reversed = new Map<string, string>();
  private failures: { kind: 'timeout' | 'declined'; charged: boolean }[] = [];
  private timedOutOnce = new Set<string>();
  readonly charges = new Map<string, number>();
  /** While set, asking what became of a payment gets no answer either: the payment stays pending. */
  statusDown = false;

  failNext(kind: 'timeout' | 'declined', options: { charged?: boolean } = {}) {
    this.failures.push({ kind, charged: options.charged ?? false });
  }

  async inquiry(service: string, reference: string): Promise<Inquiry> {
    if (reference.endsWith('0000')) return { found: false };
    const h = digest(`${service}:${reference}`);
    const customerName = NAMES[h[0]! % NAMES.length]!;
    const bill = BILLS[service];
    if (!bill) return { found: true, customerName, amountDue: null };
    return { found: true, customerName, amountDue: bill.base + BigInt(h[1]! % 20) * bill.step, detail: bill.detail };
  }

  async pay(order: PaymentOrder): Promise<{ receipt: string }> {
    const done = this.paid.get(order.key);
    if (done) return { receipt: done };
    const failure = this.failures.shift() ?? (order.reference.endsWith('9999') && !this.timedOutOnce.has(order.key) ? { kind: 'timeout' as const, charged: false } : undefined);
    if (failure?.kind === 'timeout') this.timedOutOnce.add(order.key);
    if (failure && !failure.charged) throw new ProviderError(failure.kind, failure.kind === 'timeout' ? 'test provider: no answer' : 'test provider: declined');
    const receipt = `UJI-${digest(order.key).toString('hex').slice(0, 12).toUpperCase()}`;
    this.paid.set(order.key, receipt);
    this.charges.set(order.key, (this.charges.get(order.key) ?? 0) + 1);
    if (failure) throw new ProviderError('timeout', 'test provider: charged, answer lost');
    return { receipt };
  }

  async status(key: string): Promise<ProviderStatus> {
    if (this.statusDown) throw new ProviderError('timeout', 'test provider: status does not answer');
    const receipt = this.paid.get(key);
    return receipt ? { state: 'paid', receipt } : { state: 'unknown' };
  }

  // Any key is reversed: the payments it made before a restart are forgotten, and the demo's must still reverse.
  async reverse(key: string, _reason: string): Promise<{ receipt: string }> {
    let r = this.reversed.get(key);
    if (!r) this.reversed.set(key, (r = `UJI-R-${digest(`r:${key}`).toString('hex').slice(0, 10).toUpperCase()}`));
    return { receipt: r };
  }
}

const AMOUNT = /^[0-9]{1,15}$/;

/**
 * A provider over HTTP: POST `{op, …}` as JSON with `Authorization: Bearer <token>`, amounts as
 * strings of whole rupiah; 15 seconds at most per call. Answers: inquiry `{found, customer_name,
 * amount_due, detail}`, pay and reverse `{receipt}`, status `{state, receipt}`.
 */
export function httpAgentProvider(url: string, token: string, name = 'penyedia'): AgentProvider {
  async function call(body: Record<string, string>): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body), signal: AbortSignal.timeout(15_000) });
    } catch (err) {
      throw new ProviderError('timeout', `provider: ${(err as Error).message}`);
    }
    if (res.status >= 500) throw new ProviderError('unavailable', `provider: HTTP ${res.status}`);
    if (res.status >= 400) throw new ProviderError('declined', `provider: HTTP ${res.status}`);
    const data = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    if (!data || typeof data !== 'object') throw new ProviderError('unavailable', 'provider: not JSON');
    return data;
  }
  const str = (v: unknown, max: number) => (typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined);
  const receiptOf = (d: Record<string, unknown>) => {
    const receipt = str(d.receipt, 60);
    if (!receipt) throw new ProviderError('unavailable', 'provider: no receipt');
    return { receipt };
  };
  return {
    name,
    testMode: false,
    async inquiry(service, reference) {
      const d = await call({ op: 'inquiry', service, reference });
      if (d.found !== true) return { found: false };
      const due = typeof d.amount_due === 'string' && AMOUNT.test(d.amount_due) ? BigInt(d.amount_due) : null;
      return { found: true, customerName: str(d.customer_name, 100), amountDue: due, detail: str(d.detail, 300) };
    },
    async pay(order) {
      return receiptOf(await call({ op: 'pay', key: order.key, service: order.service, reference: order.reference, amount: order.amount.toString() }));
    },
    async status(key) {
      const d = await call({ op: 'status', key });
      const receipt = str(d.receipt, 60);
      if (d.state === 'paid' && receipt) return { state: 'paid', receipt };
      return { state: d.state === 'failed' ? 'failed' : 'unknown' };
    },
    async reverse(key, reason) {
      return receiptOf(await call({ op: 'reverse', key, reason }));
    },
  };
}

/** The one test provider of this process: the pages and the tests share it. */
export const testAgentProvider = new TestAgentProvider();

/** The provider the environment selects, or null when none is connected (production without one). */
export function agentProviderFromEnv(env: NodeJS.ProcessEnv = process.env): AgentProvider | null {
  const url = env.BALAI_AGENT_URL?.trim();
  const token = env.BALAI_AGENT_TOKEN?.trim();
  if (url || token) {
    if (!url || !token) throw new Error(`${url ? 'BALAI_AGENT_TOKEN' : 'BALAI_AGENT_URL'} must be set together with ${url ? 'BALAI_AGENT_URL' : 'BALAI_AGENT_TOKEN'}`);
    return httpAgentProvider(url, token, env.BALAI_AGENT_NAME?.trim() || 'penyedia');
  }
  if (env.NODE_ENV !== 'production' || env.BALAI_AGENT_FAKE === '1') return testAgentProvider;
  return null;
}
