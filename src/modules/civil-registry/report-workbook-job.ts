import { besideModule } from '../../platform/paths.js';
import { runInWorker } from '../../platform/workers/run.js';
import type { ReportSheets } from './report-rows.js';
import type { ReportMeta } from './report-workbook.js';

const WORKER = besideModule('./report-workbook-worker', import.meta.url);

/** A report's Excel made off the request path: ExcelJS on thousands of rows is seconds of CPU. */
export const reportWorkbook = (sheets: ReportSheets, meta: ReportMeta) =>
  runInWorker<Uint8Array>(WORKER, { sheets, meta }, { timeoutMs: 120_000, memoryMb: 512 });
