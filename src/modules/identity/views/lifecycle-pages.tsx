import type { Context } from 'hono';
import type { Actor } from '../../../platform/access/access.js';
import { ROLE_LABEL, type Role } from '../../../platform/access/roles.js';
import { formatDate, formatDateTime } from '../../../platform/format/format.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { publicOrigin } from '../../../platform/http/public-origin.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { mayManage } from '../account-lifecycle.service.js';
import { ManageAccount } from './accounts-page.js';
import { words } from './words.js';

interface Row { id: number; username: string; full_name: string; role: string; region_code: string; active: boolean; created_at: Date | string; last_login_at: Date | string | null }

/** Active accounts with no login for 90 days, oldest first, each with its actions. */
export function UnusedAccountsPage({ c, actor, rows }: { c: Context<AppEnv>; actor: Actor; rows: Row[] }) {
  const lang = c.get('lang');
  const w = words(lang);
  return (
    <Layout c={c} title={w.unusedTitle} guide="akun">
      <p>{w.unusedIntro}</p>
      {rows.length === 0 ? <p>{w.unusedNone}</p> : (
        <DataTable>
          <thead><tr><th>{w.username}</th><th>{w.fullName}</th><th>{w.role}</th><th>{w.region}</th><th>{w.createdAt}</th><th>{w.lastLogin}</th><th>{w.manage}</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{r.username}</td>
                <td>{r.full_name}</td>
                <td>{ROLE_LABEL[r.role as Role]?.[lang] ?? r.role}</td>
                <td>{r.region_code || '—'}</td>
                <td>{formatDate(r.created_at, lang)}</td>
                <td>{r.last_login_at ? formatDateTime(r.last_login_at, lang) : w.never}</td>
                <td>{mayManage(actor, r) ? <ManageAccount c={c} row={r} /> : ''}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <p><a href="/akun">{w.back}</a></p>
    </Layout>
  );
}

/** The reset code, shown this once to the administrator: only its hash is kept. */
export function ResetCodePage({ c, code, username, expiresAt }: { c: Context<AppEnv>; code: string; username: string; expiresAt: Date }) {
  const lang = c.get('lang');
  const w = words(lang);
  return (
    <Layout c={c} title={w.codeTitle} guide="akun">
      <section class="card narrow">
        <p>{w.codeFor} <strong>{username}</strong>:</p>
        <p class="big mono">{code}</p>
        <p>{w.codeValid} {formatDateTime(expiresAt, lang)}.</p>
        <p><strong>{w.codeOnce}</strong></p>
        <p class="mono">{publicOrigin(c)}/akun/atur-ulang</p>
        <p class="muted">{w.codeLost}</p>
      </section>
      <p><a href="/akun">{w.back}</a></p>
    </Layout>
  );
}

/** Public: the owner types the code and a new password (they cannot log in meanwhile). */
export function ResetPasswordPage({ c, error, ok }: { c: Context<AppEnv>; error?: string; ok?: string }) {
  const w = words(c.get('lang'));
  return (
    <Layout c={c} title={w.resetTitle} guide="akun">
      {error && <Notice kind="error">{error}</Notice>}
      {ok ? (
        <>
          <Notice kind="ok">{ok}</Notice>
          <p><a href="/masuk">{w.toLogin}</a></p>
        </>
      ) : (
        <form method="post" action="/akun/atur-ulang" class="card narrow">
          <Csrf c={c} />
          <p>{w.resetIntro}</p>
          <label>{w.resetCode}<input name="reset_code" required autocomplete="one-time-code" autocapitalize="characters" maxlength={40} /></label>
          <label>{w.newPassword}<input name="new_password" type="password" autocomplete="new-password" minlength={10} required aria-describedby="pw-hint" /></label>
          <small id="pw-hint">{w.passwordHint}</small>
          <label>{w.confirmPassword}<input name="confirm_password" type="password" autocomplete="new-password" required /></label>
          <button type="submit">{w.resetButton}</button>
        </form>
      )}
    </Layout>
  );
}
