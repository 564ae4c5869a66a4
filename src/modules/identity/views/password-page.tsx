import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { words } from './words.js';

export function PasswordPage({ c, error, ok }: { c: Context<AppEnv>; error?: string; ok?: string }) {
  const w = words(c.get('lang'));
  return (
    <Layout c={c} title={w.passwordTitle} guide="akun">
      {error && <Notice kind="error">{error}</Notice>}
      {ok && <Notice kind="ok">{ok}</Notice>}
      <form method="post" action="/akun/kata-sandi" class="card narrow">
        <Csrf c={c} />
        <label>
          {w.currentPassword}
          <input name="current_password" type="password" autocomplete="current-password" required />
        </label>
        <label>
          {w.newPassword}
          <input name="new_password" type="password" autocomplete="new-password" minlength={10} required aria-describedby="pw-hint" />
        </label>
        <small id="pw-hint">{w.passwordHint}</small>
        <label>
          {w.confirmPassword}
          <input name="confirm_password" type="password" autocomplete="new-password" required />
        </label>
        <button type="submit">{w.passwordTitle}</button>
      </form>
      <form method="post" action="/keluar?semua=1" class="card narrow">
        <Csrf c={c} />
        <button type="submit" class="secondary">{w.logoutEverywhere}</button>
      </form>
    </Layout>
  );
}
