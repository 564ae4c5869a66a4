import { serveWorker } from '../../platform/workers/serve.js';
import type { ReportSheets } from './report-rows.js';
import { reportWorkbookBytes, type ReportMeta } from './report-workbook.js';

/** A report's workbook written in a worker thread (report-workbook-job.ts starts it). */
serveWorker((job: { sheets: ReportSheets; meta: ReportMeta }) => reportWorkbookBytes(job.sheets, job.meta));
