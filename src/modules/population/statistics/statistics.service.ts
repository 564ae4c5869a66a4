import { authorize } from '../../../platform/access/access.js';
import type { UseCaseContext } from '../../../platform/context.js';
import { titleCase } from '../../../platform/format/format.js';
import { badRequest, notFound } from '../../../platform/http/errors.js';
import { isCalendarDate } from '../../../platform/http/validation.js';
import { ancestorCodes, findRegions, parseRegionCodeOrFail } from '../../regions/index.js';
import { findVillage } from '../../villages/index.js';
import { CODE_LISTS, FIELD_CODE_LIST, codeLabel } from '../codes.js';
import { SPECIAL_BREAKDOWNS, suppressSmallCells, type Cells, type Masks } from './small-cells.js';
import * as repo from './statistics.repository.js';
import type { AreaLevel, BreakdownField, CountRow } from './statistics.repository.js';

export const NOT_FILLED = 'BELUM MENGISI';

export type BreakdownKey = BreakdownField | AreaLevel;

/** The breakdowns of the statistics page, in the order shown. */
export const BREAKDOWN_KEYS: readonly BreakdownKey[] = [
  'religion', 'education_kk', 'education_current', 'occupation', 'marital_status', 'family_relation',
  'citizenship', 'blood_type', 'disability', 'chronic_illness', 'insurance_type', 'ektp', 'ektp_recording',
  'dusun', 'rw', 'rt',
];

/**
 * What the public page shows besides sex and age. Health and disability are special
 * categories of personal data (UU 27/2022): even as counts they stay behind a login.
 */
export const PUBLIC_BREAKDOWN_KEYS: readonly BreakdownKey[] = ['religion', 'education_kk', 'occupation', 'marital_status'];

/** Lists longer than this show only the categories that occur, largest first (occupation: 89 codes). */
const SHOW_ALL_CODES_UP_TO = 20;

export interface StatRow extends CountRow {
  label: string;
  /** Cells hidden by small-cell suppression (their numbers are 0 here). */
  mask?: Masks;
}
export interface Breakdown {
  key: BreakdownKey;
  rows: StatRow[];
  total: number;
  /** The column sums when cells are hidden (the rows no longer add up to them). */
  footer?: Cells;
}
export interface AreaOption {
  id: number;
  level: AreaLevel;
  /** "Dusun I › RT 001" */
  label: string;
  /** This area and every area below it. */
  within: number[];
}

const LEVEL_WORD: Record<AreaLevel, string> = { dusun: 'Dusun', rw: 'RW', rt: 'RT' };
// One collator for all sorting: localeCompare with options builds a new one per call (~0.1 ms each).
const collator = new Intl.Collator('id', { numeric: true });

/** Today in the village's zone (Lampung: WIB, UTC+7) as YYYY-MM-DD. */
export { todayInWib as todayWib } from '../../../platform/format/format.js';
import { todayInWib as todayWib } from '../../../platform/format/format.js';

export function ageGroupLabel(code: number | null): string {
  if (code === null) return NOT_FILLED;
  return code >= repo.AGE_GROUP_COUNT - 1 ? `${code * 5}+` : `${code * 5}–${code * 5 + 4}`;
}

const sum = (rows: CountRow[]) => rows.reduce((n, r) => n + r.total, 0);

/** Adds the official labels; short lists also get their empty categories, so a zero is visible. */
function labelCoded(field: BreakdownField, counted: CountRow[]): StatRow[] {
  const list = CODE_LISTS[FIELD_CODE_LIST[field]];
  const found = new Map(counted.map((r) => [r.code, r]));
  const label = (code: number | null) => (code === null ? NOT_FILLED : codeLabel(FIELD_CODE_LIST[field], code));
  if (list.codes.length <= SHOW_ALL_CODES_UP_TO) {
    const rows: StatRow[] = list.codes.map(([code]) => ({ ...(found.get(code) ?? { code, male: 0, female: 0, total: 0 }), label: label(code) }));
    // Codes outside the official list still count: show them rather than lose people.
    for (const r of counted) if (r.code !== null && !list.codes.some(([c]) => c === r.code)) rows.push({ ...r, label: label(r.code) });
    const blank = found.get(null);
    if (blank) rows.push({ ...blank, label: NOT_FILLED });
    return rows;
  }
  return counted
    .map((r) => ({ ...r, label: label(r.code) }))
    .sort((a, b) => (a.code === null ? 1 : b.code === null ? -1 : b.total - a.total || a.code - b.code));
}

