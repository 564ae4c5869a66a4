import { sql, type Transaction } from 'kysely';
import { userIdOf } from '../../platform/access/access.js';
import { recordAudit, writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database, InstitutionKind } from '../../platform/db/schema.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { clean, dateOf, paragraphs, text } from '../../platform/http/text-input.js';
import { todayInWib } from '../../platform/format/format.js';
import { COUNTED_IN_POPULATION, maskNik } from '../population/index.js';
import { villageInScope } from '../villages/index.js';
import { INSTITUTION_KINDS, TRAINING_TOPICS } from './kinds.js';

/**
 * Village institutions (BPD, LPM, PKK, Karang Taruna, Posyandu, RT, RW, customary institutions,
 * community groups), their members from the population register with a position and a term,
 * their activities and decisions; trainings and who took part. Nothing here is deleted: a term
 * ends with a day and a reason, a wrong record is withdrawn with a reason.
 */
const counted = [...COUNTED_IN_POPULATION];
const optionalDate = (v: string | undefined, field: string) => (clean(v) ? dateOf(v, field) : null);
const optionalText = (v: string | undefined, field: string, max: number) => (clean(v) ? text(v, field, 1, max) : null);

export async function institutionsPage(ctx: UseCaseContext, villageInput: string) {
  const village = await villageInScope(ctx, villageInput, 'institutions.read');
  const code = village.village_code;
  const db = ctx.db.kysely;
  const [institutions, trainings, areas, totals] = await Promise.all([
    sql<{ id: number; kind: InstitutionKind; name: string; area_name: string | null; decree_number: string | null; decree_on: string | null; dissolved_on: string | null; members: number; records: number; last_held_on: string | null }>`
      select i.id, i.kind, i.name, a.name as area_name, i.decree_number, i.decree_on::text as decree_on, i.dissolved_on::text as dissolved_on,
        (select count(*)::int from institution_members m where m.village_code = i.village_code and m.institution_id = i.id and m.ended_on is null) as members,
        (select count(*)::int from institution_records r where r.village_code = i.village_code and r.institution_id = i.id and r.withdrawn_at is null) as records,
        (select max(held_on)::text from institution_records r where r.village_code = i.village_code and r.institution_id = i.id and r.withdrawn_at is null) as last_held_on
      from institutions i left join village_areas a on a.village_code = i.village_code and a.id = i.area_id
      where i.village_code = ${code} order by i.dissolved_on is not null, i.kind, i.name`.execute(db),
    sql<{ id: number; title: string; topic: string; held_on: string; place: string | null; makes_digital_cadres: boolean; participants: number }>`
      select t.id, t.title, t.topic, t.held_on::text as held_on, t.place, t.makes_digital_cadres,
        (select count(*)::int from training_participants p where p.village_code = t.village_code and p.training_id = t.id) as participants
      from trainings t where t.village_code = ${code} order by t.held_on desc, t.id desc limit 100`.execute(db),
    db.selectFrom('village_areas').select(['id', 'name', 'level']).where('village_code', '=', code).orderBy('level').orderBy('name').execute(),
    rollupRow(db, code),
  ]);
  return { village, institutions: institutions.rows, trainings: trainings.rows, areas, totals };
}

export interface InstitutionInput { kind?: string; name?: string; area_id?: string; decree_number?: string; decree_on?: string; note?: string }

export async function createInstitution(ctx: UseCaseContext, villageInput: string, input: InstitutionInput) {
  const village = await villageInScope(ctx, villageInput, 'institutions.write');
  const code = village.village_code;
  const kind = clean(input.kind) as InstitutionKind;
  if (!(kind in INSTITUTION_KINDS)) throw badRequest('validation.choice', 'kind');
  const name = text(input.name, 'name', 2, 120);
  const areaId = clean(input.area_id) ? parseId(clean(input.area_id)) : null;
  if (clean(input.area_id) && areaId === null) throw badRequest('validation.choice', 'area_id');
  const decreeOn = optionalDate(input.decree_on, 'decree_on');
  if (decreeOn && decreeOn > todayInWib()) throw badRequest('institutions.future', 'decree_on');
  const values = { decree_number: optionalText(input.decree_number, 'decree_number', 80), note: paragraphs(input.note, 'note', 1000) };
  return writeWithAudit(ctx, async (trx, audit) => {
    if (areaId && !(await trx.selectFrom('village_areas').select('id').where('village_code', '=', code).where('id', '=', areaId).executeTakeFirst())) throw badRequest('population.area_not_found', 'area_id');
    const { id } = await trx.insertInto('institutions').values({ village_code: code, kind, name, area_id: areaId, decree_on: decreeOn, ...values, created_by: userIdOf(ctx.actor)! })
      .returning('id').executeTakeFirstOrThrow();
    await refreshRollup(trx, code);
    await audit({ action: 'institution.create', villageCode: code, subject: `institution:${id}`, detail: { kind, name } });
    return { id: Number(id) };
  });
}

