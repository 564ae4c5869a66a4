import { sql, type Kysely } from 'kysely';
import { can } from '../../platform/access/access.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database, ElectionStatus } from '../../platform/db/schema.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import { activeVillage, villageInScope } from '../villages/village-scope.js';
import { checkTallySignature, electionPublicKey, tallyStatement, verifyChain, type StationKey } from './ballot-box.js';
import { electionOf } from './election-state.js';

/**
 * The count of an election (issue 20): per TPS and in total, from each TPS's hash chain, with
 * the tally signed when the TPS closed and whether that signature and the chain still hold.
 * Counts only — no voter, no name but the candidates'.
 *
 * Who sees it: once the election is closed (stage 'closed') everyone, logged in or not; before
 * that, the committee (election.manage) sees the running count of the TPS already closed, and
 * nobody else sees a number.
 */
export interface CandidateRef { id: number; number: number; name: string }

export interface StationCount {
  id: number;
  number: number;
  place: string;
  closed: boolean;
  closedAt: Date | null;
  /** DPT: voters listed at this TPS. */
  registered: number;
  /** Voters given a ballot token (came to vote). */
  voted: number;
  /** Votes in the chain per candidate id (closed TPS; empty while open). */
  votes: Record<string, number>;
  /** Votes in the chain. */
  cast: number;
  /** The tally written and signed at closing. */
  signedTally: Record<string, number> | null;
  head: string | null;
  /** What was signed (village|election|TPS id|candidate id:votes,…|last hash) and the signature (Ed25519, base64): anyone can check them with the public key. */
  statement: string | null;
  signatureText: string | null;
  /** The stored tally and last hash checked against the election's public key. */
  signature: 'valid' | 'invalid' | 'open';
  /** The chain recomputed from its first vote: each hash, each link, and its tally equal to the signed one. */
  chain: 'intact' | 'broken' | 'open';
  brokenAt: number | null;
}

/** Who won, and by which rule of the regulation. */
export type WinnerDecision =
  | { kind: 'none' }
  | { kind: 'most'; candidate: CandidateRef }
  /** A tie in the total, decided by the votes at the TPS with the most registered voters. */
  | { kind: 'tie_largest_tps'; candidate: CandidateRef; tied: CandidateRef[]; station: number }
  /** Still tied: the TPS with the most voters are two of the same size, or the tied candidates tie there too. */
  | { kind: 'undecided'; tied: CandidateRef[]; reason: 'tps_size_tie' | 'still_tied'; station: number | null };

export interface ElectionCount {
  published: true;
  /** The election is closed: the result is final and public. Otherwise the committee's running count. */
  final: boolean;
  village: { code: string; name: string };
  election: { id: number; title: string; status: ElectionStatus; votingDay: string; closedAt: Date | null; committeeDecree: string };
  candidates: CandidateRef[];
  stations: StationCount[];
  totals: { registered: number; voted: number; cast: number; votes: Record<string, number>; stationsClosed: number; stations: number };
  winner: WinnerDecision;
  /** The election's Ed25519 public key (PEM), to check each TPS's signature. */
  publicKey: string;
}
export interface UnpublishedCount {
  published: false;
  village: { code: string; name: string };
  election: { id: number; title: string; status: ElectionStatus; votingDay: string };
}

const sameTally = (a: Record<string, number> | null, b: Record<string, number>) => {
  if (!a) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if ((a[k] ?? 0) !== (b[k] ?? 0)) return false;
  return true;
};
const tallyOf = (raw: unknown): Record<string, number> | null =>
  raw === null || raw === undefined ? null : typeof raw === 'string' ? (JSON.parse(raw) as Record<string, number>) : (raw as Record<string, number>);

/**
 * The rule of the regulation (Permendagri 112/2014 as amended, domain §8): most votes wins; on
 * a tie, among the tied candidates the one with most votes at the TPS with the most registered
 * voters. Where that TPS is not one (two TPS of the same, largest size) or the tied candidates
 * tie there too, the software decides nothing: the committee settles it as the regulation of
 * the regency says (a draw or a new vote). Pure: the tests call it.
 */
