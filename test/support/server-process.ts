import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { citusUrl, createCitusDatabase, dropCitusDatabase, withDatabase } from './citus.js';
import { DEMO_PASSWORD } from '../../src/modules/demo/seed-demo.js';

/**
 * The real server as its own process (what `npm start` runs), for tests that kill it. It is
 * started as `node --import tsx src/server.ts` rather than through the `tsx` command, which
 * runs the server in a child process of its own: a SIGKILL must hit the process that holds
 * the database, not a wrapper that would leave it running.
 */
export interface ServerProcess {
  base: string;
  pid: number;
  log(): string;
  alive(): boolean;
  /** SIGKILL: no shutdown, no flush, as when the power goes. */
  crash(): Promise<void>;
  /** SIGTERM: the server closes the database and exits. */
  stop(): Promise<void>;
}

/**
 * A port nobody listens on, chosen by the system (a random pick could land on an ephemeral
 * port a database connection of another test holds at that moment).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function startServer(env: NodeJS.ProcessEnv, timeoutMs = 180_000): Promise<ServerProcess> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(process.cwd(), 'src', 'server.ts')], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {}
    if (Date.now() > until || child.exitCode !== null || child.signalCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    pid: child.pid!,
    log: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    async crash() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A throw-away PostgreSQL database on the test server; `drop` removes it. */
export async function scratchPostgres(url: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const citus = citusUrl();
  if (citus) return { url: await createCitusDatabase(citus, name), drop: () => dropCitusDatabase(citus, name) };
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    url: withDatabase(url, name),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** An officer's session over real HTTP: the cookie and the page's CSRF token. */
export interface HttpSession {
  cookie: string;
  csrf: string;
  json(method: string, path: string, body?: unknown): Promise<Response>;
  get(path: string): Promise<Response>;
  form(path: string, fields: Record<string, string> | FormData): Promise<Response>;
}

export async function httpLogin(base: string, username: string, password = DEMO_PASSWORD): Promise<HttpSession> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', body: JSON.stringify({ username, password }), headers: { 'content-type': 'application/json' } });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const page = await (await fetch(`${base}/akun/kata-sandi`, { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
  return {
    cookie,
    csrf,
    json: (method, path, body) =>
      fetch(`${base}${path}`, { method, headers: { cookie, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }),
    get: (path) => fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' }),
    form: (path, fields) => {
      if (fields instanceof FormData) {
        fields.set('_csrf', csrf);
        return fetch(`${base}${path}`, { method: 'POST', headers: { cookie }, body: fields, redirect: 'manual' });
      }
      return fetch(`${base}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf, ...fields }), redirect: 'manual' });
    },
  };
}

const root = join(import.meta.dirname, '..', '..');

/** Compiles the server into dist/, as `npm run build` does. */
export function buildDist(): void {
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
}

export interface ProductionServer {
  base: string;
  child: ChildProcess;
  log(): string;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<void>;
}

/** The production start, `node dist/cluster.js` (built by buildDist), as its own process, once it answers. */
export async function startProductionServer(env: NodeJS.ProcessEnv): Promise<ProductionServer> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [join(root, 'dist', 'cluster.js')], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    if ((await fetch(`${base}/api/health`).catch(() => null))?.ok) break;
    if (i >= 600) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    child,
    log: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
