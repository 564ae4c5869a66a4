import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDatabaseKind } from '../../../test/support/test-db.js';
import { recordAudit } from '../audit/audit.js';
import type { Db } from './connect.js';
import { listMigrations, migrate } from './migrate.js';

let db: Db;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(() => db.close());

describe(`database (${testDatabaseKind()})`, () => {
  it('is the engine the tests were asked for', () => {
    expect(db.kind).toBe(testDatabaseKind());
  });

  it('records each migration once and applies nothing twice', async () => {
    const rows = await db.kysely.selectFrom('schema_migrations').select('name').orderBy('name').execute();
    expect(rows.map((r) => r.name)).toEqual(listMigrations());
    expect(await migrate(db)).toEqual([]);
  });

  it('returns the same JavaScript values on PGlite and PostgreSQL', async () => {
    const r = await sql<Record<string, unknown>>`select count(*) as n, 12.50::numeric as money, '2021-09-10'::date as day,
      '2021-09-10T03:00:00Z'::timestamptz as at, '{"a":[1]}'::jsonb as doc, true as flag, 7::int2 as small`.execute(db.kysely);
    expect(r.rows[0]).toEqual({ n: 1, money: '12.50', day: '2021-09-10', at: new Date('2021-09-10T03:00:00Z'), doc: { a: [1] }, flag: true, small: 7 });
  });

  it('keeps the audit log append-only', async () => {
    await recordAudit(db.kysely, { actor: null, ip: 'test' }, { action: 'test.append' });
    await expect(sql`update audit_log set action = 'changed'`.execute(db.kysely)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db.kysely)).rejects.toThrow(/append-only/);
  });

  it('rolls back a failed transaction whole: a write and its audit land together or not at all', async () => {
    const before = await db.kysely.selectFrom('audit_log').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await recordAudit(trx, { actor: null, ip: 'test' }, { action: 'test.rollback' });
        await sql`select 1/0`.execute(trx);
      }),
    ).rejects.toThrow();
    const after = await db.kysely.selectFrom('audit_log').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('runs concurrent transactions without mixing them up', async () => {
    await sql`create table if not exists t_counter (n int not null)`.execute(db.kysely);
    await sql`insert into t_counter values (0)`.execute(db.kysely);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.kysely.transaction().execute(async (trx) => {
          const r = await sql<{ n: number }>`select n from t_counter for update`.execute(trx);
          await sql`update t_counter set n = ${r.rows[0]!.n + 1}`.execute(trx);
        }),
      ),
    );
    const r = await sql<{ n: number }>`select n from t_counter`.execute(db.kysely);
    expect(r.rows[0]!.n).toBe(20);
  });
});
