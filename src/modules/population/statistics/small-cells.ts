import type { Lang } from '../../../platform/i18n/i18n.js';
import { formatNumber } from '../../../platform/format/format.js';

/**
 * Small-cell suppression for officers above the village (issue 11, item 12). A district
 * officer who filters one RT must not learn that "1" resident there is disabled. The village
 * itself sees exact counts: it holds the records anyway.
 *
 * Special categories of personal data (UU 27/2022 Pasal 4(2): health, children, finance): the
 * breakdowns below are health data (blood type, disability, chronic illness, health insurance —
 * BPJS PBI also marks a household as poor, which is welfare data). Religion, education and
 * occupation are not special categories there; the age pyramid counts ages, not a child's data.
 * Pregnancy and contraception are recorded but not offered as breakdowns.
 */
export const SPECIAL_BREAKDOWNS: ReadonlySet<string> = new Set(['blood_type', 'disability', 'chronic_illness', 'insurance_type']);

/** Counts from 1 up to this limit minus one are shown as "< 5". */
export const SMALL_CELL_LIMIT = 5;

/** 'small': the count is 1–4. 'derived': hidden so that a small count cannot be worked out from the totals. */
export type CellMask = 'small' | 'derived';
export type Column = 'male' | 'female' | 'total';
export type Masks = Partial<Record<Column, CellMask>>;

export interface Cells {
  male: number;
  female: number;
  total: number;
  mask?: Masks;
}

const COLUMNS: readonly Column[] = ['male', 'female', 'total'];

/**
 * Hides every count of 1–4, then enough other cells that no hidden count can be worked out:
 * in each row (L + P = total) and in each column (the column's sum is shown in the footer and
 * the summary) a hidden cell never stands alone. Hidden numbers become 0 in the rows returned,
 * so no chart, percentage or label can leak them; the true sums are returned for the footer.
 * A column whose only non-zero cell is small hides all of its cells and its sum.
 */
export function suppressSmallCells<R extends Cells>(rows: readonly R[]): { rows: (R & { mask?: Masks })[]; footer: Cells; suppressed: boolean } {
  const footer: Cells = {
    male: rows.reduce((n, r) => n + r.male, 0),
    female: rows.reduce((n, r) => n + r.female, 0),
    total: rows.reduce((n, r) => n + r.total, 0),
  };
  const masks: Masks[] = rows.map(() => ({}));
  rows.forEach((r, i) => {
    for (const c of COLUMNS) if (r[c] >= 1 && r[c] < SMALL_CELL_LIMIT) masks[i]![c] = 'small';
  });
  const footerMask: Masks = {};
  const hide = (i: number, c: Column) => {
    if (masks[i]![c]) return false;
    masks[i]![c] = 'derived';
    return true;
  };
  // Each pass hides at least one more cell or stops, so this ends within rows × 3 passes.
  for (let changed = true; changed; ) {
    changed = false;
    rows.forEach((r, i) => {
      const hidden = COLUMNS.filter((c) => masks[i]![c]);
      if (hidden.length !== 1) return;
      // L + P = total: hide the other sex too (or, for a hidden total, the larger sex).
      const partner: Column = hidden[0] === 'male' ? 'female' : hidden[0] === 'female' ? 'male' : r.male >= r.female ? 'male' : 'female';
      changed = hide(i, partner) || changed;
    });
    for (const c of COLUMNS) {
      if (footerMask[c]) continue;
      const hidden = rows.flatMap((r, i) => (masks[i]![c] ? [i] : []));
      if (hidden.length !== 1) continue;
      const candidates = rows.map((r, i) => i).filter((i) => !masks[i]![c] && rows[i]![c] > 0);
      if (candidates.length) {
        const smallest = candidates.reduce((a, b) => (rows[b]![c] < rows[a]![c] ? b : a));
        changed = hide(smallest, c) || changed;
      } else {
        rows.forEach((_, i) => hide(i, c));
        footerMask[c] = 'derived';
        changed = true;
      }
    }
  }
  const suppressed = masks.some((m) => Object.keys(m).length > 0);
  const out = rows.map((r, i) => {
    const mask = masks[i]!;
    if (!Object.keys(mask).length) return r;
    return { ...r, male: mask.male ? 0 : r.male, female: mask.female ? 0 : r.female, total: mask.total ? 0 : r.total, mask };
  });
  const shownFooter = Object.keys(footerMask).length
    ? { male: footerMask.male ? 0 : footer.male, female: footerMask.female ? 0 : footer.female, total: footerMask.total ? 0 : footer.total, mask: footerMask }
    : footer;
  return { rows: out, footer: shownFooter, suppressed };
}

/** What a cell shows: its number, "< 5" for a small count, "–" for one hidden to protect it. */
export function cellText(cells: Cells, column: Column, lang: Lang): string {
  const mask = cells.mask?.[column];
  if (mask === 'small') return `< ${SMALL_CELL_LIMIT}`;
  if (mask === 'derived') return '–';
  return formatNumber(cells[column], lang);
}
