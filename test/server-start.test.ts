import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFailureMessage } from '../src/platform/startup.js';
import { startServer, type ServerProcess } from './support/server-process.js';

/** What the person starting Balai reads: one line when it cannot start, one when it stops. */

const dataDir = mkdtempSync(join(tmpdir(), 'balai-start-'));
const env = { DATA_DIR: dataDir, BACKUP_KEEP: '0', BALAI_DEMO: '0', DATABASE_URL: '' };
let first: ServerProcess | undefined;
afterAll(async () => {
  await first?.crash();
  rmSync(dataDir, { recursive: true, force: true });
});

function runToExit(extra: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(process.execPath, ['--import', 'tsx', join(process.cwd(), 'src', 'server.ts')], { env: { ...process.env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('starting and stopping the server', () => {
  it('a second server on the same data says why in one line, without a stack trace; SIGTERM says it stopped', async () => {
    first = await startServer(env);
    const second = await runToExit({ ...env, PORT: '0' });
    expect(second.code).toBe(1);
    expect(second.output).toMatch(/^Balai tidak dapat dijalankan: Server Balai sedang berjalan \(PID \d+\)/m);
    expect(second.output).not.toMatch(/^\s+at /m);
    expect(first.alive()).toBe(true);

    await first.stop();
    expect(first.log()).toMatch(/Balai berhenti\./);
  }, 300_000);

  it('a port in use is named, with what to do', () => {
    const taken = Object.assign(new Error('listen EADDRINUSE: address already in use :::3000'), { code: 'EADDRINUSE', port: 3000 });
    expect(startFailureMessage(taken)).toMatch(/^Port 3000 sudah dipakai program lain.*PORT=3001/);
    expect(startFailureMessage(new Error('koneksi ditolak'))).toBe('koneksi ditolak');
  });
});
