import { sql, type Transaction } from 'kysely';
import { writeOfficeRecord } from '../monitoring/office-rollup.js';
import { userIdOf } from '../../platform/access/access.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database, RegulationKind } from '../../platform/db/schema.js';
import { containsPattern, pageOf } from '../../platform/db/search-pattern.js';
import { violatedUniqueIndex } from '../../platform/db/unique-violation.js';
import { todayInWib } from '../../platform/format/format.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { clean, dateOf, paragraphs, text, yearOf } from '../../platform/http/text-input.js';
import { villageScope } from '../villages/index.js';
import { checkDocument } from './document.js';
import { KINDS, KIND_LABEL, regulationTitle } from './words.js';

/**
 * The register of village regulations and the head's decisions. One row a regulation as set;
 * a record typed wrong is corrected by a new row naming it (the old row stays, marked with the
 * reason, and frees its number); a regulation no longer in force is revoked with the reason.
 * The three books (books.service.ts) are read from here. Regulations are public documents: reads
 * are not logged, writes are.
 */
type Trx = Transaction<Database>;
const PAGE = 50;

export interface RegulationInput {
  kind?: string; reg_number?: string; set_on?: string; tentang?: string; summary?: string; bpd_agreed_on?: string; report_no?: string; reported_on?: string;
  promulgated_on?: string; gazette_no?: string; note?: string; amends?: string;
}

const optionalDate = (v: string | undefined, field: string) => (clean(v) === '' ? null : dateOf(clean(v), field));
const optionalText = (v: string | undefined, field: string, max: number) => (clean(v) === '' ? null : text(v, field, 1, max));

/** The form's fields checked, each refusal naming its field. */
function checked(input: RegulationInput, today: string) {
  const kind = KINDS.find((k) => k === clean(input.kind));
  if (!kind) throw badRequest('validation.choice', 'kind');
  const setOn = dateOf(clean(input.set_on), 'set_on');
  if (setOn > today) throw badRequest('regulation.future', 'set_on');
  const year = yearOf(setOn.slice(0, 4), 'set_on');
  // "3 Tahun 2026" typed whole is kept as "3": the year is the year it was set.
  let number = text(input.reg_number, 'reg_number', 1, 60);
  const suffix = ` tahun ${year}`;
  if (number.toLowerCase().endsWith(suffix) && number.length > suffix.length) number = number.slice(0, -suffix.length).trim();
  if (number.toLowerCase().startsWith('nomor ')) number = number.slice(6).trim();
  if (number === '') throw badRequest('validation.required', 'reg_number');
  if (!/^[0-9A-Za-z./ -]+$/.test(number)) throw badRequest('regulation.number_format', 'reg_number');
  const bpd = kind === 'perdes' ? optionalDate(input.bpd_agreed_on, 'bpd_agreed_on') : null;
  if (bpd && bpd > setOn) throw badRequest('regulation.bpd_after_set', 'bpd_agreed_on');
  const reportedOn = optionalDate(input.reported_on, 'reported_on');
  if (reportedOn && reportedOn < setOn) throw badRequest('regulation.before_set', 'reported_on');
  if (reportedOn && reportedOn > today) throw badRequest('regulation.future', 'reported_on');
  const promulgatedOn = optionalDate(input.promulgated_on, 'promulgated_on');
  const gazetteNo = optionalText(input.gazette_no, 'gazette_no', 60);
  if (kind === 'kepkades' && (promulgatedOn || gazetteNo)) throw badRequest('regulation.not_promulgated', promulgatedOn ? 'promulgated_on' : 'gazette_no');
  if ((promulgatedOn === null) !== (gazetteNo === null)) throw badRequest('regulation.gazette_pair', promulgatedOn ? 'gazette_no' : 'promulgated_on');
  if (promulgatedOn && promulgatedOn < setOn) throw badRequest('regulation.before_set', 'promulgated_on');
  if (promulgatedOn && promulgatedOn > today) throw badRequest('regulation.future', 'promulgated_on');
  const amends = clean(input.amends) === '' ? null : parseId(clean(input.amends));
  if (clean(input.amends) !== '' && amends === null) throw badRequest('regulation.amends_unknown', 'amends');
  return {
    kind, year, number, set_on: setOn, about: text(input.tentang, 'tentang', 3, 300), summary: paragraphs(input.summary, 'summary', 2000) ?? '',
    bpd_agreed_on: bpd, report_no: optionalText(input.report_no, 'report_no', 100), reported_on: reportedOn, promulgated_on: promulgatedOn, gazette_no: gazetteNo,
    note: paragraphs(input.note, 'note', 1000) ?? '', amends_id: amends,
  };
}
type Checked = ReturnType<typeof checked>;

