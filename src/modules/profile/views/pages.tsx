import type { Context } from 'hono';
import { can } from '../../../platform/access/access.js';
import { formatDate, formatDateTime, formatDecimal, formatNumber, formatRupiah, titleCase } from '../../../platform/format/format.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import type { Lang } from '../../../platform/i18n/i18n.js';
import { DashboardFrame, dashboardPath } from '../../monitoring/views/frame.js';
import { KIND_LABEL } from '../../regions/index.js';
import { SYSTEM_LABEL } from '../catalog.js';
import type { Cell, FilledRow, Source } from '../fill.js';
import type { ProfileDashboard } from '../figures.service.js';
import type { ManualState, VillageProfile } from '../profile.service.js';
import { PROFILE_TEXT, type ProfileWords } from './words.js';

export const GUIDE = 'profil-desa';
export const profilePath = (code: string) => `/desa/${code}/profil-desa`;

export type ProfileMsg = { ok?: string; error?: string; item?: string; value?: string };

/** A value as the page shows it: rupiah, a number with its own decimals, words, "< 5" for a hidden small count. */
export function cellText(cell: Cell | undefined, unit: string, words: boolean | undefined, lang: Lang, w: ProfileWords): string {
  if (!cell) return '';
  if (cell.mask === 'small') return '< 5';
  if (cell.mask === 'derived') return '–';
  if (cell.value === null) return w.none;
  if (words) return cell.value;
  if (unit === 'Rp') return formatRupiah(cell.value);
  const decimals = cell.value.split('.')[1]?.length ?? 0;
  return decimals ? formatDecimal(Number(cell.value), decimals, lang) : formatNumber(Number(cell.value), lang);
}

function SourceText({ c, source, code, state, w }: { c: Context<AppEnv>; source: Source; code: string; state: FilledRow['state']; w: ProfileWords }) {
  const lang = c.get('lang');
  const words = lang === 'en' ? source.en : source.id;
  if (state === 'todo') return <strong>{w.todo}</strong>;
  if (source.href && (!source.needs || can(c.get('ctx').actor, source.needs, code))) return <a href={source.href}>{words}</a>;
  return <>{words}</>;
}

/** What an input shows: what was just typed (a refused form), else the value saved, comma decimals. */
const inputValue = (m: ManualState, msg: ProfileMsg) =>
  msg.item === m.manual.key && msg.value !== undefined ? msg.value : m.typed ? (m.typed.value_text ?? (m.typed.value_number ?? '').replace('.', ',')) : '';

function ManualInput({ m, value, label, w }: { m: ManualState; value: string; label: string; w: ProfileWords }) {
  const man = m.manual;
  if (man.kind === 'choice') {
    return (
      <label>{label}
        <select name="nilai">
          <option value="">{w.choose}</option>
          {man.options.map((o) => <option value={o} selected={o === value}>{o}</option>)}
        </select>
      </label>
    );
  }
  if (man.kind === 'text') return <label>{label}<textarea name="nilai" maxlength={man.max} rows={2}>{value}</textarea></label>;
  return <label>{label}<input name="nilai" inputmode="decimal" maxlength={24} value={value} /></label>;
}

function ManualItem({ c, p, m, msg, w }: { c: Context<AppEnv>; p: VillageProfile; m: ManualState; msg: ProfileMsg; w: ProfileWords }) {
  const lang = c.get('lang');
  const codes = m.answers.map((a) => a.indicator.code).join(' / ');
  const label = `${codes} ${m.label}${m.unit ? ` (${m.unit})` : ''}`;
  const shown = m.typed
    ? cellText({ value: m.typed.value_text ?? m.typed.value_number }, m.unit, m.manual.kind !== 'number', lang, w)
    : null;
  return (
    <div class="card" id={`isian-${m.manual.key}`}>
      <p>
        <strong>{label}</strong><br />
        <small class="muted">{m.answers.map((a) => SYSTEM_LABEL[a.section.system]).filter((s, i, all) => all.indexOf(s) === i).join(' · ')}</small>
      </p>
      <p>{shown !== null
        ? <><strong>{shown}</strong>{' '}<small class="muted">{w.typedBy(m.typed!.entered_by_name, formatDateTime(m.typed!.entered_at, lang), m.typed!.revision)}</small></>
        : <strong>{w.notYet}</strong>}</p>
      {p.canWrite && (
        <form method="post" action={`${profilePath(p.village.village_code)}/isian`}>
          <Csrf c={c} />
          <input type="hidden" name="tahun" value={String(p.year)} />
          <input type="hidden" name="indikator" value={m.manual.key} />
          <input type="hidden" name="revisi" value={String(m.typed?.revision ?? 0)} />
          <ManualInput m={m} value={inputValue(m, msg)} label={`${w.value}${m.unit ? ` (${m.unit})` : ''}`} w={w} />
          <button type="submit">{m.typed ? w.correct : w.save}</button>
        </form>
      )}
    </div>
  );
}

