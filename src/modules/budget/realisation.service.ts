import { can, userIdOf } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { violatedUniqueIndex } from '../../platform/db/unique-violation.js';
import { formatRupiah } from '../../platform/format/format.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { activeHead, detectImageType, villageInScope, villageScope } from '../villages/index.js';
import * as budgets from './budget.repository.js';
import { FUNDS, type Fund } from './budget.service.js';
import { parseRupiah, rupiahFromText } from './money.js';
import * as repo from './realisation.repository.js';
import { budgetTotals } from './totals.js';
import { checkCashInHand, methodOf } from './treasury.service.js';
import { pastDayOf } from '../../platform/http/text-input.js';

/**
 * Realisation: the treasurer posts what was received and paid, each with its proof, against
 * the budget in force; the secretary verifies entries she did not post. Nothing posted is
 * changed: a wrong entry is undone by a correcting entry, and the right one posted after it.
 * A payment may not take an activity's account past its budget.
 */

export const PROOF_MAX_BYTES = 2 * 1024 * 1024;
const isFund = (f: string): f is Fund => Object.hasOwn(FUNDS, f);
/** Money in: income (4) and financing receipts (6.1). Money out: spending (5) and financing expenses (6.2). */
export const isReceipt = (account: string) => account.startsWith('4.') || account.startsWith('6.1.');

/** A receipt or invoice as a phone photographs it (JPEG, PNG) or a scan (PDF), by its content. */
export function detectProofType(bytes: Uint8Array): 'image/jpeg' | 'image/png' | 'application/pdf' | null {
  const image = detectImageType(bytes);
  if (image) return image;
  const pdf = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
  return bytes.length > 8 && pdf.every((b, i) => bytes[i] === b) ? 'application/pdf' : null;
}

export interface EntryInput {
  entry_date?: string;
  account_code?: string;
  activity_code?: string;
  fund?: string;
  description?: string;
  amount?: string;
  tax_ppn?: string;
  tax_pph?: string;
  method?: string;
}

const optionalRupiah = (v: string | undefined, field: string) => (v === undefined || v.trim() === '' ? 0n : parseRupiah(v, field));

/** Posts one receipt or payment of the year its date falls in, against that year's budget in force. */
export async function postEntry(ctx: UseCaseContext, villageInput: string, input: EntryInput, proof: Uint8Array | null, today: string) {
  const village = await villageScope(ctx, villageInput, 'budget.post');
  const date = pastDayOf(input.entry_date, 'entry_date', today);
  const year = Number(date.slice(0, 4));
  const account = (input.account_code ?? '').trim();
  const spending = account.startsWith('5.');
  const activity = spending ? (input.activity_code ?? '').trim() : null;
  const fundInput = (input.fund ?? '').trim();
  if (spending && !activity) throw badRequest('budget.activity', 'activity_code');
  if (spending && !isFund(fundInput)) throw badRequest('budget.fund', 'fund');
  const description = (input.description ?? '').replace(/\s+/g, ' ').trim();
  if (description.length < 2) throw badRequest('validation.required', 'description');
  if (description.length > 200) throw badRequest('validation.too_long', 'description', { max: 200 });
  const amount = parseRupiah(input.amount, 'amount');
  if (amount === 0n) throw badRequest('validation.too_small', 'amount', { min: 'Rp1' });
  const ppn = isReceipt(account) ? 0n : optionalRupiah(input.tax_ppn, 'tax_ppn');
  const pph = isReceipt(account) ? 0n : optionalRupiah(input.tax_pph, 'tax_pph');
  if (ppn + pph > amount) throw badRequest('budget.taxes_over_amount', 'tax_pph');
  const method = methodOf(input.method, 'method');
  let proofType: ReturnType<typeof detectProofType> = null;
  if (proof && proof.length > 0) {
    if (proof.length > PROOF_MAX_BYTES) throw new AppError(413, 'file_too_large', 'budget.proof_size', { limit: '2 MB' }, 'proof');
    proofType = detectProofType(proof);
    if (!proofType) throw new AppError(415, 'unsupported_file', 'budget.proof_type', {}, 'proof');
  }
  const me = userIdOf(ctx.actor)!;
  return writeWithAudit(ctx, async (trx, audit) => {
    const inForce = await repo.lockAdoptedBudget(trx, village, year);
    if (!inForce) throw conflict('budget.no_budget_in_force', 'entry_date', { year });
    const lines = await repo.budgetedFor(trx, village, inForce.id, account, activity);
    if (!lines.some((l) => !spending || l.fund === fundInput)) throw badRequest(spending ? 'budget.not_budgeted_spending' : 'budget.not_budgeted', 'account_code', { year });
    if (!isReceipt(account)) {
      // Within the budget of this account of this activity (all its funds together).
      const budgeted = lines.reduce((s, l) => s + rupiahFromText(l.amount), 0n);
      const paid = await repo.paidOn(trx, village, year, account, activity);
      if (paid + amount > budgeted)
        throw badRequest('budget.over_budget', 'amount', { budgeted: formatRupiah(budgeted), paid: formatRupiah(paid), left: formatRupiah(budgeted - paid) });
      // Paid in cash: net of the taxes withheld, it must be in the box.
      if (method === 'tunai') await checkCashInHand(trx, village, year, date, ppn + pph - amount, 'amount');
    }
    const { id } = await repo.insertEntry(trx, {
      village_code: village, year, entry_date: date, account_code: account, activity_code: activity, fund: spending ? fundInput : null, description,
      amount: amount.toString(), tax_ppn: ppn.toString(), tax_pph: pph.toString(), method, proof, proof_type: proofType, posted_by: me,
    });
    await repo.addToRollup(trx, village, year, account.startsWith('4.') ? amount : 0n, spending ? amount : 0n, date);
    await audit({ action: 'budget.entry_post', villageCode: village, subject: `budget_entry:${id}`, detail: { year, account, activity, amount: amount.toString(), proof: proofType } });
    return { id, year };
  });
}

