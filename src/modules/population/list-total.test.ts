import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { populateVillage } from './generator.js';
import { birthRange } from './list-total.js';
import { listResidents } from './population.repository.js';
import type { ListQuery } from './population.schema.js';

/**
 * The resident list's total, read from the summary rows where it can be, against counting the
 * residents that the same filter picks, for the filters the summaries answer (a code, sex,
 * area, an age range on several days, those away) and some they do not. Runs on PGlite, and on
 * PostgreSQL with TEST_DATABASE_URL.
 */
const CILIMUS = '18.09.10.2002';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await populateVillage(t.db.kysely, CILIMUS, { residents: 1_500, seed: 11, asOf: '2025-07-01', actorLabel: 'test' });
  // Some away for a while (counted in the summary with the living, not in the list of the living).
  await sql`update residents_rows set life_status = 6 where village_code = ${CILIMUS} and id % 17 = 0`.execute(t.db.kysely);
  // Someone born on a leap day, and on the first and last day of a year. (A searched CASE: Citus
  // passes a simple `case x when …` on to the shards as a comparison of x with a boolean.)
  await sql`update residents_rows set birth_date = case when id % 3 = 0 then date '2004-02-29' when id % 3 = 1 then date '1990-01-01' else date '1990-12-31' end
    where village_code = ${CILIMUS} and id % 23 = 0`.execute(t.db.kysely);
});
afterAll(() => t?.close());

/** Counting the residents as the list's own filter does. */
async function counted(f: ListQuery, areaIds: number[] | null, today: string): Promise<number> {
  const conditions = [sql`village_code = ${CILIMUS}`, sql`life_status = ${f.life_status ?? 1}`];
  if (f.sex) conditions.push(sql`sex = ${f.sex}`);
  if (areaIds) conditions.push(sql`area_id in (${sql.join(areaIds)})`);
  if (f.age_min !== undefined) conditions.push(sql`birth_date <= (${today}::date - make_interval(years => ${f.age_min}))::date`);
  if (f.age_max !== undefined) conditions.push(sql`birth_date > (${today}::date - make_interval(years => ${f.age_max + 1}))::date`);
  if (f.field) conditions.push(sql`${sql.ref(f.field)} = ${f.value}`);
  const r = await sql<{ n: number }>`select count(*)::int as n from residents where ${sql.join(conditions, sql` and `)}`.execute(t.db.kysely);
  return r.rows[0]!.n;
}

describe('resident list total', () => {
  it('equals the count of the residents the filter picks', async () => {
    const areas = (await t.db.kysely.selectFrom('village_areas').select('id').where('village_code', '=', CILIMUS).orderBy('id').execute()).map((a) => a.id);
    const some = areas.slice(-2);
    const filters: [ListQuery, number[] | null][] = [
      [{}, null],
      [{ sex: 2 }, null],
      [{ life_status: 6 }, null],
      [{ field: 'religion', value: 1 }, null],
      [{ field: 'religion', value: 1, sex: 1 }, some],
      [{ field: 'occupation', value: 1 }, null],
      [{ field: 'family_relation', value: 1, sex: 2 }, null],
      [{}, some],
      [{ sex: 1 }, some],
      [{ age_min: 20, age_max: 30 }, null],
      [{ age_min: 0, age_max: 0 }, null],
      [{ age_min: 17 }, null],
      [{ age_max: 5, sex: 2 }, null],
      [{ age_min: 34, age_max: 35 }, some],
      [{ age_min: 21, age_max: 21 }, null],
      [{ age_min: 40, age_max: 30 }, null],
      // Not from the summary: still right.
      [{ age_min: 20, field: 'religion', value: 1 }, null],
      [{ life_status: 6, field: 'religion', value: 1 }, null],
      [{ field: 'pregnant', value: 1 }, null],
    ];
    // Days that put the boundaries on 1 January, 31 December and a leap day.
    for (const today of ['2025-07-01', '2025-01-01', '2025-12-31', '2024-02-29', '2025-02-28']) {
      for (const [f, areaIds] of filters) {
        const page = await listResidents(t.db.kysely, CILIMUS, { ...f, per_page: 10 }, areaIds, today);
        expect(page.total, `${today} ${JSON.stringify(f)} ${areaIds ? 'in some areas' : ''}`).toBe(await counted(f, areaIds, today));
      }
    }
    // The filters are not empty: the comparison above means something.
    expect(await counted({ age_min: 20, age_max: 30 }, null, '2025-07-01')).toBeGreaterThan(100);
    expect(await counted({ life_status: 6 }, null, '2025-07-01')).toBeGreaterThan(50);
  });
});

describe('birthRange', () => {
  it('splits an age range into whole birth years and the partial ones at its ends', () => {
    expect(birthRange('2025-07-01', 20, 30)).toEqual({ empty: false, head: ['1994-07-02', '1994-12-31'], tail: ['2005-01-01', '2005-07-01'], firstWholeYear: 1995, lastWholeYear: 2004 });
    // Born on 1 January … 31 December of whole years: nothing partial.
    expect(birthRange('2025-12-31', 0, 0)).toEqual({ empty: false, head: null, tail: null, firstWholeYear: 2025, lastWholeYear: 2025 });
    expect(birthRange('2025-07-01', 0, 0)).toEqual({ empty: false, head: ['2024-07-02', '2024-12-31'], tail: ['2025-01-01', '2025-07-01'], firstWholeYear: 2025, lastWholeYear: 2024 });
    // 29 February less a year is 28 February.
    expect(birthRange('2024-02-29', 1).tail).toEqual(['2023-01-01', '2023-02-28']);
    expect(birthRange('2025-07-01', 40, 30).empty).toBe(true);
    expect(birthRange('2025-07-01', undefined, 5)).toMatchObject({ head: ['2019-07-02', '2019-12-31'], tail: null, firstWholeYear: 2020, lastWholeYear: 9999 });
  });
});
