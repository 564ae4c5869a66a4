import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import { inBackground } from '../db/background.js';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';

/**
 * Long jobs in the database (migration 0017): any process shows a job's progress, exactly
 * one process runs it (claimed with FOR UPDATE SKIP LOCKED), and a job whose process died
 * is claimed again by another (or by this one after a restart) — or, after MAX_ATTEMPTS
 * starts, failed cleanly. A job's input rows wait in `job_rows`, written in short statements.
 */

export type JobStatus = 'staging' | 'ready' | 'queued' | 'running' | 'done' | 'failed' | 'expired';

export interface JobRow<I = Record<string, unknown>> {
  village_code: string;
  id: string;
  kind: 'population.import';
  status: JobStatus;
  step: string;
  done: number;
  total: number;
  owner_id: number;
  file_name: string;
  input: I;
  result: Record<string, unknown> | null;
  error: Record<string, unknown> | null;
  runner: string | null;
  attempts: number;
  heartbeat_at: string | null;
  created_at: string;
}

type Q = Kysely<Database> | Transaction<Database>;
const run = async <R>(db: Q, text: string, params: unknown[] = []) => (await db.executeQuery<R>(CompiledQuery.raw(text, params))).rows;

/** This process, as named on the jobs it runs. */
const RUNNER = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
/** A running job whose process has not said it is alive for this long is taken as abandoned. */
const STALE_SECONDS = 30;
/** Started this many times without finishing (its process died each time): failed instead. */
export const MAX_ATTEMPTS = 3;
/** Input rows per `job_rows` row: each write is one short statement. */
const CHUNK_ROWS = 500;

const COLUMNS = `village_code, id, kind, status, step, done, total, owner_id, file_name, input, result, error, runner, attempts, heartbeat_at::text, created_at::text`;

export const newJobId = () => randomBytes(16).toString('base64url');

