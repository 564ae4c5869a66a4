import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import type { UseCaseContext } from '../../platform/context.js';
import { contextOf, electionReady, type ReadyElection } from './test-support.js';
import { closeStation } from './voting-day.service.js';
import { castVote, issueToken } from './voting.service.js';

/**
 * The secret ballot, tested from a full dump of the database (docs/e-voting.md): 120 voters of
 * one TPS come in the order of their DPT entries and vote with choices that follow that order
 * (the first half for candidate 1, the second half for candidate 2), so any order the database
 * keeps of the votes that follows the voters' would show at once. Every order of voters the
 * dump holds (the DPT's ids, its rows' physical order, the audit log of tokens given) is set
 * against every order of votes it holds (chain position, the chain's physical order, serials,
 * hashes, the pool half-way through): the best matching finds the right choice no better than
 * chance, and a voter's place in one is not correlated with their vote's place in the other.
 */
const V = '18.09.10.2004';
const VOTERS = 120;
const ELECTION_TABLES = ['elections', 'election_stations', 'election_station_areas', 'election_candidates', 'election_disqualifications', 'election_voters',
  'election_objections', 'election_tokens', 'election_ballot_pool', 'election_ballots', 'election_recounts', 'monitoring_elections'];
let t: TestApp;
let kpps: UseCaseContext;
let panitia: UseCaseContext;
let e: ReadyElection;
/** Per voter, in arrival order: resident id, the choice, the receipt's serial. */
const cast: { resident: number; candidate: number; serial: string }[] = [];
let poolHalfway: { s: string; c: number }[] = [];
let stampsBefore = '';
let stampsAfter = '';
let auditDuring: { action: string; subject: string | null; detail: unknown }[] = [];

const db = () => t.db.kysely;

/** Every timestamp and date value of the election's tables, as text (to see that voting wrote none). */
async function stamps() {
  const cols = (await sql<{ table_name: string; column_name: string }>`select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and table_name = any(${ELECTION_TABLES}) and (data_type like 'timestamp%' or data_type = 'date') order by table_name, column_name`.execute(db())).rows;
  const out: string[] = [];
  for (const c of cols) {
    const r = await sql<{ v: string | null }>`select ${sql.ref(c.column_name)}::text as v from ${sql.table(c.table_name)} where village_code = ${V} order by 1`.execute(db());
    out.push(`${c.table_name}.${c.column_name}=${r.rows.map((x) => x.v).join(',')}`);
  }
  return out.join('\n');
}

