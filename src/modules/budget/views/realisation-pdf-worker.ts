import { serveWorker } from '../../../platform/workers/serve.js';
import { renderRealisationPdf, type RealisationPdfInput } from './realisation-pdf.js';

/** The realisation report's PDF, drawn in a worker thread (realisation.pages.tsx starts it): never on the server's event loop. */
serveWorker((input: RealisationPdfInput) => renderRealisationPdf(input));
