import type { Kysely } from 'kysely';
import { userIdOf } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { badRequest, conflict } from '../../platform/http/errors.js';
import { villageInScope } from '../villages/village-scope.js';
import { countElection, type CandidateRef, type StationCount } from './count.service.js';
import { electionOf, stationOf } from './election-state.js';

/**
 * The recount from the paper receipts (issue 20): after a TPS closes, the committee counts the
 * printed receipts in the box per candidate (and those it cannot read) and enters the counts
 * here, with a note. Entries are never changed: a later entry for the same TPS corrects an
 * earlier one, and the latest is compared with the electronic count of the TPS's chain.
 * Counts only; the receipts carry no voter.
 */
const MAX_COUNT = 100_000;

/** A count typed in a form: whole, 0 or more; empty reads as 0 only where `emptyIsZero`. */
function countOf(raw: string | undefined, key: Parameters<typeof badRequest>[0], field: string, params: Record<string, string | number>, emptyIsZero = false): number {
  const s = (raw ?? '').trim().replace(/\./g, '');
  if (s === '' && emptyIsZero) return 0;
  if (!/^[0-9]{1,6}$/.test(s) || Number(s) > MAX_COUNT) throw badRequest(key, field, params);
  return Number(s);
}

/** Records one recount of a closed TPS: `c<candidate id>` per candidate, `unreadable`, `note`. */
export async function enterRecount(ctx: UseCaseContext, villageInput: string, electionId: number | null, stationIdInput: string | undefined, fields: Record<string, string>) {
  const village = (await villageInScope(ctx, villageInput, 'election.manage')).village_code;
  const stationId = /^[0-9]{1,12}$/.test(stationIdInput ?? '') ? Number(stationIdInput) : null;
  const note = (fields.note ?? '').replace(/\s+/g, ' ').trim();
  if (note.length > 500) throw badRequest('election.recount_note_long', 'note', { max: 500 });
  return writeWithAudit(ctx, async (trx, audit) => {
    const e = await electionOf(trx, village, electionId);
    const station = await stationOf(trx, village, e.id, stationId, 'tps_station');
    if (!station.closed_at) throw conflict('election.count_station_open', 'tps_station', { number: station.number });
    const candidates = await trx.selectFrom('election_candidates').select(['id', 'number']).where('village_code', '=', village).where('election_id', '=', e.id).orderBy('number').execute();
    const counts: Record<string, number> = {};
    for (const c of candidates) counts[String(c.id)] = countOf(fields[`c${c.id}`], 'election.recount_count', `c${c.id}`, { number: c.number });
    const unreadable = countOf(fields.unreadable, 'election.recount_unreadable', 'unreadable', {}, true);
    const row = await trx.insertInto('election_recounts')
      .values({ village_code: village, election_id: e.id, station_id: station.id, counts: JSON.stringify(counts), unreadable, note, entered_by: userIdOf(ctx.actor)! })
      .returning('id').executeTakeFirstOrThrow();
    await audit({ action: 'election.recount', villageCode: village, subject: `election_station:${station.id}`, detail: { election: e.id, station: station.number, counts, unreadable } });
    return { id: Number(row.id), station: station.number };
  });
}

export interface RecountEntry {
  id: number; stationId: number; counts: Record<string, number>; unreadable: number; note: string; enteredBy: string; enteredAt: Date;
}
export interface RecountComparison {
  station: number;
  stationId: number;
  latest: RecountEntry;
  /** Earlier entries this one corrects. */
  corrected: number;
  /** Per candidate: the chain's count, the paper count, paper minus chain. */
  rows: { candidate: CandidateRef; electronic: number; paper: number; difference: number }[];
  paperTotal: number;
  electronicTotal: number;
  matches: boolean;
}

const countsOf = (raw: unknown): Record<string, number> => (typeof raw === 'string' ? (JSON.parse(raw) as Record<string, number>) : (raw as Record<string, number>));

/** Every recount entry of the election, newest first, with who entered it (an officer's account name, no voter). */
export async function recountEntries(db: Kysely<Database>, village: string, electionId: number): Promise<RecountEntry[]> {
  const rows = await db.selectFrom('election_recounts as r').innerJoin('users as u', 'u.id', 'r.entered_by')
    .select(['r.id', 'r.station_id', 'r.counts', 'r.unreadable', 'r.note', 'r.entered_at', 'u.full_name'])
    .where('r.village_code', '=', village).where('r.election_id', '=', electionId).orderBy('r.id', 'desc').execute();
  return rows.map((r) => ({ id: Number(r.id), stationId: Number(r.station_id), counts: countsOf(r.counts), unreadable: Number(r.unreadable), note: r.note, enteredBy: r.full_name, enteredAt: r.entered_at }));
}

/** The latest recount of each TPS that has one, beside the TPS's electronic count. */
export function compareRecounts(candidates: CandidateRef[], stations: StationCount[], entries: RecountEntry[]): RecountComparison[] {
  const out: RecountComparison[] = [];
  for (const s of stations) {
    const mine = entries.filter((e) => e.stationId === s.id);
    const latest = mine[0];
    if (!latest || !s.closed) continue;
    const rows = candidates.map((c) => {
      const electronic = s.votes[String(c.id)] ?? 0;
      const paper = latest.counts[String(c.id)] ?? 0;
      return { candidate: c, electronic, paper, difference: paper - electronic };
    });
    const paperTotal = rows.reduce((a, r) => a + r.paper, 0) + latest.unreadable;
    out.push({ station: s.number, stationId: s.id, latest, corrected: mine.length - 1, rows, paperTotal, electronicTotal: s.cast, matches: latest.unreadable === 0 && rows.every((r) => r.difference === 0) });
  }
  return out;
}

/** The committee's recount page: the closed TPS, their electronic counts, every entry and the comparison. */
export async function recountView(ctx: UseCaseContext, villageInput: string, electionId: number | null) {
  const row = await villageInScope(ctx, villageInput, 'election.manage');
  const village = { code: row.village_code, name: row.name };
  const e = await electionOf(ctx.db.kysely, village.code, electionId);
  const count = await countElection(ctx.db.kysely, village, e);
  const entries = await recountEntries(ctx.db.kysely, village.code, e.id);
  return { count, entries, comparison: compareRecounts(count.candidates, count.stations, entries) };
}
