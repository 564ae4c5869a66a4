import type { UseCaseContext } from '../../platform/context.js';
import type { IndexModel, IndexStatus, RegionKind } from '../../platform/db/schema.js';
import { badRequest } from '../../platform/http/errors.js';
import { isCalendarDate } from '../../platform/http/validation.js';
import { BUILT_IN_LETTER_TYPES } from '../letters/index.js';
import { COUNTED_IN_POPULATION } from '../population/index.js';
import { AGE_GROUPS, ageGroupLabel, ageGroupOf, medianFromHistogram, READY_BUCKETS, type Median } from './figures.js';
import { MODELS, modelDefinition, STATUSES } from './index-models.js';
import { addDays, monitoringScope, monthsBetween, monthStart, today, type Scope } from './monitoring.common.js';
import * as repo from './monitoring.repository.js';

/**
 * The dashboards above (and of) a village. Each opens with the scope check (monitoringScope:
 * 'monitoring.read' within the actor's region) and reads rollups only.
 */

export interface ChildRef {
  code: string;
  name: string;
  kind: RegionKind;
}

const sumBy = <T>(rows: readonly T[], f: (r: T) => number) => rows.reduce((n, r) => n + f(r), 0);
const byChild = <T extends { child: string }>(rows: T[]) => new Map(rows.map((r) => [r.child, r]));
/** The village level has no children: its own code stands as the one "child" in the queries. */
const childLengthOf = (scope: Scope) => scope.childLength ?? scope.code.length;

// ---------------------------------------------------------------------------------------
// adoption

export interface AdoptionRow extends ChildRef {
  villages: number;
  activated: number;
  target: number;
  initiative: number;
  active7: number;
  active30: number;
  actions30: number;
  citizenActions30: number;
  quiet: number;
}

export async function adoptionDashboard(ctx: UseCaseContext, input: string) {
  const scope = await monitoringScope(ctx, input);
  const db = ctx.db.kysely;
  const day = today();
  const since7 = addDays(day, -6);
  const since30 = addDays(day, -29);
  const L = childLengthOf(scope);
  const [children, villages, activated, activity, perMonth, quiet, ranked, village, days] = await Promise.all([
    scope.childLength ? repo.regionChildren(db, scope.code) : Promise.resolve([]),
    repo.villagesByChild(db, scope.code, L),
    repo.activatedByChild(db, scope.code, L),
    repo.activityByChild(db, scope.code, L, since7, since30),
    repo.activationsPerMonth(db, scope.code),
    repo.quietVillages(db, scope.code, since30, 50),
    repo.villageFigures(db, scope.code, since30, scope.level === 3 ? 1000 : 20),
    scope.level === 4 ? repo.villageRow(db, scope.code) : Promise.resolve(undefined),
    scope.level === 4 ? repo.activityDays(db, scope.code, since30) : Promise.resolve([]),
  ]);
  const v = byChild(villages);
  const a = byChild(activated);
  const act = byChild(activity);
  const rows: AdoptionRow[] = children.map((c) => {
    const on = a.get(c.code);
    const ac = act.get(c.code);
    return {
      code: c.code, name: c.name, kind: c.kind,
      villages: v.get(c.code)?.villages ?? 0,
      activated: on?.activated ?? 0, target: on?.target ?? 0, initiative: on?.initiative ?? 0,
      active7: ac?.active7 ?? 0, active30: ac?.active30 ?? 0,
      actions30: (ac?.officer_actions ?? 0) + (ac?.citizen_actions ?? 0), citizenActions30: ac?.citizen_actions ?? 0,
      quiet: Math.max(0, (on?.activated ?? 0) - (ac?.active30 ?? 0)),
    };
  });
  const totals = {
    villages: sumBy(villages, (r) => r.villages),
    activated: sumBy(activated, (r) => r.activated),
    target: sumBy(activated, (r) => r.target),
    initiative: sumBy(activated, (r) => r.initiative),
    active7: sumBy(activity, (r) => r.active7),
    active30: sumBy(activity, (r) => r.active30),
    actions30: sumBy(activity, (r) => r.officer_actions + r.citizen_actions),
    citizenActions30: sumBy(activity, (r) => r.citizen_actions),
  };
  // Ranked: the share of villages on Balai, then how many of those were active this month.
  const rank = (r: AdoptionRow) => [r.villages ? r.activated / r.villages : 0, r.activated ? r.active30 / r.activated : 0];
  const rankedChildren = [...rows].sort((x, y) => {
    const [a1, a2] = rank(x);
    const [b1, b2] = rank(y);
    return b1! - a1! || b2! - a2! || x.code.localeCompare(y.code);
  });
  // The line: villages on Balai at the end of each month since the first activation.
  const months = perMonth.length ? monthsBetween(`${perMonth[0]!.month}-01`, day) : [];
  const m = new Map(perMonth.map((r) => [r.month, r]));
  let cumTarget = 0;
  let cumInitiative = 0;
  const timeline = months.map((month) => {
    const r = m.get(month);
    cumTarget += r?.target ?? 0;
    cumInitiative += r?.initiative ?? 0;
    return { month, target: r?.target ?? 0, initiative: r?.initiative ?? 0, total: cumTarget + cumInitiative, totalTarget: cumTarget, totalInitiative: cumInitiative };
  });
  return {
    scope, today: day, since7, since30, totals, children: rows, rankedChildren, timeline,
    quiet: { total: quiet[0]?.total ?? 0, rows: quiet },
    villages: ranked,
    village: village ? { ...village, days, lastDay: ranked[0]?.last_day ?? null } : null,
  };
}
export type AdoptionDashboard = Awaited<ReturnType<typeof adoptionDashboard>>;

