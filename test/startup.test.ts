import { spawnSync } from 'node:child_process';
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CITIZEN } from '../src/modules/demo/seed-demo.js';
import { writeBackup } from '../src/platform/backup/dump.js';
import { checkServerConfig, ConfigError, loadConfig } from '../src/platform/config.js';
import type { Db } from '../src/platform/db/connect.js';
import { ensurePrivateDir, ownerOnlyFiles, tightenFiles } from '../src/platform/file-modes.js';
import { publicOrigin } from '../src/platform/http/public-origin.js';
import { projectRoot } from '../src/platform/paths.js';
import { redactOutput } from '../src/platform/redact.js';
import { createTestDb, testDatabaseKind } from './support/test-db.js';

/** Issue 11 items 6, 9 and 14: what the process sets up before it serves anyone. */

const scratch = mkdtempSync(join(tmpdir(), 'balai-startup-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const modeOf = (p: string) => statSync(p).mode & 0o777;

describe('BALAI_PUBLIC_URL (item 14)', () => {
  afterEach(() => {
    delete process.env.BALAI_PUBLIC_URL;
  });

  it('is required in production, with a message that says what to write', () => {
    const config = loadConfig({ NODE_ENV: 'production' });
    expect(() => checkServerConfig(config, { NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => checkServerConfig(config, { NODE_ENV: 'production' })).toThrow(/BALAI_PUBLIC_URL wajib diisi.*https:\/\/balai/);
    expect(() => checkServerConfig(loadConfig({}), {})).not.toThrow(); // development: the request's address
    const listed = loadConfig({ NODE_ENV: 'production', BALAI_PUBLIC_URL: 'https://balai.lampungprov.go.id/, https://Balai.Pesawarankab.go.id' });
    expect(listed.publicUrls).toEqual(['https://balai.lampungprov.go.id', 'https://balai.pesawarankab.go.id']);
    expect(() => checkServerConfig(listed, { NODE_ENV: 'production' })).not.toThrow();
  });

  it('refuses what is not an address, naming it', () => {
    for (const bad of ['balai.go.id', 'javascript:alert(1)', 'https://balai.go.id/surat', 'https://u:p@balai.go.id', 'ftp://balai.go.id']) {
      expect(() => loadConfig({ BALAI_PUBLIC_URL: bad }), bad).toThrow(ConfigError);
    }
  });

  it('the server does not start in production without it', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH, NODE_ENV: 'production', DATA_DIR: join(scratch, 'never') },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Balai tidak dapat dijalankan: BALAI_PUBLIC_URL wajib diisi');
  }, 90_000);

  it('links never follow a Host header that is not listed', async () => {
    const app = new Hono().get('/', (c) => c.text(publicOrigin(c)));
    // As @hono/node-server builds it: the URL from the Host header the client sent.
    const origin = async (host: string) => (await app.request(`http://${host}/`, { headers: { host } })).text();
    expect(await origin('penipu.example')).toBe('http://penipu.example'); // development, unset: the request's own
    process.env.BALAI_PUBLIC_URL = 'https://balai.lampungprov.go.id,https://balai.pesawarankab.go.id';
    expect(await origin('penipu.example')).toBe('https://balai.lampungprov.go.id');
    expect(await origin('balai.pesawarankab.go.id')).toBe('https://balai.pesawarankab.go.id');
    expect(await origin('BALAI.PESAWARANKAB.GO.ID')).toBe('https://balai.pesawarankab.go.id');
  });
});

describe('owner-only files (item 6)', () => {
  it('umask 077: what the process creates no other account can read or write', () => {
    const before = process.umask();
    try {
      ownerOnlyFiles();
      writeFileSync(join(scratch, 'file'), 'x');
      mkdirSync(join(scratch, 'dir'));
      expect(modeOf(join(scratch, 'file'))).toBe(0o600);
      expect(modeOf(join(scratch, 'dir'))).toBe(0o700);
    } finally {
      process.umask(before);
    }
  });

  it('creates the data directory owner-only, and warns at start when an existing one is wider', () => {
    const fresh = join(scratch, 'data-new');
    expect(ensurePrivateDir(fresh)).toBeNull();
    expect(modeOf(fresh)).toBe(0o700);
    const old = join(scratch, 'data-old');
    mkdirSync(old);
    chmodSync(old, 0o755);
    expect(ensurePrivateDir(old)).toMatch(/PERINGATAN: folder .*data-old \(mode 0755\).*\n.*chmod -R go-rwx/);
    chmodSync(old, 0o700);
    expect(ensurePrivateDir(old)).toBeNull();
  });

  it("takes the other accounts' bits off the database files PGlite made 0666", () => {
    const dir = join(scratch, 'pgdata');
    mkdirSync(join(dir, 'base', '5'), { recursive: true });
    writeFileSync(join(dir, 'PG_VERSION'), '17');
    writeFileSync(join(dir, 'base', '5', '1259'), '');
    for (const p of [dir, join(dir, 'base', '5')]) chmodSync(p, 0o700);
    for (const p of [join(dir, 'PG_VERSION'), join(dir, 'base', '5', '1259')]) chmodSync(p, 0o666);
    chmodSync(join(dir, 'base'), 0o755);
    expect(tightenFiles(dir)).toBe(3);
    expect([modeOf(join(dir, 'PG_VERSION')), modeOf(join(dir, 'base', '5', '1259')), modeOf(join(dir, 'base'))]).toEqual([0o600, 0o600, 0o700]);
  });

  // A Citus cluster is backed up with its own tools (src/platform/backup/format.ts).
  describe.skipIf(testDatabaseKind() === 'citus')('a backup', () => {
    let db: Db;
    beforeAll(async () => {
      db = await createTestDb();
    });
    afterAll(() => db?.close());

    it('is owner-only even when written under a permissive umask (balai backup --out from a shell)', async () => {
      const before = process.umask(0o022);
      try {
        const file = join(scratch, 'cadangan', 'balai-uji.balai.gz');
        await writeBackup(db, file);
        expect(modeOf(file)).toBe(0o600);
        expect(modeOf(join(scratch, 'cadangan'))).toBe(0o700);
      } finally {
        process.umask(before);
      }
    });
  });
});

describe('log redaction at the output (item 9)', () => {
  it('masks a NIK in every line written, whoever wrote it and however', () => {
    const written: string[] = [];
    const stream = new Writable({ write: (chunk: Buffer, _enc, done) => (written.push(chunk.toString('utf8')), done()) });
    const undo = redactOutput([stream as unknown as NodeJS.WriteStream]);
    const console2 = new Console(stream);
    // A rejection reason in a notification, a note, an object, a library's own line.
    console2.log(`[notify] Permohonan ditolak: data ${DEMO_CITIZEN.nik} tidak cocok`);
    console2.error({ note: `KK ${DEMO_CITIZEN.nik} milik Budi` });
    stream.write(Buffer.from(`raw ${DEMO_CITIZEN.nik}\n`));
    undo();
    const text = written.join('');
    expect(text).not.toContain(DEMO_CITIZEN.nik);
    expect(text).not.toContain(DEMO_CITIZEN.nik.slice(4, 12));
    expect(text).toContain(`${DEMO_CITIZEN.nik.slice(0, 4)}********${DEMO_CITIZEN.nik.slice(12)}`);
    expect(text).toContain('Permohonan ditolak');
    // 15 or 17 digits are not a NIK: an amount or a phone number stays readable.
    const kept: string[] = [];
    const other = { write: (chunk: unknown) => (kept.push(String(chunk)), true) };
    const undo2 = redactOutput([other]);
    other.write('Rp150000000000000 dan 08123456789012345');
    undo2();
    expect(kept.join('')).toBe('Rp150000000000000 dan 08123456789012345');
  });

  it('is installed by the server and the command line before anything is written', () => {
    const masked = `${DEMO_CITIZEN.nik.slice(0, 4)}********${DEMO_CITIZEN.nik.slice(12)}`;
    const env = { PATH: process.env.PATH, DATA_DIR: join(scratch, 'never') };
    // Each process echoes what it was given without masking it: the output stream must.
    const server = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: projectRoot, env: { ...env, BALAI_PUBLIC_URL: `x${DEMO_CITIZEN.nik}` }, encoding: 'utf8', timeout: 60_000 });
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', `cek-${DEMO_CITIZEN.nik}`], { cwd: projectRoot, env, encoding: 'utf8', timeout: 60_000 });
    expect(server.status).toBe(1);
    expect(server.stderr).toContain(`BALAI_PUBLIC_URL: "x${masked}"`);
    expect(cli.stderr).toContain(`Perintah tidak dikenal: cek-${masked}`);
    for (const run of [server, cli]) expect(run.stdout + run.stderr).not.toContain(DEMO_CITIZEN.nik);
  }, 150_000);
});
