import { execFileSync, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDist, httpLogin, scratchPostgres, startProductionServer, type ProductionServer } from './support/server-process.js';

/**
 * The production start (issue 12, item 2): `npm run build` compiles the TypeScript once, and
 * `node dist/cluster.js` runs several server processes on PostgreSQL without compiling at
 * run time. A login made through one process holds in the others (sessions are in the
 * database), a process that dies is started again, and SIGTERM stops them all. On the
 * embedded database it stays one process, and says why.
 */

/** Which process answered, over a connection of its own (the cluster hands out connections, not requests). */
function health(base: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/api/health`, { agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => (res.statusCode === 200 ? resolve((JSON.parse(body) as { worker: number }).worker) : reject(new Error(`health ${res.statusCode}`))));
    });
    req.on('error', reject);
    // A connection handed to the process just killed is never answered: give up on it.
    req.setTimeout(2000, () => req.destroy(new Error('no answer')));
    req.end();
  });
}

async function workersAnswering(base: string, tries = 40): Promise<Set<number>> {
  const seen = new Set<number>();
  for (let i = 0; i < tries; i++) seen.add(await health(base));
  return seen;
}

/** The processes the primary started (`ps` exits 1 when there are none). */
function childPids(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').map((s) => Number(s.trim())).filter((n) => n > 0);
  } catch {
    return [];
  }
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

beforeAll(buildDist, 240_000);

describe.runIf(process.env.TEST_DATABASE_URL)('the production start on PostgreSQL', () => {
  let db: { url: string; drop(): Promise<void> };
  let cluster: ProductionServer;
  const dataDir = mkdtempSync(join(tmpdir(), 'balai-cluster-'));

  beforeAll(async () => {
    db = await scratchPostgres(process.env.TEST_DATABASE_URL!, 'balai_cluster');
    cluster = await startProductionServer({ DATABASE_URL: db.url, BALAI_WORKERS: '2', BALAI_DEMO: '1', DATA_DIR: dataDir, BACKUP_KEEP: '0' });
  }, 240_000);
  afterAll(async () => {
    if (cluster?.child.exitCode === null) {
      cluster.child.kill('SIGKILL');
      await exited(cluster.child);
    }
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves from two processes that share sessions, and starts again the one that dies', async () => {
    // The start waits for one process to answer; the second may still be starting on a busy machine.
    for (let i = 0; i < 100 && (await workersAnswering(cluster.base, 10)).size < 2; i++) await new Promise((r) => setTimeout(r, 200));
    expect(await workersAnswering(cluster.base)).toEqual(new Set([0, 1]));
    // The database was prepared once, by the primary: one "migrations applied" line.
    expect(cluster.log().match(/Migrasi diterapkan/g)).toHaveLength(1);

    const officer = await httpLogin(cluster.base, 'hanura');
    for (let i = 0; i < 10; i++) {
      const page = await officer.get('/desa/18.09.10.2004/penduduk');
      expect(page.status).toBe(200);
      await page.arrayBuffer();
    }

    const [first, second] = childPids(cluster.child.pid!);
    expect(second).toBeDefined();
    process.kill(first!, 'SIGKILL');
    // Requests keep being answered while the primary starts a new process in its place.
    for (let i = 0; i < 20; i++) expect([0, 1]).toContain(await health(cluster.base).catch(() => health(cluster.base)).catch(() => health(cluster.base)));
    let pids: number[] = [];
    for (let i = 0; i < 100 && !(pids.length === 2 && !pids.includes(first!)); i++) {
      await new Promise((r) => setTimeout(r, 200));
      pids = childPids(cluster.child.pid!);
    }
    expect(pids).toHaveLength(2);
    expect(pids).not.toContain(first);
    for (let i = 0; i < 100 && (await workersAnswering(cluster.base, 10)).size < 2; i++) await new Promise((r) => setTimeout(r, 200));
    expect(await workersAnswering(cluster.base)).toEqual(new Set([0, 1]));
    expect((await officer.get('/desa/18.09.10.2004/penduduk')).status).toBe(200);

    cluster.child.kill('SIGTERM');
    expect(await exited(cluster.child)).toBe(0);
    expect(cluster.log()).toContain('Balai berhenti');
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  }, 240_000);
});

describe.skipIf(process.env.TEST_DATABASE_URL)('the production start on the embedded database', () => {
  it('runs one process, and says why when more were asked for', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'balai-cluster-'));
    const cluster = await startProductionServer({ DATA_DIR: dataDir, BALAI_WORKERS: '4', BACKUP_KEEP: '0' });
    try {
      expect(await workersAnswering(cluster.base, 10)).toEqual(new Set([0]));
      expect(cluster.log()).toContain('hanya bisa dibuka satu proses');
      expect(childPids(cluster.child.pid!)).toHaveLength(0);
    } finally {
      await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