// ---------------------------------------------------------------------------------------
// services (letters)

export interface Period {
  from: string;
  to: string;
}

/** ?dari=&sampai=; the last 30 days when empty. At most ten years, so a typo cannot ask for centuries. */
export function parsePeriod(from: string | undefined, to: string | undefined): Period {
  const day = today();
  const t = to?.trim() || day;
  if (!isCalendarDate(t)) throw badRequest('validation.date', 'sampai');
  const f = from?.trim() || addDays(t, -29);
  if (!isCalendarDate(f)) throw badRequest('validation.date', 'dari');
  if (f > t) throw badRequest('monitoring.period_reversed', 'dari');
  if (Date.parse(t) - Date.parse(f) > 3653 * 86400_000) throw badRequest('monitoring.period_too_long', 'dari');
  return { from: f, to: t };
}

const titleOf = (titles: Map<string, string>, code: string) => titles.get(code) ?? BUILT_IN_LETTER_TYPES.find((t) => t.code === code)?.title ?? code;

export async function servicesDashboard(ctx: UseCaseContext, input: string, period: Period) {
  const scope = await monitoringScope(ctx, input);
  const db = ctx.db.kysely;
  const L = childLengthOf(scope);
  const yearFrom = monthStart(period.to, 11);
  const [children, letters, complaintRows] = await Promise.all([
    scope.childLength ? repo.regionChildren(db, scope.code) : Promise.resolve([]),
    repo.letterRows(db, scope.code, scope.level, L, period, yearFrom),
    repo.complaintsByChild(db, scope.code, L, period, today()),
  ]);
  // Complaints: received and answered in the period's months, open and overdue today.
  const complaintsOf = (code?: string) => {
    const mine = <T extends { child: string }>(rows: T[]) => (code === undefined ? rows : rows.filter((r) => r.child === code));
    return {
      received: sumBy(mine(complaintRows.months), (r) => r.received), answered: sumBy(mine(complaintRows.months), (r) => r.answered),
      open: sumBy(mine(complaintRows.now), (r) => r.open), overdue: sumBy(mine(complaintRows.now), (r) => r.overdue),
    };
  };
  const { types, children: perChild, months: perMonth, histogram } = letters;
  const builtIn = new Set(BUILT_IN_LETTER_TYPES.map((t) => t.code));
  const own = await repo.letterTypeTitles(db, scope.code, types.map((t) => t.type_code).filter((c) => !builtIn.has(c)));
  const titles = new Map(own.map((t) => [t.code, t.title]));
  const c = byChild(perChild);
  const empty = { requested: 0, requested_online: 0, issued: 0, ready: 0, ready_seconds: 0, rejected: 0 };
  const total = {
    requested: sumBy(types, (r) => r.requested), requested_online: sumBy(types, (r) => r.requested_online), issued: sumBy(types, (r) => r.issued),
    ready: sumBy(types, (r) => r.ready), ready_seconds: sumBy(types, (r) => r.ready_seconds), rejected: sumBy(types, (r) => r.rejected),
  };
  const months = monthsBetween(yearFrom, period.to);
  const pm = new Map(perMonth.map((r) => [r.month, r]));
  const median: Median | null = medianFromHistogram(histogram);
  return {
    scope, period, total,
    meanSeconds: total.ready ? total.ready_seconds / total.ready : null,
    median,
    histogram: Array.from({ length: READY_BUCKETS.length + 1 }, (_, b) => ({ bucket: b, letters: histogram.find((h) => h.bucket === b)?.letters ?? 0 })),
    types: types.map((t) => ({ ...t, title: titleOf(titles, t.type_code) })),
    children: children.map((ch) => ({ code: ch.code, name: ch.name, kind: ch.kind, ...(c.get(ch.code) ?? empty), complaints: complaintsOf(ch.code) })),
    months: months.map((month) => ({ month, ...(pm.get(month) ?? empty) })),
    complaints: complaintsOf(),
  };
}
export type ServicesDashboard = Awaited<ReturnType<typeof servicesDashboard>>;

