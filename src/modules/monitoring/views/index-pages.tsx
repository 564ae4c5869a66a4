import type { Context } from 'hono';
import { formatDate, formatNumber } from '../../../platform/format/format.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { Csrf, Notice } from '../../../platform/http/views/layout.js';
import { t } from '../../../platform/i18n/i18n.js';
import type { IndexDashboard } from '../dashboards.service.js';
import type { ImportPreview } from '../idm-import.service.js';
import type { VillageIndexPage } from '../idm.service.js';
import { MODELS, modelDefinition, STATUS_LABEL, STATUSES, statusRanges, type ModelDefinition } from '../index-models.js';
import { regionShort, urlCode } from '../monitoring.common.js';
import { ValueBars } from './charts.js';
import { ChildLink, dashboardPath, DashboardFrame } from './frame.js';
import { fill, formatScore, pct, words } from './words.js';
import { DataTable } from '../../../platform/http/views/data-table.js';

const idxPath = (code: string) => `/pantau/${urlCode(code)}/idm`;

function ModelYearForm({ c, action, model, year, years }: { c: Context<AppEnv>; action: string; model: string; year: number; years: number[] }) {
  const w = words(c.get('lang'));
  const options = [...new Set([...years, year])].sort((a, b) => b - a);
  return (
    <form method="get" action={action} class="stat-filter">
      <label>
        {w.model}
        <select name="model">
          {MODELS.map((m) => <option value={m} selected={m === model}>{modelDefinition(m).label[c.get('lang')]}</option>)}
        </select>
      </label>
      <label>
        {w.year}
        <select name="tahun">{options.map((y) => <option value={String(y)} selected={y === year}>{y}</option>)}</select>
      </label>
      <button type="submit">{w.show}</button>
    </form>
  );
}

export function Thresholds({ def, lang }: { def: ModelDefinition; lang: 'id' | 'en' }) {
  const w = words(lang);
  const s = (x: number) => formatScore(x, def.decimals, lang);
  return (
    <details>
      <summary>{w.thresholds}</summary>
      <ul class="plain">
        {statusRanges(def).map((r) => (
          <li>
            <strong>{STATUS_LABEL[r.status][lang]}</strong>: {r.from === null ? `≤ ${s(r.to!)}` : r.to === null ? `> ${s(r.from)}` : `> ${s(r.from)} ${lang === 'en' ? 'and' : 'dan'} ≤ ${s(r.to)}`}
          </li>
        ))}
      </ul>
      {!def.verified && <p class="muted">{w.unverified}</p>}
    </details>
  );
}

