import type { Context } from 'hono';
import { accessActionLabel } from '../../../platform/audit/access-log.js';
import { ROLE_LABEL, ROLES, type Role } from '../../../platform/access/roles.js';
import { formatDateTime, formatNumber } from '../../../platform/format/format.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Layout } from '../../../platform/http/views/layout.js';
import { detailText, PAGE_SIZE, type AuditScope } from '../audit.service.js';
import type { AuditFilter } from '../audit.repository.js';
import { words } from './words.js';

interface Common {
  c: Context<AppEnv>;
  scope: AuditScope;
  filter: Omit<AuditFilter, 'village' | 'region'>;
  page: number;
  total: number;
  counts: { action: string; total: number; refused: number }[];
}
interface FullEntry { id: number; at: Date; actor_label: string; action: string; outcome: string; village_code: string | null; subject: string | null; detail: Record<string, unknown>; role: string | null }
interface MetaEntry { id: number; at: Date; action: string; outcome: string; village_code: string | null; region_code: string | null; role: string | null }

export function AuditPage(props: Common & ({ view: 'village'; entries: FullEntry[] } | { view: 'region'; entries: MetaEntry[] })) {
  const { c, scope, filter, page, total, counts } = props;
  const lang = c.get('lang');
  const w = words(lang);
  const n = (x: number) => formatNumber(x, lang);
  const base = scope.view === 'village' ? `/desa/${scope.code}/audit` : `/pantau/${scope.code || 'nasional'}/audit`;
  const kept: Record<string, string> = { dari: filter.from, sampai: filter.to };
  if (filter.actor) kept.pelaku = filter.actor;
  if (filter.role) kept.peran = filter.role;
  if (filter.action) kept.aksi = filter.action;
  const qs = (extra: Record<string, string> = {}) => `?${new URLSearchParams({ ...kept, ...extra })}`;
  const role = (r: string | null) => (r ? ROLE_LABEL[r as Role]?.[lang] ?? r : w.system);
  const outcome = (o: string) => (o === 'ok' ? w.ok : o === 'denied' ? w.denied : w.failed);
  const what = (action: string) => {
    const label = accessActionLabel(action, lang);
    return label === action ? <span class="mono">{action}</span> : <>{label} <span class="mono muted">{action}</span></>;
  };
  return (
    <Layout c={c} title={`${scope.view === 'village' ? w.title : w.regionTitle} · ${scope.name}`} guide="audit">
      <p>{w.intro}</p>
      <p class="notice warn">{w.appendOnly}</p>
      {scope.view === 'region' && <p>{w.regionIntro}</p>}
      <p class="muted">{w.readLogged}</p>

      <form method="get" action={base} class="filters card">
        <label>{w.from}<input type="date" name="dari" value={filter.from} /></label>
        <label>{w.to}<input type="date" name="sampai" value={filter.to} /></label>
        {scope.view === 'village' && <label>{w.actor}<input name="pelaku" value={filter.actor ?? ''} maxlength={60} autocapitalize="none" /></label>}
        <label>{w.role}
          <select name="peran">
            <option value="">{w.anyRole}</option>
            {ROLES.map((r) => <option value={r} selected={filter.role === r}>{ROLE_LABEL[r][lang]}</option>)}
          </select>
        </label>
        <label>{w.action}<input name="aksi" value={filter.action ?? ''} maxlength={60} autocapitalize="none" aria-describedby="aksi-hint" list="audit-actions" /></label>
        <datalist id="audit-actions">{counts.map((x) => <option value={x.action} />)}</datalist>
        <small id="aksi-hint">{w.actionHint}</small>
        <button type="submit">{w.show}</button>
      </form>

      <p>{w.total}: {n(total)} · <a href={`${base}.xlsx${qs()}`}>{w.excel}</a></p>

      <section class="card">
        <h2>{w.perAction}</h2>
        {counts.length === 0 ? <p>{w.none}</p> : (
          <DataTable>
            <thead><tr><th>{w.what}</th><th>{w.count}</th><th>{w.refused}</th></tr></thead>
            <tbody>{counts.map((x) => <tr><td>{what(x.action)}</td><td>{n(x.total)}</td><td>{n(x.refused)}</td></tr>)}</tbody>
          </DataTable>
        )}
      </section>

      {props.entries.length === 0 ? <p>{w.none}</p> : props.view === 'village' ? (
        <DataTable>
          <thead><tr><th>{w.at}</th><th>{w.who}</th><th>{w.what}</th><th>{w.outcome}</th><th>{w.subject}</th><th>{w.detail}</th></tr></thead>
          <tbody>
            {props.entries.map((e) => (
              <tr>
                <td>{formatDateTime(e.at, lang)}</td>
                <td>{e.actor_label} <span class="muted">({role(e.role)})</span></td>
                <td>{what(e.action)}</td>
                <td>{outcome(e.outcome)}</td>
                <td class="mono">{e.subject ?? ''}</td>
                <td>{detailText(e.detail)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : (
        <DataTable>
          <thead><tr><th>{w.at}</th><th>{w.village}</th><th>{w.role}</th><th>{w.what}</th><th>{w.outcome}</th></tr></thead>
          <tbody>
            {props.entries.map((e) => (
              <tr>
                <td>{formatDateTime(e.at, lang)}</td>
                <td class="mono">{e.village_code ?? e.region_code ?? ''}</td>
                <td>{role(e.role)}</td>
                <td>{what(e.action)}</td>
                <td>{outcome(e.outcome)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}

      <p class="pager">
        {page > 1 && <a href={qs({ page: String(page - 1) })}>{w.prev}</a>} {w.page} {page} {page * PAGE_SIZE < total && <a href={qs({ page: String(page + 1) })}>{w.next}</a>}
      </p>
    </Layout>
  );
}
