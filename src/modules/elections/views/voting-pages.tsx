import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { can } from '../../../platform/access/access.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { assetUrl } from '../../../platform/http/static-files.js';
import { Document } from '../../../platform/http/views/document.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDateTime } from '../../../platform/format/format.js';
import { STAGE_LABEL } from '../election-state.js';
import type { boothView, deskView, lookupVoter, verifyElection, votingBoard } from '../voting-day.service.js';
import { fill, VOTING_WORDS } from './voting-words.js';

/**
 * Voting day's pages: the TPS list with the committee's buttons, the KPPS desk and its token
 * card, the booth (kiosk: no menu, large type, back to the start on its own), the verification.
 * No page puts a token or a ballot serial in a URL: they travel in POST bodies only.
 */
export type VotingMsg = { ok?: string; error?: string };
export const electionBase = (code: string, id: number | string) => `/desa/${code}/pilkades/${id}`;
/** Seconds a receipt stays on the booth's screen before it goes back to the token step. */
export const RECEIPT_SECONDS = 20;
/** Seconds the booth waits on a voter's step before it goes back to the token step. */
export const BOOTH_IDLE_SECONDS = 180;

const words = (c: Context<AppEnv>) => VOTING_WORDS[c.get('lang') === 'en' ? 'en' : 'id'];
const Messages = ({ msg }: { msg: VotingMsg }) => (
  <>
    {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
    {msg.error && <Notice kind="error">{msg.error}</Notice>}
  </>
);

/** /desa/<kode>/pilkades/<id>/tps: the TPS of the day, links for the KPPS, the committee's buttons. */
export function BoardPage({ c, view, msg }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof votingBoard>>; msg: VotingMsg }) {
  const w = words(c);
  const lang = c.get('lang') === 'en' ? 'en' : 'id';
  const actor = c.get('ctx').actor;
  const manage = !!actor && can(actor, 'election.manage');
  const tps = !!actor && can(actor, 'election.tps');
  const base = electionBase(view.village, view.election.id);
  const e = view.election;
  const allClosed = view.stations.length > 0 && view.stations.every((s) => s.closedAt);
  return (
    <Layout c={c} title={`${w.board} · ${e.title}`} guide="pilkades-tps">
      <p class="crumbs"><a href={base}>{w.back}</a></p>
      <Messages msg={msg} />
      <p>{w.stage}: <strong>{STAGE_LABEL[e.status][lang]}</strong></p>
      <p class="muted">{w.boardIntro}</p>
      <p class="notice warn">{w.serverNeeded}</p>
      {manage && e.status === 'dpt' && (
        <form method="post" action={`${base}/buka-pemungutan`} class="card">
          <Csrf c={c} />
          <label class="check"><input type="checkbox" name="sure" value="1" required /> {w.openSure}</label>
          <button type="submit">{w.openVoting}</button>
        </form>
      )}
      <div class="table-cards">
        <table>
          <thead><tr><th>{w.tps}</th><th>{w.place}</th><th class="num">{w.dpt}</th><th class="num">{w.took}</th><th>{w.state}</th><th></th></tr></thead>
          <tbody>
            {view.stations.map((s) => (
              <tr>
                <td data-label={w.tps}><strong>{s.number}</strong></td>
                <td data-label={w.place}>{s.place}</td>
                <td class="num" data-label={w.dpt}>{s.registered}</td>
                <td class="num" data-label={w.took}>{s.took}</td>
                <td data-label={w.state}>{s.closedAt ? fill(w.closedAt, { time: formatDateTime(s.closedAt, lang) }) : e.status === 'voting' ? w.open : w.notOpen}</td>
                <td>
                  {tps && e.status === 'voting' && !s.closedAt && (
                    <>
                      <a class="button" href={`${base}/tps/${s.id}`}>{w.desk}</a>{' '}
                      <a class="button secondary" href={`${base}/tps/${s.id}/bilik`}>{w.booth}</a>
                    </>
                  )}
                  {manage && e.status === 'voting' && !s.closedAt && (
                    <form method="post" action={`${base}/tps/${s.id}/tutup`}>
                      <Csrf c={c} />
                      <label class="check"><input type="checkbox" name="sure" value="1" required /> {fill(w.closeSure, { number: s.number })}</label>
                      <button type="submit" class="secondary">{fill(w.closeStation, { number: s.number })}</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {manage && e.status === 'voting' && (
        <form method="post" action={`${base}/tutup-pemilihan`} class="card">
          <Csrf c={c} />
          <p class="muted">{w.closeElectionHint}</p>
          <button type="submit" disabled={!allClosed}>{w.closeElection}</button>
        </form>
      )}
      <ul class="plain">
        {(e.status === 'voting' || e.status === 'closed') && <li><a href={`${base}/verifikasi`}>{w.verify}</a></li>}
        {(e.status === 'voting' || e.status === 'closed') && <li><a href={`${base}/hasil`}>{w.results}</a></li>}
      </ul>
    </Layout>
  );
}

type Desk = Awaited<ReturnType<typeof deskView>>;
type Voter = Awaited<ReturnType<typeof lookupVoter>>;

/** /desa/<kode>/pilkades/<id>/tps/<sid>: the KPPS desk, with the voter found (when one was). */
export function DeskPage({ c, view, voter, nik, msg }: { c: Context<AppEnv>; view: Desk; voter?: Voter; nik?: string; msg: VotingMsg }) {
  const w = words(c);
  const base = `${electionBase(view.village, view.election.id)}/tps/${view.station.id}`;
  const open = view.election.status === 'voting' && !view.station.closedAt;
  return (
    <Layout c={c} title={fill(w.deskTitle, { number: view.station.number })} guide="pilkades-tps">
      <p class="crumbs"><a href={`${electionBase(view.village, view.election.id)}/tps`}>{w.board}</a></p>
      <p>{view.election.title} · {view.station.place}</p>
      <p class="muted">{fill(w.counts, { registered: view.registered, took: view.took })}</p>
      <Messages msg={msg} />
      {!open ? <p class="notice warn">{view.station.closedAt ? w.stationClosed : w.notVoting}</p> : (
        <>
          {voter && (
            <section class="card" aria-label={w.voter}>
              <dl>
                <dt>{w.name}</dt><dd><strong class="big">{voter.name}</strong></dd>
                <dt>{w.maskedNik}</dt><dd class="mono">{voter.maskedNik}</dd>
                <dt>{w.age}</dt><dd>{voter.age === null ? '–' : fill(w.ageYears, { n: voter.age })}</dd>
                <dt>{w.station}</dt><dd>{voter.stationNumber}</dd>
              </dl>
              {!voter.here ? <Notice kind="error">{fill(w.otherStation, { number: voter.stationNumber })}</Notice>
                : voter.tookToken ? <Notice kind="error">{w.alreadyTook}</Notice>
                : (
                  <form method="post" action={`${base}/token`}>
                    <Csrf c={c} />
                    <input type="hidden" name="nik" value={nik ?? ''} />
                    <button type="submit" class="huge">{w.giveToken}</button>
                  </form>
                )}
            </section>
          )}
          <form method="post" action={`${base}/cari`} autocomplete="off" class="narrow">
            <Csrf c={c} />
            <label>{w.nik}<input name="nik" inputmode="numeric" maxlength={24} required autofocus value={voter ? '' : nik ?? ''} aria-invalid={msg.error ? 'true' : undefined} /></label>
            <button type="submit">{w.find}</button>
          </form>
          <p><a href={`${base}/bilik`}>{w.booth}</a></p>
        </>
      )}
    </Layout>
  );
}

/** The printable token card: the code big, the TPS; no name, no NIK. */
export function TokenCardPage({ c, view, token }: { c: Context<AppEnv>; view: Desk; token: string }) {
  const w = words(c);
  const base = `${electionBase(view.village, view.election.id)}/tps/${view.station.id}`;
  return (
    <Document lang={c.get('lang')} title={`${w.tokenTitle} · TPS ${view.station.number}`} bodyClass="kiosk" head={<script src={assetUrl('kiosk.js')} defer></script>}>
      <main>
        <div class="ticket">
          <p>{w.tokenTitle}</p>
          <p class="pin-once mono" aria-label={w.tokenTitle}>{token}</p>
          <p>{fill(w.tokenFor, { number: view.station.number, title: view.election.title })}</p>
          <p class="token-how">{fill(w.tokenHow, { number: view.station.number })}</p>
        </div>
        <div class="kiosk-actions">
          <a class="button secondary" href={base}>{w.nextVoter}</a>
          <button type="button" data-print="1">{w.printToken}</button>
        </div>
      </main>
    </Document>
  );
}

type Booth = Awaited<ReturnType<typeof boothView>>;

/** The booth's frame: full screen, large type, no menu, no way out but its own steps. */
function BoothLayout({ c, view, children, refresh }: { c: Context<AppEnv>; view: Booth; children?: Child; refresh?: number }) {
  const w = words(c);
  const start = `${electionBase(view.village, view.election.id)}/tps/${view.station.id}/bilik`;
  return (
    <Document lang={c.get('lang')} title={`${fill(w.boothTitle, { number: view.station.number })} · Balai`} bodyClass="kiosk booth"
      head={<><meta http-equiv="refresh" content={`${refresh ?? BOOTH_IDLE_SECONDS};url=${start}`} /><script src={assetUrl('kiosk.js')} defer></script></>}>
      <header class="kiosk-head"><strong>{view.election.title}</strong> · {fill(w.boothTitle, { number: view.station.number })}</header>
      <main>{children}</main>
    </Document>
  );
}

const boothBase = (view: Booth) => `${electionBase(view.village, view.election.id)}/tps/${view.station.id}/bilik`;

/** Step 1: the token. */
export function BoothTokenPage({ c, view, msg }: { c: Context<AppEnv>; view: Booth; msg: VotingMsg }) {
  const w = words(c);
  return (
    <BoothLayout c={c} view={view}>
      {!view.open ? <p class="notice warn big">{w.boothClosed}</p> : (
        <>
          <h1>{w.step1}</h1>
          <Messages msg={msg} />
          <form method="post" action={boothBase(view)} autocomplete="off">
            <Csrf c={c} />
            <label>{w.tokenField}
              <input name="token" class="token-input mono" required maxlength={12} autofocus autocapitalize="characters" autocomplete="off" spellcheck={false} aria-invalid={msg.error ? 'true' : undefined} />
            </label>
            <div class="kiosk-actions"><span></span><button type="submit" class="huge">{w.next}</button></div>
          </form>
        </>
      )}
    </BoothLayout>
  );
}

const Portrait = ({ c, view, candidate }: { c: Context<AppEnv>; view: Booth; candidate: Booth['candidates'][number] }) =>
  candidate.hasPhoto
    ? <img class="ballot-photo" src={`${electionBase(view.village, view.election.id)}/calon/${candidate.id}/foto`} alt={candidate.name} width="240" height="300" />
    : <span class="ballot-photo ballot-nophoto" aria-hidden="true">{candidate.number}</span>;

/** Step 2: the candidates, large, each one a button (the token rides along in a hidden field). */
export function BoothChoicePage({ c, view, token, msg }: { c: Context<AppEnv>; view: Booth; token: string; msg?: VotingMsg }) {
  const w = words(c);
  return (
    <BoothLayout c={c} view={view}>
      <h1>{w.step2}</h1>
      {msg && <Messages msg={msg} />}
      <form method="post" action={`${boothBase(view)}/pilih`} autocomplete="off">
        <Csrf c={c} />
        <input type="hidden" name="token" value={token} />
        <div class="ballot">
          {view.candidates.map((k) => (
            <button type="submit" name="candidate" value={String(k.id)} class="ballot-card">
              <Portrait c={c} view={view} candidate={k} />
              <span class="ballot-number">{k.number}</span>
              <span class="ballot-name">{k.name}</span>
            </button>
          ))}
        </div>
      </form>
    </BoothLayout>
  );
}

/** Step 3: the choice shown back; yes casts, back returns to the candidates. */
export function BoothConfirmPage({ c, view, token, candidate }: { c: Context<AppEnv>; view: Booth; token: string; candidate: Booth['candidates'][number] }) {
  const w = words(c);
  return (
    <BoothLayout c={c} view={view}>
      <h1>{w.step3}</h1>
      <div class="ballot-chosen">
        <Portrait c={c} view={view} candidate={candidate} />
        <p class="big"><strong>{fill(w.youChose, { number: candidate.number, name: candidate.name })}</strong></p>
      </div>
      <div class="kiosk-actions">
        <form method="post" action={boothBase(view)} autocomplete="off">
          <Csrf c={c} />
          <input type="hidden" name="token" value={token} />
          <button type="submit" class="huge secondary">{w.change}</button>
        </form>
        <form method="post" action={`${boothBase(view)}/coblos`} autocomplete="off">
          <Csrf c={c} />
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="candidate" value={String(candidate.id)} />
          <button type="submit" class="huge">{w.yes}</button>
        </form>
      </div>
    </BoothLayout>
  );
}

/** Step 4: the receipt (choice and serial, nothing of the voter), printable; back to step 1 on its own. */
export function BoothReceiptPage({ c, view, receipt }: { c: Context<AppEnv>; view: Booth; receipt: { serial: string; candidate: { number: number; name: string }; stationNumber: number } }) {
  const w = words(c);
  const serial = receipt.serial.replace(/(.{4})(?=.)/g, '$1-');
  return (
    <BoothLayout c={c} view={view} refresh={RECEIPT_SECONDS}>
      <p class="notice ok big" role="status">{w.thanks}</p>
      <div class="ticket receipt" data-autoprint="1">
        <p><strong>{w.receipt}</strong><br />{view.election.title} · TPS {receipt.stationNumber}</p>
        <p>{w.receiptChoice}: <strong>{fill(w.candidateNo, { number: receipt.candidate.number })} {receipt.candidate.name}</strong></p>
        <p>{w.serial}:<br /><strong class="mono">{serial}</strong></p>
      </div>
      <p>{w.receiptHow}</p>
      <div class="kiosk-actions">
        <a class="button secondary huge" href={boothBase(view)}>{w.done}</a>
        <button type="button" class="huge" data-print="1">{w.printReceipt}</button>
      </div>
    </BoothLayout>
  );
}

/** /desa/<kode>/pilkades/<id>/verifikasi: every TPS's chain, signature and pool. */
export function VerifyPage({ c, view }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof verifyElection>> }) {
  const w = words(c);
  const base = electionBase(view.village, view.election.id);
  const problem = (p: string) => w.problems[p] ?? p;
  return (
    <Layout c={c} title={`${w.verifyTitle} · ${view.election.title}`} guide="pilkades-tps">
      <p class="crumbs"><a href={`${base}/tps`}>{w.board}</a></p>
      <p class="muted">{w.verifyIntro}</p>
      {view.ok ? <Notice kind="ok">{w.allOk}</Notice> : (
        <>
          <Notice kind="error">{w.someBroken}</Notice>
          <ul>
            {view.stations.filter((s) => s.broken).map((s) => <li><strong>{fill(w.brokenAt, { number: s.number, position: s.broken!.position, problem: problem(s.broken!.problem) })}</strong></li>)}
          </ul>
        </>
      )}
      <div class="table-cards">
        <table>
          <thead><tr><th>{w.tps}</th><th class="num">{w.votes}</th><th>{w.chain}</th><th>{w.signature}</th><th>{w.pool}</th></tr></thead>
          <tbody>
            {view.stations.map((s) => (
              <tr>
                <td data-label={w.tps}><strong>{s.number}</strong> {s.place}</td>
                <td class="num" data-label={w.votes}>{s.votes}</td>
                <td data-label={w.chain}>{s.broken ? <strong>{fill(w.chainBroken, { position: s.broken.position, problem: problem(s.broken.problem) })}</strong> : w.chainOk}</td>
                <td data-label={w.signature}>{s.signature === 'valid' ? w.sigValid : s.signature === 'invalid' ? <strong>{w.sigInvalid}</strong> : w.sigOpen}</td>
                <td data-label={w.pool}>{s.pool === 'intact' ? w.poolIntact : s.pool === 'tampered' ? <strong>{w.poolTampered}</strong> : w.poolSealed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