/** The number must be free for its kind and year (checked first for a clear message; the unique index settles a race). */
async function numberFree(trx: Trx, village: string, v: Checked, except: number | null) {
  let q = trx.selectFrom('village_regulations').select('id').where('village_code', '=', village).where('kind', '=', v.kind).where('year', '=', v.year)
    .where(sql<boolean>`lower(number) = lower(${v.number})`).where('corrected_at', 'is', null);
  if (except !== null) q = q.where('id', '<>', except);
  if (await q.executeTakeFirst()) throw taken(v);
}
const taken = (v: Checked) => conflict('regulation.number_taken', 'reg_number', { kind: KIND_LABEL[v.kind].id, number: v.number, year: v.year });

async function amendsExists(trx: Trx, village: string, v: Checked, self: number | null) {
  if (v.amends_id === null) return;
  const row = await trx.selectFrom('village_regulations').select('id').where('village_code', '=', village).where('id', '=', v.amends_id)
    .where('corrected_at', 'is', null).executeTakeFirst();
  if (!row || v.amends_id === self) throw badRequest('regulation.amends_unknown', 'amends');
}

/** Inserts a checked record; a number taken by a concurrent write is the same clear refusal. */
async function insertRecord(trx: Trx, village: string, v: Checked, document: Uint8Array | null, by: number, corrects: number | null) {
  try {
    const { id } = await trx.insertInto('village_regulations').values({ village_code: village, ...v, document, recorded_by: by, corrects_id: corrects })
      .returning('id').executeTakeFirstOrThrow();
    return Number(id);
  } catch (err) {
    if (violatedUniqueIndex(err) === 'village_regulations_number') throw taken(v);
    throw err;
  }
}

/** Records a regulation or decision, with its signed PDF when there is one. */
export async function recordRegulation(ctx: UseCaseContext, villageInput: string, input: RegulationInput, file: Uint8Array | null, today = todayInWib()) {
  const village = await villageScope(ctx, villageInput, 'regulation.manage');
  const v = checked(input, today);
  const document = await checkDocument(file);
  return writeOfficeRecord(ctx, village, async (trx, audit) => {
    await numberFree(trx, village, v, null);
    await amendsExists(trx, village, v, null);
    const id = await insertRecord(trx, village, v, document, userIdOf(ctx.actor)!, null);
    await audit({ action: 'regulation.record', villageCode: village, subject: `regulation:${id}`, detail: { title: regulationTitle(v.kind, v.number, v.year), document: document?.length ?? 0 } });
    return { id };
  });
}

/**
 * Corrects a record typed wrong: a new record with the right values (the old document kept unless
 * a new one is sent), naming the old one, which stays marked with the reason. Later regulations
 * that named the old record as the one they amend now name the new one.
 */