export function IndexPage({ c, d }: { c: Context<AppEnv>; d: IndexDashboard }) {
  const lang = c.get('lang');
  const w = words(lang);
  const n = (x: number) => formatNumber(x, lang);
  const q = `?model=${d.model}&tahun=${d.year}`;
  const canImport = Boolean(c.get('ctx').actor) && d.scope.level < 4;
  return (
    <DashboardFrame c={c} scope={d.scope} tab="idm" excel={`${dashboardPath(d.scope.code)}/idm.xlsx${q}`} guide="idm" query={q}>
      <ModelYearForm c={c} action={idxPath(d.scope.code)} model={d.model} year={d.year} years={d.years.map((y) => y.year)} />
      {canImport && <p class="no-print"><a href={`${idxPath(d.scope.code)}/impor`}>{w.importLink}</a></p>}
      <p>
        <strong>{d.def.label[lang]} {d.year}</strong> · {w.scored}: {n(d.scored)} / {n(d.villagesInRegion)} ({pct(d.scored, d.villagesInRegion, lang)})
        {d.mean !== null && <> · {w.meanScore}: {formatScore(d.mean, d.def.decimals, lang)}</>}
      </p>
      <Thresholds def={d.def} lang={lang} />
      <section class="card">
        <h2>{w.statusDistribution}</h2>
        {d.scored === 0 && <p>{w.noScores}</p>}
        <div class="stat-pair">
          <ValueBars title={`${w.statusDistribution} ${d.year}`} lang={lang} rows={STATUSES.map((s) => ({ label: STATUS_LABEL[s][lang], value: d.current[s], cls: `st-${s}`, note: pct(d.current[s], d.scored, lang) }))} />
          <div class="scroll">
            <table>
              <caption>{w.change}</caption>
              <thead><tr><th>{w.status}</th><th class="num">{d.year - 1}</th><th class="num">{d.year}</th><th class="num">{w.diff}</th></tr></thead>
              <tbody>
                {STATUSES.map((s) => {
                  const diff = d.current[s] - d.previous[s];
                  return <tr><td>{STATUS_LABEL[s][lang]}</td><td class="num">{n(d.previous[s])}</td><td class="num">{n(d.current[s])}</td><td class="num">{diff > 0 ? `+${n(diff)}` : n(diff)}</td></tr>;
                })}
              </tbody>
            </table>
          </div>
        </div>
        <p>
          {w.up}: <strong>{n(d.moves.up)}</strong> · {w.same}: <strong>{n(d.moves.same)}</strong> · {w.down}: <strong>{n(d.moves.down)}</strong>
        </p>
      </section>

      {d.transitions.length > 0 && (
        <section class="card">
          <h2>{w.transitions} {d.year - 1} → {d.year}</h2>
          <div class="scroll">
            <table>
              <thead><tr><th>{w.before} \ {w.after}</th>{STATUSES.map((s) => <th class="num">{STATUS_LABEL[s][lang]}</th>)}</tr></thead>
              <tbody>
                {STATUSES.map((b) => (
                  <tr><th scope="row">{STATUS_LABEL[b][lang]}</th>{STATUSES.map((a) => <td class="num">{n(d.transitions.find((x) => x.before === b && x.after === a)?.villages ?? 0)}</td>)}</tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {d.children.length > 0 && (
        <section class="card">
          <h2>{w.byChild}</h2>
          <DataTable>
              <thead><tr><th>{w.name}</th><th class="num">{w.villages}</th><th class="num">{w.scored}</th>{STATUSES.map((s) => <th class="num">{STATUS_LABEL[s][lang]}</th>)}<th class="num">{w.meanScore}</th></tr></thead>
              <tbody>
                {d.children.map((r) => (
                  <tr>
                    <td><ChildLink code={r.code} name={r.name} kind={r.kind} tab="idm" query={q} /> <span class="muted">{r.code}</span></td>
                    <td class="num">{n(r.villages)}</td><td class="num">{n(r.scored)}</td>
                    {STATUSES.map((s) => <td class="num">{n(r.statuses[s])}</td>)}
                    <td class="num">{r.mean === null ? '–' : formatScore(r.mean, d.def.decimals, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
        </section>
      )}

      <section class="card">
        <h2>{w.villageScores} {d.year}</h2>
        {d.villages.length === 0 ? <p>{w.noScores}</p> : (
          <DataTable>
              <thead><tr><th class="num">{w.rank}</th><th>{w.village}</th><th class="num">{w.score}</th><th>{w.status}</th><th class="num">{w.prevScore}</th><th>{w.before}</th></tr></thead>
              <tbody>
                {d.villages.map((v, i) => (
                  <tr>
                    <td class="num">{i + 1}</td>
                    <td><a href={`${idxPath(v.village_code)}?model=${d.model}`}>{regionShort({ name: v.name, kind: v.kind as never })}</a> <span class="muted">{v.village_code}</span></td>
                    <td class="num">{formatScore(v.score, d.def.decimals, lang)}</td><td>{STATUS_LABEL[v.status][lang]}</td>
                    <td class="num">{v.prev_score === null ? '–' : formatScore(v.prev_score, d.def.decimals, lang)}</td><td>{v.prev_status ? STATUS_LABEL[v.prev_status][lang] : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
        )}
      </section>
    </DashboardFrame>
  );
}

/** A village: its history under both models, and the entry form for one year. */
export function VillageIndexView({ c, d, error, field, values, ok }: { c: Context<AppEnv>; d: VillageIndexPage; error?: string; field?: string; values?: Record<string, string>; ok?: string }) {
  const lang = c.get('lang');
  const w = words(lang);
  const def = d.def;
  const n = (x: number) => formatNumber(x, lang);
  const entry = d.entry;
  // Stored values back into the form as typed: a decimal comma in Bahasa Indonesia.
  const value = (key: string, stored: number | undefined) =>
    values ? values[key] ?? '' : stored === undefined ? '' : lang === 'en' ? String(stored) : String(stored).replace('.', ',');
  const dataLine = (keys: string[] | undefined) =>
    d.data && keys?.length ? (
      <p class="muted village-data">
        {w.villageData}: {keys.map((k) => {
          const v = d.data![k as keyof typeof d.data];
          if (v === undefined) return null;
          const shown = k.endsWith('_share') ? pct(v, 1, lang) : n(v);
          return <span>{w.dataKeys[k]} <strong>{shown}</strong>; </span>;
        })}
      </p>
    ) : null;
  return (
    <DashboardFrame c={c} scope={d.scope} tab="idm" guide="idm">
      <ModelYearForm c={c} action={idxPath(d.scope.code)} model={d.model} year={d.year} years={d.history.filter((h) => h.model === d.model).map((h) => h.year)} />
      {ok && <Notice kind="ok">{ok}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      <section class="card">
        <h2>{w.history}</h2>
        {d.history.length === 0 ? <p>{w.noScores}</p> : (
          <DataTable>
              <thead><tr><th>{w.year}</th><th>{w.model}</th><th class="num">{w.score}</th><th>{w.status}</th><th>{lang === 'en' ? 'Dimensions' : 'Dimensi'}</th><th>{w.source}</th></tr></thead>
              <tbody>
                {d.history.map((h) => {
                  const hd = modelDefinition(h.model);
                  return (
                    <tr>
                      <td><a href={`${idxPath(d.scope.code)}?model=${h.model}&tahun=${h.year}`}>{h.year}</a></td>
                      <td>{hd.short}</td>
                      <td class="num">{formatScore(h.score, hd.decimals, lang)}</td>
                      <td>{STATUS_LABEL[h.status][lang]}</td>
                      <td class="muted">{hd.dimensions.map((x) => `${x.key.toUpperCase()} ${formatScore(h.dimensions[x.key] ?? 0, hd.decimals, lang)}`).join(' · ')}</td>
                      <td>{w.sources[h.source]}{h.entered_by_name ? ` · ${h.entered_by_name}` : ''} · {formatDate(h.entered_at, lang)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </DataTable>
        )}
        <Thresholds def={def} lang={lang} />
      </section>

      <section class="card">
        <h2>{w.formTitle}: {def.label[lang]} {d.year}</h2>
        {entry && <p>{w.score}: <strong>{formatScore(entry.score, def.decimals, lang)}</strong> — {STATUS_LABEL[entry.status][lang]}</p>}
        {!d.data && <p class="muted">{w.notActivated}</p>}
        {d.canWrite ? (
          <form method="post" action={`${idxPath(d.scope.code)}?model=${d.model}&tahun=${d.year}`}>
            <Csrf c={c} />
            <input type="hidden" name="model" value={d.model} />
            <input type="hidden" name="tahun" value={String(d.year)} />
            <p class="muted">{def.model === 'idm' ? w.formIntro : w.formIntro2024}</p>
            {def.dimensions.map((dim) => (
              <fieldset>
                <legend>{dim.label[lang]}</legend>
                <label for={`dim-${dim.key}`}>{def.scale === 1 ? w.indexValue : w.dimensionValue}</label>
                <input id={`dim-${dim.key}`} name={`dim.${dim.key}`} inputmode="decimal" value={value(`dim.${dim.key}`, entry?.dimensions[dim.key])} aria-invalid={field === dim.key ? 'true' : undefined} />
                {dim.groups.map((g) => {
                  // A group opens by itself when it holds a score or the field at fault.
                  const filled = g.indicators.some((ind) => (values ? values[`ind.${ind.id}`] : entry?.indicators[ind.id] !== undefined) || field === ind.id);
                  if (!g.indicators.length) return <div class="indicator-group">{dataLine(g.data)}</div>;
                  return (
                  <details class="indicator-group" open={filled || undefined}>
                    <summary>{g.label[lang]} ({g.indicators.length})</summary>
                    {dataLine(g.data)}
                    {g.indicators.map((ind) => (
                      <div class="indicator">
                        <label for={`ind-${ind.id}`}>{ind.label} <span class="muted mono">{ind.id}</span></label>
                        <select id={`ind-${ind.id}`} name={`ind.${ind.id}`} aria-invalid={field === ind.id ? 'true' : undefined}>
                          <option value="">–</option>
                          {[0, 1, 2, 3, 4, 5].map((s) => {
                            const current = values ? values[`ind.${ind.id}`] : entry?.indicators[ind.id] === undefined ? '' : String(entry.indicators[ind.id]);
                            return <option value={String(s)} selected={current === String(s)}>{s}</option>;
                          })}
                        </select>
                        {dataLine(ind.data ? [ind.data] : undefined)}
                      </div>
                    ))}
                  </details>
                  );
                })}
              </fieldset>
            ))}
            <button type="submit">{w.save}</button>
          </form>
        ) : (
          entry && (
            <dl>
              {def.dimensions.map((dim) => <><dt>{dim.label[lang]}</dt><dd>{formatScore(entry.dimensions[dim.key] ?? 0, def.decimals, lang)}</dd></>)}
            </dl>
          )
        )}
      </section>
    </DashboardFrame>
  );
}

export function IndexImportView({ c, scope, error, preview, done }: {
  c: Context<AppEnv>;
  scope: IndexDashboard['scope'];
  error?: string;
  preview?: ImportPreview;
  done?: { rows: number; model: string; years: number[]; statuses: Record<string, number> };
}) {
  const lang = c.get('lang');
  const w = words(lang);
  const n = (x: number) => formatNumber(x, lang);
  const base = `${idxPath(scope.code)}/impor`;
  return (
    <DashboardFrame c={c} scope={scope} tab="idm" guide="idm">
      <h2>{w.importTitle}</h2>
      {error && <Notice kind="error">{error}</Notice>}
      {done && (
        <>
          <Notice kind="ok">{fill(w.importDone, { n: n(done.rows), model: modelDefinition(done.model as never).short })}</Notice>
          <ul class="plain">{STATUSES.filter((s) => done.statuses[s]).map((s) => <li>{STATUS_LABEL[s][lang]}: {n(done.statuses[s]!)}</li>)}</ul>
          <p><a href={`${idxPath(scope.code)}?model=${done.model}&tahun=${done.years[done.years.length - 1] ?? ''}`}>{w.seeDashboard}</a> · <a href={base}>{w.importAgain}</a></p>
        </>
      )}
      {preview && (
        <section class="card">
          <h3>{w.previewTitle}: {preview.fileName}</h3>
          {preview.ignoredColumns.length > 0 && <p class="muted">{w.ignored}: {preview.ignoredColumns.join(', ')}</p>}
          {preview.problemCount > 0 ? (
            <>
              <Notice kind="error">{fill(w.problems, { n: n(preview.problemCount) })}</Notice>
              <DataTable>
                  <thead><tr><th class="num">{w.line}</th><th>{w.column}</th><th>{w.problem}</th></tr></thead>
                  <tbody>
                    {preview.problems.map((p) => <tr><td class="num">{p.line}</td><td class="mono">{p.column ?? ''}</td><td>{t(lang, p.key, p.params)}</td></tr>)}
                  </tbody>
                </DataTable>
            </>
          ) : (
            <>
              <p>{fill(w.rowsOk, { n: n(preview.rows), model: modelDefinition(preview.model).short, years: preview.years.join(', ') })}{preview.replaces > 0 && ` ${fill(w.replaces, { n: n(preview.replaces) })}`}</p>
              <DataTable>
                  <thead><tr><th>{w.village}</th><th>{w.year}</th><th class="num">{w.score}</th><th>{w.status}</th></tr></thead>
                  <tbody>
                    {preview.sample.map((r) => <tr><td>{r.village_code}</td><td>{r.year}</td><td class="num">{formatScore(r.score, modelDefinition(r.model).decimals, lang)}</td><td>{STATUS_LABEL[r.status][lang]}</td></tr>)}
                  </tbody>
                </DataTable>
              <form method="post" action={`${base}/${preview.jobId}/jalankan`}>
                <Csrf c={c} />
                <button type="submit">{w.confirm}</button>
              </form>
            </>
          )}
        </section>
      )}
      {!done && (
        <section class="card">
          <p>{w.importIntro}</p>
          <p>{w.template}: {MODELS.map((m, i) => <>{i > 0 && ' · '}<a href={`${idxPath(scope.code)}/templat.xlsx?model=${m}`} download>{modelDefinition(m).short}</a></>)}</p>
          <form method="post" action={base} enctype="multipart/form-data">
            <Csrf c={c} />
            <label for="file">{w.file}</label>
            <input id="file" type="file" name="file" accept=".xlsx,.csv" required />
            <button type="submit">{w.preview}</button>
          </form>
        </section>
      )}
    </DashboardFrame>
  );
}