async function institutionOf(db: UseCaseContext['db']['kysely'] | Transaction<Database>, village: string, id: number) {
  const row = await db.selectFrom('institutions').selectAll().where('village_code', '=', village).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('institutions.not_found');
  return row;
}

export async function institutionPage(ctx: UseCaseContext, villageInput: string, id: number) {
  const village = await villageInScope(ctx, villageInput, 'institutions.read');
  const code = village.village_code;
  const db = ctx.db.kysely;
  const institution = await institutionOf(db, code, id);
  const [members, records, area] = await Promise.all([
    sql<{ id: number; resident_id: number; name: string; nik: string; position: string; term_start: string; term_end: string | null; ended_on: string | null; end_reason: string | null }>`
      select m.id, m.resident_id, r.name, r.nik, m.position, m.term_start::text as term_start, m.term_end::text as term_end, m.ended_on::text as ended_on, m.end_reason
      from institution_members m join residents r on r.village_code = m.village_code and r.id = m.resident_id
      where m.village_code = ${code} and m.institution_id = ${institution.id}
      order by m.ended_on is not null, m.ended_on desc nulls first, m.term_start, m.id`.execute(db),
    db.selectFrom('institution_records').selectAll().where('village_code', '=', code).where('institution_id', '=', institution.id)
      .orderBy('held_on', 'desc').orderBy('id', 'desc').limit(200).execute(),
    institution.area_id ? db.selectFrom('village_areas').select(['name', 'level']).where('village_code', '=', code).where('id', '=', institution.area_id).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  // Members are people of the register: their NIK is shown masked here (the register has it whole), the read logged.
  await recordAudit(db, ctx, { action: 'institution.read', villageCode: code, subject: `institution:${institution.id}`, detail: { residents: [...new Set(members.rows.map((m) => Number(m.resident_id)))] } });
  return {
    village, institution: { ...institution, id: Number(institution.id) }, area: area ?? null,
    current: members.rows.filter((m) => m.ended_on === null).map(({ nik, ...m }) => ({ ...m, nik: maskNik(nik) })),
    history: members.rows.filter((m) => m.ended_on !== null).map(({ nik, ...m }) => ({ ...m, nik: maskNik(nik) })),
    records,
  };
}

/** A resident of this village by NIK, present or temporarily away (not dead, moved or lost). */
async function livingResident(trx: Transaction<Database>, village: string, nikInput: string | undefined, field = 'nik') {
  const nik = clean(nikInput).replace(/\s/g, '');
  if (!nik) throw badRequest('validation.required', field);
  if (!/^\d{16}$/.test(nik)) throw badRequest('institutions.nik', field);
  const row = await trx.selectFrom('residents').select(['id', 'name']).where('village_code', '=', village).where('nik', '=', nik)
    .where('life_status', 'in', counted).executeTakeFirst();
  if (!row) throw badRequest('institutions.resident_unknown', field);
  return { id: Number(row.id), name: row.name };
}

export interface MemberInput { nik?: string; position?: string; term_start?: string; term_end?: string }

export async function addMember(ctx: UseCaseContext, villageInput: string, id: number, input: MemberInput) {
  const village = await villageInScope(ctx, villageInput, 'institutions.write');
  const code = village.village_code;
  const position = text(input.position, 'position', 2, 80);
  const termStart = dateOf(input.term_start, 'term_start');
  const termEnd = optionalDate(input.term_end, 'term_end');
  if (termEnd && termEnd < termStart) throw badRequest('institutions.end_before_start', 'term_end');
  return writeWithAudit(ctx, async (trx, audit) => {
    const institution = await institutionOf(trx, code, id);
    if (institution.dissolved_on) throw conflict('institutions.dissolved', 'nik');
    const resident = await livingResident(trx, code, input.nik);
    // The same person may hold two positions, never the same one twice at once.
    const same = await trx.selectFrom('institution_members').select('id').where('village_code', '=', code).where('institution_id', '=', institution.id)
      .where('resident_id', '=', resident.id).where('ended_on', 'is', null).where(sql<boolean>`lower(position) = lower(${position})`).executeTakeFirst();
    if (same) throw conflict('institutions.already_member', 'nik', { name: resident.name, position });
    const { id: memberId } = await trx.insertInto('institution_members').values({
      village_code: code, institution_id: institution.id, resident_id: resident.id, position, term_start: termStart, term_end: termEnd, created_by: userIdOf(ctx.actor)!,
    }).returning('id').executeTakeFirstOrThrow();
    await refreshRollup(trx, code);
    await audit({ action: 'institution.member_add', villageCode: code, subject: `institution:${institution.id}`, detail: { member: Number(memberId), resident: resident.id, position, term_start: termStart } });
    return { id: Number(memberId), name: resident.name };
  });
}

export async function endMember(ctx: UseCaseContext, villageInput: string, id: number, memberId: number, input: { ended_on?: string; reason?: string }) {
  const village = await villageInScope(ctx, villageInput, 'institutions.write');
  const code = village.village_code;
  const endedOn = dateOf(input.ended_on, 'ended_on');
  if (endedOn > todayInWib()) throw badRequest('institutions.future', 'ended_on');
  const reason = text(input.reason, 'reason', 3, 300);
  return writeWithAudit(ctx, async (trx, audit) => {
    const institution = await institutionOf(trx, code, id);
    const member = await trx.selectFrom('institution_members').select(['id', 'term_start', 'ended_on']).where('village_code', '=', code)
      .where('institution_id', '=', institution.id).where('id', '=', memberId).forUpdate().executeTakeFirst();
    if (!member) throw notFound('institutions.member_not_found');
    if (member.ended_on) throw conflict('institutions.already_ended', 'ended_on');
    const start = String(member.term_start).slice(0, 10);
    if (endedOn < start) throw badRequest('institutions.end_before_start', 'ended_on');
    await trx.updateTable('institution_members').set({ ended_on: endedOn, end_reason: reason, ended_by: userIdOf(ctx.actor)! })
      .where('village_code', '=', code).where('id', '=', member.id).execute();
    await refreshRollup(trx, code);
    await audit({ action: 'institution.member_end', villageCode: code, subject: `institution:${institution.id}`, detail: { member: Number(member.id), ended_on: endedOn, reason } });
  });
}

export interface RecordInput { kind?: string; held_on?: string; title?: string; summary?: string; participants?: string }

export async function addRecord(ctx: UseCaseContext, villageInput: string, id: number, input: RecordInput) {
  const village = await villageInScope(ctx, villageInput, 'institutions.write');
  const code = village.village_code;
  const kind = clean(input.kind);
  if (kind !== 'activity' && kind !== 'decision') throw badRequest('validation.choice', 'kind');
  const heldOn = dateOf(input.held_on, 'held_on');
  if (heldOn > todayInWib()) throw badRequest('institutions.future', 'held_on');
  const title = text(input.title, 'title', 3, 200);
  const summary = paragraphs(input.summary, 'summary', 2000);
  const participants = clean(input.participants) ? Number(clean(input.participants)) : null;
  if (participants !== null && (!Number.isSafeInteger(participants) || participants < 0 || participants > 100000)) throw badRequest('validation.type', 'participants', { expected: 'bilangan bulat 0–100.000' });
  return writeWithAudit(ctx, async (trx, audit) => {
    const institution = await institutionOf(trx, code, id);
    const { id: recordId } = await trx.insertInto('institution_records').values({
      village_code: code, institution_id: institution.id, kind, held_on: heldOn, title, summary, participants, created_by: userIdOf(ctx.actor)!,
    }).returning('id').executeTakeFirstOrThrow();
    await audit({ action: 'institution.record_add', villageCode: code, subject: `institution:${institution.id}`, detail: { record: Number(recordId), kind, held_on: heldOn, title } });
    return { id: Number(recordId) };
  });
}

export async function withdrawRecord(ctx: UseCaseContext, villageInput: string, id: number, recordId: number, input: { reason?: string }) {
  const village = await villageInScope(ctx, villageInput, 'institutions.write');
  const code = village.village_code;
  const reason = text(input.reason, 'reason', 3, 300);
  return writeWithAudit(ctx, async (trx, audit) => {
    const institution = await institutionOf(trx, code, id);
    const done = await trx.updateTable('institution_records').set({ withdrawn_at: new Date(), withdrawn_reason: reason, withdrawn_by: userIdOf(ctx.actor)! })
      .where('village_code', '=', code).where('institution_id', '=', institution.id).where('id', '=', recordId).where('withdrawn_at', 'is', null)
      .returning('id').executeTakeFirst();
    if (!done) throw notFound('institutions.record_not_found');
    await audit({ action: 'institution.record_withdraw', villageCode: code, subject: `institution:${institution.id}`, detail: { record: Number(done.id), reason } });
  });
}

export async function dissolveInstitution(ctx: UseCaseContext, villageInput: string, id: number, input: { ended_on?: string; reason?: string }) {
  const village = await villageInScope(ctx, villageInput, 'institutions.write');
  const code = village.village_code;
  const endedOn = dateOf(input.ended_on, 'ended_on');
  if (endedOn > todayInWib()) throw badRequest('institutions.future', 'ended_on');
  const reason = text(input.reason, 'reason', 3, 300);
  return writeWithAudit(ctx, async (trx, audit) => {
    const institution = await institutionOf(trx, code, id);
    if (institution.dissolved_on) throw conflict('institutions.dissolved', 'ended_on');
    await trx.updateTable('institutions').set({ dissolved_on: endedOn }).where('village_code', '=', code).where('id', '=', institution.id).execute();
    // Every term still running ends with it.
    await trx.updateTable('institution_members').set({ ended_on: sql`greatest(${endedOn}::date, term_start)`, end_reason: reason, ended_by: userIdOf(ctx.actor)! })
      .where('village_code', '=', code).where('institution_id', '=', institution.id).where('ended_on', 'is', null).execute();
    await refreshRollup(trx, code);
    await audit({ action: 'institution.dissolve', villageCode: code, subject: `institution:${institution.id}`, detail: { ended_on: endedOn, reason } });
  });
}

// ---------------------------------------------------------------------------------------
// trainings

export interface TrainingInput { title?: string; topic?: string; held_on?: string; place?: string; organiser?: string; makes_digital_cadres?: string; material_url?: string }

export async function createTraining(ctx: UseCaseContext, villageInput: string, input: TrainingInput) {
  const village = await villageInScope(ctx, villageInput, 'institutions.write');
  const code = village.village_code;
  const title = text(input.title, 'title', 3, 200);
  const topic = clean(input.topic);
  if (!(topic in TRAINING_TOPICS)) throw badRequest('validation.choice', 'topic');
  const heldOn = dateOf(input.held_on, 'held_on');
  const url = clean(input.material_url) || null;
  // Only a web address: a link a resident can open, never a script.
  if (url && (!/^https?:\/\/[^\s]+$/.test(url) || url.length > 500)) throw badRequest('institutions.url', 'material_url');
  return writeWithAudit(ctx, async (trx, audit) => {
    const { id } = await trx.insertInto('trainings').values({
      village_code: code, title, topic: topic as keyof typeof TRAINING_TOPICS, held_on: heldOn, place: optionalText(input.place, 'place', 200), organiser: optionalText(input.organiser, 'organiser', 200),
      makes_digital_cadres: input.makes_digital_cadres === '1' || input.makes_digital_cadres === 'on', material_url: url, created_by: userIdOf(ctx.actor)!,
    }).returning('id').executeTakeFirstOrThrow();
    await refreshRollup(trx, code);
    await audit({ action: 'training.create', villageCode: code, subject: `training:${id}`, detail: { title, topic, held_on: heldOn } });
    return { id: Number(id) };
  });
}

async function trainingOf(db: UseCaseContext['db']['kysely'] | Transaction<Database>, village: string, id: number) {
  const row = await db.selectFrom('trainings').selectAll().where('village_code', '=', village).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('institutions.training_not_found');
  return row;
}

export async function trainingPage(ctx: UseCaseContext, villageInput: string, id: number) {
  const village = await villageInScope(ctx, villageInput, 'institutions.read');
  const code = village.village_code;
  const training = await trainingOf(ctx.db.kysely, code, id);
  const people = await sql<{ resident_id: number; name: string; nik: string; completed: boolean }>`
    select p.resident_id, r.name, r.nik, p.completed from training_participants p join residents r on r.village_code = p.village_code and r.id = p.resident_id
    where p.village_code = ${code} and p.training_id = ${training.id} order by r.name`.execute(ctx.db.kysely);
  await recordAudit(ctx.db.kysely, ctx, { action: 'training.read', villageCode: code, subject: `training:${training.id}`, detail: { residents: people.rows.map((p) => Number(p.resident_id)) } });
  return { village, training: { ...training, id: Number(training.id) }, participants: people.rows.map(({ nik, ...p }) => ({ ...p, nik: maskNik(nik) })) };
}

/** Participants by NIK, one per line (or separated by spaces/commas): a sign-in sheet typed in at once. */
export async function addParticipants(ctx: UseCaseContext, villageInput: string, id: number, input: { niks?: string }) {
  const village = await villageInScope(ctx, villageInput, 'institutions.write');
  const code = village.village_code;
  const niks = [...new Set((input.niks ?? '').split(/[\s,;]+/).filter(Boolean))];
  if (niks.length === 0) throw badRequest('validation.required', 'niks');
  if (niks.length > 500) throw badRequest('institutions.too_many_niks', 'niks', { max: 500 });
  const wrong = niks.find((n) => !/^\d{16}$/.test(n));
  if (wrong) throw badRequest('institutions.nik_in_list', 'niks', { value: wrong.slice(0, 20) });
  return writeWithAudit(ctx, async (trx, audit) => {
    const training = await trainingOf(trx, code, id);
    const found = await trx.selectFrom('residents').select(['id', 'nik']).where('village_code', '=', code).where('nik', 'in', niks).where('life_status', 'in', counted).execute();
    const known = new Set(found.map((r) => r.nik));
    const missing = niks.filter((n) => !known.has(n));
    // Nothing half-saved: one unknown NIK and the whole sheet is sent back, naming it.
    if (missing.length > 0) throw badRequest('institutions.niks_unknown', 'niks', { list: missing.slice(0, 10).join(', '), count: missing.length });
    const added = await trx.insertInto('training_participants')
      .values(found.map((r) => ({ village_code: code, training_id: training.id, resident_id: Number(r.id), added_by: userIdOf(ctx.actor)! })))
      .onConflict((oc) => oc.columns(['village_code', 'training_id', 'resident_id']).doNothing()).returning('resident_id').execute();
    await refreshRollup(trx, code);
    await audit({ action: 'training.participants_add', villageCode: code, subject: `training:${training.id}`, detail: { added: added.length, already: found.length - added.length } });
    return { added: added.length, already: found.length - added.length };
  });
}

// ---------------------------------------------------------------------------------------
// rollup and the public view

async function rollupRow(db: UseCaseContext['db']['kysely'], village: string) {
  const row = await db.selectFrom('monitoring_institutions').selectAll().where('village_code', '=', village).executeTakeFirst();
  return row ?? { village_code: village, institutions: 0, active_members: 0, trainings: 0, people_trained: 0, digital_cadres: 0 };
}

/** Recounts the village's row for the dashboards above it, in the writing transaction. */
export async function refreshInstitutionRollup(trx: Transaction<Database>, village: string) {
  await trx.deleteFrom('monitoring_institutions').where('village_code', '=', village).execute();
  await sql`insert into monitoring_institutions (village_code, institutions, active_members, trainings, people_trained, digital_cadres)
    select ${village},
      (select count(*) from institutions where village_code = ${village} and dissolved_on is null),
      (select count(distinct resident_id) from institution_members where village_code = ${village} and ended_on is null),
      (select count(*) from trainings where village_code = ${village}),
      (select count(distinct resident_id) from training_participants where village_code = ${village} and completed),
      (select count(distinct p.resident_id) from training_participants p join trainings t on t.village_code = p.village_code and t.id = p.training_id
        where p.village_code = ${village} and p.completed and t.makes_digital_cadres)`.execute(trx);
}
const refreshRollup = refreshInstitutionRollup;

/**
 * For the village website: institutions still active, with their current members' names and
 * positions (public office); community groups show only how many members they have.
 */
export async function publicInstitutions(db: UseCaseContext['db']['kysely'], village: string) {
  const [institutions, members] = await Promise.all([
    db.selectFrom('institutions').select(['id', 'kind', 'name']).where('village_code', '=', village).where('dissolved_on', 'is', null).orderBy('kind').orderBy('name').execute(),
    sql<{ institution_id: number; name: string; position: string }>`
      select m.institution_id, r.name, m.position from institution_members m join residents r on r.village_code = m.village_code and r.id = m.resident_id
      where m.village_code = ${village} and m.ended_on is null order by m.institution_id, m.term_start, m.id`.execute(db),
  ]);
  return institutions.map((i) => {
    const mine = members.rows.filter((m) => Number(m.institution_id) === Number(i.id));
    return { ...i, id: Number(i.id), memberCount: mine.length, members: i.kind === 'kelompok' ? [] : mine.map((m) => ({ name: m.name, position: m.position })) };
  });
}
