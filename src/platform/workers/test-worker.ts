import { threadId } from 'node:worker_threads';
import { badRequest } from '../http/errors.js';
import { serveWorker } from './serve.js';

/** A worker for `run.test.ts`: answers, fails, loops for ever or eats memory, as asked. */
serveWorker(async (input: { act: 'answer' | 'refuse' | 'spin' | 'eat' }, sendPart) => {
  if (input.act === 'refuse') throw badRequest('import.file_type', 'file');
  if (input.act === 'spin') for (;;);
  if (input.act === 'eat') {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array(1e6).fill(hoard.length));
  }
  sendPart('first');
  sendPart('second');
  return { threadId };
});
