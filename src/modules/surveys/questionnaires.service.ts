import { sql, type Kysely, type Transaction } from 'kysely';
import { userIdOf } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { clean, text } from '../../platform/http/text-input.js';
import type { Permission } from '../../platform/access/permissions.js';
import { villageInScope } from '../villages/index.js';
import { boundOf } from './answers.js';
import { recountSurveys } from './rollup.js';
import { templateOf, TEMPLATES, type Kind, type TemplateQuestion, type Unit } from './templates.js';

type Q = Kysely<Database> | Transaction<Database>;
export const UNITS: Unit[] = ['household', 'family', 'resident'];
export const KINDS: Kind[] = ['choice', 'number', 'text', 'date'];
export type Status = 'draft' | 'open' | 'closed';
export interface Question {
  id: number; position: number; text: string; kind: Kind; options: { code: string; label: string }[] | null;
  unit_label: string | null; min_value: string | null; max_value: string | null; decimals: number; required: boolean;
}

const idOf = (v: string | undefined) => (/^\d{1,15}$/.test(v ?? '') ? Number(v) : 0);

export async function questionnaireRow(db: Q, village: string, idInput: string | number | undefined, lock = false) {
  const id = typeof idInput === 'number' ? idInput : idOf(idInput);
  let q = db.selectFrom('survey_questionnaires').selectAll().where('village_code', '=', village).where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound();
  return { ...row, id: Number(row.id) };
}

export async function questionsOf(db: Q, village: string, questionnaire: number): Promise<Question[]> {
  const rows = await db.selectFrom('survey_questions').select(['id', 'position', 'text', 'kind', 'options', 'unit_label', 'min_value', 'max_value', 'decimals', 'required'])
    .where('village_code', '=', village).where('questionnaire_id', '=', questionnaire).orderBy('position').orderBy('id').execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), decimals: Number(r.decimals) }));
}

/** The village's questionnaires, newest first, with their questions and responses counted. */
export async function listQuestionnaires(ctx: UseCaseContext, villageInput: string) {
  const village = await villageInScope(ctx, villageInput, 'survey.fill');
  const code = village.village_code;
  const rows = await sql<{ id: number; title: string; unit: Unit; status: Status; period: string; questions: number; responses: number; complete: number }>`
    select q.id, q.title, q.unit, q.status, q.period,
      (select count(*)::int from survey_questions s where s.village_code = q.village_code and s.questionnaire_id = q.id) as questions,
      (select count(*)::int from survey_responses r where r.village_code = q.village_code and r.questionnaire_id = q.id) as responses,
      (select count(*)::int from survey_responses r where r.village_code = q.village_code and r.questionnaire_id = q.id and r.complete) as complete
    from survey_questionnaires q where q.village_code = ${code} order by q.id desc`.execute(ctx.db.kysely);
  return { village, rows: rows.rows.map((r) => ({ ...r, id: Number(r.id) })), templates: TEMPLATES };
}

function header(input: Record<string, string | undefined>) {
  const title = text(input.title, 'title', 3, 200);
  const period = text(input.period, 'period', 4, 40);
  const unit = input.sasaran as Unit;
  if (!UNITS.includes(unit)) throw badRequest(input.sasaran ? 'validation.choice' : 'validation.required', 'sasaran');
  const description = clean(input.description);
  if (description.length > 1000) throw badRequest('validation.too_long', 'description', { max: 1000 });
  return { title, period, unit, description };
}

async function insertQuestion(trx: Transaction<Database>, village: string, questionnaire: number, position: number, q: ReturnType<typeof questionInput>) {
  await trx.insertInto('survey_questions').values({
    village_code: village, questionnaire_id: questionnaire, position, text: q.text, kind: q.kind, options: q.options ? JSON.stringify(q.options) : null,
    unit_label: q.unit_label, min_value: q.min_value, max_value: q.max_value, decimals: q.decimals, required: q.required,
  }).execute();
}

