/**
 * The totals of a budget, from its lines alone (so every total is the sum of its lines), and
 * the balance rule: income less spending (the surplus, or a deficit when negative) plus net
 * financing must come to zero — the year's budget leaves no money unplanned and spends none
 * it does not have (Permendagri 20/2018: a deficit is covered by financing receipts, a surplus
 * goes to financing expenses).
 */
export interface LineAmount {
  account_code: string;
  activity_code: string | null;
  amount: bigint;
}

export interface BudgetTotals {
  income: bigint;
  spending: bigint;
  financingReceipts: bigint;
  financingExpenses: bigint;
  /** income − spending: positive is a surplus, negative a deficit. */
  surplus: bigint;
  /** financing receipts − financing expenses. */
  netFinancing: bigint;
  /** surplus + net financing: must be 0 to adopt. */
  remainder: bigint;
  /** By account prefix at every level ("4", "4.2", "4.2.1", "5.3" …). */
  byAccount: Map<string, bigint>;
  /** Spending by activity code at every level ("2", "2.3", "2.3.10"). */
  byActivity: Map<string, bigint>;
}

const add = (m: Map<string, bigint>, key: string, amount: bigint) => m.set(key, (m.get(key) ?? 0n) + amount);

/** Every prefix of a dotted code: "2.3.10" → "2", "2.3", "2.3.10". */
export function codePrefixes(code: string): string[] {
  const parts = code.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

export function budgetTotals(lines: Iterable<LineAmount>): BudgetTotals {
  const byAccount = new Map<string, bigint>();
  const byActivity = new Map<string, bigint>();
  for (const l of lines) {
    for (const p of codePrefixes(l.account_code)) add(byAccount, p, l.amount);
    if (l.activity_code) for (const p of codePrefixes(l.activity_code)) add(byActivity, p, l.amount);
  }
  const income = byAccount.get('4') ?? 0n;
  const spending = byAccount.get('5') ?? 0n;
  const financingReceipts = byAccount.get('6.1') ?? 0n;
  const financingExpenses = byAccount.get('6.2') ?? 0n;
  const surplus = income - spending;
  const netFinancing = financingReceipts - financingExpenses;
  return { income, spending, financingReceipts, financingExpenses, surplus, netFinancing, remainder: surplus + netFinancing, byAccount, byActivity };
}
