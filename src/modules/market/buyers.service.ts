import { createHash, createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import { reserveAttempt } from '../../platform/attempts.js';
import type { UseCaseContext } from '../../platform/context.js';
import { badRequest, tooManyRequests } from '../../platform/http/errors.js';
import { clean } from '../../platform/http/text-input.js';
import { enqueueNotification } from '../../platform/notify/index.js';
import { serverSecret } from '../../platform/secrets.js';
import { parsePhone } from './catalog.js';

/**
 * A buyer is a phone number proven by a one-time code sent to it (through the outbox): no
 * account, no resident login. The proof is a signed cookie naming the phone, good for 30 days.
 * Codes: six digits, ten minutes, only their hash kept; sending is limited per phone and per
 * network address, and wrong codes are counted atomically like wrong passwords.
 */
export const CODE_MINUTES = 10;
export const BUYER_DAYS = 30;
const SEND_LIMIT = { perPhone: 5, perAddress: 30, windowSeconds: 3600 };
const TRY_LIMIT = { perPhone: 5, perAddress: 30, windowSeconds: CODE_MINUTES * 60 };

const hashOf = (secret: string, phone: string, code: string) => createHash('sha256').update(`${secret}:${phone}:${code}`).digest('hex');

/** Sends a code to the phone; the message names the village market so a stranger's request is recognisable. */
export async function sendBuyerCode(ctx: UseCaseContext, phoneInput: string | undefined) {
  const phone = parsePhone(phoneInput, 'phone');
  const counts = await reserveAttempt(ctx.db.kysely, 'market', `send:${phone}`, ctx.ip, SEND_LIMIT.windowSeconds);
  if (counts.account > SEND_LIMIT.perPhone || counts.ip > SEND_LIMIT.perAddress) throw tooManyRequests('market.too_many_codes', { minutes: 60 });
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const secret = await serverSecret(ctx.db.kysely, 'market-buyer');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    // Citus allows no function in DO UPDATE SET: the times come in with the row.
    await sql`insert into market_buyer_codes (phone, code_hash, expires_at, sent_at) values (${phone}, ${hashOf(secret, phone, code)}, now() + make_interval(mins => ${CODE_MINUTES}), now())
      on conflict (phone) do update set code_hash = excluded.code_hash, expires_at = excluded.expires_at, sent_at = excluded.sent_at`.execute(trx);
    await enqueueNotification(trx, { channel: 'whatsapp', recipient: phone, subject: 'Kode Pasar Desa', body: `Kode pesanan Pasar Desa Balai: ${code}. Berlaku ${CODE_MINUTES} menit. Jangan berikan kode ini kepada siapa pun.`, subjectRef: 'market:code' });
  });
  return phone;
}

/** Checks a code; right, it is spent and the phone is proven. Past five wrong tries the phone waits. */
export async function checkBuyerCode(ctx: UseCaseContext, phoneInput: string | undefined, codeInput: string | undefined): Promise<string> {
  const phone = parsePhone(phoneInput, 'phone');
  const code = clean(codeInput);
  if (!/^\d{6}$/.test(code)) throw badRequest('market.code_format', 'otp');
  const counts = await reserveAttempt(ctx.db.kysely, 'market', `try:${phone}`, ctx.ip, TRY_LIMIT.windowSeconds);
  if (counts.account > TRY_LIMIT.perPhone || counts.ip > TRY_LIMIT.perAddress) throw tooManyRequests('market.too_many_tries', { minutes: CODE_MINUTES });
  const secret = await serverSecret(ctx.db.kysely, 'market-buyer');
  // Spent in the statement that checks it: a code is good once, even for two requests at the same moment.
  const spent = await sql<{ code_hash: string }>`delete from market_buyer_codes where phone = ${phone} and expires_at > now() and code_hash = ${hashOf(secret, phone, code)} returning code_hash`.execute(ctx.db.kysely);
  const expected = Buffer.from(hashOf(secret, phone, code));
  if (!spent.rows[0] || !timingSafeEqual(Buffer.from(spent.rows[0].code_hash), expected)) throw badRequest('market.code_wrong', 'otp');
  return phone;
}

/** The cookie's value: the phone, when it ends, and a signature over both. */
export async function buyerToken(ctx: UseCaseContext, phone: string, now = Date.now()) {
  const until = Math.floor(now / 1000) + BUYER_DAYS * 86_400;
  const secret = await serverSecret(ctx.db.kysely, 'market-buyer');
  return `${phone}.${until}.${createHmac('sha256', secret).update(`${phone}.${until}`).digest('base64url')}`;
}

/** The phone a cookie proves, or null (absent, expired, forged). */
export async function buyerPhone(ctx: UseCaseContext, token: string | undefined, now = Date.now()): Promise<string | null> {
  const parts = (token ?? '').split('.');
  if (parts.length !== 3) return null;
  const [phone, until, mac] = parts as [string, string, string];
  if (!/^\+?\d{8,15}$/.test(phone) || !/^\d{10}$/.test(until) || Number(until) * 1000 < now) return null;
  const secret = await serverSecret(ctx.db.kysely, 'market-buyer');
  const want = Buffer.from(createHmac('sha256', secret).update(`${phone}.${until}`).digest('base64url'));
  const got = Buffer.from(mac);
  return got.length === want.length && timingSafeEqual(got, want) ? phone : null;
}
