import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../app.js';
import { Client, createTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { claimJob, MAX_ATTEMPTS, runJobs, type JobRow } from '../../../platform/jobs/jobs.js';
import { opensidPeople } from '../../../../test/support/opensid-people.js';
import { previewJob } from '../../../../test/support/import-preview.js';
import { importHandler } from './import.service.js';
import { opensidCsv } from './sheets.js';

/**
 * Imports as jobs in the database (issue 11 item 5, issue 12 item 3): other users are served
 * while a big import runs, any process shows the job's progress, and a job whose process
 * died is taken over by another, or failed cleanly after too many starts.
 */

const HANURA = '18.09.10.2004';
const BATU_MENYAN = '18.09.10.2001';
const ROWS = 6000;

let t: TestApp;
let batu: Client;
let hanura: Client;

// One generated population cut by family: the big import, then small ones that never meet it.
const population = opensidPeople(BATU_MENYAN, ROWS + 700, 41);
const part = (from: number, to: number) => {
  const cells = population.cells(Math.floor(from * population.families), Math.floor(to * population.families));
  return { rows: cells.length, bytes: opensidCsv(cells) };
};

const preview = (bytes: Buffer) => previewJob(batu, BATU_MENYAN, bytes, 'batu.csv');

const job = async (id: string) => (await sql<JobRow>`select status, done, total, attempts, runner, result, error from jobs where village_code = ${BATU_MENYAN} and id = ${id}`.execute(t.db.kysely)).rows[0]!;
const staged = async (id: string) => Number((await sql<{ n: number }>`select count(*) as n from job_rows where village_code = ${BATU_MENYAN} and job_id = ${id}`.execute(t.db.kysely)).rows[0]!.n);
const residents = async () => Number((await sql<{ n: number }>`select count(*) as n from residents where village_code = ${BATU_MENYAN}`.execute(t.db.kysely)).rows[0]!.n);

async function waitDone(id: string) {
  for (let i = 0; i < 3000; i++) {
    const j = await job(id);
    if (j.status === 'done' || j.status === 'failed') return j;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the job did not end');
}

beforeAll(async () => {
  t = await createTestApp({ population: false });
  [batu, hanura] = await Promise.all([t.login('batumenyan'), t.login('hanura')]);
}, 120_000);
afterAll(() => t?.close());

describe('imports are jobs in the database', () => {
  it('another village is served while a big import runs, and the job shows its progress to any process', async () => {
    const big = part(0, 0.9);
    const id = await preview(big.bytes);
    // The previewed rows wait in the database, a chunk per row, not in this process.
    expect(await staged(id)).toBeGreaterThan(1);
    expect((await job(id)).status).toBe('ready');

    expect((await batu.form(`/desa/${BATU_MENYAN}/penduduk/impor/${id}/jalankan`, {})).status).toBe(303);
    // Hanura's officer keeps loading pages; count those answered while the import was still running.
    let servedDuring = 0;
    let progressSeen = 0;
    for (;;) {
      const res = await hanura.get(`/desa/${HANURA}/penduduk`);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      const j = await job(id);
      if (j.status === 'done' || j.status === 'failed') break;
      servedDuring++;
      if (j.done > 0) progressSeen++;
    }
    expect(servedDuring).toBeGreaterThan(0);

    const done = await job(id);
    expect(done).toMatchObject({ status: 'done', attempts: 1, done: big.rows, total: big.rows });
    expect(done.result).toMatchObject({ inserted: big.rows, updated: 0 });
    expect(await residents()).toBe(big.rows);
    // The personal data staged for the job is gone with it.
    expect(await staged(id)).toBe(0);

    // A second process (a new app on the same database, nothing shared in memory) shows the job.
    const other = new Client(createApp({ db: t.db, secureCookies: false }), batu.cookie, batu.csrf);
    const html = await (await other.get(`/desa/${BATU_MENYAN}/penduduk/impor/${id}`)).text();
    expect(html).toContain('Impor selesai');
    expect(html).toContain(big.rows.toLocaleString('id-ID'));
    // Only its owner sees it: another village's officer gets nothing.
    expect((await hanura.get(`/desa/${BATU_MENYAN}/penduduk/impor/${id}`)).status).toBe(403);
    // Confirming again does nothing.
    expect((await batu.form(`/desa/${BATU_MENYAN}/penduduk/impor/${id}/jalankan`, {})).status).toBe(303);
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 1 });
    expect(await residents()).toBe(big.rows);
  }, 300_000);

  it('a job left running by a dead process is taken over and imported once; one that keeps dying fails cleanly', async () => {
    const before = await residents();
    const small = part(0.9, 0.95);
    const id = await preview(small.bytes);
    // Confirmed, and claimed by a process that then dies (its heartbeat stops).
    await sql`update jobs set status = 'queued', input = input || ${JSON.stringify({ actor: await actorOf('batumenyan'), ip: '127.0.0.1' })}::jsonb
              where village_code = ${BATU_MENYAN} and id = ${id}`.execute(t.db.kysely);
    const dead = await claimJob(t.db.kysely, 'dead-process');
    expect(dead).toMatchObject({ id, runner: 'dead-process', attempts: 1 });
    // Not stale yet: nobody else may take it.
    expect(await claimJob(t.db.kysely, 'other-process')).toBeNull();
    await sql`update jobs set heartbeat_at = now() - interval '1 hour' where village_code = ${BATU_MENYAN} and id = ${id}`.execute(t.db.kysely);

    const handlers = { 'population.import': importHandler };
    expect(await runJobs(t.db, handlers, 'live-process')).toBe(1);
    expect(await job(id)).toMatchObject({ status: 'done', runner: 'live-process', attempts: 2 });
    expect(await residents()).toBe(before + small.rows);
    expect(await staged(id)).toBe(0);

    // A job whose process died MAX_ATTEMPTS times: failed with a message, nothing imported, rows gone.
    const doomed = await preview(part(0.95, 0.97).bytes);
    await sql`update jobs set status = 'running', runner = 'dead-process', attempts = ${MAX_ATTEMPTS}, heartbeat_at = now() - interval '1 hour'
              where village_code = ${BATU_MENYAN} and id = ${doomed}`.execute(t.db.kysely);
    expect(await runJobs(t.db, handlers, 'live-process')).toBe(1);
    expect(await job(doomed)).toMatchObject({ status: 'failed', error: { key: 'import.interrupted' } });
    expect(await residents()).toBe(before + small.rows);
    expect(await staged(doomed)).toBe(0);
    const html = await (await batu.get(`/desa/${BATU_MENYAN}/penduduk/impor/${doomed}`)).text();
    expect(html).toContain('Impor terhenti berulang kali');
  }, 300_000);

  it('processes claiming at once take each queued job exactly once, one job of a village at a time', async () => {
    const ids = [await preview(part(0.97, 0.98).bytes), await preview(part(0.98, 1).bytes)];
    await sql`update jobs set status = 'queued' where village_code = ${BATU_MENYAN} and id in (${sql.join(ids)})`.execute(t.db.kysely);
    const claimAll = async (round: number) =>
      (await Promise.all(Array.from({ length: 6 }, (_, i) => claimJob(t.db.kysely, `process-${round}-${i}`)))).filter((c): c is JobRow => c !== null).map((c) => c.id);
    const first = await claimAll(1);
    expect(first.length).toBeGreaterThanOrEqual(1);
    expect(new Set(first).size).toBe(first.length);
    // While a job of the village runs, the other waits (claims made at the same instant on
    // PostgreSQL may still take both); once it ends, one claimer takes what is left.
    if (first.length === 1) expect(await claimJob(t.db.kysely, 'late-process')).toBeNull();
    await sql`update jobs set status = 'failed' where village_code = ${BATU_MENYAN} and id in (${sql.join(first)})`.execute(t.db.kysely);
    const second = await claimAll(2);
    expect([...first, ...second].sort()).toEqual([...ids].sort());
    // Leave nothing running for the other tests' runner.
    await sql`update jobs set status = 'failed' where village_code = ${BATU_MENYAN} and id in (${sql.join(ids)})`.execute(t.db.kysely);
  }, 120_000);

  it('an officer deactivated after confirming: the job checks the account as it is now and imports nothing', async () => {
    const before = await residents();
    const id = await preview(part(0.97, 0.98).bytes);
    await sql`update jobs set status = 'queued', input = input || ${JSON.stringify({ actor: await actorOf('batumenyan'), ip: '127.0.0.1' })}::jsonb
              where village_code = ${BATU_MENYAN} and id = ${id}`.execute(t.db.kysely);
    await sql`update users set active = false where username = 'batumenyan'`.execute(t.db.kysely);
    try {
      expect(await runJobs(t.db, { 'population.import': importHandler }, 'live-process')).toBe(1);
    } finally {
      await sql`update users set active = true where username = 'batumenyan'`.execute(t.db.kysely);
    }
    expect(await job(id)).toMatchObject({ status: 'failed', error: { key: 'error.forbidden' } });
    expect(await residents()).toBe(before);
    expect(await staged(id)).toBe(0);
  }, 120_000);
});

async function actorOf(username: string) {
  const u = (await sql<{ id: number; full_name: string; role: string; region_code: string }>`select id, full_name, role, region_code from users where username = ${username}`.execute(t.db.kysely)).rows[0]!;
  return { kind: 'user', id: u.id, username, fullName: u.full_name, role: u.role, regionCode: u.region_code, language: 'id' };
}
