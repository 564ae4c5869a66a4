import { sql, type Kysely, type Transaction } from 'kysely';
import { can, userIdOf } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database, ElectionStatus } from '../../platform/db/schema.js';
import { formatDate } from '../../platform/format/format.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { clean, text } from '../../platform/http/text-input.js';
import { ageOn, COUNTED_IN_POPULATION, LIFE_STATUS, maskNik } from '../population/index.js';
import { activeVillage, villageScope } from '../villages/village-scope.js';
import { electionInStage, electionOf, stationOf } from './election-state.js';
import { recountElection } from './rollup.js';
import { residentByNik } from './setup.service.js';

/**
 * The voter lists: the provisional list (DPS) made from the register in one statement, its
 * publication per TPS (name, masked NIK, sex, age — nothing else), the public's objections and
 * additions decided by the committee, and the final list (DPT) frozen. Nothing is deleted: a voter
 * struck off stays with `listed = false`, an objection stays with its decision.
 */
type Trx = Transaction<Database>;
type Q = Kysely<Database> | Trx;

const WNI = 1;
const NOT_MARRIED = 1; // maritalStatus 1 "BELUM KAWIN" (codes.json)
const FROZEN: readonly ElectionStatus[] = ['dpt', 'voting', 'closed'];

const pad = (n: number) => String(n).padStart(2, '0');
/** The day `months` months before `day`, the day of month kept (or the month's last day: 31 August − 6 months = 28 February). */
export function monthsBefore(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const yy = Math.floor(total / 12);
  const mm = (total % 12) + 1;
  const last = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  return `${yy}-${pad(mm)}-${pad(Math.min(d, last))}`;
}

/** The rules of a voter on the DPS day, as dates: resident since, born on or before. */
export function dpsRules(e: { dps_date: string; voting_day: string }) {
  return { residentSince: monthsBefore(e.dps_date, 6), bornBy: monthsBefore(e.voting_day, 17 * 12) };
}

/** The election with its lists open to change (stage 'dps'); a frozen DPT is refused with its own message. */
async function listsOpen(trx: Trx, village: string, id: number | null) {
  const e = await electionOf(trx, village, id, true);
  if (FROZEN.includes(e.status)) throw conflict('election.lists_frozen');
  return electionInStage(trx, village, id, ['dps']);
}

/**
 * The DPS from the register (stage setup → dps), in one transaction: every resident the rules
 * find (drawVoters), each at their TPS.
 */
export async function makeDps(ctx: UseCaseContext, villageInput: string, idInput: string) {
  const village = await villageScope(ctx, villageInput, 'election.manage');
  const id = parseId(idInput);
  return writeWithAudit(ctx, async (trx, audit) => {
    const e = await electionInStage(trx, village, id, ['setup'], true);
    const stations = await trx.selectFrom('election_stations').select(['id', 'number']).where('village_code', '=', village).where('election_id', '=', e.id).orderBy('number').execute();
    if (stations.length === 0) throw conflict('election.dps_needs_station');
    const { n: candidates } = await trx.selectFrom('election_candidates').select((x) => x.fn.countAll<number>().as('n')).where('village_code', '=', village).where('election_id', '=', e.id).executeTakeFirstOrThrow();
    if (Number(candidates) < 2) throw conflict('election.dps_needs_candidates', undefined, { count: Number(candidates) });
    const { residentSince, bornBy } = dpsRules(e);
    const count = await drawVoters(trx, village, e, Number(stations[0]!.id), null);
    await trx.updateTable('elections').set({ status: 'dps', dps_made_at: new Date() }).where('village_code', '=', village).where('id', '=', e.id).execute();
    await recountElection(trx, village);
    await audit({ action: 'election.dps', villageCode: village, subject: `election:${e.id}`, detail: { voters: count, resident_since: residentSince, born_by: bornBy } });
    return { count };
  });
}

/**
 * The draw of the DPS: the voters the rules find, each placed at a TPS, inserted; returns how
 * many. A resident is a voter when all hold: living in the village (alive or temporarily away),
 * WNI, resident for six months before the DPS day (since their latest move-in, or since
 * birth/registration when they never moved in), 17 or over on the voting day or married now or
 * before, and not stripped of the right by a court (a withdrawn disqualification does not
 * count). Their TPS: the one serving their area (their own, else their family's; an RT, then its
 * RW, then its dusun); `first` (the lowest-numbered TPS) when none does. The whole register when
 * the DPS is made (`resident` null), or one resident once it is (a withdrawn disqualification),
 * then only when not on the list yet. One INSERT … SELECT, no CTE (Citus), every table joined on
 * the village.
 */