/** /desa/<kode>/profil-desa: the items to type first, then every section as its ministry screen asks for it. */
export function ProfilePage({ c, p, msg = {} }: { c: Context<AppEnv>; p: VillageProfile; msg?: ProfileMsg }) {
  const lang = c.get('lang');
  const w = PROFILE_TEXT[lang];
  const code = p.village.village_code;
  const kind = KIND_LABEL[p.village.kind as keyof typeof KIND_LABEL]?.[lang] ?? '';
  const now = Number(p.today.slice(0, 4));
  const years = Array.from({ length: 6 }, (_, i) => now - i);
  const masked = p.sections.some((s) => s.rows.some((r) => r.value.mask || r.male?.mask || r.female?.mask));
  return (
    <Layout c={c} title={`${w.title} · ${kind} ${titleCase(p.village.name)}`} guide={GUIDE}>
      {msg.ok && <Notice kind="ok">{msg.ok === 'sama' ? w.unchanged : w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{w.intro}</p>
      <form method="get" action={profilePath(code)} class="stat-filter">
        <label>{w.year}
          <select name="tahun">{years.map((y) => <option value={String(y)} selected={y === p.year}>{y}</option>)}</select>
        </label>
        <button type="submit">{w.show}</button>
      </form>
      <p class="muted">{`${code} · ${w.year} ${p.year} · ${w.asOf} ${formatDate(p.asOf, lang)}`}</p>
      <p class="links"><a href={`${profilePath(code)}.xlsx?tahun=${p.year}`} download>{w.excel}</a></p>

      <section class="card" id="isian">
        <h2>{w.manualTitle}</h2>
        <p><strong>{w.filled(p.filled, p.manual.length)}</strong>{p.filled === p.manual.length && ` — ${w.complete}`}</p>
        <p class="muted">{p.canWrite ? w.manualIntro : w.readOnly}</p>
        {p.manual.map((m) => <ManualItem c={c} p={p} m={m} msg={msg} w={w} />)}
      </section>

      <nav aria-label={w.contents} class="stat-toc">
        {p.sections.map(({ section }) => <a href={`#${section.id}`}>{`${section.system === 'sdgs' ? 'SDGs' : 'Prodeskel'}: ${section.title}`}</a>)}
      </nav>
      {masked && <p class="muted">{w.smallCells}</p>}
      {p.sections.map(({ section, rows }) => (
        <section class="card" id={section.id}>
          <h2>{`${SYSTEM_LABEL[section.system]}: ${section.title}`}</h2>
          <p class="muted">{`${w.screen}: ${section.screen}`}</p>
          <DataTable aria-label={section.title}>
            <thead><tr><th>{w.code}</th><th>{w.indicator}</th><th class="num">{w.male}</th><th class="num">{w.female}</th><th class="num">{w.value}</th><th>{w.source}</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr id={r.group ? undefined : `i-${r.indicator}`}>
                  <td>{r.code}</td>
                  <td>{r.group ? `${r.group}: ${r.label}` : r.label}</td>
                  <td class="num">{cellText(r.male, r.unit, false, lang, w)}</td>
                  <td class="num">{cellText(r.female, r.unit, false, lang, w)}</td>
                  <td class="num">{r.state === 'todo' ? '' : `${cellText(r.value, r.unit, r.words, lang, w)}${r.unit && r.unit !== 'Rp' && r.value.value !== null ? ` ${r.unit}` : ''}`}</td>
                  <td>{r.state === 'todo' && p.canWrite ? <a href={`#isian-${r.manualKey}`}>{w.todo}</a> : <SourceText c={c} source={r.source} code={code} state={r.state} w={w} />}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </section>
      ))}
    </Layout>
  );
}

/** /pantau/<kode>/profil-desa: per child region, villages that started and completed their profile. */
export function ProfileFiguresPage({ c, d }: { c: Context<AppEnv>; d: ProfileDashboard }) {
  const lang = c.get('lang');
  const w = PROFILE_TEXT[lang];
  const n = (x: number) => formatNumber(x, lang);
  const query = `?tahun=${d.year}`;
  const village = d.scope.level === 4;
  return (
    <DashboardFrame c={c} scope={d.scope} tab="profil" guide={GUIDE} query={query}>
      <h2>{`${w.figuresTitle} ${d.year}`}</h2>
      <p>{w.figuresNote(d.items)}</p>
      {village && can(c.get('ctx').actor, 'profile.read', d.scope.code) && <p class="links"><a href={`${profilePath(d.scope.code)}?tahun=${d.year}`}>{w.openProfile}</a></p>}
      <DataTable aria-label={w.figuresTitle}>
        <thead><tr><th>{w.region}</th><th class="num">{w.villagesOn}</th><th class="num">{w.started}</th><th class="num">{w.completeCol}</th></tr></thead>
        <tbody>
          {d.rows.map((r) => (
            <tr>
              <td>{village ? titleCase(r.name) : <a href={`${dashboardPath(r.code, 'profil')}${query}`}>{titleCase(r.name)}</a>}</td>
              <td class="num">{n(r.activated)}</td><td class="num">{n(r.started)}</td><td class="num">{n(r.complete)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot><tr><th>{w.total}</th><td class="num">{n(d.totals.activated)}</td><td class="num">{n(d.totals.started)}</td><td class="num">{n(d.totals.complete)}</td></tr></tfoot>
      </DataTable>
    </DashboardFrame>
  );
}
