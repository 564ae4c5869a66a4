import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { ancestorCodes, normalizeRegionCode } from './region-code.js';
import * as repo from './regions.repository.js';

/**
 * Regions are public reference data (codes and names, no personal data), so these
 * reads need no actor; what is shown *about* villages in them is checked by its owner.
 */

export function parseRegionCodeOrFail(input: string, field = 'code'): string {
  const code = normalizeRegionCode(input);
  if (!code) throw badRequest('region.invalid_code', field, { code: input.slice(0, 30) });
  return code;
}

export async function getRegion(db: Kysely<Database>, input: string) {
  const code = parseRegionCodeOrFail(input);
  const region = await repo.findRegion(db, code);
  if (!region) throw notFound('region.not_found', { code });
  return region;
}

/** The region, its ancestors (province first) and its children with village totals. */
export async function getRegionWithChildren(db: Kysely<Database>, input: string) {
  const region = await getRegion(db, input);
  const [ancestors, children] = await Promise.all([
    repo.findRegions(db, ancestorCodes(region.code)),
    repo.childrenWithTotals(db, region.code),
  ]);
  return { region, ancestors, children };
}

export const listProvinces = (db: Kysely<Database>) => repo.childrenWithTotals(db, '');

export async function searchRegions(db: Kysely<Database>, query: string, opts: { within?: string; level?: number; limit?: number } = {}) {
  const q = query.trim();
  if (q.length < 2) throw badRequest('region.query_too_short', 'q');
  const within = opts.within ? parseRegionCodeOrFail(opts.within, 'within') : undefined;
  return repo.searchByName(db, q, { within, level: opts.level, limit: Math.min(opts.limit ?? 20, 100) });
}
