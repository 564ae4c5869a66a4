import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { formatDate, formatDateTime, todayInWib } from '../../platform/format/format.js';
import { registerWorkbook } from '../../platform/excel/register-workbook-job.js';
import { COUNTED_IN_POPULATION, HEAD_OF_FAMILY, maskNik } from '../population/index.js';
import { areaChain } from '../population/address.js';
import { activeHead, registerSignature, villageInScope } from '../villages/index.js';
import { answerText, questionLabel } from './answers.js';
import { areaLabel, areaName, subjectColumn } from './fill.service.js';
import { questionnaireRow, questionsOf, type Question } from './questionnaires.service.js';

/**
 * The results of a questionnaire by dusun (or by RT): for a choice, how many answered each
 * option in each area; for a number, how many answered, the sum and the mean; for a text or a
 * date, how many answered. Counted by the database from the answers (group by area, question,
 * choice), the areas named from the village's dusun/RT list. No name is read.
 */
export type By = 'dusun' | 'rt';
export interface AreaGroup { key: string; label: string }
export interface ChoiceResult { kind: 'choice'; q: Question; groups: AreaGroup[]; counts: Map<string, Map<string, number>>; totals: Map<string, number>; answered: number }
export interface NumberResult { kind: 'number'; q: Question; groups: AreaGroup[]; cells: Map<string, { n: number; sum: number }>; total: { n: number; sum: number } }
export interface OtherResult { kind: 'text' | 'date'; q: Question; groups: AreaGroup[]; answered: Map<string, number>; total: number }
export type QuestionResult = ChoiceResult | NumberResult | OtherResult;

const NO_AREA = '-';

/** The group of an area id: its dusun, or its dusun and RT; responses without an area together. */
function grouper(areas: { id: number; parent_id: number | null; level: string; name: string }[], by: By) {
  const cache = new Map<number | null, AreaGroup>();
  return (areaId: number | null): AreaGroup => {
    const hit = cache.get(areaId);
    if (hit) return hit;
    const chain = areaChain(areas, areaId);
    const dusun = chain.find((a) => a.level === 'dusun');
    const rt = chain.find((a) => a.level === 'rt');
    const g = chain.length === 0 ? { key: NO_AREA, label: 'Tanpa wilayah' }
      : by === 'dusun' ? { key: `d:${dusun?.name ?? ''}`, label: dusun ? areaName(dusun) : 'Tanpa dusun' }
        : { key: `r:${dusun?.name ?? ''}:${rt?.name ?? ''}`, label: [dusun ? areaName(dusun) : null, rt ? areaName(rt) : null].filter(Boolean).join(' · ') || 'Tanpa RT' };
    cache.set(areaId, g);
    return g;
  };
}

