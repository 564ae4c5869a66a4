import type { UseCaseContext } from '../../platform/context.js';
import { badRequest } from '../../platform/http/errors.js';
import { villageScope } from './population.common.js';
import * as repo from './population.repository.js';

export interface MonthlyRow {
  sex: number;
  start: number;
  births: number;
  deaths: number;
  moves_in: number;
  moves_out: number;
  lost: number;
  registered: number;
  end: number;
}

/**
 * The monthly population report (laporan bulanan), computed from the events: the start is
 * the sum of every change before the month, the end adds the month's own changes.
 */
export async function monthlyPopulationReport(ctx: UseCaseContext, villageInput: string, year: number, month: number) {
  const village = await villageScope(ctx, villageInput, 'population.statistics');
  if (!Number.isInteger(year) || year < 1900 || year > 2200) throw badRequest('validation.invalid', 'year', { field: 'year' });
  if (!Number.isInteger(month) || month < 1 || month > 12) throw badRequest('validation.invalid', 'month', { field: 'month' });
  const start = `${year}-${String(month).padStart(2, '0')}-01`;
  const end = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  const rows = await repo.monthlyReport(ctx.db.kysely, village, start, end);
  const bySex = (sex: number): MonthlyRow => {
    const r = rows.find((x) => x.sex === sex);
    const startCount = r?.before ?? 0;
    return {
      sex, start: startCount, births: r?.births ?? 0, deaths: r?.deaths ?? 0, moves_in: r?.moves_in ?? 0, moves_out: r?.moves_out ?? 0,
      lost: r?.lost ?? 0, registered: r?.registered ?? 0, end: startCount + (r?.change ?? 0),
    };
  };
  const male = bySex(1);
  const female = bySex(2);
  const total = Object.fromEntries(Object.keys(male).map((k) => [k, (male as any)[k] + (female as any)[k]])) as unknown as MonthlyRow;
  return { village, year, month, male, female, total: { ...total, sex: 0 } };
}
