import { sql } from 'kysely';
import { authorize, can, userIdOf, type Actor } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { clean, paragraphs, text } from '../../platform/http/text-input.js';
import { enqueueNotification } from '../../platform/notify/index.js';
import { COUNTED_IN_POPULATION } from '../population/index.js';
import { villageInScope } from '../villages/index.js';
import { parsePhone, type SellerKind } from './catalog.js';

/**
 * Sellers of the marketplace. A resident registers their small business (UMKM) from
 * self-service; the village office registers the BUMDes and cooperatives. A seller sells only
 * once its village has verified it; the office may refuse (with a reason) or later suspend it.
 * Nothing is deleted: a suspended seller's products disappear from the market, its orders stay.
 */

export interface SellerInput { name?: string; phone?: string; address?: string; description?: string; kind?: string; legal_name?: string; deed_no?: string; registration_no?: string }

function sellerFields(input: SellerInput) {
  return {
    name: text(input.name, 'name', 3, 100),
    phone: parsePhone(input.phone, 'phone'),
    address: text(input.address, 'address', 3, 200),
    description: paragraphs(input.description, 'description', 2000) ?? '',
  };
}

/** The citizen behind a self-service shop request. */
export function selfOf(ctx: UseCaseContext) {
  const actor = authorize(ctx.actor, 'self.shop');
  if (actor.kind !== 'citizen' || !actor.residentId) throw forbidden('citizen.only_citizen');
  return { village: actor.regionCode, residentId: actor.residentId, actor };
}

/** A resident registers their small business: it waits for the village's verification. */
export async function registerOwnShop(ctx: UseCaseContext, input: SellerInput) {
  const me = selfOf(ctx);
  const fields = sellerFields(input);
  const db = ctx.db.kysely;
  const living = await db.selectFrom('residents').select('id').where('village_code', '=', me.village).where('id', '=', me.residentId)
    .where('life_status', 'in', [...COUNTED_IN_POPULATION]).executeTakeFirst();
  if (!living) throw forbidden('market.not_living');
  if (await db.selectFrom('market_sellers').select('id').where('village_code', '=', me.village).where('owner_resident_id', '=', me.residentId).executeTakeFirst())
    throw conflict('market.shop_exists', 'name');
  return writeWithAudit(ctx, async (trx, audit) => {
    const { id } = await trx.insertInto('market_sellers').values({ village_code: me.village, kind: 'umkm', ...fields, owner_resident_id: me.residentId })
      .returning('id').executeTakeFirstOrThrow();
    await audit({ action: 'market.seller_register', villageCode: me.village, subject: `seller:${id}`, detail: { kind: 'umkm', name: fields.name } });
    return { id: Number(id) };
  });
}

/** The village office registers its BUMDes (with its legal entity) or a cooperative: verified by the registration itself. */
export async function registerVillageSeller(ctx: UseCaseContext, villageInput: string, input: SellerInput) {
  const village = (await villageInScope(ctx, villageInput, 'market.manage')).village_code;
  const kind = clean(input.kind) as SellerKind;
  if (kind !== 'bumdes' && kind !== 'koperasi') throw badRequest('validation.choice', 'kind');
  const fields = sellerFields(input);
  // The BUMDes is a legal entity (PP 11/2021): its name, deed and registration at Kemenkumham.
  const legal = kind === 'bumdes'
    ? { legal_name: text(input.legal_name, 'legal_name', 3, 150), deed_no: text(input.deed_no, 'deed_no', 1, 60), registration_no: text(input.registration_no, 'registration_no', 1, 60) }
    : { legal_name: clean(input.legal_name) || null, deed_no: clean(input.deed_no) || null, registration_no: clean(input.registration_no) || null };
  const by = userIdOf(ctx.actor)!;
  if (kind === 'bumdes' && (await ctx.db.kysely.selectFrom('market_sellers').select('id').where('village_code', '=', village).where('kind', '=', 'bumdes').executeTakeFirst()))
    throw conflict('market.bumdes_exists', 'kind');
  return writeWithAudit(ctx, async (trx, audit) => {
    const { id } = await trx.insertInto('market_sellers')
      .values({ village_code: village, kind, ...fields, ...legal, owner_resident_id: null, status: 'verified', status_by: by, status_at: new Date(), created_by: by })
      .returning('id').executeTakeFirstOrThrow();
    await audit({ action: 'market.seller_register', villageCode: village, subject: `seller:${id}`, detail: { kind, name: fields.name } });
    return { id: Number(id) };
  });
}

