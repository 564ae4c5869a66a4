import { describe, expect, it } from 'vitest';
import { startWorker, WorkerFailed } from './worker.js';

const FIXTURE = new URL('./worker-fixture.ts', import.meta.url);

describe('worker threads', () => {
  it('runs a TypeScript task off the main thread and talks both ways', async () => {
    const seen: unknown[] = [];
    const task = startWorker<{ twice: number; got: string }>(FIXTURE, { n: 21 }, {
      timeoutMs: 20_000,
      onMessage: (m) => {
        seen.push(m);
        task.post('ping');
      },
    });
    expect(await task.result).toEqual({ twice: 42, got: 'ping' });
    expect(seen).toEqual([{ mainThread: false }]);
  });

  it('stops a task that runs past its time limit, and the event loop stays free meanwhile', async () => {
    const task = startWorker(FIXTURE, { n: 1, spin: true }, { timeoutMs: 1500 });
    // The spinning task cannot stop the main thread's timers from firing.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    await expect(task.result).rejects.toBeInstanceOf(WorkerFailed);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(5);
  });
});
