import { can, userIdOf } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Transaction } from 'kysely';
import type { BudgetStatus, Database } from '../../platform/db/schema.js';
import { violatedUniqueIndex } from '../../platform/db/unique-violation.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { formatRupiah } from '../../platform/format/format.js';
import { activeVillage, villageInScope, villageScope } from '../villages/index.js';
import * as repo from './budget.repository.js';
import { realisedUpTo } from './realisation.repository.js';
import { lineAmount, parseRupiah, parseVolume, rupiahFromText, volumeText } from './money.js';
import { budgetTotals, type BudgetTotals } from './totals.js';
import { bltCheck, refuseOverCap } from './caps.js';

/**
 * The village budget (APBDes): a version is prepared line by line (the treasurer, or the
 * secretary or operator where the village has no treasurer account), verified by the
 * secretary and adopted by the head with the number and date of the village regulation.
 * An adopted version is never changed: a revision (APBDes Perubahan) is a new version that
 * starts from its lines, and adopting it leaves the earlier one visible as superseded.
 */

export const FUNDS = {
  DDS: 'Dana Desa', ADD: 'Alokasi Dana Desa', PAD: 'Pendapatan Asli Desa', PBH: 'Bagi Hasil Pajak dan Retribusi',
  BKP: 'Bantuan Keuangan Provinsi', BKK: 'Bantuan Keuangan Kabupaten/Kota', SILPA: 'SiLPA', LAIN: 'Lain-lain',
} as const;
export type Fund = keyof typeof FUNDS;
const isFund = (f: string): f is Fund => Object.hasOwn(FUNDS, f);

/** Where an income or financing receipt comes from, by its account: the fund it makes. */
export function fundOfAccount(code: string): Fund | null {
  if (code.startsWith('4.1.')) return 'PAD';
  if (code === '4.2.1') return 'DDS';
  if (code === '4.2.2') return 'PBH';
  if (code === '4.2.3') return 'ADD';
  if (code === '4.2.4') return 'BKP';
  if (code === '4.2.5') return 'BKK';
  if (code === '6.1.1') return 'SILPA';
  if (code.startsWith('4.3.') || code.startsWith('6.1.')) return 'LAIN';
  return null;
}

export const STATUS_LABEL: Record<BudgetStatus, { id: string; en: string }> = {
  draft: { id: 'Disusun', en: 'Being prepared' },
  verified: { id: 'Diverifikasi Sekretaris Desa', en: 'Verified by the secretary' },
  adopted: { id: 'Ditetapkan (berlaku)', en: 'Adopted (in force)' },
  superseded: { id: 'Diganti perubahan', en: 'Replaced by a revision' },
};

export const versionLabel = (version: number, lang: 'id' | 'en' = 'id') =>
  version === 1 ? (lang === 'en' ? 'original' : 'murni') : lang === 'en' ? `revision ${version - 1}` : `perubahan ${version - 1}`;

export async function listVillageBudgets(ctx: UseCaseContext, villageInput: string) {
  const village = await villageInScope(ctx, villageInput, 'budget.read');
  const budgets = await repo.listBudgets(ctx.db.kysely, village.village_code);
  return { village, budgets, canWrite: can(ctx.actor, 'budget.write', village.village_code) };
}