/** A new empty questionnaire (a draft). */
export async function createQuestionnaire(ctx: UseCaseContext, villageInput: string, input: Record<string, string | undefined>) {
  const code = (await villageInScope(ctx, villageInput, 'survey.manage')).village_code;
  const h = header(input);
  const by = userIdOf(ctx.actor)!;
  return writeWithAudit(ctx, async (trx, audit) => {
    const row = await trx.insertInto('survey_questionnaires').values({ village_code: code, ...h, created_by: by }).returning('id').executeTakeFirstOrThrow();
    await recountSurveys(trx, code);
    await audit({ action: 'survey.create', villageCode: code, subject: `survey:${row.id}`, detail: { title: h.title, unit: h.unit } });
    return { id: Number(row.id) };
  });
}

/** A copy of a ready-made questionnaire, a draft the village then changes. */
export async function copyTemplate(ctx: UseCaseContext, villageInput: string, input: Record<string, string | undefined>) {
  const code = (await villageInScope(ctx, villageInput, 'survey.manage')).village_code;
  const t = templateOf(input.template);
  if (!t) throw badRequest(input.template ? 'validation.choice' : 'validation.required', 'template');
  const period = input.period ? text(input.period, 'period', 4, 40) : String(new Date().getUTCFullYear());
  const by = userIdOf(ctx.actor)!;
  return writeWithAudit(ctx, async (trx, audit) => {
    const row = await trx.insertInto('survey_questionnaires')
      .values({ village_code: code, title: t.title, description: t.description, unit: t.unit, period, template: t.key, created_by: by }).returning('id').executeTakeFirstOrThrow();
    const id = Number(row.id);
    let position = 0;
    for (const q of t.questions) await insertQuestion(trx, code, id, ++position, fromTemplate(q));
    await recountSurveys(trx, code);
    await audit({ action: 'survey.create', villageCode: code, subject: `survey:${id}`, detail: { template: t.key } });
    return { id };
  });
}

function fromTemplate(q: TemplateQuestion): ReturnType<typeof questionInput> {
  return {
    text: q.text, kind: q.kind, options: q.options ? q.options.map((label, i) => ({ code: String(i + 1), label })) : null, unit_label: q.unit_label ?? null,
    min_value: q.min === undefined ? null : String(q.min), max_value: q.max === undefined ? null : String(q.max), decimals: q.decimals ?? 0, required: q.required ?? false,
  };
}

/**
 * A question as the builder's form sends it. The choices are one per line; an open
 * questionnaire's question keeps its codes: `existing` are its choices now, whose codes stay with
 * their line (a label may be reworded), a new line gets the next code.
 */
export function questionInput(input: Record<string, string | undefined>, existing: { code: string; label: string }[] | null = null) {
  const questionText = text(input.pertanyaan, 'pertanyaan', 3, 300);
  const kind = input.kind as Kind;
  if (!KINDS.includes(kind)) throw badRequest(input.kind ? 'validation.choice' : 'validation.required', 'kind');
  let options: { code: string; label: string }[] | null = null;
  if (kind === 'choice') {
    const lines = (input.pilihan_jawaban ?? '').split(/\r?\n/).map((l) => clean(l)).filter((l) => l.length > 0);
    if (lines.length < 2 || lines.length > 30 || lines.some((l) => l.length > 100)) throw badRequest('survey.options', 'pilihan_jawaban');
    if (existing) {
      if (lines.length < existing.length) throw badRequest('survey.option_removed', 'pilihan_jawaban');
      let next = Math.max(0, ...existing.map((o) => Number(o.code) || 0));
      options = lines.map((label, i) => ({ code: existing[i]?.code ?? String(++next), label }));
    } else options = lines.map((label, i) => ({ code: String(i + 1), label }));
  }
  const unitLabel = kind === 'number' ? clean(input.satuan_angka) : '';
  if (unitLabel.length > 30) throw badRequest('validation.too_long', 'satuan_angka', { max: 30 });
  const decimals = kind === 'number' && input.decimals ? Number(input.decimals) : 0;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 4) throw badRequest('validation.choice', 'decimals');
  const min = kind === 'number' ? boundOf(input.min_value, 'min_value') : null;
  const max = kind === 'number' ? boundOf(input.max_value, 'max_value') : null;
  if (min !== null && max !== null && Number(min) > Number(max)) throw badRequest('survey.bounds', 'max_value');
  return { text: questionText, kind, options, unit_label: unitLabel || null, min_value: min, max_value: max, decimals, required: input.wajib === '1' || input.wajib === 'on' };
}