export async function correctRegulation(ctx: UseCaseContext, villageInput: string, idInput: string, input: RegulationInput & { correction_reason?: string }, file: Uint8Array | null, today = todayInWib()) {
  const village = await villageScope(ctx, villageInput, 'regulation.manage');
  const id = parseId(idInput);
  if (id === null) throw notFound('regulation.not_found');
  const reason = text(input.correction_reason, 'correction_reason', 5, 500);
  const v = checked(input, today);
  const document = await checkDocument(file);
  const me = userIdOf(ctx.actor)!;
  return writeOfficeRecord(ctx, village, async (trx, audit) => {
    const old = await trx.selectFrom('village_regulations').select(['id', 'corrected_at', 'revoked_at', 'document', 'revoked_by', 'revoke_reason']).where('village_code', '=', village).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!old) throw notFound('regulation.not_found');
    if (old.corrected_at) throw conflict('regulation.closed', 'correction_reason');
    await numberFree(trx, village, v, id);
    await amendsExists(trx, village, v, id);
    await trx.updateTable('village_regulations').set({ corrected_at: new Date(), corrected_by: me, correction_reason: reason }).where('village_code', '=', village).where('id', '=', id).execute();
    const newId = await insertRecord(trx, village, v, document ?? old.document, me, id);
    // A revoked regulation stays revoked in its corrected record.
    if (old.revoked_at) {
      await trx.updateTable('village_regulations').set({ revoked_at: old.revoked_at, revoked_by: old.revoked_by, revoke_reason: old.revoke_reason }).where('village_code', '=', village).where('id', '=', newId).execute();
    }
    await trx.updateTable('village_regulations').set({ amends_id: newId }).where('village_code', '=', village).where('amends_id', '=', id).where('id', '<>', newId).execute();
    await audit({ action: 'regulation.correct', villageCode: village, subject: `regulation:${newId}`, detail: { corrects: id, reason } });
    return { id: newId };
  });
}

/** Revokes a regulation no longer in force (dicabut), with the reason; the record stays. */
export async function revokeRegulation(ctx: UseCaseContext, villageInput: string, idInput: string, input: { revoke_reason?: string }) {
  const village = await villageScope(ctx, villageInput, 'regulation.manage');
  const id = parseId(idInput);
  if (id === null) throw notFound('regulation.not_found');
  const reason = text(input.revoke_reason, 'revoke_reason', 5, 500);
  await writeOfficeRecord(ctx, village, async (trx, audit) => {
    const row = await trx.selectFrom('village_regulations').select(['id', 'corrected_at', 'revoked_at']).where('village_code', '=', village).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('regulation.not_found');
    if (row.corrected_at || row.revoked_at) throw conflict('regulation.closed', 'revoke_reason');
    await trx.updateTable('village_regulations').set({ revoked_at: new Date(), revoked_by: userIdOf(ctx.actor), revoke_reason: reason }).where('village_code', '=', village).where('id', '=', id).execute();
    await audit({ action: 'regulation.revoke', villageCode: village, subject: `regulation:${id}`, detail: { reason } });
  });
}

export interface RegulationFilter { tahun?: string; kind?: string; q?: string; page?: string }
export interface RegulationRow {
  id: number; kind: RegulationKind; year: number; number: string; set_on: string; about: string; promulgated_on: string | null; gazette_no: string | null;
  has_document: boolean; revoked_at: Date | null; amended_by: string | null; total: number;
}

/** The register: records in force (corrected ones left out), newest first, by year, kind and words of the subject or number. */
export async function listRegulations(ctx: UseCaseContext, villageInput: string, f: RegulationFilter) {
  const village = await villageScope(ctx, villageInput, 'regulation.read');
  const year = clean(f.tahun) === '' ? null : yearOf(clean(f.tahun), 'tahun');
  const kind = KINDS.find((k) => k === clean(f.kind)) ?? null;
  if (clean(f.kind) !== '' && !kind) throw badRequest('validation.choice', 'kind');
  const q = clean(f.q).slice(0, 60);
  const page = pageOf(f.page);
  const filters = [sql`r.village_code = ${village}`, sql`r.corrected_at is null`];
  if (year !== null) filters.push(sql`r.year = ${year}`);
  if (kind) filters.push(sql`r.kind = ${kind}`);
  if (q) filters.push(sql`r.search_text like ${containsPattern(q)}`);
  const r = await sql<RegulationRow>`
    select p.*, (select string_agg(a.kind || ':' || a.number || ':' || a.year, ',' order by a.set_on, a.id) from village_regulations a
      where a.village_code = ${village} and a.amends_id = p.id and a.corrected_at is null) as amended_by
    from (
      select r.id, r.kind, r.year, r.number, r.set_on::text as set_on, r.about, r.promulgated_on::text as promulgated_on, r.gazette_no,
        (r.document is not null) as has_document, r.revoked_at, count(*) over ()::int as total
      from village_regulations r where ${sql.join(filters, sql` and `)}
      order by r.set_on desc, r.id desc limit ${PAGE} offset ${(page - 1) * PAGE}
    ) p order by p.set_on desc, p.id desc`.execute(ctx.db.kysely);
  const rows = r.rows.map((x) => ({ ...x, id: Number(x.id) }));
  const total = rows[0]?.total ?? 0;
  return { village, year, kind, q, page, total, pages: Math.max(1, Math.ceil(total / PAGE)), rows };
}

