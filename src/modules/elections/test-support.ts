import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/access/access.js';
import type { Role } from '../../platform/access/roles.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import type { Database } from '../../platform/db/schema.js';
import { addDays, todayInWib } from '../../platform/format/format.js';
import { openPool, poolKey } from './ballot-box.js';
import { recountElection } from './rollup.js';

/**
 * Tests' and benchmarks' fixture: an election made by direct inserts, at the final list (DPT)
 * or already open for voting, with its own residents (new families in new dusun, one dusun a
 * TPS). Voting day is today (WIB). Not used by the application.
 */
export interface ReadyElection {
  electionId: number;
  stations: { id: number; number: number }[];
  candidates: { id: number; number: number; name: string }[];
  /** Every voter of the DPT, station by station, in the order they were inserted. */
  voters: { nik: string; name: string; residentId: number; voterId: number; stationId: number; stationNumber: number }[];
  /** The user recorded as having made the election (the village's committee when it has one). */
  createdBy: number;
}

export interface ReadyOptions {
  stations: number;
  candidates: number;
  votersPerStation: number;
  /** true: stage 'voting' with every TPS's pool open; false: stage 'dpt'. */
  open: boolean;
  /** The election's title (default "Pemilihan Kepala Desa <n>"). */
  title?: string;
}

const CANDIDATE_NAMES = ['Ahmad Fauzi', 'Siti Aminah', 'Bambang Riyadi', 'Dewi Lestari', 'Joko Susilo', 'Rina Marlina', 'Hasan Basri', 'Nur Aini', 'Yusuf Hamdani', 'Wati Sulastri'];
const GIVEN = ['Agus', 'Budi', 'Citra', 'Dedi', 'Eka', 'Fitri', 'Gilang', 'Hana', 'Indra', 'Joni', 'Kartini', 'Lukman', 'Mega', 'Nanda', 'Oki', 'Putri'];
const FAMILY = ['Saputra', 'Wijaya', 'Lestari', 'Pratama', 'Hidayat', 'Rahayu', 'Setiawan', 'Kurniawan', 'Utami', 'Santoso'];