// ---------------------------------------------------------------------------------------
// population

/** Event kinds shown on the dashboards, in this order (corrections and family changes are not population changes). */
export const EVENT_KINDS = ['birth', 'death', 'move_in', 'move_out', 'registration', 'lost', 'temporary_departure', 'return'] as const;

export async function populationDashboard(ctx: UseCaseContext, input: string) {
  const scope = await monitoringScope(ctx, input);
  const db = ctx.db.kysely;
  const L = childLengthOf(scope);
  const day = today();
  const year = Number(day.slice(0, 4));
  const from = monthStart(day, 11);
  const [children, figures, families, eventRows, households, aidRows, institutionRows, temporaryRows] = await Promise.all([
    scope.childLength ? repo.regionChildren(db, scope.code) : Promise.resolve([]),
    repo.populationRows(db, scope.code, scope.level, L),
    repo.familiesByChild(db, scope.code, L),
    repo.eventRows(db, scope.code, scope.level, L, from),
    repo.householdsByChild(db, scope.code, L),
    repo.assistanceByChild(db, scope.code, L, year),
    repo.institutionsByChild(db, scope.code, L),
    repo.temporaryResidentsByChild(db, scope.code, L),
  ]);
  const perChild = figures.child;
  // The population as the village statistics count it: present or temporarily away.
  const perYear = figures.own.filter((r) => COUNTED_IN_POPULATION.includes(r.life_status));
  const events = eventRows.own;
  const childEvents = eventRows.child;
  const groups = Array.from({ length: AGE_GROUPS }, (_, g) => ({ label: ageGroupLabel(g), male: 0, female: 0, total: 0 }));
  const unknownAge = { label: 'BELUM MENGISI', male: 0, female: 0, total: 0 };
  for (const r of perYear) {
    const g = ageGroupOf(r.birth_year, year);
    const target = g === null ? unknownAge : groups[g]!;
    if (r.sex === 1) target.male += r.residents;
    else target.female += r.residents;
    target.total += r.residents;
  }
  const living = perChild.filter((r) => COUNTED_IN_POPULATION.includes(r.life_status));
  const totals = {
    male: sumBy(living.filter((r) => r.sex === 1), (r) => r.residents),
    female: sumBy(living.filter((r) => r.sex === 2), (r) => r.residents),
    total: sumBy(living, (r) => r.residents),
    families: sumBy(families, (r) => r.families),
  };
  // Households and their housing, from the villages' rollup rows.
  const housingKeys = ['households', 'surveyed', 'dirt_floor', 'no_electricity', 'no_sanitation', 'unsafe_water'] as const;
  const housing = Object.fromEntries(housingKeys.map((k) => [k, sumBy(households, (r) => r[k])])) as Record<(typeof housingKeys)[number], number>;
  const hh = byChild(households);
  // Village institutions and trainings (counts only: who holds a position stays in the village).
  const communityKeys = ['institutions', 'active_members', 'trainings', 'people_trained', 'digital_cadres'] as const;
  const community = Object.fromEntries(communityKeys.map((k) => [k, sumBy(institutionRows, (r) => r[k])])) as Record<(typeof communityKeys)[number], number>;
  const inst = byChild(institutionRows);
  // Temporary residents staying now (counts only).
  const temporary = { staying: sumBy(temporaryRows, (r) => r.staying), foreigners: sumBy(temporaryRows, (r) => r.foreigners) };
  const temp = byChild(temporaryRows);
  // Aid this year per programme kind (counts and rupiah only: the lists stay in the villages).
  const kinds = [...new Set(aidRows.map((r) => r.kind))].sort();
  const aid = kinds.map((kind) => {
    const rows = aidRows.filter((r) => r.kind === kind);
    return { kind, recipients: sumBy(rows, (r) => r.recipients), paid: rows.reduce((s, r) => s + BigInt(r.paid), 0n), payouts: sumBy(rows, (r) => r.payouts) };
  });
  const statusCodes = [...new Set(perChild.map((r) => r.life_status))].sort((a, b) => a - b);
  const byStatus = statusCodes.map((code) => ({
    code,
    male: sumBy(perChild.filter((r) => r.life_status === code && r.sex === 1), (r) => r.residents),
    female: sumBy(perChild.filter((r) => r.life_status === code && r.sex === 2), (r) => r.residents),
    total: sumBy(perChild.filter((r) => r.life_status === code), (r) => r.residents),
  }));
  const fam = byChild(families);
  const rows = children.map((c) => {
    const mine = living.filter((r) => r.child === c.code);
    const ev = (kind: string) => childEvents.find((e) => e.child === c.code && e.kind === kind)?.events ?? 0;
    return {
      code: c.code, name: c.name, kind: c.kind,
      male: sumBy(mine.filter((r) => r.sex === 1), (r) => r.residents),
      female: sumBy(mine.filter((r) => r.sex === 2), (r) => r.residents),
      total: sumBy(mine, (r) => r.residents),
      families: fam.get(c.code)?.families ?? 0,
      housing: Object.fromEntries(housingKeys.map((k) => [k, hh.get(c.code)?.[k] ?? 0])) as typeof housing,
      community: Object.fromEntries(communityKeys.map((k) => [k, inst.get(c.code)?.[k] ?? 0])) as typeof community,
      temporary: { staying: temp.get(c.code)?.staying ?? 0, foreigners: temp.get(c.code)?.foreigners ?? 0 },
      aid: Object.fromEntries(kinds.map((k) => [k, sumBy(aidRows.filter((r) => r.child === c.code && r.kind === k), (r) => r.recipients)])) as Record<string, number>,
      births: ev('birth'), deaths: ev('death'), moveIn: ev('move_in'), moveOut: ev('move_out'),
    };
  });
  const months = monthsBetween(from, day).map((month) => {
    const row: Record<string, number | string> = { month };
    for (const k of EVENT_KINDS) row[k] = events.find((e) => e.month === month && e.kind === k)?.events ?? 0;
    return row as { month: string } & Record<(typeof EVENT_KINDS)[number], number>;
  });
  return { scope, year, today: day, totals, housing, community, temporary, aid, byStatus, pyramid: groups, unknownAge, children: rows, months };
}
export type PopulationDashboard = Awaited<ReturnType<typeof populationDashboard>>;

