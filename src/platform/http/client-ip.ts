import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * How many proxies of ours stand in front of the server (TRUST_PROXY=N; 0 or unset: none).
 * Each proxy appends the address it received the request from to X-Forwarded-For, so only
 * the last N entries were written by us; whatever comes before them the client chose.
 */
function trustedHops(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.TRUST_PROXY ?? 0);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 10) : 0;
}

/**
 * The client's address: the entry N hops from the right of X-Forwarded-For (with one proxy,
 * the rightmost: what our proxy saw), never the leftmost, which anyone can forge to dodge the
 * lock-out or to write someone else's address into the audit log. Without TRUST_PROXY the
 * header is ignored. When the header has fewer entries than hops, the first one is as far as
 * our proxies reach.
 */
export function clientIp(c: Context): string {
  const hops = trustedHops();
  if (hops > 0) {
    const entries = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const entry = entries[Math.max(entries.length - hops, 0)];
    if (entry) return entry.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local'; // app.request() in tests has no socket
  }
}
