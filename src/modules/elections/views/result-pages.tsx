import type { Context } from 'hono';
import { can } from '../../../platform/access/access.js';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../../../platform/format/format.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import type { Lang } from '../../../platform/i18n/i18n.js';
import type { ElectionCount, UnpublishedCount, WinnerDecision } from '../count.service.js';
import { STAGE_LABEL } from '../election-state.js';
import type { RecountComparison, RecountEntry } from '../recount.service.js';
import { fillIn, RESULT_WORDS, type ResultWords } from './result-words.js';

export const electionBase = (code: string, id: number) => `/desa/${code}/pilkades/${id}`;

export function winnerText(w: WinnerDecision, words: ResultWords): string {
  const tied = w.kind === 'tie_largest_tps' || w.kind === 'undecided' ? w.tied.map((c) => `${words.candidateNo} ${c.number}, ${c.name}`).join('; ') : '';
  switch (w.kind) {
    case 'none': return words.noWinner;
    case 'most': return fillIn(words.most, { number: w.candidate.number, name: w.candidate.name });
    case 'tie_largest_tps': return fillIn(words.tieLargest, { tied, station: w.station, number: w.candidate.number, name: w.candidate.name });
    case 'undecided': return fillIn(w.reason === 'tps_size_tie' ? words.undecidedSize : words.undecidedStill, { tied, station: w.station ?? '' });
  }
}

/** The latest recount of each TPS beside its electronic count. */
function RecountTables({ comparison, words, lang }: { comparison: RecountComparison[]; words: ResultWords; lang: Lang }) {
  const n = (x: number) => formatNumber(x, lang);
  if (comparison.length === 0) return <p>{words.recountNone}</p>;
  return (
    <>
      {comparison.map((r) => (
        <section class="card" id={`hitung-ulang-tps-${r.station}`}>
          <h3>{`${words.tps} ${r.station}: ${r.matches ? words.matches : words.differs}`}</h3>
          <DataTable aria-label={`${words.recount} ${words.tps} ${r.station}`}>
            <thead><tr><th>{words.candidateNo}</th><th class="num">{words.electronic}</th><th class="num">{words.paper}</th><th class="num">{words.difference}</th></tr></thead>
            <tbody>
              {r.rows.map((x) => (
                <tr><td>{`${x.candidate.number}. ${x.candidate.name}`}</td><td class="num">{n(x.electronic)}</td><td class="num">{n(x.paper)}</td><td class="num">{x.difference > 0 ? `+${n(x.difference)}` : n(x.difference)}</td></tr>
              ))}
              <tr><td>{words.unreadable}</td><td class="num">—</td><td class="num">{n(r.latest.unreadable)}</td><td class="num">{r.latest.unreadable ? `+${n(r.latest.unreadable)}` : '0'}</td></tr>
              <tr><th>{words.total}</th><td class="num">{n(r.electronicTotal)}</td><td class="num">{n(r.paperTotal)}</td><td class="num">{n(r.paperTotal - r.electronicTotal)}</td></tr>
            </tbody>
          </DataTable>
          <p><small>{`${formatDateTime(r.latest.enteredAt, lang)}${r.corrected ? ` · ${fillIn(words.correctedTimes, { n: r.corrected })}` : ''}${r.latest.note ? ` · ${words.note}: ${r.latest.note}` : ''}`}</small></p>
        </section>
      ))}
    </>
  );
}

