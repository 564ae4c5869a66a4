import { sql } from 'kysely';
import type { UseCaseContext } from '../../platform/context.js';
import { containsPattern, pageOf } from '../../platform/db/search-pattern.js';
import { notFound } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { clean } from '../../platform/http/text-input.js';
import { todayInWib } from '../../platform/format/format.js';
import { findRegion, normalizeRegionCode, parseRegionCodeOrFail } from '../regions/index.js';
import { resolveSite } from '../website/index.js';
import { isKind, type ListingKind } from './catalog.js';

/**
 * What visitors see, without logging in: a village's tourism and local potential on its
 * website, and every village's in one listing across the province, narrowed by regency (or
 * district), kind and name. An event whose last day has passed leaves the listing; the
 * village's own page keeps the last few under "already held". No personal data: a contact
 * phone is one the village chose to publish.
 */
const PAGE_SIZE = 20;

export interface ListedItem {
  village_code: string; id: number; kind: ListingKind; name: string; price_min: string | null; price_max: string | null; price_unit: string | null;
  opening_hours: string | null; starts_on: string | null; ends_on: string | null; village: string; photo: number | null;
}
const LISTED = sql`l.village_code, l.id, l.kind, l.name, l.price_min::text as price_min, l.price_max::text as price_max, l.price_unit, l.opening_hours,
  l.starts_on::text as starts_on, l.ends_on::text as ends_on, v.name as village,
  (select f.id from tourism_photos f where f.village_code = l.village_code and f.listing_id = l.id order by f.position limit 1) as photo`;
const listed = (rows: ListedItem[]) => rows.map((l) => ({ ...l, id: Number(l.id), photo: l.photo === null ? null : Number(l.photo) }));
/** Not withdrawn, and an event not over (its last day, or its only day, is today or later). */
const SHOWN = (today: string) => sql`l.withdrawn_at is null and (l.kind <> 'event' or coalesce(l.ends_on, l.starts_on) >= ${today})`;

/** The village website's page: everything shown, by kind; events by date, the past ones apart. */
export async function siteTourism(ctx: UseCaseContext, param: string) {
  const s = await resolveSite(ctx, param);
  const code = s.village.village_code;
  const today = todayInWib();
  const db = ctx.db.kysely;
  const [current, past] = await Promise.all([
    sql<ListedItem>`select ${LISTED} from tourism_listings l join regions v on v.code = l.village_code
      where l.village_code = ${code} and ${SHOWN(today)} order by l.kind, l.starts_on nulls last, l.id desc limit 200`.execute(db),
    sql<ListedItem>`select ${LISTED} from tourism_listings l join regions v on v.code = l.village_code
      where l.village_code = ${code} and l.withdrawn_at is null and l.kind = 'event' and coalesce(l.ends_on, l.starts_on) < ${today}
      order by l.starts_on desc limit 5`.execute(db),
  ]);
  return { ...s, listings: listed(current.rows), past: listed(past.rows) };
}

export interface ListingView extends ListedItem {
  description: string; address: string | null; latitude: string | null; longitude: string | null; contact_phone: string | null; rooms: number | null;
  updated_at: Date; photos: number[]; product: { id: number; name: string; price: string; unit: string } | null;
}

