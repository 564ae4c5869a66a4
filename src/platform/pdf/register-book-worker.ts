import { serveWorker } from '../workers/serve.js';
import { registerBookBytes, type RegisterBook, type RegisterLine } from './register-book.js';

/** A register book drawn in a worker thread (register-book-job.ts starts it): never on the server's event loop. */
serveWorker((job: { book: RegisterBook; rows: RegisterLine[] }) => registerBookBytes(job.book, job.rows));
