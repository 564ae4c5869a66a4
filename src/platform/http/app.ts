import { randomBytes } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { Actor } from '../access/access.js';
import { recordAudit } from '../audit/audit.js';
import { pickLang, t } from '../i18n/i18n.js';
import { errorForLog } from '../redact.js';
import { refuseNul } from './nul-guard.js';
import { clientIp } from './client-ip.js';
import type { AppEnv, AppServices, Session } from './env.js';
import { AppError, SERVER_ONLY_SQLSTATE } from './errors.js';
import { ErrorPage } from './views/error-page.js';

export const SESSION_COOKIE = 'balai_sid';
export const LANG_COOKIE = 'lang';
export const MAX_BODY_BYTES = 1024 * 1024;
/** 10 MB of file plus room for the form around it, so a file just over 10 MB gets the import's own message. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024 + 64 * 1024;

const uploadPaths: RegExp[] = [];
/** Lets POSTs to these paths carry up to MAX_UPLOAD_BYTES (a spreadsheet import) instead of 1 MB. */
export function allowLargeUpload(path: RegExp): void {
  if (!uploadPaths.some((p) => p.source === path.source)) uploadPaths.push(path);
}

export interface SessionResolver {
  (db: AppServices['db'], token: string): Promise<{ actor: Actor; session: Session } | null>;
}

/**
 * A machine client's credential on the JSON API (`Authorization: Bearer …` on /api/v1 only,
 * never on a page). `resolve` answers null for a bearer that is not its kind (a village copy's
 * sync key, checked by its own routes) and throws 401/429 for a bad one; `refuses` names the
 * paths no token may call (the account's own routes, keys), refused with 403 as that token.
 */
export interface BearerAuth {
  resolve(db: AppServices['db'], authorization: string, ip: string, header: (name: string, value: string) => void): Promise<Actor | null>;
  refuses(path: string): boolean;
}

