import { serveWorker } from '../workers/serve.js';
import type { RegisterBook, RegisterLine } from '../pdf/register-book.js';
import { registerWorkbookBytes } from './register-workbook.js';

/** A register book's workbook written in a worker thread (register-workbook-job.ts starts it). */
serveWorker((job: { book: RegisterBook; rows: RegisterLine[]; sheet?: string }) => registerWorkbookBytes(job.book, job.rows, job.sheet));