export async function surveyResults(ctx: UseCaseContext, villageInput: string, id: string | undefined, byInput: string | undefined) {
  const village = await villageInScope(ctx, villageInput, 'survey.read');
  const code = village.village_code;
  const db = ctx.db.kysely;
  const by: By = byInput === 'rt' ? 'rt' : 'dusun';
  const q = await questionnaireRow(db, code, id);
  const questions = await questionsOf(db, code, q.id);
  const choices = [0, ...questions.filter((x) => x.kind === 'choice').map((x) => x.id)];
  const [areasRaw, counted, responses] = await Promise.all([
    db.selectFrom('village_areas').select(['id', 'parent_id', 'level', 'name']).where('village_code', '=', code).execute(),
    // One row per area, question and choice (numbers: per area and question, with their sum); the
    // questionnaire's answers found by their questions' index.
    sql<{ area_id: number | null; question_id: number; choice: string | null; n: number; sum: string | null }>`
      select r.area_id, a.question_id, case when a.question_id in (${sql.join(choices)}) then a.value_text end as choice, count(*)::int as n, sum(a.value_number)::text as sum
      from survey_answers a
      join survey_responses r on r.village_code = a.village_code and r.id = a.response_id
      where a.village_code = ${code} and a.question_id in (${sql.join([0, ...questions.map((x) => x.id)])})
      group by 1, 2, 3`.execute(db),
    sql<{ area_id: number | null; n: number; complete: number }>`select area_id, count(*)::int as n, count(*) filter (where complete)::int as complete
      from survey_responses where village_code = ${code} and questionnaire_id = ${q.id} group by area_id`.execute(db),
  ]);
  const areas = areasRaw.map((a) => ({ ...a, id: Number(a.id), parent_id: a.parent_id === null ? null : Number(a.parent_id) }));
  const groupOf = grouper(areas, by);
  const groupsSeen = new Map<string, AreaGroup>();
  const perGroup = new Map<string, { n: number; complete: number }>();
  for (const r of responses.rows) {
    const g = groupOf(r.area_id === null ? null : Number(r.area_id));
    groupsSeen.set(g.key, g);
    const p = perGroup.get(g.key) ?? { n: 0, complete: 0 };
    perGroup.set(g.key, { n: p.n + r.n, complete: p.complete + r.complete });
  }
  const groups = [...groupsSeen.values()].sort((a, b) => (a.key === NO_AREA ? 1 : b.key === NO_AREA ? -1 : a.label.localeCompare(b.label, 'id', { numeric: true })));
  const results: QuestionResult[] = questions.map((question) => {
    const rows = counted.rows.filter((r) => Number(r.question_id) === question.id);
    if (question.kind === 'choice') {
      const counts = new Map<string, Map<string, number>>();
      const totals = new Map<string, number>();
      let answered = 0;
      for (const r of rows) {
        const g = groupOf(r.area_id === null ? null : Number(r.area_id)).key;
        const m = counts.get(g) ?? new Map<string, number>();
        m.set(r.choice ?? '', (m.get(r.choice ?? '') ?? 0) + r.n);
        counts.set(g, m);
        totals.set(r.choice ?? '', (totals.get(r.choice ?? '') ?? 0) + r.n);
        answered += r.n;
      }
      return { kind: 'choice', q: question, groups, counts, totals, answered };
    }
    if (question.kind === 'number') {
      const cells = new Map<string, { n: number; sum: number }>();
      const total = { n: 0, sum: 0 };
      for (const r of rows) {
        const g = groupOf(r.area_id === null ? null : Number(r.area_id)).key;
        const c = cells.get(g) ?? { n: 0, sum: 0 };
        cells.set(g, { n: c.n + r.n, sum: c.sum + Number(r.sum ?? 0) });
        total.n += r.n;
        total.sum += Number(r.sum ?? 0);
      }
      return { kind: 'number', q: question, groups, cells, total };
    }
    const answered = new Map<string, number>();
    let total = 0;
    for (const r of rows) {
      const g = groupOf(r.area_id === null ? null : Number(r.area_id)).key;
      answered.set(g, (answered.get(g) ?? 0) + r.n);
      total += r.n;
    }
    return { kind: question.kind as 'text' | 'date', q: question, groups, answered, total };
  });
  const responsesTotal = responses.rows.reduce((n, r) => n + r.n, 0);
  const completeTotal = responses.rows.reduce((n, r) => n + r.complete, 0);
  return { village, q, by, groups, perGroup, results, responses: responsesTotal, complete: completeTotal };
}
export type SurveyResults = Awaited<ReturnType<typeof surveyResults>>;

/** A number as the tables show it: up to two decimals, Indonesian separators. */
export const figure = (n: number, lang: 'id' | 'en' = 'id') => n.toLocaleString(lang === 'en' ? 'en-US' : 'id-ID', { maximumFractionDigits: 2 });

const fileBase = (village: string, id: number) => `survei-${village.replace(/\./g, '')}-${id}`;