/** A budget with its lines and totals, and what the person looking may do with it. */
export async function getBudget(ctx: UseCaseContext, villageInput: string, id: number) {
  const village = await villageInScope(ctx, villageInput, 'budget.read');
  const code = village.village_code;
  const [budget, lines, reference] = await Promise.all([
    repo.findBudget(ctx.db.kysely, code, id),
    repo.listLines(ctx.db.kysely, code, id),
    repo.budgetReference(ctx.db.kysely),
  ]);
  if (!budget) throw notFound('budget.not_found');
  const amounts = lines.map((l) => ({ ...l, amount: rupiahFromText(l.amount) }));
  const totals = budgetTotals(amounts);
  const blt = await bltCheck(ctx.db.kysely, budget.year, amounts);
  const me = userIdOf(ctx.actor);
  const authors = new Set([budget.prepared_by, ...lines.map((l) => l.created_by)]);
  const open = budget.status === 'draft';
  return {
    village, budget, lines: amounts, totals, reference, blt,
    may: {
      edit: open && can(ctx.actor, 'budget.write', code),
      verify: open && can(ctx.actor, 'budget.verify', code),
      sendBack: budget.status === 'verified' && (can(ctx.actor, 'budget.verify', code) || can(ctx.actor, 'budget.approve', code)),
      adopt: budget.status === 'verified' && can(ctx.actor, 'budget.approve', code),
      // The head may not adopt what he wrote a line of (he cannot, by role; an account that could is told).
      adoptBlockedAsAuthor: me !== null && authors.has(me),
      revise: budget.status === 'adopted' && can(ctx.actor, 'budget.write', code),
    },
  };
}

export interface StartInput { year?: string | number; reason?: string }

/**
 * Starts the year's budget: the original one, or — when one is in force — a revision that
 * starts from its lines. One version is prepared at a time.
 */
