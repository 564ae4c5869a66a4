import { authorize } from '../../platform/access/access.js';
import type { Permission } from '../../platform/access/permissions.js';
import type { UseCaseContext } from '../../platform/context.js';
import { notFound } from '../../platform/http/errors.js';
import { parseRegionCodeOrFail } from '../regions/index.js';
import { findVillage } from './villages.repository.js';

/**
 * The check a village use case opens with: the permission in this village, and the village
 * must be on Balai. Returns the dotted code. Every module of village data shares it.
 */
export async function villageScope(ctx: UseCaseContext, input: string, permission: Permission): Promise<string> {
  return (await villageInScope(ctx, input, permission)).village_code;
}

/** The same check, giving the village's row (its name and kind from the region list too). */
export async function villageInScope(ctx: UseCaseContext, input: string, permission: Permission) {
  authorize(ctx.actor, permission, parseRegionCodeOrFail(input));
  return activeVillage(ctx, input);
}

/** An activated village by its code, with no permission asked: for the public pages of a village. */
export async function activeVillage(ctx: UseCaseContext, input: string) {
  const code = parseRegionCodeOrFail(input);
  const village = await findVillage(ctx.db.kysely, code);
  if (!village) throw notFound('village.not_active', { code });
  return village;
}
