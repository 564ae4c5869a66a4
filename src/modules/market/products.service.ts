import { sql } from 'kysely';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { AppError, badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { clean, paragraphs, text } from '../../platform/http/text-input.js';
import { thumbnail, webPhoto } from '../../platform/images/web-photo.js';
import { parseRupiah } from '../budget/index.js';
import { categories, parseCount } from './catalog.js';
import { shopFor } from './sellers.service.js';

/**
 * A shop's products: name, category, price in whole rupiah, unit, stock, weight, the halal and
 * PIRT numbers of processed food, and up to five photos, each made on upload into a large copy
 * (1280 px, the photo opened) and a small one (360 px, lists and the product page), both JPEG
 * without the phone's metadata. A product is withdrawn (inactive), never deleted: orders name it.
 */
export const MAX_PHOTOS = 5;
export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
const MAX_PRICE = 1_000_000_000n;
const MAX_STOCK = 1_000_000;

export interface ProductInput { name?: string; description?: string; category?: string; unit?: string; price?: string; stock?: string; weight_grams?: string; halal_no?: string; pirt_no?: string }

async function productFields(ctx: UseCaseContext, input: ProductInput) {
  const name = text(input.name, 'name', 3, 100);
  const category = clean(input.category);
  if (category === '') throw badRequest('validation.required', 'category');
  if (!(await categories(ctx.db.kysely)).some((c) => c.code === category)) throw badRequest('validation.choice', 'category');
  const unit = text(input.unit, 'unit', 1, 20);
  const price = parseRupiah(input.price, 'price');
  if (price < 1n) throw badRequest('validation.too_small', 'price', { min: 1 });
  if (price > MAX_PRICE) throw badRequest('validation.too_big', 'price', { max: '1.000.000.000' });
  const stock = parseCount(input.stock, 'stock', 0, MAX_STOCK);
  const weight = clean(input.weight_grams) === '' ? 0 : parseCount(input.weight_grams, 'weight_grams', 0, 1_000_000);
  const optional = (v: string | undefined, field: string) => (clean(v) === '' ? null : text(v, field, 3, 40));
  return { name, category, unit, price: price.toString(), stock, weight_grams: weight, halal_no: optional(input.halal_no, 'halal_no'), pirt_no: optional(input.pirt_no, 'pirt_no'),
    description: paragraphs(input.description, 'description', 2000) ?? '' };
}

/** Photos checked by content and size, then made into their two copies (one at a time: sharp's queue). */
export async function preparePhotos(files: Uint8Array[]) {
  if (files.length > MAX_PHOTOS) throw badRequest('market.too_many_photos', 'photos', { max: MAX_PHOTOS });
  const out: { large: Uint8Array; small: Uint8Array; width: number; height: number }[] = [];
  for (const file of files) {
    if (file.length > PHOTO_MAX_BYTES) throw new AppError(413, 'file_too_large', 'market.photo_size', { limit: '8 MB' }, 'photos');
    const large = await webPhoto(file, false);
    if (large === 'not_a_photo') throw new AppError(415, 'unsupported_file', 'market.photo_type', {}, 'photos');
    if (large === 'too_large') throw new AppError(413, 'file_too_large', 'market.photo_pixels', {}, 'photos');
    out.push({ large: large.bytes, small: await thumbnail(large.bytes, 360), width: large.width, height: large.height });
  }
  return out;
}

/** A new product of a verified shop, with its photos: all written together or nothing. */
export async function addProduct(ctx: UseCaseContext, village: string, sellerId: number, input: ProductInput, files: Uint8Array[]) {
  const shop = await shopFor(ctx, village, sellerId);
  if (shop.status !== 'verified') throw conflict('market.not_verified');
  const fields = await productFields(ctx, input);
  const photos = await preparePhotos(files);
  return writeWithAudit(ctx, async (trx, audit) => {
    const { id } = await trx.insertInto('market_products').values({ village_code: village, seller_id: sellerId, ...fields }).returning('id').executeTakeFirstOrThrow();
    if (photos.length) await trx.insertInto('market_product_photos').values(photos.map((p, i) => ({ village_code: village, product_id: Number(id), position: i + 1, ...p }))).execute();
    await audit({ action: 'market.product_add', villageCode: village, subject: `product:${id}`, detail: { seller: sellerId, name: fields.name, price: fields.price, stock: fields.stock, photos: photos.length } });
    return { id: Number(id) };
  });
}

/**
 * Price, stock and whether it is on sale, changed by the shop. Stock is set as counted
 * ("there are 12 now"); an order placed meanwhile is not lost: the count replaces it knowingly.
 */
export async function updateProduct(ctx: UseCaseContext, village: string, sellerId: number, productInput: string, input: { price?: string; stock?: string; active?: string }) {
  await shopFor(ctx, village, sellerId);
  const id = parseId(productInput);
  if (id === null) throw notFound('market.product_not_found');
  const price = parseRupiah(input.price, 'price');
  if (price < 1n) throw badRequest('validation.too_small', 'price', { min: 1 });
  if (price > MAX_PRICE) throw badRequest('validation.too_big', 'price', { max: '1.000.000.000' });
  const stock = parseCount(input.stock, 'stock', 0, MAX_STOCK);
  const active = clean(input.active) !== '0';
  return writeWithAudit(ctx, async (trx, audit) => {
    const r = await trx.updateTable('market_products').set({ price: price.toString(), stock, active, updated_at: new Date() })
      .where('village_code', '=', village).where('seller_id', '=', sellerId).where('id', '=', id).returning('id').executeTakeFirst();
    if (!r) throw notFound('market.product_not_found');
    await audit({ action: 'market.product_update', villageCode: village, subject: `product:${id}`, detail: { price: price.toString(), stock, active } });
  });
}

export interface ShopProduct { id: number; name: string; category: string; unit: string; price: string; stock: number; active: boolean; photo: number | null }

/** The shop's products for its own page, newest first, with the first photo of each. */
export async function shopProducts(ctx: UseCaseContext, village: string, sellerId: number): Promise<ShopProduct[]> {
  const r = await sql<ShopProduct>`
    select p.id, p.name, p.category, p.unit, p.price::text as price, p.stock, p.active,
      (select f.id from market_product_photos f where f.village_code = p.village_code and f.product_id = p.id order by f.position limit 1) as photo
    from market_products p where p.village_code = ${village} and p.seller_id = ${sellerId} order by p.active desc, p.created_at desc, p.id desc`.execute(ctx.db.kysely);
  return r.rows.map((p) => ({ ...p, id: Number(p.id), photo: p.photo === null ? null : Number(p.photo) }));
}

/** A photo of a product on sale from a verified seller: public; any other is not found. */
export async function productPhoto(ctx: UseCaseContext, village: string, id: number, size: 'large' | 'small') {
  const r = await sql<{ bytes: Uint8Array }>`
    select ${sql.ref(`f.${size}`)} as bytes from market_product_photos f
    join market_products p on p.village_code = f.village_code and p.id = f.product_id
    join market_sellers s on s.village_code = p.village_code and s.id = p.seller_id
    where f.village_code = ${village} and f.id = ${id} and s.status = 'verified'`.execute(ctx.db.kysely);
  if (!r.rows[0]) throw notFound();
  return r.rows[0].bytes;
}
