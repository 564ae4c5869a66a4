import { sql, type Transaction } from 'kysely';
import { writeOfficeRecord } from '../monitoring/office-rollup.js';
import { userIdOf } from '../../platform/access/access.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { AssetCondition, AssetKind, Database } from '../../platform/db/schema.js';
import { pageOf } from '../../platform/db/search-pattern.js';
import { todayInWib } from '../../platform/format/format.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { clean, dateOf, text } from '../../platform/http/text-input.js';
import { parseRupiah } from '../budget/money.js';
import { villageScope } from '../villages/index.js';
import { ASSET_KINDS, ASSET_ORIGINS, codeIn, CONDITIONS, DISPOSAL_REASONS, type AssetOrigin, type DisposalReason } from './codes.js';
import { parseMeasure } from './numbers.js';

/**
 * The village's goods (inventaris desa): recorded once with where they came from, when, how
 * many and their value; a change of condition is a dated entry; a disposal (penghapusan) takes
 * an item out of the stock from its day on, never out of the books of the years it was held.
 * A typing mistake is corrected with its reason, the values before kept in asset_events.
 */
type Trx = Transaction<Database>;
const PAGE = 50;

export interface ItemInput {
  kind?: string; name?: string; item_code?: string; asset_origin?: string; acquired_year?: string; asset_quantity?: string; unit?: string; asset_value?: string;
  asset_condition?: string; location?: string; note?: string;
}

/** "2021" from 1900 to this year. */
function acquiredYear(v: string | undefined, today: string): number {
  const s = clean(v);
  if (s === '') throw badRequest('validation.required', 'acquired_year');
  if (!/^\d{4}$/.test(s) || Number(s) < 1900 || Number(s) > Number(today.slice(0, 4))) throw badRequest('asset.year_range', 'acquired_year');
  return Number(s);
}
const optional = (v: string | undefined, field: string, max: number) => (clean(v) === '' ? null : text(v, field, 1, max));

/** The form's fields checked, in the form's order, each message naming its field. */
function itemValues(input: ItemInput, today: string) {
  const kind = codeIn(ASSET_KINDS, input.kind);
  if (!kind) throw badRequest('validation.choice', 'kind');
  const name = text(input.name, 'name', 2, 200);
  const item_code = optional(input.item_code, 'item_code', 60);
  const origin = codeIn<AssetOrigin>(ASSET_ORIGINS, input.asset_origin);
  if (!origin) throw badRequest('validation.choice', 'asset_origin');
  const acquired_year = acquiredYear(input.acquired_year, today);
  const quantity = parseMeasure(input.asset_quantity, 'asset_quantity');
  const unit = text(input.unit, 'unit', 1, 30);
  const value = parseRupiah(input.asset_value, 'asset_value').toString();
  const condition = codeIn(CONDITIONS, input.asset_condition);
  if (!condition) throw badRequest('validation.choice', 'asset_condition');
  return { kind, name, item_code, origin, acquired_year, quantity, unit, value, condition, location: optional(input.location, 'location', 200), note: optional(input.note, 'note', 500) };
}

/** Records an item of the inventory. */
export async function addItem(ctx: UseCaseContext, villageInput: string, input: ItemInput, today = todayInWib()) {
  const village = await villageScope(ctx, villageInput, 'asset.manage');
  const values = itemValues(input, today);
  return writeOfficeRecord(ctx, village, async (trx, audit) => {
    const { id } = await trx.insertInto('asset_items').values({ village_code: village, ...values, recorded_by: userIdOf(ctx.actor) }).returning('id').executeTakeFirstOrThrow();
    await audit({ action: 'asset.add', villageCode: village, subject: `asset_item:${id}`, detail: { kind: values.kind, value: values.value } });
    return { id: Number(id) };
  });
}

export interface ItemFilter { jenis?: string; kondisi?: string; tahun?: string; keadaan?: string; page?: string }
export interface ItemRow {
  id: number; kind: AssetKind; name: string; item_code: string | null; origin: AssetOrigin; acquired_year: number; quantity: string; unit: string; value: string;
  condition: AssetCondition; location: string | null; disposed_on: string | null; disposal_reason: DisposalReason | null; total: number; total_value: string;
}

