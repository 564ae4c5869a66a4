import { sql } from 'kysely';
import type { UseCaseContext } from '../../platform/context.js';
import { conflict } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { normalizeRegionCode, regionLevel } from '../regions/region-code.js';
import type { SellerKind } from './catalog.js';

/**
 * The buyer's cart: what they mean to buy, kept in a cookie on their phone (no account, nothing
 * stored for a visitor who never orders). It holds only village, product and quantity; prices,
 * stock and whether it is still sold are read again on every view and at checkout, so a cookie
 * changed by hand can ask for nothing that a product page could not.
 */
export const CART_COOKIE = 'balai_keranjang';
export const CART_DAYS = 30;
export const CART_MAX_LINES = 20;
export const CART_MAX_QUANTITY = 1000;

export interface CartLine { village: string; productId: number; quantity: number }

/**
 * The cookie's text, "18.01.01.2001-12-2_18.01.06.2003-5-1" (village-product-quantity, "_"
 * between lines), read by splitting, never by a pattern that could backtrack. A line that does
 * not read is dropped; the same product twice is counted once.
 */
export function readCart(raw: string | undefined): CartLine[] {
  if (!raw || raw.length > 2000) return [];
  const lines: CartLine[] = [];
  for (const part of raw.split('_')) {
    const [v, p, q, extra] = part.split('-');
    const village = v ? normalizeRegionCode(v) : null;
    const productId = parseId(p);
    const quantity = parseId(q);
    if (extra !== undefined || !village || regionLevel(village) !== 4 || productId === null || quantity === null) continue;
    if (quantity < 1 || quantity > CART_MAX_QUANTITY || lines.some((l) => l.village === village && l.productId === productId)) continue;
    lines.push({ village, productId, quantity });
    if (lines.length === CART_MAX_LINES) break;
  }
  return lines;
}

export const writeCart = (lines: CartLine[]) => lines.map((l) => `${l.village}-${l.productId}-${l.quantity}`).join('_');

/** Puts a product in the cart (more of it when it is there already); at most twenty products. */
export function addToCart(lines: CartLine[], add: CartLine): CartLine[] {
  const at = lines.findIndex((l) => l.village === add.village && l.productId === add.productId);
  if (at >= 0) return lines.map((l, i) => (i === at ? { ...l, quantity: Math.min(CART_MAX_QUANTITY, l.quantity + add.quantity) } : l));
  if (lines.length >= CART_MAX_LINES) throw conflict('market.cart_full', 'order_quantity', { max: CART_MAX_LINES });
  return [...lines, add];
}

/** Sets a product's quantity in the cart; zero takes it out. */
export function setInCart(lines: CartLine[], village: string, productId: number, quantity: number): CartLine[] {
  if (quantity === 0) return lines.filter((l) => !(l.village === village && l.productId === productId));
  return lines.map((l) => (l.village === village && l.productId === productId ? { ...l, quantity } : l));
}

export interface CartItem extends CartLine { name: string; unit: string; price: string; stock: number; available: boolean; subtotal: string; photo: number | null }
export interface CartShop { village: string; villageName: string; sellerId: number; seller: string; sellerKind: SellerKind; items: CartItem[]; total: string }

/**
 * The cart as the buyer sees it: one block per shop (each becomes its own order), each line at
 * today's price, marked when it is no longer sold or the stock no longer holds it. A product
 * that does not exist any more is left out.
 */
export async function cartView(ctx: UseCaseContext, lines: CartLine[]): Promise<{ shops: CartShop[]; total: string; ready: boolean }> {
  if (lines.length === 0) return { shops: [], total: '0', ready: false };
  const keys = sql.join(lines.map((l) => sql`(${l.village}, ${l.productId}::bigint)`));
  const r = await sql<{ village_code: string; id: number; name: string; unit: string; price: string; stock: number; active: boolean; seller_id: number; seller: string; seller_kind: SellerKind; verified: boolean; village: string; photo: number | null }>`
    select p.village_code, p.id, p.name, p.unit, p.price::text as price, p.stock, p.active, p.seller_id, s.name as seller, s.kind as seller_kind, s.status = 'verified' as verified, v.name as village,
      (select f.id from market_product_photos f where f.village_code = p.village_code and f.product_id = p.id order by f.position limit 1) as photo
    from market_products p join market_sellers s on s.village_code = p.village_code and s.id = p.seller_id join regions v on v.code = p.village_code
    where (p.village_code, p.id) in (${keys})`.execute(ctx.db.kysely);
  const shops: CartShop[] = [];
  for (const line of lines) {
    const p = r.rows.find((row) => row.village_code === line.village && Number(row.id) === line.productId);
    if (!p) continue;
    const sellerId = Number(p.seller_id);
    let shop = shops.find((s) => s.village === line.village && s.sellerId === sellerId);
    if (!shop) shops.push((shop = { village: line.village, villageName: p.village, sellerId, seller: p.seller, sellerKind: p.seller_kind, items: [], total: '0' }));
    const available = p.active && p.verified && p.stock >= line.quantity;
    const subtotal = (BigInt(p.price) * BigInt(line.quantity)).toString();
    shop.items.push({ ...line, name: p.name, unit: p.unit, price: p.price, stock: p.stock, available, subtotal, photo: p.photo === null ? null : Number(p.photo) });
    if (available) shop.total = (BigInt(shop.total) + BigInt(subtotal)).toString();
  }
  const total = shops.reduce((s, shop) => s + BigInt(shop.total), 0n).toString();
  return { shops, total, ready: shops.length > 0 && shops.every((s) => s.items.every((i) => i.available)) };
}