function areaOptions(areas: Awaited<ReturnType<typeof repo.listAreas>>): AreaOption[] {
  const byId = new Map(areas.map((a) => [a.id, a]));
  const named = (a: (typeof areas)[number]) =>
    a.name.toLowerCase().startsWith(LEVEL_WORD[a.level].toLowerCase()) ? a.name : `${LEVEL_WORD[a.level]} ${a.name}`;
  const path = (a: (typeof areas)[number], depth = 0): string => {
    const parent = a.parent_id !== null ? byId.get(a.parent_id) : undefined;
    return parent && depth < 3 ? `${path(parent, depth + 1)} › ${named(a)}` : named(a);
  };
  const below = (id: number, depth = 0): number[] =>
    depth > 3 ? [] : [id, ...areas.filter((a) => a.parent_id === id).flatMap((a) => below(a.id, depth + 1))];
  return areas
    .map((a) => ({ id: a.id, level: a.level, label: path(a), within: below(a.id) }))
    .sort((x, y) => collator.compare(x.label, y.label));
}

function labelAreas(level: AreaLevel, counted: CountRow[], options: AreaOption[], scope: AreaOption | null): StatRow[] {
  const found = new Map(counted.map((r) => [r.code, r]));
  // Every area of the level inside the filter gets a row, so an RT with nobody recorded shows as 0.
  const rows: StatRow[] = options
    .filter((o) => o.level === level && (!scope || scope.within.includes(o.id) || o.within.includes(scope.id)))
    .map((o) => ({ ...(found.get(o.id) ?? { code: o.id, male: 0, female: 0, total: 0 }), label: o.label }));
  const blank = found.get(null);
  if (blank) rows.push({ ...blank, label: NOT_FILLED });
  return rows;
}

function parseArea(input: string | null | undefined, options: AreaOption[]): AreaOption | null {
  if (input === null || input === undefined || input.trim() === '') return null;
  const id = /^\d{1,15}$/.test(input.trim()) ? Number(input.trim()) : NaN;
  const area = options.find((o) => o.id === id);
  // An id of another village is refused like a typo: it must not reveal that the id exists.
  if (!area) throw badRequest('validation.choice', 'wilayah');
  return area;
}

function parseDate(input: string | null | undefined): string {
  if (input === null || input === undefined || input.trim() === '') return todayWib();
  const s = input.trim();
  if (!isCalendarDate(s) || s < '1900-01-01')
    throw badRequest('validation.format', 'tanggal');
  return s;
}

async function villageOrFail(ctx: UseCaseContext, code: string) {
  const village = await findVillage(ctx.db.kysely, code);
  if (!village) throw notFound('village.not_active', { code });
  const regions = await findRegions(ctx.db.kysely, ancestorCodes(code));
  const name = (level: number) => titleCase(regions.find((r) => r.level === level)?.name ?? '');
  return { code, name: village.name, kind: village.kind, province: name(1), regency: name(2), district: name(3) };
}

async function computeCounts(ctx: UseCaseContext, code: string, keys: readonly BreakdownKey[], asOf: string, options: AreaOption[], scope: AreaOption | null) {
  const areaId = scope?.id ?? null;
  const fields = keys.filter((k): k is BreakdownField => k !== 'dusun' && k !== 'rw' && k !== 'rt');
  const levels = keys.filter((k): k is AreaLevel => k === 'dusun' || k === 'rw' || k === 'rt');
  // One snapshot for every figure, so each table adds up to the same total while people are being registered.
  // Today's figures come from the summary rows the writes keep; another day's are counted from the residents.
  const fromSummary = asOf === todayWib();
  const counted = await ctx.db.kysely.transaction().setIsolationLevel('repeatable read').execute(async (trx) => ({
    residents: fromSummary ? await repo.countResidentsFromSummary(trx, code, fields, asOf, areaId) : await repo.countResidents(trx, code, fields, asOf, areaId),
    areas: levels.length ? await repo.countByAreaLevels(trx, code, areaId, fromSummary) : null,
    families: fromSummary && areaId === null ? await repo.countFamiliesFromSummary(trx, code) : await repo.countFamilies(trx, code, areaId),
  }));
  const breakdowns: Breakdown[] = [];
  for (const key of keys) {
    let rows: StatRow[];
    if (key === 'dusun' || key === 'rw' || key === 'rt') {
      // A village without RWs has no RW table rather than one that says "not filled" for everyone.
      if (!options.some((o) => o.level === key)) continue;
      rows = labelAreas(key, counted.areas![key], options, scope);
    } else {
      rows = labelCoded(key, counted.residents.byField.get(key) ?? []);
    }
    breakdowns.push({ key, rows, total: sum(rows) });
  }
  const found = new Map(counted.residents.ageGroups.map((r) => [r.code, r]));
  const ageGroups: StatRow[] = Array.from({ length: repo.AGE_GROUP_COUNT }, (_, i) => ({
    ...(found.get(i) ?? { code: i, male: 0, female: 0, total: 0 }),
    label: ageGroupLabel(i),
  }));
  const noBirthDate = found.get(null) ?? { code: null, male: 0, female: 0, total: 0 };
  return {
    totals: { ...counted.residents.bySex, families: counted.families },
    ageGroups,
    noBirthDate: { ...noBirthDate, label: NOT_FILLED },
    breakdowns,
  };
}

