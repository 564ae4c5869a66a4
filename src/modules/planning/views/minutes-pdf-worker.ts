import { serveWorker } from '../../../platform/workers/serve.js';
import { renderMinutesPdf, type MinutesInput } from './minutes-pdf.js';

/** A meeting's berita acara, drawn in a worker thread (deliberation.pages.tsx starts it): never on the server's event loop. */
serveWorker((input: MinutesInput) => renderMinutesPdf(input));
