import { createHash, createHmac, createPrivateKey, createPublicKey, randomBytes, sign, timingSafeEqual, verify } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, PooledBallot } from '../../platform/db/schema.js';
import { conflict } from '../../platform/http/errors.js';
import { serverSecret } from '../../platform/secrets.js';

/**
 * The ballot box of one TPS (docs/e-voting.md).
 *
 * A cast vote first enters the TPS's mixing pool: one row whose ballots are kept sorted by their
 * random serial, so the row holds no order of arrival, sealed with the installation's MAC. When
 * the TPS closes, the whole pool enters the TPS's hash chain at once, in the order of the
 * serials: a chain position says nothing about when a vote came, not even roughly. (Votes used to
 * enter the chain in batches of ten; a batch's members are the ten voters the token log shows
 * coming one after another, so a batch of one choice gave those ten votes away: docs/e-voting.md.)
 * Each chain entry's hash covers the entry before it, so a stored vote changed afterwards breaks
 * the chain at that position; the closing tally and the chain's last hash are signed with the
 * election's Ed25519 key, whose public half is shown on the public results page.
 */
type Trx = Transaction<Database>;
type Q = Kysely<Database> | Trx;

export interface StationKey { village: string; election: number; station: number }

/** The chain's first `prev_hash`: bound to the village, election and TPS, so no chain is moved to another. */
export const genesisHash = (k: StationKey) => createHash('sha256').update(`balai-pilkades|${k.village}|${k.election}|${k.station}`).digest('hex');

/** The hash of one chain entry: what it holds and the hash before it. */
export const entryHash = (k: StationKey, position: number, serial: string, candidate: number, prev: string) =>
  createHash('sha256').update(`${k.village}|${k.election}|${k.station}|${position}|${serial}|${candidate}|${prev}`).digest('hex');

/** A ballot serial: 12 hex digits, random, printed on the paper receipt; no identity in it. */
export const newSerial = () => randomBytes(6).toString('hex').toUpperCase();

/** The MAC key of the pools; asked before a transaction opens (PGlite runs one query at a time). */
export const poolKey = (db: Kysely<Database>) => serverSecret(db, 'election-pool-mac');

// Over a canonical text of the ballots, not their JSON: jsonb gives an object's keys back in its own
// order ({"c":…,"s":…}), so the stored pool never stringifies as it was written.
const poolMac = (key: string, k: StationKey, ballots: PooledBallot[]) =>
  createHmac('sha256', key).update(`${k.village}|${k.election}|${k.station}|${ballots.map((b) => `${b.s}:${b.c}`).join(',')}`).digest('hex');

const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Makes the empty pool of a TPS (when the voting opens). */
export async function openPool(trx: Trx, key: string, k: StationKey) {
  await trx.insertInto('election_ballot_pool')
    .values({ village_code: k.village, election_id: k.election, station_id: k.station, ballots: '[]', mac: poolMac(key, k, []) })
    .onConflict((oc) => oc.columns(['village_code', 'election_id', 'station_id']).doNothing()).execute();
}

/** The pool of a TPS, locked for this transaction, its seal checked. */
async function lockedPool(trx: Trx, key: string, k: StationKey, stationNumber: number) {
  const row = await trx.selectFrom('election_ballot_pool').select(['ballots', 'mac'])
    .where('village_code', '=', k.village).where('election_id', '=', k.election).where('station_id', '=', k.station)
    .forUpdate().executeTakeFirst();
  if (!row) throw conflict('election.station_closed', undefined, { number: stationNumber });
  const ballots = typeof row.ballots === 'string' ? (JSON.parse(row.ballots) as PooledBallot[]) : row.ballots;
  if (!sameHex(row.mac, poolMac(key, k, ballots))) throw conflict('election.pool_tampered', undefined, { number: stationNumber });
  return ballots;
}

async function writePool(trx: Trx, key: string, k: StationKey, ballots: PooledBallot[]) {
  await trx.updateTable('election_ballot_pool').set({ ballots: JSON.stringify(ballots), mac: poolMac(key, k, ballots) })
    .where('village_code', '=', k.village).where('election_id', '=', k.election).where('station_id', '=', k.station).execute();
}

