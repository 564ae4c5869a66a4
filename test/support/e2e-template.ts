import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { citusUrl, withDatabase } from './citus.js';
import { startServer } from './server-process.js';

/**
 * The demo every browser test starts from, made once per run: `npm start`'s server seeds it
 * (2,500 residents and every module's examples), stops, and each test file's server then starts
 * on a copy — a data folder copied, or a PostgreSQL database made from it as a template —
 * instead of seeding its own, which took most of the browser suite's time.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    e2eDataDir: string;
    e2eTemplateDb: string;
  }
}

export async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  const dataDir = mkdtempSync(join(tmpdir(), 'balai-e2e-tpl-'));
  let database = '';
  const env: NodeJS.ProcessEnv = { DATA_DIR: dataDir };
  if (url && !citusUrl()) {
    database = `balai_e2e_tpl_${process.pid}`;
    await admin(url, `drop database if exists ${database}`);
    await admin(url, `create database ${database}`);
    Object.assign(env, { DATABASE_URL: withDatabase(url, database), BALAI_DEMO: '1' });
  }
  const server = await startServer(env, 240_000);
  await server.stop();
  project.provide('e2eDataDir', dataDir);
  project.provide('e2eTemplateDb', database);
  return async () => {
    rmSync(dataDir, { recursive: true, force: true });
    if (database) await admin(url!, `drop database if exists ${database} with (force)`);
  };
}

async function admin(url: string, statement: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(statement);
  await c.end();
}
