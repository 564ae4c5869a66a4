import { Worker, type MessagePort } from 'node:worker_threads';

/**
 * CPU-heavy work (a PDF of 70,000 residents, a big workbook) in a worker thread, so that the
 * event loop keeps serving everyone else. A task is a module exporting
 * `run(input, send, port)`; it gets its input by value and talks back through `send`, and
 * the caller may feed it more through `post` (rows page by page: bounded memory).
 * The thread gets a heap limit and a time limit; past either it is stopped and the call fails.
 */

export interface WorkerTask<T> {
  /** What the task returned. */
  result: Promise<T>;
  /** Sends the task a message (its `port` receives it). */
  post(message: unknown): void;
  /** Stops the thread at once. */
  stop(): Promise<void>;
}

export interface WorkerOptions {
  timeoutMs: number;
  /** The thread's old-generation heap, in MB. */
  maxHeapMb?: number;
  onMessage?: (message: any) => void;
}

const BOOT = new URL('./worker-boot.mjs', import.meta.url);

export class WorkerFailed extends Error {}

export function startWorker<T>(module: URL, input: unknown, options: WorkerOptions): WorkerTask<T> {
  const worker = new Worker(BOOT, {
    workerData: { module: module.href, input },
    resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 256 },
    // The parent's --import/--loader flags (tsx) would load a second time; boot registers tsx itself.
    execArgv: [],
  });
  let timer: NodeJS.Timeout | undefined;
  const result = new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    timer = setTimeout(() => settle(() => reject(new WorkerFailed(`worker timed out after ${options.timeoutMs} ms`))), options.timeoutMs);
    worker.on('message', (m: { type: string; value?: T; error?: string; message?: unknown }) => {
      if (m.type === 'message') options.onMessage?.(m.message);
      else if (m.type === 'done') settle(() => resolve(m.value as T));
      else if (m.type === 'failed') settle(() => reject(new WorkerFailed(m.error)));
    });
    worker.on('error', (err) => settle(() => reject(new WorkerFailed(err.message))));
    worker.on('exit', (code) => settle(() => reject(new WorkerFailed(`worker stopped (exit code ${code})`))));
  });
  return {
    result,
    post: (message) => worker.postMessage(message),
    stop: async () => {
      await worker.terminate();
    },
  };
}

/** What a task module exports. */
export type TaskRun<I, T> = (input: I, send: (message: unknown) => void, port: MessagePort) => Promise<T>;