export async function startBudget(ctx: UseCaseContext, villageInput: string, input: StartInput) {
  const village = await villageScope(ctx, villageInput, 'budget.write');
  const year = Number(input.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badRequest('budget.year', 'year');
  const reason = (input.reason ?? '').replace(/\s+/g, ' ').trim();
  if (reason.length > 500) throw badRequest('validation.too_long', 'reason', { max: 500 });
  const me = userIdOf(ctx.actor)!;
  try {
    return await writeWithAudit(ctx, async (trx, audit) => {
      const { id, version, basedOn } = await createVersion(trx, village, year, me, reason, true);
      await audit({ action: basedOn ? 'budget.revision_start' : 'budget.start', villageCode: village, subject: `budget:${id}`, detail: { year, version, based_on: basedOn } });
      return { id, year, version };
    });
  } catch (err) {
    throw openExists(err, year);
  }
}

/** Two officers starting the same year at once: the unique index keeps one. */
export function openExists(err: unknown, year: number) {
  return violatedUniqueIndex(err) === 'budgets_one_open' || violatedUniqueIndex(err) === 'budgets_village_code_year_version_key'
    ? conflict('budget.open_exists', 'year', { year, version: '' })
    : err;
}

/**
 * The next version of a year's budget, as a draft: the original (murni) when there is none, a
 * revision (perubahan) of the one in force otherwise, which needs its reason; `copy` starts a
 * revision from the lines in force. Refused while another version is being prepared.
 */
export async function createVersion(trx: Transaction<Database>, village: string, year: number, me: number, reason: string, copy: boolean) {
  const versions = await repo.budgetsOfYear(trx, village, year);
  const open = versions.find((v) => v.status === 'draft' || v.status === 'verified');
  if (open) throw conflict('budget.open_exists', 'year', { year, version: versionLabel(open.version) });
  const inForce = versions.find((v) => v.status === 'adopted');
  if (inForce && reason.length < 10) throw badRequest('budget.revision_reason', 'reason');
  const version = (versions[0]?.version ?? 0) + 1;
  const { id } = await repo.insertBudget(trx, {
    village_code: village, year, version, based_on: inForce?.id ?? null, prepared_by: me, reason: inForce ? reason : reason || null,
  });
  if (inForce && copy) await repo.copyLines(trx, village, inForce.id, id, me);
  return { id, version, basedOn: inForce?.id ?? null };
}

export interface LineInput {
  account_code?: string;
  activity_code?: string;
  fund?: string;
  description?: string;
  volume?: string | number;
  unit?: string;
  unit_price?: string | number;
}

/** Adds a line to a budget being prepared; the amount is volume × unit price, in whole rupiah. */
export async function addBudgetLine(ctx: UseCaseContext, villageInput: string, budgetId: number, input: LineInput) {
  const village = await villageScope(ctx, villageInput, 'budget.write');
  const { accounts, activities } = await repo.budgetReference(ctx.db.kysely);
  const account = accounts.find((a) => a.code === (input.account_code ?? '').trim() && a.level === 3);
  if (!account) throw badRequest('budget.account', 'account_code');
  const spending = account.code.startsWith('5.');
  let activity: string | null = null;
  let fund: Fund | null = null;
  if (spending) {
    const found = activities.find((a) => a.code === (input.activity_code ?? '').trim() && a.level === 3);
    if (!found) throw badRequest('budget.activity', 'activity_code');
    activity = found.code;
    const f = (input.fund ?? '').trim();
    if (!isFund(f)) throw badRequest('budget.fund', 'fund');
    fund = f;
  }
  const description = (input.description ?? '').replace(/\s+/g, ' ').trim();
  if (description.length < 2) throw badRequest('validation.required', 'description');
  if (description.length > 200) throw badRequest('validation.too_long', 'description', { max: 200 });
  const volume = parseVolume(input.volume, 'volume');
  const unit = (input.unit ?? '').replace(/\s+/g, ' ').trim();
  if (!unit) throw badRequest('validation.required', 'unit');
  if (unit.length > 30) throw badRequest('validation.too_long', 'unit', { max: 30 });
  const unitPrice = parseRupiah(input.unit_price, 'unit_price');
  const amount = lineAmount(volume, unitPrice);
  if (amount > 999_999_999_999_999n) throw badRequest('budget.amount_too_big', 'unit_price');
  return writeWithAudit(ctx, async (trx, audit) => {
    const budget = await repo.lockBudget(trx, village, budgetId);
    if (!budget) throw notFound('budget.not_found');
    if (budget.status !== 'draft') throw conflict('budget.not_draft', undefined, { status: STATUS_LABEL[budget.status].id });
    const { id } = await repo.insertLine(trx, {
      village_code: village, budget_id: budgetId, account_code: account.code, activity_code: activity, fund, description,
      volume: volumeText(volume), unit, unit_price: unitPrice.toString(), amount: amount.toString(), created_by: userIdOf(ctx.actor)!,
    });
    await audit({ action: 'budget.line_add', villageCode: village, subject: `budget:${budgetId}`, detail: { line: id, account: account.code, activity, amount: amount.toString() } });
    return { id, amount };
  });
}

/** Takes a line out of a budget being prepared (a draft is not yet an official record). */
export async function removeBudgetLine(ctx: UseCaseContext, villageInput: string, budgetId: number, lineId: number) {
  const village = await villageScope(ctx, villageInput, 'budget.write');
  return writeWithAudit(ctx, async (trx, audit) => {
    const budget = await repo.lockBudget(trx, village, budgetId);
    if (!budget) throw notFound('budget.not_found');
    if (budget.status !== 'draft') throw conflict('budget.not_draft', undefined, { status: STATUS_LABEL[budget.status].id });
    const removed = await repo.deleteLine(trx, village, budgetId, lineId);
    if (!removed) throw notFound('budget.line_not_found');
    await audit({ action: 'budget.line_remove', villageCode: village, subject: `budget:${budgetId}`, detail: { line: lineId, description: removed.description, amount: removed.amount } });
  });
}

/** The refusal of an unbalanced budget, naming the difference in rupiah and what covers it. */
function checkBalanced(totals: BudgetTotals) {
  if (totals.income === 0n && totals.spending === 0n) throw badRequest('budget.empty');
  if (totals.remainder === 0n) return;
  const params = {
    income: formatRupiah(totals.income),
    spending: formatRupiah(totals.spending),
    surplus: formatRupiah(totals.surplus),
    financing: formatRupiah(totals.netFinancing),
    difference: formatRupiah(totals.remainder < 0n ? -totals.remainder : totals.remainder),
  };
  throw badRequest(totals.remainder < 0n ? 'budget.unbalanced_short' : 'budget.unbalanced_left', undefined, params);
}

/** The totals of a budget's lines, after checking the year's caps on them (BLT Dana Desa). */
async function checkedTotals(db: Parameters<typeof repo.listLines>[0], village: string, budgetId: number, year: number) {
  const lines = (await repo.listLines(db, village, budgetId)).map((l) => ({ ...l, amount: rupiahFromText(l.amount) }));
  const blt = await bltCheck(db, year, lines);
  if (blt?.over) refuseOverCap(blt, year);
  return budgetTotals(lines);
}

/** The secretary checks a prepared budget: it must balance before it goes to the head. */
export async function verifyBudget(ctx: UseCaseContext, villageInput: string, budgetId: number) {
  const village = await villageScope(ctx, villageInput, 'budget.verify');
  return writeWithAudit(ctx, async (trx, audit) => {
    const budget = await repo.lockBudget(trx, village, budgetId);
    if (!budget) throw notFound('budget.not_found');
    if (budget.status !== 'draft') throw conflict('budget.not_draft', undefined, { status: STATUS_LABEL[budget.status].id });
    checkBalanced(await checkedTotals(trx, village, budgetId, budget.year));
    await repo.setBudgetStatus(trx, village, budgetId, { status: 'verified', verified_by: userIdOf(ctx.actor), verified_at: new Date() });
    await audit({ action: 'budget.verify', villageCode: village, subject: `budget:${budgetId}` });
  });
}

/** A verified budget goes back to be changed, with the reason written in the audit log. */
export async function sendBudgetBack(ctx: UseCaseContext, villageInput: string, budgetId: number, reasonInput: string | undefined) {
  const village = await villageScope(ctx, villageInput, 'budget.read');
  if (!can(ctx.actor, 'budget.verify', village) && !can(ctx.actor, 'budget.approve', village)) throw forbidden();
  const reason = (reasonInput ?? '').replace(/\s+/g, ' ').trim();
  if (reason.length < 5) throw badRequest('validation.required', 'reason');
  if (reason.length > 500) throw badRequest('validation.too_long', 'reason', { max: 500 });
  return writeWithAudit(ctx, async (trx, audit) => {
    const budget = await repo.lockBudget(trx, village, budgetId);
    if (!budget) throw notFound('budget.not_found');
    if (budget.status !== 'verified') throw conflict('budget.not_verified', undefined, { status: STATUS_LABEL[budget.status].id });
    await repo.setBudgetStatus(trx, village, budgetId, { status: 'draft', verified_by: null, verified_at: null });
    await audit({ action: 'budget.send_back', villageCode: village, subject: `budget:${budgetId}`, detail: { reason } });
  });
}

export interface AdoptInput { regulation_number?: string; regulation_date?: string }

/** The number and date of the village regulation (Perdes) that adopts a budget or a plan: a real day, not after today. */
export function parseRegulation(input: AdoptInput, today: string): { number: string; date: string } {
  const number = (input.regulation_number ?? '').replace(/\s+/g, ' ').trim();
  if (number.length < 1) throw badRequest('validation.required', 'regulation_number');
  if (number.length > 60) throw badRequest('validation.too_long', 'regulation_number', { max: 60 });
  const date = (input.regulation_date ?? '').trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date)
    throw badRequest('validation.date', 'regulation_date');
  if (date > today) throw badRequest('budget.regulation_in_future', 'regulation_date');
  return { number, date };
}

