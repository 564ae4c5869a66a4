import type { Context } from 'hono';
import type { ElectionStatus } from '../../../platform/db/schema.js';
import { formatDate, formatNumber } from '../../../platform/format/format.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { areaPath } from '../../population/index.js';
import { STAGE_LABEL } from '../election-state.js';
import type { electionOverview, listElections } from '../setup.service.js';
import { SCHEDULE } from '../setup.service.js';
import type { committeeVoterList, ListRow, publicVoterList } from '../voter-lists.service.js';
import { dpsRules } from '../voter-lists.service.js';
import { SETUP_WORDS, type SetupWords } from './setup-words.js';

export type SetupMsg = { ok?: boolean; notice?: string; error?: string; values?: Record<string, string>; form?: string };
export const electionsBase = (code: string) => `/desa/${code}/pilkades`;
type Get = (k: string, d?: string) => string;

/** Links of the voting day (helper pages of voting.pages.tsx), shown on the overview once voting has begun. */
export const VOTING_DAY_LINKS = [
  { path: 'tps', words: 'tpsDesk' },
  { path: 'hasil', words: 'results' },
] as const;

const Messages = ({ msg, w }: { msg: SetupMsg; w: SetupWords }) => (
  <>
    {msg.ok && <Notice kind="ok">{msg.notice ?? w.saved}</Notice>}
    {msg.error && <Notice kind="error">{msg.error}</Notice>}
  </>
);

function ScheduleFields({ w, v }: { w: SetupWords; v: Get }) {
  return (
    <>
      <label>{w.electionTitle} *<input name="title" required minlength={5} maxlength={150} value={v('title')} /></label>
      <label>{w.decree} *<input name="committee_decree" required minlength={3} maxlength={100} value={v('committee_decree')} /></label>
      <fieldset>
        <legend>{w.schedule}</legend>
        {SCHEDULE.map((f) => <label>{w.dates[f]} *<input type="date" name={f} required value={v(f)} /></label>)}
      </fieldset>
    </>
  );
}

/** /desa/<kode>/pilkades: the village's elections; the committee creates one here. */
export function ElectionsPage({ c, view, msg }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof listElections>>; msg: SetupMsg }) {
  const lang = c.get('lang');
  const w = SETUP_WORDS[lang];
  const v: Get = (k, d = '') => msg.values?.[k] ?? d;
  return (
    <Layout c={c} title={w.titleLong} guide="pilkades-panitia">
      <Messages msg={msg} w={w} />
      <p>{w.intro}</p>
      {!view.manage && <p class="muted">{w.readOnly}</p>}
      {view.elections.length === 0 ? <p>{w.none}</p> : (
        <ul class="plain">
          {view.elections.map((e) => (
            <li class="card">
              <a href={`${electionsBase(view.village)}/${e.id}`}><strong>{e.title}</strong></a>
              <br /><span class="tag">{STAGE_LABEL[e.status][lang]}</span>
              {` · ${w.votingDay}: ${formatDate(e.voting_day, lang)} · ${w.decreeShort} ${e.committee_decree}`}
            </li>
          ))}
        </ul>
      )}
      {view.manage && (
        <details class="card" open={msg.form === 'create'}>
          <summary>{w.create}</summary>
          <form method="post" action={electionsBase(view.village)}>
            <Csrf c={c} />
            <ScheduleFields w={w} v={v} />
            <button type="submit">{w.save}</button>
          </form>
        </details>
      )}
      <p class="muted">{w.offline}</p>
    </Layout>
  );
}

type Overview = Awaited<ReturnType<typeof electionOverview>>;
type Areas = Overview['areas'];

