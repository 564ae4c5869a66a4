import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import { noStore, privateFile } from '../../platform/http/download.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import { idParam, IdPathParam } from '../../platform/http/id-param.js';
import { jsonSafe } from '../../platform/http/json-safe.js';
import { errorResponse, jsonResponse } from '../../platform/http/openapi.js';
import { publicOrigin } from '../../platform/http/public-origin.js';
import type { Router } from '../../platform/http/router.js';
import { notFound } from '../../platform/http/errors.js';
import { runInWorker } from '../../platform/workers/run.js';
import { regionTrail } from '../regions/index.js';
import { RegionCodeParam } from '../regions/regions.schema.js';
import { BERITA_ACARA_WORKER, stationRecord, totalRecord, type BeritaAcaraInput } from './berita-acara.js';
import { committeeMembers, countForRecord, electionResults, type ElectionCount } from './count.service.js';
import { compareRecounts, enterRecount, recountEntries, recountView } from './recount.service.js';
import { electionBase, RecountPage, ResultsPage, type RecountMsg } from './views/result-pages.js';

type Status = 200 | 400 | 404 | 409;
const statusOf = (s: number): Status => ([400, 404, 409].includes(s) ? (s as Status) : 400);

/** The comparison shown beside the results: the latest paper recount of each closed TPS. */
async function comparisonOf(c: Context<AppEnv>, view: Awaited<ReturnType<typeof electionResults>>) {
  if (!view.published) return [];
  const entries = await recountEntries(c.get('ctx').db.kysely, view.village.code, view.election.id);
  return compareRecounts(view.candidates, view.stations, entries);
}

/** What a program reads: counts, signatures and the public key; no voter, no officer. */
function resultsJson(view: Awaited<ReturnType<typeof electionResults>>, comparison: Awaited<ReturnType<typeof comparisonOf>>) {
  if (!view.published) return { published: false, election: view.election };
  const v: ElectionCount = view;
  return {
    published: true, final: v.final, election: v.election, candidates: v.candidates,
    totals: v.totals, winner: v.winner, public_key: v.publicKey,
    stations: v.stations.map((s) => ({ id: s.id, number: s.number, place: s.place, closed: s.closed, closed_at: s.closedAt, registered: s.registered, voted: s.voted, votes: s.votes, cast: s.cast, head_hash: s.head, signed_statement: s.statement, tally_signature: s.signatureText, signature: s.signature, chain: s.chain })),
    recounts: comparison.map((r) => ({ station: r.station, entered_at: r.latest.enteredAt, counts: r.latest.counts, unreadable: r.latest.unreadable, matches: r.matches, differences: Object.fromEntries(r.rows.map((x) => [String(x.candidate.id), x.difference])) })),
  };
}

/**
 * The count, the results and the records of a village head election:
 * - /desa/<kode>/pilkades/<id>/hasil — public once the election is closed; the committee's running count before;
 * - /desa/<kode>/pilkades/<id>/hitung-ulang — the committee records the recount from the paper receipts;
 * - /desa/<kode>/pilkades/<id>/berita-acara/<TPS id>.pdf and …/berita-acara.pdf — the records, drawn in a worker;
 * - GET /api/v1/villages/{code}/elections/{id}/results — the same numbers for programs (public once closed).
 */
