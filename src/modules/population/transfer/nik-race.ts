/**
 * Two villages importing the same NIK at the same moment: both previews passed, and the
 * unique index of `active_niks` stops the second import at its insert. That is no server
 * fault but the reason the officer needs, said without naming the other village.
 */
export function nikTakenMeanwhile(err: unknown): boolean {
  const e = err as { code?: unknown; table?: unknown } | null;
  return typeof e === 'object' && e !== null && e.code === '23505' && e.table === 'active_niks';
}

/**
 * The village changed under a running import: an officer created a family card or an area
 * the file also creates. The unique indexes stop the import; the officer uploads again.
 */
export function changedMeanwhile(err: unknown): boolean {
  const e = err as { code?: unknown; table?: unknown } | null;
  return typeof e === 'object' && e !== null && e.code === '23505' && (e.table === 'families_rows' || e.table === 'village_areas_rows');
}
