import type { Context } from 'hono';
import type { AppEnv } from './env.js';
import { AppError } from './errors.js';

/**
 * PostgreSQL text cannot hold U+0000: a value with it fails in the database, after the
 * checks, as a server error. Refused here instead, for every route at once, with the field
 * named: in the query string, in a JSON body and in form fields (files are the uploads'
 * own business: they are checked by content).
 */
export async function refuseNul(c: Context<AppEnv>, next: () => Promise<void>) {
  for (const [name, values] of Object.entries(c.req.queries())) {
    if (hasNul(name) || values.some(hasNul)) throw nulError(name);
  }
  if (c.req.method === 'POST' || c.req.method === 'PUT' || c.req.method === 'PATCH') {
    const type = (c.req.header('content-type') ?? '').toLowerCase();
    if (type.startsWith('application/json')) {
      // Read as bytes first: Hono caches the first reading, and a raw upload (the logo) must stay binary.
      const text = new TextDecoder().decode(await c.req.arrayBuffer());
      if (/\\u0000/i.test(text)) {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined; // not JSON: the route answers that itself
        }
        const field = nulPath(body);
        if (field !== null) throw nulError(field);
      }
    } else if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
      const body = await c.req.parseBody({ all: true });
      for (const [name, value] of Object.entries(body)) {
        const values = Array.isArray(value) ? value : [value];
        if (hasNul(name) || values.some((v) => typeof v === 'string' && hasNul(v))) throw nulError(name);
      }
    }
  }
  await next();
}

const hasNul = (s: string) => s.includes('\u0000');
const nulError = (field: string) => new AppError(400, 'invalid_input', 'validation.nul_character', { field: field.replace(/\u0000/g, '').slice(0, 60) }, field);

/** The path (`fields.keperluan`) of the first string holding U+0000, or null. */
function nulPath(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return hasNul(value) ? path || 'body' : null;
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const here = Array.isArray(value) ? path : path ? `${path}.${k}` : k;
      if (hasNul(k)) return here;
      const found = nulPath(v, here);
      if (found !== null) return found;
    }
  }
  return null;
}
