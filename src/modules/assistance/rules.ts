import { badRequest } from '../../platform/http/errors.js';

/**
 * Eligibility rules as data: a programme keeps a list of criteria (any one qualifies) and of
 * exclusions (any one rules out), stored as JSON with the programme and evaluated here against
 * what the register knows of each household, family or person. Each criterion met becomes a
 * reason on the candidate list, so the musdesus sees why each name is there.
 */
export type Criterion =
  | { key: 'desil'; max: number }
  | { key: 'disabled_member' }
  | { key: 'chronic_illness' }
  | { key: 'single_elderly'; age: number }
  | { key: 'no_worker' }
  | { key: 'poor_housing' };
export type Exclusion = { key: 'receives'; kind: string } | { key: 'official' };
export interface Rules { criteria: Criterion[]; exclusions: Exclusion[] }

/** Why a name is on the list: a criterion met (with the desil found), or a reason the officer gave. */
export type Reason =
  | { key: 'desil'; desil: number }
  | { key: 'disabled_member' | 'chronic_illness' | 'single_elderly' | 'no_worker' | 'poor_housing' }
  | { key: 'manual'; why: ManualReason };

/** The reasons an officer may give for a name the rules did not find (the domain's village criteria). */
export const MANUAL_REASONS = ['lost_livelihood', 'chronic_illness', 'disability', 'single_elderly', 'other'] as const;
export type ManualReason = (typeof MANUAL_REASONS)[number];

/** What the register says of one household, family or person, as the rules read it. */
export interface Unit {
  id: number;
  members: number;
  /** The lowest welfare rank among the members (DTSEN), or none known. */
  desil: number | null;
  disabled: boolean;
  chronic: boolean;
  /** Age in whole years of the youngest member, if any birth date is known. */
  youngestAge: number | null;
  /** A member aged 15 or more with an occupation other than none, housework or school. */
  working: boolean;
  /** A member paid by the state (civil servant, soldier, police, an elected or village official). */
  official: boolean;
  /** Surveyed with an earth floor, no toilet or no electricity (households only). */
  poorHousing: boolean;
  /** The NIK and KK numbers the benefit is claimed under across villages. */
  subjects: string[];
}

/** Occupations that mean a salary from the state (the codes of the register's occupation list). */
export const STATE_PAID_OCCUPATIONS = [5, 6, 7, ...Array.from({ length: 16 }, (_, i) => 48 + i), 85, 86];
/** Occupations that bring no income of their own: not working, housework, school. */
export const NOT_WORKING_OCCUPATIONS = [1, 2, 3];

export interface Verdict { eligible: boolean; reasons: Reason[]; priority: 1 | 2 | 3; excludedBy: Exclusion | null }

export function evaluate(rules: Rules, unit: Unit, receiving: ReadonlySet<string>): Verdict {
  const reasons: Reason[] = [];
  for (const c of rules.criteria) {
    if (c.key === 'desil' && unit.desil !== null && unit.desil <= c.max) reasons.push({ key: 'desil', desil: unit.desil });
    if (c.key === 'disabled_member' && unit.disabled) reasons.push({ key: c.key });
    if (c.key === 'chronic_illness' && unit.chronic) reasons.push({ key: c.key });
    if (c.key === 'single_elderly' && unit.members === 1 && unit.youngestAge !== null && unit.youngestAge >= c.age) reasons.push({ key: c.key });
    if (c.key === 'no_worker' && unit.members > 0 && !unit.working) reasons.push({ key: c.key });
    if (c.key === 'poor_housing' && unit.poorHousing) reasons.push({ key: c.key });
  }
  const excludedBy = rules.exclusions.find((x) => (x.key === 'official' ? unit.official : unit.subjects.some((s) => receiving.has(`${x.kind}|${s}`)))) ?? null;
  return { eligible: reasons.length > 0 && !excludedBy, reasons, priority: priorityOf(reasons), excludedBy };
}

/** Desil 1 first, then desil 2–4, then the village's own criteria. */
export function priorityOf(reasons: Reason[]): 1 | 2 | 3 {
  const desil = Math.min(...reasons.map((r) => (r.key === 'desil' ? r.desil : 99)));
  return desil === 1 ? 1 : desil <= 4 ? 2 : 3;
}

/**
 * The rules from the programme form: a ticked box per criterion and exclusion, with its
 * number where it has one (`desil_max`, `elderly_age`, `receives_kind`).
 */
export function rulesFromForm(input: Record<string, string | undefined>, kinds: readonly string[]): Rules {
  const on = (name: string) => input[name] === '1' || input[name] === 'on';
  const whole = (field: string, min: number, max: number) => {
    const raw = (input[field] ?? '').trim();
    if (!/^\d{1,3}$/.test(raw) || Number(raw) < min || Number(raw) > max) throw badRequest('assistance.rule_number', field, { min, max });
    return Number(raw);
  };
  const criteria: Criterion[] = [];
  if (on('c_desil')) criteria.push({ key: 'desil', max: whole('desil_max', 1, 10) });
  for (const key of ['disabled_member', 'chronic_illness', 'no_worker', 'poor_housing'] as const) if (on(`c_${key}`)) criteria.push({ key });
  if (on('c_single_elderly')) criteria.push({ key: 'single_elderly', age: whole('elderly_age', 50, 90) });
  if (criteria.length === 0) throw badRequest('assistance.no_criteria', 'c_desil');
  const exclusions: Exclusion[] = [];
  if (on('x_official')) exclusions.push({ key: 'official' });
  if (on('x_receives')) {
    const kind = (input.receives_kind ?? '').trim();
    if (!kinds.includes(kind)) throw badRequest('validation.choice', 'receives_kind');
    exclusions.push({ key: 'receives', kind });
  }
  return { criteria, exclusions };
}

/** Rules as stored, read back defensively (the JSON is ours, but a hand-edited row must not crash a page). */
export function storedRules(value: unknown): Rules {
  const v = (typeof value === 'string' ? JSON.parse(value) : value) as Partial<Rules> | null;
  return { criteria: Array.isArray(v?.criteria) ? v.criteria : [], exclusions: Array.isArray(v?.exclusions) ? v.exclusions : [] };
}
