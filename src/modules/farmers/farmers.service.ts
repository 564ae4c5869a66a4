import { randomInt } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { can, userIdOf } from '../../platform/access/access.js';
import { recordAudit, writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { clean, text } from '../../platform/http/text-input.js';
import { todayInWib } from '../../platform/format/format.js';
import { COUNTED_IN_POPULATION, maskNik } from '../population/index.js';
import { coordinate } from '../projects/index.js';
import { villageInScope } from '../villages/index.js';
import { commodities, parseQuantity, seasonOf, TENURES, type Tenure } from './catalog.js';
import { joinGroup } from './groups.service.js';
import { refreshFarmRollup } from './rollup.js';

/**
 * Farmers (Kartu Petani Berjaya): a living resident of the village, registered by NIK from the
 * population register, once across the installation (farmer_niks). A farmer is never deleted:
 * one who moved away or died shows so from the register and can no longer redeem fertiliser.
 */
const counted = [...COUNTED_IN_POPULATION];
type Trx = Transaction<Database>;
type Db = UseCaseContext['db']['kysely'] | Trx;

/** The card's code: ten characters without the look-alikes 0/O, 1/I. Random: it says nothing about the farmer. */
const CARD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const newCardCode = () => Array.from({ length: 10 }, () => CARD_ALPHABET[randomInt(CARD_ALPHABET.length)]).join('');
/** A card code as typed at a kiosk: spaces and dashes dropped, upper case; null when it cannot be one. */
export function parseCardCode(v: string | undefined): string | null {
  const s = clean(v).replace(/[\s-]/g, '').toUpperCase();
  return /^[A-Z2-9]{10}$/.test(s) ? s : null;
}

const optional = (v: string | undefined) => clean(v) !== '';
const flag = (v: string | undefined) => ['1', 'on', 'true', 'ya'].includes(clean(v).toLowerCase());

export interface ParcelInput { area_ha?: string; tenure?: string; area_id?: string; latitude?: string; longitude?: string; parcel_note?: string }
export interface CropInput { commodity?: string; season?: string; year?: string; crop_area_ha?: string }
export interface FarmerInput extends ParcelInput, CropInput { nik?: string; bank_name?: string; bank_account?: string; autp?: string; bpjs_tk?: string; group_id?: string }

function bankOf(input: { bank_name?: string; bank_account?: string }) {
  const account = clean(input.bank_account).replace(/[\s.-]/g, '');
  if (account && !/^\d{6,20}$/.test(account)) throw badRequest('farmers.bank_account', 'bank_account');
  const name = optional(input.bank_name) ? text(input.bank_name, 'bank_name', 2, 60) : null;
  if (account && !name) throw badRequest('validation.required', 'bank_name');
  return { bank_name: name, bank_account: account || null };
}

export function parcelOf(input: ParcelInput) {
  const tenure = clean(input.tenure) || 'own';
  if (!(TENURES as readonly string[]).includes(tenure)) throw badRequest('validation.choice', 'tenure');
  const latitude = coordinate(input.latitude, 'latitude', 90);
  const longitude = coordinate(input.longitude, 'longitude', 180);
  if ((latitude === null) !== (longitude === null)) throw badRequest('projects.point', latitude === null ? 'latitude' : 'longitude');
  const areaId = optional(input.area_id) ? parseId(clean(input.area_id)) : null;
  if (optional(input.area_id) && areaId === null) throw badRequest('validation.choice', 'area_id');
  const note = optional(input.parcel_note) ? text(input.parcel_note, 'parcel_note', 2, 200) : null;
  return { area_ha: parseQuantity(input.area_ha, 'area_ha', 4, 1000), tenure: tenure as Tenure, area_id: areaId, latitude, longitude, note };
}

async function cropOf(db: Db, input: CropInput, today: string, fallbackArea: string | null) {
  const commodity = clean(input.commodity);
  const known = await db.selectFrom('farm_commodities').select('code').where('code', '=', commodity).executeTakeFirst();
  if (!known) throw badRequest('validation.choice', 'commodity');
  const season = optional(input.season) ? Number(clean(input.season)) : seasonOf(today);
  if (![1, 2, 3].includes(season)) throw badRequest('validation.choice', 'season');
  const year = optional(input.year) ? Number(clean(input.year)) : Number(today.slice(0, 4));
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badRequest('budget.year', 'year');
  const area = optional(input.crop_area_ha) || fallbackArea === null ? parseQuantity(input.crop_area_ha, 'crop_area_ha', 4, 1000) : fallbackArea;
  return { commodity, season, year, area_ha: area };
}

async function checkArea(db: Db, village: string, areaId: number | null) {
  if (areaId === null) return;
  const area = await db.selectFrom('village_areas').select('id').where('village_code', '=', village).where('id', '=', areaId).executeTakeFirst();
  if (!area) throw badRequest('population.area_not_found', 'area_id');
}

/**
 * Registers a resident as a farmer, with (optionally) a first parcel, the Poktan they join and
 * what they grow this season: one form at the village office, one transaction.
 */
export async function registerFarmer(ctx: UseCaseContext, villageInput: string, input: FarmerInput) {
  const village = await villageInScope(ctx, villageInput, 'farmers.write');
  const code = village.village_code;
  const nik = clean(input.nik).replace(/\s/g, '');
  if (!nik) throw badRequest('validation.required', 'nik');
  if (!/^\d{16}$/.test(nik)) throw badRequest('institutions.nik', 'nik');
  const bank = bankOf(input);
  const parcel = optional(input.area_ha) ? parcelOf(input) : null;
  const groupId = optional(input.group_id) ? parseId(clean(input.group_id)) : null;
  if (optional(input.group_id) && groupId === null) throw badRequest('validation.choice', 'group_id');
  const today = todayInWib();
  const crop = optional(input.commodity) ? await cropOf(ctx.db.kysely, input, today, parcel?.area_ha ?? null) : null;
  const userId = userIdOf(ctx.actor)!;
  return writeWithAudit(ctx, async (trx, audit) => {
    const resident = await trx.selectFrom('residents').select(['id', 'name']).where('village_code', '=', code).where('nik', '=', nik)
      .where('life_status', 'in', counted).executeTakeFirst();
    if (!resident) throw badRequest('farmers.resident_unknown', 'nik');
    await checkArea(trx, code, parcel?.area_id ?? null);
    const cardCode = newCardCode();
    const { id } = await trx.insertInto('farmers').values({ village_code: code, resident_id: resident.id, card_code: cardCode, ...bank, autp: flag(input.autp), bpjs_tk: flag(input.bpjs_tk), registered_by: userId })
      .onConflict((oc) => oc.columns(['village_code', 'resident_id']).doNothing()).returning('id').executeTakeFirst() ?? { id: null };
    if (id === null) throw conflict('farmers.already_here', 'nik', { name: resident.name });
    const farmerId = Number(id);
    await claimNik(trx, code, nik, farmerId);
    await trx.insertInto('farmer_cards').values({ card_code: cardCode, village_code: code, farmer_id: farmerId }).execute();
    if (parcel) await trx.insertInto('farm_parcels').values({ village_code: code, farmer_id: farmerId, ...parcel, created_by: userId }).execute();
    if (groupId !== null) await joinGroup(trx, code, groupId, farmerId, today, userId);
    if (crop) await trx.insertInto('farm_crops').values({ village_code: code, farmer_id: farmerId, ...crop, created_by: userId }).execute();
    await refreshFarmRollup(trx, code);
    await audit({ action: 'farmers.register', villageCode: code, subject: `farmer:${farmerId}`, detail: { resident: Number(resident.id), parcel: parcel?.area_ha ?? null, group: groupId } });
    return { id: farmerId, name: resident.name };
  });
}

/**
 * One farmer per NIK across the installation. A NIK already claimed by a farmer elsewhere who
 * still lives there is refused, naming the village; one who moved away (the resident there is no
 * longer counted) moves their claim here — the old record stays, flagged by the register.
 */
async function claimNik(trx: Trx, village: string, nik: string, farmerId: number) {
  const claimed = await trx.insertInto('farmer_niks').values({ nik, village_code: village, farmer_id: farmerId })
    .onConflict((oc) => oc.column('nik').doNothing()).returning('nik').executeTakeFirst();
  if (claimed) return;
  const holder = await trx.selectFrom('farmer_niks').select(['village_code', 'farmer_id']).where('nik', '=', nik).forUpdate().executeTakeFirstOrThrow();
  const stillThere = await sql<{ name: string }>`
    select v.name from farmers f join residents r on r.village_code = f.village_code and r.id = f.resident_id
      join regions v on v.code = f.village_code
    where f.village_code = ${holder.village_code} and f.id = ${holder.farmer_id} and r.life_status in (${sql.join(counted)})`.execute(trx);
  if (stillThere.rows[0]) throw conflict('farmers.elsewhere', 'nik', { village: stillThere.rows[0].name });
  await trx.updateTable('farmer_niks').set({ village_code: village, farmer_id: farmerId }).where('nik', '=', nik).execute();
}

export interface FarmerRow { id: number; resident_id: number; name: string; nik: string; living: boolean; hectares: string; group_name: string | null; card_code: string }

/** The village's farmers (by name; `q` searches the name), NIK masked, with their total area and Poktan. */
export async function listFarmers(ctx: UseCaseContext, villageInput: string, query: { q?: string; page?: string } = {}) {
  const village = await villageInScope(ctx, villageInput, 'farmers.read');
  const code = village.village_code;
  const q = clean(query.q).slice(0, 60);
  const page = Math.max(1, Math.min(1000, Number(query.page) || 1));
  const size = 100;
  const like = q ? `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
  const db = ctx.db.kysely;
  const [rows, totals, groups, areas, commodityList] = await Promise.all([
    sql<FarmerRow & { total: number }>`
      select f.id, f.resident_id, r.name, r.nik, r.life_status in (${sql.join(counted)}) as living, f.card_code,
        coalesce((select sum(p.area_ha) from farm_parcels p where p.village_code = f.village_code and p.farmer_id = f.id and p.ended_on is null), 0)::text as hectares,
        (select g.name from farmer_group_members m join farmer_groups g on g.village_code = m.village_code and g.id = m.group_id
          where m.village_code = f.village_code and m.farmer_id = f.id and m.left_on is null) as group_name,
        count(*) over ()::int as total
      from farmers f join residents r on r.village_code = f.village_code and r.id = f.resident_id
      where f.village_code = ${code} ${like ? sql`and r.name ilike ${like}` : sql``}
      order by r.name, f.id limit ${size} offset ${(page - 1) * size}`.execute(db),
    db.selectFrom('monitoring_farmers').select(['farmers', 'poktan', 'hectares']).where('village_code', '=', code).executeTakeFirst(),
    db.selectFrom('farmer_groups').select(['id', 'name', 'kind']).where('village_code', '=', code).orderBy('kind', 'desc').orderBy('name').execute(),
    db.selectFrom('village_areas').select(['id', 'name', 'level']).where('village_code', '=', code).where('level', '=', 'dusun').orderBy('name').execute(),
    commodities(db),
  ]);
  await recordAudit(db, ctx, { action: 'farmers.list', villageCode: code, subject: `village:${code}`, detail: { residents: rows.rows.map((r) => Number(r.resident_id)), q: q || undefined } });
  return {
    village, q, page, total: rows.rows[0]?.total ?? 0, size,
    farmers: rows.rows.map(({ nik, total: _t, ...r }) => ({ ...r, id: Number(r.id), nik: maskNik(nik) })),
    totals: totals ?? { farmers: 0, poktan: 0, hectares: '0' },
    groups: groups.map((g) => ({ ...g, id: Number(g.id) })),
    canWrite: can(ctx.actor, 'farmers.write', code),
    areas, commodities: commodityList,
  };
}

export async function farmerOf(db: Db, village: string, id: number) {
  const row = await sql<{ id: number; resident_id: number; name: string; nik: string; life_status: number; living: boolean; card_code: string; bank_name: string | null; bank_account: string | null; autp: boolean; bpjs_tk: boolean; registered_at: Date; dusun: string | null }>`
    select f.id, f.resident_id, r.name, r.nik, r.life_status, r.life_status in (${sql.join(counted)}) as living, f.card_code, f.bank_name, f.bank_account, f.autp, f.bpjs_tk, f.registered_at,
      (select a.name from village_areas a where a.village_code = r.village_code and a.id = r.area_id) as dusun
    from farmers f join residents r on r.village_code = f.village_code and r.id = f.resident_id
    where f.village_code = ${village} and f.id = ${id}`.execute(db);
  if (!row.rows[0]) throw notFound('farmers.not_found');
  return { ...row.rows[0], id: Number(row.rows[0].id), resident_id: Number(row.rows[0].resident_id) };
}

/** "****4321": the KUR account's last four digits only. */
export const maskAccount = (account: string | null) => (account ? `${'*'.repeat(Math.max(0, account.length - 4))}${account.slice(-4)}` : null);

/** A farmer's page: parcels, crops, group history, allocation and redemptions; the read is logged. */
export async function farmerPage(ctx: UseCaseContext, villageInput: string, id: number) {
  const village = await villageInScope(ctx, villageInput, 'farmers.read');
  const code = village.village_code;
  const db = ctx.db.kysely;
  const farmer = await farmerOf(db, code, id);
  const year = Number(todayInWib().slice(0, 4));
  const [parcels, crops, memberships, allocations, redemptions, groups, commodityList, areas] = await Promise.all([
    sql<{ id: number; area_ha: string; tenure: Tenure; dusun: string | null; latitude: string | null; longitude: string | null; note: string | null; ended_on: string | null }>`
      select p.id, p.area_ha::text as area_ha, p.tenure, a.name as dusun, p.latitude::text as latitude, p.longitude::text as longitude, p.note, p.ended_on::text as ended_on
      from farm_parcels p left join village_areas a on a.village_code = p.village_code and a.id = p.area_id
      where p.village_code = ${code} and p.farmer_id = ${id} order by p.ended_on is not null, p.id`.execute(db),
    db.selectFrom('farm_crops').select(['id', 'year', 'season', 'commodity', sql<string>`area_ha::text`.as('area_ha')]).where('village_code', '=', code).where('farmer_id', '=', id)
      .orderBy('year', 'desc').orderBy('season').orderBy('commodity').limit(60).execute(),
    sql<{ id: number; group_id: number; name: string; joined_on: string; left_on: string | null }>`
      select m.id, m.group_id, g.name, m.joined_on::text as joined_on, m.left_on::text as left_on
      from farmer_group_members m join farmer_groups g on g.village_code = m.village_code and g.id = m.group_id
      where m.village_code = ${code} and m.farmer_id = ${id} order by m.left_on is not null, m.joined_on desc, m.id desc`.execute(db),
    allocationsOf(db, code, id, year),
    redemptionsOf(db, code, id, 50),
    db.selectFrom('farmer_groups').select(['id', 'name']).where('village_code', '=', code).where('kind', '=', 'poktan').orderBy('name').execute(),
    commodities(db),
    db.selectFrom('village_areas').select(['id', 'name']).where('village_code', '=', code).where('level', '=', 'dusun').orderBy('name').execute(),
  ]);
  await recordAudit(db, ctx, { action: 'farmers.read', villageCode: code, subject: `resident:${farmer.resident_id}`, detail: { farmer: id } });
  const fullNik = can(ctx.actor, 'population.full_nik', code);
  return {
    village, year,
    farmer: { ...farmer, nik: fullNik ? farmer.nik : maskNik(farmer.nik), bank_account: maskAccount(farmer.bank_account) },
    parcels: parcels.rows, crops, memberships: memberships.rows, allocations, redemptions, groups: groups.map((g) => ({ ...g, id: Number(g.id) })), commodities: commodityList, areas,
    hectares: parcels.rows.filter((p) => p.ended_on === null).reduce((s, p) => s + Number(p.area_ha), 0),
    canWrite: can(ctx.actor, 'farmers.write', code),
  };
}

/** What a farmer may redeem this year, per season and fertiliser: allocated, redeemed, left. */
export async function allocationsOf(db: Db, village: string, farmerId: number, year: number) {
  const r = await sql<{ season: number; fertiliser: string; name: string; allocated: string; redeemed: string; remaining: string }>`
    select a.season, a.fertiliser, t.name, a.allocated::text as allocated, a.redeemed::text as redeemed, (a.allocated - a.redeemed)::text as remaining
    from farm_allocations a join fertiliser_types t on t.code = a.fertiliser
    where a.village_code = ${village} and a.farmer_id = ${farmerId} and a.year = ${year} order by a.season, t.sort`.execute(db);
  return r.rows;
}

export async function redemptionsOf(db: Db, village: string, farmerId: number, limit: number) {
  const r = await sql<{ id: number; receipt_no: string; redeemed_at: Date; season: number; year: number; kiosk: string; items: string }>`
    select d.id, d.receipt_no, d.redeemed_at, d.season, d.year, k.name as kiosk,
      (select string_agg(t.name || ' ' || replace(trim_scale(i.quantity)::text, '.', ',') || ' kg', ', ' order by t.sort) from farm_redemption_items i join fertiliser_types t on t.code = i.fertiliser
        where i.village_code = d.village_code and i.redemption_id = d.id) as items
    from farm_redemptions d left join farm_kiosks k on k.id = d.kiosk_id
    where d.village_code = ${village} and d.farmer_id = ${farmerId} order by d.redeemed_at desc limit ${limit}`.execute(db);
  return r.rows;
}

export async function updateFarmer(ctx: UseCaseContext, villageInput: string, id: number, input: { bank_name?: string; bank_account?: string; autp?: string; bpjs_tk?: string }) {
  const village = await villageInScope(ctx, villageInput, 'farmers.write');
  const code = village.village_code;
  // An empty account field keeps the account on file (the page shows it masked, never to be retyped).
  const keep = !optional(input.bank_account);
  const bank = keep ? null : bankOf(input);
  return writeWithAudit(ctx, async (trx, audit) => {
    await farmerOf(trx, code, id);
    await trx.updateTable('farmers').set({ ...(bank ?? {}), autp: flag(input.autp), bpjs_tk: flag(input.bpjs_tk), updated_at: new Date() })
      .where('village_code', '=', code).where('id', '=', id).execute();
    await audit({ action: 'farmers.update', villageCode: code, subject: `farmer:${id}`, detail: { bank_changed: !keep, autp: flag(input.autp), bpjs_tk: flag(input.bpjs_tk) } });
  });
}

export async function addParcel(ctx: UseCaseContext, villageInput: string, id: number, input: ParcelInput) {
  const village = await villageInScope(ctx, villageInput, 'farmers.write');
  const code = village.village_code;
  const parcel = parcelOf(input);
  return writeWithAudit(ctx, async (trx, audit) => {
    await farmerOf(trx, code, id);
    await checkArea(trx, code, parcel.area_id);
    const { id: parcelId } = await trx.insertInto('farm_parcels').values({ village_code: code, farmer_id: id, ...parcel, created_by: userIdOf(ctx.actor)! }).returning('id').executeTakeFirstOrThrow();
    await refreshFarmRollup(trx, code);
    await audit({ action: 'farmers.parcel_add', villageCode: code, subject: `farmer:${id}`, detail: { parcel: Number(parcelId), area_ha: parcel.area_ha } });
  });
}

/** A parcel no longer farmed ends on a day; it stays on the farmer's page. */
export async function endParcel(ctx: UseCaseContext, villageInput: string, id: number, parcelId: number) {
  const village = await villageInScope(ctx, villageInput, 'farmers.write');
  const code = village.village_code;
  return writeWithAudit(ctx, async (trx, audit) => {
    const done = await trx.updateTable('farm_parcels').set({ ended_on: todayInWib() }).where('village_code', '=', code).where('farmer_id', '=', id)
      .where('id', '=', parcelId).where('ended_on', 'is', null).executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) throw notFound('farmers.parcel_not_found');
    await refreshFarmRollup(trx, code);
    await audit({ action: 'farmers.parcel_end', villageCode: code, subject: `farmer:${id}`, detail: { parcel: parcelId } });
  });
}

/** What the farmer grows in a season; the same commodity twice in a season updates its area. */
export async function recordCrop(ctx: UseCaseContext, villageInput: string, id: number, input: CropInput) {
  const village = await villageInScope(ctx, villageInput, 'farmers.write');
  const code = village.village_code;
  // An empty planted area is the farmer's land now (what the form's label promises).
  const land = await ctx.db.kysely.selectFrom('farm_parcels').select(sql<string | null>`sum(area_ha)::text`.as('hectares')).where('village_code', '=', code).where('farmer_id', '=', id).where('ended_on', 'is', null).executeTakeFirst();
  const crop = await cropOf(ctx.db.kysely, input, todayInWib(), land?.hectares ?? null);
  return writeWithAudit(ctx, async (trx, audit) => {
    await farmerOf(trx, code, id);
    await trx.insertInto('farm_crops').values({ village_code: code, farmer_id: id, ...crop, created_by: userIdOf(ctx.actor)! })
      .onConflict((oc) => oc.columns(['village_code', 'farmer_id', 'year', 'season', 'commodity']).doUpdateSet({ area_ha: crop.area_ha })).execute();
    await refreshFarmRollup(trx, code);
    await audit({ action: 'farmers.crop', villageCode: code, subject: `farmer:${id}`, detail: crop });
  });
}
