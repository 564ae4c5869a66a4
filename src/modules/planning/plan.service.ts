import { can, userIdOf } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { PlanExecution, PlanKind, PlanStatus } from '../../platform/db/schema.js';
import { violatedUniqueIndex } from '../../platform/db/unique-violation.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { budgetReference, FUNDS, parseRegulation, parseRupiah, versionLabel, type AdoptInput, type Fund } from '../budget/index.js';
import { villageInScope, villageScope } from '../villages/index.js';
import { priorityList } from './deliberation.repository.js';
import { clean, paragraphs, text, yearOf } from '../../platform/http/text-input.js';
import * as repo from './plan.repository.js';

/**
 * Village plans (Permendagri 114/2014). The RPJMDes sets the vision, the mission and the
 * activities of the head's term (6 or 8 years), each ticked for the years it runs; the RKPDes
 * is one year's plan, carried forward from the RPJMDes items of that year and adopted by the
 * end of September of the year before (the APBDes is drawn up from it). The secretary's team
 * prepares a plan, the head adopts it by village regulation; an adopted plan changes only by a
 * new version that starts from its items, the earlier one kept as superseded.
 */

export const KIND_LABEL: Record<PlanKind, string> = { rpjmdes: 'RPJMDes', rkpdes: 'RKPDes' };
export const STATUS_LABEL: Record<PlanStatus, { id: string; en: string }> = {
  draft: { id: 'Disusun', en: 'Being prepared' },
  adopted: { id: 'Ditetapkan (berlaku)', en: 'Adopted (in force)' },
  superseded: { id: 'Diganti perubahan', en: 'Replaced by a revision' },
};
export const EXECUTION_LABEL: Record<PlanExecution, { id: string; en: string }> = {
  swakelola: { id: 'Swakelola', en: 'By the village itself' },
  kerjasama: { id: 'Kerja sama antardesa', en: 'With other villages' },
  pihak_ketiga: { id: 'Pihak ketiga', en: 'By a third party' },
};
const isExecution = (v: string): v is PlanExecution => Object.hasOwn(EXECUTION_LABEL, v);
const isFund = (f: string): f is Fund => Object.hasOwn(FUNDS, f);

/** The last day to adopt the RKPDes of a year: 30 September of the year before. */
export const rkpdesDeadline = (year: number) => `${year - 1}-09-30`;

export async function listVillagePlans(ctx: UseCaseContext, villageInput: string, today: string) {
  const village = await villageInScope(ctx, villageInput, 'planning.read');
  const code = village.village_code;
  const plans = await repo.listPlans(ctx.db.kysely, code);
  return { village, plans, late: await lateRkpdes(ctx, code, today), canWrite: can(ctx.actor, 'planning.write', code) };
}

/** The RKPDes being worked towards on a day: next year's, due by 30 September of this year. */
export function rkpdesDue(today: string): { year: number; deadline: string; passed: boolean } {
  const year = Number(today.slice(0, 4)) + 1;
  const deadline = rkpdesDeadline(year);
  return { year, deadline, passed: today > deadline };
}

/**
 * The RKPDes whose deadline has passed without one adopted: after 30 September the next
 * year's plan is late (shown on the village's home page and the plans page).
 */
export async function lateRkpdes(ctx: UseCaseContext, village: string, today: string): Promise<{ year: number; deadline: string } | null> {
  const due = rkpdesDue(today);
  if (!due.passed) return null;
  return (await repo.rkpdesRollup(ctx.db.kysely, village, due.year)) ? null : { year: due.year, deadline: due.deadline };
}

