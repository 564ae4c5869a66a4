import { sql, type Transaction } from 'kysely';
import { userIdOf } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { MAX_PHOTOS, preparePhotos } from '../market/index.js';
import { villageInScope } from '../villages/index.js';
import { listingFields, villageProducts, type ListingFields, type ListingInput, type ListingKind } from './catalog.js';

/**
 * The village office keeps its tourism and local potential: destinations, homestays, events
 * and its own products, each with up to five photos (made on upload like the market's), a map
 * point, opening times and prices. Those who edit the village website do it (`site.write`).
 * A listing is public data, edited in place and withdrawn, never deleted; the audit log keeps
 * who changed what.
 */

export interface OfficeListing { id: number; kind: ListingKind; name: string; starts_on: string | null; updated_at: Date; withdrawn_at: Date | null; photo: number | null }

export async function tourismOffice(ctx: UseCaseContext, villageInput: string) {
  const village = await villageInScope(ctx, villageInput, 'site.write');
  const code = village.village_code;
  const db = ctx.db.kysely;
  const [listings, products] = await Promise.all([
    sql<OfficeListing>`
      select l.id, l.kind, l.name, l.starts_on::text as starts_on, l.updated_at, l.withdrawn_at,
        (select f.id from tourism_photos f where f.village_code = l.village_code and f.listing_id = l.id order by f.position limit 1) as photo
      from tourism_listings l where l.village_code = ${code}
      order by l.withdrawn_at is not null, l.kind, l.id desc limit 300`.execute(db),
    villageProducts(db, code),
  ]);
  return { village, listings: listings.rows.map((l) => ({ ...l, id: Number(l.id), photo: l.photo === null ? null : Number(l.photo) })), products };
}

/** A linked product must be on sale from one of this village's verified sellers. */
async function checkProduct(ctx: UseCaseContext, village: string, fields: ListingFields) {
  if (fields.market_product_id === null) return;
  if (!(await villageProducts(ctx.db.kysely, village)).some((p) => Number(p.id) === fields.market_product_id)) throw badRequest('tourism.product_not_ours', 'market_product_id');
}

async function photosOf(files: Uint8Array[]) {
  if (files.length > MAX_PHOTOS) throw badRequest('tourism.too_many_photos', 'photos', { max: MAX_PHOTOS });
  return preparePhotos(files);
}

async function writePhotos(trx: Transaction<Database>, village: string, listingId: number, photos: Awaited<ReturnType<typeof preparePhotos>>) {
  if (photos.length) await trx.insertInto('tourism_photos').values(photos.map((p, i) => ({ village_code: village, listing_id: listingId, position: i + 1, ...p }))).execute();
}

/** A new listing with its photos: all written together or nothing. */
export async function addListing(ctx: UseCaseContext, villageInput: string, input: ListingInput, files: Uint8Array[]) {
  const village = (await villageInScope(ctx, villageInput, 'site.write')).village_code;
  const fields = listingFields(input);
  await checkProduct(ctx, village, fields);
  const photos = await photosOf(files);
  const by = userIdOf(ctx.actor)!;
  return writeWithAudit(ctx, async (trx, audit) => {
    const { id } = await trx.insertInto('tourism_listings').values({ village_code: village, ...fields, created_by: by, updated_by: by }).returning('id').executeTakeFirstOrThrow();
    await writePhotos(trx, village, Number(id), photos);
    await audit({ action: 'tourism.add', villageCode: village, subject: `tourism:${id}`, detail: { kind: fields.kind, name: fields.name, photos: photos.length } });
    return { id: Number(id) };
  });
}

async function ownListing(ctx: UseCaseContext, village: string, idInput: string) {
  const id = parseId(idInput);
  const row = id === null ? undefined : await ctx.db.kysely.selectFrom('tourism_listings').selectAll().where('village_code', '=', village).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('tourism.not_found');
  return { ...row, id: Number(row.id) };
}

/** A listing as the form shows it again, with its photos. */
export async function listingForEditing(ctx: UseCaseContext, villageInput: string, idInput: string) {
  const village = await villageInScope(ctx, villageInput, 'site.write');
  const code = village.village_code;
  const listing = await ownListing(ctx, code, idInput);
  const [photos, products] = await Promise.all([
    ctx.db.kysely.selectFrom('tourism_photos').select('id').where('village_code', '=', code).where('listing_id', '=', listing.id).orderBy('position').execute(),
    villageProducts(ctx.db.kysely, code),
  ]);
  return { village, listing, photos: photos.map((p) => Number(p.id)), products };
}

/** A listing changed in place; new photos, when sent, take the place of the old ones. Its kind stays. */
export async function updateListing(ctx: UseCaseContext, villageInput: string, idInput: string, input: ListingInput, files: Uint8Array[]) {
  const village = (await villageInScope(ctx, villageInput, 'site.write')).village_code;
  const listing = await ownListing(ctx, village, idInput);
  const fields = listingFields(input, listing.kind);
  await checkProduct(ctx, village, fields);
  const photos = await photosOf(files);
  const by = userIdOf(ctx.actor)!;
  await writeWithAudit(ctx, async (trx, audit) => {
    await trx.updateTable('tourism_listings').set({ ...fields, updated_by: by, updated_at: new Date() }).where('village_code', '=', village).where('id', '=', listing.id).execute();
    if (photos.length) {
      await trx.deleteFrom('tourism_photos').where('village_code', '=', village).where('listing_id', '=', listing.id).execute();
      await writePhotos(trx, village, listing.id, photos);
    }
    await audit({ action: 'tourism.update', villageCode: village, subject: `tourism:${listing.id}`, detail: { name: fields.name, photos_replaced: photos.length } });
  });
}

/** Withdrawn from the website and the listing; shown again when put back. */
export async function withdrawListing(ctx: UseCaseContext, villageInput: string, idInput: string, back = false) {
  const village = (await villageInScope(ctx, villageInput, 'site.write')).village_code;
  const listing = await ownListing(ctx, village, idInput);
  await writeWithAudit(ctx, async (trx, audit) => {
    await trx.updateTable('tourism_listings').set({ withdrawn_at: back ? null : new Date(), updated_at: new Date() }).where('village_code', '=', village).where('id', '=', listing.id).execute();
    await audit({ action: back ? 'tourism.restore' : 'tourism.withdraw', villageCode: village, subject: `tourism:${listing.id}`, detail: { name: listing.name } });
  });
}