/** The inventory, newest first, by kind, condition, year acquired and whether still held; fifty a page, with the count and value of all that match. */
export async function listItems(ctx: UseCaseContext, villageInput: string, f: ItemFilter) {
  const village = await villageScope(ctx, villageInput, 'asset.read');
  const kind = codeIn(ASSET_KINDS, f.jenis);
  const condition = codeIn(CONDITIONS, f.kondisi);
  const year = /^\d{4}$/.test(clean(f.tahun)) ? Number(clean(f.tahun)) : null;
  const state = ['dihapus', 'semua'].includes(f.keadaan ?? '') ? f.keadaan! : 'ada';
  const page = pageOf(f.page);
  const where = [sql`village_code = ${village}`];
  if (kind) where.push(sql`kind = ${kind}`);
  if (condition) where.push(sql`condition = ${condition}`);
  if (year) where.push(sql`acquired_year = ${year}`);
  if (state === 'ada') where.push(sql`disposed_on is null`);
  if (state === 'dihapus') where.push(sql`disposed_on is not null`);
  const r = await sql<ItemRow>`
    select id, kind, name, item_code, origin, acquired_year, quantity::text as quantity, unit, value::text as value, condition, location, disposed_on::text as disposed_on, disposal_reason,
      count(*) over ()::int as total, (sum(value) over ())::text as total_value
    from asset_items where ${sql.join(where, sql` and `)}
    order by id desc limit ${PAGE} offset ${(page - 1) * PAGE}`.execute(ctx.db.kysely);
  const rows = r.rows.map((x) => ({ ...x, id: Number(x.id) }));
  const total = rows[0]?.total ?? 0;
  return { village, kind, condition, year, state, page, total, totalValue: rows[0]?.total_value ?? '0', pages: Math.max(1, Math.ceil(total / PAGE)), rows };
}

async function itemRow(db: Trx | UseCaseContext['db']['kysely'], village: string, id: number | null, lock = false) {
  if (id === null) return undefined;
  let q = db.selectFrom('asset_items').selectAll().where('village_code', '=', village).where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? { ...row, id: Number(row.id), quantity: String(row.quantity), value: String(row.value) } : undefined;
}

/** One item with its history (conditions, corrections, disposal), oldest first. */
export async function getItem(ctx: UseCaseContext, villageInput: string, idInput: string) {
  const village = await villageScope(ctx, villageInput, 'asset.read');
  const item = await itemRow(ctx.db.kysely, village, parseId(idInput));
  if (!item) throw notFound('asset.not_found');
  const events = await ctx.db.kysely.selectFrom('asset_events as e').leftJoin('users as u', 'u.id', 'e.recorded_by')
    .select(['e.id', 'e.kind', 'e.on_day', 'e.from_condition', 'e.to_condition', 'e.before', 'e.reason', 'e.recorded_at', 'u.full_name as by_name'])
    .where('e.village_code', '=', village).where('e.subject', '=', 'item').where('e.subject_id', '=', item.id).orderBy('e.on_day').orderBy('e.id').execute();
  return { village, item, events: events.map((e) => ({ ...e, id: Number(e.id) })) };
}

/** The day of the item's last condition entry, or null. */
async function lastConditionDay(trx: Trx, village: string, id: number) {
  const r = await trx.selectFrom('asset_events').select((e) => e.fn.max('on_day').as('d')).where('village_code', '=', village).where('subject', '=', 'item').where('subject_id', '=', id).where('kind', '=', 'condition').executeTakeFirst();
  return r?.d ? String(r.d).slice(0, 10) : null;
}

/** A day from the item's year of acquisition to today, not before its last condition entry. */
async function eventDay(trx: Trx, village: string, item: { id: number; acquired_year: number }, input: string | undefined, field: string, today: string) {
  const day = dateOf(input, field);
  if (day > today) throw badRequest('asset.day_future', field);
  if (Number(day.slice(0, 4)) < item.acquired_year) throw badRequest('asset.before_acquired', field, { year: item.acquired_year });
  const last = await lastConditionDay(trx, village, item.id);
  if (last && day < last) throw badRequest('asset.before_last', field, { day: last });
  return day;
}

