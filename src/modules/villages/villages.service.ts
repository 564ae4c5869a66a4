import { authorize, canSeeRegion } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { findRegion, getRegionWithChildren, parseRegionCodeOrFail, listProvinces, searchRegions } from '../regions/index.js';
import { formatDate } from '../../platform/format/format.js';
import * as repo from './villages.repository.js';
import type { AreaInput, VillageProfileInput } from './villages.schema.js';

export const LOGO_MAX_BYTES = 300 * 1024;

async function villageRegionOrFail(ctx: UseCaseContext, input: string) {
  const code = parseRegionCodeOrFail(input);
  const region = await findRegion(ctx.db.kysely, code);
  if (!region) throw notFound('region.not_found', { code });
  if (region.level !== 4) throw badRequest('village.not_a_village', 'code', { code });
  return region;
}

/** Activate a village: it starts using Balai. Only regional officers within their scope. */
export async function activateVillage(ctx: UseCaseContext, input: string, kind: 'target' | 'initiative') {
  const actor = authorize(ctx.actor, 'village.activate', parseRegionCodeOrFail(input));
  const region = await villageRegionOrFail(ctx, input);
  return writeWithAudit(ctx, async (trx, audit) => {
    const inserted = await repo.insertVillage(trx, { village_code: region.code, activated_by: actor.id, activation_kind: kind });
    if (!inserted) {
      const existing = await repo.findVillage(trx, region.code);
      throw conflict('village.already_active', 'code', { name: region.name, date: existing ? formatDate(existing.activated_at, ctx.lang) : '' });
    }
    await audit({ action: 'village.activate', villageCode: region.code, subject: `village:${region.code}`, detail: { activation_kind: kind } });
    return region;
  });
}

/** A village's profile and its dusun/RW/RT, for anyone whose scope holds it. */
export async function getVillage(ctx: UseCaseContext, input: string) {
  const code = parseRegionCodeOrFail(input);
  authorize(ctx.actor, 'village.profile.read', code);
  const village = await repo.findVillage(ctx.db.kysely, code);
  if (!village) throw notFound('village.not_active', { code });
  const areas = await repo.listAreas(ctx.db.kysely, code);
  return { ...village, has_logo: village.logo_type !== null, areas };
}

export async function updateVillageProfile(ctx: UseCaseContext, input: string, changes: VillageProfileInput) {
  const code = parseRegionCodeOrFail(input);
  authorize(ctx.actor, 'village.profile.write', code);
  return writeWithAudit(ctx, async (trx, audit) => {
    const before = await repo.findVillage(trx, code);
    if (!before) throw notFound('village.not_active', { code });
    const changed = Object.fromEntries(
      Object.entries(changes).filter(([k, v]) => v !== undefined && (before as Record<string, unknown>)[k] !== v),
    );
    if (Object.keys(changed).length === 0) return before;
    await repo.updateVillage(trx, code, changed);
    await audit({ action: 'village.profile_update', villageCode: code, subject: `village:${code}`, detail: { changed } });
    return { ...before, ...changed };
  });
}

/**
 * PNG and JPEG only, recognised by their first bytes rather than by the name or the declared
 * type: the PNG signature followed by its IHDR chunk, or a JPEG start-of-image and a marker.
 * Served with that type and nosniff, so even a file that hides HTML further in is an image.
 */
