import type { Kysely, Transaction } from 'kysely';
import type { Database, ElectionStatus } from '../../platform/db/schema.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';

type Q = Kysely<Database> | Transaction<Database>;

/** The stages (setup → dps → dpt → voting → closed), as the committee's pages name them. */
export const STAGE_LABEL: Record<ElectionStatus, { id: string; en: string }> = {
  setup: { id: 'Persiapan', en: 'Set-up' },
  dps: { id: 'DPS diumumkan (masa tanggapan)', en: 'Provisional list published (objections)' },
  dpt: { id: 'DPT ditetapkan', en: 'Final list frozen' },
  voting: { id: 'Pemungutan suara', en: 'Voting' },
  closed: { id: 'Selesai (dihitung)', en: 'Closed (counted)' },
};

/** An election of the village, locked for update when asked; 404 when it is not this village's. */
export async function electionOf(q: Q, village: string, id: number | null, lock = false) {
  if (id === null) throw notFound('election.not_found');
  let query = q.selectFrom('elections').selectAll().where('village_code', '=', village).where('id', '=', id);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('election.not_found');
  return { ...row, id: Number(row.id) };
}

/** The election, which must be at one of `stages` for the step asked (409 naming the stage it is at). */
export async function electionInStage(q: Q, village: string, id: number | null, stages: readonly ElectionStatus[], lock = false) {
  const e = await electionOf(q, village, id, lock);
  if (!stages.includes(e.status)) throw conflict('election.wrong_stage', undefined, { stage: STAGE_LABEL[e.status].id });
  return e;
}

/** A TPS of the election (400 naming the field when it is not one). */
export async function stationOf(q: Q, village: string, election: number, id: number | null, field = 'station') {
  if (id === null) throw badRequest('election.station_not_found', field);
  const row = await q.selectFrom('election_stations').selectAll().where('village_code', '=', village).where('election_id', '=', election).where('id', '=', id).executeTakeFirst();
  if (!row) throw badRequest('election.station_not_found', field);
  return { ...row, id: Number(row.id) };
}