export function decideWinner(candidates: CandidateRef[], total: Record<string, number>, stations: Pick<StationCount, 'number' | 'registered' | 'votes'>[]): WinnerDecision {
  const votesOf = (c: CandidateRef) => total[String(c.id)] ?? 0;
  const top = Math.max(0, ...candidates.map(votesOf));
  if (top === 0) return { kind: 'none' };
  const tied = candidates.filter((c) => votesOf(c) === top);
  if (tied.length === 1) return { kind: 'most', candidate: tied[0]! };
  const biggest = Math.max(0, ...stations.map((s) => s.registered));
  const largest = stations.filter((s) => s.registered === biggest);
  if (largest.length !== 1) return { kind: 'undecided', tied, reason: 'tps_size_tie', station: null };
  const at = largest[0]!;
  const there = (c: CandidateRef) => at.votes[String(c.id)] ?? 0;
  const best = Math.max(...tied.map(there));
  const leaders = tied.filter((c) => there(c) === best);
  if (leaders.length !== 1) return { kind: 'undecided', tied, reason: 'still_tied', station: at.number };
  return { kind: 'tie_largest_tps', candidate: leaders[0]!, tied, station: at.number };
}

/** The numbers of one election, with no check of who asks (callers decide): per TPS, totals, winner, signatures. */
export async function countElection(db: Kysely<Database>, village: { code: string; name: string }, e: Awaited<ReturnType<typeof electionOf>>): Promise<ElectionCount> {
  const code = village.code;
  const final = e.status === 'closed';
  const [candidates, stations, lists, ballots, publicKey] = await Promise.all([
    db.selectFrom('election_candidates').select(['id', 'number', 'name']).where('village_code', '=', code).where('election_id', '=', e.id).orderBy('number').execute(),
    db.selectFrom('election_stations').select(['id', 'number', 'place', 'closed_at', 'tally', 'head_hash', 'tally_signature'])
      .where('village_code', '=', code).where('election_id', '=', e.id).orderBy('number').execute(),
    sql<{ station_id: number; registered: number; voted: number }>`select station_id, count(*) filter (where listed)::int as registered,
        count(*) filter (where took_token)::int as voted
      from election_voters where village_code = ${code} and election_id = ${e.id} group by station_id`.execute(db),
    sql<{ station_id: number; candidate_id: number; n: number }>`select station_id, candidate_id, count(*)::int as n
      from election_ballots where village_code = ${code} and election_id = ${e.id} group by station_id, candidate_id`.execute(db),
    electionPublicKey(db, code, e.id),
  ]);
  const cands: CandidateRef[] = candidates.map((c) => ({ id: Number(c.id), number: Number(c.number), name: c.name }));
  const result: StationCount[] = [];
  for (const s of stations) {
    const id = Number(s.id);
    const list = lists.rows.find((r) => Number(r.station_id) === id);
    const closed = s.closed_at !== null;
    const votes: Record<string, number> = {};
    if (closed) for (const b of ballots.rows) if (Number(b.station_id) === id) votes[String(b.candidate_id)] = Number(b.n);
    const signedTally = tallyOf(s.tally);
    const k: StationKey = { village: code, election: e.id, station: id };
    let signature: StationCount['signature'] = 'open';
    let chain: StationCount['chain'] = 'open';
    let brokenAt: number | null = null;
    if (closed) {
      signature = signedTally && s.head_hash && s.tally_signature && checkTallySignature(publicKey, tallyStatement(k, signedTally, s.head_hash), s.tally_signature) ? 'valid' : 'invalid';
      // Walks the chain (a few ms for a TPS of a thousand votes): every hash, every link, and the signed statement again from the chain.
      const check = await verifyChain(db, k);
      chain = check.broken === null && check.signature === 'valid' && sameTally(signedTally, votes) ? 'intact' : 'broken';
      brokenAt = check.broken?.position ?? null;
    }
    result.push({
      id, number: Number(s.number), place: s.place, closed, closedAt: s.closed_at,
      registered: Number(list?.registered ?? 0), voted: Number(list?.voted ?? 0),
      votes, cast: Object.values(votes).reduce((a, b) => a + b, 0), signedTally: closed ? signedTally : null, head: closed ? s.head_hash : null,
      statement: closed && signedTally && s.head_hash ? tallyStatement(k, signedTally, s.head_hash) : null, signatureText: closed ? s.tally_signature : null,
      signature, chain, brokenAt,
    });
  }
  // Totals over the TPS closed (all of them once the election is closed).
  const counted = result.filter((s) => s.closed);
  const votes: Record<string, number> = {};
  for (const c of cands) votes[String(c.id)] = counted.reduce((a, s) => a + (s.votes[String(c.id)] ?? 0), 0);
  const sum = (f: (s: StationCount) => number) => counted.reduce((a, s) => a + f(s), 0);
  return {
    published: true,
    final,
    village,
    election: { id: e.id, title: e.title, status: e.status, votingDay: e.voting_day, closedAt: e.closed_at, committeeDecree: e.committee_decree },
    candidates: cands,
    stations: result,
    totals: { registered: sum((s) => s.registered), voted: sum((s) => s.voted), cast: sum((s) => s.cast), votes, stationsClosed: counted.length, stations: result.length },
    // A winner only once the count is final and every TPS is in it.
    winner: final && counted.length === result.length ? decideWinner(cands, votes, counted) : { kind: 'none' },
    publicKey,
  };
}