/** Undoes a posted entry with one of the opposite amount that points at it; the reason is kept. */
export async function correctEntry(ctx: UseCaseContext, villageInput: string, id: number, reasonInput: string | undefined, today: string) {
  const village = await villageScope(ctx, villageInput, 'budget.post');
  const reason = (reasonInput ?? '').replace(/\s+/g, ' ').trim();
  if (reason.length < 5) throw badRequest('validation.required', 'reason');
  if (reason.length > 500) throw badRequest('validation.too_long', 'reason', { max: 500 });
  try {
    return await writeWithAudit(ctx, async (trx, audit) => {
      const entry = await repo.findEntry(trx, village, id);
      if (!entry) throw notFound('budget.entry_not_found');
      if (entry.corrects !== null) throw conflict('budget.correction_of_correction');
      if (entry.corrected) throw conflict('budget.already_corrected');
      await repo.lockAdoptedBudget(trx, village, entry.year);
      const amount = rupiahFromText(entry.amount);
      // Dated today, unless the year is over: then on its last day, so the year's books close on it.
      const date = today.slice(0, 4) === String(entry.year) ? today : `${entry.year}-12-31`;
      const day = date < entry.entry_date ? entry.entry_date : date;
      // Undoing a receipt in cash takes the money back out of the box: it must still be there.
      if (entry.method === 'tunai' && isReceipt(entry.account_code)) await checkCashInHand(trx, village, entry.year, day, -amount, 'reason');
      const { id: correction } = await repo.insertEntry(trx, {
        village_code: village, year: entry.year, entry_date: day, method: entry.method, account_code: entry.account_code, activity_code: entry.activity_code,
        fund: entry.fund, description: `Koreksi: ${entry.description}`.slice(0, 200), amount: (-amount).toString(), tax_ppn: (-rupiahFromText(entry.tax_ppn)).toString(),
        tax_pph: (-rupiahFromText(entry.tax_pph)).toString(), corrects: id, reason, posted_by: userIdOf(ctx.actor)!,
      });
      await repo.addToRollup(trx, village, entry.year, entry.account_code.startsWith('4.') ? -amount : 0n, entry.account_code.startsWith('5.') ? -amount : 0n, date);
      await audit({ action: 'budget.entry_correct', villageCode: village, subject: `budget_entry:${id}`, detail: { correction, reason } });
      return { id: correction };
    });
  } catch (err) {
    if (violatedUniqueIndex(err) === 'budget_entries_corrected_once') throw conflict('budget.already_corrected');
    throw err;
  }
}

