import { errorForLog } from './redact.js';

/**
 * Imported first by the server. Until it listens, a failure — another server holds the
 * data directory, the port is taken, the database cannot be reached — is told to the person
 * starting it in one line, not as a stack trace. After that, an uncaught error is logged the
 * usual safe way (errorForLog: no query values) and ends the process.
 */
let listening = false;

export function startFailureMessage(err: unknown): string {
  const e = err as NodeJS.ErrnoException & { port?: number };
  if (e?.code === 'EADDRINUSE') {
    return `Port ${e.port ?? process.env.PORT ?? 3000} sudah dipakai program lain (mungkin server Balai lain). Hentikan program itu atau pilih port lain, misalnya PORT=3001. (The port is in use.)`;
  }
  return err instanceof Error ? err.message : String(err);
}

process.on('uncaughtException', (err) => {
  if (listening) console.error(`[balai] ${errorForLog(err)}`);
  else console.error(`Balai tidak dapat dijalankan: ${startFailureMessage(err)}`);
  process.exit(1);
});

/** The server listens: from here on, failures are the running server's. */
export function markListening(): void {
  listening = true;
}
