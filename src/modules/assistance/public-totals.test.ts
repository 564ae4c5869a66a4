import { describe, expect, it } from 'vitest';
import { suppressed } from './public-totals.js';

const cells = (...ns: number[]) => ns.map((n, i) => ({ area: `Dusun ${i + 1}`, n }));

describe('public aid counts', () => {
  it('hides every count under 5', () => {
    expect(suppressed(cells(3, 4, 12, 9)).map((a) => a.n)).toEqual([null, null, 12, 9]);
  });
  it('hides a second count when only one would be hidden, so the total cannot give it away', () => {
    expect(suppressed(cells(2, 12, 9)).map((a) => a.n)).toEqual([null, 12, null]);
  });
  it('shows everything at 5 or more', () => {
    expect(suppressed(cells(5, 6)).map((a) => a.n)).toEqual([5, 6]);
  });
});