/** A new job in `staging`: its input rows are written next, then it becomes `ready`. */
export async function createJob(db: Q, job: Pick<JobRow, 'village_code' | 'id' | 'kind' | 'owner_id' | 'file_name' | 'total' | 'input'>) {
  await run(
    db,
    `insert into jobs (village_code, id, kind, owner_id, file_name, total, input) values ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
    [job.village_code, job.id, job.kind, job.owner_id, job.file_name, job.total, JSON.stringify(job.input)],
  );
}

/** Writes the job's input rows, CHUNK_ROWS to a statement; between statements others get the database. */
export async function stageRows(db: Q, village: string, id: string, rows: unknown[]) {
  for (let chunk = 0; chunk * CHUNK_ROWS < rows.length; chunk++) {
    await run(db, `insert into job_rows (village_code, job_id, chunk, rows) values ($1, $2, $3, $4::jsonb)`, [village, id, chunk, JSON.stringify(rows.slice(chunk * CHUNK_ROWS, (chunk + 1) * CHUNK_ROWS))]);
  }
}

/** The job's input rows, a chunk per statement, in order. */
export async function readRows<T>(db: Q, village: string, id: string): Promise<T[]> {
  const out: T[] = [];
  for (let chunk = 0; ; chunk++) {
    const [row] = await run<{ rows: T[] }>(db, `select rows from job_rows where village_code = $1 and job_id = $2 and chunk = $3`, [village, id, chunk]);
    if (!row) return out;
    for (const r of row.rows) out.push(r);
  }
}

export async function dropRows(db: Q, village: string, id: string) {
  await run(db, `delete from job_rows where village_code = $1 and job_id = $2`, [village, id]);
}

/** A job of this village; `owner` limits it to one user's (anyone else's is as good as absent). */
export async function findJob<I>(db: Q, village: string, id: string, owner?: number): Promise<JobRow<I> | null> {
  const rows = await run<JobRow<I>>(db, `select ${COLUMNS} from jobs where village_code = $1 and id = $2 and ($3::int8 is null or owner_id = $3)`, [village, id, owner ?? null]);
  return rows[0] ?? null;
}

/** Moves a job from one status to another; false when it was not in `from` (someone else did it first). */
export async function moveJob(db: Q, village: string, id: string, from: JobStatus, to: JobStatus, extra: { input?: unknown } = {}): Promise<boolean> {
  const rows = await run(
    db,
    `update jobs set status = $4, input = coalesce($5::jsonb, input), updated_at = now() where village_code = $1 and id = $2 and status = $3 returning id`,
    [village, id, from, to, extra.input === undefined ? null : JSON.stringify(extra.input)],
  );
  return rows.length > 0;
}

/** How many jobs wait or run, everywhere: many at once means the server is overloaded. */
export async function busyJobs(db: Q): Promise<number> {
  const [r] = await run<{ n: number }>(db, `select count(*)::int as n from jobs /* cross-village: load of the whole server */ where status in ('queued', 'running')`);
  return r?.n ?? 0;
}

/**
 * Takes one job to run: a queued one (unless another job of its village is running), or a
 * running one whose process went quiet. Other processes skip the row while this one holds
 * it, so each job is taken once.
 */
export async function claimJob(db: Kysely<Database>, runner = RUNNER): Promise<JobRow | null> {
  const rows = await run<Pick<JobRow, 'village_code' | 'id'>>(
    db,
    `update jobs j set status = 'running', runner = $1, attempts = j.attempts + 1, heartbeat_at = now(), updated_at = now()
     from (select q.village_code, q.id from jobs q /* cross-village: any process runs any village's job */
           where (q.status = 'queued'
                  -- one job at a time per village: a queued one waits while another of its village runs
                  and not exists (select 1 from jobs r where r.village_code = q.village_code and r.status = 'running'
                                  and r.heartbeat_at >= now() - make_interval(secs => $2)))
              or (q.status = 'running' and q.heartbeat_at < now() - make_interval(secs => $2))
           order by q.created_at limit 1 for update of q skip locked) c
     where j.village_code = c.village_code and j.id = c.id
     returning j.village_code, j.id`,
    [runner, STALE_SECONDS],
  );
  if (!rows[0]) return null;
  // Read back apart: Citus allows no time-zone-dependent cast (::text) in an UPDATE's RETURNING.
  const claimed = await run<JobRow>(db, `select ${COLUMNS} from jobs where village_code = $1 and id = $2`, [rows[0].village_code, rows[0].id]);
  return claimed[0] ?? null;
}

/** Every running job back to the queue: for a process that knows it is the only one (PGlite) at its start. */
export async function requeueRunning(db: Kysely<Database>) {
  await run(db, `update jobs set status = 'queued', runner = null, updated_at = now() /* cross-village: this process is the only one */ where status = 'running' returning village_code`);
}

/** Progress, and proof that the runner lives; false when the job is no longer this runner's. */
async function reportProgress(db: Q, job: Pick<JobRow, 'village_code' | 'id'>, step: string, done: number, total: number, runner = RUNNER): Promise<boolean> {
  const rows = await run(
    db,
    `update jobs set step = $3, done = $4, total = $5, heartbeat_at = now(), updated_at = now() where village_code = $1 and id = $2 and status = 'running' and runner = $6 returning id`,
    [job.village_code, job.id, step, done, total, runner],
  );
  return rows.length > 0;
}

/** The outcome, written in the caller's transaction together with what it describes (a restarted job finds it). */
export async function recordResult(db: Q, village: string, id: string, result: unknown) {
  await run(db, `update jobs set result = $3::jsonb, updated_at = now() where village_code = $1 and id = $2`, [village, id, JSON.stringify(result)]);
}

/** The job's end: done with its result, or failed with its error; its input rows are dropped. */
export async function finishJob(db: Q, job: Pick<JobRow, 'village_code' | 'id'>, outcome: { result: unknown } | { error: unknown }, runner = RUNNER) {
  const failed = 'error' in outcome;
  await run(
    db,
    `update jobs set status = $3, result = $4::jsonb, error = $5::jsonb, input = input - 'actor', heartbeat_at = now(), updated_at = now()
     where village_code = $1 and id = $2 and status = 'running' and runner = $6`,
    [job.village_code, job.id, failed ? 'failed' : 'done', failed ? null : JSON.stringify(outcome.result), failed ? JSON.stringify(outcome.error) : null, runner],
  );
  await dropRows(db, job.village_code, job.id);
}

/**
 * Previews never confirmed within `maxAgeSeconds` expire and their input rows (personal
 * data) go; so do those of jobs that ended without dropping them (a process died in between).
 */
export async function expireJobs(db: Kysely<Database>, maxAgeSeconds: number) {
  const gone = await run<{ village_code: string; id: string }>(
    db,
    `update jobs set status = 'expired', input = '{}'::jsonb, updated_at = now() /* cross-village: housekeeping for every village */
     where status in ('staging', 'ready') and created_at < now() - make_interval(secs => $1) returning village_code, id`,
    [maxAgeSeconds],
  );
  for (const j of gone) await dropRows(db, j.village_code, j.id);
}

/** What a job handler gets: its job, and a progress reporter that also keeps the heartbeat. */
export interface JobRun {
  job: JobRow;
  progress(step: string, done: number, total: number): void;
}

export type JobHandler = ((db: Db, run: JobRun) => Promise<{ result: unknown } | { error: unknown }>) & {
  /** Undoes what earlier starts of a job left half-done, when the job is given up without running again. */
  discard?: (db: Db, job: JobRow) => Promise<void>;
};

/**
 * Runs claimed jobs one after another until none is left. Progress is written at most
 * every 500 ms, the latest value only, outside the job's own transaction.
 */
export async function runJobs(db: Db, handlers: Record<string, JobHandler>, runner = RUNNER): Promise<number> {
  let ran = 0;
  for (;;) {
    const job = await claimJob(db.kysely, runner);
    if (!job) return ran;
    ran++;
    const handler = handlers[job.kind];
    if (job.attempts > MAX_ATTEMPTS) {
      // What the dead starts left half-done goes before the job is failed.
      await handler?.discard?.(db, job).catch((err) => console.error(`[balai] job ${job.kind} ${job.id} discard: ${(err as Error).message}`));
      await finishJob(db.kysely, job, { error: { key: 'import.interrupted', params: {} } }, runner);
      continue;
    }
    if (!handler) {
      await finishJob(db.kysely, job, { error: { key: 'error.internal', params: {} } }, runner);
      continue;
    }
    let latest: [string, number, number] | null = null;
    let writing: Promise<unknown> | null = null;
    let last = 0;
    const flush = () => {
      if (writing || !latest) return;
      const [step, done, total] = latest;
      latest = null;
      last = Date.now();
      writing = reportProgress(db.kysely, job, step, done, total, runner)
        .catch(() => {})
        .finally(() => {
          writing = null;
          if (latest && Date.now() - last >= 500) flush();
        });
    };
    // The heartbeat goes on while the job works, even in a long step without progress to tell.
    const beat = setInterval(() => {
      latest ??= [job.step, job.done, job.total];
      flush();
    }, (STALE_SECONDS * 1000) / 3);
    try {
      // Nobody waits at a screen for a job's statements: on PGlite they give way to requests.
      const outcome = await inBackground(() => handler(db, {
        job,
        progress(step, done, total) {
          Object.assign(job, { step, done, total });
          latest = [step, done, total];
          if (Date.now() - last >= 500) flush();
        },
      }));
      clearInterval(beat);
      await writing;
      // The last progress may still be held back by the throttle: the finished job shows it.
      latest ??= [job.step, job.done, job.total];
      flush();
      await writing;
      await finishJob(db.kysely, job, outcome, runner);
    } catch (err) {
      clearInterval(beat);
      await writing;
      console.error(`[balai] job ${job.kind} ${job.id} failed: ${(err as Error).message}`);
      await finishJob(db.kysely, job, { error: { key: 'error.internal', params: {} } }, runner).catch(() => {});
    }
  }
}
