import type { DatabaseKind } from '../src/platform/db/connect.js';
import { execSync } from 'node:child_process';
import { createCitusDatabase, dropCitusDatabase } from '../test/support/citus.js';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import pg from 'pg';
import { connect, type Db } from '../src/platform/db/connect.js';
import { migrate } from '../src/platform/db/migrate.js';
import { ensureRegionsLoaded } from '../src/modules/regions/index.js';

/**
 * A small benchmark harness: each `bench/<name>.bench.ts` exports `benchmark`, whose run
 * returns measured rows; `run.ts` runs them and records the rows in RESULTS.md.
 */

export interface Measurement {
  /** What was measured, e.g. "load 100,000 residents". */
  what: string;
  database: DatabaseKind | '-';
  /** Rows (or items) done; 0 when skipped. */
  rows: number;
  seconds: number;
  note?: string;
}

export interface Benchmark {
  name: string;
  description: string;
  run(log: (line: string) => void): Promise<Measurement[]>;
}

export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
/** Only Lampung: benchmarks need its villages, and loading 91,000 regions would be timed for nothing. */
export const BENCH_PROVINCES = ['18'];

/** The p-th percentile (0–100) of some timings, nearest rank. */
export const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/**
 * Server time of one page: answered once (it must be 200), then `rounds` times in a row
 * through app.request (routing, session, access, queries, rendering; no network), in ms.
 */
export async function serverTimes(app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> }, path: string, headers: Record<string, string> | undefined, rounds: number): Promise<number[]> {
  const first = await app.request(path, { headers });
  if (first.status !== 200) throw new Error(`${path}: ${first.status}`);
  await first.arrayBuffer();
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await (await app.request(path, { headers })).arrayBuffer();
    ms.push(performance.now() - t0);
  }
  return ms;
}

type RequestApp = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

/** A demo account's session cookie ("balai_sid=…"), logged in through the API. */
export async function signIn(app: RequestApp, username: string): Promise<string> {
  const login = await app.request('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ username, password: 'balai-demo' }), headers: { 'content-type': 'application/json' } });
  return login.headers.get('set-cookie')!.split(';')[0]!;
}

/** Milliseconds of each call, one after the other. */
export async function timed(n: number, call: (i: number) => Promise<unknown>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await call(i);
    ms.push(performance.now() - t0);
  }
  return ms;
}

/** Timings as a measurement with p50 and p95, and whether a p95 target was met. */
export function latency(database: Measurement['database'], what: string, ms: number[], target: number | null, log: (l: string) => void): Measurement {
  const p50 = percentile(ms, 50);
  const p95 = percentile(ms, 95);
  const verdict = target === null ? '' : `; target ≤ ${Number(target.toFixed(1))} ms p95: ${p95 <= target ? 'met' : 'MISSED'}`;
  const note = `p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms${verdict}`;
  log(`${database} · ${what}: ${note}`);
  return { what, database, rows: ms.length, seconds: ms.reduce((a, b) => a + b, 0) / 1000, note };
}

/** Each page's server time over `rounds` requests, as measurements with median and p95 (cookie '' = not logged in). */
export async function pageMeasurements(app: RequestApp, database: Measurement['database'], pages: [what: string, path: string, cookie: string][], rounds: number, log: (l: string) => void): Promise<Measurement[]> {
  const out: Measurement[] = [];
  for (const [what, path, cookie] of pages) {
    const ms = await serverTimes(app, path, cookie ? { cookie } : undefined, rounds);
    const note = `server time median ${percentile(ms, 50).toFixed(1)} ms, p95 ${percentile(ms, 95).toFixed(1)} ms`;
    log(`${database} · ${what}: ${note}`);
    out.push({ what, database, rows: rounds, seconds: ms.reduce((a, b) => a + b, 0) / 1000, note });
  }
  return out;
}

export async function time<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - started) / 1000 };
}

async function prepare(db: Db): Promise<Db> {
  await migrate(db);
  await ensureRegionsLoaded(db.kysely, BENCH_PROVINCES);
  return db;
}

/** A fresh in-memory PGlite with the schema and Lampung, closed afterwards. */
export async function withPglite<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const db = await prepare(await connect({}));
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/**
 * A throw-away database `balai_bench_<pid>` on the benchmark server, dropped afterwards.
 * Returns undefined (and says why) when the server cannot be reached.
 */
/** Whether the benchmark PostgreSQL answers; says so in the log when it does not. */
export async function postgresReachable(log: (line: string) => void): Promise<boolean> {
  const probe = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  try {
    await probe.connect();
    await probe.end();
    return true;
  } catch (err) {
    log(`PostgreSQL not reachable at ${hidePassword(BENCH_DATABASE_URL)} (${(err as Error).message}): skipped.`);
    return false;
  }
}

