import { serveWorker } from '../../platform/workers/serve.js';
import { renderCardsPdf, type CardSheetInput } from './card-pdf.js';

/** Farmer cards drawn in a worker thread (card.pages.tsx starts it): a Poktan's sheet never holds up the server. */
serveWorker((input: CardSheetInput) => renderCardsPdf(input));
