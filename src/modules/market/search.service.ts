import { sql } from 'kysely';
import type { UseCaseContext } from '../../platform/context.js';
import { containsPattern, pageOf } from '../../platform/db/search-pattern.js';
import { notFound } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { clean } from '../../platform/http/text-input.js';
import { findRegion, normalizeRegionCode, parseRegionCodeOrFail } from '../regions/index.js';
import { bumdesCapital } from './capital.js';
import { categories, type SellerKind } from './catalog.js';

/**
 * What buyers see, without logging in: products on sale from verified sellers, searched across
 * every village by name, narrowed by category and region; a product's page; a seller's page.
 * Nothing personal is shown: a seller's own name and phone are what it chose to publish.
 */
const PAGE_SIZE = 20;

export interface ListedProduct { village_code: string; id: number; name: string; price: string; unit: string; stock: number; seller: string; seller_id: number; village: string; photo: number | null }

const LISTED_COLUMNS = sql`p.village_code, p.id, p.name, p.price::text as price, p.unit, p.stock, s.name as seller, s.id as seller_id, v.name as village,
  (select f.id from market_product_photos f where f.village_code = p.village_code and f.product_id = p.id order by f.position limit 1) as photo`;
const listed = (rows: ListedProduct[]) => rows.map((p) => ({ ...p, id: Number(p.id), seller_id: Number(p.seller_id), photo: p.photo === null ? null : Number(p.photo) }));

/**
 * The search: words of a product's name (three letters or more use the trigram index, so a
 * search over every village reads only the products that match), a category, a region (a
 * regency, a district or a village); newest first, twenty a page.
 */
export async function searchProducts(ctx: UseCaseContext, input: { q?: string; kategori?: string; wilayah?: string; page?: string }) {
  const db = ctx.db.kysely;
  const q = clean(input.q).slice(0, 60);
  const cats = await categories(db);
  const category = cats.some((c) => c.code === input.kategori) ? input.kategori! : null;
  const regionCode = input.wilayah ? normalizeRegionCode(input.wilayah) : null;
  const region = regionCode ? await findRegion(db, regionCode) : undefined;
  const page = pageOf(input.page);
  const filters = [sql`p.active`, sql`s.status = 'verified'`];
  // search_name is the name through balai_search_text (lower case, no accents); the pattern is made
  // the same way here, its % and _ escaped, and sent as a value the planner weighs against the column's statistics.
  if (q) filters.push(sql`p.search_name like ${containsPattern(q)}`);
  if (category) filters.push(sql`p.category = ${category}`);
  if (region && region.level < 4) filters.push(sql`p.village_code > ${`${region.code}.`} and p.village_code < ${`${region.code}/`}`);
  if (region && region.level === 4) filters.push(sql`p.village_code = ${region.code}`);
  const r = await sql<ListedProduct>`
    select ${LISTED_COLUMNS}
    from market_products p join market_sellers s on s.village_code = p.village_code and s.id = p.seller_id join regions v on v.code = p.village_code
    where ${sql.join(filters, sql` and `)}
    order by p.created_at desc, p.village_code, p.id desc limit ${PAGE_SIZE + 1} offset ${(page - 1) * PAGE_SIZE}`.execute(db);
  return { q, category, region: region ?? null, page, more: r.rows.length > PAGE_SIZE, products: listed(r.rows.slice(0, PAGE_SIZE)), categories: cats };
}

export interface ProductView {
  village_code: string; id: number; name: string; description: string; category: string; category_name: string; unit: string; price: string; stock: number; weight_grams: number;
  halal_no: string | null; pirt_no: string | null; active: boolean; seller_id: number; seller: string; seller_kind: SellerKind; seller_phone: string; seller_address: string; village: string; photos: number[];
}

/** A product's page: on sale or not (an old link says it is no longer sold), from a verified seller only. */
export async function productView(ctx: UseCaseContext, villageInput: string, idInput: string): Promise<ProductView> {
  const village = parseRegionCodeOrFail(villageInput);
  const id = parseId(idInput);
  if (id === null) throw notFound('market.product_not_found');
  const r = await sql<Omit<ProductView, 'photos'> & { photos: string | null }>`
    select p.village_code, p.id, p.name, p.description, p.category, c.name as category_name, p.unit, p.price::text as price, p.stock, p.weight_grams, p.halal_no, p.pirt_no, p.active,
      s.id as seller_id, s.name as seller, s.kind as seller_kind, s.phone as seller_phone, s.address as seller_address, v.name as village,
      (select string_agg(f.id::text, ',' order by f.position) from market_product_photos f where f.village_code = p.village_code and f.product_id = p.id) as photos
    from market_products p join market_sellers s on s.village_code = p.village_code and s.id = p.seller_id
      join market_categories c on c.code = p.category join regions v on v.code = p.village_code
    where p.village_code = ${village} and p.id = ${id} and s.status = 'verified'`.execute(ctx.db.kysely);
  const row = r.rows[0];
  if (!row) throw notFound('market.product_not_found');
  return { ...row, id: Number(row.id), seller_id: Number(row.seller_id), photos: row.photos ? row.photos.split(',').map(Number) : [] };
}

/** A verified seller's public page: who it is, where, and what it sells now. */
export async function sellerView(ctx: UseCaseContext, villageInput: string, idInput: string) {
  const village = parseRegionCodeOrFail(villageInput);
  const id = parseId(idInput);
  if (id === null) throw notFound('market.seller_not_found');
  const db = ctx.db.kysely;
  const seller = await sql<{ id: number; kind: SellerKind; name: string; description: string; phone: string; address: string; legal_name: string | null; village: string; village_code: string }>`
    select s.id, s.kind, s.name, s.description, s.phone, s.address, s.legal_name, v.name as village, s.village_code
    from market_sellers s join regions v on v.code = s.village_code where s.village_code = ${village} and s.id = ${id} and s.status = 'verified'`.execute(db);
  if (!seller.rows[0]) throw notFound('market.seller_not_found');
  const products = await sql<ListedProduct>`
    select ${LISTED_COLUMNS}
    from market_products p join market_sellers s on s.village_code = p.village_code and s.id = p.seller_id join regions v on v.code = p.village_code
    where p.village_code = ${village} and p.seller_id = ${id} and p.active order by p.created_at desc, p.id desc limit 100`.execute(db);
  // The BUMDes shows what the village put into it from its APBDes (public budget figures).
  const capital = seller.rows[0].kind === 'bumdes' ? await bumdesCapital(db, village) : [];
  return { seller: { ...seller.rows[0], id: Number(seller.rows[0].id) }, products: listed(products.rows), capital };
}
