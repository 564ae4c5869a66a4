import { serveWorker } from '../../../platform/workers/serve.js';
import { siskeudesWorkbook, type WorkbookInput } from './workbook.js';

/** The Siskeudes export's workbook, written in a worker thread (export.service.ts starts it): never on the server's event loop. */
serveWorker((input: WorkbookInput) => siskeudesWorkbook(input));
