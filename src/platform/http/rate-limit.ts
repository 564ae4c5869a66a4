import type { MiddlewareHandler } from 'hono';
import { reserveAttempt, type AttemptKind } from '../attempts.js';
import type { AppEnv } from './env.js';
import { tooManyRequests } from './errors.js';

/**
 * A per-address limit counted in the database (one upsert), so it holds across every process
 * behind the proxy. Past the limit, 429 with the shell's error page until the window ends.
 */
export function rateLimit(kind: AttemptKind, limit: number, windowSeconds: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const ctx = c.get('ctx');
    const n = await reserveAttempt(ctx.db.kysely, kind, '', ctx.ip, windowSeconds);
    if (n.ip > limit) {
      c.header('retry-after', String(windowSeconds));
      throw tooManyRequests('error.rate_limited', { minutes: Math.ceil(windowSeconds / 60) });
    }
    await next();
  };
}

/** Letter checks (/v/<code>): a bank clerk checks a few letters a minute; a code guesser needs billions. */
export const VERIFY_LIMIT = { perMinute: 60 } as const;
export const verifyRateLimit = () => rateLimit('verify', VERIFY_LIMIT.perMinute, 60);