/** The secretary checks an entry against its proof; never one she posted herself. */
export async function verifyEntry(ctx: UseCaseContext, villageInput: string, id: number) {
  const village = await villageScope(ctx, villageInput, 'budget.verify');
  return writeWithAudit(ctx, async (trx, audit) => {
    const entry = await repo.findEntry(trx, village, id);
    if (!entry) throw notFound('budget.entry_not_found');
    if (entry.posted_by === userIdOf(ctx.actor)) throw forbidden('budget.own_entry');
    if (entry.verified_by !== null) return;
    await repo.markVerified(trx, village, id, userIdOf(ctx.actor)!);
    await audit({ action: 'budget.entry_verify', villageCode: village, subject: `budget_entry:${id}` });
  });
}

export async function getEntryProof(ctx: UseCaseContext, villageInput: string, id: number) {
  const village = await villageScope(ctx, villageInput, 'budget.read');
  const row = await repo.entryProof(ctx.db.kysely, village, id);
  if (!row?.proof || !row.proof_type) throw notFound('budget.entry_not_found');
  return { bytes: row.proof, type: row.proof_type };
}

export type Period = 's1' | 'year';

/**
 * The realisation report of a year: for every account and activity of the budget in force,
 * the budget, what was received or paid up to the end of the period, what is left and the
 * share realised; at every level, each figure the sum of the lines under it.
 */
export async function realisationReport(ctx: UseCaseContext, villageInput: string, yearInput: string | undefined, periodInput: string | undefined, today: string) {
  const village = await villageInScope(ctx, villageInput, 'budget.read');
  const code = village.village_code;
  const year = yearInput === undefined || yearInput === '' ? Number(today.slice(0, 4)) : Number(yearInput);
  if (!/^\d{4}$/.test(String(year)) || year < 2000 || year > 2100) throw badRequest('budget.year', 'tahun');
  if (periodInput !== undefined && periodInput !== '' && periodInput !== 's1' && periodInput !== 'year') throw badRequest('validation.choice', 'periode');
  const period: Period = periodInput === 's1' ? 's1' : 'year';
  const upTo = period === 's1' ? `${year}-06-30` : `${year}-12-31`;
  const [inForce, reference] = await Promise.all([budgets.adoptedBudget(ctx.db.kysely, code, year), budgets.budgetReference(ctx.db.kysely)]);
  const [lines, realised] = inForce
    ? await Promise.all([budgets.listLines(ctx.db.kysely, code, inForce.id), repo.realisedUpTo(ctx.db.kysely, code, year, upTo)])
    : [[], []];
  const planned = budgetTotals(lines.map((l) => ({ ...l, amount: rupiahFromText(l.amount) })));
  const actual = budgetTotals(realised.map((r) => ({ account_code: r.account_code, activity_code: r.activity_code, amount: BigInt(r.amount) })));
  // Spending by activity, then account within it (the official layout); income and financing by account.
  const row = (key: string, name: string, level: number, budget: bigint, real: bigint) => ({ key, name, level, budget, realised: real, left: budget - real });
  const accountsOf = (root: string) =>
    reference.accounts.filter((a) => a.code.startsWith(`${root}.`) && (planned.byAccount.has(a.code) || actual.byAccount.has(a.code)))
      .map((a) => row(a.code, a.name, a.level, planned.byAccount.get(a.code) ?? 0n, actual.byAccount.get(a.code) ?? 0n));
  const spending = reference.activities.filter((a) => planned.byActivity.has(a.code) || actual.byActivity.has(a.code))
    .map((a) => row(a.code, a.name, a.level, planned.byActivity.get(a.code) ?? 0n, actual.byActivity.get(a.code) ?? 0n));
  return {
    // Signed on the period's last day, or today while the period still runs.
    village, year, period, upTo, signedOn: upTo < today ? upTo : today, inForce: inForce ?? null,
    canPost: can(ctx.actor, 'budget.post', code),
    income: accountsOf('4'), spending, financing: accountsOf('6'),
    totals: { planned, actual },
    reference,
  };
}

/** Who signs the report: the village's active head as the officials page records him (name and printed title). */
export async function reportSigner(ctx: UseCaseContext, village: string) {
  const head = await activeHead(ctx.db.kysely, village);
  return head ? { name: head.name, title: head.position_title } : null;
}
