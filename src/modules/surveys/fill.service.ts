import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { userIdOf } from '../../platform/access/access.js';
import { recordAudit, writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { containsPattern, pageOf } from '../../platform/db/search-pattern.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import { clean } from '../../platform/http/text-input.js';
import { COUNTED_IN_POPULATION, HEAD_OF_FAMILY, maskNik } from '../population/index.js';
import { areaChain } from '../population/address.js';
import { villageInScope } from '../villages/index.js';
import { answerValue, type AnswerValue } from './answers.js';
import { questionnaireRow, questionsOf, type Question } from './questionnaires.service.js';
import { recountSurveys } from './rollup.js';
import type { Unit } from './templates.js';

type Q = Kysely<Database> | Transaction<Database>;
export const SUBJECTS_PAGE = 25;
const counted = sql.join(COUNTED_IN_POPULATION.map((c) => sql`${c}`));
export type FillState = 'belum' | 'sebagian' | 'lengkap';

/** The column of survey_responses that names the subject of a questionnaire's unit. */
export const subjectColumn = (unit: Unit) => (unit === 'household' ? 'household_id' : unit === 'family' ? 'family_id' : 'resident_id');

export interface Subject { id: number; name: string | null; detail: string; area_id: number | null; response_id: number | null; answered: number; complete: boolean }

/**
 * The subjects of a unit in the village (active households, active family cards, residents
 * counted in the population), each with its area and this questionnaire's response if any, as
 * `query(where)`; `where` narrows on s.area_id / s.number / `nameLike(pattern)`. The head's name
 * of a household or a card is read in the select list, which the database works out only for the
 * rows of the page (after the sort and the limit), not for every house of the village.
 */
function subjectsQuery(village: string, unit: Unit, questionnaire: number) {
  const heads = (s: string) => unit === 'household'
    ? sql`from residents r where r.village_code = ${village} and r.life_status in (${counted})
        and (r.id = ${sql.ref(`${s}.head_resident_id`)} or (r.family_id = ${sql.ref(`${s}.main_family_id`)} and r.family_relation = ${HEAD_OF_FAMILY}))`
    : sql`from residents r where r.village_code = ${village} and r.family_id = ${sql.ref(`${s}.id`)} and r.family_relation = ${HEAD_OF_FAMILY} and r.life_status in (${counted})`;
  const base = unit === 'household'
    ? sql`select h.id, h.head_resident_id, h.main_family_id, null::text as name, null::text as name_key, 'No. ' || h.number as detail, f.area_id, h.number::text as number, lpad(h.number::text, 10, '0') as sort
        from households h join families f on f.village_code = h.village_code and f.id = h.main_family_id
        where h.village_code = ${village} and h.status = 'active'`
    : unit === 'family'
      ? sql`select f.id, null::bigint as head_resident_id, f.id as main_family_id, null::text as name, null::text as name_key, 'KK ' || f.kk_number as detail, f.area_id, f.kk_number as number, f.kk_number as sort
        from families f where f.village_code = ${village} and f.status = 'active'`
      : sql`select r.id, null::bigint as head_resident_id, null::bigint as main_family_id, r.name, r.search_name as name_key, 'NIK ' || r.nik as detail, f.area_id, r.nik as number, r.search_name || r.nik as sort
        from residents r left join families f on f.village_code = r.village_code and f.id = r.family_id
        where r.village_code = ${village} and r.life_status in (${counted})`;
  const name = unit === 'resident' ? sql`s.name` : sql`(select r.name ${heads('s')} order by ${unit === 'household' ? sql`(r.id = s.head_resident_id) desc, ` : sql``}r.id limit 1)`;
  return {
    query: (where: RawBuilder<unknown>) => sql`
      select s.id, ${name} as name, s.detail, s.area_id, s.sort, sr.id as response_id, coalesce(sr.answered, 0) as answered, coalesce(sr.complete, false) as complete
      from (${base}) s
      left join survey_responses sr on sr.village_code = ${village} and sr.questionnaire_id = ${questionnaire} and sr.${sql.ref(subjectColumn(unit))} = s.id
      where ${where}`,
    nameLike: (pattern: string) => (unit === 'resident' ? sql`s.name_key like ${pattern}` : sql`exists (select 1 ${heads('s')} and r.search_name like ${pattern})`),
  };
}

/** The NIK and KK in a subject's line are masked: the list is for finding the household, not for reading numbers. */
const masked = (unit: Unit, detail: string) => (unit === 'household' ? detail : detail.replace(/\d{16}/, (d) => maskNik(d)));

async function areasOf(db: Q, village: string) {
  const rows = await db.selectFrom('village_areas').select(['id', 'parent_id', 'level', 'name']).where('village_code', '=', village).orderBy('level').orderBy('name').execute();
  return rows.map((a) => ({ ...a, id: Number(a.id), parent_id: a.parent_id === null ? null : Number(a.parent_id) }));
}

/** "Dusun Krajan", "RT 001": the level's word before the name, unless the name already says it ("Dusun I"). */
export function areaName(a: { level: string; name: string }) {
  const word = a.level === 'dusun' ? 'Dusun' : a.level.toUpperCase();
  return a.name.toLowerCase().startsWith(word.toLowerCase()) ? a.name : `${word} ${a.name}`;
}

/** "Dusun Krajan · RT 001" of an area id, from the village's areas. */
export function areaLabel(areas: { id: number; parent_id: number | null; level: string; name: string }[], id: number | null) {
  const chain = areaChain(areas, id);
  if (chain.length === 0) return '';
  return chain.filter((a) => a.level !== 'rw').map(areaName).join(' · ');
}

/** The areas an area filter takes in: the area and everything under it. */
function within(areas: { id: number; parent_id: number | null }[], id: number): number[] {
  const out = [id];
  for (let i = 0; i < out.length; i++) for (const a of areas) if (a.parent_id === out[i]) out.push(a.id);
  return out;
}

/**
 * The fill page: the questionnaire's subjects searched by name or number, in an area, by
 * state (not yet, partly, fully answered), a page at a time, and "n dari m subjek terisi".
 */
export async function subjects(ctx: UseCaseContext, villageInput: string, id: string | undefined, input: { q?: string; wilayah?: string; status?: string; page?: string }) {
  const village = await villageInScope(ctx, villageInput, 'survey.fill');
  const code = village.village_code;
  const db = ctx.db.kysely;
  const q = await questionnaireRow(db, code, id);
  const areas = await areasOf(db, code);
  const term = clean(input.q).slice(0, 60);
  const areaId = /^\d{1,15}$/.test(input.wilayah ?? '') && areas.some((a) => a.id === Number(input.wilayah)) ? Number(input.wilayah) : null;
  const status: FillState | '' = input.status === 'belum' || input.status === 'sebagian' || input.status === 'lengkap' ? input.status : '';
  const page = pageOf(input.page);
  const conditions: RawBuilder<unknown>[] = [sql`true`];
  const subjectsOf = subjectsQuery(code, q.unit, q.id);
  if (term) conditions.push(/^\d+$/.test(term) ? sql`s.number like ${`${term}%`}` : subjectsOf.nameLike(containsPattern(term)));
  if (areaId !== null) conditions.push(sql`s.area_id in (${sql.join(within(areas, areaId))})`);
  if (status === 'belum') conditions.push(sql`sr.id is null`);
  if (status === 'sebagian') conditions.push(sql`sr.id is not null and not sr.complete`);
  if (status === 'lengkap') conditions.push(sql`sr.complete`);
  const query = subjectsOf.query(sql.join(conditions, sql` and `));
  const [rows, total, progress] = await Promise.all([
    sql<Subject>`${query} order by s.sort limit ${SUBJECTS_PAGE} offset ${(page - 1) * SUBJECTS_PAGE}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from (${query}) x`.execute(db),
    progressOf(db, code, q.id, q.unit),
  ]);
  return {
    village, q, areas, term, areaId, status, page, total: total.rows[0]!.n, pages: Math.max(1, Math.ceil(total.rows[0]!.n / SUBJECTS_PAGE)), progress,
    rows: rows.rows.map((r) => ({ ...r, id: Number(r.id), detail: masked(q.unit, r.detail), area: areaLabel(areas, r.area_id === null ? null : Number(r.area_id)), response_id: r.response_id === null ? null : Number(r.response_id), answered: Number(r.answered) })),
  };
}

/** "n dari m subjek terisi": complete responses, partly answered ones, and the subjects of the unit. */
export async function progressOf(db: Q, village: string, questionnaire: number, unit: Unit) {
  const subjectsCount = unit === 'household'
    ? sql`select count(*)::int from households where village_code = ${village} and status = 'active'`
    : unit === 'family'
      ? sql`select count(*)::int from families where village_code = ${village} and status = 'active'`
      : sql`select count(*)::int from residents where village_code = ${village} and life_status in (${counted})`;
  const r = await sql<{ subjects: number; complete: number; partial: number }>`select (${subjectsCount}) as subjects,
    (select count(*)::int from survey_responses where village_code = ${village} and questionnaire_id = ${questionnaire} and complete) as complete,
    (select count(*)::int from survey_responses where village_code = ${village} and questionnaire_id = ${questionnaire} and not complete) as partial`.execute(db);
  return r.rows[0]!;
}

/** One subject of the village, with its area; not found when another village's or gone. */
async function subjectOf(db: Q, village: string, unit: Unit, questionnaire: number, idInput: string | undefined) {
  const id = /^\d{1,15}$/.test(idInput ?? '') ? Number(idInput) : 0;
  const r = await sql<Subject & { sort: string }>`${subjectsQuery(village, unit, questionnaire).query(sql`s.id = ${id}`)}`.execute(db);
  const s = r.rows[0];
  if (!s) throw notFound();
  return { ...s, id: Number(s.id), area_id: s.area_id === null ? null : Number(s.area_id), response_id: s.response_id === null ? null : Number(s.response_id) };
}

/** The numeric text as read back ("36.5000" → "36.5"). */
const plain = (n: string | null) => (n === null ? null : n.includes('.') ? n.replace(/\.?0+$/, '') : n);

async function answersOf(db: Q, village: string, responseId: number | null) {
  if (responseId === null) return new Map<number, AnswerValue>();
  const rows = await db.selectFrom('survey_answers').select(['question_id', 'value_text', 'value_number', 'value_date']).where('village_code', '=', village).where('response_id', '=', responseId).execute();
  return new Map(rows.map((a) => [Number(a.question_id), { value_text: a.value_text, value_number: plain(a.value_number), value_date: a.value_date }]));
}

/** The form for one subject: the questions and the answers saved so far. Opening it is logged (it names a person). */
export async function fillForm(ctx: UseCaseContext, villageInput: string, id: string | undefined, subjectId: string | undefined) {
  const village = await villageInScope(ctx, villageInput, 'survey.fill');
  const code = village.village_code;
  const db = ctx.db.kysely;
  const q = await questionnaireRow(db, code, id);
  const [subject, questions, areas] = await Promise.all([subjectOf(db, code, q.unit, q.id, subjectId), questionsOf(db, code, q.id), areasOf(db, code)]);
  const [answers, response] = await Promise.all([
    answersOf(db, code, subject.response_id),
    subject.response_id === null ? Promise.resolve(undefined)
      : db.selectFrom('survey_responses as r').leftJoin('users as u', 'u.id', 'r.updated_by').select(['r.updated_at', 'u.full_name']).where('r.village_code', '=', code).where('r.id', '=', subject.response_id).executeTakeFirst(),
  ]);
  await recordAudit(db, ctx, { action: 'survey.subject_read', villageCode: code, subject: `${q.unit}:${subject.id}`, detail: { survey: q.id } });
  return { village, q, questions, subject: { ...subject, detail: masked(q.unit, subject.detail), area: areaLabel(areas, subject.area_id) }, answers, updated: response ?? null };
}

/** Complete when every required question is answered (every question, when none is required). */
export function isComplete(questions: Question[], answered: Set<number>) {
  const required = questions.filter((x) => x.required);
  return (required.length > 0 ? required : questions).every((x) => answered.has(x.id));
}

/**
 * "Simpan": the answers of the form, checked, written in one transaction — an answer left empty
 * clears what was there, a changed one replaces its value — and the response's count, state,
 * area, who and when. Nothing is saved when one answer is wrong; the message names its question.
 */
export async function saveAnswers(ctx: UseCaseContext, villageInput: string, id: string | undefined, subjectId: string | undefined, input: Record<string, string | undefined>) {
  const code = (await villageInScope(ctx, villageInput, 'survey.fill')).village_code;
  const by = userIdOf(ctx.actor)!;
  return writeWithAudit(ctx, async (trx, audit) => {
    // Locked: two enumerators saving the same household's first answers cannot both make its response,
    // and a close waits for the saves under way.
    const q = await questionnaireRow(trx, code, id, true);
    if (q.status !== 'open') throw conflict('survey.not_open');
    const [subject, questions] = await Promise.all([subjectOf(trx, code, q.unit, q.id, subjectId), questionsOf(trx, code, q.id)]);
    const values = new Map<number, AnswerValue | null>();
    for (const question of questions) if (`a_${question.id}` in input) values.set(question.id, answerValue(question, input[`a_${question.id}`]));
    let responseId = subject.response_id;
    const now = new Date();
    if (responseId === null) {
      if (![...values.values()].some((v) => v !== null)) return { state: 'belum' as FillState, answered: 0 };
      const column = subjectColumn(q.unit);
      responseId = Number((await trx.insertInto('survey_responses')
        .values({ village_code: code, questionnaire_id: q.id, [column]: subject.id, area_id: subject.area_id, created_by: by, updated_by: by, updated_at: now })
        .returning('id').executeTakeFirstOrThrow()).id);
    }
    const cleared = [...values].filter(([, v]) => v === null).map(([k]) => k);
    if (cleared.length > 0) await trx.deleteFrom('survey_answers').where('village_code', '=', code).where('response_id', '=', responseId).where('question_id', 'in', cleared).execute();
    for (const [questionId, v] of values) {
      if (v === null) continue;
      await trx.insertInto('survey_answers').values({ village_code: code, response_id: responseId, question_id: questionId, ...v })
        .onConflict((oc) => oc.columns(['village_code', 'response_id', 'question_id']).doUpdateSet((eb) => ({
          value_text: eb.ref('excluded.value_text'), value_number: eb.ref('excluded.value_number'), value_date: eb.ref('excluded.value_date'),
        }))).execute();
    }
    const have = await trx.selectFrom('survey_answers').select('question_id').where('village_code', '=', code).where('response_id', '=', responseId).execute();
    const answered = new Set(have.map((a) => Number(a.question_id)));
    const complete = isComplete(questions, answered);
    await trx.updateTable('survey_responses').set({ answered: answered.size, complete, area_id: subject.area_id, updated_by: by, updated_at: now })
      .where('village_code', '=', code).where('id', '=', responseId).execute();
    await recountSurveys(trx, code);
    await audit({ action: 'survey.fill', villageCode: code, subject: `${q.unit}:${subject.id}`, detail: { survey: q.id, answered: answered.size, complete } });
    return { state: (complete ? 'lengkap' : answered.size > 0 ? 'sebagian' : 'belum') as FillState, answered: answered.size };
  });
}

/** The next subject still without a complete response after this one (the "Simpan dan lanjut" button). */
export async function nextSubject(ctx: UseCaseContext, villageInput: string, id: string | undefined, after: string | undefined) {
  const code = (await villageInScope(ctx, villageInput, 'survey.fill')).village_code;
  const db = ctx.db.kysely;
  const q = await questionnaireRow(db, code, id);
  const current = await subjectOf(db, code, q.unit, q.id, after);
  const r = await sql<{ id: number }>`${subjectsQuery(code, q.unit, q.id).query(sql`not coalesce(sr.complete, false) and s.sort > ${current.sort}`)} order by s.sort limit 1`.execute(db);
  return r.rows[0] ? Number(r.rows[0].id) : null;
}
