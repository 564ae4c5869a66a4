import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { badRequest } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { clean, dateOf, paragraphs, text } from '../../platform/http/text-input.js';
import { parseRupiah } from '../budget/index.js';
import { parseCount, parsePhone } from '../market/index.js';
import { coordinate } from '../projects/index.js';

/** What a village offers visitors: places to see, rooms to stay in, events, its own products. */
export const LISTING_KINDS = ['destination', 'homestay', 'event', 'product'] as const;
export type ListingKind = (typeof LISTING_KINDS)[number];

export const KIND_LABEL: Record<ListingKind, { id: string; en: string; plural: { id: string; en: string } }> = {
  destination: { id: 'Destinasi wisata', en: 'Destination', plural: { id: 'Destinasi wisata', en: 'Destinations' } },
  homestay: { id: 'Homestay', en: 'Homestay', plural: { id: 'Homestay', en: 'Homestays' } },
  event: { id: 'Acara dan festival', en: 'Event', plural: { id: 'Acara dan festival', en: 'Events' } },
  product: { id: 'Produk unggulan desa', en: 'Village product', plural: { id: 'Produk unggulan desa', en: 'Village products' } },
};

export const isKind = (v: string | undefined): v is ListingKind => LISTING_KINDS.includes(v as ListingKind);

export interface ListingInput {
  kind?: string; name?: string; description?: string; address?: string; latitude?: string; longitude?: string; opening_hours?: string;
  price_min?: string; price_max?: string; price_unit?: string; contact_phone?: string; rooms?: string; starts_on?: string; ends_on?: string; market_product_id?: string;
}

const MAX_PRICE = 1_000_000_000n;
const optional = <T>(v: string | undefined, parse: (s: string) => T): T | null => (clean(v) === '' ? null : parse(v!));

function price(v: string | undefined, field: string): string | null {
  return optional(v, (s) => {
    const p = parseRupiah(s, field);
    if (p > MAX_PRICE) throw badRequest('validation.too_big', field, { max: '1.000.000.000' });
    return p.toString();
  });
}

/**
 * A listing's fields as typed in the office's form, each checked with a message naming it. The
 * kind decides which of rooms, event days and market product apply; the others are dropped.
 * The market product is checked against the village's own verified sellers by the caller.
 */
export function listingFields(input: ListingInput, kindFixed?: ListingKind) {
  const kind = kindFixed ?? (isKind(clean(input.kind)) ? (clean(input.kind) as ListingKind) : null);
  if (!kind) throw badRequest(clean(input.kind) ? 'validation.choice' : 'validation.required', 'kind');
  const latitude = coordinate(input.latitude, 'latitude', 90);
  const longitude = coordinate(input.longitude, 'longitude', 180);
  if ((latitude === null) !== (longitude === null)) throw badRequest('projects.coordinate', latitude === null ? 'latitude' : 'longitude', { limit: latitude === null ? 90 : 180 });
  const price_min = price(input.price_min, 'price_min');
  const price_max = price(input.price_max, 'price_max');
  if (price_max !== null && price_min === null) throw badRequest('tourism.price_unit_alone', 'price_max');
  if (price_max !== null && BigInt(price_max) < BigInt(price_min!)) throw badRequest('tourism.price_range', 'price_max');
  const price_unit = optional(input.price_unit, (s) => text(s, 'price_unit', 2, 40));
  if (price_unit !== null && price_min === null) throw badRequest('tourism.price_unit_alone', 'price_unit');
  const starts_on = kind === 'event' ? dateOf(input.starts_on, 'starts_on') : null;
  const ends_on = kind === 'event' ? optional(input.ends_on, (s) => dateOf(s, 'ends_on')) : null;
  if (starts_on && ends_on && ends_on < starts_on) throw badRequest('tourism.event_dates', 'ends_on');
  const rooms = kind === 'homestay' ? optional(input.rooms, (s) => parseCount(s, 'rooms', 1, 500)) : null;
  const productId = kind === 'product' ? optional(input.market_product_id, (s) => parseId(s) ?? badRequestOf('market_product_id')) : null;
  return {
    kind,
    name: text(input.name, 'name', 3, 100),
    description: paragraphs(input.description, 'description', 3000) ?? '',
    address: optional(input.address, (s) => text(s, 'address', 3, 200)),
    latitude, longitude,
    opening_hours: optional(input.opening_hours, (s) => text(s, 'opening_hours', 3, 200)),
    price_min, price_max, price_unit,
    contact_phone: optional(input.contact_phone, (s) => parsePhone(s, 'contact_phone')),
    rooms, starts_on, ends_on, market_product_id: productId,
  };
}
export type ListingFields = ReturnType<typeof listingFields>;

function badRequestOf(field: string): never {
  throw badRequest('validation.choice', field);
}

/** The village's products on sale in the market (from its verified sellers), to link a listing to. */
export async function villageProducts(db: Kysely<Database>, village: string) {
  return db.selectFrom('market_products as p').innerJoin('market_sellers as s', (j) => j.onRef('s.village_code', '=', 'p.village_code').onRef('s.id', '=', 'p.seller_id'))
    .select(['p.id', 'p.name', 's.name as seller']).where('p.village_code', '=', village).where('p.active', '=', true).where('s.status', '=', 'verified')
    .orderBy('p.name').limit(200).execute();
}