async function drawVoters(trx: Trx, village: string, e: { id: number; dps_date: string; voting_day: string }, first: number, resident: number | null) {
  const { residentSince, bornBy } = dpsRules(e);
  const living = sql.join(COUNTED_IN_POPULATION);
  const only = resident === null ? sql`` : sql`and r.id = ${resident}
        and not exists (select 1 from election_voters v where v.village_code = r.village_code and v.election_id = ${e.id} and v.resident_id = r.id)`;
  const inserted = await sql`
      insert into election_voters (village_code, election_id, resident_id, station_id, source)
      select r.village_code, ${e.id}::bigint, r.id, coalesce(s0.station_id, s1.station_id, s2.station_id, ${first}::bigint), 'register'
      from residents r
        left join families f on f.village_code = r.village_code and f.id = r.family_id
        left join village_areas a0 on a0.village_code = r.village_code and a0.id = coalesce(r.area_id, f.area_id)
        left join village_areas a1 on a1.village_code = a0.village_code and a1.id = a0.parent_id
        left join election_station_areas s0 on s0.village_code = r.village_code and s0.election_id = ${e.id} and s0.area_id = a0.id
        left join election_station_areas s1 on s1.village_code = r.village_code and s1.election_id = ${e.id} and s1.area_id = a1.id
        left join election_station_areas s2 on s2.village_code = r.village_code and s2.election_id = ${e.id} and s2.area_id = a1.parent_id
      where r.village_code = ${village}
        and r.life_status in (${living})
        and r.citizenship = ${WNI}
        and ((r.marital_status is not null and r.marital_status <> ${NOT_MARRIED}) or r.birth_date <= ${bornBy}::date)
        and not exists (select 1 from population_events pe where pe.village_code = r.village_code and pe.resident_id = r.id
          and pe.kind = 'move_in' and pe.event_date > ${residentSince}::date)
        and not exists (select 1 from election_disqualifications d where d.village_code = r.village_code and d.election_id = ${e.id} and d.resident_id = r.id
          and d.withdrawn_at is null)
        ${only}`.execute(trx);
  return Number(inserted.numAffectedRows ?? 0n);
}

export interface WithdrawalInput { resident_id?: string; voter_nik?: string; reason?: string }

/**
 * A court disqualification recorded by mistake, withdrawn while the lists may still change
 * (stages setup and dps): the row stays, marked withdrawn with when, by whom and why. Once the
 * DPS is made, the draw runs again for the resident alone — on the list at their TPS if the other
 * rules hold, as if never disqualified. After the DPT is frozen the list cannot change: refused.
 * The resident is named by `resident_id` (the set-up page's form) or `voter_nik`.
 */
export async function withdrawDisqualification(ctx: UseCaseContext, villageInput: string, idInput: string, input: WithdrawalInput) {
  const village = await villageScope(ctx, villageInput, 'election.manage');
  const id = parseId(idInput);
  const reason = text(input.reason, 'reason', 5, 200);
  return writeWithAudit(ctx, async (trx, audit) => {
    const e = await electionOf(trx, village, id, true);
    if (FROZEN.includes(e.status)) throw conflict('election.withdrawal_frozen');
    const field = clean(input.resident_id) !== '' ? 'resident_id' : 'voter_nik';
    const resident = field === 'resident_id' ? parseId(clean(input.resident_id)) : (await residentByNik(trx, village, input.voter_nik, field)).id;
    const latest = resident === null ? undefined : await trx.selectFrom('election_disqualifications').select(['entry', 'withdrawn_at'])
      .where('village_code', '=', village).where('election_id', '=', e.id).where('resident_id', '=', resident).orderBy('entry', 'desc').limit(1).executeTakeFirst();
    if (!latest || resident === null) throw badRequest('election.not_disqualified', field);
    if (latest.withdrawn_at !== null) throw conflict('election.disqualification_withdrawn', field, { day: formatDate(latest.withdrawn_at, ctx.lang) });
    // The time as a value: Citus runs no now() in the update of a distributed table.
    await trx.updateTable('election_disqualifications').set({ withdrawn_at: new Date(), withdrawn_by: userIdOf(ctx.actor)!, withdrawal_reason: reason })
      .where('village_code', '=', village).where('election_id', '=', e.id).where('resident_id', '=', resident).where('entry', '=', latest.entry).where('withdrawn_at', 'is', null).execute();
    let station: number | null = null;
    if (e.status === 'dps') {
      const first = await trx.selectFrom('election_stations').select('id').where('village_code', '=', village).where('election_id', '=', e.id).orderBy('number').limit(1).executeTakeFirstOrThrow();
      await drawVoters(trx, village, e, Number(first.id), resident);
      const v = await voterRow(trx, village, e.id, resident);
      station = v?.listed ? v.number : null;
    }
    await recountElection(trx, village);
    await audit({ action: 'election.disqualification_withdrawn', villageCode: village, subject: `election:${e.id}`, detail: { resident, entry: Number(latest.entry), listed_at_tps: station } });
    return { station };
  });
}

