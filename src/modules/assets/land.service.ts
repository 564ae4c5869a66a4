import { sql } from 'kysely';
import { writeOfficeRecord } from '../monitoring/office-rollup.js';
import { can, userIdOf } from '../../platform/access/access.js';
import { recordAudit, writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { pageOf } from '../../platform/db/search-pattern.js';
import { todayInWib } from '../../platform/format/format.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { clean, dateOf, text } from '../../platform/http/text-input.js';
import { maskNik } from '../population/index.js';
import { villageScope } from '../villages/index.js';
import { codeIn, HOLDING_USES, LAND_ORIGINS, LAND_RIGHTS, PARCEL_USES, type HoldingUse, type LandOrigin, type LandRight, type ParcelUse } from './codes.js';
import { parseMeasure } from './numbers.js';

/**
 * Land: the village's own (tanah kas desa, one row a parcel) and the land in the village by
 * owner (tanah di desa, one row an owner's holding). Corrected with the reason, the values
 * before kept in asset_events; never deleted. An owner may be a resident picked by NIK (the name
 * is then the register's); the NIK is shown whole only to who may see NIKs, and each read of
 * the owners' list is logged.
 */
const optional = (v: string | undefined, field: string, max: number) => (clean(v) === '' ? null : text(v, field, 1, max));
const ticked = (v: string | undefined) => v === '1' || v === 'on' || v === 'ya';
/** Holdings shown a page at a time: a village may list a thousand owners. */
export const HOLDINGS_PAGE = 100;

export interface ParcelInput {
  land_origin?: string; certificate_no?: string; area_m2?: string; land_class?: string; acquired_on?: string; land_use?: string; location?: string; boundaries?: string;
  boundary_marker?: string; sign_board?: string; note?: string;
}

function parcelValues(input: ParcelInput, today: string) {
  const origin = codeIn<LandOrigin>(LAND_ORIGINS, input.land_origin);
  if (!origin) throw badRequest('validation.choice', 'land_origin');
  const certificate_no = text(input.certificate_no, 'certificate_no', 1, 100);
  const area_m2 = parseMeasure(input.area_m2, 'area_m2');
  const land_class = optional(input.land_class, 'land_class', 30);
  const acquired_on = clean(input.acquired_on) === '' ? null : dateOf(input.acquired_on, 'acquired_on');
  if (acquired_on && acquired_on > today) throw badRequest('asset.day_future', 'acquired_on');
  const land_use = codeIn<ParcelUse>(PARCEL_USES, input.land_use);
  if (!land_use) throw badRequest('validation.choice', 'land_use');
  return {
    origin, certificate_no, area_m2, land_class, acquired_on, land_use, location: text(input.location, 'location', 2, 200), boundaries: optional(input.boundaries, 'boundaries', 300),
    boundary_marker: ticked(input.boundary_marker), sign_board: ticked(input.sign_board), note: optional(input.note, 'note', 500),
  };
}

export async function addParcel(ctx: UseCaseContext, villageInput: string, input: ParcelInput, today = todayInWib()) {
  const village = await villageScope(ctx, villageInput, 'asset.manage');
  const values = parcelValues(input, today);
  return writeOfficeRecord(ctx, village, async (trx, audit) => {
    const { id } = await trx.insertInto('village_land_parcels').values({ village_code: village, ...values, recorded_by: userIdOf(ctx.actor) }).returning('id').executeTakeFirstOrThrow();
    await audit({ action: 'asset.parcel_add', villageCode: village, subject: `land_parcel:${id}`, detail: { area_m2: values.area_m2 } });
    return { id: Number(id) };
  });
}

export interface HoldingInput { owner_name?: string; nik?: string; land_rights?: string; area_m2?: string; land_use?: string; note?: string }

async function holdingValues(ctx: UseCaseContext, village: string, input: HoldingInput) {
  const nik = clean(input.nik).replace(/\s/g, '');
  let owner: { owner_name: string; resident_id: number | null };
  if (nik) {
    if (!/^\d{16}$/.test(nik)) throw badRequest('institutions.nik', 'nik');
    const r = await ctx.db.kysely.selectFrom('residents').select(['id', 'name']).where('village_code', '=', village).where('nik', '=', nik).executeTakeFirst();
    if (!r) throw badRequest('asset.resident_unknown', 'nik');
    owner = { owner_name: r.name, resident_id: Number(r.id) };
  } else {
    owner = { owner_name: text(input.owner_name, 'owner_name', 2, 200), resident_id: null };
  }
  const land_rights = codeIn<LandRight>(LAND_RIGHTS, input.land_rights);
  if (!land_rights) throw badRequest('validation.choice', 'land_rights');
  const area_m2 = parseMeasure(input.area_m2, 'area_m2');
  const land_use = codeIn<HoldingUse>(HOLDING_USES, input.land_use);
  if (!land_use) throw badRequest('validation.choice', 'land_use');
  return { ...owner, land_rights, area_m2, land_use, note: optional(input.note, 'note', 500) };
}

export async function addHolding(ctx: UseCaseContext, villageInput: string, input: HoldingInput) {
  const village = await villageScope(ctx, villageInput, 'asset.manage');
  const values = await holdingValues(ctx, village, input);
  return writeWithAudit(ctx, async (trx, audit) => {
    const { id } = await trx.insertInto('land_holdings').values({ village_code: village, ...values, recorded_by: userIdOf(ctx.actor) }).returning('id').executeTakeFirstOrThrow();
    await audit({ action: 'asset.holding_add', villageCode: village, subject: `land_holding:${id}`, detail: { resident: values.resident_id !== null } });
    return { id: Number(id) };
  });
}

export interface ParcelRow {
  id: number; origin: LandOrigin; certificate_no: string; area_m2: string; land_class: string | null; acquired_on: string | null; land_use: ParcelUse; location: string;
  boundaries: string | null; boundary_marker: boolean; sign_board: boolean; note: string | null;
}
export interface HoldingRow { id: number; owner_name: string; resident_id: number | null; nik: string | null; land_rights: LandRight; area_m2: string; land_use: HoldingUse; note: string | null }

/** Every parcel of tanah kas desa (a village has tens, not thousands), oldest first. */
export async function parcelsOf(db: UseCaseContext['db']['kysely'], village: string, upToDay: string | null = null) {
  const r = await sql<ParcelRow>`select id, origin, certificate_no, area_m2::text as area_m2, land_class, acquired_on::text as acquired_on, land_use, location, boundaries, boundary_marker, sign_board, note
    from village_land_parcels where village_code = ${village} ${upToDay ? sql`and (acquired_on is null or acquired_on <= ${upToDay}::date)` : sql``} order by acquired_on nulls first, id`.execute(db);
  return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
}

/** The owners' holdings with the NIK of a resident owner (masked for who may not see NIKs), largest owners' names in order. */
export async function holdingsOf(ctx: UseCaseContext, village: string) {
  const full = can(ctx.actor, 'population.full_nik', village);
  const r = await sql<HoldingRow>`select h.id, h.owner_name, h.resident_id, r.nik, h.land_rights, h.area_m2::text as area_m2, h.land_use, h.note
    from land_holdings h left join residents r on r.village_code = h.village_code and r.id = h.resident_id
    where h.village_code = ${village} order by h.owner_name, h.id`.execute(ctx.db.kysely);
  return r.rows.map((x) => ({ ...x, id: Number(x.id), resident_id: x.resident_id === null ? null : Number(x.resident_id), nik: x.nik === null ? null : full ? x.nik : maskNik(x.nik) }));
}

/** /desa/<kode>/tanah: both lists. Reading the owners' names is logged. */
export async function landLists(ctx: UseCaseContext, villageInput: string, pageInput?: string) {
  const village = await villageScope(ctx, villageInput, 'asset.read');
  const [parcels, all] = await Promise.all([parcelsOf(ctx.db.kysely, village), holdingsOf(ctx, village)]);
  const page = pageOf(pageInput);
  const holdings = all.slice((page - 1) * HOLDINGS_PAGE, page * HOLDINGS_PAGE);
  await recordAudit(ctx.db.kysely, ctx, { action: 'asset.holdings_read', villageCode: village, subject: `village:${village}`, detail: { rows: holdings.length, page } });
  return { village, parcels, holdings, page, pages: Math.max(1, Math.ceil(all.length / HOLDINGS_PAGE)), holdingCount: all.length };
}

export async function getParcel(ctx: UseCaseContext, villageInput: string, idInput: string) {
  const village = await villageScope(ctx, villageInput, 'asset.read');
  const id = parseId(idInput);
  const parcel = (await parcelsOf(ctx.db.kysely, village)).find((p) => p.id === id);
  if (!parcel) throw notFound('asset.not_found');
  return { village, parcel, events: await eventsOf(ctx, village, 'parcel', parcel.id) };
}

export async function getHolding(ctx: UseCaseContext, villageInput: string, idInput: string) {
  const village = await villageScope(ctx, villageInput, 'asset.read');
  const id = parseId(idInput);
  const holding = id === null ? undefined : (await holdingsOf(ctx, village)).find((h) => h.id === id);
  if (!holding) throw notFound('asset.not_found');
  await recordAudit(ctx.db.kysely, ctx, { action: 'asset.holding_read', villageCode: village, subject: `land_holding:${holding.id}` });
  return { village, holding, events: await eventsOf(ctx, village, 'holding', holding.id) };
}

async function eventsOf(ctx: UseCaseContext, village: string, subject: 'parcel' | 'holding', id: number) {
  const rows = await ctx.db.kysely.selectFrom('asset_events as e').leftJoin('users as u', 'u.id', 'e.recorded_by')
    .select(['e.id', 'e.kind', 'e.on_day', 'e.before', 'e.reason', 'e.recorded_at', 'u.full_name as by_name'])
    .where('e.village_code', '=', village).where('e.subject', '=', subject).where('e.subject_id', '=', id).orderBy('e.id').execute();
  return rows.map((e) => ({ ...e, id: Number(e.id) }));
}

/** The fields that changed, with their values before (numerics compared as numbers). */
function changed(old: Record<string, unknown>, next: Record<string, unknown>) {
  const before: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) {
    const o = old[k];
    const same = k === 'area_m2' ? Number(o) === Number(v) : (o ?? null) === (v ?? null);
    if (!same) before[k] = o ?? null;
  }
  if (Object.keys(before).length === 0) throw badRequest('asset.no_change', 'reason');
  return before;
}

