import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/connect.js';
import { createTestDb } from '../../../test/support/test-db.js';
import { formatPlain, formatVolume, lineAmount, parseRupiah, parseVolume, volumeText } from './money.js';
import { budgetTotals } from './totals.js';

/**
 * Money is exact: what an officer types is the number stored, a line's amount is the one the
 * database's own check computes, and every total of a budget is the sum of its lines.
 */
const rupiah = fc.bigInt({ min: 0n, max: 999_999_999_999n });
const hundredths = fc.bigInt({ min: 1n, max: 99_999_999n });

describe('budget money', () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(() => db.close());

  it('reads back every amount and volume as it is written for people', () => {
    fc.assert(
      fc.property(rupiah, (n) => {
        expect(parseRupiah(formatPlain(n), 'unit_price')).toBe(n);
        expect(parseRupiah(`Rp ${formatPlain(n)}`, 'unit_price')).toBe(n);
        expect(parseRupiah(n.toString(), 'unit_price')).toBe(n);
      }),
    );
    fc.assert(fc.property(hundredths, (v) => {
      expect(parseVolume(formatVolume(v), 'volume')).toBe(v);
    }));
    fc.assert(fc.property(hundredths, (v) => {
      expect(parseVolume(volumeText(v), 'volume')).toBe(v);
    }));
  });

  it('computes a line amount exactly as the database checks it: round(volume × unit price)', async () => {
    const pairs = fc.sample(fc.tuple(hundredths, fc.bigInt({ min: 0n, max: 9_999_999_999n })), 300);
    const rows = await sql<{ amount: string }>`
      select round(v::numeric(14, 2) * p::numeric(16, 0))::text as amount
      from unnest(${pairs.map(([v]) => volumeText(v))}::text[], ${pairs.map(([, p]) => p.toString())}::text[]) with ordinality as x(v, p, i)
      order by i`.execute(db.kysely);
    expect(rows.rows.map((r) => r.amount)).toEqual(pairs.map(([v, p]) => lineAmount(v, p).toString()));
  });

  it('makes every total the sum of its lines', () => {
    const account = fc.constantFrom('4.1.1', '4.2.1', '4.2.3', '4.3.6', '5.1.1', '5.2.1', '5.3.5', '5.4.1', '6.1.1', '6.2.1', '6.2.2');
    const activity = fc.constantFrom('1.1.01', '2.3.10', '3.4.03', '4.2.05', '5.3.00');
    const line = fc.record({ account_code: account, activity: activity, amount: rupiah }).map((l) => ({ account_code: l.account_code, activity_code: l.account_code.startsWith('5.') ? l.activity : null, amount: l.amount }));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), (lines) => {
        const t = budgetTotals(lines);
        const of = (prefix: string) => lines.filter((l) => l.account_code.startsWith(prefix)).reduce((s, l) => s + l.amount, 0n);
        expect(t.income).toBe(of('4.'));
        expect(t.spending).toBe(of('5.'));
        expect(t.financingReceipts).toBe(of('6.1.'));
        expect(t.financingExpenses).toBe(of('6.2.'));
        expect(t.income + t.spending + t.financingReceipts + t.financingExpenses).toBe(lines.reduce((s, l) => s + l.amount, 0n));
        // Spending by bidang adds up to the spending, and each sub-bidang to its bidang.
        expect(['1', '2', '3', '4', '5'].reduce((s, b) => s + (t.byActivity.get(b) ?? 0n), 0n)).toBe(t.spending);
        for (const [code, total] of t.byActivity) {
          if (code.split('.').length !== 1) continue;
          const subs = [...t.byActivity].filter(([c]) => c.split('.').length === 2 && c.startsWith(`${code}.`));
          expect(subs.reduce((s, [, n]) => s + n, 0n)).toBe(total);
        }
        expect(t.remainder).toBe(t.income - t.spending + t.financingReceipts - t.financingExpenses);
      }),
    );
  });
});