/** "perdes:3:2026,kepkades:5:2026" (how the queries hand later regulations over) as titles. */
export const titlesOf = (list: string | null, lang: 'id' | 'en' = 'id') =>
  (list ?? '').split(',').filter((s) => s !== '').map((s) => {
    const [kind, number, year] = s.split(':') as [RegulationKind, string, string];
    return regulationTitle(kind, number, Number(year), lang);
  });

/** One record whole, with the record it corrects or was corrected by and the regulations it amends or is amended by. */
export async function regulation(ctx: UseCaseContext, villageInput: string, idInput: string) {
  const village = await villageScope(ctx, villageInput, 'regulation.read');
  const id = parseId(idInput);
  const row = id === null ? undefined : await ctx.db.kysely.selectFrom('village_regulations as r')
    .innerJoin('users as u', 'u.id', 'r.recorded_by')
    .select(['r.id', 'r.kind', 'r.year', 'r.number', 'r.set_on', 'r.about', 'r.summary', 'r.bpd_agreed_on', 'r.report_no', 'r.reported_on', 'r.promulgated_on', 'r.gazette_no',
      'r.note', 'r.amends_id', 'r.corrects_id', 'r.corrected_at', 'r.correction_reason', 'r.revoked_at', 'r.revoke_reason', 'r.recorded_at', 'u.full_name as recorded_by_name',
      sql<boolean>`r.document is not null`.as('has_document')])
    .where('r.village_code', '=', village).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('regulation.not_found');
  const related = await ctx.db.kysely.selectFrom('village_regulations').select(['id', 'kind', 'number', 'year', 'amends_id', 'corrects_id'])
    .where('village_code', '=', village)
    .where((e) => e.or([e('amends_id', '=', row.id), e('corrects_id', '=', row.id), e('id', '=', row.amends_id ?? -1)]))
    .where('corrected_at', 'is', null).orderBy('set_on').orderBy('id').execute();
  const rel = related.map((x) => ({ id: Number(x.id), title: regulationTitle(x.kind, x.number, x.year) }));
  return {
    village,
    reg: { ...row, id: Number(row.id), amends_id: row.amends_id === null ? null : Number(row.amends_id), corrects_id: row.corrects_id === null ? null : Number(row.corrects_id) },
    amends: rel.filter((_, i) => Number(related[i]!.id) === Number(row.amends_id)),
    amendedBy: rel.filter((_, i) => Number(related[i]!.amends_id) === Number(row.id)),
    correctedBy: rel.find((_, i) => Number(related[i]!.corrects_id) === Number(row.id)) ?? null,
  };
}

/** The regulations in force a new one may amend (the form's list), newest first. */
export async function amendable(ctx: UseCaseContext, village: string) {
  const rows = await ctx.db.kysely.selectFrom('village_regulations').select(['id', 'kind', 'number', 'year'])
    .where('village_code', '=', village).where('corrected_at', 'is', null).where('revoked_at', 'is', null).where('kind', '<>', 'kepkades')
    .orderBy('set_on', 'desc').orderBy('id', 'desc').limit(200).execute();
  return rows.map((r) => ({ id: Number(r.id), title: regulationTitle(r.kind, r.number, r.year) }));
}

/** The signed PDF of a record. */
export async function regulationDocument(ctx: UseCaseContext, villageInput: string, idInput: string) {
  const village = await villageScope(ctx, villageInput, 'regulation.read');
  const id = parseId(idInput);
  const row = id === null ? undefined : await ctx.db.kysely.selectFrom('village_regulations').select(['document', 'kind', 'number', 'year'])
    .where('village_code', '=', village).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('regulation.not_found');
  if (!row.document) throw notFound('regulation.no_document');
  const slug = `${KIND_LABEL[row.kind].short}-${row.number}-${row.year}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return { bytes: row.document, name: `${slug}.pdf` };
}
