import { serveWorker } from '../../platform/workers/serve.js';
import { renderBeritaAcara, type BeritaAcaraInput } from './berita-acara.js';

/** A TPS's (or the total's) berita acara, drawn in a worker thread (results.pages.tsx starts it): never on the server's event loop. */
serveWorker((input: BeritaAcaraInput) => renderBeritaAcara(input));
