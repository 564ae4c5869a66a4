import type { Context } from 'hono';
import { isVillageRole } from '../../../platform/access/roles.js';
import { formatDate, formatDateTime, formatNumber, titleCase } from '../../../platform/format/format.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { permissionLabel } from '../permission-labels.js';
import type { TokenRow } from '../tokens.repository.js';
import type { createApiToken, tokenForm } from '../tokens.service.js';
import { TOKEN_TEXT, type TokenWords } from './text.js';

export interface TokenPageMsg {
  ok?: string;
  error?: string;
  /** What was typed, kept after a refusal; `permissions` lists the boxes that were ticked. */
  values?: { token_name?: string; region_code?: string; expires_on?: string; permissions?: string[] };
  created?: Awaited<ReturnType<typeof createApiToken>>;
}

const statusOf = (r: TokenRow, w: TokenWords) =>
  r.revoked_at ? <span class="tag tag-revoked">{w.revoked}</span> : new Date(r.expires_at) <= new Date() ? <span class="tag">{w.expired}</span> : <span class="tag tag-ready">{w.active}</span>;

/** The secret, this once: a read-only field the phone can select and copy, and how to send it. */
function Created({ c, created, w }: { c: Context<AppEnv>; created: NonNullable<TokenPageMsg['created']>; w: TokenWords }) {
  const lang = c.get('lang');
  return (
    <section class="card" aria-labelledby="created-title">
      <h2 id="created-title">{`${w.createdTitle}: ${created.name}`}</h2>
      <label>{w.secretLabel}<input class="mono" readonly value={created.secret} id="token-secret" autocomplete="off" spellcheck={false} /></label>
      <p><strong>{w.secretOnce}</strong></p>
      <p>{w.usage}</p>
      <p class="mono">Authorization: Bearer balai_api_…</p>
      <p>{`${w.region}: ${titleCase(created.regionName)} (${created.region}) · ${w.expires}: ${formatDate(created.expiresAt, lang)}`}</p>
    </section>
  );
}

function RevokeForm({ c, row, w }: { c: Context<AppEnv>; row: TokenRow; w: TokenWords }) {
  return (
    <details>
      <summary>{w.revoke}</summary>
      <form method="post" action={`/akun/token/${row.id}/cabut`}>
        <Csrf c={c} />
        <p>{w.revokeConfirm}</p>
        <button type="submit">{w.revokeYes}</button>
      </form>
    </details>
  );
}

/** /akun/token: the region's tokens, the form for a new one, and the new one's secret right after. */
export function TokensPage({ c, rows, form, msg }: { c: Context<AppEnv>; rows: TokenRow[]; form: ReturnType<typeof tokenForm>; msg: TokenPageMsg }) {
  const lang = c.get('lang');
  const w = TOKEN_TEXT[lang];
  const v = msg.values;
  const villageOnly = isVillageRole(form.actor.role);
  // Read-only permissions are ticked until the user says otherwise; personal reads and writes only when chosen.
  const ticked = (p: string, kind: string) => (v?.permissions ? v.permissions.includes(p) : kind === 'read');
  return (
    <Layout c={c} title={w.title} guide="token-api">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      {msg.created && <Created c={c} created={msg.created} w={w} />}
      <p>{w.intro}</p>
      <p><a href="/akun">{w.accounts}</a> · <a href="/panduan/token-api">{w.more}</a></p>
      {rows.length === 0 ? <p>{w.none}</p> : (
        <DataTable aria-label={w.title}>
          <thead><tr><th>{w.name}</th><th>{w.region}</th><th>{w.permissions}</th><th>{w.createdBy}</th><th>{w.lastUsed}</th><th>{w.expires}</th><th>{w.status}</th><th>{w.action}</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{r.name}</td>
                <td>{r.region_name ? `${titleCase(r.region_name)} (${r.region_code})` : r.region_code}</td>
                <td><ul class="plain">{r.permissions.map((p) => <li>{permissionLabel(p, lang)}</li>)}</ul></td>
                <td>{`${r.created_by_name ?? '—'}, ${formatDate(r.created_at, lang)}`}</td>
                <td>{r.last_used_at ? `${formatDateTime(r.last_used_at, lang)} (${formatNumber(Number(r.requests), lang)} ${w.requests})` : w.never}</td>
                <td>{formatDate(r.expires_at, lang)}</td>
                <td>{statusOf(r, w)}{r.revoked_at && <><br /><small>{`${formatDateTime(r.revoked_at, lang)}${r.revoked_by_name ? ` ${w.by} ${r.revoked_by_name}` : ''}`}</small></>}</td>
                <td>{!r.revoked_at && new Date(r.expires_at) > new Date() ? <RevokeForm c={c} row={r} w={w} /> : ''}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <form method="post" action="/akun/token" class="card">
        <h2>{w.newToken}</h2>
        <Csrf c={c} />
        <label>{w.name}<input name="token_name" required maxlength={100} value={v?.token_name ?? ''} aria-describedby="token-name-hint" /></label>
        <small id="token-name-hint">{w.nameHint}</small>
        {villageOnly ? (
          <>
            <input type="hidden" name="region_code" value={form.actor.regionCode} />
            <p>{`${w.region}: ${form.actor.regionCode}. ${w.regionFixed}`}</p>
          </>
        ) : (
          <>
            <label>{w.region}<input name="region_code" required inputmode="decimal" maxlength={20} value={v?.region_code ?? form.actor.regionCode} aria-describedby="token-region-hint" /></label>
            <small id="token-region-hint">{w.regionHint}</small>
          </>
        )}
        <p>{`${w.permissions}. ${w.permissionsHint}`}</p>
        {form.groups.map((g) => (
          <fieldset>
            <legend>{w.group[g.kind as keyof TokenWords['group']]}</legend>
            {g.permissions.map((p) => (
              <label class="check"><input type="checkbox" name="permissions" value={p} checked={ticked(p, g.kind)} /> {permissionLabel(p, lang)}</label>
            ))}
          </fieldset>
        ))}
        <label>{w.expires}<input type="date" name="expires_on" required min={form.earliest} max={form.latest} value={v?.expires_on ?? form.suggested} aria-describedby="token-expires-hint" /></label>
        <small id="token-expires-hint">{w.expiresHint}</small>
        <button type="submit">{w.create}</button>
      </form>
    </Layout>
  );
}