/** /desa/<kode>/pilkades/<id>/hasil: the public results once closed; the committee's running count before. */
export function ResultsPage({ c, view, comparison }: { c: Context<AppEnv>; view: ElectionCount | UnpublishedCount; comparison: RecountComparison[] }) {
  const lang = c.get('lang');
  const w = RESULT_WORDS[lang];
  const n = (x: number) => formatNumber(x, lang);
  const title = `${w.results}: ${view.election.title}`;
  const code = view.village.code;
  const base = electionBase(code, view.election.id);
  const actor = c.get('ctx').actor;
  if (!view.published) {
    return (
      <Layout c={c} title={title} guide="pilkades-hasil">
        <p class="muted">{view.village.name}</p>
        <Notice kind="warn">{w.notPublished}</Notice>
        <p>{`${w.stage}: ${STAGE_LABEL[view.election.status][lang]} · ${w.votingDay}: ${formatDate(view.election.votingDay, lang)}`}</p>
      </Layout>
    );
  }
  const t = view.totals;
  const reader = can(actor, 'election.read', code);
  const manager = can(actor, 'election.manage', code);
  return (
    <Layout c={c} title={title} guide="pilkades-hasil">
      <p class="muted">{`${view.village.name} · ${w.votingDay}: ${formatDate(view.election.votingDay, lang)}`}</p>
      {view.final ? <Notice kind="ok">{w.final}</Notice> : <Notice kind="warn">{fillIn(w.provisional, { closed: t.stationsClosed, all: t.stations })}</Notice>}
      {(reader || manager) && (
        <p class="links no-print">
          {reader && <a href={`${base}`}>{w.back}</a>}
          {(view.final || manager) && <>{' · '}<a href={`${base}/berita-acara.pdf`}>{w.beritaAcaraTotal}</a></>}
          {manager && <>{' · '}<a href={`${base}/hitung-ulang`}>{w.recountPage}</a></>}
        </p>
      )}
      <table class="kv">
        <tbody>
          <tr><th>{w.registered}</th><td class="num">{n(t.registered)}</td></tr>
          <tr><th>{w.voted}</th><td class="num">{n(t.voted)}</td></tr>
          <tr><th>{w.turnout}</th><td class="num">{formatPercent(t.voted, t.registered, lang)}</td></tr>
          <tr><th>{w.cast}</th><td class="num">{n(t.cast)}</td></tr>
          {t.voted !== t.cast && <tr><th>{w.unused}</th><td class="num">{n(t.voted - t.cast)}</td></tr>}
        </tbody>
      </table>

      <h2>{w.candidates}</h2>
      <ul class="vote-bars">
        {view.candidates.map((cand) => {
          const v = t.votes[String(cand.id)] ?? 0;
          const label = `${w.candidateNo} ${cand.number} · ${cand.name}: ${n(v)} ${w.votes} (${formatPercent(v, t.cast, lang)})`;
          return (
            <li>
              <span>{label}</span>
              <progress max={Math.max(1, t.cast)} value={v} aria-label={label}>{label}</progress>
            </li>
          );
        })}
      </ul>
      {view.final && (
        <section class="card">
          <h2>{view.winner.kind === 'tie_largest_tps' || view.winner.kind === 'undecided' ? `${w.winner} · ${w.tieRule}` : w.winner}</h2>
          <p>{winnerText(view.winner, w)}</p>
        </section>
      )}

      <h2>{w.perStation}</h2>
      <DataTable aria-label={w.perStation}>
        <thead>
          <tr>
            <th>{w.tps}</th><th class="num">{w.registered}</th><th class="num">{w.voted}</th><th class="num">{w.turnout}</th>
            {view.candidates.map((cand) => <th class="num">{fillIn(w.candidateShort, { number: cand.number })}</th>)}
            <th class="num">{w.total}</th><th>{w.signature}</th>
          </tr>
        </thead>
        <tbody>
          {view.stations.map((s) => (
            <tr>
              <td>{reader && s.closed ? <a href={`${base}/berita-acara/${s.id}.pdf`}>{`${w.tps} ${s.number} · ${s.place}`}</a> : `${w.tps} ${s.number} · ${s.place}`}</td>
              <td class="num">{n(s.registered)}</td><td class="num">{n(s.voted)}</td><td class="num">{formatPercent(s.voted, s.registered, lang)}</td>
              {view.candidates.map((cand) => <td class="num">{s.closed ? n(s.votes[String(cand.id)] ?? 0) : '—'}</td>)}
              <td class="num">{s.closed ? n(s.cast) : w.open}</td>
              <td>{s.signature === 'valid' ? w.sigValid : s.signature === 'invalid' ? w.sigInvalid : w.sigOpen}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>

      <h2>{w.checks}</h2>
      <p>{w.checksIntro}</p>
      {view.stations.filter((s) => s.closed).map((s) => (
        <section class="card" id={`tps-${s.number}`}>
          <h3>{`${w.tps} ${s.number} · ${s.place}`}</h3>
          <p>{`${w.head}:`}<br /><code class="hash">{s.head ?? ''}</code></p>
          <p>{`${w.signature}: ${s.signature === 'valid' ? w.sigValid : w.sigInvalid}`}</p>
          {s.statement && <p>{`${w.statement}:`}<br /><code class="hash">{s.statement}</code></p>}
          {s.signatureText && <p>{`${w.signatureValue}:`}<br /><code class="hash">{s.signatureText}</code></p>}
          <p>{`${w.chain}: ${s.chain === 'intact' ? w.chainIntact : w.chainBroken}${s.brokenAt ? ` (${fillIn(w.brokenAt, { position: s.brokenAt })})` : ''}`}</p>
          {s.closedAt && <p><small>{`${w.closedAt}: ${formatDateTime(s.closedAt, lang)}`}</small></p>}
        </section>
      ))}
      <h3>{w.publicKey}</h3>
      <p><small>{w.publicKeyIntro}</small></p>
      <pre class="key">{view.publicKey.trim()}</pre>

      <h2>{w.recount}</h2>
      <p>{w.recountIntro}</p>
      <RecountTables comparison={comparison} words={w} lang={lang} />
      <p><a href="/panduan/pilkades-hasil">{w.guide}</a></p>
    </Layout>
  );
}

export type RecountMsg = { ok?: boolean; error?: string; values?: Record<string, string>; station?: string };

/** /desa/<kode>/pilkades/<id>/hitung-ulang: the committee records the paper recount of each closed TPS. */
export function RecountPage({ c, count, entries, comparison, msg }: { c: Context<AppEnv>; count: ElectionCount; entries: RecountEntry[]; comparison: RecountComparison[]; msg: RecountMsg }) {
  const lang = c.get('lang');
  const w = RESULT_WORDS[lang];
  const code = count.village.code;
  const base = electionBase(code, count.election.id);
  const closed = count.stations.filter((s) => s.closed);
  const v = (k: string) => msg.values?.[k] ?? '';
  const stationOfEntry = (e: RecountEntry) => count.stations.find((s) => s.id === e.stationId)?.number ?? '?';
  return (
    <Layout c={c} title={`${w.recountTitle}: ${count.election.title}`} guide="pilkades-hasil">
      {msg.ok && <Notice kind="ok">{w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p class="links"><a href={base}>{w.back}</a>{' · '}<a href={`${base}/hasil`}>{w.publicPage}</a></p>
      <p>{w.recountFormIntro}</p>
      {closed.length === 0 && <p>{w.noClosed}</p>}
      {closed.map((s) => (
        <details class="card" open={msg.station === String(s.id)}>
          <summary>{`${fillIn(w.enterRecount, { number: s.number })} (${w.electronicCount}: ${formatNumber(s.cast, lang)})`}</summary>
          <form method="post" action={`${base}/hitung-ulang`}>
            <Csrf c={c} />
            <input type="hidden" name="station" value={String(s.id)} />
            {count.candidates.map((cand) => (
              <label>{fillIn(w.votesFor, { number: cand.number, name: cand.name })} *
                <input name={`c${cand.id}`} inputmode="numeric" required maxlength={7} autocomplete="off" value={msg.station === String(s.id) ? v(`c${cand.id}`) : ''} />
              </label>
            ))}
            <label>{w.unreadableField}<input name="unreadable" inputmode="numeric" maxlength={7} autocomplete="off" value={msg.station === String(s.id) ? v('unreadable') : ''} /></label>
            <label>{w.noteField}<textarea name="note" maxlength={500} rows={2}>{msg.station === String(s.id) ? v('note') : ''}</textarea></label>
            <button type="submit">{w.save}</button>
          </form>
        </details>
      ))}
      <h2>{w.recount}</h2>
      <RecountTables comparison={comparison} words={w} lang={lang} />
      {entries.length > 0 && (
        <>
          <h2>{w.history}</h2>
          <DataTable aria-label={w.history}>
            <thead><tr><th>{w.tps}</th><th>{w.enteredAt}</th><th>{w.paper}</th><th class="num">{w.unreadable}</th><th>{w.enteredBy}</th><th>{w.note}</th></tr></thead>
            <tbody>
              {entries.map((e) => (
                <tr>
                  <td>{`${w.tps} ${stationOfEntry(e)}`}</td>
                  <td>{formatDateTime(e.enteredAt, lang)}</td>
                  <td>{count.candidates.map((cand) => `${cand.number}: ${formatNumber(e.counts[String(cand.id)] ?? 0, lang)}`).join(' · ')}</td>
                  <td class="num">{formatNumber(e.unreadable, lang)}</td>
                  <td>{e.enteredBy}</td>
                  <td>{e.note}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </>
      )}
    </Layout>
  );
}
