import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import { noStore } from '../../platform/http/download.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formProblem } from '../../platform/http/forms.js';
import type { Router } from '../../platform/http/router.js';
import { t } from '../../platform/i18n/i18n.js';
import { createApiToken, listApiTokens, revokeApiToken, tokenForm } from './tokens.service.js';
import { TokensPage, type TokenPageMsg } from './views/tokens-page.js';

type Status = 200 | 201 | 400 | 404 | 409;

/**
 * /akun/token: the API tokens of the officer's region (list, create, revoke). A page, so a
 * session only: tokens are never accepted outside /api/v1, and no token makes another.
 */
export function registerApiTokenPages(app: Router) {
  const manage = access({ permission: 'token.manage' }, { login: '/masuk' });

  const page = async (c: Context<AppEnv>, msg: TokenPageMsg, status: Status = 200) => {
    // The list names tokens and, right after creating one, the page holds its secret: never cached.
    noStore(c);
    const ctx = c.get('ctx');
    const form = tokenForm(ctx);
    return c.html(<TokensPage c={c} rows={await listApiTokens(ctx)} form={form} msg={msg} />, status);
  };

  app.get('/akun/token', manage, (c) => page(c, {}));

  app.post('/akun/token', manage, async (c) => {
    const body = await c.req.parseBody({ all: true });
    const one = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : Array.isArray(body[k]) ? String((body[k] as unknown[])[0] ?? '') : '');
    const permissions = ([] as unknown[]).concat(body.permissions ?? []).filter((p): p is string => typeof p === 'string');
    const values = { token_name: one('token_name'), region_code: one('region_code'), expires_on: one('expires_on'), permissions };
    try {
      const created = await createApiToken(c.get('ctx'), values);
      return page(c, { created }, 201);
    } catch (err) {
      const p = formProblem(c, err);
      return page(c, { error: p.message, values }, p.status as Status);
    }
  });

  app.post('/akun/token/:id{[0-9]+}/cabut', manage, async (c) => {
    try {
      const { name } = await revokeApiToken(c.get('ctx'), c.req.param('id'));
      return page(c, { ok: t(c.get('lang'), 'api_token.revoked', { name }) });
    } catch (err) {
      const p = formProblem(c, err);
      return page(c, { error: p.message }, p.status as Status);
    }
  });
}
