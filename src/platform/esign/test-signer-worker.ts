import { serveWorker } from '../workers/serve.js';
import { signWithTestCertificate } from './test-certificate.js';

/** The test provider's signing in a worker thread (test-provider.ts starts it): RSA keys and PKCS#7 are made off the event loop. */
serveWorker(signWithTestCertificate);
