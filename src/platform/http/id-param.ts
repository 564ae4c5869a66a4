import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from './env.js';
import { notFound } from './errors.js';

// Row ids are bigint identities. Anything that is not a plain positive integer a JavaScript
// number holds exactly cannot name a row, so it is "not found" — never a database overflow (500).
const DIGITS = /^[1-9][0-9]{0,15}$/;

/** The row id in a path segment, or null when it cannot be one. */
export function parseId(raw: string | undefined): number | null {
  if (raw === undefined || !DIGITS.test(raw)) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : null;
}

/** A page's numeric path parameter: the id, or 404 for anything that cannot be one. */
export function idParam(c: Context<AppEnv>, name = 'id'): number {
  const id = parseId(c.req.param(name));
  if (id === null) throw notFound();
  return id;
}

/** The same rule for an API route's path (`{id}`): the router answers 404 when it fails (see validation.ts). */
export const IdPathParam = z
  .string()
  .transform((raw, ctx) => {
    const id = parseId(raw);
    if (id === null) {
      ctx.addIssue({ code: 'custom', params: { status: 404 } });
      return z.NEVER;
    }
    return id;
  })
  .openapi({ param: { name: 'id', in: 'path' }, type: 'integer', example: 42 });
