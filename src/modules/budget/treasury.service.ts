import { userIdOf } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { violatedUniqueIndex } from '../../platform/db/unique-violation.js';
import { formatRupiah } from '../../platform/format/format.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { clean, pastDayOf, text } from '../../platform/http/text-input.js';
import { villageScope } from '../villages/index.js';
import { parseRupiah, rupiahFromText } from './money.js';
import { lockAdoptedBudget } from './realisation.repository.js';
import * as repo from './treasury.repository.js';

/**
 * The treasurer's movements that are not income or spending: cash drawn from the village's
 * bank account and paid back into it, and the taxes withheld from payments paid over to the
 * state. With the receipts and payments they make the bank book, the cash-in-hand book and the
 * tax book. The cash box never goes below zero and no more tax is paid over than was withheld.
 */

export const TREASURY_KINDS = ['withdrawal', 'deposit', 'tax_payment'] as const;
export type TreasuryKind = (typeof TREASURY_KINDS)[number];
export const METHODS = ['bank', 'tunai'] as const;
export type Method = (typeof METHODS)[number];
export const isMethod = (m: string): m is Method => (METHODS as readonly string[]).includes(m);

/** "bank" unless the form says cash; anything else is refused, naming the field. */
export function methodOf(input: string | undefined, field: string): Method {
  const m = clean(input);
  if (m === '') return 'bank';
  if (!isMethod(m)) throw badRequest('validation.choice', field);
  return m;
}

/**
 * Refuses a movement that would leave the cash box below zero on its day or any day after:
 * `change` is what it does to the cash in hand (negative for money out of the box).
 */
export async function checkCashInHand(trx: Parameters<typeof repo.balancesAt>[0], village: string, year: number, day: string, change: bigint, field: string) {
  if (change >= 0n) return;
  const before = (await repo.balancesAt(trx, village, year, day)).tunai;
  const lowest = before + (await repo.lowestCashFrom(trx, village, year, day));
  if (lowest + change < 0n) throw badRequest('budget.cash_short', field, { cash: formatRupiah(lowest < 0n ? 0n : lowest) });
}

export interface TreasuryInput { entry_date?: string; kind?: string; method?: string; tax?: string; amount?: string; reference?: string; description?: string }

/** Posts a withdrawal, a deposit or a tax payment of the year its date falls in. */
export async function postTreasuryEntry(ctx: UseCaseContext, villageInput: string, input: TreasuryInput, today: string) {
  const village = await villageScope(ctx, villageInput, 'budget.post');
  const date = pastDayOf(input.entry_date, 'entry_date', today);
  const year = Number(date.slice(0, 4));
  const kind = clean(input.kind);
  if (!(TREASURY_KINDS as readonly string[]).includes(kind)) throw badRequest('validation.choice', 'kind');
  const tax = kind === 'tax_payment' ? clean(input.tax) : null;
  if (tax !== null && tax !== 'ppn' && tax !== 'pph') throw badRequest('validation.choice', 'tax');
  // A withdrawal and a deposit always move between the bank and the cash box.
  const method = kind === 'tax_payment' ? methodOf(input.method, 'method') : 'bank';
  const amount = parseRupiah(input.amount, 'amount');
  if (amount === 0n) throw badRequest('validation.too_small', 'amount', { min: 'Rp1' });
  const reference = clean(input.reference);
  if (reference.length > 60) throw badRequest('validation.too_long', 'reference', { max: 60 });
  if (kind === 'tax_payment' && reference.length < 4) throw badRequest('budget.ntpn', 'reference');
  const description = text(input.description, 'description', 2, 200);
  return writeWithAudit(ctx, async (trx, audit) => {
    // Postings of one village and year take turns on the budget in force, as receipts and payments do.
    if (!(await lockAdoptedBudget(trx, village, year))) throw conflict('budget.no_budget_in_force', 'entry_date', { year });
    const cashChange = kind === 'withdrawal' ? amount : kind === 'deposit' || method === 'tunai' ? -amount : 0n;
    await checkCashInHand(trx, village, year, date, cashChange, 'amount');
    if (tax !== null) {
      // No more paid over than was withheld, on its day and by the year's end.
      const [onDay, atEnd] = await Promise.all([repo.balancesAt(trx, village, year, date, true), repo.balancesAt(trx, village, year, `${year}-12-31`, true)]);
      const owed = (b: repo.Balances) => (tax === 'ppn' ? b.ppn : b.pph);
      const left = owed(onDay) < owed(atEnd) ? owed(onDay) : owed(atEnd);
      if (amount > left) throw badRequest('budget.tax_over_withheld', 'amount', { tax: tax.toUpperCase(), owed: formatRupiah(left < 0n ? 0n : left) });
    }
    const { id } = await repo.insertTreasuryEntry(trx, {
      village_code: village, year, entry_date: date, kind, method, tax, amount: amount.toString(), reference: reference || null, description, posted_by: userIdOf(ctx.actor)!,
    });
    await audit({ action: 'budget.treasury_post', villageCode: village, subject: `treasury_entry:${id}`, detail: { year, kind, method, tax, amount: amount.toString() } });
    return { id, year };
  });
}