export interface StatisticsQuery {
  /** id of a dusun, RW or RT of the village ('' or absent: the whole village) */
  area?: string | null;
  /** YYYY-MM-DD, the day ages are counted on (absent: today) */
  asOf?: string | null;
}

/** What the officers' statistics are asked for, checked: the village, its areas, the area and day chosen. */
export async function villageStatisticsRequest(ctx: UseCaseContext, input: string, query: StatisticsQuery = {}) {
  const code = parseRegionCodeOrFail(input);
  authorize(ctx.actor, 'population.statistics', code);
  const village = await villageOrFail(ctx, code);
  const options = areaOptions(await repo.listAreas(ctx.db.kysely, code));
  const area = parseArea(query.area, options);
  const asOf = parseDate(query.asOf);
  // Officers above the village see small counts of health data as "< 5"; the village's own officers see them exact.
  const exact = ctx.actor?.kind === 'user' && ctx.actor.regionCode === code;
  return { village, areas: options, area, asOf, exact };
}
export type VillageStatisticsRequest = Awaited<ReturnType<typeof villageStatisticsRequest>>;

/** Counts for officers: the whole village or one area, every breakdown. */
export async function getVillageStatistics(ctx: UseCaseContext, input: string, query: StatisticsQuery = {}) {
  const request = await villageStatisticsRequest(ctx, input, query);
  const [counts, households] = await Promise.all([countVillageStatistics(ctx, request), householdFigures(ctx, request)]);
  return { ...counts, households };
}

/** The counts of a checked request (villageStatisticsRequest). */
export async function countVillageStatistics(ctx: UseCaseContext, request: VillageStatisticsRequest) {
  const { village, areas: options, area, asOf, exact } = request;
  const code = village.code;
  const counts = await computeCounts(ctx, code, BREAKDOWN_KEYS, asOf, options, area);
  let smallCellsHidden = false;
  if (!exact) {
    counts.breakdowns = counts.breakdowns.map((b) => {
      if (!SPECIAL_BREAKDOWNS.has(b.key)) return b;
      const { rows, footer, suppressed } = suppressSmallCells(b.rows);
      smallCellsHidden ||= suppressed;
      return suppressed ? { ...b, rows, footer } : b;
    });
  }
  return { village, areas: options, area, asOf, ...counts, smallCellsHidden };
}

/**
 * Households and their housing for the whole village today (the households module's rollup);
 * null for an area or another day, which the household register cannot answer.
 */
export async function householdFigures(ctx: UseCaseContext, request: VillageStatisticsRequest) {
  if (request.area || request.asOf !== todayWib()) return null;
  return (await repo.householdsRollup(ctx.db.kysely, request.village.code)) ?? null;
}

/** The village's public page: no login, activated villages only, counts only. */
export async function publicVillageRequest(ctx: UseCaseContext, input: string) {
  const code = parseRegionCodeOrFail(input);
  const village = await villageOrFail(ctx, code);
  return { village, asOf: todayWib() };
}
export type PublicVillageRequest = Awaited<ReturnType<typeof publicVillageRequest>>;

/** The counts of the public page (a checked request). */
export async function countPublicVillageStatistics(ctx: UseCaseContext, request: PublicVillageRequest) {
  // No area among the public breakdowns: the village's areas are not needed.
  const counts = await computeCounts(ctx, request.village.code, PUBLIC_BREAKDOWN_KEYS, request.asOf, [], null);
  return { village: request.village, asOf: request.asOf, ...counts };
}

export type HouseholdFigures = NonNullable<Awaited<ReturnType<typeof householdFigures>>>;
export type VillageStatistics = Awaited<ReturnType<typeof countVillageStatistics>> & { households?: HouseholdFigures | null };
export type PublicVillageStatistics = Awaited<ReturnType<typeof countPublicVillageStatistics>>;
