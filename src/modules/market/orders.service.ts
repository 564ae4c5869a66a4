import { randomInt } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { userIdOf, type Actor } from '../../platform/access/access.js';
import { recordAudit, writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database, MarketOrderStatus } from '../../platform/db/schema.js';
import { dayInWib, formatRupiah, todayInWib } from '../../platform/format/format.js';
import { AppError, badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { clean, text } from '../../platform/http/text-input.js';
import { webPhoto } from '../../platform/images/web-photo.js';
import { enqueueNotification } from '../../platform/notify/index.js';
import { parseRegionCodeOrFail } from '../regions/index.js';
import { villageInScope } from '../villages/index.js';
import { maskPhone, parseCount, parsePhone, sellerSteps, STATUS_LABEL } from './catalog.js';
import { gatewayKey, parseGatewayKey, paymentGateway, TestGateway, type GatewayNotice } from './payment-gateway.js';
import { shopFor } from './sellers.service.js';

/**
 * Orders. A buyer (a phone proven by a code, or a resident logged in) orders from one product's
 * page: how many, how it is delivered (the seller's courier, or picked up in the village) and
 * paid (cash on delivery, bank transfer, a payment gateway). The stock is taken in the statement
 * that places the order, and only while it lasts, so concurrent buyers of the last item get one
 * order and one "sold out". Each step is recorded with who and when; messages go on the order.
 * Seller and buyer are told of each step through the outbox.
 */
type Trx = Transaction<Database>;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const newCode = () => Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
const MAX_QUANTITY = 1000;

/** Who is buying: a proven phone (the cookie) and, from self-service, the resident too. */
export interface Buyer { phone: string | null; resident: { village: string; id: number } | null }

export function buyerOf(actor: Actor | null, phone: string | null): Buyer {
  const resident = actor?.kind === 'citizen' && actor.residentId ? { village: actor.regionCode, id: actor.residentId } : null;
  return { phone, resident };
}

export interface OrderInput { order_quantity?: string; name?: string; phone?: string; address?: string; delivery?: string; payment?: string; note?: string }

export const DELIVERIES = ['pickup', 'courier'] as const;
export const PAYMENTS = ['cod', 'transfer', 'gateway'] as const;
/** How a buyer may pay here: online only when a payment gateway is connected. */
export const paymentsOffered = () => PAYMENTS.filter((p) => p !== 'gateway' || paymentGateway() !== null);

/** Counts an order in the village's sales of its day (or takes a cancelled one out of it). */
async function countSale(trx: Trx, village: string, day: string, kind: string, sign: 1 | -1, total: string, items: number) {
  await sql`insert into monitoring_market (village_code, day, seller_kind, orders, value, items) values (${village}, ${day}::date, ${kind}, ${sign}, ${sign}::numeric * ${total}::numeric, ${sign * items})
    on conflict (village_code, day, seller_kind) do update set orders = monitoring_market.orders + excluded.orders, value = monitoring_market.value + excluded.value, items = monitoring_market.items + excluded.items`.execute(trx);
}

const orderLink = (village: string, code: string) => `/pasar/pesanan/${village}/${code}`;

/** How the buyer wants it: who, which phone, delivered or picked up, paid how. Checked before anything is taken. */
function orderDetails(buyer: Buyer, input: OrderInput) {
  const name = text(input.name, 'name', 2, 100);
  const phone = buyer.phone ?? (buyer.resident ? parsePhone(input.phone, 'phone') : null);
  if (!phone) throw badRequest('market.phone_unproven', 'phone');
  const delivery = DELIVERIES.find((d) => d === clean(input.delivery));
  if (!delivery) throw badRequest('validation.choice', 'delivery');
  const address = delivery === 'courier' ? text(input.address, 'address', 5, 300) : clean(input.address) === '' ? null : text(input.address, 'address', 5, 300);
  const payment = paymentsOffered().find((p) => p === clean(input.payment));
  if (!payment) throw badRequest('validation.choice', 'payment');
  const note = clean(input.note) === '' ? null : text(input.note, 'note', 1, 1000);
  return { name, phone, delivery, address, payment, note };
}

/**
 * Places an order for one product (the product page's form). Refused whole when the stock no
 * longer holds the quantity: "sold out" or what is left.
 */
export async function placeOrder(ctx: UseCaseContext, buyer: Buyer, villageInput: string, productInput: string, input: OrderInput, today = todayInWib()) {
  const village = parseRegionCodeOrFail(villageInput);
  const productId = parseId(productInput);
  if (productId === null) throw notFound('market.product_not_found');
  const quantity = parseCount(input.order_quantity, 'order_quantity', 1, MAX_QUANTITY);
  const [placed] = await placeOrders(ctx, buyer, [{ village, productId, quantity }], input, today);
  return placed!;
}

export interface WantedLine { village: string; productId: number; quantity: number }
interface TakenLine extends WantedLine { price: string; name: string; unit: string; seller_id: number; seller_phone: string; seller: string; seller_kind: string }

/**
 * Places the orders of a cart (or of one product): one order per shop, all in one transaction,
 * so either every order is made or none is. The stock of each product is taken in the statement
 * that checks it, only while it holds the quantity, in one fixed order of products (two carts
 * sharing products cannot wait on each other). A line that no longer holds refuses the whole
 * checkout, naming the product when the cart had several.
 */
export async function placeOrders(ctx: UseCaseContext, buyer: Buyer, wanted: WantedLine[], input: OrderInput, today = todayInWib()) {
  if (wanted.length === 0) throw badRequest('market.cart_empty', 'order_quantity');
  const { name, phone, delivery, address, payment, note } = orderDetails(buyer, input);
  const sorted = [...wanted].sort((a, b) => (a.village < b.village ? -1 : a.village > b.village ? 1 : a.productId - b.productId));
  return writeWithAudit(ctx, async (trx, audit) => {
    const taken: TakenLine[] = [];
    for (const line of sorted) {
      // The one statement concurrent orders meet in.
      const r = await sql<Omit<TakenLine, keyof WantedLine>>`
        update market_products p set stock = p.stock - ${line.quantity}, updated_at = now()
        from market_sellers s
        where p.village_code = ${line.village} and p.id = ${line.productId} and p.active and p.stock >= ${line.quantity}
          and s.village_code = p.village_code and s.id = p.seller_id and s.status = 'verified'
        returning p.price::text as price, p.name, p.unit, p.seller_id, s.phone as seller_phone, s.name as seller, s.kind as seller_kind`.execute(trx);
      if (!r.rows[0]) throw await notTaken(trx, line, wanted.length > 1);
      taken.push({ ...line, ...r.rows[0], seller_id: Number(r.rows[0].seller_id) });
    }
    const placed: { id: number; code: string; village: string }[] = [];
    for (const shop of groupByShop(taken)) {
      const [first] = shop;
      const village = first!.village;
      const total = shop.reduce((s, l) => s + BigInt(l.price) * BigInt(l.quantity), 0n).toString();
      const items = shop.reduce((s, l) => s + l.quantity, 0);
      const code = newCode();
      const { id } = await trx.insertInto('market_orders').values({
        village_code: village, code, seller_id: first!.seller_id, buyer_phone: phone, buyer_name: name, buyer_address: address,
        buyer_resident_village: buyer.resident?.village ?? null, buyer_resident_id: buyer.resident?.id ?? null, delivery, payment, total,
      }).returning('id').executeTakeFirstOrThrow();
      const orderId = Number(id);
      await trx.insertInto('market_order_lines').values(shop.map((l) => ({
        village_code: village, order_id: orderId, product_id: l.productId, name: l.name, unit: l.unit, price: l.price, quantity: l.quantity, subtotal: (BigInt(l.price) * BigInt(l.quantity)).toString(),
      }))).execute();
      await trx.insertInto('market_order_events').values({ village_code: village, order_id: orderId, status: 'placed', by_buyer: true, note }).execute();
      await countSale(trx, village, today, first!.seller_kind, 1, total, items);
      const what = `${shop.map((l) => `${l.quantity} ${l.unit} ${l.name}`).join(', ')}; ${formatRupiah(total)}`;
      await enqueueNotification(trx, { villageCode: village, channel: 'whatsapp', recipient: first!.seller_phone, subject: 'Pesanan baru', body: `Pesanan baru ${code} di toko "${first!.seller}": ${what}. Buka Balai untuk mengonfirmasi.`, subjectRef: `order:${orderId}` });
      await enqueueNotification(trx, { villageCode: village, channel: 'whatsapp', recipient: phone, subject: 'Pesanan diterima', body: `Pesanan ${code} (${what}) sudah diterima toko "${first!.seller}". Ikuti di ${orderLink(village, code)}`, subjectRef: `order:${orderId}` });
      await audit({ action: 'market.order_place', villageCode: village, subject: `order:${orderId}`, detail: { products: shop.map((l) => [l.productId, l.quantity]), total, delivery, payment, buyer: maskPhone(phone) } });
      placed.push({ id: orderId, code, village });
    }
    return placed;
  });
}

/** The lines taken, one group per shop, in the order the shops were first met. */
function groupByShop(lines: TakenLine[]) {
  const shops = new Map<string, TakenLine[]>();
  for (const l of lines) {
    const key = `${l.village}/${l.seller_id}`;
    shops.set(key, [...(shops.get(key) ?? []), l]);
  }
  return [...shops.values()];
}

/** Why a line could not be taken: gone, sold out, or only so many left (the product named in a cart). */
async function notTaken(trx: Trx, line: WantedLine, inCart: boolean) {
  const now = await trx.selectFrom('market_products as p').innerJoin('market_sellers as s', (j) => j.onRef('s.village_code', '=', 'p.village_code').onRef('s.id', '=', 'p.seller_id'))
    .select(['p.name', 'p.stock', 'p.active', 's.status']).where('p.village_code', '=', line.village).where('p.id', '=', line.productId).executeTakeFirst();
  if (!now) return notFound('market.product_not_found');
  const sold = now.active && now.status === 'verified';
  if (inCart) {
    if (!sold) return conflict('market.cart_not_sold', 'order_quantity', { product: now.name });
    if (now.stock === 0) return conflict('market.cart_sold_out', 'order_quantity', { product: now.name });
    return conflict('market.cart_stock_left', 'order_quantity', { product: now.name, left: now.stock });
  }
  if (!sold) return notFound('market.product_not_found');
  return conflict(now.stock === 0 ? 'market.sold_out' : 'market.stock_left', 'order_quantity', { left: now.stock });
}

interface OrderRow {
  id: number; code: string; seller_id: number; seller: string; seller_kind: string; seller_phone: string; buyer_phone: string; buyer_name: string; buyer_address: string | null;
  buyer_resident_village: string | null; buyer_resident_id: number | null; delivery: 'courier' | 'pickup'; payment: 'cod' | 'transfer' | 'gateway'; status: MarketOrderStatus; total: string; placed_at: Date;
  has_proof: boolean;
}

async function loadOrder(db: UseCaseContext['db']['kysely'] | Trx, village: string, where: { id?: number; code?: string }) {
  const r = await sql<OrderRow>`
    select o.id, o.code, o.seller_id, s.name as seller, s.kind as seller_kind, s.phone as seller_phone, o.buyer_phone, o.buyer_name, o.buyer_address, o.buyer_resident_village, o.buyer_resident_id,
      o.delivery, o.payment, o.status, o.total::text as total, o.placed_at, o.proof is not null as has_proof
    from market_orders o join market_sellers s on s.village_code = o.village_code and s.id = o.seller_id
    where o.village_code = ${village} and ${where.id !== undefined ? sql`o.id = ${where.id}` : sql`o.code = ${where.code ?? ''}`}`.execute(db);
  const o = r.rows[0];
  if (!o) return null;
  const [lines, events] = await Promise.all([
    db.selectFrom('market_order_lines').select(['product_id', 'name', 'unit', 'price', 'quantity', 'subtotal']).where('village_code', '=', village).where('order_id', '=', o.id).orderBy('product_id').execute(),
    db.selectFrom('market_order_events').select(['id', 'status', 'by_buyer', 'by_user', 'note', 'at']).where('village_code', '=', village).where('order_id', '=', o.id).orderBy('id').execute(),
  ]);
  return { ...o, id: Number(o.id), seller_id: Number(o.seller_id), village_code: village, lines, events };
}
export type OrderView = NonNullable<Awaited<ReturnType<typeof loadOrder>>>;

/** Is this the order's buyer: the proven phone that placed it, or the resident who placed it. */
const isBuyerOf = (o: OrderRow, buyer: Buyer) =>
  (buyer.phone !== null && buyer.phone === o.buyer_phone) || (buyer.resident !== null && buyer.resident.village === o.buyer_resident_village && buyer.resident.id === Number(o.buyer_resident_id));

/** The buyer's view of an order: anyone else is told it does not exist. */
export async function buyerOrder(ctx: UseCaseContext, buyer: Buyer, villageInput: string, code: string) {
  const village = parseRegionCodeOrFail(villageInput);
  if (!/^[A-Z2-9]{8}$/.test(code)) throw notFound('market.order_not_found');
  const o = await loadOrder(ctx.db.kysely, village, { code });
  if (!o || !isBuyerOf(o, buyer)) throw notFound('market.order_not_found');
  return {
    ...o, canCancel: o.status === 'placed', canSendProof: o.payment === 'transfer' && UNPAID_STATES.includes(o.status),
    canPayOnline: o.payment === 'gateway' && UNPAID_STATES.includes(o.status) && paymentGateway() !== null,
  };
}

/**
 * The buyer's own orders, newest first, in every village: by the proven phone and, from
 * self-service, by the resident. Nothing of anyone else's is read.
 */
export async function buyerOrders(ctx: UseCaseContext, buyer: Buyer) {
  const who = [
    ...(buyer.phone ? [sql`o.buyer_phone = ${buyer.phone}`] : []),
    ...(buyer.resident ? [sql`(o.buyer_resident_village = ${buyer.resident.village} and o.buyer_resident_id = ${buyer.resident.id})`] : []),
  ];
  if (who.length === 0) return [];
  const r = await sql<{ village_code: string; code: string; seller: string; status: MarketOrderStatus; total: string; placed_at: Date; items: string }>`
    select o.village_code, o.code, s.name as seller, o.status, o.total::text as total, o.placed_at,
      (select string_agg(l.quantity || ' ' || l.unit || ' ' || l.name, ', ' order by l.product_id) from market_order_lines l where l.village_code = o.village_code and l.order_id = o.id) as items
    from market_orders o join market_sellers s on s.village_code = o.village_code and s.id = o.seller_id
    where ${sql.join(who, sql` or `)} order by o.placed_at desc, o.code limit 50`.execute(ctx.db.kysely);
  return r.rows;
}

/**
 * The buyer pays online: the gateway's checkout for the order's total under the order's key
 * (paid at most once there, however often the buyer taps), then its page. The order is paid when
 * the gateway's signed notice says so (settleGatewayNotice), never from the buyer's return.
 */
export async function startOnlinePayment(ctx: UseCaseContext, buyer: Buyer, villageInput: string, code: string, origin: string) {
  const o = await buyerOrder(ctx, buyer, villageInput, code);
  const gateway = paymentGateway();
  if (!o.canPayOnline || !gateway) throw conflict('market.order_step', 'payment');
  const checkout = await gateway.checkout({
    key: gatewayKey(o.village_code, o.code), amount: BigInt(o.total), description: `Pesanan ${o.code} di ${o.seller}`,
    returnUrl: `${origin}${orderLink(o.village_code, o.code)}`, notifyUrl: `${origin}/api/v1/market/payments/notice`,
  });
  await writeWithAudit(ctx, async (trx, audit) => {
    await trx.updateTable('market_orders').set({ payment_ref: checkout.reference, updated_at: new Date() }).where('village_code', '=', o.village_code).where('id', '=', o.id).execute();
    await audit({ action: 'market.order_checkout', villageCode: o.village_code, subject: `order:${o.id}`, detail: { gateway: gateway.name, reference: checkout.reference } });
  });
  return checkout.payUrl;
}

/**
 * The gateway's notice, checked by its signature: a payment of the whole total moves the order
 * to paid once (a notice sent again changes nothing); a failure is noted on the order. The seller
 * and the buyer are told. A forged or unknown notice is refused, naming nothing.
 */
export async function settleGatewayNotice(ctx: UseCaseContext, body: string, signature: string | undefined) {
  const gateway = paymentGateway();
  const notice = gateway?.verify(body, signature) ?? null;
  const at = notice ? parseGatewayKey(notice.key) : null;
  if (!gateway || !notice || !at) throw new AppError(401, 'unauthorized', 'market.payment_notice');
  const o = await loadOrder(ctx.db.kysely, at.village, { code: at.code });
  if (!o || o.payment !== 'gateway') throw notFound('market.order_not_found');
  return applyNotice(ctx, o, notice, gateway.name);
}

async function applyNotice(ctx: UseCaseContext, o: OrderView, notice: GatewayNotice, gatewayName: string) {
  return writeWithAudit(ctx, async (trx, audit) => {
    const now = await trx.selectFrom('market_orders').select(['status']).where('village_code', '=', o.village_code).where('id', '=', o.id).forUpdate().executeTakeFirstOrThrow();
    const event = (status: MarketOrderStatus | null, note: string) =>
      trx.insertInto('market_order_events').values({ village_code: o.village_code, order_id: o.id, status, by_buyer: false, by_user: null, note }).execute();
    if (notice.state === 'failed') {
      if (!UNPAID_STATES.includes(now.status)) return { changed: false };
      await event(null, `Pembayaran online gagal (${gatewayName} ${notice.reference}). Coba bayar lagi atau kirim pesan ke penjual.`);
      await enqueueNotification(trx, { villageCode: o.village_code, channel: 'whatsapp', recipient: o.buyer_phone, subject: `Pesanan ${o.code}`, body: `Pembayaran online pesanan ${o.code} gagal; belum ada uang yang diterima. Coba lagi di ${orderLink(o.village_code, o.code)}`, subjectRef: `order:${o.id}` });
      await audit({ action: 'market.order_payment_failed', villageCode: o.village_code, subject: `order:${o.id}`, detail: { gateway: gatewayName, reference: notice.reference } });
      return { changed: true };
    }
    if (!UNPAID_STATES.includes(now.status)) return { changed: false }; // paid already (a notice sent again), or past it
    if (notice.amount !== BigInt(o.total)) throw conflict('market.payment_amount', 'payment', { paid: formatRupiah(notice.amount), total: formatRupiah(o.total) });
    await trx.updateTable('market_orders').set({ status: 'paid', payment_ref: notice.reference, updated_at: new Date() }).where('village_code', '=', o.village_code).where('id', '=', o.id).execute();
    await event('paid', `Dibayar online (${gatewayName} ${notice.reference}).`);
    for (const to of [o.seller_phone, o.buyer_phone])
      await enqueueNotification(trx, { villageCode: o.village_code, channel: 'whatsapp', recipient: to, subject: `Pesanan ${o.code}`, body: `Pesanan ${o.code} dari toko "${o.seller}" sudah dibayar online: ${formatRupiah(o.total)}. ${orderLink(o.village_code, o.code)}`, subjectRef: `order:${o.id}` });
    await audit({ action: 'market.order_paid_online', villageCode: o.village_code, subject: `order:${o.id}`, detail: { gateway: gatewayName, reference: notice.reference, amount: o.total } });
    return { changed: true };
  });
}

/** The test gateway's page: the order it would charge (by its key), for the buyer to pay or give up. */
export async function testCheckout(ctx: UseCaseContext, buyer: Buyer, key: string) {
  const gateway = paymentGateway();
  const at = parseGatewayKey(key);
  if (!gateway?.testMode || !at) throw notFound('market.order_not_found');
  const o = await buyerOrder(ctx, buyer, at.village, at.code);
  if (!o.canPayOnline) throw conflict('market.order_step', 'payment');
  return { order: o, key, gateway };
}

/** The buyer taps "Bayar" (or gives up) on the test gateway's page: it sends its signed notice, as a gateway would. */
export async function payOnTestGateway(ctx: UseCaseContext, buyer: Buyer, key: string, outcome: string | undefined) {
  const { order, gateway } = await testCheckout(ctx, buyer, key);
  if (!(gateway instanceof TestGateway)) throw notFound('market.order_not_found');
  const { reference } = await gateway.checkout({ key, amount: BigInt(order.total), description: '', returnUrl: '', notifyUrl: '' });
  const sent = gateway.notice({ key, reference, state: outcome === 'gagal' ? 'failed' : 'paid', amount: BigInt(order.total) });
  await settleGatewayNotice(ctx, sent.body, sent.signature);
  return order;
}

/** The buyer cancels while the seller has not confirmed yet: the stock goes back. */
export async function cancelByBuyer(ctx: UseCaseContext, buyer: Buyer, villageInput: string, code: string) {
  const o = await buyerOrder(ctx, buyer, villageInput, code);
  if (o.status !== 'placed') throw conflict('market.order_step', 'status');
  await step(ctx, o, 'cancelled', null, true);
}

/** An order not paid yet: a transfer receipt may be sent (it replaces an earlier one), or an online payment made. */
const UNPAID_STATES: MarketOrderStatus[] = ['placed', 'confirmed'];
export const PROOF_MAX_BYTES = 8 * 1024 * 1024;

/**
 * The buyer's proof of a bank transfer: a photo or screenshot of the receipt, checked by content,
 * re-encoded without its metadata, seen by the seller only. The seller is told it came.
 */
export async function uploadProof(ctx: UseCaseContext, buyer: Buyer, villageInput: string, code: string, file: Uint8Array | null) {
  const o = await buyerOrder(ctx, buyer, villageInput, code);
  if (o.payment !== 'transfer' || !UNPAID_STATES.includes(o.status)) throw conflict('market.proof_not_now', 'proof');
  if (!file || file.length === 0) throw badRequest('validation.required', 'proof');
  if (file.length > PROOF_MAX_BYTES) throw new AppError(413, 'file_too_large', 'market.photo_size', { limit: '8 MB' }, 'proof');
  const photo = await webPhoto(file, false);
  if (photo === 'not_a_photo') throw new AppError(415, 'unsupported_file', 'market.photo_type', {}, 'proof');
  if (photo === 'too_large') throw new AppError(413, 'file_too_large', 'market.photo_pixels', {}, 'proof');
  await writeWithAudit(ctx, async (trx, audit) => {
    await trx.updateTable('market_orders').set({ proof: photo.bytes, updated_at: new Date() }).where('village_code', '=', o.village_code).where('id', '=', o.id).execute();
    await trx.insertInto('market_order_events').values({ village_code: o.village_code, order_id: o.id, status: null, by_buyer: true, by_user: null, note: 'Bukti transfer diunggah.' }).execute();
    await enqueueNotification(trx, { villageCode: o.village_code, channel: 'whatsapp', recipient: o.seller_phone, subject: `Pesanan ${o.code}`, body: `Pembeli pesanan ${o.code} mengunggah bukti transfer. Periksa rekening, lalu catat "sudah dibayar".`, subjectRef: `order:${o.id}` });
    await audit({ action: 'market.order_proof', villageCode: o.village_code, subject: `order:${o.id}`, detail: { bytes: photo.bytes.length } });
  });
}

/** The transfer receipt of one of the shop's orders, for its seller. */
export async function proofForShop(ctx: UseCaseContext, village: string, sellerId: number, orderInput: string) {
  await shopFor(ctx, village, sellerId);
  const id = parseId(orderInput);
  const row = id === null ? undefined : await ctx.db.kysely.selectFrom('market_orders').select('proof').where('village_code', '=', village).where('id', '=', id).where('seller_id', '=', sellerId).executeTakeFirst();
  if (!row?.proof) throw notFound('market.order_not_found');
  return row.proof;
}

/** A message on the order, from its buyer or its seller; the other side is told. */
export async function postMessage(ctx: UseCaseContext, o: OrderView, fromBuyer: boolean, input: { message?: string }) {
  const message = text(input.message, 'message', 1, 1000);
  await writeWithAudit(ctx, async (trx, audit) => {
    await trx.insertInto('market_order_events').values({ village_code: o.village_code, order_id: o.id, status: null, by_buyer: fromBuyer, by_user: fromBuyer ? null : userIdOf(ctx.actor), note: message }).execute();
    const to = fromBuyer ? o.seller_phone : o.buyer_phone;
    await enqueueNotification(trx, { villageCode: o.village_code, channel: 'whatsapp', recipient: to, subject: `Pesan pesanan ${o.code}`, body: `Pesan baru pada pesanan ${o.code}: "${message.slice(0, 300)}"`, subjectRef: `order:${o.id}` });
    await audit({ action: 'market.order_message', villageCode: o.village_code, subject: `order:${o.id}`, detail: { from: fromBuyer ? 'buyer' : 'seller' } });
  });
}

export async function buyerMessage(ctx: UseCaseContext, buyer: Buyer, villageInput: string, code: string, input: { message?: string }) {
  const o = await buyerOrder(ctx, buyer, villageInput, code);
  await postMessage(ctx, o, true, input);
}

/**
 * One step of an order, checked against the state it is in now (under a row lock, so two
 * clicks cannot both move it). A cancellation puts the stock back and takes the order out of the
 * day's sales. The buyer (or the seller, when the buyer cancels) is told.
 */
async function step(ctx: UseCaseContext, o: OrderView, next: MarketOrderStatus, note: string | null, byBuyer: boolean) {
  await writeWithAudit(ctx, async (trx, audit) => {
    const now = await trx.selectFrom('market_orders').select(['status', 'placed_at']).where('village_code', '=', o.village_code).where('id', '=', o.id).forUpdate().executeTakeFirstOrThrow();
    const allowed = byBuyer ? now.status === 'placed' && next === 'cancelled' : sellerSteps({ ...o, status: now.status }).includes(next);
    if (!allowed) throw conflict('market.order_step', 'status');
    await trx.updateTable('market_orders').set({ status: next, updated_at: new Date() }).where('village_code', '=', o.village_code).where('id', '=', o.id).execute();
    await trx.insertInto('market_order_events').values({ village_code: o.village_code, order_id: o.id, status: next, by_buyer: byBuyer, by_user: byBuyer ? null : userIdOf(ctx.actor), note }).execute();
    if (next === 'cancelled') {
      for (const l of o.lines) {
        await sql`update market_products set stock = stock + ${l.quantity}, updated_at = now() where village_code = ${o.village_code} and id = ${l.product_id}`.execute(trx);
      }
      await countSale(trx, o.village_code, dayInWib(now.placed_at), o.seller_kind, -1, o.total, o.lines.reduce((s, l) => s + l.quantity, 0));
    }
    const label = STATUS_LABEL[next].id.toLowerCase();
    const to = byBuyer ? o.seller_phone : o.buyer_phone;
    await enqueueNotification(trx, { villageCode: o.village_code, channel: 'whatsapp', recipient: to, subject: `Pesanan ${o.code}`, body: `Pesanan ${o.code} dari toko "${o.seller}": ${label}.${note ? ` ${note}` : ''} ${orderLink(o.village_code, o.code)}`, subjectRef: `order:${o.id}` });
    await audit({ action: 'market.order_step', villageCode: o.village_code, subject: `order:${o.id}`, detail: { status: next, by: byBuyer ? 'buyer' : 'seller' } });
  });
}

/** The shop's orders, newest first: the buyer's name, phone and address are the seller's to see. */
export async function shopOrders(ctx: UseCaseContext, village: string, sellerId: number) {
  await shopFor(ctx, village, sellerId);
  const r = await sql<{ id: number; code: string; buyer_name: string; status: MarketOrderStatus; total: string; placed_at: Date; items: string }>`
    select o.id, o.code, o.buyer_name, o.status, o.total::text as total, o.placed_at,
      (select string_agg(l.quantity || ' ' || l.unit || ' ' || l.name, ', ') from market_order_lines l where l.village_code = o.village_code and l.order_id = o.id) as items
    from market_orders o where o.village_code = ${village} and o.seller_id = ${sellerId} order by o.status in ('done', 'cancelled'), o.placed_at desc limit 100`.execute(ctx.db.kysely);
  return r.rows.map((o) => ({ ...o, id: Number(o.id) }));
}

/** One of the shop's orders, whole (the buyer's contact included): the read is logged. */
export async function shopOrder(ctx: UseCaseContext, village: string, sellerId: number, orderInput: string) {
  await shopFor(ctx, village, sellerId);
  const id = parseId(orderInput);
  const o = id === null ? null : await loadOrder(ctx.db.kysely, village, { id });
  if (!o || o.seller_id !== sellerId) throw notFound('market.order_not_found');
  await recordAudit(ctx.db.kysely, ctx, { action: 'market.order_read', villageCode: village, subject: `order:${o.id}`, detail: { as: 'seller' } });
  return { ...o, steps: sellerSteps(o) };
}

export async function sellerStep(ctx: UseCaseContext, village: string, sellerId: number, orderInput: string, input: { status?: string; note?: string }) {
  const o = await shopOrder(ctx, village, sellerId, orderInput);
  const next = o.steps.find((s) => s === clean(input.status));
  if (!next) throw conflict('market.order_step', 'status');
  const note = clean(input.note) === '' ? null : text(input.note, 'note', 1, 1000);
  await step(ctx, o, next, note, false);
}

export async function sellerMessage(ctx: UseCaseContext, village: string, sellerId: number, orderInput: string, input: { message?: string }) {
  const o = await shopOrder(ctx, village, sellerId, orderInput);
  await postMessage(ctx, o, false, input);
}

/**
 * The village's orders for the officers who settle disputes (market.verify): every shop's,
 * the buyer's phone whole. The read is logged as a read of personal data.
 */
export async function villageOrders(ctx: UseCaseContext, villageInput: string) {
  const village = await villageInScope(ctx, villageInput, 'market.verify');
  const r = await sql<{ id: number; code: string; seller: string; buyer_name: string; buyer_phone: string; status: MarketOrderStatus; total: string; placed_at: Date }>`
    select o.id, o.code, s.name as seller, o.buyer_name, o.buyer_phone, o.status, o.total::text as total, o.placed_at
    from market_orders o join market_sellers s on s.village_code = o.village_code and s.id = o.seller_id
    where o.village_code = ${village.village_code} order by o.placed_at desc limit 100`.execute(ctx.db.kysely);
  await recordAudit(ctx.db.kysely, ctx, { action: 'market.orders_read', villageCode: village.village_code, subject: `village:${village.village_code}`, detail: { orders: r.rows.length } });
  return { village, orders: r.rows.map((o) => ({ ...o, id: Number(o.id) })) };
}