export async function correctParcel(ctx: UseCaseContext, villageInput: string, idInput: string, input: ParcelInput & { reason?: string }, today = todayInWib()) {
  const village = await villageScope(ctx, villageInput, 'asset.manage');
  const id = parseId(idInput);
  const values = parcelValues(input, today);
  const reason = text(input.reason, 'reason', 3, 500);
  await writeOfficeRecord(ctx, village, async (trx, audit) => {
    const old = id === null ? undefined : await trx.selectFrom('village_land_parcels').selectAll().where('village_code', '=', village).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!old) throw notFound('asset.not_found');
    const before = changed({ ...old, acquired_on: old.acquired_on ? String(old.acquired_on).slice(0, 10) : null }, values);
    await trx.updateTable('village_land_parcels').set(values).where('village_code', '=', village).where('id', '=', id!).execute();
    await trx.insertInto('asset_events').values({ village_code: village, subject: 'parcel', subject_id: id!, kind: 'correction', on_day: today, before: JSON.stringify(before), reason, recorded_by: userIdOf(ctx.actor) }).execute();
    await audit({ action: 'asset.parcel_correct', villageCode: village, subject: `land_parcel:${id}`, detail: { fields: Object.keys(before) } });
  });
}

/** A holding put right, or changed hands (mutasi): the new owner, rights or use with the reason; the values before kept. */
export async function correctHolding(ctx: UseCaseContext, villageInput: string, idInput: string, input: HoldingInput & { reason?: string }, today = todayInWib()) {
  const village = await villageScope(ctx, villageInput, 'asset.manage');
  const id = parseId(idInput);
  const values = await holdingValues(ctx, village, input);
  const reason = text(input.reason, 'reason', 3, 500);
  await writeWithAudit(ctx, async (trx, audit) => {
    const old = id === null ? undefined : await trx.selectFrom('land_holdings').selectAll().where('village_code', '=', village).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!old) throw notFound('asset.not_found');
    const before = changed({ ...old, resident_id: old.resident_id === null ? null : Number(old.resident_id) }, values);
    await trx.updateTable('land_holdings').set(values).where('village_code', '=', village).where('id', '=', id!).execute();
    await trx.insertInto('asset_events').values({ village_code: village, subject: 'holding', subject_id: id!, kind: 'correction', on_day: today, before: JSON.stringify(before), reason, recorded_by: userIdOf(ctx.actor) }).execute();
    await audit({ action: 'asset.holding_correct', villageCode: village, subject: `land_holding:${id}`, detail: { fields: Object.keys(before) } });
  });
}
