import { besideModule } from '../paths.js';
import { runInWorker } from '../workers/run.js';
import type { RegisterBook, RegisterLine } from './register-book.js';

const WORKER = besideModule('./register-book-worker', import.meta.url);

/**
 * A register book's PDF made off the request path, in a worker thread with a time and heap
 * limit: a year of a busy village's letters is a few hundred pages of pdfkit drawing, which
 * would otherwise hold every other user's request for seconds.
 */
export const registerBookPdf = (book: RegisterBook, rows: RegisterLine[]) => runInWorker<Uint8Array>(WORKER, { book, rows }, { timeoutMs: 120_000, memoryMb: 512 });
