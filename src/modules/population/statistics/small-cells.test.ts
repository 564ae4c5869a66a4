import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellText, SMALL_CELL_LIMIT, suppressSmallCells, type Column } from './small-cells.js';

const COLUMNS: Column[] = ['male', 'female', 'total'];
const rowsOf = (pairs: [number, number][]) => pairs.map(([male, female], i) => ({ label: `k${i}`, male, female, total: male + female }));

describe('small-cell suppression', () => {
  it('shows a count of 1–4 as "< 5", and hides a partner so it cannot be worked out', () => {
    // 1 disabled man among 40: his cell, the women's cell of that row, and a second cell of the column go.
    const { rows, footer, suppressed } = suppressSmallCells(rowsOf([[1, 0], [19, 20]]));
    expect(suppressed).toBe(true);
    expect(cellText(rows[0]!, 'male', 'id')).toBe('< 5');
    expect(cellText(rows[0]!, 'total', 'id')).toBe('< 5');
    expect(cellText(rows[1]!, 'male', 'id')).toBe('–');
    expect(cellText(rows[1]!, 'total', 'id')).toBe('–');
    expect(footer).toMatchObject({ male: 20, female: 20, total: 40 });
    // Nothing hidden keeps its number in the rows handed to the page.
    expect(rows[0]).toMatchObject({ male: 0, total: 0 });
  });

  it('leaves large counts and zeros alone', () => {
    const { rows, suppressed } = suppressSmallCells(rowsOf([[0, 0], [12, 30], [5, 9]]));
    expect(suppressed).toBe(false);
    expect(rows.every((r) => !r.mask)).toBe(true);
  });

  it('never shows a small count, and never leaves a hidden cell alone in its row or column', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(12), fc.nat(12)), { minLength: 1, maxLength: 12 }), (pairs) => {
        const source = rowsOf(pairs);
        const { rows, footer } = suppressSmallCells(source);
        for (const [i, r] of rows.entries()) {
          for (const c of COLUMNS) {
            if (!r.mask?.[c]) {
              expect(r[c]).toBe(source[i]![c]);
              expect(r[c] >= 1 && r[c] < SMALL_CELL_LIMIT).toBe(false);
            } else expect(r[c]).toBe(0);
          }
          // L + P = total: one hidden cell alone in a row could be subtracted out.
          expect(COLUMNS.filter((c) => r.mask?.[c]).length).not.toBe(1);
        }
        // The column sums are known (footer, summary): one hidden cell alone in a column could be subtracted out.
        for (const c of COLUMNS) {
          const hidden = rows.filter((r) => r.mask?.[c]);
          if (hidden.length === 1) expect(footer.mask?.[c]).toBeDefined();
        }
      }),
      { numRuns: 500 },
    );
  });
});
