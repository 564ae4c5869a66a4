import { sql } from 'kysely';
import { userIdOf } from '../../platform/access/access.js';
import { releaseAttempt, reserveAttempt } from '../../platform/attempts.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { formatDate, todayInWib } from '../../platform/format/format.js';
import { AppError, badRequest, conflict, notFound, tooManyRequests } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { ageOn, HOLDS_NIK, maskNik } from '../population/index.js';
import { villageScope } from '../villages/village-scope.js';
import { closeBox, openPool, poolKey, tallySigner, verifyChain, type ChainCheck, type StationKey } from './ballot-box.js';
import { electionInStage, electionOf } from './election-state.js';
import { recountElection } from './rollup.js';
import { castVote, checkToken, findListedVoter, normaliseToken } from './voting.service.js';

/**
 * Voting day around the ballot box (docs/e-voting.md): the committee opens the voting (a pool
 * for every TPS), closes each TPS (its pool into the chain, the tally signed) and then the
 * election; anyone with election.read checks every TPS's chain. The TPS desk finds a voter in
 * the DPT; the booth checks and spends tokens, counting wrong ones per TPS. The committee's
 * steps are audited; a vote never is.
 */

/** Wrong tokens a TPS's booths take in BOOTH_WINDOW_MINUTES before they stop taking any. */
export const BOOTH_WRONG_TOKENS = 10;
export const BOOTH_WINDOW_MINUTES = 10;

const pathId = (raw: unknown) => {
  const id = parseId(typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : undefined);
  if (id === null) throw notFound();
  return id;
};

async function stationRow(db: UseCaseContext['db']['kysely'], village: string, election: number, stationInput: unknown) {
  const id = pathId(stationInput);
  const row = await db.selectFrom('election_stations').select(['id', 'number', 'place', 'closed_at'])
    .where('village_code', '=', village).where('election_id', '=', election).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('election.station_not_found', { field: 'TPS' });
  return { id: Number(row.id), number: Number(row.number), place: row.place, closedAt: row.closed_at };
}

/** The committee opens the voting on the day: stage dpt → voting, an empty pool at every TPS. */
export async function openVoting(ctx: UseCaseContext, villageInput: string, electionInput: unknown) {
  const village = await villageScope(ctx, villageInput, 'election.manage');
  const electionId = pathId(electionInput);
  const key = await poolKey(ctx.db.kysely);
  return writeWithAudit(ctx, async (trx, audit) => {
    const e = await electionInStage(trx, village, electionId, ['dpt'], true);
    if (todayInWib() < e.voting_day) throw conflict('election.not_voting_day', undefined, { day: formatDate(e.voting_day, ctx.lang) });
    const stations = await trx.selectFrom('election_stations').select(['id', 'number']).where('village_code', '=', village).where('election_id', '=', electionId).execute();
    if (stations.length === 0) throw conflict('election.no_stations');
    const candidates = await trx.selectFrom('election_candidates').select((q) => q.fn.countAll<number>().as('n')).where('village_code', '=', village).where('election_id', '=', electionId).executeTakeFirstOrThrow();
    if (Number(candidates.n) < 2) throw conflict('election.too_few_candidates', undefined, { count: Number(candidates.n) });
    for (const s of stations) await openPool(trx, key, { village, election: electionId, station: Number(s.id) });
    await trx.updateTable('elections').set({ status: 'voting', voting_opened_at: new Date() }).where('village_code', '=', village).where('id', '=', electionId).execute();
    await recountElection(trx, village);
    await audit({ action: 'election.voting_open', villageCode: village, subject: `election:${electionId}`, detail: { stations: stations.length } });
    return { stations: stations.length };
  });
}

/**
 * The committee closes one TPS: its pool enters the chain (in serial order), the tally and the
 * chain's last hash are signed and written on the TPS. No token is taken there after. Refused
 * when the TPS is closed already.
 */
export async function closeStation(ctx: UseCaseContext, villageInput: string, electionInput: unknown, stationInput: unknown) {
  const village = await villageScope(ctx, villageInput, 'election.manage');
  const electionId = pathId(electionInput);
  await electionOf(ctx.db.kysely, village, electionId);
  const station = await stationRow(ctx.db.kysely, village, electionId, stationInput);
  // Secrets before the transaction (PGlite runs one query at a time).
  const key = await poolKey(ctx.db.kysely);
  const signer = await tallySigner(ctx.db.kysely, village, electionId);
  return writeWithAudit(ctx, async (trx, audit) => {
    await electionInStage(trx, village, electionId, ['voting']);
    const locked = await trx.selectFrom('election_stations').select(['closed_at']).where('village_code', '=', village).where('id', '=', station.id).forUpdate().executeTakeFirstOrThrow();
    if (locked.closed_at) throw conflict('election.station_closed', undefined, { number: station.number });
    const k: StationKey = { village, election: electionId, station: station.id };
    const { tally, head } = await closeBox(trx, key, signer, k, station.number, userIdOf(ctx.actor) ?? 0);
    const votes = Object.values(tally).reduce((a, b) => a + b, 0);
    await recountElection(trx, village);
    await audit({ action: 'election.station_close', villageCode: village, subject: `election_station:${station.id}`, detail: { election: electionId, station: station.number, votes, head } });
    return { number: station.number, votes, tally, head };
  });
}

