import { createReadStream, createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { serveWorker } from '../../../platform/workers/serve.js';
import { writeRegisterPdf } from './buku-induk-pdf.js';
import { opensidWorkbook, registerWorkbook, type RegisterHeading, type RegisterRow } from './sheets.js';

/**
 * Export files built in a worker thread (export.service.ts starts it), so a village of
 * 70,000 people never stalls the server's event loop. The rows come from a file, one JSON
 * line each; the result goes to a file. The PDF streams (rows read twice: count the pages,
 * then write them); the workbooks hold their rows in this thread's own, capped heap.
 */
export type ExportJob = { rowsPath: string; outPath: string } & (
  | { kind: 'register-pdf' | 'register-xlsx'; heading: RegisterHeading; paper: 'a4' | 'f4' }
  | { kind: 'opensid-xlsx' }
);

serveWorker(async (job: ExportJob) => {
  async function* rows<T>(): AsyncGenerator<T> {
    for await (const line of createInterface({ input: createReadStream(job.rowsPath), crlfDelay: Infinity })) if (line) yield JSON.parse(line) as T;
  }
  if (job.kind === 'register-pdf') {
    await writeRegisterPdf(job.heading, () => rows<RegisterRow>(), job.paper, createWriteStream(job.outPath, { mode: 0o600 }));
    return {};
  }
  const all: unknown[] = [];
  for await (const r of rows()) all.push(r);
  const bytes = job.kind === 'register-xlsx' ? await registerWorkbook(job.heading, all as RegisterRow[], job.paper) : await opensidWorkbook(all as string[][]);
  await writeFile(job.outPath, bytes, { mode: 0o600 });
  return {};
});
