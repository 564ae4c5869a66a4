import { sql, type Transaction } from 'kysely';
import { can, userIdOf } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { formatDate, todayInWib } from '../../platform/format/format.js';
import { AppError, badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { clean, dateOf, paragraphs, text } from '../../platform/http/text-input.js';
import { thumbnail, webPhoto } from '../../platform/images/web-photo.js';
import { areaPath, findAreas, HOLDS_NIK } from '../population/index.js';
import { activeVillage, villageScope } from '../villages/village-scope.js';
import { electionInStage, electionOf } from './election-state.js';
import { recountElection } from './rollup.js';

/**
 * The committee's set-up of a village head election (stage 'setup'): the election and its
 * schedule, the TPS and the dusun/RW/RT each serves, the candidates with their photos, and the
 * residents a court stripped of the right to vote. Read with election.read (the village's
 * officials, the KPPS), written with election.manage (the committee). Every write recounts the
 * village's row for the levels above and is audited (no names, no NIK in the audit detail).
 */
type Trx = Transaction<Database>;

/** The schedule's dates in their order (the migration's check): each not before the one before it, the voting day after the campaign. */
export const SCHEDULE = ['registration_from', 'registration_to', 'dps_date', 'objections_to', 'dpt_date', 'campaign_from', 'campaign_to', 'voting_day'] as const;
export type ScheduleField = (typeof SCHEDULE)[number];
export type ElectionInput = { title?: string; committee_decree?: string } & Partial<Record<ScheduleField, string>>;

/** Title, decree and the eight dates, checked in the form's order, each refusal naming its field. */
export function checkedElection(input: ElectionInput, today: string) {
  const title = text(input.title, 'title', 5, 150);
  const committee_decree = text(input.committee_decree, 'committee_decree', 3, 100);
  const days = {} as Record<ScheduleField, string>;
  let before: string | null = null;
  for (const f of SCHEDULE) {
    if (clean(input[f]) === '') throw badRequest('validation.required', f);
    const day = dateOf(clean(input[f]), f);
    if (before !== null) {
      if (f === 'voting_day' && day <= before) throw badRequest('election.date_after', f, { day: formatDate(before) });
      if (f !== 'voting_day' && day < before) throw badRequest('election.date_not_before', f, { day: formatDate(before) });
    }
    days[f] = day;
    before = day;
  }
  // A committee may start keeping its election in Balai late in the stages, up to the voting day itself.
  if (days.voting_day < today) throw badRequest('election.voting_day_future', 'voting_day');
  return { title, committee_decree, ...days };
}

/** The village's elections, newest voting day first. */
export async function listElections(ctx: UseCaseContext, villageInput: string) {
  const village = await villageScope(ctx, villageInput, 'election.read');
  const elections = await ctx.db.kysely.selectFrom('elections').select(['id', 'title', 'status', 'voting_day', 'dps_date', 'committee_decree'])
    .where('village_code', '=', village).orderBy('voting_day', 'desc').orderBy('id', 'desc').execute();
  return { village, manage: can(ctx.actor, 'election.manage', village), elections: elections.map((e) => ({ ...e, id: Number(e.id) })) };
}

export async function createElection(ctx: UseCaseContext, villageInput: string, input: ElectionInput, today = todayInWib()) {
  const village = await villageScope(ctx, villageInput, 'election.manage');
  const values = checkedElection(input, today);
  return writeWithAudit(ctx, async (trx, audit) => {
    const { id } = await trx.insertInto('elections').values({ village_code: village, ...values, created_by: userIdOf(ctx.actor)! }).returning('id').executeTakeFirstOrThrow();
    await recountElection(trx, village);
    await audit({ action: 'election.create', villageCode: village, subject: `election:${id}`, detail: { voting_day: values.voting_day, decree: values.committee_decree } });
    return { id: Number(id) };
  });
}

/** The title, decree and schedule changed while the election is being set up. */
export async function updateSchedule(ctx: UseCaseContext, villageInput: string, idInput: string, input: ElectionInput, today = todayInWib()) {
  const village = await villageScope(ctx, villageInput, 'election.manage');
  const id = parseId(idInput);
  const values = checkedElection(input, today);
  await writeWithAudit(ctx, async (trx, audit) => {
    await electionInStage(trx, village, id, ['setup'], true);
    await trx.updateTable('elections').set(values).where('village_code', '=', village).where('id', '=', id!).execute();
    await recountElection(trx, village);
    await audit({ action: 'election.schedule', villageCode: village, subject: `election:${id}`, detail: { ...values, title: undefined } });
  });
}

/** The election as its overview shows it: schedule, TPS with their areas and list sizes, candidates, open objections. */
export async function electionOverview(ctx: UseCaseContext, villageInput: string, idInput: string) {
  const village = await villageScope(ctx, villageInput, 'election.read');
  const db = ctx.db.kysely;
  const election = await electionOf(db, village, parseId(idInput));
  const id = election.id;
  const [stations, stationAreas, counts, candidates, disqualified, open, areas] = await Promise.all([
    db.selectFrom('election_stations').select(['id', 'number', 'place', 'closed_at']).where('village_code', '=', village).where('election_id', '=', id).orderBy('number').execute(),
    db.selectFrom('election_station_areas').select(['station_id', 'area_id']).where('village_code', '=', village).where('election_id', '=', id).execute(),
    db.selectFrom('election_voters').select(['station_id', (e) => e.fn.countAll<number>().as('n')]).where('village_code', '=', village).where('election_id', '=', id).where('listed', '=', true).groupBy('station_id').execute(),
    db.selectFrom('election_candidates').select(['id', 'number', 'name', 'vision', 'mission', sql<boolean>`photo is not null`.as('has_photo')])
      .where('village_code', '=', village).where('election_id', '=', id).orderBy('number').execute(),
    // Withdrawn ones too (shown struck through), each with where the resident is on the list now, if anywhere.
    db.selectFrom('election_disqualifications as d').innerJoin('residents as r', (j) => j.onRef('r.village_code', '=', 'd.village_code').onRef('r.id', '=', 'd.resident_id'))
      .leftJoin('election_voters as v', (j) => j.onRef('v.village_code', '=', 'd.village_code').onRef('v.election_id', '=', 'd.election_id').onRef('v.resident_id', '=', 'd.resident_id').on('v.listed', '=', true))
      .leftJoin('election_stations as s', (j) => j.onRef('s.village_code', '=', 'v.village_code').onRef('s.id', '=', 'v.station_id'))
      .select(['d.resident_id', 'd.entry', 'r.name', 'd.decision', 'd.recorded_at', 'd.withdrawn_at', 'd.withdrawal_reason', 's.number as station_number'])
      .where('d.village_code', '=', village).where('d.election_id', '=', id).orderBy('d.recorded_at').orderBy('d.resident_id').orderBy('d.entry').execute(),
    db.selectFrom('election_objections').select((e) => e.fn.countAll<number>().as('n')).where('village_code', '=', village).where('election_id', '=', id).where('decision', 'is', null).executeTakeFirstOrThrow(),
    findAreas(db, village),
  ]);
  const count = new Map(counts.map((c) => [Number(c.station_id), Number(c.n)]));
  const areaIds = new Map<number, number[]>();
  for (const a of stationAreas) areaIds.set(Number(a.station_id), [...(areaIds.get(Number(a.station_id)) ?? []), Number(a.area_id)]);
  const areaList = areas.map((a) => ({ ...a, id: Number(a.id), parent_id: a.parent_id === null ? null : Number(a.parent_id) }));
  return {
    village, election, manage: can(ctx.actor, 'election.manage', village), areas: areaList,
    stations: stations.map((s) => {
      const ids = areaIds.get(Number(s.id)) ?? [];
      return { ...s, id: Number(s.id), voters: count.get(Number(s.id)) ?? 0, areaIds: ids, areaNames: ids.map((a) => areaPath(areaList, a)).sort() };
    }),
    candidates: candidates.map((c) => ({ ...c, id: Number(c.id) })),
    disqualified: disqualified.map((d) => ({ ...d, resident_id: Number(d.resident_id) })),
    openObjections: Number(open.n),
    voters: [...count.values()].reduce((a, b) => a + b, 0),
  };
}

/** The ids of a repeated form field (areas ticked), each a known id. */
const idList = (raw: string[] | undefined, field: string) => {
  const out: number[] = [];
  for (const v of raw ?? []) {
    if (clean(v) === '') continue;
    const id = parseId(clean(v));
    if (id === null) throw badRequest('validation.choice', field);
    if (!out.includes(id)) out.push(id);
  }
  return out;
};
const smallNumber = (v: string | undefined, field: string, max: number) => {
  const s = clean(v);
  if (s === '') throw badRequest('validation.required', field);
  if (!/^\d{1,3}$/.test(s)) throw badRequest('validation.type', field, { expected: 'angka' });
  const n = Number(s);
  if (n < 1) throw badRequest('validation.too_small', field, { min: 1 });
  if (n > max) throw badRequest('validation.too_big', field, { max });
  return n;
};

export interface StationInput { station_id?: string; tps_number?: string; tps_place?: string; tps_areas?: string[] }

/** A TPS added, or changed when `station_id` names one: its number, place and the dusun/RW/RT it serves (each area at one TPS only). */
export async function saveStation(ctx: UseCaseContext, villageInput: string, idInput: string, input: StationInput) {
  const village = await villageScope(ctx, villageInput, 'election.manage');
  const id = parseId(idInput);
  const editing = clean(input.station_id) === '' ? null : parseId(clean(input.station_id));
  if (clean(input.station_id) !== '' && editing === null) throw badRequest('election.station_not_found', 'tps_station');
  const number = smallNumber(input.tps_number, 'tps_number', 99);
  const place = text(input.tps_place, 'tps_place', 3, 150);
  const areaIds = idList(input.tps_areas, 'tps_areas');
  return writeWithAudit(ctx, async (trx, audit) => {
    const e = await electionInStage(trx, village, id, ['setup'], true);
    const areas = (await findAreas(trx, village)).map((a) => ({ ...a, id: Number(a.id), parent_id: a.parent_id === null ? null : Number(a.parent_id) }));
    for (const a of areaIds) if (!areas.some((x) => x.id === a)) throw badRequest('validation.choice', 'tps_areas');
    const others = await trx.selectFrom('election_stations').select(['id', 'number']).where('village_code', '=', village).where('election_id', '=', e.id).execute();
    if (editing !== null && !others.some((s) => Number(s.id) === editing)) throw badRequest('election.station_not_found', 'tps_station');
    const sameNumber = others.find((s) => s.number === number && Number(s.id) !== editing);
    if (sameNumber) throw conflict('election.tps_number_taken', 'tps_number', { number });
    if (areaIds.length > 0) {
      const taken = await trx.selectFrom('election_station_areas as sa').innerJoin('election_stations as s', (j) => j.onRef('s.village_code', '=', 'sa.village_code').onRef('s.id', '=', 'sa.station_id'))
        .select(['sa.area_id', 's.number']).where('sa.village_code', '=', village).where('sa.election_id', '=', e.id).where('sa.area_id', 'in', areaIds)
        .$if(editing !== null, (q) => q.where('sa.station_id', '<>', editing!)).executeTakeFirst();
      if (taken) throw conflict('election.area_taken', 'tps_areas', { area: areaPath(areas, Number(taken.area_id)), number: taken.number });
    }
    let stationId: number;
    if (editing === null) {
      stationId = Number((await trx.insertInto('election_stations').values({ village_code: village, election_id: e.id, number, place }).returning('id').executeTakeFirstOrThrow()).id);
    } else {
      stationId = editing;
      await trx.updateTable('election_stations').set({ number, place }).where('village_code', '=', village).where('id', '=', editing).execute();
      await trx.deleteFrom('election_station_areas').where('village_code', '=', village).where('election_id', '=', e.id).where('station_id', '=', editing).execute();
    }
    if (areaIds.length > 0) {
      await trx.insertInto('election_station_areas').values(areaIds.map((a) => ({ village_code: village, election_id: e.id, station_id: stationId, area_id: a }))).execute();
    }
    await recountElection(trx, village);
    await audit({ action: editing === null ? 'election.station_add' : 'election.station_edit', villageCode: village, subject: `election:${e.id}`, detail: { station: stationId, number, areas: areaIds } });
    return { id: stationId };
  });
}

export interface CandidateInput { candidate_id?: string; candidate_number?: string; candidate_name?: string; vision?: string; mission?: string }
const PHOTO_MAX_BYTES = 8 * 1024 * 1024;

/** A candidate added, or changed when `candidate_id` names one; a photo sent replaces the one before (resized, metadata dropped). */
export async function saveCandidate(ctx: UseCaseContext, villageInput: string, idInput: string, input: CandidateInput, photo: Uint8Array | null) {
  const village = await villageScope(ctx, villageInput, 'election.manage');
  const id = parseId(idInput);
  const editing = clean(input.candidate_id) === '' ? null : parseId(clean(input.candidate_id));
  if (clean(input.candidate_id) !== '' && editing === null) throw badRequest('election.candidate_not_found', 'candidate_name');
  const number = smallNumber(input.candidate_number, 'candidate_number', 20);
  const name = text(input.candidate_name, 'candidate_name', 2, 100);
  const vision = paragraphs(input.vision, 'vision', 2000) ?? '';
  if (vision.length === 0) throw badRequest('validation.required', 'vision');
  if (vision.length < 5) throw badRequest('validation.too_short', 'vision', { min: 5 });
  const mission = paragraphs(input.mission, 'mission', 4000) ?? '';
  if (mission.length === 0) throw badRequest('validation.required', 'mission');
  if (mission.length < 5) throw badRequest('validation.too_short', 'mission', { min: 5 });
  let picture: Uint8Array | null = null;
  if (photo && photo.length > 0) {
    if (photo.length > PHOTO_MAX_BYTES) throw new AppError(413, 'file_too_large', 'projects.photo_size', { limit: '8 MB', field: 'candidate_photo' }, 'candidate_photo');
    const out = await webPhoto(photo, false);
    if (out === 'not_a_photo') throw new AppError(415, 'unsupported_file', 'projects.photo_type', { field: 'candidate_photo' }, 'candidate_photo');
    if (out === 'too_large') throw new AppError(413, 'file_too_large', 'projects.photo_pixels', { field: 'candidate_photo' }, 'candidate_photo');
    // A portrait on a ballot screen and a phone: 600 px is plenty.
    picture = await thumbnail(out.bytes, 600);
  }
  return writeWithAudit(ctx, async (trx, audit) => {
    const e = await electionInStage(trx, village, id, ['setup'], true);
    const others = await trx.selectFrom('election_candidates').select(['id', 'number']).where('village_code', '=', village).where('election_id', '=', e.id).execute();
    if (editing !== null && !others.some((c) => Number(c.id) === editing)) throw badRequest('election.candidate_not_found', 'candidate_name');
    if (others.some((c) => c.number === number && Number(c.id) !== editing)) throw conflict('election.candidate_number_taken', 'candidate_number', { number });
    const photoValues = picture ? { photo: picture, photo_type: 'image/jpeg' } : {};
    let candidateId: number;
    if (editing === null) {
      candidateId = Number((await trx.insertInto('election_candidates').values({
        village_code: village, election_id: e.id, number, name, vision, mission, ...photoValues, created_by: userIdOf(ctx.actor)!,
      }).returning('id').executeTakeFirstOrThrow()).id);
    } else {
      candidateId = editing;
      await trx.updateTable('election_candidates').set({ number, name, vision, mission, ...photoValues }).where('village_code', '=', village).where('id', '=', editing).execute();
    }
    await recountElection(trx, village);
    await audit({ action: editing === null ? 'election.candidate_add' : 'election.candidate_edit', villageCode: village, subject: `election:${e.id}`, detail: { candidate: candidateId, number, photo: picture !== null } });
    return { id: candidateId };
  });
}

/** A candidate's photo, for anyone: candidates are public. */
export async function candidatePhoto(ctx: UseCaseContext, villageInput: string, idInput: string, candidateInput: string) {
  const village = (await activeVillage(ctx, villageInput)).village_code;
  const id = parseId(idInput);
  const cid = parseId(candidateInput);
  if (id === null || cid === null) throw notFound('election.photo_not_found');
  const row = await ctx.db.kysely.selectFrom('election_candidates').select(['photo', 'photo_type']).where('village_code', '=', village).where('election_id', '=', id).where('id', '=', cid).executeTakeFirst();
  if (!row?.photo) throw notFound('election.photo_not_found');
  return { bytes: row.photo, type: row.photo_type ?? 'image/jpeg' };
}

/** A resident of the village by NIK (16 digits), preferring one who still holds it; 400 naming the field otherwise. */
export async function residentByNik(trx: Trx, village: string, nikInput: string | undefined, field: string) {
  const nik = clean(nikInput).replace(/\s/g, '');
  if (nik === '') throw badRequest('validation.required', field);
  if (!/^\d{16}$/.test(nik)) throw badRequest('election.nik_format', field);
  const r = await trx.selectFrom('residents').select(['id', 'name', 'life_status', 'citizenship']).where('village_code', '=', village).where('nik', '=', nik)
    .orderBy(sql`case when life_status in (${sql.join(HOLDS_NIK)}) then 0 else 1 end`).orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!r) throw badRequest('election.resident_unknown', field);
  return { ...r, id: Number(r.id) };
}