/** The shared HTTP shell: headers, language, session, CSRF, body limit, errors. Modules add routes. */
export function createHttpApp(services: AppServices, resolveSession: SessionResolver, bearer?: BearerAuth) {
  const app = new OpenAPIHono<AppEnv>();

  // gzip for text: pages, JSON, CSS, JS, SVG, CSV (hono's list of compressible types). PDFs and
  // .xlsx are compressed already and pass as they are.
  app.use('*', compress());

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'same-origin',
      crossOriginEmbedderPolicy: false,
      xFrameOptions: 'DENY',
      // A route may set its own (the kiosk frames its letter PDF to print it); every other response gets these.
      overwrite: false,
    }),
  );

  app.use('*', async (c, next) => {
    // Pages are in Bahasa Indonesia until the user picks English (the ID/EN switch sets a
    // cookie): most phones here say en-US without their owner choosing it. The API follows
    // Accept-Language, since there a program asks on purpose.
    const isApi = c.req.path.startsWith('/api/');
    const lang = pickLang(getCookie(c, LANG_COOKIE), isApi ? c.req.header('accept-language') : undefined);
    c.set('lang', lang);
    c.set('session', null);
    const ip = clientIp(c);
    c.set('ctx', { db: services.db, actor: null, ip, lang });
    const authorization = c.req.header('authorization');
    // A bearer token speaks for itself: the cookie beside it (if any) is not looked at.
    const machine = bearer && authorization && c.req.path.startsWith('/api/v1/') ? await bearer.resolve(services.db, authorization, ip, (name, value) => c.header(name, value)) : null;
    const token = machine ? undefined : getCookie(c, SESSION_COOKIE);
    if (machine) {
      c.set('ctx', { db: services.db, actor: machine, ip, lang });
      if (bearer!.refuses(c.req.path)) throw new AppError(403, 'forbidden', 'api_token.not_here');
    } else if (token && /^[A-Za-z0-9_-]{20,100}$/.test(token)) {
      const found = await resolveSession(services.db, token);
      if (found) {
        // The account's saved language applies unless the cookie or the browser asked for one.
        const chosen = getCookie(c, LANG_COOKIE) || lang === 'en' ? lang : found.actor.language;
        c.set('session', found.session);
        c.set('lang', chosen);
        c.set('ctx', { db: services.db, actor: found.actor, ip, lang: chosen });
      }
    }
    await next();
    // What a logged-in person is shown is theirs: a shared village PC's browser must not keep
    // it. Only what a route declared public (static files, a logo) stays cacheable.
    if ((c.get('session') || machine) && !/^\s*public\b/i.test(c.res.headers.get('cache-control') ?? '')) c.res.headers.set('cache-control', 'private, no-store');
  });

  // Uploads registered with allowLargeUpload() may be 10 MB, everything else 1 MB. The limit
  // is chosen here, before the CSRF guard reads the form: a limit on the route itself would
  // only run after the guard had read the whole body, unbounded.
  const limit = (maxSize: number, label: string) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new AppError(413, 'body_too_large', 'error.body_too_large', { limit: label });
      },
    });
  const smallBody = limit(MAX_BODY_BYTES, '1 MB');
  const upload = limit(MAX_UPLOAD_BYTES, '10 MB');
  app.use('*', (c, next) => (c.req.method === 'POST' && uploadPaths.some((p) => p.test(c.req.path)) ? upload(c, next) : smallBody(c, next)));

  app.use('*', csrfGuard);
  app.use('*', refuseNul);

  app.onError(async (err, c) => {
    const error = toAppError(err);
    const ctx = c.get('ctx');
    // A short reference shown to the user and written in the log line, so a report over the
    // phone ("kode rujukan 3f9a…") leads to the exact failure.
    const reference = error ? undefined : randomBytes(5).toString('hex');
    if (!error) {
      // Never the error object itself: a database error carries the query's values (NIKs, names).
      console.error(`[balai] ref ${reference} ${c.req.method} ${c.req.path}: ${errorForLog(err)}`);
    } else if (error.status === 403 && ctx) {
      // A refusal is worth knowing about: who tried what, where.
      await recordAudit(ctx.db.kysely, ctx, {
        action: 'access.denied',
        outcome: 'denied',
        regionCode: typeof error.params.code === 'string' ? error.params.code : null,
        detail: { method: c.req.method, path: c.req.path, reason: error.key },
      }).catch((e) => console.error(`[balai] audit of a refusal failed: ${errorForLog(e)}`));
    }
    const lang = c.get('lang') ?? 'id';
    const status = error?.status ?? 500;
    const message = error ? t(lang, error.key, error.params) : t(lang, 'error.internal');
    const body = { error: { code: error?.code ?? 'internal', message, field: error?.field ?? null, ...(reference && { reference }) } };
    if (wantsJson(c)) return c.json(body, status);
    return c.html(ErrorPage({ c, status, message, reference }), status);
  });

  app.notFound((c) => {
    const lang = c.get('lang') ?? 'id';
    const message = t(lang, 'error.not_found');
    if (wantsJson(c)) return c.json({ error: { code: 'not_found', message, field: null } }, 404);
    return c.html(ErrorPage({ c, status: 404, message }), 404);
  });

  return app;
}

function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  // A village copy refuses a write to what is done on the server (src/modules/sync/copy-sync.ts).
  if ((err as { code?: unknown } | null)?.code === SERVER_ONLY_SQLSTATE) return new AppError(409, 'server_only', 'error.server_only');
  if (err instanceof HTTPException) {
    if (err.status === 400 && /json/i.test(err.message)) return new AppError(400, 'malformed_json', 'error.malformed_json');
    if (err.status === 413) return new AppError(413, 'body_too_large', 'error.body_too_large', { limit: '1 MB' });
    if (err.status === 400) return new AppError(400, 'invalid_input', 'validation.invalid', { field: 'body' }, 'body');
  }
  return null;
}

export function wantsJson(c: Context): boolean {
  return c.req.path.startsWith('/api/') || (c.req.header('accept') ?? '').startsWith('application/json');
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery guard. A request from another site's page is refused by
 * Origin; with a session, a form post must carry the session's `_csrf` token, and any
 * other body must be JSON (which a foreign page cannot send without a CORS preflight).
 */
async function csrfGuard(c: Context<AppEnv>, next: () => Promise<void>) {
  if (SAFE.has(c.req.method)) return next();
  const origin = c.req.header('origin');
  if (origin && origin !== 'null') {
    const host = c.req.header('host');
    let originHost = '';
    try {
      originHost = new URL(origin).host;
    } catch {}
    if (!host || originHost !== host) throw new AppError(403, 'csrf', 'error.csrf');
  } else if (origin === 'null') {
    throw new AppError(403, 'csrf', 'error.csrf');
  }
  const session = c.get('session');
  if (!session) return next();
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (type.startsWith('application/json')) return next();
  if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
    const body = await c.req.parseBody();
    if (body._csrf === session.csrfToken) return next();
  }
  throw new AppError(403, 'csrf', 'error.csrf');
}

export const newToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
