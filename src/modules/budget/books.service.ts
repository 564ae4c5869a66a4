import { can, userIdOf } from '../../platform/access/access.js';
import type { UseCaseContext } from '../../platform/context.js';
import { badRequest } from '../../platform/http/errors.js';
import { villageInScope } from '../villages/index.js';
import { rupiahFromText } from './money.js';
import * as entries from './realisation.repository.js';
import { isReceipt } from './realisation.service.js';
import * as repo from './treasury.repository.js';

/**
 * The treasurer's books, read from the entries, never typed twice:
 * - bku, the cash book (buku kas umum): every receipt and payment, the taxes withheld from
 *   payments (they stay with the treasurer until paid over) and the tax payments;
 * - bank and tunai, the bank book and the cash-in-hand book: the same, split by how the money
 *   moved, with the cash drawn from the bank and paid back into it;
 * - pajak, the tax book: PPN and PPh withheld, and paid over to the state.
 */
export const BOOKS = ['bku', 'bank', 'tunai', 'pajak'] as const;
export type Book = (typeof BOOKS)[number];
export const isBook = (b: string): b is Book => (BOOKS as readonly string[]).includes(b);

export interface BookRow {
  source: 'entry' | 'treasury';
  id: number;
  date: string;
  account: string | null;
  kind: string | null;
  description: string;
  reference: string | null;
  received: bigint;
  paid: bigint;
  balance: bigint;
  ppn: bigint;
  pph: bigint;
  proof: boolean;
  corrects: number | null;
  corrected: boolean;
  reason: string | null;
  verifiedBy: string | null;
  mayVerify: boolean;
  mayCorrect: boolean;
}

type Flow = Pick<BookRow, 'received' | 'paid' | 'ppn' | 'pph'>;

/** What a receipt or payment puts into a book and takes out of it; null when the book does not show it. */
function entryFlow(book: Book, e: { account_code: string; method: string; amount: bigint; ppn: bigint; pph: bigint }): Flow | null {
  const taxes = e.ppn + e.pph;
  if (book === 'pajak') return taxes === 0n ? null : { received: taxes, paid: 0n, ppn: e.ppn, pph: e.pph };
  if (book !== 'bku' && book !== e.method) return null;
  // A payment goes out whole; what was withheld from it comes back in, owed to the state.
  return isReceipt(e.account_code) ? { received: e.amount, paid: 0n, ppn: 0n, pph: 0n } : { received: taxes, paid: e.amount, ppn: e.ppn, pph: e.pph };
}

function treasuryFlow(book: Book, t: { kind: string; method: string; tax: string | null; amount: bigint }): Flow | null {
  const none = { received: 0n, paid: 0n, ppn: 0n, pph: 0n };
  if (t.kind === 'tax_payment') {
    if (book !== 'bku' && book !== 'pajak' && book !== t.method) return null;
    return { ...none, paid: t.amount, ...(book === 'pajak' ? (t.tax === 'ppn' ? { ppn: -t.amount } : { pph: -t.amount }) : {}) };
  }
  // Between the bank and the cash box: neither the cash book's total nor the taxes change.
  if (book === 'bank') return t.kind === 'withdrawal' ? { ...none, paid: t.amount } : { ...none, received: t.amount };
  if (book === 'tunai') return t.kind === 'withdrawal' ? { ...none, received: t.amount } : { ...none, paid: t.amount };
  return null;
}

function monthOf(year: number, monthInput: string | undefined, today: string) {
  const month = monthInput === undefined || monthInput === '' ? (String(year) === today.slice(0, 4) ? Number(today.slice(5, 7)) : 12) : Number(monthInput);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw badRequest('validation.choice', 'bulan');
  return month;
}

