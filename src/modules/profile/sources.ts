import type { UseCaseContext } from '../../platform/context.js';
import { getPublicBudget } from '../budget/index.js';
import { farmerDashboard } from '../farmers/index.js';
import { publicInstitutions } from '../institutions/index.js';
import { getVillageStatistics } from '../population/statistics/index.js';

/**
 * What Balai already knows of a village for its ministry profile, each read through the service
 * of the page that shows it — the statistics page, the public APBDes, the institutions of the
 * village website, the farmer card's figures — never counted again another way, so every number
 * in the profile is the number on that page.
 */
export async function gatherSources(ctx: UseCaseContext, code: string, year: number, asOf: string) {
  const [stats, budget, institutions, farmers] = await Promise.all([
    // The statistics page's own counts (and its households block, for today), with its masking for officers above the village.
    getVillageStatistics(ctx, code, { asOf }),
    getPublicBudget(ctx, code, String(year)),
    publicInstitutions(ctx.db.kysely, code),
    farmerDashboard(ctx, code, String(year)),
  ]);
  return { stats, budget, institutions, farmers };
}
export type ProfileSources = Awaited<ReturnType<typeof gatherSources>>;
