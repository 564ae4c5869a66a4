import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import { noStore } from '../../platform/http/download.js';
import type { AppEnv } from '../../platform/http/env.js';
import { AppError } from '../../platform/http/errors.js';
import { formFields } from '../../platform/http/forms.js';
import { idParam } from '../../platform/http/id-param.js';
import type { Router } from '../../platform/http/router.js';
import { t } from '../../platform/i18n/i18n.js';
import {
  boothCast, boothCheckToken, boothView, closeElection, closeStation, deskView, lookupVoter, openVoting, verifyElection, votingBoard,
} from './voting-day.service.js';
import { issueToken } from './voting.service.js';
import {
  BoardPage, BoothChoicePage, BoothConfirmPage, BoothReceiptPage, BoothTokenPage, DeskPage, electionBase, TokenCardPage, VerifyPage, type VotingMsg,
} from './views/voting-pages.js';

type Status = 200 | 400 | 404 | 409 | 429;
const statusOf = (s: number): Status => ([400, 404, 409, 429].includes(s) ? (s as Status) : 400);

/** A refusal the page explains beside its form; anything else (403, a bug) goes on to the error handler. */
function problem(c: Context<AppEnv>, err: unknown): { message: string; status: Status } {
  if (!(err instanceof AppError) || err.status === 401 || err.status === 403) throw err;
  return { message: t(c.get('lang'), err.key, err.params), status: statusOf(err.status) };
}

/**
 * Voting day (issue 20; docs/e-voting.md, docs/panduan/pilkades-tps.md):
 * - /desa/<kode>/pilkades/<id>/tps — the TPS, their counts; the committee opens the voting, closes each TPS and the election;
 * - /desa/<kode>/pilkades/<id>/tps/<sid> — the KPPS desk: a voter found by NIK, a one-time token printed;
 * - /desa/<kode>/pilkades/<id>/tps/<sid>/bilik — the booth (kiosk): token → candidates → confirmation → receipt;
 * - /desa/<kode>/pilkades/<id>/verifikasi — every TPS's ballot box checked (chain, signature, pool).
 * Tokens and serials travel in POST bodies only (never a URL, never a log line); the booth's steps
 * are POST answers rendered directly, so no address carries a voter's step.
 */
