import { AppError } from '../../platform/http/errors.js';
import { besideModule } from '../../platform/paths.js';
import { runInWorker, WorkerStopped } from '../../platform/workers/run.js';
import { SPREADSHEET_LIMITS } from '../population/transfer/index.js';
import type { RegistryFile, RegistryPerson } from './registry-file.js';

const WORKER = besideModule('./registry-worker', import.meta.url);

/**
 * The civil registry's file read and checked in a worker thread, with the spreadsheet reader's
 * time and memory limits: no upload holds the server's event loop, which every village shares.
 */
export async function readRegistryUpload(bytes: Buffer, fileName: string, today: string): Promise<RegistryFile> {
  const persons: RegistryPerson[] = [];
  try {
    const rest = await runInWorker<Omit<RegistryFile, 'persons'>>(
      WORKER,
      { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), today },
      { timeoutMs: SPREADSHEET_LIMITS.parseMs, memoryMb: SPREADSHEET_LIMITS.parseMemoryMb, onPart: (part) => persons.push(...(part as RegistryPerson[])) },
    );
    return { ...rest, persons };
  } catch (err) {
    if (err instanceof WorkerStopped) {
      throw new AppError(422, 'file_unreadable', err.reason === 'timeout' ? 'import.parse_timeout' : 'import.parse_too_big', { field: 'file', file: fileName }, 'file');
    }
    throw err;
  }
}