/** Spearman's rank correlation of two rankings of the same items (ranks 0…n-1, no ties). */
function spearman(a: number[], b: number[]) {
  const n = a.length;
  const d2 = a.reduce((s, x, i) => s + (x - b[i]!) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

beforeAll(async () => {
  t = await createTestApp();
  kpps = await contextOf(t.db, 'kpps1.hanura');
  panitia = await contextOf(t.db, 'panitia.hanura');
  e = await electionReady(db(), V, { stations: 1, candidates: 2, votersPerStation: VOTERS, open: true });
  const station = e.stations[0]!.id;
  stampsBefore = await stamps();
  const lastAudit = Number((await db().selectFrom('audit_log').select((q) => q.fn.max('id').as('m')).executeTakeFirstOrThrow()).m ?? 0);
  for (const [i, v] of e.voters.entries()) {
    const candidate = e.candidates[i < VOTERS / 2 ? 0 : 1]!.id;
    const { token } = await issueToken(kpps, V, e.electionId, station, v.nik);
    const { serial } = await castVote(kpps, V, e.electionId, station, token, candidate);
    cast.push({ resident: v.residentId, candidate, serial });
    if (i === VOTERS / 2 - 1) {
      const p = await db().selectFrom('election_ballot_pool').select('ballots').where('village_code', '=', V).where('election_id', '=', e.electionId).executeTakeFirstOrThrow();
      poolHalfway = typeof p.ballots === 'string' ? JSON.parse(p.ballots) : p.ballots;
    }
  }
  stampsAfter = await stamps();
  auditDuring = await db().selectFrom('audit_log').select(['action', 'subject', 'detail']).where('id', '>', lastAudit).orderBy('id').execute();
  await closeStation(panitia, V, e.electionId, station);
}, 120_000);
afterAll(() => t?.close());

describe('the secret ballot, from a full dump of the database', () => {
  it('keeps no time of a vote or of a token: the tables voting writes have no time column, and no stored time moved while voting ran', async () => {
    const timed = (await sql<{ table_name: string }>`select distinct table_name from information_schema.columns
      where table_schema = current_schema() and table_name = any(${ELECTION_TABLES}) and (data_type like 'timestamp%' or data_type = 'date')`.execute(db())).rows.map((r) => r.table_name);
    for (const written of ['election_voters', 'election_tokens', 'election_ballot_pool', 'election_ballots']) expect(timed).not.toContain(written);
    expect(stampsAfter).toBe(stampsBefore);
  });

  it('shares no value between a token row and a vote row, and logs no vote', async () => {
    const tokens = await sql<Record<string, unknown>>`select * from election_tokens where village_code = ${V} and election_id = ${e.electionId}`.execute(db());
    const votes = await sql<Record<string, unknown>>`select * from election_ballots where village_code = ${V} and election_id = ${e.electionId}`.execute(db());
    const shared = new Set(['village_code', 'election_id', 'station_id']);
    const valuesOf = (rows: Record<string, unknown>[]) => new Set(rows.flatMap((r) => Object.entries(r).filter(([k, v]) => !shared.has(k) && typeof v !== 'boolean').map(([, v]) => String(v))));
    const tokenValues = valuesOf(tokens.rows);
    const voteValues = valuesOf(votes.rows);
    expect(tokens.rows).toHaveLength(VOTERS);
    expect(votes.rows).toHaveLength(VOTERS);
    expect([...tokenValues].filter((v) => voteValues.has(v))).toEqual([]);
    expect(Object.keys(tokens.rows[0]!).sort()).toEqual(['election_id', 'station_id', 'token_hash', 'used', 'village_code']);
    expect(Object.keys(votes.rows[0]!).sort()).toEqual(['candidate_id', 'election_id', 'hash', 'position', 'prev_hash', 'serial', 'station_id', 'village_code']);
    // While voting ran the log got the tokens given (who came, and when — the limit docs/e-voting.md names) and nothing of a vote.
    expect(new Set(auditDuring.map((a) => a.action))).toEqual(new Set(['election.token_issued']));
    const log = JSON.stringify(auditDuring);
    for (const c of cast) expect(log).not.toContain(c.serial);
  });

  it('lets no stored order of voters match the stored order of votes better than chance', async () => {
    const voterOrders: Record<string, number[]> = {
      'DPT by id': (await sql<{ r: number }>`select resident_id as r from election_voters where village_code = ${V} and election_id = ${e.electionId} order by id`.execute(db())).rows.map((x) => Number(x.r)),
      'DPT by resident': (await sql<{ r: number }>`select resident_id as r from election_voters where village_code = ${V} and election_id = ${e.electionId} order by resident_id`.execute(db())).rows.map((x) => Number(x.r)),
      'DPT physical': (await sql<{ r: number }>`select resident_id as r from election_voters where village_code = ${V} and election_id = ${e.electionId} order by ctid`.execute(db())).rows.map((x) => Number(x.r)),
      'DPT as scanned': (await sql<{ r: number }>`select resident_id as r from election_voters where village_code = ${V} and election_id = ${e.electionId}`.execute(db())).rows.map((x) => Number(x.r)),
      'audit log of tokens': auditDuring.filter((a) => a.action === 'election.token_issued').map((a) => Number(a.subject!.split(':')[1])),
    };
    const serialsBy = async (order: string) => (await sql<{ s: string }>`select serial as s from election_ballots where village_code = ${V} and election_id = ${e.electionId} ${sql.raw(order)}`.execute(db())).rows.map((x) => x.s);
    const voteOrders: Record<string, string[]> = {
      'chain position': await serialsBy('order by position'),
      'chain physical': await serialsBy('order by ctid'),
      'chain as scanned': await serialsBy(''),
      'serial': await serialsBy('order by serial'),
      'hash': await serialsBy('order by hash'),
      'previous hash': await serialsBy('order by prev_hash'),
    };
    const choiceOfResident = new Map(cast.map((c) => [c.resident, c.candidate]));
    const choiceOfSerial = new Map(cast.map((c) => [c.serial, c.candidate]));
    const residentOfSerial = new Map(cast.map((c) => [c.serial, c.resident]));
    for (const order of Object.values(voterOrders)) expect(order).toHaveLength(VOTERS);
    for (const order of Object.values(voteOrders)) expect(order).toHaveLength(VOTERS);

    // Chance: half the voters chose each candidate; a blind guess is right half the time. The
    // number right of 120 pairs matched at random is twice a hypergeometric count (mean 60,
    // sd ≈ 5.5): 84 or more (4.4 sd) happens by chance about once in 10^5 — the tolerance; the
    // rank correlation's limit 0.4 is 4.4 sd too. A matching that followed the order would be
    // right 120 times of 120.
    const LIMIT = 84;
    /** Rank matching: the k-th voter of one order takes the k-th vote of the other. */
    const rightOf = (voters: number[], votes: string[]) => voters.filter((r, k) => choiceOfResident.get(r) === choiceOfSerial.get(votes[k]!)).length;
    /** And their places: a voter's rank in one order against their own vote's rank in the other. */
    const rho = (voters: number[], votes: string[]) => {
      const voteRank = new Map(votes.map((s, k) => [residentOfSerial.get(s)!, k]));
      return spearman(voters.map((_, k) => k), voters.map((r) => voteRank.get(r)!));
    };
    const results: string[] = [];
    for (const [vn, voters] of Object.entries(voterOrders)) {
      for (const [bn, votes] of Object.entries(voteOrders)) {
        const right = rightOf(voters, votes);
        const r = rho(voters, votes);
        // Reversed orders too: a matching may read one order backwards.
        const back = rightOf(voters, [...votes].reverse());
        if (right >= LIMIT || back >= LIMIT || Math.abs(r) >= 0.4) results.push(`${vn} × ${bn}: ${right}/${VOTERS} right (${back} reversed), rho ${r.toFixed(2)}`);
      }
    }
    expect(results).toEqual([]);

    // The pool half-way through (what a dump taken during voting holds): the 60 votes then in
    // it, against the 60 voters who had come, match no better than chance either (all 60 were
    // for candidate 1 here, so the test is on places: their order in the pool is not theirs).
    expect(poolHalfway).toHaveLength(VOTERS / 2);
    const firstHalf = voterOrders['audit log of tokens']!.slice(0, VOTERS / 2);
    const halfRank = new Map(poolHalfway.map((b, k) => [residentOfSerial.get(b.s)!, k]));
    expect(Math.abs(spearman(firstHalf.map((_, k) => k), firstHalf.map((r) => halfRank.get(r)!)))).toBeLessThan(0.5);

    // The test has the power to see a leak: the votes in the order they came would be matched whole.
    const arrival = cast.map((c) => c.serial);
    expect(rightOf(voterOrders['audit log of tokens']!, arrival)).toBe(VOTERS);
    expect(rho(voterOrders['audit log of tokens']!, arrival)).toBe(1);
  });
});
