import { serveWorker } from '../../../platform/workers/serve.js';
import { parseSpreadsheet, ROWS_PER_PART, type Meter } from './read-sheet.js';
import { parseFile } from './validate.js';

/**
 * The worker thread of `readSpreadsheet`: parses the upload, sends its rows in parts, then
 * the rest. Given `today`, it also checks the rows as a population file (`parseFile`) and
 * sends the checked rows instead.
 */
serveWorker(async (input: { bytes: Uint8Array; today?: string }, sendPart) => {
  const meter: Meter = { units: 0 };
  const sheet = await parseSpreadsheet(Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength), meter);
  const { rows, ...rest } = input.today === undefined ? sheet : { ...parseFile(sheet, input.today), threadId: sheet.threadId };
  for (let i = 0; i < rows.length; i += ROWS_PER_PART) sendPart(rows.slice(i, i + ROWS_PER_PART));
  return { ...rest, work: meter.units };
});