const DECISIONS = ['verified', 'refused', 'suspended'] as const;

/** The village verifies a seller, refuses it or suspends it (a reason required for the last two); the seller is told. */
export async function decideSeller(ctx: UseCaseContext, villageInput: string, idInput: string, input: { decision?: string; reason?: string }) {
  const village = (await villageInScope(ctx, villageInput, 'market.verify')).village_code;
  const id = parseId(idInput);
  if (id === null) throw notFound('market.seller_not_found');
  const decision = clean(input.decision) as (typeof DECISIONS)[number];
  if (!DECISIONS.includes(decision)) throw badRequest('validation.choice', 'decision');
  const reason = decision === 'verified' ? null : text(input.reason, 'reason', 5, 500);
  return writeWithAudit(ctx, async (trx, audit) => {
    const seller = await trx.selectFrom('market_sellers').select(['id', 'name', 'phone', 'status']).where('village_code', '=', village).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!seller) throw notFound('market.seller_not_found');
    if (seller.status === decision) throw conflict('market.seller_already', 'decision');
    await trx.updateTable('market_sellers').set({ status: decision, status_reason: reason, status_by: userIdOf(ctx.actor), status_at: new Date() })
      .where('village_code', '=', village).where('id', '=', id).execute();
    const words = { verified: 'telah diverifikasi desa dan dapat mulai berjualan', refused: 'belum dapat diverifikasi desa', suspended: 'dihentikan sementara oleh desa' }[decision];
    await enqueueNotification(trx, { villageCode: village, channel: 'whatsapp', recipient: seller.phone, subject: 'Pasar desa', body: `Toko "${seller.name}" ${words}.${reason ? ` Alasan: ${reason}` : ''}`, subjectRef: `seller:${id}` });
    await audit({ action: 'market.seller_decide', villageCode: village, subject: `seller:${id}`, detail: { decision, reason } });
  });
}

export interface SellerRow { id: number; kind: SellerKind; name: string; phone: string; address: string; description: string; status: string; status_reason: string | null; legal_name: string | null; deed_no: string | null; registration_no: string | null; owner_name: string | null; products: number; created_at: Date }

/** The village's sellers for the office: every state, the owner's name, how many products. */
export async function villageSellers(ctx: UseCaseContext, villageInput: string) {
  const village = await villageInScope(ctx, villageInput, 'market.verify');
  const code = village.village_code;
  const rows = await sql<SellerRow>`
    select s.id, s.kind, s.name, s.phone, s.address, s.description, s.status, s.status_reason, s.legal_name, s.deed_no, s.registration_no, r.name as owner_name, s.created_at,
      (select count(*)::int from market_products p where p.village_code = s.village_code and p.seller_id = s.id and p.active) as products
    from market_sellers s left join residents r on r.village_code = s.village_code and r.id = s.owner_resident_id
    where s.village_code = ${code} order by s.status <> 'pending', s.name`.execute(ctx.db.kysely);
  return { village, sellers: rows.rows.map((s) => ({ ...s, id: Number(s.id) })), canManage: can(ctx.actor, 'market.manage', code) };
}

/**
 * Who may run a seller's shop: its owner (a resident, from self-service) or, for the BUMDes and
 * cooperatives, the village office (market.manage). Anyone else: the shop does not exist.
 */
export async function shopFor(ctx: UseCaseContext, village: string, sellerId: number) {
  const actor = ctx.actor as Actor | null;
  const seller = await ctx.db.kysely.selectFrom('market_sellers').selectAll().where('village_code', '=', village).where('id', '=', sellerId).executeTakeFirst();
  if (!seller) throw notFound('market.seller_not_found');
  const owner = actor?.kind === 'citizen' && actor.regionCode === village && actor.residentId === Number(seller.owner_resident_id) && can(actor, 'self.shop');
  const office = seller.kind !== 'umkm' && can(actor, 'market.manage', village);
  if (!owner && !office) throw notFound('market.seller_not_found');
  return { ...seller, id: Number(seller.id), base: owner ? '/warga/toko' : `/desa/${village}/pasar/toko/${seller.id}` };
}

/** The citizen's own shop, or null while they have none. */
export async function ownShopId(ctx: UseCaseContext): Promise<{ village: string; id: number | null }> {
  const me = selfOf(ctx);
  const row = await ctx.db.kysely.selectFrom('market_sellers').select('id').where('village_code', '=', me.village).where('owner_resident_id', '=', me.residentId).executeTakeFirst();
  return { village: me.village, id: row ? Number(row.id) : null };
}

