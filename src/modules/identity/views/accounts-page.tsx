import type { Context } from 'hono';
import { can, type Actor } from '../../../platform/access/access.js';
import { CREATABLE_ROLES } from '../../../platform/access/permissions.js';
import { ROLE_LABEL, type Role } from '../../../platform/access/roles.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { words } from './words.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { formatDateTime } from '../../../platform/format/format.js';
import { mayManage } from '../account-lifecycle.service.js';

interface Row { id: number; username: string; full_name: string; role: string; region_code: string; active: boolean; last_login_at: Date | string | null }

/** The account's actions, folded: each asks for a reason, which goes into the audit log. */
export function ManageAccount({ c, row }: { c: Context<AppEnv>; row: Row }) {
  const w = words(c.get('lang'));
  const action = (path: string, label: string, hint: string) => (
    <form method="post" action={`/akun/${row.id}/${path}`}>
      <Csrf c={c} />
      <label>{w.reason}<input name="alasan" required minlength={3} maxlength={200} /></label>
      <small>{hint}</small>
      <button type="submit">{label}</button>
    </form>
  );
  return (
    <details>
      <summary>{w.manage}</summary>
      {row.active ? action('nonaktifkan', w.deactivate, w.deactivateHint) : action('aktifkan', w.reactivate, w.reasonHint)}
      {row.active && action('atur-ulang-sandi', w.resetPassword, w.resetHint)}
    </details>
  );
}

export function AccountsPage(props: { c: Context<AppEnv>; actor: Actor; rows: Row[]; error?: string; ok?: string; values?: Record<string, string> }) {
  const { c, actor, rows, error, ok } = props;
  const lang = c.get('lang');
  const w = words(lang);
  const v = props.values ?? {};
  const roles = CREATABLE_ROLES[actor.role];
  return (
    <Layout c={c} title={w.accountsTitle} guide="akun">
      {error && <Notice kind="error">{error}</Notice>}
      {ok && <Notice kind="ok">{ok}</Notice>}
      <p>
        {can(actor, 'account.manage') && <a href="/akun/tak-dipakai">{w.unusedLink}</a>}
        {can(actor, 'audit.read') && <> · <a href={actor.role.startsWith('village_') ? `/desa/${actor.regionCode}/audit` : `/pantau/${actor.regionCode || 'nasional'}/audit`}>{w.auditLink}</a></>}
        {can(actor, 'token.manage') && <> · <a href="/akun/token">Token API</a></>}
      </p>
      {rows.length === 0 ? (
        <p>{w.none}</p>
      ) : (
        <DataTable>
            <thead>
              <tr><th>{w.username}</th><th>{w.fullName}</th><th>{w.role}</th><th>{w.region}</th><th>{w.status}</th><th>{w.lastLogin}</th><th>{w.manage}</th></tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>{r.username}</td>
                  <td>{r.full_name}</td>
                  <td>{ROLE_LABEL[r.role as Role]?.[lang] ?? r.role}</td>
                  <td>{r.region_code ? <a href={`/wilayah/${r.region_code}`}>{r.region_code}</a> : '—'}</td>
                  <td>{r.active ? w.active : w.inactive}</td>
                  <td>{r.last_login_at ? formatDateTime(r.last_login_at, lang) : w.never}</td>
                  <td>{mayManage(actor, r) ? <ManageAccount c={c} row={r} /> : ''}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
      )}
      {roles.length > 0 && (
        <form method="post" action="/akun" class="card">
          <h2>{w.newAccount}</h2>
          <Csrf c={c} />
          <label>{w.username}<input name="username" value={v.username ?? ''} required autocapitalize="none" pattern="[a-z0-9][a-z0-9._\-]{2,39}" /></label>
          <label>{w.fullName}<input name="full_name" value={v.full_name ?? ''} required /></label>
          <label>
            {w.role}
            <select name="role" required>
              {roles.map((r) => (
                <option value={r} selected={v.role === r}>{ROLE_LABEL[r][lang]}</option>
              ))}
            </select>
          </label>
          <label>
            {w.region}
            <input name="region_code" value={v.region_code ?? actor.regionCode} inputmode="numeric" aria-describedby="region-hint" />
          </label>
          <small id="region-hint">{w.regionHint}</small>
          <label>{w.positionTitle}<input name="position_title" value={v.position_title ?? ''} /></label>
          <label>{w.nip}<input name="nip" value={v.nip ?? ''} /></label>
          <label>{w.email}<input name="email" type="email" value={v.email ?? ''} /></label>
          <label>{w.phone}<input name="phone" type="tel" value={v.phone ?? ''} /></label>
          <label>{w.initialPassword}<input name="password" type="password" autocomplete="new-password" minlength={10} required /></label>
          <small>{w.passwordHint}</small>
          <button type="submit">{w.create}</button>
        </form>
      )}
    </Layout>
  );
}
