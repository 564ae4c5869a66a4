import { serveWorker } from '../../platform/workers/serve.js';
// The population import's spreadsheet reader, used as it is: the same bounds on what a file may cost.
import { parseSpreadsheet, ROWS_PER_PART } from '../population/transfer/read-sheet.js';
import { readRegistryFile } from './registry-file.js';

/**
 * The worker thread of `readRegistryUpload`: parses the civil registry's file and checks its
 * rows (registry-file.ts), then sends the persons in parts and the rest as its answer.
 */
serveWorker(async (input: { bytes: Uint8Array; today: string }, sendPart) => {
  const sheet = await parseSpreadsheet(Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength));
  const { persons, ...rest } = readRegistryFile(sheet, input.today);
  for (let i = 0; i < persons.length; i += ROWS_PER_PART) sendPart(persons.slice(i, i + ROWS_PER_PART));
  return rest;
});
