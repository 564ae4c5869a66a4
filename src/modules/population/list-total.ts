import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { LIFE_STATUS } from './codes.js';
import type { ListQuery } from './population.schema.js';
import { BREAKDOWN_FIELDS, type BreakdownField } from './statistics/statistics.repository.js';

type Q = Kysely<Database> | Transaction<Database>;

/** The list shows the living; population_breakdowns counts them together with those away for a while. */
const { alive: LIVING, away: AWAY } = LIFE_STATUS;

/**
 * The resident list's total without counting its rows, when the summary rows the writes keep
 * answer the filter (counting 100,000 rows took 40–60 ms a page):
 * - status and sex only: monitoring_population;
 * - the living, by one code (religion, occupation …), sex and area: population_breakdowns,
 *   which counts the living and those away together, less the few away, counted;
 * - the living by age (and sex, area): the whole birth years of the range from the summary,
 *   the first and last birth year counted from the birth-date index (residents_birth).
 * Null for what the summaries cannot say exactly (a search, an age with a code, another
 * status with a code): the caller counts those.
 */
export async function listTotalFromSummary(db: Q, village: string, f: ListQuery, areaIds: number[] | null, today: string): Promise<number | null> {
  if (f.q?.trim()) return null;
  const status = f.life_status ?? LIVING;
  const code = f.field && f.value !== undefined ? f.field : undefined;
  const ages = f.age_min !== undefined || f.age_max !== undefined;
  if (!code && !ages && areaIds === null) return byStatusAndSex(db, village, status, f.sex);
  if (status !== LIVING) return null;
  if (code && (ages || f.value! < 0 || !(BREAKDOWN_FIELDS as readonly string[]).includes(code))) return null;
  if (areaIds?.length === 0) return 0;

  const range = ages ? birthRange(today, f.age_min, f.age_max) : null;
  if (range?.empty) return 0;
  // Whole birth years inside the range from the summary; its partial first and last years counted.
  const field = code ?? 'birth_year';
  let summary = db
    .selectFrom('population_breakdowns')
    .select(sql<string>`coalesce(sum(residents), 0)`.as('n'))
    .where('village_code', '=', village)
    .where('field', '=', field);
  if (code) summary = summary.where('code', '=', f.value!);
  if (range) summary = summary.where('code', '>=', range.firstWholeYear).where('code', '<=', range.lastWholeYear);
  if (f.sex) summary = summary.where('sex', '=', f.sex);
  if (areaIds) summary = summary.where('area_id', 'in', areaIds);

  const counted = (life: number, from: string | null, to: string | null) => {
    let q = db.selectFrom('residents').select(sql<string>`count(*)`.as('n')).where('village_code', '=', village).where('life_status', '=', life);
    if (code) q = q.where(sql.ref(code as BreakdownField), '=', f.value!);
    if (from) q = q.where('birth_date', '>=', from);
    if (to) q = q.where('birth_date', '<=', to);
    if (f.sex) q = q.where('sex', '=', f.sex);
    if (areaIds) q = q.where('area_id', 'in', areaIds);
    return q.executeTakeFirstOrThrow().then((r) => Number(r.n));
  };
  const year = (y: number) => String(y).padStart(4, '0');
  const wholeFrom = range ? `${year(range.firstWholeYear)}-01-01` : null;
  const wholeTo = range ? `${year(range.lastWholeYear)}-12-31` : null;
  const noWholeYears = range !== null && range.firstWholeYear > range.lastWholeYear;
  const [whole, away, head, tail] = await Promise.all([
    noWholeYears ? 0 : summary.executeTakeFirstOrThrow().then((r) => Number(r.n)),
    // The summary holds those away too: take them out (few; the list shows the living).
    noWholeYears ? 0 : counted(AWAY, wholeFrom, wholeTo),
    range?.head ? counted(LIVING, range.head[0], range.head[1]) : 0,
    range?.tail ? counted(LIVING, range.tail[0], range.tail[1]) : 0,
  ]);
  return whole - away + head + tail;
}

async function byStatusAndSex(db: Q, village: string, status: number, sex: number | undefined) {
  let q = db
    .selectFrom('monitoring_population')
    .select(sql<string>`coalesce(sum(residents), 0)`.as('n'))
    .where('village_code', '=', village)
    .where('life_status', '=', status);
  if (sex) q = q.where('sex', '=', sex);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/**
 * Who is `ageMin` to `ageMax` years old on `today` (ISO date): born on or before `latest`
 * (today less ageMin years) and on or after `earliest` (the day after today less ageMax + 1
 * years); null where the range is open. 29 February less a year is 28 February, as in
 * PostgreSQL's date arithmetic.
 */
export function birthDateBounds(today: string, ageMin?: number, ageMax?: number) {
  const shift = (years: number) => {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCFullYear(d.getUTCFullYear() - years);
    if (d.getUTCDate() !== Number(today.slice(8, 10))) d.setUTCDate(0);
    return d.toISOString().slice(0, 10);
  };
  const dayAfter = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return {
    latest: ageMin !== undefined ? shift(ageMin) : null,
    earliest: ageMax !== undefined ? dayAfter(shift(ageMax + 1)) : null,
  };
}

/**
 * The birth dates of an age range on `today` (the list's own rule: born on or before today
 * less age_min years, and after today less age_max + 1 years), split into whole calendar years
 * and the partial years at either end. Birth years run 1 … 9999 in the summary (0 = unknown).
 */
export function birthRange(today: string, ageMin?: number, ageMax?: number) {
  const { latest, earliest } = birthDateBounds(today, ageMin, ageMax);
  if (latest && earliest && earliest > latest) return { empty: true as const, firstWholeYear: 1, lastWholeYear: 0 };
  const yearOf = (iso: string) => Number(iso.slice(0, 4));
  // A partial year at the start: from `earliest` to the end of its year, unless it starts on 1 January.
  const head = earliest && !earliest.endsWith('-01-01') ? ([earliest, minDate(`${yearOf(earliest)}-12-31`, latest)] as const) : null;
  // A partial year at the end: from 1 January to `latest`, unless it ends on 31 December.
  const tail = latest && !latest.endsWith('-12-31') && !(head && yearOf(latest) === yearOf(earliest!)) ? ([`${yearOf(latest)}-01-01`, latest] as const) : null;
  const firstWholeYear = earliest ? yearOf(earliest) + (head ? 1 : 0) : 1;
  const lastWholeYear = latest ? yearOf(latest) - (tail || (head && yearOf(latest) === yearOf(earliest!)) ? 1 : 0) : 9999;
  return { empty: false as const, head, tail, firstWholeYear, lastWholeYear };
}

const minDate = (a: string, b: string | null) => (b !== null && b < a ? b : a);
