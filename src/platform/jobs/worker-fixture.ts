import type { MessagePort } from 'node:worker_threads';
import { isMainThread } from 'node:worker_threads';

/** A task for worker.test.ts: says where it runs, waits for one message, or spins forever. */
export async function run(input: { n: number; spin?: boolean }, send: (m: unknown) => void, port: MessagePort) {
  if (input.spin) for (;;);
  send({ mainThread: isMainThread });
  const got = await new Promise((r) => port.once('message', r));
  return { twice: input.n * 2, got };
}