function AreaChecks({ areas, checked, w }: { areas: Areas; checked: number[]; w: SetupWords }) {
  const sorted = [...areas].map((a) => ({ ...a, path: areaPath(areas, a.id) })).sort((a, b) => a.path.localeCompare(b.path, 'id'));
  return (
    <fieldset>
      <legend>{w.tpsAreas}</legend>
      <p><small>{w.tpsAreasHint}</small></p>
      {sorted.length === 0 ? <p class="muted">{w.noAreas}</p> : sorted.map((a) => (
        <label class="check"><input type="checkbox" name="tps_areas" value={String(a.id)} checked={checked.includes(a.id)} />{a.path}</label>
      ))}
    </fieldset>
  );
}

const stageOf = (s: ElectionStatus) => s;

/** /desa/<kode>/pilkades/<id>: the stage and schedule, TPS, candidates, and the steps the stage allows. */
export function OverviewPage({ c, view, msg }: { c: Context<AppEnv>; view: Overview; msg: SetupMsg }) {
  const lang = c.get('lang');
  const w = SETUP_WORDS[lang];
  const e = view.election;
  const base = `${electionsBase(view.village)}/${e.id}`;
  const setup = view.manage && stageOf(e.status) === 'setup';
  // Until the DPT is frozen, a disqualification recorded by mistake can be withdrawn.
  const listsOpen = view.manage && (e.status === 'setup' || e.status === 'dps');
  const sent = (form: string): Get => (k, d = '') => (msg.form === form ? msg.values?.[k] : undefined) ?? d;
  const current: Record<string, string> = { title: e.title, committee_decree: e.committee_decree, ...Object.fromEntries(SCHEDULE.map((f) => [f, e[f]])) };
  const rules = dpsRules(e);
  return (
    <Layout c={c} title={e.title} guide="pilkades-panitia">
      <Messages msg={msg} w={w} />
      <p class="links"><a href={electionsBase(view.village)}>{w.back}</a></p>
      <p><span class="tag">{`${w.stage}: ${STAGE_LABEL[e.status][lang]}`}</span>{` · ${w.decreeShort} ${e.committee_decree}`}</p>
      {!view.manage && <p class="muted">{w.readOnly}</p>}
      <section>
        <h2>{w.schedule}</h2>
        <dl>{SCHEDULE.map((f) => <><dt>{w.dates[f]}</dt><dd>{formatDate(e[f], lang)}</dd></>)}</dl>
        {setup && (
          <details class="card" open={msg.form === 'schedule'}>
            <summary>{w.editSchedule}</summary>
            <form method="post" action={`${base}/jadwal`}>
              <Csrf c={c} />
              <ScheduleFields w={w} v={(k, d = '') => sent('schedule')(k, current[k] ?? d)} />
              <button type="submit">{w.save}</button>
            </form>
          </details>
        )}
      </section>
      <section>
        <h2>{w.stations}</h2>
        {view.stations.length === 0 ? <p>{w.noStations}</p> : (
          <DataTable aria-label={w.stations}>
            <thead><tr><th>{w.tps}</th><th>{w.areas}</th><th>{w.voters}</th></tr></thead>
            <tbody>
              {view.stations.map((s) => (
                <tr>
                  <td><strong>{`TPS ${s.number}`}</strong><br /><small>{s.place}</small></td>
                  <td>{s.areaNames.length === 0 ? <span class="muted">{w.noAreas}</span> : s.areaNames.join('; ')}</td>
                  <td>{e.status === 'setup' ? '-' : formatNumber(s.voters, lang)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
        {setup && view.stations.map((s) => (
          <details class="card" open={msg.form === `station-${s.id}`}>
            <summary>{`${w.editStation} ${s.number}`}</summary>
            <form method="post" action={`${base}/atur-tps`}>
              <Csrf c={c} />
              <input type="hidden" name="station_id" value={String(s.id)} />
              <label>{w.tpsNumber} *<input name="tps_number" inputmode="numeric" required maxlength={2} value={sent(`station-${s.id}`)('tps_number', String(s.number))} /></label>
              <label>{w.tpsPlace} *<input name="tps_place" required minlength={3} maxlength={150} value={sent(`station-${s.id}`)('tps_place', s.place)} /></label>
              <AreaChecks areas={view.areas} checked={s.areaIds} w={w} />
              <button type="submit">{w.save}</button>
            </form>
          </details>
        ))}
        {setup && (
          <details class="card" open={msg.form === 'station'}>
            <summary>{w.addStation}</summary>
            <form method="post" action={`${base}/atur-tps`}>
              <Csrf c={c} />
              <label>{w.tpsNumber} *<input name="tps_number" inputmode="numeric" required maxlength={2} value={sent('station')('tps_number', String((view.stations.at(-1)?.number ?? 0) + 1))} /></label>
              <label>{w.tpsPlace} *<input name="tps_place" required minlength={3} maxlength={150} value={sent('station')('tps_place')} /></label>
              <AreaChecks areas={view.areas} checked={[]} w={w} />
              <button type="submit">{w.addStation}</button>
            </form>
          </details>
        )}
      </section>
      <section>
        <h2>{w.candidates}</h2>
        {view.candidates.length === 0 ? <p>{w.noCandidates}</p> : view.candidates.map((k) => (
          <article class="card">
            {k.has_photo ? <img class="photo" src={`${base}/calon/${k.id}/foto`} alt={k.name} width={120} /> : <p class="muted">{w.noPhoto}</p>}
            <h3>{`${k.number}. ${k.name}`}</h3>
            <p><strong>{w.vision}</strong></p><p class="pre-line">{k.vision}</p>
            <p><strong>{w.mission}</strong></p><p class="pre-line">{k.mission}</p>
            {setup && (
              <details open={msg.form === `candidate-${k.id}`}>
                <summary>{w.editCandidate}</summary>
                <CandidateForm c={c} w={w} action={`${base}/calon`} id={k.id} v={(f, d = '') => sent(`candidate-${k.id}`)(f, ({ candidate_number: String(k.number), candidate_name: k.name, vision: k.vision, mission: k.mission } as Record<string, string>)[f] ?? d)} />
              </details>
            )}
          </article>
        ))}
        {setup && view.candidates.length < 2 && <p class="muted">{w.needTwo}</p>}
        {setup && (
          <details class="card" open={msg.form === 'candidate'}>
            <summary>{w.addCandidate}</summary>
            <CandidateForm c={c} w={w} action={`${base}/calon`} id={null} v={(f, d = '') => sent('candidate')(f, f === 'candidate_number' ? String((view.candidates.at(-1)?.number ?? 0) + 1) : d)} />
          </details>
        )}
      </section>
      <section>
        <h2>{w.disqualified}</h2>
        {view.disqualified.length === 0 ? <p>{w.noDisqualified}</p> : (
          <ul>{view.disqualified.map((d) => d.withdrawn_at === null ? (
            <li>
              {`${d.name}: ${d.decision}`}
              {listsOpen && (
                <details open={msg.form === `withdraw-${d.resident_id}`}>
                  <summary>{w.withdraw}</summary>
                  <form method="post" action={`${base}/cabut-hak/batal`}>
                    <Csrf c={c} />
                    <input type="hidden" name="resident_id" value={String(d.resident_id)} />
                    <p><small>{e.status === 'dps' ? w.withdrawIntoDps : w.withdrawHint}</small></p>
                    <label>{w.withdrawalReason} *<input name="reason" required minlength={5} maxlength={200} value={sent(`withdraw-${d.resident_id}`)('reason')} /></label>
                    <button type="submit">{w.withdraw}</button>
                  </form>
                </details>
              )}
            </li>
          ) : (
            <li>
              <s>{`${d.name}: ${d.decision}`}</s>
              {` — ${w.withdrawn} ${formatDate(d.withdrawn_at, lang)}: ${d.withdrawal_reason ?? ''}`}
              {e.status !== 'setup' && <small>{` (${d.station_number === null ? w.notOnList : `${w.onList} ${d.station_number}`})`}</small>}
            </li>
          ))}</ul>
        )}
        {setup && (
          <details class="card" open={msg.form === 'disqualify'}>
            <summary>{w.addDisqualified}</summary>
            <form method="post" action={`${base}/cabut-hak`}>
              <Csrf c={c} />
              <label>{w.nik} *<input name="voter_nik" inputmode="numeric" required maxlength={16} autocomplete="off" value={sent('disqualify')('voter_nik')} /></label>
              <label>{w.courtDecision} *<input name="court_decision" required minlength={5} maxlength={200} value={sent('disqualify')('court_decision')} /></label>
              <button type="submit">{w.save}</button>
            </form>
          </details>
        )}
      </section>
      <section class="card">
        <h2>{w.rulesTitle}</h2>
        <ul>{w.rules.map((r) => <li>{r}</li>)}</ul>
        <p><small>{`${w.residentSince}: ${formatDate(rules.residentSince, lang)} · ${w.bornBy}: ${formatDate(rules.bornBy, lang)}`}</small></p>
        {setup && (
          <form method="post" action={`${base}/dps`}>
            <Csrf c={c} />
            <p>{w.makeDpsIntro}</p>
            <button type="submit">{w.makeDps}</button>
          </form>
        )}
        {e.status !== 'setup' && <p>{`${w.total}: ${formatNumber(view.voters, lang)}`}</p>}
        {view.manage && e.status === 'dps' && (
          <form method="post" action={`${base}/dpt`}>
            <Csrf c={c} />
            <p>{w.freezeIntro}</p>
            {view.openObjections > 0 && <p><strong>{`${view.openObjections} ${w.openObjections}`}</strong></p>}
            <button type="submit">{w.freeze}</button>
          </form>
        )}
      </section>
      <ul class="links">
        <li><a href={`${base}/pemilih`}>{w.lists}</a></li>
        {e.status !== 'setup' && <li><a href={`${base}/dps`}>{w.publicList}</a></li>}
        <li><a href="/panduan/pilkades-panitia">{w.guide}</a></li>
      </ul>
      {(e.status === 'voting' || e.status === 'closed') && (
        <section>
          <h2>{w.votingDaySection}</h2>
          <ul class="links">{VOTING_DAY_LINKS.map((l) => <li><a href={`${base}/${l.path}`}>{w[l.words]}</a></li>)}</ul>
        </section>
      )}
      <p class="muted">{w.offline}</p>
    </Layout>
  );
}

function CandidateForm({ c, w, action, id, v }: { c: Context<AppEnv>; w: SetupWords; action: string; id: number | null; v: Get }) {
  return (
    <form method="post" action={action} enctype="multipart/form-data">
      <Csrf c={c} />
      {id !== null && <input type="hidden" name="candidate_id" value={String(id)} />}
      <label>{w.candidateNumber} *<input name="candidate_number" inputmode="numeric" required maxlength={2} value={v('candidate_number')} /></label>
      <label>{w.candidateName} *<input name="candidate_name" required minlength={2} maxlength={100} value={v('candidate_name')} /></label>
      <label>{w.vision} *<textarea name="vision" required minlength={5} maxlength={2000} rows={3}>{v('vision')}</textarea></label>
      <label>{w.mission} *<textarea name="mission" required minlength={5} maxlength={4000} rows={5}>{v('mission')}</textarea></label>
      <label>{w.photo}<input type="file" name="candidate_photo" accept="image/jpeg,image/png,image/webp" /></label>
      {id !== null && <p><small>{w.photoKeep}</small></p>}
      <button type="submit">{w.save}</button>
    </form>
  );
}

const sexWord = (w: SetupWords, sex: number) => (sex === 1 ? w.male : sex === 2 ? w.female : '-');

function VoterTable({ w, rows, withStatus, lang }: { w: SetupWords; rows: ListRow[]; withStatus: boolean; lang: 'id' | 'en' }) {
  if (rows.length === 0) return <p>{w.emptyList}</p>;
  let n = 0;
  return (
    <DataTable aria-label={w.voters}>
      <thead><tr><th>{w.no}</th><th>{w.name}</th><th>NIK</th><th>{w.sex}</th><th>{w.age}</th>{withStatus && <th>{w.status}</th>}</tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <td>{r.listed ? formatNumber(++n, lang) : '-'}</td>
            <td>{r.listed ? r.name : <s>{r.name}</s>}</td>
            <td class="nik">{r.nik}</td>
            <td>{sexWord(w, r.sex)}</td>
            <td>{r.age === null ? '-' : String(r.age)}</td>
            {withStatus && <td>{!r.listed ? w.removed : r.source === 'objection' ? w.fromObjection : w.listed}</td>}
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

function TpsChooser({ w, action, stations, current }: { w: SetupWords; action: string; stations: { id: number; number: number; place: string; voters: number }[]; current: number | null }) {
  return (
    <form method="get" action={action} class="search">
      <label>{w.chooseTps}<select name="tps">
        {stations.map((s) => <option value={String(s.id)} selected={s.id === current}>{`TPS ${s.number} · ${s.place} (${s.voters})`}</option>)}
      </select></label>
      <button type="submit" class="secondary">{w.show}</button>
    </form>
  );
}

/** /desa/<kode>/pilkades/<id>/dps: the published list for everyone, one TPS at a time, print-friendly. */
export function PublicListPage({ c, view }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof publicVoterList>> }) {
  const lang = c.get('lang');
  const w = SETUP_WORDS[lang];
  const e = view.election;
  const frozen = e.status !== 'dps';
  const heading = frozen ? w.listTitleDpt : w.listTitleDps;
  return (
    <Layout c={c} title={`${heading} · ${view.villageName}`}>
      <p><strong>{e.title}</strong>{` · ${w.votingDay}: ${formatDate(e.voting_day, lang)}`}</p>
      <p>{frozen ? w.listIntroDpt : `${w.listIntro} ${formatDate(e.objections_to, lang)}.`}</p>
      {view.stations.length > 1 && <TpsChooser w={w} action={`${electionsBase(view.village)}/${e.id}/dps`} stations={view.stations} current={view.station?.id ?? null} />}
      {view.station && <h2>{`TPS ${view.station.number} · ${view.station.place}`}</h2>}
      {view.station && <p>{`${w.total}: ${formatNumber(view.stations.find((s) => s.id === view.station!.id)?.voters ?? 0, lang)}`}</p>}
      <VoterTable w={w} rows={view.rows} withStatus={false} lang={lang} />
      <p class="muted">{w.print}</p>
    </Layout>
  );
}

type Lists = Awaited<ReturnType<typeof committeeVoterList>>;

/** /desa/<kode>/pilkades/<id>/pemilih: the committee's lists per TPS and the objections with their decisions. */
export function CommitteeListPage({ c, view, msg }: { c: Context<AppEnv>; view: Lists; msg: SetupMsg }) {
  const lang = c.get('lang');
  const w = SETUP_WORDS[lang];
  const e = view.election;
  const base = `${electionsBase(view.village)}/${e.id}`;
  const open = view.manage && e.status === 'dps';
  const sent = (form: string): Get => (k, d = '') => (msg.form === form ? msg.values?.[k] : undefined) ?? d;
  return (
    <Layout c={c} title={`${w.lists} · ${e.title}`} guide="pilkades-panitia">
      <Messages msg={msg} w={w} />
      <p class="links"><a href={base}>{w.backElection}</a>{e.status !== 'setup' && <>{' · '}<a href={`${base}/dps`}>{w.publicList}</a></>}</p>
      <p><span class="tag">{`${w.stage}: ${STAGE_LABEL[e.status][lang]}`}</span></p>
      {e.status === 'setup' ? <p>{w.notYet}</p> : (
        <>
          {!open && e.status !== 'dps' && <p>{w.frozenNote}</p>}
          <p>{`${w.total}: ${formatNumber(view.total, lang)}`}</p>
          <TpsChooser w={w} action={`${base}/pemilih`} stations={view.stations} current={view.station?.id ?? null} />
          {view.station && <h2>{`TPS ${view.station.number} · ${view.station.place}`}</h2>}
          <VoterTable w={w} rows={view.rows} withStatus={true} lang={lang} />
        </>
      )}
      <section>
        <h2>{w.objections}</h2>
        {view.objections.length === 0 ? <p>{w.noObjections}</p> : view.objections.map((o) => (
          <article class="card">
            <p><strong>{`${w.kindShort[o.kind]}: ${o.name}`}</strong>{' '}<span class="nik">{o.nik}</span>{o.station_number !== null && ` → TPS ${o.station_number}`}</p>
            <p>{`${w.reason}: ${o.reason}`}<br /><small>{`${w.filedBy}: ${o.filed_by} · ${formatDate(o.recorded_at, lang)}`}</small></p>
            {o.decision ? (
              <p><span class="tag">{o.decision === 'accepted' ? w.accept : w.reject}</span>{` ${o.decision_note ?? ''} (${w.decidedBy} ${o.decided_by_name ?? '-'}${o.decided_at ? `, ${formatDate(o.decided_at, lang)}` : ''})`}</p>
            ) : open ? (
              <form method="post" action={`${base}/tanggapan/${o.id}/putusan`}>
                <Csrf c={c} />
                <label>{w.decide} *<select name="decision" required>
                  <option value="">{w.choose}</option>
                  <option value="accepted" selected={sent(`decide-${o.id}`)('decision') === 'accepted'}>{w.accept}</option>
                  <option value="rejected" selected={sent(`decide-${o.id}`)('decision') === 'rejected'}>{w.reject}</option>
                </select></label>
                <label>{w.decisionNote} *<input name="decision_note" required minlength={3} maxlength={500} value={sent(`decide-${o.id}`)('decision_note')} /></label>
                <button type="submit">{w.decide}</button>
              </form>
            ) : <p><span class="tag">{w.undecided}</span></p>}
          </article>
        ))}
        {open && (
          <details class="card" open={msg.form === 'objection'}>
            <summary>{w.fileObjection}</summary>
            <form method="post" action={`${base}/tanggapan`}>
              <Csrf c={c} />
              <label>{w.kind} *<select name="objection_kind" required>
                <option value="">{w.choose}</option>
                {(['remove', 'add', 'move'] as const).map((k) => <option value={k} selected={sent('objection')('objection_kind') === k}>{w.kinds[k]}</option>)}
              </select></label>
              <label>{w.nik} *<input name="voter_nik" inputmode="numeric" required maxlength={16} autocomplete="off" value={sent('objection')('voter_nik')} /></label>
              <label>{w.targetTps}<select name="tps_station">
                <option value="">{w.choose}</option>
                {view.stations.map((s) => <option value={String(s.id)} selected={sent('objection')('tps_station') === String(s.id)}>{`TPS ${s.number} · ${s.place}`}</option>)}
              </select></label>
              <label>{w.reason} *<input name="reason" required minlength={5} maxlength={500} value={sent('objection')('reason')} /></label>
              <label>{w.filedBy} *<input name="filed_by" required minlength={2} maxlength={100} value={sent('objection')('filed_by')} /></label>
              <button type="submit">{w.save}</button>
            </form>
          </details>
        )}
        {open && (
          <form method="post" action={`${base}/dpt`} class="card">
            <Csrf c={c} />
            <p>{w.freezeIntro}</p>
            <button type="submit">{w.freeze}</button>
          </form>
        )}
      </section>
    </Layout>
  );
}