export function registerVotingPages(app: Router) {
  const read = access({ permission: 'election.read', scope: 'village' }, { login: '/masuk' });
  const manage = access({ permission: 'election.manage', scope: 'village' });
  const tps = access({ permission: 'election.tps', scope: 'village' }, { login: '/masuk' });
  const tpsPost = access({ permission: 'election.tps', scope: 'village' });
  const code = (c: Context<AppEnv>) => c.req.param('code')!;
  const id = (c: Context<AppEnv>) => c.req.param('id')!;
  const sid = (c: Context<AppEnv>) => c.req.param('sid')!;
  const E = '/desa/:code/pilkades/:id{[0-9]+}';
  const S = `${E}/tps/:sid{[0-9]+}`;

  // --- the TPS list and the committee's steps -----------------------------------------------------
  const board = async (c: Context<AppEnv>, msg: VotingMsg, status: Status = 200) => {
    noStore(c);
    return c.html(<BoardPage c={c} view={await votingBoard(c.get('ctx'), code(c), id(c))} msg={msg} />, status);
  };
  const okText = (c: Context<AppEnv>) => {
    const ok = c.req.query('ok');
    const lang = c.get('lang');
    const n = c.req.query('n') ?? '';
    const v = c.req.query('suara') ?? '';
    const num = (s: string) => (/^[0-9]{1,7}$/.test(s) ? Number(s) : 0);
    if (ok === 'buka') return t(lang, 'election.voting_opened', { count: num(n) });
    if (ok === 'tutup') return t(lang, 'election.station_closed_ok', { number: num(n), votes: num(v) });
    if (ok === 'selesai') return t(lang, 'election.election_closed_ok');
    return undefined;
  };
  app.get(`${E}/tps`, read, (c) => board(c, { ok: okText(c) }));
  const step = (path: string, run: (c: Context<AppEnv>) => Promise<string>) =>
    app.post(`${E}/${path}`, manage, async (c) => {
      await formFields(c);
      try {
        return c.redirect(`${electionBase(code(c), id(c))}/tps?${await run(c)}`, 303);
      } catch (err) {
        const p = problem(c, err);
        return board(c, { error: p.message }, p.status);
      }
    });
  step('buka-pemungutan', async (c) => `ok=buka&n=${(await openVoting(c.get('ctx'), code(c), id(c))).stations}`);
  step('tps/:sid{[0-9]+}/tutup', async (c) => {
    const r = await closeStation(c.get('ctx'), code(c), id(c), sid(c));
    return `ok=tutup&n=${r.number}&suara=${r.votes}`;
  });
  step('tutup-pemilihan', async (c) => {
    await closeElection(c.get('ctx'), code(c), id(c));
    return 'ok=selesai';
  });
  app.get(`${E}/verifikasi`, read, async (c) => {
    noStore(c);
    return c.html(<VerifyPage c={c} view={await verifyElection(c.get('ctx'), code(c), id(c))} />);
  });

  // --- the KPPS desk ---------------------------------------------------------------------------
  const desk = async (c: Context<AppEnv>, extra: { voter?: Awaited<ReturnType<typeof lookupVoter>>; nik?: string; msg?: VotingMsg } = {}, status: Status = 200) => {
    noStore(c);
    const view = await deskView(c.get('ctx'), code(c), id(c), sid(c));
    return c.html(<DeskPage c={c} view={view} voter={extra.voter} nik={extra.nik} msg={extra.msg ?? {}} />, status);
  };
  app.get(S, tps, (c) => desk(c));
  // The NIK is posted, never put in an address; the answer is the desk with the voter's card.
  app.post(`${S}/cari`, tpsPost, async (c) => {
    const f = await formFields(c);
    const nik = (f.nik ?? '').replace(/\s+/g, '');
    try {
      const voter = await lookupVoter(c.get('ctx'), code(c), id(c), sid(c), nik);
      return desk(c, { voter, nik });
    } catch (err) {
      const p = problem(c, err);
      return desk(c, { nik, msg: { error: p.message } }, p.status);
    }
  });
  // The token is shown once, on this answer (only its MAC is stored): printed, then the next voter.
  app.post(`${S}/token`, tpsPost, async (c) => {
    const f = await formFields(c);
    const nik = (f.nik ?? '').replace(/\s+/g, '');
    try {
      const { token } = await issueToken(c.get('ctx'), code(c), idParam(c), idParam(c, 'sid'), nik);
      noStore(c);
      const view = await deskView(c.get('ctx'), code(c), id(c), sid(c));
      return c.html(<TokenCardPage c={c} view={view} token={token} />);
    } catch (err) {
      const p = problem(c, err);
      return desk(c, { nik, msg: { error: p.message } }, p.status);
    }
  });

  // --- the booth ---------------------------------------------------------------------------------
  const booth = async (c: Context<AppEnv>) => {
    noStore(c);
    return boothView(c.get('ctx'), code(c), id(c), sid(c));
  };
  const tokenStep = async (c: Context<AppEnv>, msg: VotingMsg = {}, status: Status = 200) => c.html(<BoothTokenPage c={c} view={await booth(c)} msg={msg} />, status);
  app.get(`${S}/bilik`, tps, (c) => tokenStep(c));
  // Step 1 → 2: the token checked (and counted when wrong), then the candidates.
  app.post(`${S}/bilik`, tpsPost, async (c) => {
    const f = await formFields(c);
    try {
      await boothCheckToken(c.get('ctx'), code(c), id(c), sid(c), f.token);
      const view = await booth(c);
      return c.html(<BoothChoicePage c={c} view={view} token={(f.token ?? '').toUpperCase().replace(/[\s-]/g, '')} />);
    } catch (err) {
      const p = problem(c, err);
      return tokenStep(c, { error: p.message }, p.status);
    }
  });
  // Step 2 → 3: the choice shown back (nothing stored yet).
  app.post(`${S}/bilik/pilih`, tpsPost, async (c) => {
    const f = await formFields(c);
    const view = await booth(c);
    const chosen = view.candidates.find((k) => String(k.id) === f.candidate);
    const token = (f.token ?? '').toUpperCase().replace(/[\s-]/g, '');
    if (!view.open) return tokenStep(c, {}, 409);
    if (!chosen) return c.html(<BoothChoicePage c={c} view={view} token={token} msg={{ error: t(c.get('lang'), 'election.candidate_not_found', { field: 'candidate' }) }} />, 400);
    return c.html(<BoothConfirmPage c={c} view={view} token={token} candidate={chosen} />);
  });
  // Step 3 → 4: the vote cast; the receipt is this answer (no address carries the serial).
  app.post(`${S}/bilik/coblos`, tpsPost, async (c) => {
    const f = await formFields(c);
    try {
      const receipt = await boothCast(c.get('ctx'), code(c), id(c), sid(c), f.token, f.candidate);
      return c.html(<BoothReceiptPage c={c} view={await booth(c)} receipt={receipt} />);
    } catch (err) {
      const p = problem(c, err);
      return tokenStep(c, { error: p.message }, p.status);
    }
  });
}