/** The questionnaire, locked, that may still be changed by its builders. */
async function editable(trx: Transaction<Database>, village: string, id: string | undefined, draftOnly: boolean) {
  const q = await questionnaireRow(trx, village, id, true);
  if (q.status === 'closed') throw conflict('survey.closed');
  if (draftOnly && q.status !== 'draft') throw conflict('survey.not_draft');
  return q;
}

async function touch(trx: Transaction<Database>, village: string, id: number) {
  await trx.updateTable('survey_questionnaires').set({ updated_at: new Date() }).where('village_code', '=', village).where('id', '=', id).execute();
}

/** The title, period and description (the unit only while a draft). */
export async function editQuestionnaire(ctx: UseCaseContext, villageInput: string, id: string | undefined, input: Record<string, string | undefined>) {
  const code = (await villageInScope(ctx, villageInput, 'survey.manage')).village_code;
  await writeWithAudit(ctx, async (trx, audit) => {
    const q = await editable(trx, code, id, false);
    const h = header({ ...input, sasaran: q.status === 'draft' ? input.sasaran : q.unit });
    await trx.updateTable('survey_questionnaires').set({ ...h, updated_at: new Date() }).where('village_code', '=', code).where('id', '=', q.id).execute();
    await audit({ action: 'survey.edit', villageCode: code, subject: `survey:${q.id}`, detail: { title: h.title } });
  });
}

/** A question added at the end: while a draft, or while open (it is then simply not yet answered). */
export async function addQuestion(ctx: UseCaseContext, villageInput: string, id: string | undefined, input: Record<string, string | undefined>) {
  const code = (await villageInScope(ctx, villageInput, 'survey.manage')).village_code;
  const question = questionInput(input);
  await writeWithAudit(ctx, async (trx, audit) => {
    const q = await editable(trx, code, id, false);
    const last = await trx.selectFrom('survey_questions').select(sql<number>`coalesce(max(position), 0)::int`.as('n')).where('village_code', '=', code).where('questionnaire_id', '=', q.id).executeTakeFirstOrThrow();
    await insertQuestion(trx, code, q.id, Number(last.n) + 1, question);
    await touch(trx, code, q.id);
    await audit({ action: 'survey.question_add', villageCode: code, subject: `survey:${q.id}`, detail: { text: question.text, kind: question.kind } });
  });
}