/** The summary as a register book: a row per choice (or per sum and mean), a column per area, in a worker thread. */
export async function summaryWorkbook(ctx: UseCaseContext, villageInput: string, id: string | undefined, byInput: string | undefined) {
  const r = await surveyResults(ctx, villageInput, id, byInput);
  const v = r.village;
  const rows: { cells: string[]; heavyTop?: boolean }[] = [];
  for (const x of r.results) {
    const label = questionLabel(x.q);
    if (x.kind === 'choice') {
      (x.q.options ?? []).forEach((o, i) => rows.push({ heavyTop: i === 0, cells: [i === 0 ? label : '', o.label, ...r.groups.map((g) => String(x.counts.get(g.key)?.get(o.code) ?? 0)), String(x.totals.get(o.code) ?? 0)] }));
    } else if (x.kind === 'number') {
      const unit = x.q.unit_label ? ` (${x.q.unit_label})` : '';
      rows.push({ heavyTop: true, cells: [label, 'Terisi', ...r.groups.map((g) => String(x.cells.get(g.key)?.n ?? 0)), String(x.total.n)] });
      rows.push({ cells: ['', `Jumlah${unit}`, ...r.groups.map((g) => figure(x.cells.get(g.key)?.sum ?? 0)), figure(x.total.sum)] });
      rows.push({ cells: ['', `Rata-rata${unit}`, ...r.groups.map((g) => { const c = x.cells.get(g.key); return c && c.n > 0 ? figure(c.sum / c.n) : '-'; }), x.total.n > 0 ? figure(x.total.sum / x.total.n) : '-'] });
    } else {
      rows.push({ heavyTop: true, cells: [label, 'Terisi', ...r.groups.map((g) => String(x.answered.get(g.key) ?? 0)), String(x.total)] });
    }
  }
  const head = await activeHead(ctx.db.kysely, v.village_code);
  const bytes = await registerWorkbook({
    title: `REKAP ${r.q.title.toUpperCase()}`,
    lines: [`${v.kind === 'kelurahan' ? 'KELURAHAN' : 'DESA'} ${v.name.toUpperCase()} (${v.village_code})`, `Periode ${r.q.period} · ${r.responses} responden, ${r.complete} lengkap · per ${r.by === 'rt' ? 'RT' : 'dusun'}`],
    columns: [{ title: 'Pertanyaan', width: 160 }, { title: 'Jawaban', width: 110 }, ...r.groups.map((g) => ({ title: g.label, width: 60 })), { title: 'Jumlah', width: 50 }],
    paper: 'a4', signature: head ? registerSignature(head, v.name, todayInWib()) : null, empty: 'Belum ada pertanyaan.',
  }, rows, 'Rekap');
  return { buffer: Buffer.from(bytes), filename: `${fileBase(v.village_code, r.q.id)}-rekap.xlsx` };
}

/**
 * Every response with its subject's name and answers: personal data, so only for survey.read
 * in the village, and logged with how many rows left. Written in a worker thread.
 */
