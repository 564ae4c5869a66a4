import { serveWorker } from '../../platform/workers/serve.js';
import { auditWorkbook, type AuditWorkbookInput } from './audit-workbook.js';

/** The audit log's Excel file, written in a worker thread (audit.service.ts starts it): a year of a region's entries is too much work for the event loop. */
serveWorker((input: AuditWorkbookInput) => auditWorkbook(input));
