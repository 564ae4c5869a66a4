import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { HOLDS_NIK, REPORTER_RELATIONS } from '../population/index.js';
import { villageTypes } from '../letters/index.js';
import { villageScope } from '../villages/index.js';

/** The residents' columns in the copy, in this order: a row is an array, not an object, to keep it small. */
export const COPY_COLUMNS = ['id', 'nik', 'name', 'sex', 'birth_date', 'family_id', 'kk_number', 'family_relation', 'address'] as const;

/**
 * What an officer's device keeps to work without a signal (issue 15): the village's residents
 * who hold their NIK there (name, NIK, sex, birth date, family card, relation, address) and
 * its active letter types with their fields. Sealed on the device with the account's key;
 * fetching it is a read of every resident's data, and logged as one.
 */
export async function offlineCopy(ctx: UseCaseContext, villageInput: string) {
  const village = await villageScope(ctx, villageInput, 'population.read');
  const db = ctx.db.kysely;
  const [residents, types] = await Promise.all([
    sql<{ row: (string | number | null)[] }>`
      select json_build_array(r.id, r.nik, r.name, r.sex, r.birth_date::text, r.family_id, f.kk_number, r.family_relation, coalesce(r.address, f.address)) as row
      from residents r left join families f on f.village_code = r.village_code and f.id = r.family_id
      where r.village_code = ${village} and r.life_status in (${sql.join(HOLDS_NIK)})
      order by r.name, r.id`.execute(db),
    villageTypes(db, village),
  ]);
  const rows = residents.rows.map((r) => (typeof r.row === 'string' ? JSON.parse(r.row) : r.row) as (string | number | null)[]);
  await recordAudit(db, ctx, { action: 'population.offline_copy', villageCode: village, subject: `village:${village}`, detail: { residents: rows.length } });
  return {
    village,
    generated_at: new Date().toISOString(),
    residents: { columns: [...COPY_COLUMNS], rows },
    letter_types: types.filter((t) => t.active).map((t) => ({ code: t.code, title: t.title, fields: t.fields })),
    // The death form's list of who reported it, as on the resident page.
    reporter_relations: [...REPORTER_RELATIONS],
  };
}
