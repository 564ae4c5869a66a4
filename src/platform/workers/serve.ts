import { parentPort } from 'node:worker_threads';
import { AppError } from '../http/errors.js';

/**
 * The worker side of `runInWorker`: for each input the parent sends, runs `work`, lets it
 * send parts of its answer as it goes (many small messages keep the parent's event loop
 * free, one huge one would not), then the answer or the error. The worker stays for the
 * next input, so the modules it loaded once serve many calls.
 */
export type WorkerMessage =
  | { kind: 'part'; value: unknown }
  | { kind: 'done'; value: unknown }
  | { kind: 'fail'; app?: { status: AppError['status']; code: string; key: string; params: AppError['params']; field?: string }; message?: string };

export function serveWorker<I, R>(work: (input: I, sendPart: (value: unknown) => void) => Promise<R>): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorker runs only in a worker thread');
  const post = (m: WorkerMessage) => port.postMessage(m);
  port.on('message', (input: I) => {
    work(input, (value) => post({ kind: 'part', value })).then(
      (value) => post({ kind: 'done', value }),
      (err: unknown) => {
        if (err instanceof AppError) post({ kind: 'fail', app: { status: err.status, code: err.code, key: err.key, params: err.params, field: err.field } });
        else post({ kind: 'fail', message: err instanceof Error ? err.message : String(err) });
      },
    );
  });
}
