import type { Db } from '../db/connect.js';
import { expireJobs, requeueRunning, runJobs, type JobHandler } from './jobs.js';

/**
 * The server's job runner: runs what is queued now, then looks every `everyMs` for queued
 * jobs and abandoned ones, and expires unconfirmed previews after an hour. `kick()` runs
 * at once (a job was just confirmed). Returns a stop function that waits for the current job.
 */
function startJobRunner(db: Db, handlers: Record<string, JobHandler>, everyMs: number | undefined) {
  let current: Promise<unknown> = Promise.resolve();
  let again = false;
  let running = false;
  let stopped = false;
  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    current = (async () => {
      do {
        again = false;
        await runJobs(db, handlers).catch((err) => console.error(`[balai] job runner: ${(err as Error).message}`));
      } while (again && !stopped);
      await expireJobs(db.kysely, 3600).catch(() => {});
      running = false;
    })();
  };
  // The embedded database opens in one process at a time: at start, what it left running is orphaned.
  const orphans = everyMs && db.kind === 'pglite' ? requeueRunning(db.kysely) : Promise.resolve();
  const timer = everyMs ? setInterval(kick, everyMs) : undefined;
  timer?.unref();
  void orphans.catch(() => {}).then(kick);
  return {
    kick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}

export type JobRunner = ReturnType<typeof startJobRunner>;
const runners = new WeakMap<Db, JobRunner>();

/**
 * The one runner of this database in this process. The server starts it with `pollMs`, so
 * it also picks up queued and abandoned jobs on its own; tests get it on the first kick.
 */
export function jobRunner(db: Db, handlers: Record<string, JobHandler>, pollMs?: number): JobRunner {
  let r = runners.get(db);
  if (!r) runners.set(db, (r = startJobRunner(db, handlers, pollMs)));
  return r;
}
