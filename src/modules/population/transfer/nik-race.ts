import { violatedUniqueIndex } from '../../../platform/db/unique-violation.js';
/**
 * Two villages importing the same NIK at the same moment: both previews passed, and the
 * unique index of `active_niks` stops the second import at its insert. That is no server
 * fault but the reason the officer needs, said without naming the other village.
 */
export function nikTakenMeanwhile(err: unknown): boolean {
  return violatedUniqueIndex(err) === 'active_niks_pkey';
}

/**
 * The village changed under a running import: an officer created a family card or an area
 * the file also creates. The unique indexes stop the import; the officer uploads again.
 */
export function changedMeanwhile(err: unknown): boolean {
  const index = violatedUniqueIndex(err);
  return index === 'families_kk_active' || index === 'village_areas_name';
}