export function registerResultPages(app: Router) {
  const manage = access({ permission: 'election.manage', scope: 'village' }, { login: '/masuk' });
  const read = access({ permission: 'election.read', scope: 'village' });
  const code = (c: Context<AppEnv>) => c.req.param('code')!;

  app.get('/desa/:code/pilkades/:id{[0-9]+}/hasil', access('public'), async (c) => {
    const view = await electionResults(c.get('ctx'), code(c), idParam(c));
    const comparison = await comparisonOf(c, view);
    // The final, public figures may be kept a few minutes by a proxy — never a copy framed for a
    // logged-in officer, nor the committee's running count.
    const cache = view.published && view.final && !c.get('session') ? 'public, max-age=60' : 'private, no-store';
    return c.html(<ResultsPage c={c} view={view} comparison={comparison} />, 200, { 'cache-control': cache, vary: 'Cookie' });
  });

  const recountPage = async (c: Context<AppEnv>, msg: RecountMsg, status: Status = 200) => {
    noStore(c);
    const view = await recountView(c.get('ctx'), code(c), idParam(c));
    return c.html(<RecountPage c={c} count={view.count} entries={view.entries} comparison={view.comparison} msg={msg} />, status);
  };
  app.get('/desa/:code/pilkades/:id{[0-9]+}/hitung-ulang', manage, (c) => recountPage(c, { ok: c.req.query('ok') === '1' }));
  app.post('/desa/:code/pilkades/:id{[0-9]+}/hitung-ulang', access({ permission: 'election.manage', scope: 'village' }), async (c) => {
    const fields = await formFields(c);
    try {
      const r = await enterRecount(c.get('ctx'), code(c), idParam(c), fields.station, fields);
      return c.redirect(`${electionBase(code(c), idParam(c))}/hitung-ulang?ok=1#hitung-ulang-tps-${r.station}`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return recountPage(c, { error: p.message, values: fields, station: fields.station }, statusOf(p.status));
    }
  });

  // The records: the committee's names may be on them, so never cached.
  const record = async (c: Context<AppEnv>, stationId: number | null) => {
    const ctx = c.get('ctx');
    const { count, station } = await countForRecord(ctx, code(c), idParam(c), stationId);
    const db = ctx.db.kysely;
    const recordCtx = {
      trail: await regionTrail(db, count.village.code, 'id'),
      committee: await committeeMembers(db, count.village.code),
      resultsUrl: `${publicOrigin(c)}${electionBase(count.village.code, count.election.id)}/hasil`,
    };
    const input: BeritaAcaraInput = station ? stationRecord(count, station, recordCtx) : totalRecord(count, recordCtx);
    const bytes = await runInWorker<Uint8Array>(BERITA_ACARA_WORKER, input, { timeoutMs: 60_000, memoryMb: 256 });
    const file = `berita-acara-pilkades-${count.village.code.replace(/\./g, '')}-${count.election.id}${station ? `-tps${station.number}` : ''}.pdf`;
    return privateFile(c, bytes, { type: 'application/pdf', name: file, inline: true });
  };
  app.get('/desa/:code/pilkades/:id{[0-9]+}/berita-acara.pdf', read, (c) => record(c, null));
  app.get('/desa/:code/pilkades/:id{[0-9]+}/berita-acara/:sid{[0-9]+\\.pdf}', read, (c) => {
    const sid = c.req.param('sid')!.slice(0, -'.pdf'.length);
    if (!/^[1-9][0-9]{0,15}$/.test(sid)) throw notFound();
    return record(c, Number(sid));
  });

  app.openapi(createRoute({
    middleware: [access('public')], method: 'get', path: '/api/v1/villages/{code}/elections/{id}/results', tags: ['Pilkades'],
    summary: 'An election\'s results once closed (public): per TPS and total, turnout, winner by the regulation\'s rule, each TPS\'s chain head and signature, the public key, the paper recounts compared',
    request: { params: RegionCodeParam.extend({ id: IdPathParam }) },
    responses: { 200: jsonResponse(z.record(z.string(), z.unknown()), 'The results, or published: false before the close'), 400: errorResponse('Bad village code'), 404: errorResponse('No such election') },
  }), async (c) => {
    const { code: village, id } = c.req.valid('param');
    const view = await electionResults(c.get('ctx'), village, id);
    const body = resultsJson(view, await comparisonOf(c as unknown as Context<AppEnv>, view));
    c.header('cache-control', view.published && view.final && !c.get('session') ? 'public, max-age=60' : 'private, no-store');
    return c.json({ data: jsonSafe(body) as Record<string, unknown> }, 200);
  });
}
