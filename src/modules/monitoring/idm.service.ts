import { can } from '../../platform/access/index.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { IndexModel } from '../../platform/db/schema.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { getVillageStatistics } from '../population/statistics/index.js';
import { residentsAged, share } from './figures.js';
import { parseModel, parseYear } from './dashboards.service.js';
import * as repo from './idm.repository.js';
import { combine, dimensionFromIndicators, indicatorsOf, modelDefinition, statusOf, type ModelDefinition, type VillageDataKey } from './index-models.js';
import { addDays, monitoringScope, today } from './monitoring.common.js';

/** "0,7123", "0.7123", " 71,5 " → a number; anything else → NaN. Indonesian Excel writes a decimal comma. */
export function parseDecimal(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return Number.NaN;
  const s = value.trim().replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

export interface IndexInput {
  model: IndexModel;
  year: number;
  /** Typed index/dimension values (as entered: text or numbers). */
  dimensions: Record<string, unknown>;
  /** Indicator scores 0–5 (text or numbers); empty ones left out. */
  indicators: Record<string, unknown>;
}

export interface ComputedIndex {
  score: number;
  status: ReturnType<typeof statusOf>;
  dimensions: Record<string, number>;
  indicators: Record<string, number>;
  /** Dimensions worked out from their indicators (the rest were typed). */
  computed: string[];
}

const latestYear = () => Number(today().slice(0, 4)) + 1;

/**
 * Checks one village's entry and works out its index: each dimension from its indicators when
 * all of them are scored, else the value typed (the ministry's published IKS, IKE, IKL).
 * Errors name the field, in the user's language.
 */
export function computeIndex(def: ModelDefinition, input: Omit<IndexInput, 'model' | 'year'>): ComputedIndex {
  const indicators: Record<string, number> = {};
  for (const ind of indicatorsOf(def)) {
    const raw = input.indicators[ind.id];
    if (raw === undefined || raw === null || raw === '') continue;
    const v = parseDecimal(raw);
    if (!Number.isInteger(v) || v < 0 || v > 5) throw badRequest('monitoring.indicator_range', ind.id, { indicator: ind.label });
    indicators[ind.id] = v;
  }
  const known = new Set(indicatorsOf(def).map((i) => i.id));
  for (const k of Object.keys(input.indicators)) if (!known.has(k) && input.indicators[k] !== '' && input.indicators[k] !== undefined) throw badRequest('validation.unknown_field', k);
  const dimensions: Record<string, number> = {};
  const computed: string[] = [];
  const max = def.scale;
  for (const d of def.dimensions) {
    const raw = input.dimensions[d.key];
    const typed = raw === undefined || raw === null || raw === '' ? null : parseDecimal(raw);
    const label = d.label.id;
    if (typed !== null && (Number.isNaN(typed) || typed < 0 || typed > max)) throw badRequest('monitoring.dimension_range', d.key, { dimension: label, max });
    const fromIndicators = dimensionFromIndicators(def, d.key, indicators);
    if (fromIndicators !== null) {
      if (typed !== null && Math.abs(typed - fromIndicators) > 0.00005 * max)
        throw badRequest('monitoring.dimension_mismatch', d.key, { dimension: label, typed: String(typed), computed: fromIndicators.toFixed(def.decimals) });
      dimensions[d.key] = fromIndicators;
      computed.push(d.key);
    } else if (typed !== null) {
      dimensions[d.key] = Math.round(typed * 10 ** def.decimals) / 10 ** def.decimals;
    } else {
      throw badRequest('monitoring.dimension_required', d.key, { dimension: label });
    }
  }
  const score = combine(def, dimensions);
  return { score, status: statusOf(def, score), dimensions, indicators, computed };
}

export type VillageData = Partial<Record<VillageDataKey, number>>;

/** The village's own figures beside the indicators (only for villages on Balai). */
async function villageData(ctx: UseCaseContext, village: string): Promise<VillageData | null> {
  const day = today();
  const year = Number(day.slice(0, 4));
  const db = ctx.db.kysely;
  const active = await db.selectFrom('villages').select('village_code').where('village_code', '=', village).executeTakeFirst();
  if (!active) return null;
  const f = await repo.villageDataFigures(db, village, `${year}-01-01`, addDays(day, -29));
  const residents = f.years.reduce((n, r) => n + r.residents, 0);
  const data: VillageData = {
    residents,
    families: f.families,
    school_age: residentsAged(f.years, year, 7, 18),
    working_age: residentsAged(f.years, year, 15, 64),
    elderly: residentsAged(f.years, year, 65),
    letters_year: f.letters.issued,
    self_service_share: share(f.letters.online, f.letters.requested),
    active_days: f.activeDays,
  };
  // JKN membership is read from the village's own statistics (counts, no personal data).
  try {
    const stats = await getVillageStatistics(ctx, village, {});
    const ins = stats.breakdowns.find((b) => b.key === 'insurance_type');
    // Above the village small counts are hidden (ins.footer set): a share built on them would be wrong, so none is shown.
    if (ins && !ins.footer && stats.totals.total > 0) data.jkn_share = share(ins.rows.filter((r) => r.code === 2 || r.code === 3 || r.code === 4).reduce((n, r) => n + r.total, 0), stats.totals.total);
  } catch {
    // Without the statistics permission or data, the share is simply not shown.
  }
  return data;
}

/** The village's index page: its history under both models, the entry of one year, its own data. */
export async function villageIndex(ctx: UseCaseContext, villageInput: string, opts: { model?: string; year?: string }) {
  const scope = await monitoringScope(ctx, villageInput);
  if (scope.level !== 4) throw notFound('monitoring.not_a_village');
  const model = parseModel(opts.model);
  const def = modelDefinition(model);
  const history = await repo.villageHistory(ctx.db.kysely, scope.code);
  const year = parseYear(opts.year) ?? Number(today().slice(0, 4)) - 1;
  const entry = history.find((h) => h.model === model && h.year === year) ?? null;
  return {
    scope, model, def, year, history, entry,
    canWrite: can(ctx.actor, 'monitoring.index.write', scope.code),
    data: await villageData(ctx, scope.code),
  };
}
export type VillageIndexPage = Awaited<ReturnType<typeof villageIndex>>;

/** Saves one village's scores for a year (replacing that year's), with its audit entry. */
export async function saveVillageIndex(ctx: UseCaseContext, villageInput: string, input: { model?: string; year?: string | number; dimensions: Record<string, unknown>; indicators: Record<string, unknown> }) {
  const scope = await monitoringScope(ctx, villageInput, 'monitoring.index.write');
  if (scope.level !== 4) throw notFound('monitoring.not_a_village');
  const model = parseModel(input.model);
  const year = parseYear(input.year === undefined ? undefined : String(input.year));
  if (year === undefined) throw badRequest('validation.required', 'tahun', { field: 'tahun' });
  if (year > latestYear()) throw badRequest('monitoring.year_invalid', 'tahun', { value: String(year) });
  const def = modelDefinition(model);
  const result = computeIndex(def, input);
  await writeWithAudit(ctx, async (trx, audit) => {
    await repo.upsertScores(trx, [{ village_code: scope.code, model, year, score: result.score, status: result.status, dimensions: result.dimensions, indicators: result.indicators, source: 'form' }], ctx.actor!.kind === 'user' ? ctx.actor!.id : null);
    await audit({ action: 'index.save', villageCode: scope.code, subject: `index:${model}:${year}`, detail: { model, year, score: result.score, status: result.status } });
  });
  return { village_code: scope.code, model, year, ...result };
}
