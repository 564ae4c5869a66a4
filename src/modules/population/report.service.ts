import type { UseCaseContext } from '../../platform/context.js';
import { todayInWib } from '../../platform/format/format.js';
import { badRequest } from '../../platform/http/errors.js';
import { activeHead, findVillage } from '../villages/index.js';
import { villageScope } from './population.common.js';
import * as repo from './report.repository.js';

export interface MonthlyRow {
  sex: number;
  start: number;
  births: number;
  deaths: number;
  moves_in: number;
  moves_out: number;
  lost: number;
  /** came back after being recorded as lost */
  returned: number;
  registered: number;
  end: number;
}

/** The rows of the report, in the order printed; each maps to a measure of the repository. */
export const REPORT_LINES = ['start', 'births', 'moves_in', 'registered', 'returned', 'deaths', 'moves_out', 'lost', 'end'] as const;
const MEASURE: Record<Exclude<keyof MonthlyRow, 'sex'>, string> = {
  start: 'start', end: 'end', births: 'birth+', moves_in: 'move_in+', registered: 'registration+', returned: 'return+',
  deaths: 'death-', moves_out: 'move_out-', lost: 'lost-',
};

/**
 * The monthly population report (laporan bulanan): the population on the first day of the
 * month and of the next, and what changed it, by sex and citizenship (WNI/WNA), with the
 * families (KK). "Population" is the same as on the statistics page (COUNTED_IN_POPULATION:
 * present or temporarily away), so the end of this month equals today's statistics.
 */
export async function monthlyPopulationReport(ctx: UseCaseContext, villageInput: string, year: number, month: number) {
  const village = await villageScope(ctx, villageInput, 'population.statistics');
  if (!Number.isInteger(year) || year < 1900 || year > 2200) throw badRequest('validation.invalid', 'year', { field: 'year' });
  if (!Number.isInteger(month) || month < 1 || month > 12) throw badRequest('validation.invalid', 'month', { field: 'month' });
  const start = `${year}-${String(month).padStart(2, '0')}-01`;
  const end = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  const [areas, profile, head] = await Promise.all([
    repo.monthlyAreaFigures(ctx.db.kysely, village, start, end, todayInWib()),
    findVillage(ctx.db.kysely, village),
    activeHead(ctx.db.kysely, village),
  ]);
  const figures = repo.villageFigures(areas);
  const { counts, families } = figures;
  const rowOf = (sex: number, foreign: boolean | null): MonthlyRow => {
    const mine = counts.filter((c) => (sex === 0 || c.sex === sex) && (foreign === null || c.foreign === foreign));
    const row = { sex } as MonthlyRow;
    for (const [key, measure] of Object.entries(MEASURE)) row[key as keyof typeof MEASURE] = mine.filter((c) => c.measure === measure).reduce((n, c) => n + c.n, 0);
    return row;
  };
  const group = (foreign: boolean | null) => ({ male: rowOf(1, foreign), female: rowOf(2, foreign), total: rowOf(0, foreign) });
  const all = group(null);
  return {
    village, year, month,
    ...all,
    wni: group(false),
    wna: group(true),
    families,
    // The village head signs the report: the official recorded as head, else the name on the village profile.
    signature: {
      place: profile?.name ?? '', date: todayInWib(), kind: profile?.kind ?? 'desa', villageName: profile?.name ?? '',
      name: head?.name ?? profile?.head_name ?? null, nip: head ? head.staff_number : profile?.head_nip ?? null,
    },
  };
}

export type MonthlyReport = Awaited<ReturnType<typeof monthlyPopulationReport>>;