/**
 * The head adopts a verified, balanced budget by village regulation. Whoever prepared it or
 * wrote one of its lines may not adopt it. The version in force before it is kept, marked as
 * replaced, and the dashboards' figures change in the same transaction.
 */
export async function adoptBudget(ctx: UseCaseContext, villageInput: string, budgetId: number, input: AdoptInput, today: string) {
  const village = await villageScope(ctx, villageInput, 'budget.approve');
  const { number, date } = parseRegulation(input, today);
  const me = userIdOf(ctx.actor)!;
  return writeWithAudit(ctx, async (trx, audit) => {
    const budget = await repo.lockBudget(trx, village, budgetId);
    if (!budget) throw notFound('budget.not_found');
    if (budget.status !== 'verified') throw conflict('budget.not_verified', undefined, { status: STATUS_LABEL[budget.status].id });
    const authors = await repo.budgetAuthors(trx, village, budgetId);
    if (budget.prepared_by === me || authors.has(me)) throw forbidden('budget.own_work');
    const totals = await checkedTotals(trx, village, budgetId, budget.year);
    checkBalanced(totals);
    const inForce = (await repo.budgetsOfYear(trx, village, budget.year)).find((v) => v.status === 'adopted');
    if (inForce) await repo.setBudgetStatus(trx, village, inForce.id, { status: 'superseded' });
    const now = new Date();
    await repo.setBudgetStatus(trx, village, budgetId, { status: 'adopted', adopted_by: me, adopted_at: now, regulation_number: number, regulation_date: date });
    const byField: Record<string, string> = {};
    for (const [code, amount] of totals.byActivity) if (!code.includes('.')) byField[code] = amount.toString();
    await repo.saveBudgetRollup(trx, {
      village_code: village, year: budget.year, version: budget.version, income: totals.income.toString(), spending: totals.spending.toString(),
      financing_receipts: totals.financingReceipts.toString(), financing_expenses: totals.financingExpenses.toString(), spending_by_field: byField,
      adopted_at: now, regulation_date: date,
    });
    await audit({ action: 'budget.adopt', villageCode: village, subject: `budget:${budgetId}`, detail: { year: budget.year, version: budget.version, regulation_number: number, replaced: inForce?.id ?? null } });
  });
}