export interface ListRow { id: number; name: string; nik: string; sex: number; age: number | null; source: 'register' | 'objection'; listed: boolean }

/** The voters of one TPS (name, masked NIK, sex, age on the voting day), by name; those struck off only when asked. */
async function stationVoters(db: Q, village: string, e: { id: number; voting_day: string }, station: number, withRemoved: boolean): Promise<ListRow[]> {
  const rows = await db.selectFrom('election_voters as v').innerJoin('residents as r', (j) => j.onRef('r.village_code', '=', 'v.village_code').onRef('r.id', '=', 'v.resident_id'))
    .select(['v.id', 'r.name', 'r.nik', 'r.sex', 'r.birth_date', 'v.source', 'v.listed'])
    .where('v.village_code', '=', village).where('v.election_id', '=', e.id).where('v.station_id', '=', station)
    .$if(!withRemoved, (q) => q.where('v.listed', '=', true))
    .orderBy('r.name').orderBy('v.id').execute();
  return rows.map((r) => ({ id: Number(r.id), name: r.name, nik: maskNik(r.nik), sex: r.sex, age: ageOn(r.birth_date, e.voting_day), source: r.source, listed: r.listed }));
}

async function listOf(db: Q, village: string, e: Awaited<ReturnType<typeof electionOf>>, stationInput: string | undefined, withRemoved: boolean) {
  const stations = await db.selectFrom('election_stations').select(['id', 'number', 'place']).where('village_code', '=', village).where('election_id', '=', e.id).orderBy('number').execute();
  const counts = await db.selectFrom('election_voters').select(['station_id', (x) => x.fn.countAll<number>().as('n')])
    .where('village_code', '=', village).where('election_id', '=', e.id).where('listed', '=', true).groupBy('station_id').execute();
  const count = new Map(counts.map((c) => [Number(c.station_id), Number(c.n)]));
  const chosen = parseId(clean(stationInput)) ?? Number(stations[0]?.id ?? 0);
  const station = stations.find((s) => Number(s.id) === chosen) ?? stations[0];
  if (clean(stationInput) !== '' && station && Number(station.id) !== chosen) throw notFound('election.station_not_found', { field: 'TPS' });
  const rows = station ? await stationVoters(db, village, e, Number(station.id), withRemoved) : [];
  return {
    stations: stations.map((s) => ({ id: Number(s.id), number: s.number, place: s.place, voters: count.get(Number(s.id)) ?? 0 })),
    station: station ? { id: Number(station.id), number: station.number, place: station.place } : null,
    rows,
    total: [...count.values()].reduce((a, b) => a + b, 0),
  };
}

/** The published list for everyone (DPS, then DPT): per TPS, name, masked NIK, sex and age only. */
export async function publicVoterList(ctx: UseCaseContext, villageInput: string, idInput: string, stationInput: string | undefined) {
  const village = await activeVillage(ctx, villageInput);
  const db = ctx.db.kysely;
  const e = await electionOf(db, village.village_code, parseId(idInput));
  if (e.status === 'setup') throw notFound('election.list_not_published');
  return { village: village.village_code, villageName: village.name, election: e, ...(await listOf(db, village.village_code, e, stationInput, false)) };
}

