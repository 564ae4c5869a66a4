import { setCookie } from 'hono/cookie';
import { LANG_COOKIE } from '../../platform/http/app.js';
import type { AppServices } from '../../platform/http/env.js';
import { AppError, forbidden, unauthenticated } from '../../platform/http/errors.js';
import { formFields, formProblem, parseForm, safeNext } from '../../platform/http/forms.js';
import type { Router } from '../../platform/http/router.js';
import { access } from '../../platform/access/route-access.js';
import { t } from '../../platform/i18n/i18n.js';
import { createAccount, listAccounts } from './accounts.service.js';
import { changePassword, login, logout } from './auth.service.js';
import { CreateAccountInput } from './identity.schema.js';
import { clearSessionCookie, sessionToken, setSessionCookie } from './session-cookie.js';
import { AccountsPage } from './views/accounts-page.js';
import { LoginPage } from './views/login-page.js';
import { PasswordPage } from './views/password-page.js';
import { deactivateAccount, issueResetCode, listUnusedAccounts, reactivateAccount, useResetCode } from './account-lifecycle.service.js';
import { ResetCodePage, ResetPasswordPage, UnusedAccountsPage } from './views/lifecycle-pages.js';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.js';
import { verifyRateLimit } from '../../platform/http/rate-limit.js';

export function registerIdentityPages(app: Router, services: AppServices) {
  app.get('/masuk', access('public'), (c) => {
    if (c.get('ctx').actor) return c.redirect(safeNext(c.req.query('next')));
    return c.html(<LoginPage c={c} next={safeNext(c.req.query('next'))} />);
  });

  app.post('/masuk', access('public'), async (c) => {
    const f = await formFields(c);
    try {
      const { token } = await login(c.get('ctx'), f.username ?? '', f.password ?? '', c.req.header('user-agent'));
      setSessionCookie(c, token, services.secureCookies);
      return c.redirect(safeNext(f.next), 303);
    } catch (err) {
      // A wrong password (401) or a lock-out (429) is the login form again, with the message.
      const p = err instanceof AppError && (err.status === 401 || err.status === 429)
        ? { message: t(c.get('lang'), err.key, err.params), status: err.status }
        : formProblem(c, err);
      return c.html(<LoginPage c={c} error={p.message} username={f.username} next={safeNext(f.next)} />, p.status);
    }
  });

  app.post('/keluar', access('public'), async (c) => {
    const actor = c.get('ctx').actor;
    if (actor) await logout(c.get('ctx'), sessionToken(c), c.req.query('semua') === '1');
    clearSessionCookie(c);
    return c.redirect(actor?.kind === 'citizen' ? '/warga/masuk' : '/masuk', 303);
  });

  app.get('/bahasa/:lang', access('public'), (c) => {
    const lang = c.req.param('lang') === 'en' ? 'en' : 'id';
    setCookie(c, LANG_COOKIE, lang, { path: '/', sameSite: 'Lax', maxAge: 365 * 24 * 3600 });
    return c.redirect(safeNext(c.req.query('next')));
  });

  app.get('/akun/kata-sandi', access('officer'), (c) => {
    const actor = c.get('ctx').actor;
    if (!actor) throw unauthenticated();
    if (actor.kind !== 'user') throw forbidden(); // a citizen's PIN is changed at the village office
    return c.html(<PasswordPage c={c} />);
  });

  app.post('/akun/kata-sandi', access('officer'), async (c) => {
    const f = await formFields(c);
    try {
      await changePassword(c.get('ctx'), sessionToken(c), f.current_password ?? '', f.new_password ?? '', f.confirm_password ?? '');
      return c.html(<PasswordPage c={c} ok={t(c.get('lang'), 'auth.password_changed')} />);
    } catch (err) {
      const p = formProblem(c, err);
      return c.html(<PasswordPage c={c} error={p.message} />, p.status);
    }
  });

  app.get('/akun', access({ permission: 'account.read' }), async (c) => {
    const ctx = c.get('ctx');
    const rows = await listAccounts(ctx);
    return c.html(<AccountsPage c={c} actor={ctx.actor!} rows={rows} />);
  });

  app.post('/akun', access({ permission: 'account.create' }), async (c) => {
    const ctx = c.get('ctx');
    const f = await formFields(c);
    try {
      const created = await createAccount(ctx, parseForm(c, CreateAccountInput, f));
      const rows = await listAccounts(ctx);
      return c.html(<AccountsPage c={c} actor={ctx.actor!} rows={rows} ok={t(c.get('lang'), 'account.created', { username: created.username })} />, 201);
    } catch (err) {
      const p = formProblem(c, err);
      const rows = await listAccounts(ctx);
      return c.html(<AccountsPage c={c} actor={ctx.actor!} rows={rows} error={p.message} values={{ ...f, password: '' }} />, p.status);
    }
  });

  // The account's life (issue 18, item 6): each step asks a reason and re-shows the list.
  const manage = access({ permission: 'account.manage' });
  const step = (run: typeof deactivateAccount, done: 'account.deactivated' | 'account.reactivated') => async (c: Context<AppEnv>) => {
    const ctx = c.get('ctx');
    const f = await formFields(c);
    try {
      const { username } = await run(ctx, c.req.param('id')!, f.alasan);
      return c.html(<AccountsPage c={c} actor={ctx.actor!} rows={await listAccounts(ctx)} ok={t(c.get('lang'), done, { username })} />);
    } catch (err) {
      const p = formProblem(c, err);
      return c.html(<AccountsPage c={c} actor={ctx.actor!} rows={await listAccounts(ctx)} error={p.message} />, p.status);
    }
  };
  app.post('/akun/:id{[0-9]+}/nonaktifkan', manage, step(deactivateAccount, 'account.deactivated'));
  app.post('/akun/:id{[0-9]+}/aktifkan', manage, step(reactivateAccount, 'account.reactivated'));

  app.post('/akun/:id{[0-9]+}/atur-ulang-sandi', manage, async (c) => {
    const ctx = c.get('ctx');
    const f = await formFields(c);
    try {
      const issued = await issueResetCode(ctx, c.req.param('id')!, f.alasan);
      // Shown once: never cached, never kept.
      c.header('cache-control', 'no-store');
      return c.html(<ResetCodePage c={c} {...issued} />);
    } catch (err) {
      const p = formProblem(c, err);
      return c.html(<AccountsPage c={c} actor={ctx.actor!} rows={await listAccounts(ctx)} error={p.message} />, p.status);
    }
  });

  app.get('/akun/tak-dipakai', manage, async (c) => {
    const ctx = c.get('ctx');
    return c.html(<UnusedAccountsPage c={c} actor={ctx.actor!} rows={await listUnusedAccounts(ctx)} />);
  });

  // Public: whoever holds a code has no session (their password no longer works).
  app.get('/akun/atur-ulang', access('public'), (c) => c.html(<ResetPasswordPage c={c} />));
  // A code is 100 random bits; the per-address limit of code checks (as for letters' codes) keeps guessing pointless anyway.
  app.post('/akun/atur-ulang', access('public'), verifyRateLimit(), async (c) => {
    const f = await formFields(c);
    try {
      const { username } = await useResetCode(c.get('ctx'), f.reset_code, f.new_password, f.confirm_password);
      return c.html(<ResetPasswordPage c={c} ok={t(c.get('lang'), 'account.reset_done', { username })} />);
    } catch (err) {
      const p = formProblem(c, err);
      return c.html(<ResetPasswordPage c={c} error={p.message} />, p.status);
    }
  });
}
