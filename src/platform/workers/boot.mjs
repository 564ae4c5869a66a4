// The first module of every worker thread. The server and the tests run TypeScript through
// tsx, but a worker starts as plain Node, and Node 20 does not apply the parent's `--import`
// hooks to a worker's entry: register tsx here, then load the TypeScript module asked for.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