/** Appends ballots (already in serial order) to the chain after its last entry. */
async function appendToChain(trx: Trx, k: StationKey, ballots: PooledBallot[]) {
  if (ballots.length === 0) return;
  const last = await trx.selectFrom('election_ballots').select(['position', 'hash'])
    .where('village_code', '=', k.village).where('election_id', '=', k.election).where('station_id', '=', k.station)
    .orderBy('position', 'desc').limit(1).executeTakeFirst();
  let position = last ? Number(last.position) : 0;
  let prev = last ? last.hash : genesisHash(k);
  const rows = ballots.map((b) => {
    position += 1;
    const hash = entryHash(k, position, b.s, b.c, prev);
    const row = { village_code: k.village, election_id: k.election, station_id: k.station, position, serial: b.s, candidate_id: b.c, prev_hash: prev, hash };
    prev = hash;
    return row;
  });
  // In parts: a statement takes at most 65,535 parameters (8 a row).
  for (let i = 0; i < rows.length; i += 2000) await trx.insertInto('election_ballots').values(rows.slice(i, i + 2000)).execute();
}

/** Where a serial goes in a pool sorted by serial (binary search). */
function slotOf(pool: PooledBallot[], serial: string) {
  let lo = 0;
  let hi = pool.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pool[mid]!.s < serial) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Puts one vote in the TPS's pool; returns its serial for the paper receipt. Runs inside the
 * transaction that uses the voter's token, so a vote is stored exactly when a token is spent.
 * A serial already in the pool (one in billions) is drawn again; the chain's unique key keeps
 * the rest of the election's serials apart at closing.
 */
export async function dropBallot(trx: Trx, key: string, k: StationKey, stationNumber: number, candidate: number): Promise<string> {
  const pool = await lockedPool(trx, key, k, stationNumber);
  let serial = newSerial();
  let at = slotOf(pool, serial);
  while (pool[at]?.s === serial) {
    serial = newSerial();
    at = slotOf(pool, serial);
  }
  pool.splice(at, 0, { s: serial, c: candidate });
  await writePool(trx, key, k, pool);
  return serial;
}

/** Empties the pool into the chain (closing the TPS) and removes it: no vote can enter after. */
async function sealPool(trx: Trx, key: string, k: StationKey, stationNumber: number) {
  const pool = await lockedPool(trx, key, k, stationNumber);
  await appendToChain(trx, k, pool);
  await trx.deleteFrom('election_ballot_pool').where('village_code', '=', k.village).where('election_id', '=', k.election).where('station_id', '=', k.station).execute();
}

/** Votes per candidate id in a TPS's chain. */
async function chainTally(db: Q, k: StationKey): Promise<Record<string, number>> {
  const r = await sql<{ candidate_id: number; n: number }>`select candidate_id, count(*)::int as n from election_ballots
    where village_code = ${k.village} and election_id = ${k.election} and station_id = ${k.station} group by candidate_id`.execute(db);
  return Object.fromEntries(r.rows.map((x) => [String(x.candidate_id), Number(x.n)]));
}

// The election's signing key: an Ed25519 seed kept as a server secret, one per election.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
async function electionPrivateKey(db: Kysely<Database>, village: string, election: number) {
  const seed = Buffer.from(await serverSecret(db, `election-key:${village}:${election}`), 'hex');
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** The election's public key (PEM), shown on the public results page to check the signed tallies. */
export async function electionPublicKey(db: Kysely<Database>, village: string, election: number) {
  return createPublicKey(await electionPrivateKey(db, village, election)).export({ type: 'spki', format: 'pem' }).toString();
}

/** What a TPS's signature covers: the TPS, its tally (in candidate order) and its chain's last hash. */
export const tallyStatement = (k: StationKey, tally: Record<string, number>, head: string) =>
  `${k.village}|${k.election}|${k.station}|${Object.keys(tally).sort().map((c) => `${c}:${tally[c]}`).join(',')}|${head}`;

/** The signer of a TPS's closing, made before its transaction opens. */
export async function tallySigner(db: Kysely<Database>, village: string, election: number) {
  const key = await electionPrivateKey(db, village, election);
  return (statement: string) => sign(null, Buffer.from(statement), key).toString('base64');
}

export const checkTallySignature = (publicKeyPem: string, statement: string, signature: string) =>
  verify(null, Buffer.from(statement), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));