/** A typing mistake put right: the item's fields as the form sends them, with the reason; the values before are kept. A disposed item is corrected too (its book stays true). */
export async function correctItem(ctx: UseCaseContext, villageInput: string, idInput: string, input: ItemInput & { reason?: string }, today = todayInWib()) {
  const village = await villageScope(ctx, villageInput, 'asset.manage');
  const id = parseId(idInput);
  const values = itemValues(input, today);
  const reason = text(input.reason, 'reason', 3, 500);
  await writeOfficeRecord(ctx, village, async (trx, audit) => {
    const item = await itemRow(trx, village, id, true);
    if (!item) throw notFound('asset.not_found');
    // The condition is changed by its own dated entry, not by a correction.
    const { condition: _c, ...fields } = values;
    const before: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fields)) {
      const old = (item as Record<string, unknown>)[k];
      const same = k === 'quantity' || k === 'value' ? Number(old) === Number(v) : old === v;
      if (!same) before[k] = old;
    }
    if (Object.keys(before).length === 0) throw badRequest('asset.no_change', 'reason');
    if (item.disposed_on && Number(item.disposed_on.slice(0, 4)) < fields.acquired_year) throw badRequest('asset.before_acquired', 'acquired_year', { year: fields.acquired_year });
    await trx.updateTable('asset_items').set(fields).where('village_code', '=', village).where('id', '=', item.id).execute();
    await trx.insertInto('asset_events').values({ village_code: village, subject: 'item', subject_id: item.id, kind: 'correction', on_day: today, before: JSON.stringify(before), reason, recorded_by: userIdOf(ctx.actor) }).execute();
    await audit({ action: 'asset.correct', villageCode: village, subject: `asset_item:${item.id}`, detail: { fields: Object.keys(before) } });
  });
}

/** The item's condition from a day on (a check found it damaged, or repaired), with the note. */
export async function changeCondition(ctx: UseCaseContext, villageInput: string, idInput: string, input: { asset_condition?: string; condition_on?: string; reason?: string }, today = todayInWib()) {
  const village = await villageScope(ctx, villageInput, 'asset.manage');
  const id = parseId(idInput);
  const to = codeIn(CONDITIONS, input.asset_condition);
  if (!to) throw badRequest('validation.choice', 'asset_condition');
  await writeOfficeRecord(ctx, village, async (trx, audit) => {
    const item = await itemRow(trx, village, id, true);
    if (!item) throw notFound('asset.not_found');
    if (item.disposed_on) throw conflict('asset.disposed', 'asset_condition');
    if (item.condition === to) throw badRequest('asset.same_condition', 'asset_condition');
    const day = await eventDay(trx, village, item, input.condition_on || today, 'condition_on', today);
    const reason = text(input.reason, 'reason', 3, 500);
    await trx.insertInto('asset_events').values({ village_code: village, subject: 'item', subject_id: item.id, kind: 'condition', on_day: day, from_condition: item.condition, to_condition: to, reason, recorded_by: userIdOf(ctx.actor) }).execute();
    await trx.updateTable('asset_items').set({ condition: to }).where('village_code', '=', village).where('id', '=', item.id).execute();
    await audit({ action: 'asset.condition', villageCode: village, subject: `asset_item:${item.id}`, detail: { from: item.condition, to, day } });
  });
}

/** Penghapusan: out of the stock from its day, with the reason (sold, broken, lost, given away); the row stays. */
export async function disposeItem(ctx: UseCaseContext, villageInput: string, idInput: string, input: { disposed_on?: string; disposal_reason?: string; reason?: string }, today = todayInWib()) {
  const village = await villageScope(ctx, villageInput, 'asset.manage');
  const id = parseId(idInput);
  const why = codeIn<DisposalReason>(DISPOSAL_REASONS, input.disposal_reason);
  if (!why) throw badRequest('validation.choice', 'disposal_reason');
  await writeOfficeRecord(ctx, village, async (trx, audit) => {
    const item = await itemRow(trx, village, id, true);
    if (!item) throw notFound('asset.not_found');
    if (item.disposed_on) throw conflict('asset.disposed', 'disposed_on');
    const day = await eventDay(trx, village, item, input.disposed_on, 'disposed_on', today);
    const reason = text(input.reason, 'reason', 3, 500);
    await trx.insertInto('asset_events').values({ village_code: village, subject: 'item', subject_id: item.id, kind: 'disposal', on_day: day, reason: `${DISPOSAL_REASONS[why].id}: ${reason}`, recorded_by: userIdOf(ctx.actor) }).execute();
    await trx.updateTable('asset_items').set({ disposed_on: day, disposal_reason: why }).where('village_code', '=', village).where('id', '=', item.id).execute();
    await audit({ action: 'asset.dispose', villageCode: village, subject: `asset_item:${item.id}`, detail: { reason: why, day, value: item.value } });
  });
}
