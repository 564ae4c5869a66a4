import { join } from 'node:path';
import { besideModule } from '../paths.js';
import { runInWorker, WorkerStopped } from '../workers/run.js';
import { EsignError, type EsignProvider } from './provider.js';

const WORKER = besideModule('./test-signer-worker', import.meta.url);

/**
 * The test provider ("mode uji"): signs in a worker thread with a certificate issued to the
 * official by this installation's own authority, kept in `dir` (test-certificate.ts). Any
 * passphrase is taken (the caller refuses an empty one): there is no account behind it.
 */
export function testEsignProvider(dir: string): EsignProvider {
  return {
    name: 'uji',
    testMode: true,
    // Made by test-certificate.ts on the first signing.
    authorityFile: join(dir, 'penyedia-uji.pem'),
    async sign(req) {
      try {
        return await runInWorker<Uint8Array>(WORKER, { dir, pdf: req.pdf, signer: req.signer, at: req.at.toISOString(), reason: req.reason, location: req.location }, { timeoutMs: 30_000, memoryMb: 256 });
      } catch (err) {
        if (err instanceof WorkerStopped) throw new EsignError('unavailable', `test provider ${err.reason}`);
        throw err;
      }
    },
  };
}