export async function electionReady(db: Kysely<Database>, village: string, options: ReadyOptions): Promise<ReadyElection> {
  const { stations: nStations, candidates: nCandidates, votersPerStation, open } = options;
  if (nStations * votersPerStation > 9999) throw new Error('electionReady: at most 9,999 voters');
  const creator = (await db.selectFrom('users').select('id').where('role', '=', 'election_committee').where('region_code', '=', village).orderBy('id').limit(1).executeTakeFirst())
    ?? (await db.selectFrom('users').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow());
  const createdBy = Number(creator.id);
  const before = Number((await db.selectFrom('elections').select((e) => e.fn.countAll<number>().as('n')).where('village_code', '=', village).executeTakeFirstOrThrow()).n);
  const today = todayInWib();
  const election = await db.insertInto('elections').values({
    village_code: village, title: options.title ?? `Pemilihan Kepala Desa ${before + 1}`, committee_decree: `SK BPD Nomor ${before + 1}/2026`,
    registration_from: addDays(today, -90), registration_to: addDays(today, -80), dps_date: addDays(today, -70), objections_to: addDays(today, -60),
    dpt_date: addDays(today, -50), campaign_from: addDays(today, -40), campaign_to: addDays(today, -3), voting_day: today,
    status: open ? 'voting' : 'dpt', dps_made_at: new Date(), dpt_frozen_at: new Date(), voting_opened_at: open ? new Date() : null, created_by: createdBy,
  }).returning('id').executeTakeFirstOrThrow();
  const electionId = Number(election.id);

  const candidates: ReadyElection['candidates'] = [];
  for (let i = 1; i <= nCandidates; i++) {
    const name = CANDIDATE_NAMES[(i - 1) % CANDIDATE_NAMES.length]!;
    const row = await db.insertInto('election_candidates').values({
      village_code: village, election_id: electionId, number: i, name, vision: 'Desa yang maju dan sejahtera', mission: 'Membangun jalan desa dan pelayanan yang cepat', created_by: createdBy,
    }).returning('id').executeTakeFirstOrThrow();
    candidates.push({ id: Number(row.id), number: i, name });
  }

  // NIKs of this fixture: the village's district (6 digits), a birth date unique to this call, a sequence.
  const born = addDays('1960-01-01', (before * 53) % 12_000);
  const [y, m, d] = born.split('-');
  const nikStem = `${village.replace(/\./g, '').slice(0, 6)}${d}${m}${y!.slice(2)}`;
  const stations: ReadyElection['stations'] = [];
  const voters: ReadyElection['voters'] = [];
  let seq = 0;
  for (let s = 1; s <= nStations; s++) {
    const station = await db.insertInto('election_stations').values({ village_code: village, election_id: electionId, number: s, place: `Balai Dusun ${s}` })
      .returning('id').executeTakeFirstOrThrow();
    const stationId = Number(station.id);
    stations.push({ id: stationId, number: s });
    const area = await db.insertInto('village_areas_rows').values({ village_code: village, level: 'dusun', name: `Dusun Pilkades ${electionId}-${s}`, parent_id: null })
      .returning('id').executeTakeFirstOrThrow();
    await db.insertInto('election_station_areas').values({ village_code: village, election_id: electionId, station_id: stationId, area_id: Number(area.id) }).execute();
    const family = await db.insertInto('families_rows').values({ village_code: village, kk_number: `${nikStem}${String(s).padStart(4, '0')}` })
      .returning('id').executeTakeFirstOrThrow();
    const people = Array.from({ length: votersPerStation }, () => {
      seq += 1;
      const name = `${GIVEN[seq % GIVEN.length]} ${FAMILY[Math.floor(seq / GIVEN.length) % FAMILY.length]} ${seq}`;
      return { village_code: village, nik: `${nikStem}${String(seq).padStart(4, '0')}`, name, sex: 1 + (seq % 2), birth_date: born, religion: 1, family_id: Number(family.id), family_relation: 4, area_id: Number(area.id), life_status: 1 };
    });
    for (let i = 0; i < people.length; i += 500) {
      const part = people.slice(i, i + 500);
      if (part.length === 0) break;
      const residents = await db.insertInto('residents_rows').values(part).returning(['id', 'nik', 'name']).execute();
      const listed = await db.insertInto('election_voters')
        .values(residents.map((r) => ({ village_code: village, election_id: electionId, resident_id: Number(r.id), station_id: stationId, source: 'register' as const })))
        .returning(['id', 'resident_id']).execute();
      const voterOf = new Map(listed.map((v) => [Number(v.resident_id), Number(v.id)]));
      for (const r of residents) voters.push({ nik: r.nik, name: r.name, residentId: Number(r.id), voterId: voterOf.get(Number(r.id))!, stationId, stationNumber: s });
    }
  }

  const key = await poolKey(db);
  await db.transaction().execute(async (trx) => {
    if (open) for (const s of stations) await openPool(trx, key, { village, election: electionId, station: s.id });
    await recountElection(trx, village);
  });
  return { electionId, stations, candidates, voters, createdBy };
}

/** A use case's context for an account (e.g. 'panitia.hanura', 'kpps1.hanura'), as a request of that user would carry. */
export async function contextOf(db: Db, username: string, ip = '127.0.0.1'): Promise<UseCaseContext> {
  const u = await db.kysely.selectFrom('users').select(['id', 'full_name', 'role', 'region_code']).where('username', '=', username).executeTakeFirstOrThrow();
  const actor: Actor = { kind: 'user', id: Number(u.id), username, fullName: u.full_name, role: u.role as Role, regionCode: u.region_code, language: 'id' };
  return { db, actor, ip, lang: 'id' };
}