export async function withPostgres<T>(work: (db: Db) => Promise<T>, log: (line: string) => void): Promise<T | undefined> {
  const name = `balai_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  try {
    await admin.connect();
  } catch (err) {
    log(`PostgreSQL not reachable at ${hidePassword(BENCH_DATABASE_URL)} (${(err as Error).message}): skipped.`);
    return undefined;
  }
  try {
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    const url = new URL(BENCH_DATABASE_URL);
    url.pathname = `/${name}`;
    const db = await prepare(await connect({ databaseUrl: url.toString(), poolSize: 4 }));
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end();
  }
}

/**
 * The same on a Citus cluster (BENCH_CITUS_URL: a coordinator, e.g. scripts/citus-cluster.sh
 * start): a throw-away database on every node. Skipped, with the reason, when it is not set.
 */
export async function withCitus<T>(work: (db: Db) => Promise<T>, log: (line: string) => void): Promise<T | undefined> {
  const base = process.env.BENCH_CITUS_URL;
  if (!base) {
    log('Citus: BENCH_CITUS_URL not set (scripts/citus-cluster.sh start prints one): skipped.');
    return undefined;
  }
  const name = `balai_bench_${process.pid}`;
  await dropCitusDatabase(base, name);
  const db = await prepare(await connect({ databaseUrl: await createCitusDatabase(base, name), poolSize: 4 }));
  try {
    return await work(db);
  } finally {
    await db.close();
    await dropCitusDatabase(base, name);
  }
}

const hidePassword = (url: string) => url.replace(/:[^:@/]*@/, ':***@');

export interface Machine {
  cores: number;
  cpu: string;
  memoryGb: number;
  node: string;
  os: string;
  loadAverage: string;
  postgres?: string;
}

export async function describeMachine(): Promise<Machine> {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const osRelease = existsSync('/etc/os-release') ? /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] : undefined;
  let postgres: string | undefined;
  const client = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  try {
    await client.connect();
    postgres = (await client.query<{ v: string }>(`select current_setting('server_version') as v`)).rows[0]?.v;
  } catch {
    postgres = undefined;
  } finally {
    await client.end().catch(() => {});
  }
  return {
    cores: cpus().length,
    cpu: model.trim(),
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: osRelease ?? process.platform,
    loadAverage: loadavg().map((l) => l.toFixed(2)).join(' '),
    postgres,
  };
}

/** `date -u` as the machine prints it, so the record reads like the shell would show it. */
export function utcDate(): string {
  try {
    return execSync('date -u', { encoding: 'utf8' }).trim();
  } catch {
    return new Date().toUTCString();
  }
}

const number = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function table(rows: { benchmark: string; m: Measurement }[]): string {
  const lines = ['| benchmark | database | what | rows | seconds | rows/s | note |', '| --- | --- | --- | ---: | ---: | ---: | --- |'];
  for (const { benchmark, m } of rows) {
    const rate = m.rows && m.seconds ? number(m.rows / m.seconds) : '–';
    lines.push(`| ${benchmark} | ${m.database} | ${m.what} | ${m.rows ? number(m.rows) : '–'} | ${m.rows ? number(m.seconds, 2) : '–'} | ${rate} | ${m.note ?? ''} |`);
  }
  return lines.join('\n');
}

const HEADER = `# Benchmark results

Written by \`npm run bench\` (all benchmarks) or \`npm run bench -- <name> …\`; newest run first.
The machine is shared: the load average at the start of a run says how busy it was.
`;

/** Puts a run's section at the top of RESULTS.md, under the header, keeping older runs below. */
export function recordResults(file: string, section: string): void {
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const older = previous.startsWith(HEADER) ? previous.slice(HEADER.length).trimStart() : previous.trimStart();
  writeFileSync(file, `${HEADER}\n${section.trim()}\n${older ? `\n${older}` : ''}`);
}

export function runSection(date: string, machine: Machine, names: string[], rows: { benchmark: string; m: Measurement }[], notes: string[]): string {
  return [
    `## ${date} — ${names.join(', ')}`,
    '',
    `Machine: ${machine.cores} cores, ${machine.cpu}, ${machine.memoryGb} GB RAM, ${machine.os}; Node ${machine.node}; ` +
      `PostgreSQL ${machine.postgres ?? 'not reachable'}; load average at start ${machine.loadAverage}.`,
    '',
    table(rows),
    ...(notes.length ? ['', ...notes.map((n) => `- ${n}`)] : []),
    '',
  ].join('\n');
}