/** Closes a TPS: the pool into the chain, the tally and last hash signed and written on the TPS. */
export async function closeBox(trx: Trx, key: string, signer: (s: string) => string, k: StationKey, stationNumber: number, closedBy: number) {
  await sealPool(trx, key, k, stationNumber);
  const tally = await chainTally(trx, k);
  const last = await trx.selectFrom('election_ballots').select('hash')
    .where('village_code', '=', k.village).where('election_id', '=', k.election).where('station_id', '=', k.station)
    .orderBy('position', 'desc').limit(1).executeTakeFirst();
  const head = last?.hash ?? genesisHash(k);
  await trx.updateTable('election_stations')
    .set({ closed_at: new Date(), tally: JSON.stringify(tally), head_hash: head, tally_signature: signer(tallyStatement(k, tally, head)), closed_by: closedBy })
    .where('village_code', '=', k.village).where('id', '=', k.station).execute();
  return { tally, head };
}

export interface ChainCheck {
  ok: boolean;
  votes: number;
  /** The first entry that does not hold: its position and why. */
  broken: { position: number; problem: 'hash' | 'link' | 'gap' } | null;
  /** Closed TPS: whether the signed tally and last hash still match the chain. */
  signature: 'valid' | 'invalid' | 'open';
  pool: 'intact' | 'tampered' | 'sealed';
}

/**
 * Walks a TPS's chain from the start: every entry's hash recomputed, every link to the one
 * before, no missing position; a closed TPS's signed tally checked against the chain; an open
 * TPS's pool checked against its seal. Reads only.
 */
export async function verifyChain(db: Kysely<Database>, k: StationKey): Promise<ChainCheck> {
  const key = await poolKey(db);
  const rows = await db.selectFrom('election_ballots').select(['position', 'serial', 'candidate_id', 'prev_hash', 'hash'])
    .where('village_code', '=', k.village).where('election_id', '=', k.election).where('station_id', '=', k.station)
    .orderBy('position').execute();
  let prev = genesisHash(k);
  let broken: ChainCheck['broken'] = null;
  const tally: Record<string, number> = {};
  rows.forEach((r, i) => {
    const position = Number(r.position);
    tally[String(r.candidate_id)] = (tally[String(r.candidate_id)] ?? 0) + 1;
    if (broken) return;
    if (position !== i + 1) broken = { position, problem: 'gap' };
    else if (r.prev_hash !== prev) broken = { position, problem: 'link' };
    else if (entryHash(k, position, r.serial, Number(r.candidate_id), r.prev_hash) !== r.hash) broken = { position, problem: 'hash' };
    prev = r.hash;
  });
  const station = await db.selectFrom('election_stations').select(['tally_signature', 'head_hash', 'tally'])
    .where('village_code', '=', k.village).where('id', '=', k.station).executeTakeFirst();
  let signature: ChainCheck['signature'] = 'open';
  if (station?.tally_signature) {
    const statement = tallyStatement(k, tally, rows.length ? rows[rows.length - 1]!.hash : genesisHash(k));
    // The tally written on the TPS (what the pages show) must be the chain's too.
    const stored = typeof station.tally === 'string' ? (JSON.parse(station.tally) as Record<string, number>) : (station.tally ?? {});
    const good = station.head_hash === (rows.length ? rows[rows.length - 1]!.hash : genesisHash(k))
      && tallyStatement(k, stored, station.head_hash) === statement
      && checkTallySignature(await electionPublicKey(db, k.village, k.election), statement, station.tally_signature);
    signature = good ? 'valid' : 'invalid';
  }
  const poolRow = await db.selectFrom('election_ballot_pool').select(['ballots', 'mac'])
    .where('village_code', '=', k.village).where('election_id', '=', k.election).where('station_id', '=', k.station).executeTakeFirst();
  let pool: ChainCheck['pool'] = 'sealed';
  if (poolRow) {
    const ballots = typeof poolRow.ballots === 'string' ? (JSON.parse(poolRow.ballots) as PooledBallot[]) : poolRow.ballots;
    pool = sameHex(poolRow.mac, poolMac(key, k, ballots)) ? 'intact' : 'tampered';
  }
  return { ok: broken === null && signature !== 'invalid' && pool !== 'tampered', votes: rows.length, broken, signature, pool };
}
