import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { badRequest } from '../../platform/http/errors.js';
import { clean } from '../../platform/http/text-input.js';

/**
 * The data the farmer card runs on: commodities (and which qualify for subsidised fertiliser),
 * fertiliser types and the dosage table are rows of reference tables (migration 0047), so a
 * regency changes them without a release. Seasons (musim tanam) are fixed by the calendar.
 */

/** MT I January–April, MT II May–August, MT III September–December. */
export const SEASONS = [1, 2, 3] as const;
export type Season = (typeof SEASONS)[number];
export const SEASON_LABEL: Record<Season, { id: string; en: string }> = {
  1: { id: 'MT I (Januari–April)', en: 'Season I (January–April)' },
  2: { id: 'MT II (Mei–Agustus)', en: 'Season II (May–August)' },
  3: { id: 'MT III (September–Desember)', en: 'Season III (September–December)' },
};
export const seasonOf = (day: string): Season => (Math.floor((Number(day.slice(5, 7)) - 1) / 4) + 1) as Season;

/** A farmer farming more than this (all parcels) gets no subsidised fertiliser. */
export const MAX_SUBSIDISED_HA = '2';

export const TENURES = ['own', 'rent', 'sharecrop'] as const;
export type Tenure = (typeof TENURES)[number];
export const TENURE_LABEL: Record<Tenure, { id: string; en: string }> = {
  own: { id: 'Milik sendiri', en: 'Own' },
  rent: { id: 'Sewa', en: 'Rented' },
  sharecrop: { id: 'Bagi hasil (penggarap)', en: 'Sharecropped' },
};

/** Why an RDKK line gets no fertiliser. */
export const REFUSALS = ['not_member', 'over_two_ha', 'not_eligible_commodity', 'not_living'] as const;
export type Refusal = (typeof REFUSALS)[number];
export const REFUSAL_LABEL: Record<Refusal, { id: string; en: string }> = {
  not_member: { id: 'bukan anggota Poktan ini', en: 'not a member of this group' },
  over_two_ha: { id: 'luas garapan lebih dari 2 ha', en: 'farms more than 2 ha' },
  not_eligible_commodity: { id: 'komoditas tidak termasuk penerima pupuk bersubsidi', en: 'the commodity gets no subsidised fertiliser' },
  not_living: { id: 'tidak lagi tercatat tinggal di desa (pindah atau meninggal)', en: 'no longer living in the village (moved or died)' },
};

export interface Commodity { code: string; name: string; name_en: string; eligible: boolean }
export interface FertiliserType { code: string; name: string }

export async function commodities(db: Kysely<Database>): Promise<Commodity[]> {
  return db.selectFrom('farm_commodities').select(['code', 'name', 'name_en', 'eligible']).orderBy('sort').execute();
}
/**
 * The fertilisers, kept a minute per database handle: they change only with a migration, and
 * every kiosk redemption reads them (one round trip fewer on its path).
 */
const typesCache = new WeakMap<Kysely<Database>, { until: number; types: Promise<FertiliserType[]> }>();
export function fertiliserTypes(db: Kysely<Database>): Promise<FertiliserType[]> {
  const hit = typesCache.get(db);
  if (hit && hit.until > Date.now()) return hit.types;
  const types = db.selectFrom('fertiliser_types').select(['code', 'name']).orderBy('sort').execute();
  typesCache.set(db, { until: Date.now() + 60_000, types });
  types.catch(() => typesCache.delete(db));
  return types;
}

/**
 * A quantity typed by a person ("1,25", "0.5", "250"): a positive decimal with at most
 * `decimals` places, returned as the exact decimal text the database stores. No float touches it.
 */
export function parseQuantity(v: string | undefined, field: string, decimals: number, max: number): string {
  const s = clean(v).replace(',', '.');
  if (s === '') throw badRequest('validation.required', field);
  const m = /^(\d{1,9})(?:\.(\d+))?$/.exec(s);
  if (!m || (m[2] ?? '').length > decimals) throw badRequest('farmers.quantity', field, { decimals });
  const whole = m[1]!.replace(/^0+(?=\d)/, '');
  const frac = (m[2] ?? '').replace(/0+$/, '');
  const out = frac ? `${whole}.${frac}` : whole;
  if (Number(out) <= 0) throw badRequest('farmers.quantity_positive', field);
  if (Number(out) > max) throw badRequest('farmers.quantity_max', field, { max });
  return out;
}

/** "1,25" for 1.25 (Indonesian decimal comma; English keeps the point); trailing zeros dropped. */
export function formatQuantity(v: string | number, lang: 'id' | 'en' = 'id'): string {
  const [whole, frac = ''] = String(v).split('.');
  const f = frac.replace(/0+$/, '');
  const w = Number(whole).toLocaleString(lang === 'id' ? 'id-ID' : 'en-US');
  return f ? `${w}${lang === 'id' ? ',' : '.'}${f}` : w;
}

/** Exact decimal arithmetic on quantities with at most four places (kg with two, ha with four). */
const SCALE = 10_000n;
export const toUnits = (v: string | number): bigint => {
  const [w, f = ''] = String(v).split('.');
  const neg = w!.startsWith('-');
  const units = BigInt(w!.replace('-', '') || '0') * SCALE + BigInt((f + '0000').slice(0, 4));
  return neg ? -units : units;
};
export const fromUnits = (u: bigint): string => {
  const neg = u < 0n;
  const a = neg ? -u : u;
  const frac = (a % SCALE).toString().padStart(4, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${a / SCALE}${frac ? `.${frac}` : ''}`;
};
