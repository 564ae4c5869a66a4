import { serveWorker } from '../../../platform/workers/serve.js';
import { parseSpreadsheet, ROWS_PER_PART, type Meter } from './read-sheet.js';

/** The worker thread of `readSpreadsheet`: parses the upload, sends its rows in parts, then the rest. */
serveWorker(async (input: { bytes: Uint8Array }, sendPart) => {
  const meter: Meter = { units: 0 };
  const { rows, ...sheet } = await parseSpreadsheet(Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength), meter);
  for (let i = 0; i < rows.length; i += ROWS_PER_PART) sendPart(rows.slice(i, i + ROWS_PER_PART));
  return { ...sheet, work: meter.units };
});