// ---------------------------------------------------------------------------------------
// village development index

export function parseModel(input: string | undefined): IndexModel {
  const m = (input ?? '').trim() || 'idm';
  if (!(MODELS as readonly string[]).includes(m)) throw badRequest('validation.choice', 'model');
  return m as IndexModel;
}

export function parseYear(input: string | undefined, field = 'tahun'): number | undefined {
  const s = (input ?? '').trim();
  if (!s) return undefined;
  if (!/^\d{4}$/.test(s) || Number(s) < 2015 || Number(s) > 2100) throw badRequest('monitoring.year_invalid', field, { value: s.slice(0, 10) });
  return Number(s);
}

type StatusCount = Record<IndexStatus, number>;
const zeroCounts = (): StatusCount => ({ sangat_tertinggal: 0, tertinggal: 0, berkembang: 0, maju: 0, mandiri: 0 });

export async function indexDashboard(ctx: UseCaseContext, input: string, opts: { model?: string; year?: string }) {
  const scope = await monitoringScope(ctx, input);
  const db = ctx.db.kysely;
  const model = parseModel(opts.model);
  const def = modelDefinition(model);
  const years = await repo.indexYears(db, scope.code, model);
  const year = parseYear(opts.year) ?? years[0]?.year ?? Number(today().slice(0, 4)) - 1;
  const L = childLengthOf(scope);
  const [children, counts, transitions, villages, regionVillages] = await Promise.all([
    scope.childLength ? repo.regionChildren(db, scope.code) : Promise.resolve([]),
    repo.statusCounts(db, scope.code, L, model, [year, year - 1]),
    repo.statusTransitions(db, scope.code, model, year),
    repo.villageScores(db, scope.code, model, year, scope.level >= 3 ? 1000 : 100),
    repo.villagesByChild(db, scope.code, L),
  ]);
  const current = zeroCounts();
  const previous = zeroCounts();
  let scoreSum = 0;
  for (const r of counts) {
    if (r.year === year) {
      current[r.status] += r.villages;
      scoreSum += r.score_sum;
    } else previous[r.status] += r.villages;
  }
  const scored = sumBy(STATUSES, (s) => current[s]);
  const rank = (s: IndexStatus) => STATUSES.indexOf(s);
  const moves = { up: 0, same: 0, down: 0 };
  for (const t of transitions) moves[rank(t.after) > rank(t.before) ? 'up' : rank(t.after) < rank(t.before) ? 'down' : 'same'] += t.villages;
  const villageCount = byChild(regionVillages);
  const rows = children.map((c) => {
    const mine = counts.filter((r) => r.child === c.code && r.year === year);
    const statuses = zeroCounts();
    for (const r of mine) statuses[r.status] += r.villages;
    const n = sumBy(mine, (r) => r.villages);
    return { code: c.code, name: c.name, kind: c.kind, villages: villageCount.get(c.code)?.villages ?? 0, scored: n, mean: n ? sumBy(mine, (r) => r.score_sum) / n : null, statuses };
  });
  return {
    scope, model, def, year, years, current, previous, scored, mean: scored ? scoreSum / scored : null,
    villagesInRegion: sumBy(regionVillages, (r) => r.villages),
    moves, transitions, children: rows, villages,
  };
}
export type IndexDashboard = Awaited<ReturnType<typeof indexDashboard>>;

// ---------------------------------------------------------------------------------------
// this week in my villages

export async function activityFeed(ctx: UseCaseContext, input: string) {
  const scope = await monitoringScope(ctx, input);
  const db = ctx.db.kysely;
  const day = today();
  const since = addDays(day, -6);
  const sinceAt = new Date(`${since}T00:00:00+07:00`);
  const [activations, letters, imports, stopped] = await Promise.all([
    repo.recentActivations(db, scope.code, sinceAt),
    repo.lettersIssuedByVillage(db, scope.code, since),
    repo.recentImports(db, scope.code, sinceAt),
    repo.stoppedVillages(db, scope.code, addDays(day, -36), since),
  ]);
  return { scope, today: day, since, activations, letters, imports, stopped };
}
export type ActivityFeed = Awaited<ReturnType<typeof activityFeed>>;
