import { besideModule } from '../paths.js';
import type { RegisterBook, RegisterLine } from '../pdf/register-book.js';
import { runInWorker } from '../workers/run.js';

const WORKER = besideModule('./register-workbook-worker', import.meta.url);

/** A register book's Excel made off the request path (ExcelJS on a year of rows is seconds of CPU). */
export const registerWorkbook = (book: RegisterBook, rows: RegisterLine[], sheet?: string) =>
  runInWorker<Uint8Array>(WORKER, { book, rows, sheet }, { timeoutMs: 120_000, memoryMb: 512 });