/**
 * A resident a court stripped of the right to vote: left out of the DPS. Recorded during set-up.
 * Recorded again after a withdrawal (withdrawDisqualification), it is a new entry beside the
 * withdrawn one, which stays as it was.
 */
export async function recordDisqualification(ctx: UseCaseContext, villageInput: string, idInput: string, input: { voter_nik?: string; court_decision?: string }) {
  const village = await villageScope(ctx, villageInput, 'election.manage');
  const id = parseId(idInput);
  const decision = text(input.court_decision, 'court_decision', 5, 200);
  await writeWithAudit(ctx, async (trx, audit) => {
    const e = await electionInStage(trx, village, id, ['setup'], true);
    const r = await residentByNik(trx, village, input.voter_nik, 'voter_nik');
    const before = await trx.selectFrom('election_disqualifications').select(['entry', 'withdrawn_at']).where('village_code', '=', village).where('election_id', '=', e.id).where('resident_id', '=', r.id).execute();
    if (before.some((d) => d.withdrawn_at === null)) throw conflict('election.already_disqualified', 'voter_nik');
    const entry = before.reduce((max, d) => Math.max(max, Number(d.entry)), 0) + 1;
    await trx.insertInto('election_disqualifications').values({ village_code: village, election_id: e.id, resident_id: r.id, entry, decision, recorded_by: userIdOf(ctx.actor)! }).execute();
    await recountElection(trx, village);
    await audit({ action: 'election.disqualify', villageCode: village, subject: `election:${e.id}`, detail: { resident: r.id, entry } });
  });
}