export async function responsesWorkbook(ctx: UseCaseContext, villageInput: string, id: string | undefined) {
  const village = await villageInScope(ctx, villageInput, 'survey.read');
  const code = village.village_code;
  const db = ctx.db.kysely;
  const q = await questionnaireRow(db, code, id);
  const column = subjectColumn(q.unit);
  const subject = q.unit === 'household'
    ? sql`'No. ' || h.number || coalesce(' · ' || (select r2.name from residents r2 where r2.village_code = h.village_code and r2.life_status in (${sql.join(COUNTED_IN_POPULATION.map((c) => sql`${c}`))})
        and (r2.id = h.head_resident_id or (r2.family_id = h.main_family_id and r2.family_relation = ${HEAD_OF_FAMILY})) order by (r2.id = h.head_resident_id) desc, r2.id limit 1), '')`
    : q.unit === 'family'
      ? sql`'KK ' || f.kk_number || coalesce(' · ' || (select r2.name from residents r2 where r2.village_code = f.village_code and r2.family_id = f.id and r2.family_relation = ${HEAD_OF_FAMILY} order by r2.id limit 1), '')`
      : sql`rs.name || ' · NIK ' || rs.nik`;
  const [questions, areasRaw, responses, answers] = await Promise.all([
    questionsOf(db, code, q.id),
    db.selectFrom('village_areas').select(['id', 'parent_id', 'level', 'name']).where('village_code', '=', code).execute(),
    sql<{ id: number; subject: string; area_id: number | null; complete: boolean; updated_at: Date; by_name: string | null }>`
      select r.id, ${subject} as subject, r.area_id, r.complete, r.updated_at, u.full_name as by_name
      from survey_responses r
      left join households h on h.village_code = r.village_code and h.id = r.household_id
      left join families f on f.village_code = r.village_code and f.id = r.family_id
      left join residents rs on rs.village_code = r.village_code and rs.id = r.resident_id
      left join users u on u.id = r.updated_by
      where r.village_code = ${code} and r.questionnaire_id = ${q.id} and r.${sql.ref(column)} is not null order by r.area_id nulls last, r.id`.execute(db),
    sql<{ response_id: number; question_id: number; value_text: string | null; value_number: string | null; value_date: string | null }>`
      select a.response_id, a.question_id, a.value_text, a.value_number::text as value_number, a.value_date from survey_answers a
      join survey_responses r on r.village_code = a.village_code and r.id = a.response_id
      where a.village_code = ${code} and r.questionnaire_id = ${q.id}`.execute(db),
  ]);
  const areas = areasRaw.map((a) => ({ ...a, id: Number(a.id), parent_id: a.parent_id === null ? null : Number(a.parent_id) }));
  const byResponse = new Map<number, Map<number, (typeof answers.rows)[number]>>();
  for (const a of answers.rows) {
    const m = byResponse.get(Number(a.response_id)) ?? new Map();
    m.set(Number(a.question_id), { ...a, value_number: a.value_number === null ? null : a.value_number.includes('.') ? a.value_number.replace(/\.?0+$/, '') : a.value_number });
    byResponse.set(Number(a.response_id), m);
  }
  const rows = responses.rows.map((r, i) => {
    const mine = byResponse.get(Number(r.id));
    return { cells: [String(i + 1), r.subject.replace(/\d{16}/, (d) => maskNik(d)), areaLabel(areas, r.area_id === null ? null : Number(r.area_id)), ...questions.map((x) => answerText(x, mine?.get(x.id), (d) => formatDate(d))), r.complete ? 'Lengkap' : 'Sebagian', `${formatDateTime(r.updated_at)}${r.by_name ? `, ${r.by_name}` : ''}`] };
  });
  const bytes = await registerWorkbook({
    title: `JAWABAN ${q.title.toUpperCase()}`,
    lines: [`${village.kind === 'kelurahan' ? 'KELURAHAN' : 'DESA'} ${village.name.toUpperCase()} (${code})`, `Periode ${q.period} · ${rows.length} responden · data pribadi: jangan disebarkan`],
    columns: [{ title: 'No.', width: 24 }, { title: q.unit === 'household' ? 'Rumah tangga' : q.unit === 'family' ? 'Keluarga (KK)' : 'Penduduk', width: 120 }, { title: 'Wilayah', width: 90 },
      ...questions.map((x) => ({ title: questionLabel(x), width: x.kind === 'text' ? 110 : 70 })), { title: 'Keadaan', width: 44 }, { title: 'Terakhir disimpan', width: 100 }],
    paper: 'a4', empty: 'Belum ada jawaban.',
  }, rows, 'Jawaban');
  await recordAudit(db, ctx, { action: 'survey.export', villageCode: code, subject: `survey:${q.id}`, detail: { rows: rows.length } });
  return { buffer: Buffer.from(bytes), filename: `${fileBase(code, q.id)}-jawaban.xlsx` };
}
