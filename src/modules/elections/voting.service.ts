import { createHmac, randomInt } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { violatedUniqueIndex } from '../../platform/db/unique-violation.js';
import { badRequest, conflict } from '../../platform/http/errors.js';
import { serverSecret } from '../../platform/secrets.js';
import { HOLDS_NIK } from '../population/index.js';
import { villageScope } from '../villages/village-scope.js';
import { dropBallot, poolKey, type StationKey } from './ballot-box.js';
import { electionInStage, stationOf } from './election-state.js';

/**
 * Voting day at a TPS: the officer gives a listed voter a one-time token; the voter spends it on
 * the booth screen. Each step is one transaction with a conditional update, so a voter gets one
 * token and a token casts one vote however many screens ask at once.
 *
 * Nothing here writes who voted when, or which token cast which vote: the voter row only says
 * `took_token`, the token row has no voter, the vote has no token, and the cast is not in the
 * audit log (an entry there would carry the time). See docs/e-voting.md.
 */
type Trx = Transaction<Database>;

/** Token letters without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B): 25^6 ≈ 244 million codes. */
export const TOKEN_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const TOKEN_LENGTH = 6;

const newToken = () => Array.from({ length: TOKEN_LENGTH }, () => TOKEN_ALPHABET[randomInt(TOKEN_ALPHABET.length)]).join('');

/** Typed tokens: upper case, spaces and dashes dropped; a look-alike is read as the letter printed. */
export function normaliseToken(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 40) throw badRequest('election.token_format', 'token');
  let out = '';
  for (const ch of raw.toUpperCase()) {
    if (ch === ' ' || ch === '-') continue;
    out += ch;
  }
  if (out.length !== TOKEN_LENGTH || [...out].some((ch) => !TOKEN_ALPHABET.includes(ch))) throw badRequest('election.token_format', 'token');
  return out;
}

/** Only the token's MAC is stored: a dump of the database gives no usable code. */
const tokenHash = (secret: string, village: string, election: number, code: string) =>
  createHmac('sha256', secret).update(`${village}|${election}|${code}`).digest('hex');
const tokenSecret = (db: Kysely<Database>) => serverSecret(db, 'election-token-mac');

/** The voter in the DPT by NIK, as the TPS officer sees them: name, masked NIK, TPS, whether they voted. */
export async function findListedVoter(trx: Trx | Kysely<Database>, village: string, election: number, nik: string) {
  // The resident by NIK first, then their DPT entry by its unique key: two index lookups, whatever
  // the statistics say (joined in one query, a list made in bulk and not analysed yet was scanned
  // whole for each voter: 4 ms for 2,000 voters).
  const residents = await trx.selectFrom('residents').select('id').where('village_code', '=', village).where('nik', '=', nik).execute();
  if (residents.length === 0) return undefined;
  return trx.selectFrom('election_voters as v')
    .innerJoin('residents as r', (j) => j.onRef('r.village_code', '=', 'v.village_code').onRef('r.id', '=', 'v.resident_id'))
    .innerJoin('election_stations as s', (j) => j.onRef('s.village_code', '=', 'v.village_code').onRef('s.id', '=', 'v.station_id'))
    .select(['v.id', 'v.resident_id', 'v.station_id', 's.number as station_number', 'v.took_token', 'r.name', 'r.nik', 'r.birth_date', 'r.sex', 'r.life_status'])
    .where('v.village_code', '=', village).where('v.election_id', '=', election).where('v.listed', '=', true)
    .where('v.resident_id', 'in', residents.map((r) => Number(r.id))).executeTakeFirst();
}

/**
 * Gives a voter of this TPS's DPT a one-time token (returned once, printed on the token card).
 * The DPT entry is consumed in the same transaction: a second request for the same voter, from
 * this screen or another, is refused.
 */
