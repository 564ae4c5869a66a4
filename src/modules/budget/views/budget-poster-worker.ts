import { serveWorker } from '../../../platform/workers/serve.js';
import { renderBudgetPoster, type PosterInput } from './budget-poster.js';

/** The APBDes poster, drawn in a worker thread (budget.pages.tsx starts it): never on the server's event loop. */
serveWorker((input: PosterInput) => renderBudgetPoster(input));
