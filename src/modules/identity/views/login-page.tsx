import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { Layout, Notice } from '../../../platform/http/views/layout.js';
import { words } from './words.js';

export function LoginPage({ c, error, username, next }: { c: Context<AppEnv>; error?: string; username?: string; next?: string }) {
  const w = words(c.get('lang'));
  return (
    <Layout c={c} title={w.loginTitle} guide="masuk">
      {error && <Notice kind="error">{error}</Notice>}
      <form method="post" action="/masuk" class="card narrow">
        <input type="hidden" name="next" value={next ?? '/'} />
        <label>
          {w.username}
          <input name="username" value={username ?? ''} autocomplete="username" required autofocus autocapitalize="none" />
        </label>
        <label>
          {w.password}
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        <button type="submit">{w.loginButton}</button>
      </form>
    </Layout>
  );
}