/** The committee closes the election once every TPS is closed: stage voting → closed; the count is final. */
export async function closeElection(ctx: UseCaseContext, villageInput: string, electionInput: unknown) {
  const village = await villageScope(ctx, villageInput, 'election.manage');
  const electionId = pathId(electionInput);
  return writeWithAudit(ctx, async (trx, audit) => {
    await electionInStage(trx, village, electionId, ['voting'], true);
    const open = await trx.selectFrom('election_stations').select('number').where('village_code', '=', village).where('election_id', '=', electionId)
      .where('closed_at', 'is', null).orderBy('number').execute();
    if (open.length > 0) throw conflict('election.stations_open', undefined, { numbers: open.map((s) => s.number).join(', ') });
    await trx.updateTable('elections').set({ status: 'closed', closed_at: new Date() }).where('village_code', '=', village).where('id', '=', electionId).execute();
    await recountElection(trx, village);
    await audit({ action: 'election.close', villageCode: village, subject: `election:${electionId}` });
    return { closed: true as const };
  });
}

export interface StationCheck extends ChainCheck { stationId: number; number: number; place: string; closed: boolean }

/** Every TPS's chain walked and its signature and pool checked (reads only; for anyone who reads the election). */
export async function verifyElection(ctx: UseCaseContext, villageInput: string, electionInput: unknown) {
  const village = await villageScope(ctx, villageInput, 'election.read');
  const e = await electionOf(ctx.db.kysely, village, pathId(electionInput));
  const stations = await ctx.db.kysely.selectFrom('election_stations').select(['id', 'number', 'place', 'closed_at'])
    .where('village_code', '=', village).where('election_id', '=', e.id).orderBy('number').execute();
  const checks: StationCheck[] = [];
  for (const s of stations) {
    const check = await verifyChain(ctx.db.kysely, { village, election: e.id, station: Number(s.id) });
    checks.push({ ...check, stationId: Number(s.id), number: Number(s.number), place: s.place, closed: s.closed_at !== null });
  }
  return { village, election: { id: e.id, title: e.title, status: e.status }, ok: checks.every((c) => c.ok), stations: checks };
}

/** The TPS list of voting day: each TPS's DPT, tokens given, state; the election's stage for the committee's buttons. */
export async function votingBoard(ctx: UseCaseContext, villageInput: string, electionInput: unknown) {
  const village = await villageScope(ctx, villageInput, 'election.read');
  const e = await electionOf(ctx.db.kysely, village, pathId(electionInput));
  const rows = await sql<{ id: number; number: number; place: string; closed_at: Date | null; registered: number; took: number }>`
    select s.id, s.number, s.place, s.closed_at,
      (select count(*)::int from election_voters v where v.village_code = s.village_code and v.election_id = s.election_id and v.station_id = s.id and v.listed) as registered,
      (select count(*)::int from election_voters v where v.village_code = s.village_code and v.election_id = s.election_id and v.station_id = s.id and v.took_token) as took
    from election_stations s where s.village_code = ${village} and s.election_id = ${e.id} order by s.number`.execute(ctx.db.kysely);
  const stations = rows.rows.map((r) => ({ id: Number(r.id), number: Number(r.number), place: r.place, closedAt: r.closed_at, registered: Number(r.registered), took: Number(r.took) }));
  return { village, election: { id: e.id, title: e.title, status: e.status, votingDay: e.voting_day }, stations };
}

/** The KPPS desk's header: the election, the TPS and its counts so far. */
export async function deskView(ctx: UseCaseContext, villageInput: string, electionInput: unknown, stationInput: unknown) {
  const village = await villageScope(ctx, villageInput, 'election.tps');
  const e = await electionOf(ctx.db.kysely, village, pathId(electionInput));
  const station = await stationRow(ctx.db.kysely, village, e.id, stationInput);
  const n = await ctx.db.kysely.selectFrom('election_voters')
    .select((q) => [q.fn.countAll<number>().as('registered'), q.fn.sum<number>(sql`case when took_token then 1 else 0 end`).as('took')])
    .where('village_code', '=', village).where('election_id', '=', e.id).where('station_id', '=', station.id).where('listed', '=', true).executeTakeFirstOrThrow();
  return { village, election: { id: e.id, title: e.title, status: e.status, votingDay: e.voting_day }, station, registered: Number(n.registered), took: Number(n.took ?? 0) };
}