/** The committee's page of the lists: the same list per TPS (with those struck off), and every objection with its decision. */
export async function committeeVoterList(ctx: UseCaseContext, villageInput: string, idInput: string, stationInput: string | undefined) {
  const village = await villageScope(ctx, villageInput, 'election.read');
  const db = ctx.db.kysely;
  const e = await electionOf(db, village, parseId(idInput));
  const list = e.status === 'setup' ? { stations: [], station: null, rows: [], total: 0 } : await listOf(db, village, e, stationInput, true);
  const objections = await db.selectFrom('election_objections as o')
    .innerJoin('residents as r', (j) => j.onRef('r.village_code', '=', 'o.village_code').onRef('r.id', '=', 'o.resident_id'))
    .leftJoin('election_stations as s', (j) => j.onRef('s.village_code', '=', 'o.village_code').onRef('s.id', '=', 'o.station_id'))
    .leftJoin('users as u', 'u.id', 'o.decided_by')
    .select(['o.id', 'o.kind', 'o.reason', 'o.filed_by', 'o.decision', 'o.decision_note', 'o.decided_at', 'o.recorded_at', 'r.name', 'r.nik', 's.number as station_number', 'u.full_name as decided_by_name'])
    .where('o.village_code', '=', village).where('o.election_id', '=', e.id).orderBy('o.id').execute();
  const stations = list.stations.length > 0 ? list.stations
    : (await db.selectFrom('election_stations').select(['id', 'number', 'place']).where('village_code', '=', village).where('election_id', '=', e.id).orderBy('number').execute()).map((s) => ({ id: Number(s.id), number: s.number, place: s.place, voters: 0 }));
  return {
    village, election: e, manage: can(ctx.actor, 'election.manage', village), ...list, stations,
    objections: objections.map((o) => ({ ...o, id: Number(o.id), nik: maskNik(o.nik) })),
  };
}

const KINDS = ['remove', 'add', 'move'] as const;
type Kind = (typeof KINDS)[number];
export interface ObjectionInput { objection_kind?: string; voter_nik?: string; reason?: string; filed_by?: string; tps_station?: string }

async function voterRow(trx: Trx, village: string, election: number, resident: number) {
  return trx.selectFrom('election_voters as v').innerJoin('election_stations as s', (j) => j.onRef('s.village_code', '=', 'v.village_code').onRef('s.id', '=', 'v.station_id'))
    .select(['v.id', 'v.listed', 'v.station_id', 's.number']).where('v.village_code', '=', village).where('v.election_id', '=', election).where('v.resident_id', '=', resident).executeTakeFirst();
}

/** An objection or addition to the DPS as filed (stage 'dps'): remove a listed voter, add a missing resident, or move a voter to another TPS. */
export async function fileObjection(ctx: UseCaseContext, villageInput: string, idInput: string, input: ObjectionInput) {
  const village = await villageScope(ctx, villageInput, 'election.manage');
  const id = parseId(idInput);
  const kind = KINDS.find((k) => k === clean(input.objection_kind));
  if (!kind) throw badRequest(clean(input.objection_kind) === '' ? 'validation.required' : 'validation.choice', 'objection_kind');
  return writeWithAudit(ctx, async (trx, audit) => {
    const e = await listsOpen(trx, village, id);
    const r = await residentByNik(trx, village, input.voter_nik, 'voter_nik');
    const reason = text(input.reason, 'reason', 5, 500);
    const filedBy = text(input.filed_by, 'filed_by', 2, 100);
    let station: number | null = null;
    if (kind !== 'remove') {
      if (clean(input.tps_station) === '') throw badRequest('validation.required', 'tps_station');
      station = (await stationOf(trx, village, e.id, parseId(clean(input.tps_station)), 'tps_station')).id;
    }
    const v = await voterRow(trx, village, e.id, r.id);
    if (kind === 'remove' && !v?.listed) throw badRequest('election.not_listed', 'voter_nik');
    if (kind === 'add' && v?.listed) throw badRequest('election.already_listed', 'voter_nik', { number: v.number });
    if (kind === 'move') {
      if (!v?.listed) throw badRequest('election.not_listed', 'voter_nik');
      if (Number(v.station_id) === station) throw badRequest('election.same_station', 'tps_station', { number: v.number });
    }
    const { id: oid } = await trx.insertInto('election_objections').values({
      village_code: village, election_id: e.id, kind, resident_id: r.id, station_id: station, reason, filed_by: filedBy, recorded_by: userIdOf(ctx.actor)!,
    }).returning('id').executeTakeFirstOrThrow();
    await audit({ action: 'election.objection', villageCode: village, subject: `election:${e.id}`, detail: { objection: Number(oid), kind, resident: r.id, station } });
    return { id: Number(oid) };
  });
}

