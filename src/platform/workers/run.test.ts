import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.js';
import { runInWorker, WorkerStopped } from './run.js';

const WORKER = new URL('./test-worker.ts', import.meta.url);
const run = (act: string, timeoutMs = 60_000, memoryMb = 64) => {
  const parts: unknown[] = [];
  return { parts, done: runInWorker<{ threadId: number }>(WORKER, { act }, { timeoutMs, memoryMb, onPart: (p) => parts.push(p) }) };
};

describe('runInWorker', () => {
  it('runs TypeScript in another thread (under vitest as under tsx) and passes parts in order, then the answer', async () => {
    const { parts, done } = run('answer');
    const answer = await done;
    expect(answer.threadId).toBeGreaterThan(0); // the main thread's id is 0
    expect(parts).toEqual(['first', 'second']);
  });

  it("brings the worker's AppError back as an AppError for the user", async () => {
    const err = await run('refuse').done.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).key).toBe('import.file_type');
    expect((err as AppError).field).toBe('file');
  });

  it('stops a worker that never ends at its time limit, and the event loop turns all the while', async () => {
    let ticks = 0;
    let settled = false;
    const tick = () => {
      ticks++;
      if (!settled) setImmediate(tick);
    };
    setImmediate(tick);
    const err = await run('spin', 1500).done.catch((e: unknown) => e);
    settled = true;
    expect(err).toEqual(new WorkerStopped('timeout'));
    // A loop in this thread would have allowed no turn at all.
    expect(ticks).toBeGreaterThan(100);
  });

  it('ends a worker that outgrows its memory without harming this process', async () => {
    const err = await run('eat', 60_000, 32).done.catch((e: unknown) => e);
    expect(err).toEqual(new WorkerStopped('crashed'));
    expect((await run('answer').done).threadId).toBeGreaterThan(0);
  });
});
