import type { Context } from 'hono';
import type { z } from 'zod';
import { zodIssueToError } from './validation.js';
import { t } from '../i18n/i18n.js';
import type { AppEnv } from './env.js';
import { AppError } from './errors.js';

export interface FormProblem {
  message: string;
  field?: string;
  status: AppError['status'];
}

/**
 * For page handlers: a user error becomes a message to show beside the form they
 * filled in (with what they typed kept); anything else goes on to the error handler.
 */
export function formProblem(c: Context<AppEnv>, err: unknown): FormProblem {
  if (!(err instanceof AppError) || err.status === 401 || err.status === 403) throw err;
  return { message: t(c.get('lang'), err.key, err.params), field: err.field, status: err.status };
}

/** Form fields as strings (files and repeated fields left out), without the CSRF token. */
export async function formFields(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && k !== '_csrf') out[k] = v;
  return out;
}

/**
 * A multipart form parsed once with every value (a file field repeats): its text fields (the
 * first of each, without the CSRF token) and the non-empty files sent under `fileField`.
 */
export async function formWithFiles(c: Context<AppEnv>, fileField: string): Promise<{ fields: Record<string, string>; files: Uint8Array[] }> {
  const body = await c.req.parseBody({ all: true });
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === 'string' && k !== '_csrf') fields[k] = first;
  }
  const sent = ([] as unknown[]).concat(body[fileField] ?? []).filter((f): f is File => f instanceof File && f.size > 0);
  return { fields, files: await Promise.all(sent.map(async (f) => new Uint8Array(await f.arrayBuffer()))) };
}

/** Only paths on this site: `//evil.example` and `https://…` are not followed after login. */
export function safeNext(next: string | undefined, fallback = '/'): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : fallback;
}

/** Validates form input with a schema; the first problem becomes an error naming the field. */
export function parseForm<T extends z.ZodType>(c: Context<AppEnv>, schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input);
  if (!r.success) throw zodIssueToError(r.error, c.get('lang'));
  return r.data;
}
