import { sql, type Transaction } from 'kysely';
import { authorize, can, userIdOf } from '../../platform/access/access.js';
import { recordAudit, writeWithAudit, type Audit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { formatDate, todayInWib } from '../../platform/format/format.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { clean, dateOf } from '../../platform/http/text-input.js';
import { parseRupiah } from '../budget/index.js';
import { COUNTED_IN_POPULATION } from '../population/index.js';
import { findRegion, parseRegionCodeOrFail } from '../regions/index.js';
import { villageInScope } from '../villages/index.js';
import { commodities, parseQuantity } from './catalog.js';

/**
 * Harvest offers: a Poktan or a farmer puts a harvest up for sale (commodity, kilograms,
 * price per kilogram, from which day), recorded by the village office or the PPL, or by the
 * farmer from self-service. Buyers see the open offers of a district without logging in; the
 * regency sees weekly price figures. An offer is closed as sold or withdrawn, never deleted:
 * the price it asked stays in the week's figures.
 */
type Trx = Transaction<Database>;
type Db = UseCaseContext['db']['kysely'] | Trx;
const counted = [...COUNTED_IN_POPULATION];

export const OUTCOMES = ['sold', 'withdrawn'] as const;
export type OfferStatus = 'open' | (typeof OUTCOMES)[number];
/** Ten thousand tonnes, Rp10 juta a kilogram: far beyond any village harvest, well inside the columns. */
const MAX_KG = 10_000_000;
const MAX_PRICE = 10_000_000n;
/** An offer may say a harvest was ready up to a month ago (still unsold), or will be within a year. */
const DAYS_BACK = 30;
const DAYS_AHEAD = 366;
const PAGE_SIZE = 50;

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const pageOf = (v: string | undefined) => (/^\d{1,4}$/.test(v ?? '') && Number(v) > 0 ? Math.min(Number(v), 1000) : 1);

export interface OfferInput { group_id?: string; nik?: string; commodity?: string; quantity_kg?: string; price_per_kg?: string; available_on?: string; contact_phone?: string }

/** The phone a buyer may call: typed by whoever records the offer, never looked up in the register. */
function phoneOf(v: string | undefined): string | null {
  const s = clean(v).replace(/[\s.()-]/g, '');
  if (s === '') return null;
  if (!/^\+?\d{8,15}$/.test(s)) throw badRequest('farmers.harvest_phone', 'contact_phone');
  return s;
}

/** What is offered, checked in the order of the form so the first problem is the first field. */
async function offerOf(db: Db, input: OfferInput, today: string, lang: 'id' | 'en') {
  const commodity = clean(input.commodity);
  if (commodity === '') throw badRequest('validation.required', 'commodity');
  if (!(await db.selectFrom('farm_commodities').select('code').where('code', '=', commodity).executeTakeFirst())) throw badRequest('validation.choice', 'commodity');
  const quantity = parseQuantity(input.quantity_kg, 'quantity_kg', 2, MAX_KG);
  const price = parseRupiah(input.price_per_kg, 'price_per_kg');
  if (price < 1n) throw badRequest('validation.too_small', 'price_per_kg', { min: 1 });
  if (price > MAX_PRICE) throw badRequest('validation.too_big', 'price_per_kg', { max: '10.000.000' });
  const available = clean(input.available_on) === '' ? today : dateOf(input.available_on, 'available_on');
  const [min, max] = [addDays(today, -DAYS_BACK), addDays(today, DAYS_AHEAD)];
  if (available < min || available > max) throw badRequest('farmers.harvest_date', 'available_on', { min: formatDate(min, lang), max: formatDate(max, lang) });
  return { commodity, quantity_kg: quantity, price_per_kg: price.toString(), available_on: available, contact_phone: phoneOf(input.contact_phone) };
}

/** Who sells, as the office's form says: one Poktan of the village, or one registered farmer by NIK. */
function sellerOf(input: OfferInput) {
  const group = clean(input.group_id);
  const nik = clean(input.nik).replace(/\s/g, '');
  if ((group === '') === (nik === '')) throw badRequest('farmers.harvest_seller', 'group_id');
  if (group !== '') {
    const id = parseId(group);
    if (id === null) throw badRequest('validation.choice', 'group_id');
    return { groupId: id, nik: null };
  }
  if (!/^\d{16}$/.test(nik)) throw badRequest('institutions.nik', 'nik');
  return { groupId: null, nik };
}

async function resolveSeller(trx: Trx, village: string, seller: ReturnType<typeof sellerOf>) {
  if (seller.groupId !== null) {
    const g = await trx.selectFrom('farmer_groups').select('kind').where('village_code', '=', village).where('id', '=', seller.groupId).executeTakeFirst();
    if (!g) throw badRequest('validation.choice', 'group_id');
    if (g.kind !== 'poktan') throw badRequest('farmers.not_poktan', 'group_id');
    return { group_id: seller.groupId, farmer_id: null };
  }
  const f = await sql<{ id: number }>`
    select f.id from farmers f join residents r on r.village_code = f.village_code and r.id = f.resident_id
    where f.village_code = ${village} and r.nik = ${seller.nik} and r.life_status in (${sql.join(counted)})`.execute(trx);
  if (!f.rows[0]) throw badRequest('farmers.not_a_farmer', 'nik');
  return { group_id: null, farmer_id: Number(f.rows[0].id) };
}

/** The village office (or the PPL) records an offer for one of the village's Poktan or farmers. */
export async function recordOffer(ctx: UseCaseContext, villageInput: string, input: OfferInput) {
  const village = await villageInScope(ctx, villageInput, 'farmers.write');
  const code = village.village_code;
  const seller = sellerOf(input);
  const offer = await offerOf(ctx.db.kysely, input, todayInWib(), ctx.lang);
  return writeWithAudit(ctx, async (trx, audit) => {
    const who = await resolveSeller(trx, code, seller);
    const { id } = await trx.insertInto('harvest_offers').values({ village_code: code, ...who, ...offer, created_by_user: userIdOf(ctx.actor) }).returning('id').executeTakeFirstOrThrow();
    await audit({ action: 'farmers.harvest_offer', villageCode: code, subject: `harvest_offer:${id}`, detail: { group: who.group_id, farmer: who.farmer_id, commodity: offer.commodity, quantity_kg: offer.quantity_kg, price_per_kg: offer.price_per_kg } });
    return { id: Number(id) };
  });
}

/** A resident's farmer record in their village, if they are registered (the unique key: one indexed look-up). */
export async function farmerIdOf(db: Db, village: string, residentId: number): Promise<number | null> {
  const f = await db.selectFrom('farmers').select('id').where('village_code', '=', village).where('resident_id', '=', residentId).executeTakeFirst();
  return f ? Number(f.id) : null;
}

/** The citizen and, when they are a registered farmer of their village, their farmer record. */
async function selfFarmer(ctx: UseCaseContext) {
  const actor = authorize(ctx.actor, 'self.farmer');
  if (actor.kind !== 'citizen' || !actor.residentId) throw forbidden('citizen.only_citizen');
  const village = actor.regionCode;
  return { village, residentId: actor.residentId, farmerId: await farmerIdOf(ctx.db.kysely, village, actor.residentId) };
}

/** A registered farmer offers their own harvest from self-service. */
export async function recordOwnOffer(ctx: UseCaseContext, input: OfferInput) {
  const me = await selfFarmer(ctx);
  if (me.farmerId === null) throw forbidden('farmers.self_not_farmer');
  const offer = await offerOf(ctx.db.kysely, input, todayInWib(), ctx.lang);
  return writeWithAudit(ctx, async (trx, audit) => {
    const { id } = await trx.insertInto('harvest_offers').values({ village_code: me.village, farmer_id: me.farmerId, ...offer, created_by_resident: me.residentId }).returning('id').executeTakeFirstOrThrow();
    await audit({ action: 'farmers.harvest_offer', villageCode: me.village, subject: `harvest_offer:${id}`, detail: { farmer: me.farmerId, commodity: offer.commodity, quantity_kg: offer.quantity_kg, price_per_kg: offer.price_per_kg, self: true } });
    return { id: Number(id) };
  });
}

/**
 * Closes an open offer as sold or withdrawn. `farmerId` narrows it to one farmer's offers (a
 * citizen's own): someone else's is "not found", so a citizen learns nothing about it.
 */
async function closeIn(trx: Trx, audit: Audit, village: string, id: number, farmerId: number | null, input: { status?: string }) {
  let q = trx.selectFrom('harvest_offers').select('status').where('village_code', '=', village).where('id', '=', id);
  if (farmerId !== null) q = q.where('farmer_id', '=', farmerId);
  const offer = await q.forUpdate().executeTakeFirst();
  if (!offer) throw notFound('farmers.harvest_not_found');
  const outcome = clean(input.status) as (typeof OUTCOMES)[number];
  if (!OUTCOMES.includes(outcome)) throw badRequest('validation.choice', 'status');
  if (offer.status !== 'open') throw conflict('farmers.harvest_closed');
  await trx.updateTable('harvest_offers').set({ status: outcome, closed_at: new Date() }).where('village_code', '=', village).where('id', '=', id).execute();
  await audit({ action: 'farmers.harvest_close', villageCode: village, subject: `harvest_offer:${id}`, detail: { status: outcome } });
}

export async function closeOffer(ctx: UseCaseContext, villageInput: string, id: number, input: { status?: string }) {
  const village = await villageInScope(ctx, villageInput, 'farmers.write');
  return writeWithAudit(ctx, (trx, audit) => closeIn(trx, audit, village.village_code, id, null, input));
}

export async function closeOwnOffer(ctx: UseCaseContext, id: number, input: { status?: string }) {
  const me = await selfFarmer(ctx);
  if (me.farmerId === null) throw notFound('farmers.harvest_not_found');
  return writeWithAudit(ctx, (trx, audit) => closeIn(trx, audit, me.village, id, me.farmerId, input));
}

export interface OfferRow {
  id: number; commodity: string; commodity_name: string; commodity_name_en: string; quantity_kg: string; price_per_kg: string; available_on: string;
  contact_phone: string | null; status: OfferStatus; created_at: Date; closed_at: Date | null; group_name: string | null; farmer_name: string | null;
}
const OFFER_COLUMNS = sql`o.id, o.commodity, c.name as commodity_name, c.name_en as commodity_name_en, o.quantity_kg::text as quantity_kg, o.price_per_kg::text as price_per_kg,
  o.available_on::text as available_on, o.contact_phone, o.status, o.created_at, o.closed_at, g.name as group_name`;
const OFFER_JOINS = sql`join farm_commodities c on c.code = o.commodity
  left join farmer_groups g on g.village_code = o.village_code and g.id = o.group_id
  left join farmers f on f.village_code = o.village_code and f.id = o.farmer_id
  left join residents r on r.village_code = f.village_code and r.id = f.resident_id`;
const offerRows = <T>(rows: (T & { id: number })[]) => rows.map((r) => ({ ...r, id: Number(r.id) }));

/** The village's offers for the office: open ones first, then the closed, newest first; farmers by name (the read is logged). */
export async function harvestOfficePage(ctx: UseCaseContext, villageInput: string, pageInput?: string) {
  const village = await villageInScope(ctx, villageInput, 'farmers.read');
  const code = village.village_code;
  const page = pageOf(pageInput);
  const db = ctx.db.kysely;
  const [rows, groups, commodityList] = await Promise.all([
    sql<OfferRow & { resident_id: number | null }>`
      select ${OFFER_COLUMNS}, r.name as farmer_name, r.id as resident_id from harvest_offers o ${OFFER_JOINS}
      where o.village_code = ${code} order by o.status <> 'open', o.created_at desc, o.id desc limit ${PAGE_SIZE + 1} offset ${(page - 1) * PAGE_SIZE}`.execute(db),
    db.selectFrom('farmer_groups').select(['id', 'name']).where('village_code', '=', code).where('kind', '=', 'poktan').orderBy('name').execute(),
    commodities(db),
  ]);
  const offers = offerRows(rows.rows.slice(0, PAGE_SIZE));
  const residents = [...new Set(offers.flatMap((o) => (o.resident_id === null ? [] : [Number(o.resident_id)])))];
  if (residents.length) await recordAudit(db, ctx, { action: 'farmers.harvest_list', villageCode: code, subject: `village:${code}`, detail: { residents } });
  return {
    village, page, more: rows.rows.length > PAGE_SIZE, district: code.slice(0, 8),
    offers: offers.map(({ resident_id: _r, ...o }) => o),
    groups: groups.map((g) => ({ ...g, id: Number(g.id) })), commodities: commodityList,
    canWrite: can(ctx.actor, 'farmers.write', code),
  };
}

/** A citizen's page: whether they are a registered farmer, and their offers (by whoever recorded them). */
export async function myHarvest(ctx: UseCaseContext) {
  const me = await selfFarmer(ctx);
  const db = ctx.db.kysely;
  const rows = me.farmerId === null ? [] : (await sql<OfferRow>`
    select ${OFFER_COLUMNS}, null as farmer_name from harvest_offers o ${OFFER_JOINS}
    where o.village_code = ${me.village} and o.farmer_id = ${me.farmerId} order by o.status <> 'open', o.created_at desc, o.id desc limit ${PAGE_SIZE}`.execute(db)).rows;
  return { farmer: me.farmerId !== null, district: me.village.slice(0, 8), offers: offerRows(rows), commodities: await commodities(db) };
}

/**
 * How a farmer is named to buyers: the first name and the initial of the last ("Budi S.").
 * A buyer needs to tell offers apart and to ask for the seller at the village office or on the
 * phone given; a full name beside the village and the harvest would tell the whole internet
 * who holds how much produce. A one-word name (common here) shows as it is: a given name alone
 * is shared by many in a district. No NIK, address or dusun ever leaves on this page.
 */
export function publicName(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return words[0] ?? '';
  return `${words[0]} ${words.at(-1)!.charAt(0).toUpperCase()}.`;
}

async function regionAt(ctx: UseCaseContext, input: string, level: 2 | 3) {
  const code = parseRegionCodeOrFail(input);
  const region = await findRegion(ctx.db.kysely, code);
  if (!region) throw notFound('region.not_found', { code });
  if (region.level !== level) throw badRequest(level === 3 ? 'farmers.harvest_district' : 'farmers.harvest_regency', 'code');
  return region;
}

/**
 * Open offers of a district for buyers, newest first, 50 a page. Across villages on purpose;
 * it reads the index harvest_offers_open (village_code, status, commodity): the district is a
 * range of village codes (collation C) and status/commodity are checked inside the index.
 */
export async function publicOffers(ctx: UseCaseContext, districtInput: string, query: { komoditas?: string; page?: string }) {
  const region = await regionAt(ctx, districtInput, 3);
  const db = ctx.db.kysely;
  const list = await commodities(db);
  const commodity = clean(query.komoditas);
  if (commodity !== '' && !list.some((c) => c.code === commodity)) throw badRequest('validation.choice', 'komoditas');
  const page = pageOf(query.page);
  const r = await sql<OfferRow & { village: string }>`
    select ${OFFER_COLUMNS}, r.name as farmer_name, v.name as village
    from harvest_offers o join regions v on v.code = o.village_code ${OFFER_JOINS}
    where o.village_code > ${`${region.code}.`} and o.village_code < ${`${region.code}/`} and o.status = 'open'
      ${commodity ? sql`and o.commodity = ${commodity}` : sql``}
    order by o.created_at desc, o.id desc limit ${PAGE_SIZE + 1} offset ${(page - 1) * PAGE_SIZE}
    /* cross-village: buyers see the open harvest offers of a whole district (no NIK; farmers by first name) */`.execute(db);
  // Field by field: what a buyer reads, and nothing else of the row (the farmer's full name stays here).
  const offers = r.rows.slice(0, PAGE_SIZE).map((o) => ({
    id: Number(o.id), village: o.village, commodity: o.commodity, commodity_name: o.commodity_name, commodity_name_en: o.commodity_name_en,
    seller: o.group_name ?? publicName(o.farmer_name ?? ''), group: o.group_name !== null, quantity_kg: o.quantity_kg, price_per_kg: o.price_per_kg,
    available_on: o.available_on, contact_phone: o.contact_phone, created_at: o.created_at,
  }));
  return { region, commodities: list, commodity, page, more: r.rows.length > PAGE_SIZE, offers };
}

/** Monday of the ISO week of `day`, and the ISO week's number and year (the year its Thursday falls in). */
export function isoWeek(monday: string) {
  const thursday = new Date(Date.parse(`${monday}T00:00:00Z`) + 3 * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return { year, week };
}
const mondayOf = (day: string) => addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));

