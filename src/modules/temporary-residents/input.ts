import { formatDate } from '../../platform/format/format.js';
import { badRequest } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { clean, dateOf, paragraphs, text } from '../../platform/http/text-input.js';
import { checkNikOrFail, isValidCode } from '../population/index.js';

/**
 * The temporary resident's form, checked field by field in the form's order, each refusal naming
 * its field. Whom they stay with is resolved against the register in the transaction (host.ts).
 */
export interface StayInput {
  name?: string; sex?: string; citizenship?: string; nik?: string; passport_number?: string; nationality?: string; birth_place?: string; birth_date?: string;
  occupation?: string; origin_address?: string; stay_purpose?: string; host_nik?: string; stay_area?: string; host_name?: string; host_address?: string;
  arrived_on?: string; planned_departure_on?: string; note?: string;
}

export const WNI = 1;
export const WNA = 2;

const optionalText = (v: string | undefined, field: string, min: number, max: number) => (clean(v) === '' ? null : text(v, field, min, max));
const optionalDate = (v: string | undefined, field: string) => (clean(v) === '' ? null : dateOf(clean(v), field));
const code = (v: string | undefined, field: string, ok: (n: number) => boolean) => {
  const s = clean(v);
  if (s === '') throw badRequest('validation.required', field);
  if (!/^\d{1,2}$/.test(s) || !ok(Number(s))) throw badRequest('validation.choice', field);
  return Number(s);
};

/** A day not after today. */
export function pastDay(v: string | undefined, field: string, today: string): string {
  const day = dateOf(clean(v), field);
  if (day > today) throw badRequest('temporary.future', field);
  return day;
}

/** A NIK as typed (spaces dropped), checked like every NIK input; null when empty. */
export function nikOf(v: string | undefined, field: string): string | null {
  const nik = clean(v).replace(/\s/g, '');
  if (nik === '') return null;
  checkNikOrFail(nik, field);
  return nik;
}

/** The fields of a stay as they are stored, less whom they stay with. */
export function checkedStay(input: StayInput, today: string) {
  const name = text(input.name, 'name', 2, 100);
  const sex = code(input.sex, 'sex', (n) => n === 1 || n === 2);
  const citizenship = code(input.citizenship, 'citizenship', (n) => n === WNI || n === WNA);
  const nik = nikOf(input.nik, 'nik');
  if (citizenship === WNI && nik === null) throw badRequest('validation.required', 'nik');
  let passport: string | null = null;
  let nationality: string | null = null;
  if (citizenship === WNA) {
    passport = clean(input.passport_number).replace(/[\s-]/g, '').toUpperCase();
    if (passport === '') throw badRequest('validation.required', 'passport_number');
    if (!/^[A-Z0-9]{5,20}$/.test(passport)) throw badRequest('temporary.passport', 'passport_number');
    nationality = text(input.nationality, 'nationality', 2, 60);
  }
  const birth_place = text(input.birth_place, 'birth_place', 2, 100);
  const birth_date = pastDay(input.birth_date, 'birth_date', today);
  const occupation = code(input.occupation, 'occupation', (n) => isValidCode('occupation', n));
  const origin_address = text(input.origin_address, 'origin_address', 5, 300);
  const purpose = text(input.stay_purpose, 'stay_purpose', 3, 200);
  const hostNik = clean(input.host_nik).replace(/\s/g, '');
  if (hostNik !== '' && !/^\d{16}$/.test(hostNik)) throw badRequest('institutions.nik', 'host_nik');
  const area = clean(input.stay_area) === '' ? null : parseId(clean(input.stay_area));
  if (clean(input.stay_area) !== '' && area === null) throw badRequest('validation.choice', 'stay_area');
  if (hostNik === '' && area === null) throw badRequest('temporary.host_required', 'host_nik');
  const host_name = optionalText(input.host_name, 'host_name', 2, 100);
  const host_address = optionalText(input.host_address, 'host_address', 2, 200);
  const arrived_on = pastDay(input.arrived_on, 'arrived_on', today);
  if (arrived_on < birth_date) throw badRequest('temporary.before_birth', 'arrived_on');
  const planned = optionalDate(input.planned_departure_on, 'planned_departure_on');
  if (planned && planned < arrived_on) throw badRequest('temporary.before_arrival', 'planned_departure_on', { day: formatDate(arrived_on) });
  return {
    values: {
      name, sex, citizenship, nik, passport_number: passport, nationality, birth_place, birth_date, occupation, origin_address, purpose,
      host_name, host_address, arrived_on, planned_departure_on: planned, note: paragraphs(input.note, 'note', 500) ?? '',
    },
    host: { nik: hostNik === '' ? null : hostNik, area },
  };
}
export type StayValues = ReturnType<typeof checkedStay>['values'];

/** The day someone left: from their arrival to today. */
export function departureDay(v: string | undefined, arrivedOn: string, today: string): string {
  const day = pastDay(v, 'departed_on', today);
  if (day < arrivedOn) throw badRequest('temporary.before_arrival', 'departed_on', { day: formatDate(arrivedOn) });
  return day;
}

/** "A1234567" as "A1****67": like a NIK, a passport number is shown whole only to those who may see NIKs whole. */
export const maskPassport = (p: string) => (p.length <= 4 ? '*'.repeat(p.length) : `${p.slice(0, 2)}${'*'.repeat(p.length - 4)}${p.slice(-2)}`);