/** One listing on the village website (a withdrawn one is not found). */
export async function siteListing(ctx: UseCaseContext, param: string, idInput: string) {
  const s = await resolveSite(ctx, param);
  const id = parseId(idInput);
  if (id === null) throw notFound('tourism.not_found');
  const code = s.village.village_code;
  const r = await sql<Omit<ListingView, 'photos' | 'product'> & { photos: string | null; product_id: string | null; product_name: string | null; product_price: string | null; product_unit: string | null }>`
    select ${LISTED}, l.description, l.address, l.latitude::text as latitude, l.longitude::text as longitude, l.contact_phone, l.rooms, l.updated_at,
      (select string_agg(f.id::text, ',' order by f.position) from tourism_photos f where f.village_code = l.village_code and f.listing_id = l.id) as photos,
      p.id as product_id, p.name as product_name, p.price::text as product_price, p.unit as product_unit
    from tourism_listings l join regions v on v.code = l.village_code
      left join market_products p on p.village_code = l.village_code and p.id = l.market_product_id and p.active
        and exists (select 1 from market_sellers ms where ms.village_code = p.village_code and ms.id = p.seller_id and ms.status = 'verified')
    where l.village_code = ${code} and l.id = ${id} and l.withdrawn_at is null`.execute(ctx.db.kysely);
  const row = r.rows[0];
  if (!row) throw notFound('tourism.not_found');
  const { product_id, product_name, product_price, product_unit, photos, ...rest } = row;
  const listing: ListingView = {
    ...rest, id: Number(rest.id), photo: rest.photo === null ? null : Number(rest.photo),
    photos: photos ? photos.split(',').map(Number) : [],
    product: product_id ? { id: Number(product_id), name: product_name!, price: product_price!, unit: product_unit! } : null,
  };
  return { ...s, listing };
}

/** A photo of a listing that is shown: public; any other is not found. */
export async function listingPhoto(ctx: UseCaseContext, villageInput: string, id: number, size: 'large' | 'small') {
  const village = parseRegionCodeOrFail(villageInput);
  const r = await sql<{ bytes: Uint8Array }>`
    select ${sql.ref(`f.${size}`)} as bytes from tourism_photos f join tourism_listings l on l.village_code = f.village_code and l.id = f.listing_id
    where f.village_code = ${village} and f.id = ${id} and l.withdrawn_at is null`.execute(ctx.db.kysely);
  if (!r.rows[0]) throw notFound('tourism.not_found');
  return r.rows[0].bytes;
}

export interface RegionCount { code: string; name: string; listings: number }

/**
 * The listing across the province: by region (a province, a regency, a district or a village),
 * kind and words of the name; newest first, twenty a page; with how many each region below holds
 * (the regencies, the districts of a regency, the villages of a district), to go down a level.
 */
export async function provinceTourism(ctx: UseCaseContext, input: { wilayah?: string; jenis?: string; q?: string; page?: string }) {
  const db = ctx.db.kysely;
  const today = todayInWib();
  const q = clean(input.q).slice(0, 60);
  const kind = isKind(input.jenis) ? input.jenis : null;
  const regionCode = input.wilayah ? normalizeRegionCode(input.wilayah) : null;
  const region = (regionCode ? await findRegion(db, regionCode) : undefined) ?? null;
  const page = pageOf(input.page);
  const filters = [SHOWN(today)];
  if (region && region.level < 4) filters.push(sql`l.village_code > ${`${region.code}.`} and l.village_code < ${`${region.code}/`}`);
  if (region && region.level === 4) filters.push(sql`l.village_code = ${region.code}`);
  if (kind) filters.push(sql`l.kind = ${kind}`);
  if (q) filters.push(sql`l.search_name like ${containsPattern(q)}`);
  const where = sql.join(filters, sql` and `);
  // The level below the region shown: its code is the first 5, 8 or 13 characters of a village's.
  // Without a region, the regencies (an installation serves a province).
  const below = region ? ({ 1: 5, 2: 8, 3: 13 } as Record<number, number>)[region.level] ?? null : 5;
  const [rows, counts] = await Promise.all([
    sql<ListedItem>`select ${LISTED} from tourism_listings l join regions v on v.code = l.village_code where ${where}
      order by l.updated_at desc, l.village_code, l.id desc limit ${PAGE_SIZE + 1} offset ${(page - 1) * PAGE_SIZE}`.execute(db),
    below === null ? Promise.resolve({ rows: [] as RegionCount[] }) : sql<RegionCount>`
      select r.code, r.name, c.listings::int as listings
      from (select left(l.village_code, ${below}) as code, count(*) as listings from tourism_listings l where ${where} group by 1) c
      join regions r on r.code = c.code order by r.name`.execute(db),
  ]);
  return { q, kind, region, page, more: rows.rows.length > PAGE_SIZE, listings: listed(rows.rows.slice(0, PAGE_SIZE)), below: counts.rows.map((c) => ({ ...c, listings: Number(c.listings) })) };
}
