import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { MANUAL_KEYS } from './catalog.js';
import { recountFilled, typedYears } from './profile.repository.js';

/** The village's rows of monitoring_village_profile counted again, for every year it typed anything (`balai rebuild-rollups`). */
export async function rebuildProfileRollup(trx: Transaction<Database>, village: string) {
  for (const year of await typedYears(trx, village)) await recountFilled(trx, village, year, MANUAL_KEYS);
}