/** The committee's decision on an objection; an accepted one changes the list in the same transaction. */
export async function decideObjection(ctx: UseCaseContext, villageInput: string, idInput: string, objectionInput: string, input: { decision?: string; decision_note?: string }) {
  const village = await villageScope(ctx, villageInput, 'election.manage');
  const id = parseId(idInput);
  const oid = parseId(objectionInput);
  const decision = (['accepted', 'rejected'] as const).find((d) => d === clean(input.decision));
  if (!decision) throw badRequest(clean(input.decision) === '' ? 'validation.required' : 'validation.choice', 'decision');
  const note = text(input.decision_note, 'decision_note', 3, 500);
  await writeWithAudit(ctx, async (trx, audit) => {
    const e = await listsOpen(trx, village, id);
    const o = oid === null ? undefined : await trx.selectFrom('election_objections').selectAll().where('village_code', '=', village).where('election_id', '=', e.id).where('id', '=', oid).forUpdate().executeTakeFirst();
    if (!o) throw notFound('election.objection_not_found');
    if (o.decision !== null) throw conflict('election.objection_decided', 'decision');
    const resident = Number(o.resident_id);
    if (decision === 'accepted') await apply(trx, village, e.id, o.kind, resident, o.station_id === null ? null : Number(o.station_id));
    await trx.updateTable('election_objections').set({ decision, decision_note: note, decided_by: userIdOf(ctx.actor), decided_at: new Date() })
      .where('village_code', '=', village).where('id', '=', o.id).execute();
    await recountElection(trx, village);
    await audit({ action: 'election.objection_decide', villageCode: village, subject: `election:${e.id}`, detail: { objection: Number(o.id), kind: o.kind, decision } });
  });
}

async function apply(trx: Trx, village: string, election: number, kind: Kind, resident: number, station: number | null) {
  const v = await voterRow(trx, village, election, resident);
  if (kind === 'remove') {
    if (!v?.listed) throw conflict('election.not_listed', 'decision');
    await trx.updateTable('election_voters').set({ listed: false }).where('village_code', '=', village).where('id', '=', v.id).execute();
    return;
  }
  if (kind === 'move') {
    if (!v?.listed) throw conflict('election.not_listed', 'decision');
    await trx.updateTable('election_voters').set({ station_id: station! }).where('village_code', '=', village).where('id', '=', v.id).execute();
    return;
  }
  // add: only a resident who may vote — living in the village and WNI.
  const r = await trx.selectFrom('residents').select(['name', 'life_status', 'citizenship']).where('village_code', '=', village).where('id', '=', resident).executeTakeFirstOrThrow();
  if (!COUNTED_IN_POPULATION.includes(r.life_status ?? LIFE_STATUS.alive)) throw conflict('election.cannot_add_not_living', 'decision', { name: r.name });
  if (r.citizenship !== WNI) throw conflict('election.cannot_add_not_wni', 'decision', { name: r.name });
  if (v?.listed) throw conflict('election.already_listed', 'decision', { number: v.number });
  if (v) {
    await trx.updateTable('election_voters').set({ listed: true, station_id: station! }).where('village_code', '=', village).where('id', '=', v.id).execute();
  } else {
    await trx.insertInto('election_voters').values({ village_code: village, election_id: election, resident_id: resident, station_id: station!, source: 'objection' }).execute();
  }
}

/** The DPT frozen (stage dps → dpt): refused while an objection waits for its decision. The lists are read-only after. */
export async function freezeDpt(ctx: UseCaseContext, villageInput: string, idInput: string) {
  const village = await villageScope(ctx, villageInput, 'election.manage');
  const id = parseId(idInput);
  return writeWithAudit(ctx, async (trx, audit) => {
    const e = await listsOpen(trx, village, id);
    const { n } = await trx.selectFrom('election_objections').select((x) => x.fn.countAll<number>().as('n')).where('village_code', '=', village).where('election_id', '=', e.id).where('decision', 'is', null).executeTakeFirstOrThrow();
    if (Number(n) > 0) throw conflict('election.objections_open', undefined, { count: Number(n) });
    await trx.updateTable('elections').set({ status: 'dpt', dpt_frozen_at: new Date() }).where('village_code', '=', village).where('id', '=', e.id).execute();
    await recountElection(trx, village);
    const { voters } = await trx.selectFrom('election_voters').select((x) => x.fn.countAll<number>().as('voters')).where('village_code', '=', village).where('election_id', '=', e.id).where('listed', '=', true).executeTakeFirstOrThrow();
    await audit({ action: 'election.dpt', villageCode: village, subject: `election:${e.id}`, detail: { voters: Number(voters) } });
    return { voters: Number(voters) };
  });
}
