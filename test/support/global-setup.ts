import { writeFileSync, rmSync } from 'node:fs';
import pg from 'pg';
import { connect } from '../../src/platform/db/connect.js';
import { migrate } from '../../src/platform/db/migrate.js';
import { ensureRegionsLoaded } from '../../src/modules/regions/index.js';
import { seedDemo } from '../../src/modules/demo/seed-demo.js';
import { DEMO_VARIANTS, TEST_PROVINCES, demoSuffix, pgliteTemplatePath, templateName } from './test-db.js';
import { citusUrl, createCitusDatabase, dropCitusDatabase, sealCitusTemplate, withDatabase } from './citus.js';

/**
 * On PostgreSQL (TEST_DATABASE_URL), prepare one template database with the schema and
 * the test provinces; each test file then copies it in milliseconds. PGlite needs nothing.
 */
import type { TestProject } from 'vitest/node';

export async function setup(project: TestProject) {
  // The browser tests start servers on their own seeded copy (e2e-template.ts): no demo templates here.
  const demoVariants = project.config.include.some((p) => p.includes('e2e')) ? [] : DEMO_VARIANTS;
  // One name per run, so runs on the same server (or machine) never share a template.
  const run = `${process.pid}`;
  project.provide('testRun', run);
  process.env.BALAI_TEST_RUN = run;
  const citus = citusUrl();
  if (citus) {
    console.log(`[balai tests] database: Citus cluster, coordinator at ${citus}`);
    const tpl = templateName();
    await dropCitusDatabase(citus, tpl);
    const db = await connect({ databaseUrl: await createCitusDatabase(citus, tpl), poolSize: 2 });
    await migrate(db);
    await ensureRegionsLoaded(db.kysely, TEST_PROVINCES);
    await db.close();
    await sealCitusTemplate(citus, tpl);
    return () => dropCitusDatabase(citus, tpl);
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    console.log('[balai tests] database: PGlite (embedded). Set TEST_DATABASE_URL to run on PostgreSQL.');
    // Starting PGlite from scratch takes seconds; loading a dump of a prepared one, under one.
    const db = await connect({});
    await migrate(db);
    await ensureRegionsLoaded(db.kysely, TEST_PROVINCES);
    const dump = await db.pglite!.dumpDataDir('gzip');
    await db.close();
    writeFileSync(pgliteTemplatePath(), Buffer.from(await dump.arrayBuffer()));
    // The demo, seeded once per variant from that dump (a file then loads it in about a second).
    for (const demo of demoVariants) {
      const seeded = await connect({ loadDataDir: dump });
      await seedDemo(seeded, demo);
      const out = await seeded.pglite!.dumpDataDir('gzip');
      await seeded.close();
      writeFileSync(pgliteTemplatePath(demoSuffix(demo)), Buffer.from(await out.arrayBuffer()));
    }
    return () => {
      for (const suffix of ['', ...DEMO_VARIANTS.map(demoSuffix)]) rmSync(pgliteTemplatePath(suffix), { force: true });
    };
  }
  console.log(`[balai tests] database: PostgreSQL at ${url.replace(/:[^:@/]*@/, ':***@')}`);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const tpl = templateName();
  await admin.query(`drop database if exists ${tpl}`);
  await admin.query(`create database ${tpl}`);
  await admin.end();
  const db = await connect({ databaseUrl: withDatabase(url, tpl), poolSize: 2 });
  await migrate(db);
  await ensureRegionsLoaded(db.kysely, TEST_PROVINCES);
  await db.close();
  // The demo, seeded once per variant into its own template copied from that one.
  const seededNames = demoVariants.map((demo) => ({ demo, name: `${tpl}${demoSuffix(demo)}` }));
  for (const { demo, name } of seededNames) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`drop database if exists ${name}`);
    await c.query(`create database ${name} template ${tpl}`);
    await c.end();
    const seeded = await connect({ databaseUrl: withDatabase(url, name), poolSize: 2 });
    await seedDemo(seeded, demo);
    await seeded.close();
  }
  return async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    for (const name of [tpl, ...seededNames.map((s) => s.name)]) await c.query(`drop database if exists ${name}`);
    await c.end();
  };
}