export interface PriceRow { week_start: string; commodity: string; name: string; name_en: string; offers: number; quantity_kg: string; average: string; min_price: string; max_price: string }

/**
 * Weekly price figures of a regency for the last 12 ISO weeks (this one included, in WIB): per
 * week and commodity, the offers recorded that week whatever became of them, the average
 * price weighted by kilograms (exact in numeric, rounded to whole rupiah), the lowest and the
 * highest. Across villages on purpose; the regency is a range of village codes.
 */
export async function weeklyPrices(ctx: UseCaseContext, regencyInput: string, today = todayInWib()) {
  const region = await regionAt(ctx, regencyInput, 2);
  const first = addDays(mondayOf(today), -77);
  const r = await sql<PriceRow>`
    select to_char(date_trunc('week', o.created_at at time zone 'Asia/Jakarta'), 'YYYY-MM-DD') as week_start, o.commodity, c.name, c.name_en,
      count(*)::int as offers, sum(o.quantity_kg)::text as quantity_kg,
      round(sum(o.quantity_kg * o.price_per_kg) / sum(o.quantity_kg))::text as average,
      min(o.price_per_kg)::text as min_price, max(o.price_per_kg)::text as max_price
    from harvest_offers o join farm_commodities c on c.code = o.commodity
    where o.village_code > ${`${region.code}.`} and o.village_code < ${`${region.code}/`}
      and o.created_at >= ${`${first}T00:00:00+07:00`}::timestamptz
    group by 1, o.commodity, c.name, c.name_en, c.sort order by 1 desc, c.sort
    /* cross-village: a regency's weekly price figures, counts and prices only */`.execute(ctx.db.kysely);
  const districts = await ctx.db.kysely.selectFrom('regions').select(['code', 'name', 'kind']).where('parent_code', '=', region.code).orderBy('code').execute();
  return { region, first, districts, rows: r.rows.map((row) => ({ ...row, ...isoWeek(row.week_start) })) };
}
