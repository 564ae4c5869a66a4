// The first file of every worker thread: the server runs TypeScript through tsx (and the
// tests through vitest), but a new thread starts bare, so it registers tsx itself before
// loading the task's module.
import { workerData, parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { run } = await import(workerData.module);
try {
  parentPort.postMessage({ type: 'done', value: await run(workerData.input, (message) => parentPort.postMessage({ type: 'message', message }), parentPort) });
} catch (err) {
  parentPort.postMessage({ type: 'failed', error: err instanceof Error ? err.message : String(err) });
}
