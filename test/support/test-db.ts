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

/**
 * The demo as createTestApp seeds it, by its two options: seeded once per run into its own
 * template (global-setup.ts), so a test file copies it instead of seeding it again (seconds each).
 */
export interface DemoOptions { population: boolean; citizen: boolean }
export const DEMO_VARIANTS: DemoOptions[] = [
  { population: false, citizen: false }, { population: false, citizen: true }, { population: true, citizen: false }, { population: true, citizen: true },
];
export const demoSuffix = (o: DemoOptions) => `_demo${o.population ? '_p' : ''}${o.citizen ? '_c' : ''}`;

export const pgliteTemplatePath = (suffix = '') => join(tmpdir(), `${templateName()}${suffix}.tar.gz`);

export const testDatabaseKind = () => (citusUrl() ? 'citus' : process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite');

/** Whether this run has the demo seeded into a template (not on Citus: its files seed their own). */
export const demoTemplateReady = (demo: DemoOptions) =>
  !citusUrl() && (process.env.TEST_DATABASE_URL ? true : existsSync(pgliteTemplatePath(demoSuffix(demo))));

/**
 * A fresh database for one test file with the schema and the test provinces (and the demo, when
 * `demo` names a variant with a template: demoTemplateReady):
 * PGlite in memory, or a copy of the prepared template on the PostgreSQL server (on every
 * node of the Citus cluster with TEST_CITUS_URL). The
 * village guard is on: a query on village data without its village_code fails the test.
 */
export async function createTestDb(demo?: DemoOptions): Promise<Db> {
  const suffix = demo ? demoSuffix(demo) : '';
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
    if (existsSync(pgliteTemplatePath(suffix))) {
      const dump = new Blob([readFileSync(pgliteTemplatePath(suffix))], { type: 'application/x-gzip' });
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
  await admin.query(`create database ${name} template ${templateName()}${suffix}`);
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
