import { authorize, can } from '../../platform/access/access.js';
import type { Permission } from '../../platform/access/permissions.js';
import type { UseCaseContext } from '../../platform/context.js';
import { AppError, badRequest, notFound } from '../../platform/http/errors.js';
import { parseRegionCodeOrFail } from '../regions/index.js';
import { villageInScope, villageScope } from '../villages/index.js';
import { codeLabel } from './codes.js';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { checkKk, kkDistrictCode, maskNik, parseNik, type KkProblem, type NikProblem } from './nik.js';
import { districtExists } from './population.repository.js';

export { villageInScope, villageScope };

/** Officers who issue letters see full numbers; everyone else sees `1809********0001`. */
export function nikPresenter(ctx: UseCaseContext, village: string): (nik: string | null) => string | null {
  const full = can(ctx.actor, 'population.full_nik', village);
  return (nik) => (nik === null ? null : full ? nik : maskNik(nik));
}

/** The message for each way a NIK cannot be one (the form and the import say the same). */
export const NIK_MESSAGE: Record<NikProblem, Parameters<typeof badRequest>[0]> = {
  length: 'population.nik_length',
  digits: 'population.nik_digits',
  leading_zero: 'population.nik_leading_zero',
  day: 'population.nik_day',
  month: 'population.nik_month',
  serial: 'population.nik_serial',
  date: 'population.nik_date',
};

/** A NIK that can be one, or a 400 naming the field and what is wrong with it. */
export function checkNikOrFail(nik: string, field = 'nik'): void {
  if (/^\d(\.\d+)?E\+\d+$/i.test(nik)) throw badRequest('population.nik_rounded', field, { value: nik });
  const r = parseNik(nik);
  if (!r.ok) throw badRequest(NIK_MESSAGE[r.problem], field, { length: nik.length });
}

/** The message for each way a KK number cannot be one (the form and the import say the same). */
export const KK_MESSAGE: Record<KkProblem, Parameters<typeof badRequest>[0]> = {
  digits: 'population.kk_digits',
  day: 'population.kk_day',
  month: 'population.kk_month',
  date: 'population.kk_date',
};

/**
 * A KK number that can be one, or a 400 naming the field; then 'kk_region' when its first six
 * digits are no district in the region table (a warning: a district split since keeps its old numbers).
 */
export async function checkKkOrFail(db: Kysely<Database> | Transaction<Database>, kk: string, field = 'kk_number'): Promise<'kk_region' | null> {
  const r = checkKk(kk);
  if (!r.ok) throw badRequest(KK_MESSAGE[r.problem], field);
  if (r.warning) return r.warning;
  return (await districtExists(db, kkDistrictCode(kk))) ? null : 'kk_region';
}

export { todayInWib } from '../../platform/format/format.js';
import { todayInWib } from '../../platform/format/format.js';

export function checkEventDate(date: string, birthDate: string | null, field = 'date'): void {
  if (date > todayInWib()) throw badRequest('population.date_future', field);
  if (birthDate && date < birthDate) throw badRequest('population.date_before_birth', field);
}

export const lifeStatusLabel = (status: number) => codeLabel('lifeStatus', status);

export { AppError };