/**
 * The results as the one asking may see them: everyone once closed; the committee's running
 * count before; for anyone else before the close, only that the count is not yet published.
 */
export async function electionResults(ctx: UseCaseContext, villageInput: string, electionId: number | null): Promise<ElectionCount | UnpublishedCount> {
  const row = await activeVillage(ctx, villageInput);
  const village = { code: row.village_code, name: row.name };
  const e = await electionOf(ctx.db.kysely, village.code, electionId);
  if (e.status === 'closed' || can(ctx.actor, 'election.manage', village.code)) return countElection(ctx.db.kysely, village, e);
  return { published: false, village, election: { id: e.id, title: e.title, status: e.status, votingDay: e.voting_day } };
}

/**
 * The count for a record (berita acara): the committee at any time for a TPS already closed;
 * the officials who read the election (election.read) once it is closed. 409 while the TPS (or,
 * for the total, the election) is still open.
 */
export async function countForRecord(ctx: UseCaseContext, villageInput: string, electionId: number | null, stationId: number | null) {
  const row = await villageInScope(ctx, villageInput, 'election.read');
  const village = { code: row.village_code, name: row.name };
  const manager = can(ctx.actor, 'election.manage', village.code);
  const e = await electionOf(ctx.db.kysely, village.code, electionId);
  if (e.status !== 'closed' && !(manager && stationId !== null)) throw conflict('election.count_not_final');
  const count = await countElection(ctx.db.kysely, village, e);
  if (stationId === null) return { count, station: null };
  const station = count.stations.find((s) => s.id === stationId);
  if (!station) throw notFound('election.count_station_unknown');
  if (!station.closed) throw conflict('election.count_station_open', undefined, { number: station.number });
  return { count, station };
}

/** The committee's accounts in the village (active), for the signature blocks of a record: names and positions only. */
export async function committeeMembers(db: Kysely<Database>, village: string) {
  const rows = await db.selectFrom('users').select(['full_name', 'position_title'])
    .where('role', '=', 'election_committee').where('region_code', '=', village).where('active', '=', true).orderBy('id').execute();
  return rows.map((r) => ({ name: r.full_name, position: r.position_title }));
}