/** A plan with its items and totals, and what the person looking may do with it. */
export async function getPlan(ctx: UseCaseContext, villageInput: string, id: number) {
  const village = await villageInScope(ctx, villageInput, 'planning.read');
  const code = village.village_code;
  const [plan, items, reference] = await Promise.all([repo.findPlan(ctx.db.kysely, code, id), repo.listItems(ctx.db.kysely, code, id), budgetReference(ctx.db.kysely)]);
  if (!plan) throw notFound('planning.not_found');
  const rows = items.map((i) => ({ ...i, cost: BigInt(i.cost) }));
  const total = rows.reduce((sum, i) => sum + i.cost, 0n);
  // Each year's indicative cost: an item ticked for several years counts in each (the RPJMDes matrix's reading).
  const years = Array.from({ length: plan.years }, (_, i) => plan.first_year + i);
  const byYear = years.map((y) => ({ year: y, items: rows.filter((i) => i.run_years.includes(y)).length }));
  const open = plan.status === 'draft';
  const [rpjmdes, priority] = plan.kind === 'rkpdes'
    ? await Promise.all([repo.rpjmdesFor(ctx.db.kysely, code, plan.first_year), priorityList(ctx.db.kysely, code, plan.first_year)])
    : [undefined, null];
  const taken = new Set(rows.map((i) => i.source_proposal));
  return {
    village, plan, items: rows, total, years, byYear, reference, rpjmdes: rpjmdes ?? null,
    // The Musdes priority list of the plan's year, each proposal marked when an activity already carries it.
    priority: priority && { meeting: priority.meeting, rows: priority.rows.map((r) => ({ ...r, taken: taken.has(r.id) })) },
    may: {
      edit: open && can(ctx.actor, 'planning.write', code),
      adopt: open && can(ctx.actor, 'planning.approve', code),
      adoptBlockedAsAuthor: open && plan.prepared_by === userIdOf(ctx.actor),
      revise: plan.status === 'adopted' && can(ctx.actor, 'planning.write', code),
    },
  };
}

export interface StartPlanInput { kind?: string; first_year?: string | number; years?: string | number; vision?: string; mission?: string; reason?: string }

/**
 * Starts a plan: an RPJMDes for a period (6 or 8 years from its first year) or the RKPDes of
 * a year; when one is in force for the same period or year, a revision that starts from its
 * items (the reason is required). One version is prepared at a time.
 */
export async function startPlan(ctx: UseCaseContext, villageInput: string, input: StartPlanInput) {
  const village = await villageScope(ctx, villageInput, 'planning.write');
  const kind = clean(input.kind);
  if (kind !== 'rpjmdes' && kind !== 'rkpdes') throw badRequest('validation.choice', 'kind');
  const firstYear = yearOf(input.first_year, 'first_year');
  const years = kind === 'rkpdes' ? 1 : Number(clean(String(input.years ?? '')));
  if (kind === 'rpjmdes' && years !== 6 && years !== 8) throw badRequest('planning.period', 'years');
  const vision = kind === 'rpjmdes' ? paragraphs(input.vision, 'vision', 1000) : null;
  const mission = kind === 'rpjmdes' ? paragraphs(input.mission, 'mission', 4000) : null;
  const reason = clean(input.reason);
  if (reason.length > 500) throw badRequest('validation.too_long', 'reason', { max: 500 });
  const me = userIdOf(ctx.actor)!;
  try {
    return await writeWithAudit(ctx, async (trx, audit) => {
      const versions = await repo.versionsOf(trx, village, kind, firstYear);
      const open = versions.find((v) => v.status === 'draft');
      if (open) throw conflict('planning.open_exists', 'first_year', { plan: `${KIND_LABEL[kind]} ${firstYear}`, version: versionLabel(open.version) });
      const inForce = versions.find((v) => v.status === 'adopted');
      if (inForce && reason.length < 10) throw badRequest('planning.revision_reason', 'reason');
      const version = (versions[0]?.version ?? 0) + 1;
      const { id } = await repo.insertPlan(trx, {
        village_code: village, kind, first_year: firstYear, years: inForce?.years ?? years, version, based_on: inForce?.id ?? null,
        // A revision keeps what it does not change: the vision and mission come along.
        vision: inForce ? inForce.vision : vision, mission: inForce ? inForce.mission : mission,
        reason: reason || null, prepared_by: me,
      });
      if (inForce) await repo.copyItems(trx, village, inForce.id, id, me);
      await audit({ action: inForce ? 'planning.revision_start' : 'planning.start', villageCode: village, subject: `plan:${id}`, detail: { kind, first_year: firstYear, version, based_on: inForce?.id ?? null } });
      return { id, kind, firstYear, version };
    });
  } catch (err) {
    // Two officers starting the same plan at once: the unique index keeps one.
    const index = violatedUniqueIndex(err);
    if (index === 'plans_one_open' || index === 'plans_village_code_kind_first_year_version_key')
      throw conflict('planning.open_exists', 'first_year', { plan: `${KIND_LABEL[kind]} ${firstYear}`, version: '' });
    throw err;
  }
}