/**
 * The KPPS officer finds a voter in the DPT by NIK (typed or scanned from the e-KTP): name,
 * masked NIK, age, TPS and whether a token was given. The read is audited (a NIK was looked up).
 */
export async function lookupVoter(ctx: UseCaseContext, villageInput: string, electionInput: unknown, stationInput: unknown, nikInput: unknown) {
  const village = await villageScope(ctx, villageInput, 'election.tps');
  const electionId = pathId(electionInput);
  const e = await electionInStage(ctx.db.kysely, village, electionId, ['voting']);
  const station = await stationRow(ctx.db.kysely, village, electionId, stationInput);
  const nik = typeof nikInput === 'string' ? nikInput.replace(/\s+/g, '') : '';
  if (!/^[0-9]{16}$/.test(nik)) throw badRequest('election.nik_format', 'nik');
  const voter = await findListedVoter(ctx.db.kysely, village, electionId, nik);
  if (!voter || !HOLDS_NIK.includes(Number(voter.life_status))) throw badRequest('election.voter_not_listed', 'nik');
  await writeWithAudit(ctx, (_trx, audit) => audit({ action: 'election.voter_read', villageCode: village, subject: `resident:${voter.resident_id}`, detail: { election: electionId, station: station.number } }));
  return {
    name: voter.name, maskedNik: maskNik(voter.nik), age: ageOn(voter.birth_date, e.voting_day), sex: Number(voter.sex),
    stationNumber: Number(voter.station_number), here: Number(voter.station_id) === station.id, tookToken: voter.took_token,
  };
}

/** The booth's screen: the election, the TPS and its candidates (number order), whether voting runs there. */
export async function boothView(ctx: UseCaseContext, villageInput: string, electionInput: unknown, stationInput: unknown) {
  const village = await villageScope(ctx, villageInput, 'election.tps');
  const e = await electionOf(ctx.db.kysely, village, pathId(electionInput));
  const station = await stationRow(ctx.db.kysely, village, e.id, stationInput);
  const candidates = await ctx.db.kysely.selectFrom('election_candidates').select(['id', 'number', 'name', sql<boolean>`photo is not null`.as('has_photo')])
    .where('village_code', '=', village).where('election_id', '=', e.id).orderBy('number').execute();
  return {
    village, election: { id: e.id, title: e.title, status: e.status }, station,
    open: e.status === 'voting' && station.closedAt === null,
    candidates: candidates.map((c) => ({ id: Number(c.id), number: Number(c.number), name: c.name, hasPhoto: Boolean(c.has_photo) })),
  };
}

/**
 * A booth's token step, counted: every well-formed token tried reserves one attempt on the TPS
 * (atomically, however many booths try at once); a good one gives it back. Past
 * BOOTH_WRONG_TOKENS in the window, the TPS's booths refuse every token until it ends.
 */
async function counted<T>(ctx: UseCaseContext, village: string, election: number, station: number, token: unknown, run: (code: string) => Promise<T>): Promise<T> {
  const code = normaliseToken(token);
  const account = `${village}|${election}|${station}`;
  const n = await reserveAttempt(ctx.db.kysely, 'ballot', account, ctx.ip || '-', BOOTH_WINDOW_MINUTES * 60);
  if (n.account > BOOTH_WRONG_TOKENS) throw tooManyRequests('election.too_many_tries', { minutes: BOOTH_WINDOW_MINUTES });
  try {
    const out = await run(code);
    await releaseAttempt(ctx.db.kysely, 'ballot', account, ctx.ip || '-');
    return out;
  } catch (err) {
    // Only a token that is not good counts against the booth; a closed TPS or a bad choice does not.
    if (!(err instanceof AppError && err.key === 'election.token_invalid')) await releaseAttempt(ctx.db.kysely, 'ballot', account, ctx.ip || '-');
    throw err;
  }
}

/** Booth step 1: the token typed is good at this TPS (not used). */
export async function boothCheckToken(ctx: UseCaseContext, villageInput: string, electionInput: unknown, stationInput: unknown, token: unknown) {
  const village = await villageScope(ctx, villageInput, 'election.tps');
  const election = pathId(electionInput);
  const station = pathId(stationInput);
  return counted(ctx, village, election, station, token, (code) => checkToken(ctx, village, election, station, code));
}

/** Booth step 3 confirmed: the token spent on the chosen candidate; the receipt (choice and serial). */
export async function boothCast(ctx: UseCaseContext, villageInput: string, electionInput: unknown, stationInput: unknown, token: unknown, candidateInput: unknown) {
  const village = await villageScope(ctx, villageInput, 'election.tps');
  const election = pathId(electionInput);
  const station = pathId(stationInput);
  const candidate = parseId(typeof candidateInput === 'string' ? candidateInput : undefined);
  if (candidate === null) throw badRequest('election.candidate_not_found', 'candidate');
  return counted(ctx, village, election, station, token, (code) => castVote(ctx, village, election, station, code, candidate));
}
