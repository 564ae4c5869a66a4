import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Work nobody is waiting for at a screen (a running import, a big export's reads). On the
 * embedded database, which has one connection, such work takes the connection only when no
 * request has used it for a moment, so a page never queues behind a chain of a job's
 * statements; on PostgreSQL (a pool) it changes nothing.
 */
const lane = new AsyncLocalStorage<true>();

/** Runs `work` (and everything it awaits) as background work. */
export const inBackground = <T>(work: () => Promise<T>): Promise<T> => lane.run(true, work);

export const isBackground = (): boolean => lane.getStore() === true;