/**
 * The budget in force for everyone to see (no login, no personal data): income by source,
 * spending by bidang, financing, from the latest adopted version of the year asked (or the
 * latest year adopted).
 */
export async function getPublicBudget(ctx: UseCaseContext, villageInput: string, yearInput?: string) {
  const village = await activeVillage(ctx, villageInput);
  const code = village.village_code;
  let year: number | undefined;
  if (yearInput !== undefined && yearInput !== '') {
    year = Number(yearInput);
    if (!/^\d{4}$/.test(yearInput) || year < 2000 || year > 2100) throw badRequest('budget.year', 'tahun');
  }
  const [budget, years, reference] = await Promise.all([repo.adoptedBudget(ctx.db.kysely, code, year), repo.adoptedYears(ctx.db.kysely, code), repo.budgetReference(ctx.db.kysely)]);
  if (!budget) return { village, budget: null, years: years.map((y) => y.year), totals: null, realised: null, incomeByFund: [], spendingByField: [] };
  // Entries are never dated after the day they are posted, so the year's end is "up to today".
  const [lines, entries] = await Promise.all([repo.listLines(ctx.db.kysely, code, budget.id), realisedUpTo(ctx.db.kysely, code, budget.year, `${budget.year}-12-31`)]);
  const totals = budgetTotals(lines.map((l) => ({ ...l, amount: rupiahFromText(l.amount) })));
  const realised = budgetTotals(entries.map((e) => ({ account_code: e.account_code, activity_code: e.activity_code, amount: BigInt(e.amount) })));
  const byFund = (source: BudgetTotals) => {
    const sums = new Map<Fund, bigint>();
    for (const [account, amount] of source.byAccount) {
      // Leaf accounts only (three levels, 4.x.y): a prefix would count the same money again.
      const fund = account.startsWith('4.') && account.split('.').length === 3 ? fundOfAccount(account) : null;
      if (fund) sums.set(fund, (sums.get(fund) ?? 0n) + amount);
    }
    return sums;
  };
  const [planned, received] = [byFund(totals), byFund(realised)];
  const spendingByField = reference.activities.filter((a) => a.level === 1)
    .map((a) => ({ code: a.code, name: a.name, amount: totals.byActivity.get(a.code) ?? 0n, realised: realised.byActivity.get(a.code) ?? 0n }));
  return {
    village, budget, years: years.map((y) => y.year), totals, realised,
    incomeByFund: (Object.keys(FUNDS) as Fund[]).filter((f) => planned.has(f) || received.has(f))
      .map((f) => ({ fund: f, name: FUNDS[f], amount: planned.get(f) ?? 0n, realised: received.get(f) ?? 0n })),
    spendingByField,
  };
}