async function lockDraft(trx: Parameters<Parameters<typeof writeWithAudit>[1]>[0], village: string, id: number) {
  const plan = await repo.lockPlan(trx, village, id);
  if (!plan) throw notFound('planning.not_found');
  if (plan.status !== 'draft') throw conflict('planning.not_draft', undefined, { status: STATUS_LABEL[plan.status].id });
  return plan;
}

/** The RPJMDes's vision and mission, while it is being prepared. */
export async function savePlanText(ctx: UseCaseContext, villageInput: string, id: number, input: { vision?: string; mission?: string }) {
  const village = await villageScope(ctx, villageInput, 'planning.write');
  const vision = paragraphs(input.vision, 'vision', 1000);
  const mission = paragraphs(input.mission, 'mission', 4000);
  return writeWithAudit(ctx, async (trx, audit) => {
    const plan = await lockDraft(trx, village, id);
    if (plan.kind !== 'rpjmdes') throw badRequest('planning.vision_rpjmdes_only', 'vision');
    await repo.updatePlan(trx, village, id, { vision, mission });
    await audit({ action: 'planning.text', villageCode: village, subject: `plan:${id}` });
  });
}

export interface ItemInput {
  activity_code?: string;
  description?: string;
  location?: string;
  volume?: string;
  beneficiaries?: string;
  /** The years it runs, "2026,2027" (an RKPDes item runs in the plan's year). */
  run_years?: string;
  cost?: string;
  fund?: string;
  execution?: string;
  /** The Musdes-prioritised proposal this RKPDes activity carries. */
  source_proposal?: string;
}

/** Adds an activity to a plan being prepared. */
export async function addPlanItem(ctx: UseCaseContext, villageInput: string, planId: number, input: ItemInput) {
  const village = await villageScope(ctx, villageInput, 'planning.write');
  const { activities } = await budgetReference(ctx.db.kysely);
  const activity = activities.find((a) => a.code === clean(input.activity_code) && a.level === 3);
  if (!activity) throw badRequest('budget.activity', 'activity_code');
  const description = text(input.description, 'description', 2, 200);
  const location = text(input.location, 'location', 2, 120);
  const volume = text(input.volume, 'volume', 1, 40);
  const beneficiaries = text(input.beneficiaries, 'beneficiaries', 2, 200);
  const cost = parseRupiah(input.cost, 'cost');
  const fund = clean(input.fund);
  if (!isFund(fund)) throw badRequest('budget.fund', 'fund');
  const execution = clean(input.execution);
  if (!isExecution(execution)) throw badRequest('validation.choice', 'execution');
  return writeWithAudit(ctx, async (trx, audit) => {
    const plan = await lockDraft(trx, village, planId);
    const period = Array.from({ length: plan.years }, (_, i) => plan.first_year + i);
    let runYears = period;
    if (plan.kind === 'rpjmdes') {
      // Split on commas; each part must be exactly four digits and a year of the plan.
      const parts = (input.run_years ?? '').split(',').map((p) => p.trim()).filter(Boolean);
      runYears = [...new Set(parts.map(Number))].sort((a, b) => a - b);
      if (runYears.length === 0) throw badRequest('planning.run_years', 'run_years', { from: plan.first_year, to: plan.first_year + plan.years - 1 });
      if (parts.some((p) => !/^\d{4}$/.test(p)) || runYears.some((y) => !period.includes(y)))
        throw badRequest('planning.run_years', 'run_years', { from: plan.first_year, to: plan.first_year + plan.years - 1 });
    }
    let sourceProposal: number | null = null;
    if (clean(input.source_proposal) !== '') {
      // Only a proposal the Musdes of this RKPDes's year put on its priority list.
      const priority = plan.kind === 'rkpdes' ? await priorityList(trx, village, plan.first_year) : null;
      sourceProposal = Number(clean(input.source_proposal));
      if (!priority?.rows.some((r) => r.id === sourceProposal)) throw badRequest('planning.not_prioritised', 'source_proposal', { year: plan.first_year });
    }
    const { id } = await repo.insertItem(trx, {
      village_code: village, plan_id: planId, activity_code: activity.code, description, location, volume, beneficiaries, run_years: runYears,
      cost: cost.toString(), fund, execution, source_item: null, source_proposal: sourceProposal, created_by: userIdOf(ctx.actor)!,
    });
    await audit({ action: 'planning.item_add', villageCode: village, subject: `plan:${planId}`, detail: { item: id, activity: activity.code, cost: cost.toString() } });
    return { id };
  });
}