async function questionRow(trx: Transaction<Database>, village: string, questionnaire: number, qid: string | undefined) {
  const row = await trx.selectFrom('survey_questions').selectAll().where('village_code', '=', village).where('questionnaire_id', '=', questionnaire).where('id', '=', idOf(qid)).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/**
 * A question changed. While a draft anything may change; once open its type may not (answers
 * were given in it) and a choice keeps every code it had — the builder says so.
 */
export async function editQuestion(ctx: UseCaseContext, villageInput: string, id: string | undefined, qid: string | undefined, input: Record<string, string | undefined>) {
  const code = (await villageInScope(ctx, villageInput, 'survey.manage')).village_code;
  await writeWithAudit(ctx, async (trx, audit) => {
    const q = await editable(trx, code, id, false);
    const old = await questionRow(trx, code, q.id, qid);
    const open = q.status !== 'draft';
    if (open && input.kind !== old.kind) throw badRequest('survey.type_locked', 'kind');
    const next = questionInput(input, open ? old.options : null);
    await trx.updateTable('survey_questions').set({
      text: next.text, kind: next.kind, options: next.options ? JSON.stringify(next.options) : null, unit_label: next.unit_label,
      min_value: next.min_value, max_value: next.max_value, decimals: next.decimals, required: next.required,
    }).where('village_code', '=', code).where('id', '=', old.id).execute();
    await touch(trx, code, q.id);
    await audit({ action: 'survey.question_edit', villageCode: code, subject: `survey:${q.id}`, detail: { question: Number(old.id), text: next.text } });
  });
}

/** A question moved up or down, or removed: only while a draft (nobody has answered yet). */
export async function arrangeQuestion(ctx: UseCaseContext, villageInput: string, id: string | undefined, qid: string | undefined, step: 'up' | 'down' | 'remove') {
  const code = (await villageInScope(ctx, villageInput, 'survey.manage')).village_code;
  await writeWithAudit(ctx, async (trx, audit) => {
    const q = await editable(trx, code, id, true);
    const row = await questionRow(trx, code, q.id, qid);
    const all = await questionsOf(trx, code, q.id);
    const order = all.map((x) => x.id);
    const at = order.indexOf(Number(row.id));
    if (step === 'remove') order.splice(at, 1);
    else {
      const to = step === 'up' ? at - 1 : at + 1;
      if (to < 0 || to >= order.length) return;
      [order[at], order[to]] = [order[to]!, order[at]!];
    }
    if (step === 'remove') await trx.deleteFrom('survey_questions').where('village_code', '=', code).where('id', '=', Number(row.id)).execute();
    for (let i = 0; i < order.length; i++) await trx.updateTable('survey_questions').set({ position: i + 1 }).where('village_code', '=', code).where('id', '=', order[i]!).execute();
    await touch(trx, code, q.id);
    await audit({ action: step === 'remove' ? 'survey.question_remove' : 'survey.question_move', villageCode: code, subject: `survey:${q.id}`, detail: { question: Number(row.id), text: row.text, step } });
  });
}

/** Opened for filling (with at least one question), closed (kept for the results), or opened again after a close. */
export async function setStatus(ctx: UseCaseContext, villageInput: string, id: string | undefined, to: string | undefined) {
  const code = (await villageInScope(ctx, villageInput, 'survey.manage')).village_code;
  if (to !== 'open' && to !== 'closed') throw badRequest('validation.choice', 'status');
  await writeWithAudit(ctx, async (trx, audit) => {
    const q = await questionnaireRow(trx, code, id, true);
    if (q.status === to) return;
    if (to === 'open') {
      const n = await trx.selectFrom('survey_questions').select(sql<number>`count(*)::int`.as('n')).where('village_code', '=', code).where('questionnaire_id', '=', q.id).executeTakeFirstOrThrow();
      if (Number(n.n) === 0) throw conflict('survey.no_questions');
    }
    const now = new Date();
    await trx.updateTable('survey_questionnaires').set(to === 'open' ? { status: 'open', opened_at: q.opened_at ?? now, closed_at: null, updated_at: now } : { status: 'closed', closed_at: now, updated_at: now })
      .where('village_code', '=', code).where('id', '=', q.id).execute();
    await recountSurveys(trx, code);
    await audit({ action: to === 'open' ? 'survey.open' : 'survey.close', villageCode: code, subject: `survey:${q.id}`, detail: { title: q.title } });
  });
}

/** The builder's page: the questionnaire and its questions, with the count of responses. */
export async function questionnaire(ctx: UseCaseContext, villageInput: string, id: string | undefined, permission: Permission = 'survey.fill') {
  const village = await villageInScope(ctx, villageInput, permission);
  const code = village.village_code;
  const q = await questionnaireRow(ctx.db.kysely, code, id);
  const [questions, counts] = await Promise.all([
    questionsOf(ctx.db.kysely, code, q.id),
    ctx.db.kysely.selectFrom('survey_responses').select([sql<number>`count(*)::int`.as('n'), sql<number>`count(*) filter (where complete)::int`.as('complete')])
      .where('village_code', '=', code).where('questionnaire_id', '=', q.id).executeTakeFirstOrThrow(),
  ]);
  return { village, q, questions, responses: Number(counts.n), complete: Number(counts.complete) };
}