export async function issueToken(ctx: UseCaseContext, villageInput: string, electionId: number, stationId: number, nikInput: string) {
  const village = await villageScope(ctx, villageInput, 'election.tps');
  const nik = typeof nikInput === 'string' ? nikInput.replace(/\s+/g, '') : '';
  if (!/^[0-9]{16}$/.test(nik)) throw badRequest('election.nik_format', 'nik');
  const secret = await tokenSecret(ctx.db.kysely);
  return writeWithAudit(ctx, async (trx, audit) => {
    await electionInStage(trx, village, electionId, ['voting']);
    const station = await stationOf(trx, village, electionId, stationId);
    if (station.closed_at) throw conflict('election.station_closed', undefined, { number: station.number });
    const voter = await findListedVoter(trx, village, electionId, nik);
    if (!voter || !HOLDS_NIK.includes(Number(voter.life_status))) throw badRequest('election.voter_not_listed', 'nik');
    if (Number(voter.station_id) !== station.id) throw conflict('election.voter_other_station', 'nik', { number: voter.station_number });
    const taken = await trx.updateTable('election_voters').set({ took_token: true })
      .where('village_code', '=', village).where('id', '=', Number(voter.id)).where('took_token', '=', false).executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1) throw conflict('election.already_took_token', 'nik');
    // The levels above watch turnout live: one more voter (the full recount is too slow per voter).
    // No time is written while voting runs (secrecy.test.ts), not even the rollup's.
    await sql`update monitoring_elections set voted = voted + 1 where village_code = ${village} and election_id = ${electionId}`.execute(trx);
    let code = '';
    for (let attempt = 0; ; attempt++) {
      code = newToken();
      try {
        await trx.insertInto('election_tokens').values({ village_code: village, election_id: electionId, station_id: station.id, token_hash: tokenHash(secret, village, electionId, code) }).execute();
        break;
      } catch (err) {
        // Two live codes alike (one in millions): draw again; the PGlite/PG unique error carries the key name.
        if (attempt < 3 && violatedUniqueIndex(err) === 'election_tokens_pkey') continue;
        throw err;
      }
    }
    // The log says a token was given at this TPS and that the voter's record was read; the
    // vote this token casts is nowhere linked to it.
    await audit({ action: 'election.token_issued', villageCode: village, subject: `resident:${voter.resident_id}`, detail: { election: electionId, station: station.number } });
    return { token: code, name: voter.name, stationNumber: station.number };
  });
}

/**
 * Spends a token on a vote: the token marked used and the vote put in the TPS's box, in one
 * transaction (a crash leaves both or neither). Returns the receipt: the choice and the random
 * ballot serial, nothing of the voter. `stationId` is the booth's TPS: a token is good only there.
 */
export async function castVote(ctx: UseCaseContext, villageInput: string, electionId: number, stationId: number, tokenInput: unknown, candidateId: number) {
  const village = await villageScope(ctx, villageInput, 'election.tps');
  const code = normaliseToken(tokenInput);
  const secret = await tokenSecret(ctx.db.kysely);
  const mac = await poolKey(ctx.db.kysely);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    await electionInStage(trx, village, electionId, ['voting']);
    const station = await stationOf(trx, village, electionId, stationId);
    if (station.closed_at) throw conflict('election.station_closed', undefined, { number: station.number });
    const candidate = await trx.selectFrom('election_candidates').select(['id', 'number', 'name'])
      .where('village_code', '=', village).where('election_id', '=', electionId).where('id', '=', candidateId).executeTakeFirst();
    if (!candidate) throw badRequest('election.candidate_not_found', 'candidate');
    const spent = await trx.updateTable('election_tokens').set({ used: true })
      .where('village_code', '=', village).where('election_id', '=', electionId).where('token_hash', '=', tokenHash(secret, village, electionId, code))
      .where('station_id', '=', station.id).where('used', '=', false).executeTakeFirst();
    if (Number(spent.numUpdatedRows) !== 1) throw badRequest('election.token_invalid', 'token');
    const k: StationKey = { village, election: electionId, station: station.id };
    const serial = await dropBallot(trx, mac, k, station.number, Number(candidate.id));
    return { serial, candidate: { number: candidate.number, name: candidate.name }, stationNumber: station.number };
  });
}

/** Whether a token is still good at this booth, before the voter sees the candidates. */
export async function checkToken(ctx: UseCaseContext, villageInput: string, electionId: number, stationId: number, tokenInput: unknown) {
  const village = await villageScope(ctx, villageInput, 'election.tps');
  const code = normaliseToken(tokenInput);
  const secret = await tokenSecret(ctx.db.kysely);
  const row = await ctx.db.kysely.selectFrom('election_tokens').select('used')
    .where('village_code', '=', village).where('election_id', '=', electionId).where('token_hash', '=', tokenHash(secret, village, electionId, code))
    .where('station_id', '=', stationId).executeTakeFirst();
  if (!row || row.used) throw badRequest('election.token_invalid', 'token');
  return { ok: true as const };
}