/** Takes an activity out of a plan being prepared (a draft is not yet an official record). */
export async function removePlanItem(ctx: UseCaseContext, villageInput: string, planId: number, itemId: number) {
  const village = await villageScope(ctx, villageInput, 'planning.write');
  return writeWithAudit(ctx, async (trx, audit) => {
    await lockDraft(trx, village, planId);
    const removed = await repo.deleteItem(trx, village, planId, itemId);
    if (!removed) throw notFound('planning.item_not_found');
    await audit({ action: 'planning.item_remove', villageCode: village, subject: `plan:${planId}`, detail: { item: itemId, description: removed.description, cost: removed.cost } });
  });
}

/**
 * Fills an RKPDes being prepared with the activities the RPJMDes in force plans for its year,
 * each pointing at the RPJMDes item it comes from; an item already carried is not carried twice.
 */
export async function carryForward(ctx: UseCaseContext, villageInput: string, planId: number) {
  const village = await villageScope(ctx, villageInput, 'planning.write');
  return writeWithAudit(ctx, async (trx, audit) => {
    const plan = await lockDraft(trx, village, planId);
    if (plan.kind !== 'rkpdes') throw badRequest('planning.carry_rkpdes_only');
    const rpjmdes = await repo.rpjmdesFor(trx, village, plan.first_year);
    if (!rpjmdes) throw conflict('planning.no_rpjmdes', undefined, { year: plan.first_year });
    const [planned, present] = await Promise.all([repo.itemsRunningIn(trx, village, rpjmdes.id, plan.first_year), repo.listItems(trx, village, planId)]);
    const carried = new Set(present.map((i) => i.source_item));
    const me = userIdOf(ctx.actor)!;
    let added = 0;
    for (const i of planned.filter((p) => !carried.has(p.id))) {
      await repo.insertItem(trx, {
        village_code: village, plan_id: planId, activity_code: i.activity_code, description: i.description, location: i.location, volume: i.volume,
        beneficiaries: i.beneficiaries, run_years: [plan.first_year], cost: i.cost, fund: i.fund, execution: i.execution, source_item: i.id, created_by: me,
      });
      added++;
    }
    await audit({ action: 'planning.carry_forward', villageCode: village, subject: `plan:${planId}`, detail: { rpjmdes: rpjmdes.id, added } });
    return { added };
  });
}

/**
 * The head adopts a prepared plan by village regulation; not one he started himself. The
 * version in force before it is kept, marked as replaced; an RKPDes's adoption reaches the
 * dashboards above the village in the same transaction.
 */
export async function adoptPlan(ctx: UseCaseContext, villageInput: string, planId: number, input: AdoptInput, today: string) {
  const village = await villageScope(ctx, villageInput, 'planning.approve');
  const { number, date } = parseRegulation(input, today);
  const me = userIdOf(ctx.actor)!;
  return writeWithAudit(ctx, async (trx, audit) => {
    const plan = await lockDraft(trx, village, planId);
    if (plan.prepared_by === me) throw forbidden('planning.own_work');
    const items = await repo.listItems(trx, village, planId);
    if (items.length === 0) throw badRequest('planning.empty');
    if (plan.kind === 'rpjmdes' && !plan.vision) throw badRequest('validation.required', 'vision');
    const inForce = (await repo.versionsOf(trx, village, plan.kind, plan.first_year)).find((v) => v.status === 'adopted');
    if (inForce) await repo.updatePlan(trx, village, inForce.id, { status: 'superseded' });
    const now = new Date();
    await repo.updatePlan(trx, village, planId, { status: 'adopted', adopted_by: me, adopted_at: now, regulation_number: number, regulation_date: date });
    if (plan.kind === 'rkpdes') {
      const cost = items.reduce((sum, i) => sum + BigInt(i.cost), 0n);
      await repo.saveRkpdesRollup(trx, { village_code: village, year: plan.first_year, rkpdes_regulation_date: date, rkpdes_adopted_at: now, activities: items.length, cost: cost.toString() });
    }
    await audit({ action: 'planning.adopt', villageCode: village, subject: `plan:${planId}`, detail: { kind: plan.kind, first_year: plan.first_year, version: plan.version, regulation_number: number, replaced: inForce?.id ?? null } });
  });
}
