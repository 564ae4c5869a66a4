import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/support/test-db.js';
import type { Db } from './connect.js';
import { crossVillage } from './village-guard.js';
import { CROSS_VILLAGE_TABLES, VILLAGE_TABLES } from './village-tables.js';

const V = '18.09.10.2004';
let db: Db;
beforeAll(async () => {
  db = await createTestDb(); // the guard is on in every test database
});
afterAll(() => db.close());

describe('the village guard', () => {
  it('refuses a query on village data that does not say which village, naming the table', async () => {
    await expect(db.kysely.selectFrom('residents').select('id').where('nik', '=', '1809101708850001').execute()).rejects.toThrow(/"residents" has no village_code condition/);
    await expect(db.kysely.updateTable('letters').set({ status: 'rejected' }).where('id', '=', 1).execute()).rejects.toThrow(/"letters"/);
    await expect(db.kysely.deleteFrom('idempotency_keys').where('key', '=', 'x').execute()).rejects.toThrow(/"idempotency_keys"/);
  });

  it('lets a filtered query through, by name, alias, or a join on village_code', async () => {
    await db.kysely.selectFrom('residents').select('id').where('village_code', '=', V).execute();
    await db.kysely.selectFrom('residents as r').select('r.id').where('r.village_code', '=', V).execute();
    await db.kysely
      .selectFrom('residents as r')
      .innerJoin('families as f', (j) => j.onRef('f.village_code', '=', 'r.village_code').onRef('f.id', '=', 'r.family_id'))
      .select('r.id')
      .where('r.village_code', '=', V)
      .execute();
    await db.kysely.updateTable('letters').set({ status: 'rejected' }).where('village_code', '=', V).where('id', '=', 1).execute();
  });

  it('checks each table of a join and each subquery on its own', async () => {
    // families joined without its village: a Citus shard could not answer it, and it may match another village's family id
    await expect(
      db.kysely.selectFrom('residents as r').innerJoin('families as f', 'f.id', 'r.family_id').select('r.id').where('r.village_code', '=', V).execute(),
    ).rejects.toThrow(/"families"/);
    await expect(
      db.kysely
        .selectFrom('families')
        .select('id')
        .where('village_code', '=', V)
        .where('id', 'in', (eb) => eb.selectFrom('residents').select('family_id').where('name', '=', 'Budi'))
        .execute(),
    ).rejects.toThrow(/"residents"/);
  });

  it('does not take a join to a region for a village filter', async () => {
    await expect(
      db.kysely.selectFrom('letters as l').innerJoin('regions as g', 'g.code', 'l.village_code').select('l.id').where('l.verify_code', '=', 'x').execute(),
    ).rejects.toThrow(/"letters"/);
  });

  it('reads raw SQL by its text', async () => {
    await expect(sql`select count(*) from residents`.execute(db.kysely)).rejects.toThrow(/"residents"/);
    await sql`select count(*) from residents where village_code = ${V}`.execute(db.kysely);
    await sql`select count(*) from residents /* cross-village: a test of the marker */`.execute(db.kysely);
  });

  it('lets a deliberate read across villages through when it says why', async () => {
    const rows = await db.kysely.selectFrom('letters').select('id').where('verify_code', '=', 'AAAAAAAAAAAA').$call(crossVillage('public verification: the code is the key')).execute();
    expect(rows).toEqual([]);
    const compiled = db.kysely.selectFrom('letters').select('id').$call(crossVillage('why')).compile();
    expect(compiled.sql).toContain('/* cross-village: why */');
  });

  it('knows every table that has a village_code column', async () => {
    const { rows } = await sql<{ table_name: string }>`
      select distinct table_name from information_schema.columns
      where table_schema = 'public' and column_name = 'village_code' order by table_name`.execute(db.kysely);
    const unknown = rows.map((r) => r.table_name).filter((t) => !VILLAGE_TABLES.has(t) && !(t in CROSS_VILLAGE_TABLES));
    expect(unknown, `tables with village_code in neither list of src/platform/db/village-tables.ts: ${unknown.join(', ')}`).toEqual([]);
    // and every listed table exists, so the lists do not rot
    const names = new Set(rows.map((r) => r.table_name));
    expect([...VILLAGE_TABLES, ...Object.keys(CROSS_VILLAGE_TABLES)].filter((t) => !names.has(t))).toEqual([]);
  });
});
