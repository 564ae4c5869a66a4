import { authorize, regionWithin, type Actor, type Permission } from '../../platform/access/index.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { RegionKind } from '../../platform/db/schema.js';
import { titleCase, todayInWib } from '../../platform/format/format.js';
import { notFound } from '../../platform/http/errors.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { ancestorCodes, findRegion, findRegions, KIND_LABEL, parseRegionCodeOrFail, regionTitle } from '../regions/index.js';

/** The whole country in URLs: /pantau/nasional. */
export const NATIONAL = 'nasional';

export interface RegionRef {
  /** '' for the whole country. */
  code: string;
  name: string;
  kind: RegionKind | 'nasional';
  level: 0 | 1 | 2 | 3 | 4;
}

export interface Scope extends RegionRef {
  /** Province first; `open` says whether the actor may open that level's dashboard. */
  crumbs: (RegionRef & { open: boolean })[];
  /** Length of a child's code, null for a village (no level below). */
  childLength: number | null;
}

const CHILD_LENGTH: Record<number, number | null> = { 0: 2, 1: 5, 2: 8, 3: 13, 4: null };

export const urlCode = (code: string) => (code === '' ? NATIONAL : code);

export { regionTitle };

/** The short name of a row in a table of children: "Kabupaten Pesawaran", "Teluk Pandan", "Hanura". */
export const regionShort = (r: Pick<RegionRef, 'name' | 'kind'>) => (r.kind === 'nasional' ? 'Indonesia' : titleCase(r.name));

/** The region of a dashboard URL ('nasional' is the country), checked against the actor's scope. */
export async function monitoringScope(ctx: UseCaseContext, input: string, permission: Permission = 'monitoring.read'): Promise<Scope & { actor: Actor }> {
  const national = input === NATIONAL || input === '';
  const code = national ? '' : parseRegionCodeOrFail(input);
  const actor = authorize(ctx.actor, permission, code);
  const db = ctx.db.kysely;
  let self: RegionRef = { code: '', name: 'Indonesia', kind: 'nasional', level: 0 };
  if (!national) {
    const region = await findRegion(db, code);
    if (!region) throw notFound('region.not_found', { code });
    self = { code: region.code, name: region.name, kind: region.kind, level: region.level as RegionRef['level'] };
  }
  const ancestors = national ? [] : await findRegions(db, ancestorCodes(code));
  const crumbs = [
    { code: '', name: 'Indonesia', kind: 'nasional' as const, level: 0 as const },
    ...ancestors.map((a) => ({ code: a.code, name: a.name, kind: a.kind, level: a.level as RegionRef['level'] })),
  ].map((r) => ({ ...r, open: regionWithin(r.code, actor.regionCode) }));
  return { ...self, crumbs, childLength: CHILD_LENGTH[self.level]!, actor };
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The first day of the month `months` before this one: '2025-07' and 11 → '2024-08-01'. */
export function monthStart(date: string, monthsBack: number): string {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - monthsBack);
  return d.toISOString().slice(0, 10);
}

/** Every month from `from` to `to` inclusive, as YYYY-MM. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const d = new Date(`${from.slice(0, 7)}-01T00:00:00Z`);
  const end = to.slice(0, 7);
  for (let i = 0; i < 1200; i++) {
    const m = d.toISOString().slice(0, 7);
    if (m > end) break;
    out.push(m);
    d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out;
}

export const today = todayInWib;
