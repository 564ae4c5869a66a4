import { serveWorker } from '../../platform/workers/serve.js';
import { agendaSheet, type AgendaSheetRow } from './agenda-workbook.js';

/** The agenda book's workbook written in a worker thread (agenda.service.ts starts it): a busy year is seconds of work off the event loop. */
serveWorker((job: { heading: [string, string]; rows: AgendaSheetRow[] }) => agendaSheet(job.heading, job.rows));
