import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/**
 * The village's row of monitoring_elections counted again for its latest election (by voting
 * day): its stage, TPS, candidates, DPT size and voters who took a ballot token. Run in the
 * transaction of every step that changes one of them (set-up, lists, voting, closing) and by
 * `rebuild-rollups`. Counts only: never a name, never a vote.
 */
export async function recountElection(trx: Transaction<Database>, village: string) {
  const e = await trx.selectFrom('elections').select(['id', 'voting_day', 'status']).where('village_code', '=', village)
    .orderBy('voting_day', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!e) return;
  const id = Number(e.id);
  const n = (await sql<{ stations: number; candidates: number; registered: number; voted: number }>`
    select (select count(*)::int from election_stations where village_code = ${village} and election_id = ${id}) as stations,
      (select count(*)::int from election_candidates where village_code = ${village} and election_id = ${id}) as candidates,
      (select count(*)::int from election_voters where village_code = ${village} and election_id = ${id} and listed) as registered,
      (select count(*)::int from election_voters where village_code = ${village} and election_id = ${id} and took_token) as voted`.execute(trx)).rows[0]!;
  // The time as a value: Citus runs no now() in the update of a distributed table.
  await sql`insert into monitoring_elections (village_code, election_id, voting_day, status, stations, candidates, registered, voted, updated_at)
    values (${village}, ${id}, ${e.voting_day}, ${e.status}, ${n.stations}, ${n.candidates}, ${n.registered}, ${n.voted}, ${new Date()}::timestamptz)
    on conflict (village_code) do update set election_id = excluded.election_id, voting_day = excluded.voting_day, status = excluded.status,
      stations = excluded.stations, candidates = excluded.candidates, registered = excluded.registered, voted = excluded.voted, updated_at = excluded.updated_at`.execute(trx);
}
