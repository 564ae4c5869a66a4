import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { connect, type Db } from '../../src/platform/db/connect.js';
import { migrate } from '../../src/platform/db/migrate.js';
import { ensureRegionsLoaded } from '../../src/modules/regions/index.js';
import { citusUrl, createCitusDatabase, dropCitusDatabase, withDatabase } from './citus.js';

/** Lampung (the demo) and Bengkulu (a province outside every Lampung officer's scope). */
export const TEST_PROVINCES = ['18', '17'];

export const templateName = () => `balai_test_tpl_${process.env.BALAI_TEST_RUN ?? inject('testRun')}`;

declare module 'vitest' {
  export interface ProvidedContext {
    testRun: string;
  }
}

export const pgliteTemplatePath = () => join(tmpdir(), `${templateName()}.tar.gz`);

export const testDatabaseKind = () => (citusUrl() ? 'citus' : process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite');

/**
 * A fresh, empty database for one test file with the schema and the test provinces:
 * PGlite in memory, or a copy of the prepared template on the PostgreSQL server (on every
 * node of the Citus cluster with TEST_CITUS_URL). The
 * village guard is on: a query on village data without its village_code fails the test.
 */
export async function createTestDb(): Promise<Db> {
  const citus = citusUrl();
  if (citus) {
    const name = `balai_test_${randomBytes(6).toString('hex')}`;
    const db = await connect({ databaseUrl: await createCitusDatabase(citus, name, templateName()), poolSize: 20, villageGuard: true });
    const close = db.close.bind(db);
    db.close = async () => {
      await close();
      await dropCitusDatabase(citus, name);
    };
    return db;
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    if (existsSync(pgliteTemplatePath())) {
      const dump = new Blob([readFileSync(pgliteTemplatePath())], { type: 'application/x-gzip' });
      return connect({ loadDataDir: dump, villageGuard: true });
    }
    const db = await connect({ villageGuard: true });
    await migrate(db);
    await ensureRegionsLoaded(db.kysely, TEST_PROVINCES);
    return db;
  }
  const name = `balai_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name} template ${templateName()}`);
  await admin.end();
  const db = await connect({ databaseUrl: withDatabase(url, name), poolSize: 20, villageGuard: true });
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
  return db;
}
