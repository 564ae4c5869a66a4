import { randomInt } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { authorize, regionWithin, userIdOf, type Actor } from '../../platform/access/access.js';
import { recordAudit, writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { clean, dateOf, text } from '../../platform/http/text-input.js';
import { todayInWib } from '../../platform/format/format.js';
import { insertAccount, prepareCredentials, usernameTaken } from '../identity/index.js';
import { COUNTED_IN_POPULATION, maskNik } from '../population/index.js';
import { findRegion, parseRegionCodeOrFail } from '../regions/index.js';
import { fertiliserTypes, formatQuantity, parseQuantity, seasonOf, toUnits } from './catalog.js';
import { parseCardCode } from './farmers.service.js';
import { addRedeemed } from './rollup.js';

/**
 * Registered fertiliser kiosks (kios pupuk lengkap). The regency's agriculture office registers
 * a kiosk with its account and the villages it serves. The kiosk scans or types a farmer card,
 * sees the name, the NIK masked and what is left of this season's allocation — nothing else of
 * the register — and records what it hands out. The allocation row itself refuses anything
 * beyond it: the update that adds the quantity only matches while the total stays within, so
 * two kiosks at the same moment cannot both take the last sack (and farm_allocations' check is
 * the last word).
 */
type Trx = Transaction<Database>;
const counted = [...COUNTED_IN_POPULATION];

/** The village codes a list names: one per line or separated by commas ("18.09.10.2004" or "1809102004"). */
function villageCodes(v: string | undefined): string[] {
  const parts = (v ?? '').split(/[\n,;]/).map((s) => s.trim()).filter(Boolean);
  if (parts.length === 0) throw badRequest('validation.required', 'villages');
  if (parts.length > 100) throw badRequest('farmers.too_many_villages', 'villages', { max: 100 });
  return [...new Set(parts.map((p) => parseRegionCodeOrFail(p, 'villages')))];
}

export interface KioskInput { name?: string; owner_name?: string; address?: string; district?: string; villages?: string; username?: string; password?: string }

/** Registers a kiosk, its account (role fertiliser_kiosk, placed on its district) and the activated villages it serves. */
export async function registerKiosk(ctx: UseCaseContext, input: KioskInput) {
  const actor = authorize(ctx.actor, 'farmers.kiosks');
  const district = parseRegionCodeOrFail(clean(input.district), 'district');
  authorize(actor, 'farmers.kiosks', district);
  const region = await findRegion(ctx.db.kysely, district);
  if (!region || region.level !== 3) throw badRequest('farmers.kiosk_district', 'district');
  const name = text(input.name, 'name', 3, 120);
  const owner = text(input.owner_name, 'owner_name', 3, 120);
  const address = text(input.address, 'address', 3, 200);
  const villages = villageCodes(input.villages);
  for (const v of villages) if (!regionWithin(v, actor.regionCode)) throw forbidden('error.forbidden_region', { code: v });
  const { username, passwordHash } = await prepareCredentials(clean(input.username), input.password ?? '');
  return writeWithAudit(ctx, async (trx, audit) => {
    const active = await trx.selectFrom('villages').select('village_code').where('village_code', 'in', villages).execute();
    const missing = villages.filter((v) => !active.some((a) => a.village_code === v));
    if (missing.length) throw badRequest('farmers.kiosk_villages', 'villages', { list: missing.join(', ') });
    if (await usernameTaken(trx, username)) throw conflict('account.username_taken', 'username', { username });
    const user = await insertAccount(trx, { username, password_hash: passwordHash, full_name: name, role: 'fertiliser_kiosk', region_code: district, position_title: `Pemilik: ${owner}`, nip: null, email: null, phone: null, created_by: actor.id });
    const { id } = await trx.insertInto('farm_kiosks').values({ name, owner_name: owner, address, region_code: district, user_id: user.id, registered_by: actor.id }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('farm_kiosk_villages').values(villages.map((v) => ({ kiosk_id: Number(id), village_code: v }))).execute();
    await audit({ action: 'farmers.kiosk_register', regionCode: district, subject: `kiosk:${id}`, detail: { name, username, villages } });
    return { id: Number(id), username };
  });
}

/** The kiosks registered within the scope, with the villages each serves and what each received and handed out. */
export async function kiosksPage(ctx: UseCaseContext, regionInput: string) {
  const actor = authorize(ctx.actor, 'farmers.kiosks');
  const code = parseRegionCodeOrFail(regionInput);
  authorize(actor, 'farmers.kiosks', code);
  const r = await sql<{ id: number; name: string; owner_name: string; address: string; region_code: string; district: string; username: string; villages: string }>`
    select k.id, k.name, k.owner_name, k.address, k.region_code, d.name as district, u.username,
      (select string_agg(v.name, ', ' order by v.name) from farm_kiosk_villages kv join regions v on v.code = kv.village_code where kv.kiosk_id = k.id) as villages
    from farm_kiosks k join regions d on d.code = k.region_code join users u on u.id = k.user_id
    where k.region_code = ${code} or k.region_code like ${`${code}.%`} order by d.name, k.name`.execute(ctx.db.kysely);
  const districts = await ctx.db.kysely.selectFrom('regions').select(['code', 'name']).where('parent_code', '=', code).where('level', '=', 3).orderBy('name').execute();
  return { code, kiosks: r.rows.map((k) => ({ ...k, id: Number(k.id) })), districts: districts.length ? districts : await ctx.db.kysely.selectFrom('regions').select(['code', 'name']).where('code', '=', code).where('level', '=', 3).execute() };
}

/** The kiosk behind a kiosk account, with the villages it serves (one read); every kiosk use case starts here. */
export async function kioskOf(ctx: UseCaseContext) {
  const actor = authorize(ctx.actor, 'farmers.redeem');
  const r = await sql<{ id: number; name: string; owner_name: string; address: string; region_code: string; villages: string[] | string }>`
    select k.id, k.name, k.owner_name, k.address, k.region_code, array(select v.village_code from farm_kiosk_villages v where v.kiosk_id = k.id order by 1) as villages
    from farm_kiosks k where k.user_id = ${actor.id}`.execute(ctx.db.kysely);
  const kiosk = r.rows[0];
  if (!kiosk) throw forbidden();
  // PGlite and pg both give text[] as an array; a driver without the type would give '{…}'.
  const villages = Array.isArray(kiosk.villages) ? kiosk.villages : kiosk.villages.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
  return { ...kiosk, id: Number(kiosk.id), villages, actor: actor as Actor };
}

type Kiosk = Awaited<ReturnType<typeof kioskOf>>;

/** A card as the kiosk sees it, without the access-log entry (the caller writes one). */
async function findCard(ctx: UseCaseContext, kiosk: Kiosk, cardInput: string | undefined, today: string, withRemaining = true) {
  const card = parseCardCode(cardInput);
  if (!card) throw badRequest('farmers.card_format', 'nomor_kartu');
  const ref = await ctx.db.kysely.selectFrom('farmer_cards').select(['village_code', 'farmer_id']).where('card_code', '=', card).executeTakeFirst();
  if (!ref || !kiosk.villages.includes(ref.village_code)) throw notFound('farmers.card_unknown');
  const year = Number(today.slice(0, 4));
  const season = seasonOf(today);
  const db = ctx.db.kysely;
  const [who, remaining] = await Promise.all([
    sql<{ name: string; nik: string; living: boolean; village: string; resident_id: number }>`
      select r.name, r.nik, r.life_status in (${sql.join(counted)}) as living, v.name as village, r.id as resident_id
      from farmers f join residents r on r.village_code = f.village_code and r.id = f.resident_id join regions v on v.code = f.village_code
      where f.village_code = ${ref.village_code} and f.id = ${ref.farmer_id}`.execute(db),
    // A redemption does not need what is left: its update checks that itself.
    !withRemaining ? { rows: [] } : sql<{ fertiliser: string; name: string; allocated: string; redeemed: string; remaining: string }>`
      select t.code as fertiliser, t.name, coalesce(a.allocated, 0)::text as allocated, coalesce(a.redeemed, 0)::text as redeemed, coalesce(a.allocated - a.redeemed, 0)::text as remaining
      from fertiliser_types t left join farm_allocations a on a.village_code = ${ref.village_code} and a.farmer_id = ${ref.farmer_id} and a.year = ${year} and a.season = ${season} and a.fertiliser = t.code
      order by t.sort`.execute(db),
  ]);
  const farmer = who.rows[0]!;
  return { kiosk, card, year, season, village_code: ref.village_code, farmer_id: Number(ref.farmer_id), resident_id: Number(farmer.resident_id), name: farmer.name, nik: maskNik(farmer.nik), village: farmer.village, living: farmer.living, remaining: remaining.rows };
}

/**
 * A card as the kiosk sees it: name, NIK masked, village, and what is left this season per
 * fertiliser. A card of a village the kiosk does not serve is "unknown", as is a made-up code.
 * The read is on the farmer's access log.
 */
export async function lookupCard(ctx: UseCaseContext, cardInput: string | undefined, today = todayInWib()) {
  const found = await findCard(ctx, await kioskOf(ctx), cardInput, today);
  await recordAudit(ctx.db.kysely, ctx, { action: 'farmers.kiosk_lookup', villageCode: found.village_code, subject: `resident:${found.resident_id}`, detail: { kiosk: found.kiosk.id } });
  return found;
}

const RECEIPT_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * Records a redemption against this season's allocation: every fertiliser in one transaction,
 * all or nothing. Beyond what is left (another kiosk may have just taken it) the whole
 * redemption is refused, naming the fertiliser and what is left.
 */
export async function redeem(ctx: UseCaseContext, cardInput: string | undefined, input: Record<string, string | undefined>, today = todayInWib()) {
  const [kiosk, types] = await Promise.all([kioskOf(ctx), fertiliserTypes(ctx.db.kysely)]);
  const items = types.flatMap((t) => (clean(input[t.code]) === '' ? [] : [{ fertiliser: t.code, name: t.name, quantity: parseQuantity(input[t.code], t.code, 2, 100_000) }]));
  if (items.length === 0) throw badRequest('farmers.redeem_nothing', types[0]?.code ?? 'urea');
  const found = await findCard(ctx, kiosk, cardInput, today, false);
  if (!found.living) throw conflict('farmers.not_living', 'nomor_kartu');
  const { village_code: village, farmer_id: farmerId, year, season } = found;
  const receipt = `${today.replace(/-/g, '')}-${Array.from({ length: 6 }, () => RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)]).join('')}`;
  // One transaction, one commit: the allocation rows, the receipt, the rollups and the access-log entry.
  return writeWithAudit(ctx, async (trx, audit) => {
    await takeFromAllocation(trx, village, farmerId, year, season, items);
    const { id } = await trx.insertInto('farm_redemptions').values({ village_code: village, farmer_id: farmerId, kiosk_id: kiosk.id, year, season, receipt_no: receipt, redeemed_on: today, created_by: userIdOf(ctx.actor)! })
      .returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('farm_redemption_items').values(items.map((i) => ({ village_code: village, redemption_id: Number(id), fertiliser: i.fertiliser, quantity: i.quantity }))).execute();
    await addRedeemed(trx, village, year, kiosk.id, today, items);
    await audit({ action: 'farmers.redeem', villageCode: village, subject: `resident:${found.resident_id}`, detail: { farmer: farmerId, kiosk: kiosk.id, receipt, items: items.map((i) => [i.fertiliser, i.quantity]) } });
    return { id: Number(id), village_code: village, receipt_no: receipt };
  });
}

/**
 * The one statement that counts a redemption: each allocation row matches only while it holds its
 * item, so fewer rows back than items means one did not fit and the transaction is undone. One
 * statement (not one per fertiliser) halves the redemption's round trips.
 */
async function takeFromAllocation(trx: Trx, village: string, farmerId: number, year: number, season: number, items: { fertiliser: string; name: string; quantity: string }[]) {
  const asked = sql.join(items.map((i) => sql`(${i.fertiliser}::text, ${i.quantity}::numeric)`));
  const taken = await sql<{ fertiliser: string }>`
    update farm_allocations a set redeemed = a.redeemed + t.quantity
    from (values ${asked}) as t(fertiliser, quantity)
    where a.village_code = ${village} and a.farmer_id = ${farmerId} and a.year = ${year} and a.season = ${season} and a.fertiliser = t.fertiliser
      and a.redeemed + t.quantity <= a.allocated
    returning a.fertiliser`.execute(trx);
  const short = items.find((i) => !taken.rows.some((r) => r.fertiliser === i.fertiliser));
  if (!short) return;
  const left = await trx.selectFrom('farm_allocations').select(sql<string>`(allocated - redeemed)::text`.as('remaining'))
    .where('village_code', '=', village).where('farmer_id', '=', farmerId).where('year', '=', year).where('season', '=', season).where('fertiliser', '=', short.fertiliser).executeTakeFirst();
  throw conflict('farmers.over_allocation', short.fertiliser, { fertiliser: short.name, remaining: formatQuantity(left?.remaining ?? '0'), asked: formatQuantity(short.quantity) });
}

/** A receipt: the kiosk that made it sees it (and the farmer, from self-service). */
export async function receiptOf(ctx: UseCaseContext, village: string, id: number) {
  const kiosk = await kioskOf(ctx);
  if (!kiosk.villages.includes(village)) throw notFound('farmers.receipt_not_found');
  const r = await receipt(ctx.db.kysely, village, id);
  if (!r || r.kiosk_id !== kiosk.id) throw notFound('farmers.receipt_not_found');
  return r;
}

export async function receipt(db: UseCaseContext['db']['kysely'], village: string, id: number) {
  const head = await sql<{ id: number; kiosk_id: number; kiosk: string; kiosk_address: string; receipt_no: string; redeemed_at: Date; year: number; season: number; name: string; nik: string; village: string; card_code: string; farmer_id: number }>`
    select d.id, d.kiosk_id, k.name as kiosk, k.address as kiosk_address, d.receipt_no, d.redeemed_at, d.year, d.season, r.name, r.nik, v.name as village, f.card_code, d.farmer_id
    from farm_redemptions d left join farm_kiosks k on k.id = d.kiosk_id
      join farmers f on f.village_code = d.village_code and f.id = d.farmer_id
      join residents r on r.village_code = f.village_code and r.id = f.resident_id join regions v on v.code = d.village_code
    where d.village_code = ${village} and d.id = ${id}`.execute(db);
  const h = head.rows[0];
  if (!h) return null;
  const items = await sql<{ fertiliser: string; name: string; quantity: string; remaining: string }>`
    select i.fertiliser, t.name, i.quantity::text as quantity, coalesce(a.allocated - a.redeemed, 0)::text as remaining
    from farm_redemption_items i join fertiliser_types t on t.code = i.fertiliser
      left join farm_allocations a on a.village_code = i.village_code and a.farmer_id = ${h.farmer_id} and a.year = ${h.year} and a.season = ${h.season} and a.fertiliser = i.fertiliser
    where i.village_code = ${village} and i.redemption_id = ${id} order by t.sort`.execute(db);
  return { ...h, id: Number(h.id), kiosk_id: Number(h.kiosk_id), village_code: village, nik: maskNik(h.nik), items: items.rows };
}

/** The kiosk's day: every redemption (farmer's name, NIK masked), totals per fertiliser, and its stock. */
export async function kioskDay(ctx: UseCaseContext, dayInput: string | undefined) {
  const kiosk = await kioskOf(ctx);
  const day = clean(dayInput) ? dateOf(dayInput, 'tanggal') : todayInWib();
  const db = ctx.db.kysely;
  const villages = kiosk.villages.length ? kiosk.villages : ['-'];
  const [rows, types, received, handed] = await Promise.all([
    sql<{ id: number; village_code: string; receipt_no: string; redeemed_at: Date; name: string; nik: string; village: string; items: string }>`
      select d.id, d.village_code, d.receipt_no, d.redeemed_at, r.name, r.nik, v.name as village,
        (select string_agg(t.name || ' ' || replace(trim_scale(i.quantity)::text, '.', ',') || ' kg', ', ' order by t.sort) from farm_redemption_items i join fertiliser_types t on t.code = i.fertiliser
          where i.village_code = d.village_code and i.redemption_id = d.id) as items
      from farm_redemptions d join farmers f on f.village_code = d.village_code and f.id = d.farmer_id
        join residents r on r.village_code = f.village_code and r.id = f.resident_id join regions v on v.code = d.village_code
      where d.village_code in (${sql.join(villages)}) and d.kiosk_id = ${kiosk.id} and d.redeemed_on = ${day}::date order by d.redeemed_at, d.id`.execute(db),
    fertiliserTypes(db),
    db.selectFrom('farm_kiosk_stock').select(['fertiliser', sql<string>`sum(quantity)::text`.as('quantity')]).where('kiosk_id', '=', kiosk.id).groupBy('fertiliser').execute(),
    sql<{ fertiliser: string; quantity: string; today: string }>`
      select fertiliser, sum(quantity)::text as quantity, coalesce(sum(quantity) filter (where day = ${day}::date), 0)::text as today
      from monitoring_kiosk_days where village_code in (${sql.join(villages)}) and kiosk_id = ${kiosk.id} group by fertiliser`.execute(db),
  ]);
  const sumOf = (list: { fertiliser: string; quantity: string }[], f: string) => toUnits(list.find((x) => x.fertiliser === f)?.quantity ?? '0');
  return {
    kiosk, day,
    rows: rows.rows.map((r) => ({ ...r, id: Number(r.id), nik: maskNik(r.nik) })),
    totals: types.map((t) => ({ ...t, today: handed.rows.find((h) => h.fertiliser === t.code)?.today ?? '0', stock: sumOf(received, t.code) - sumOf(handed.rows, t.code) })),
    types,
  };
}

/** Fertiliser the kiosk received from its distributor: adds to its stock. */
export async function recordStock(ctx: UseCaseContext, input: { fertiliser?: string; quantity?: string; received_on?: string; note?: string }) {
  const kiosk = await kioskOf(ctx);
  const types = await fertiliserTypes(ctx.db.kysely);
  const fertiliser = clean(input.fertiliser);
  if (!types.some((t) => t.code === fertiliser)) throw badRequest('validation.choice', 'fertiliser');
  const quantity = parseQuantity(input.quantity, 'quantity', 2, 1_000_000);
  const receivedOn = dateOf(input.received_on || todayInWib(), 'received_on');
  if (receivedOn > todayInWib()) throw badRequest('institutions.future', 'received_on');
  const note = clean(input.note) ? text(input.note, 'note', 2, 200) : null;
  return writeWithAudit(ctx, async (trx, audit) => {
    await trx.insertInto('farm_kiosk_stock').values({ kiosk_id: kiosk.id, fertiliser, quantity, received_on: receivedOn, note, recorded_by: kiosk.actor.id }).execute();
    await audit({ action: 'farmers.kiosk_stock', regionCode: kiosk.region_code, subject: `kiosk:${kiosk.id}`, detail: { fertiliser, quantity, received_on: receivedOn } });
  });
}
