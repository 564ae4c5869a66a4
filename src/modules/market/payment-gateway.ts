import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A payment gateway for market orders (virtual account, QRIS, e-wallet), behind one small
 * interface: a checkout for an order's total under the order's key (the gateway pays a key at
 * most once), and its signed notice that the payment settled or failed.
 *
 * `BALAI_PAYMENT_URL`, `BALAI_PAYMENT_TOKEN` and `BALAI_PAYMENT_SECRET` select the HTTP gateway:
 * Balai POSTs `{"op": "checkout", key, amount, description, return_url, notify_url}` and sends the
 * buyer to the `pay_url` it answers; the gateway POSTs its notice `{key, reference, state, amount}`
 * to `/api/v1/market/payments/notice` signed with HMAC-SHA256 of the body under the secret, hex, in
 * `X-Balai-Signature`. Without them the test gateway is used outside production (or with
 * `BALAI_PAYMENT_FAKE=1`): its page at /pasar/bayar-uji says "mode uji" and moves no money. In
 * production without a gateway, orders offer cash and transfer only.
 */
export interface Checkout { key: string; amount: bigint; description: string; returnUrl: string; notifyUrl: string }
export interface GatewayNotice { key: string; reference: string; state: 'paid' | 'failed'; amount: bigint }

export interface PaymentGateway {
  /** Shown on the order: 'uji' for the test gateway. */
  readonly name: string;
  readonly testMode: boolean;
  checkout(c: Checkout): Promise<{ reference: string; payUrl: string }>;
  /** The notice as received (its raw body and signature header); null when the signature is not the gateway's. */
  verify(body: string, signature: string | undefined): GatewayNotice | null;
}

const sign = (secret: string | Buffer, body: string) => createHmac('sha256', secret).update(body).digest('hex');

function checkSignature(secret: string | Buffer, body: string, signature: string | undefined): boolean {
  if (!signature || !/^[0-9a-f]{64}$/.test(signature)) return false;
  return timingSafeEqual(Buffer.from(sign(secret, body), 'hex'), Buffer.from(signature, 'hex'));
}

/** The notice's body, read without trusting it: each field checked by type and shape. */
function parseNotice(body: string): GatewayNotice | null {
  let n: unknown;
  try {
    n = JSON.parse(body);
  } catch {
    return null;
  }
  const o = n as Record<string, unknown>;
  if (typeof o !== 'object' || o === null) return null;
  const { key, reference, state, amount } = o;
  if (typeof key !== 'string' || !/^[0-9.]{13}-[A-Z2-9]{8}$/.test(key)) return null;
  if (typeof reference !== 'string' || reference.length < 1 || reference.length > 100) return null;
  if (state !== 'paid' && state !== 'failed') return null;
  if (typeof amount !== 'string' || !/^\d{1,16}$/.test(amount)) return null;
  return { key, reference, state, amount: BigInt(amount) };
}

/** The test gateway: its checkout is Balai's own /pasar/bayar-uji page, its notices signed with a secret of this process. */
export class TestGateway implements PaymentGateway {
  readonly name = 'uji';
  readonly testMode = true;
  private readonly secret = randomBytes(32);
  async checkout(c: Checkout) {
    const reference = `UJI-${createHash('sha256').update(c.key).digest('hex').slice(0, 12).toUpperCase()}`;
    return { reference, payUrl: `/pasar/bayar-uji?kunci=${encodeURIComponent(c.key)}` };
  }
  /** What the test gateway sends when the buyer pays (or gives up) on its page. */
  notice(n: GatewayNotice): { body: string; signature: string } {
    const body = JSON.stringify({ key: n.key, reference: n.reference, state: n.state, amount: n.amount.toString() });
    return { body, signature: sign(this.secret, body) };
  }
  verify(body: string, signature: string | undefined) {
    return checkSignature(this.secret, body, signature) ? parseNotice(body) : null;
  }
}

class HttpGateway implements PaymentGateway {
  readonly testMode = false;
  constructor(readonly name: string, private readonly url: string, private readonly token: string, private readonly secret: string) {}
  async checkout(c: Checkout) {
    const res = await fetch(this.url, {
      method: 'POST', signal: AbortSignal.timeout(15_000),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ op: 'checkout', key: c.key, amount: c.amount.toString(), description: c.description, return_url: c.returnUrl, notify_url: c.notifyUrl }),
    });
    if (!res.ok) throw new Error(`payment gateway: ${res.status}`);
    const r = (await res.json()) as { reference?: unknown; pay_url?: unknown };
    if (typeof r.reference !== 'string' || typeof r.pay_url !== 'string' || !/^https:\/\//.test(r.pay_url)) throw new Error('payment gateway: a malformed checkout');
    return { reference: r.reference.slice(0, 100), payUrl: r.pay_url };
  }
  verify(body: string, signature: string | undefined) {
    return checkSignature(this.secret, body, signature) ? parseNotice(body) : null;
  }
}

let chosen: PaymentGateway | null | undefined;

/** The gateway this installation uses, or null when none is connected (see the module's comment). */
export function paymentGateway(env: NodeJS.ProcessEnv = process.env): PaymentGateway | null {
  if (chosen !== undefined) return chosen;
  const { BALAI_PAYMENT_URL: url, BALAI_PAYMENT_TOKEN: token, BALAI_PAYMENT_SECRET: secret } = env;
  if (url && token && secret) chosen = new HttpGateway(new URL(url).hostname, url, token, secret);
  else chosen = env.NODE_ENV !== 'production' || env.BALAI_PAYMENT_FAKE === '1' ? new TestGateway() : null;
  return chosen;
}

/** An order's key at the gateway: its village and its code. */
export const gatewayKey = (village: string, code: string) => `${village}-${code}`;
export function parseGatewayKey(key: string): { village: string; code: string } | null {
  const m = /^(\d{2}\.\d{2}\.\d{2}\.\d{4})-([A-Z2-9]{8})$/.exec(key);
  return m ? { village: m[1]!, code: m[2]! } : null;
}
