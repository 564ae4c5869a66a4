import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError } from '../http/errors.js';
import type { MessageKey } from '../i18n/i18n.js';
import { errorForLog } from '../redact.js';
import type { WorkerMessage } from './serve.js';

/**
 * CPU-heavy work on untrusted input (parsing an upload) runs in a worker thread, so that
 * no file can stall the server's event loop, which every user of every village shares.
 * Each call gets a time limit and the worker a heap limit; past either the worker is
 * terminated, and the caller gets a `WorkerStopped` to turn into a message for the user.
 * A worker that finished its call waits for the next one (starting one and loading its
 * modules takes longer than most parses).
 */

export class WorkerStopped extends Error {
  constructor(readonly reason: 'timeout' | 'crashed') {
    super(`worker ${reason}`);
  }
}

export interface WorkerOptions {
  timeoutMs: number;
  /** The worker's heap; a file that needs more ends the worker, not the server. */
  memoryMb: number;
  /** Parts the worker sends before its answer, in order. */
  onPart?: (value: unknown) => void;
}

const BOOT = new URL('./boot.mjs', import.meta.url);
const MAX = Math.max(1, availableParallelism());

// At most one busy worker per core; other calls wait their turn instead of slowing all.
const slots = { free: MAX, waiting: [] as (() => void)[] };
async function slot(): Promise<() => void> {
  if (slots.free > 0) slots.free--;
  else await new Promise<void>((resolve) => slots.waiting.push(resolve));
  return () => {
    const next = slots.waiting.shift();
    if (next) next();
    else slots.free++;
  };
}

/** Idle workers by module and heap limit. Unreferenced: an idle worker never keeps the process alive. */
const idle = new Map<string, Worker[]>();

function takeWorker(key: string, entry: URL, memoryMb: number): Worker {
  const spare = idle.get(key)?.pop();
  if (spare) {
    spare.ref();
    return spare;
  }
  // TypeScript (npm start, the tests) goes through boot.mjs, which registers tsx; the compiled
  // production build (dist/, `npm run build`) starts its JavaScript module directly.
  const compiled = entry.pathname.endsWith('.js');
  const worker = new Worker(compiled ? entry : BOOT, {
    workerData: { entry: entry.href },
    resourceLimits: { maxOldGenerationSizeMb: memoryMb },
    // tsx is registered by boot.mjs; the parent's own loader flags would load it twice.
    execArgv: [],
  });
  // Out of memory, or a module that failed to load (a bug: say so in the log).
  worker.on('error', (err: Error & { code?: string }) => {
    if (err.code !== 'ERR_WORKER_OUT_OF_MEMORY') console.error(`[balai] worker ${entry.pathname.split('/').pop()} failed: ${errorForLog(err)}`);
  });
  worker.on('exit', () => {
    const list = idle.get(key);
    if (list?.includes(worker)) list.splice(list.indexOf(worker), 1);
  });
  return worker;
}

function giveBack(key: string, worker: Worker) {
  const list = idle.get(key) ?? [];
  idle.set(key, list);
  if (list.length >= MAX) {
    void worker.terminate();
    return;
  }
  worker.removeAllListeners('message');
  worker.unref();
  list.push(worker);
}

/** Runs the TypeScript module `entry` (which calls `serveWorker`) on `input` in a worker thread. */
export async function runInWorker<R>(entry: URL, input: unknown, opts: WorkerOptions): Promise<R> {
  const release = await slot();
  const key = `${entry.href}|${opts.memoryMb}`;
  const worker = takeWorker(key, entry, opts.memoryMb);
  try {
    return await new Promise<R>((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void, reusable: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (reusable) giveBack(key, worker);
        else void worker.terminate();
        fn();
      };
      const onError = () => finish(() => reject(new WorkerStopped('crashed')), false);
      const onExit = () => finish(() => reject(new WorkerStopped('crashed')), false);
      const timer = setTimeout(() => finish(() => reject(new WorkerStopped('timeout')), false), opts.timeoutMs);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.on('message', (m: WorkerMessage) => {
        if (settled) return;
        if (m.kind === 'part') opts.onPart?.(m.value);
        else if (m.kind === 'done') finish(() => resolve(m.value as R), true);
        else if (m.app) {
          const a = m.app;
          finish(() => reject(new AppError(a.status, a.code, a.key as MessageKey, a.params, a.field)), true);
        } else finish(() => reject(new Error(m.message)), true);
      });
      worker.postMessage(input);
    });
  } finally {
    release();
  }
}
