import type { Context } from 'hono';
import { formatDate, formatDateTime, formatNumber } from '../../../platform/format/format.js';
import type { AppEnv } from '../../../platform/http/env.js';
import type { ActivityFeed } from '../dashboards.service.js';
import { modelDefinition } from '../index-models.js';
import { regionShort, regionTitle, urlCode } from '../monitoring.common.js';
import { dashboardPath, DashboardFrame } from './frame.js';
import { fill, words } from './words.js';

const named = (r: { name: string | null; kind: string | null; code: string }) => (r.name ? regionShort({ name: r.name, kind: r.kind as never }) : r.code);

export function FeedPage({ c, d }: { c: Context<AppEnv>; d: ActivityFeed }) {
  const lang = c.get('lang');
  const w = words(lang);
  const n = (x: number) => formatNumber(x, lang);
  return (
    <DashboardFrame c={c} scope={d.scope} tab="kabar" excel={`${dashboardPath(d.scope.code)}/kabar.xlsx`}>
      <p>{fill(w.feedIntro, { since: formatDate(d.since, lang) })}</p>

      <section class="card">
        <h2>{w.feedActivated} ({n(d.activations.length)})</h2>
        {d.activations.length === 0 ? <p>{w.none}</p> : (
          <ul class="plain feed">
            {d.activations.map((a) => (
              <li>
                <a href={dashboardPath(a.village_code)}>{named({ ...a, code: a.village_code })}</a> <span class="muted">{a.village_code}</span> —{' '}
                {fill(w.activatedAs, { kind: a.activation_kind === 'target' ? w.target : w.initiative })} · {formatDate(a.activated_at, lang)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="card">
        <h2>{w.feedLetters} ({n(d.letters.reduce((s, l) => s + l.issued, 0))})</h2>
        {d.letters.length === 0 ? <p>{w.none}</p> : (
          <ul class="plain feed">
            {d.letters.map((l) => (
              <li>
                <a href={dashboardPath(l.village_code, 'layanan')}>{named({ ...l, code: l.village_code })}</a> <span class="muted">{l.village_code}</span> —{' '}
                {fill(w.lettersIssued, { n: n(l.issued) })}; {fill(w.requestsOnline, { n: n(l.requested), o: n(l.requested_online) })}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="card">
        <h2>{w.feedImports} ({n(d.imports.length)})</h2>
        {d.imports.length === 0 ? <p>{w.none}</p> : (
          <ul class="plain feed">
            {d.imports.map((i) => {
              const code = i.village_code ?? i.region_code ?? '';
              const detail = i.detail as Record<string, number | string>;
              const what = i.action === 'population.import'
                ? fill(w.importedResidents, { inserted: n(Number(detail.inserted ?? 0)), updated: n(Number(detail.updated ?? 0)) })
                : fill(w.importedIndex, { rows: n(Number(detail.rows ?? 0)), model: detail.model ? modelDefinition(detail.model as never).short : '' });
              const link = i.action === 'population.import' ? dashboardPath(code, 'penduduk') : `/pantau/${urlCode(code)}/idm`;
              const place = i.name ? (code.split('.').length === 4 ? named({ name: i.name, kind: i.kind, code }) : regionTitle({ name: i.name, kind: i.kind as never }, lang)) : code || w.national;
              return (
                <li>
                  <a href={link}>{place}</a> <span class="muted">{code}</span> — {what} · {formatDateTime(i.at, lang)} · {w.by} {i.actor_label}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section class="card">
        <h2>{w.feedStopped} ({n(d.stopped.length)})</h2>
        {d.stopped.length === 0 ? <p>{w.none}</p> : (
          <ul class="plain feed">
            {d.stopped.map((s) => (
              <li>
                <a href={dashboardPath(s.village_code)}>{named({ ...s, code: s.village_code })}</a> <span class="muted">{s.village_code}</span> — {fill(w.lastSeen, { date: formatDate(s.last_day, lang) })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </DashboardFrame>
  );
}