/** Undoes a movement with one of the opposite amount that points at it, as a budget entry is corrected. */
export async function correctTreasuryEntry(ctx: UseCaseContext, villageInput: string, id: number, reasonInput: string | undefined, today: string) {
  const village = await villageScope(ctx, villageInput, 'budget.post');
  const reason = text(reasonInput, 'reason', 5, 500);
  try {
    return await writeWithAudit(ctx, async (trx, audit) => {
      const entry = await repo.findTreasuryEntry(trx, village, id);
      if (!entry) throw notFound('budget.entry_not_found');
      if (entry.corrects !== null) throw conflict('budget.correction_of_correction');
      if (entry.corrected) throw conflict('budget.already_corrected');
      await lockAdoptedBudget(trx, village, entry.year);
      const amount = rupiahFromText(entry.amount);
      const date = today.slice(0, 4) === String(entry.year) ? today : `${entry.year}-12-31`;
      const day = date < entry.entry_date ? entry.entry_date : date;
      // Undoing a withdrawal takes the cash back out of the box: it must still be there.
      await checkCashInHand(trx, village, entry.year, day, entry.kind === 'withdrawal' ? -amount : 0n, 'reason');
      const { id: correction } = await repo.insertTreasuryEntry(trx, {
        village_code: village, year: entry.year, entry_date: day, kind: entry.kind, method: entry.method, tax: entry.tax, amount: (-amount).toString(),
        reference: entry.reference, description: `Koreksi: ${entry.description}`.slice(0, 200), corrects: id, reason, posted_by: userIdOf(ctx.actor)!,
      });
      await audit({ action: 'budget.treasury_correct', villageCode: village, subject: `treasury_entry:${id}`, detail: { correction, reason } });
      return { id: correction };
    });
  } catch (err) {
    if (violatedUniqueIndex(err) === 'treasury_entries_corrected_once') throw conflict('budget.already_corrected');
    throw err;
  }
}

/** The secretary checks a movement against the bank's papers; never one she posted herself. */
export async function verifyTreasuryEntry(ctx: UseCaseContext, villageInput: string, id: number) {
  const village = await villageScope(ctx, villageInput, 'budget.verify');
  return writeWithAudit(ctx, async (trx, audit) => {
    const entry = await repo.findTreasuryEntry(trx, village, id);
    if (!entry) throw notFound('budget.entry_not_found');
    if (entry.posted_by === userIdOf(ctx.actor)) throw forbidden('budget.own_entry');
    if (entry.verified_by !== null) return;
    await repo.markTreasuryVerified(trx, village, id, userIdOf(ctx.actor)!);
    await audit({ action: 'budget.treasury_verify', villageCode: village, subject: `treasury_entry:${id}` });
  });
}

export interface CashCountInput { counted_on?: string; cash_counted?: string; bank_statement?: string; note?: string }

/**
 * The cash count (pemeriksaan kas): the cash counted in the box and the balance on the bank
 * statement, recorded beside what the books say at the end of that day, differences and all.
 * Done by the secretary or the head, not by the treasurer whose cash is counted.
 */
export async function recordCashCount(ctx: UseCaseContext, villageInput: string, input: CashCountInput, today: string) {
  const village = await villageScope(ctx, villageInput, 'budget.count_cash');
  const day = pastDayOf(input.counted_on, 'counted_on', today);
  const cash = parseRupiah(input.cash_counted, 'cash_counted');
  const bank = parseRupiah(input.bank_statement, 'bank_statement');
  const note = clean(input.note);
  if (note.length > 500) throw badRequest('validation.too_long', 'note', { max: 500 });
  return writeWithAudit(ctx, async (trx, audit) => {
    const books = await repo.balancesAt(trx, village, Number(day.slice(0, 4)), day, true);
    const { id } = await repo.insertCashCount(trx, {
      village_code: village, counted_on: day, cash_counted: cash.toString(), bank_statement: bank.toString(), book_cash: books.tunai.toString(), book_bank: books.bank.toString(),
      note: note || null, counted_by: userIdOf(ctx.actor)!,
    });
    await audit({
      action: 'budget.cash_count', villageCode: village, subject: `cash_count:${id}`,
      detail: { day, cash: cash.toString(), bank: bank.toString(), book_cash: books.tunai.toString(), book_bank: books.bank.toString() },
    });
    return { id, cashDifference: cash - books.tunai, bankDifference: bank - books.bank };
  });
}