/** A month of one book: its opening balance, every movement with the balance after it, and its closing balance. */
export async function readBook(ctx: UseCaseContext, villageInput: string, book: Book, yearInput: string | undefined, monthInput: string | undefined, today: string) {
  const village = await villageInScope(ctx, villageInput, 'budget.read');
  const code = village.village_code;
  const year = yearInput === undefined || yearInput === '' ? Number(today.slice(0, 4)) : Number(yearInput);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badRequest('budget.year', 'tahun');
  const month = monthOf(year, monthInput, today);
  const from = `${year}-${String(month).padStart(2, '0')}-01`;
  const to = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  const db = ctx.db.kysely;
  const [opening, posted, moved, counts] = await Promise.all([
    repo.balancesAt(db, code, year, from),
    entries.entriesBetween(db, code, year, from, to),
    repo.treasuryBetween(db, code, year, from, to),
    book === 'bku' ? repo.cashCountsOf(db, code, year) : Promise.resolve([]),
  ]);
  const me = userIdOf(ctx.actor);
  const mayVerify = can(ctx.actor, 'budget.verify', code);
  const mayPost = can(ctx.actor, 'budget.post', code);
  const rows: (Omit<BookRow, 'balance'> & { postedAt: number })[] = [];
  for (const e of posted) {
    const flow = entryFlow(book, { account_code: e.account_code, method: e.method, amount: rupiahFromText(e.amount), ppn: rupiahFromText(e.tax_ppn), pph: rupiahFromText(e.tax_pph) });
    if (!flow) continue;
    rows.push({
      source: 'entry', id: e.id, date: e.entry_date, account: e.activity_code ? `${e.account_code} · ${e.activity_code}` : e.account_code, kind: null,
      description: e.description, reference: null, ...flow, proof: e.proof_type !== null, corrects: e.corrects, corrected: e.corrected, reason: e.reason,
      verifiedBy: e.verified_by !== null ? (e.verified_by_name ?? '') : null, mayVerify: e.verified_by === null && e.posted_by !== me && mayVerify,
      mayCorrect: e.corrects === null && !e.corrected && mayPost, postedAt: new Date(e.posted_at).getTime(),
    });
  }
  for (const t of moved) {
    const flow = treasuryFlow(book, { kind: t.kind, method: t.method, tax: t.tax, amount: rupiahFromText(t.amount) });
    if (!flow) continue;
    rows.push({
      source: 'treasury', id: t.id, date: t.entry_date, account: null, kind: t.kind, description: t.description, reference: t.reference, ...flow, proof: false,
      corrects: t.corrects, corrected: t.corrected, reason: t.reason, verifiedBy: t.verified_by !== null ? (t.verified_by_name ?? '') : null,
      mayVerify: t.verified_by === null && t.posted_by !== me && mayVerify, mayCorrect: t.corrects === null && !t.corrected && mayPost, postedAt: new Date(t.posted_at).getTime(),
    });
  }
  // In the order the money moved: by day, then as it was posted.
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.postedAt - b.postedAt));
  const start = book === 'pajak' ? opening.ppn + opening.pph : opening[book];
  let balance = start;
  const lines: BookRow[] = rows.map(({ postedAt: _, ...r }) => {
    balance += r.received - r.paid;
    return { ...r, balance };
  });
  // The tax book's rows carry PPN and PPh in and out: what is still owed of each at the month's end.
  const owed = (tax: 'ppn' | 'pph') => lines.reduce((sum, r) => sum + r[tax], opening[tax]);
  return {
    village, book, year, month, from, to, opening: start, closing: balance, lines, owed: book === 'pajak' ? { ppn: owed('ppn'), pph: owed('pph') } : null,
    counts: counts.map((k) => {
      const cash = rupiahFromText(k.cash_counted);
      const bank = rupiahFromText(k.bank_statement);
      const bookCash = rupiahFromText(k.book_cash);
      const bookBank = rupiahFromText(k.book_bank);
      return { id: k.id, day: k.counted_on, cash, bank, bookCash, bookBank, cashDifference: cash - bookCash, bankDifference: bank - bookBank, note: k.note, by: k.counted_by_name };
    }),
    mayPost, mayCount: can(ctx.actor, 'budget.count_cash', code),
  };
}