export function detectImageType(bytes: Uint8Array): 'image/png' | 'image/jpeg' | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
  if (bytes.length > 24 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

export async function setVillageLogo(ctx: UseCaseContext, input: string, bytes: Uint8Array) {
  const code = parseRegionCodeOrFail(input);
  authorize(ctx.actor, 'village.profile.write', code);
  if (bytes.length > LOGO_MAX_BYTES) throw new AppError(413, 'file_too_large', 'village.logo_size', { limit: '300 KB' }, 'logo');
  const type = detectImageType(bytes);
  if (!type) throw new AppError(415, 'unsupported_file', 'village.logo_type', {}, 'logo');
  await writeWithAudit(ctx, async (trx, audit) => {
    if (!(await repo.findVillage(trx, code))) throw notFound('village.not_active', { code });
    await repo.updateVillage(trx, code, { logo: bytes, logo_type: type });
    await audit({ action: 'village.logo_update', villageCode: code, subject: `village:${code}`, detail: { bytes: bytes.length, type } });
  });
}

/** The logo is public: it is printed on every letter and shown on the village website. */
export async function getVillageLogo(ctx: UseCaseContext, input: string) {
  const code = parseRegionCodeOrFail(input);
  const row = await repo.findLogo(ctx.db.kysely, code);
  if (!row?.logo || !row.logo_type) throw notFound();
  return { bytes: row.logo, type: row.logo_type, updatedAt: row.updated_at };
}

const PARENT_LEVEL = { dusun: null, rw: ['dusun'], rt: ['rw', 'dusun'] } as const;
const LEVEL_LABEL = { dusun: 'Dusun', rw: 'RW', rt: 'RT' } as const;

/** Adds a dusun, an RW under a dusun, or an RT under an RW (or under a dusun where there are no RWs). */
export async function addVillageArea(ctx: UseCaseContext, input: string, area: AreaInput) {
  const code = parseRegionCodeOrFail(input);
  authorize(ctx.actor, 'village.profile.write', code);
  const parentId = area.level === 'dusun' ? null : area.parent_id ?? null;
  return writeWithAudit(ctx, async (trx, audit) => {
    if (!(await repo.findVillage(trx, code))) throw notFound('village.not_active', { code });
    const allowed = PARENT_LEVEL[area.level];
    if (allowed) {
      const parent = parentId ? await repo.findArea(trx, code, parentId) : undefined;
      if (!parent || !(allowed as readonly string[]).includes(parent.level))
        throw badRequest('village.area_parent', 'parent_id', { level: LEVEL_LABEL[area.level], parent: allowed.map((l) => LEVEL_LABEL[l]).join('/') });
    }
    if (await repo.findAreaByName(trx, code, parentId, area.level, area.name))
      throw conflict('village.area_exists', 'name', { level: LEVEL_LABEL[area.level], name: area.name });
    const { id } = await repo.insertArea(trx, { village_code: code, parent_id: parentId, level: area.level, name: area.name });
    await audit({ action: 'village.area_add', villageCode: code, subject: `area:${id}`, detail: { level: area.level, name: area.name, parent_id: parentId } });
    return { id, ...area, parent_id: parentId };
  });
}

/** The region browser: a region, the way up, and the children the actor may see, with totals. */
export async function browseRegion(ctx: UseCaseContext, input: string | null) {
  const actor = authorize(ctx.actor, 'region.browse');
  const db = ctx.db.kysely;
  if (input === null) {
    const provinces = (await listProvinces(db)).filter((r) => canSeeRegion(actor, r.code));
    return { region: null, ancestors: [], children: provinces, activated: [] };
  }
  const code = parseRegionCodeOrFail(input);
  if (!canSeeRegion(actor, code)) throw forbidden('error.forbidden_region', { code });
  const view = await getRegionWithChildren(db, code);
  const children = view.children.filter((r) => canSeeRegion(actor, r.code));
  const activated = view.region.level === 3 ? await repo.listActivatedWithin(db, code) : [];
  return { ...view, children, activated };
}

/** Activated villages in the actor's scope (the home page of regional officers). */
export async function listActivatedVillages(ctx: UseCaseContext) {
  const actor = authorize(ctx.actor, 'region.browse');
  return repo.listActivatedWithin(ctx.db.kysely, actor.regionCode);
}

/** Regions by name for the browser's search box, limited to what the actor may open. */
export async function findRegionsByName(ctx: UseCaseContext, query: string) {
  const actor = authorize(ctx.actor, 'region.browse');
  const rows = await searchRegions(ctx.db.kysely, query, { within: actor.regionCode || undefined, limit: 50 });
  return rows;
}
