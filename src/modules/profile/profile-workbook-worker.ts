import { serveWorker } from '../../platform/workers/serve.js';
import { profileWorkbookBytes, type ProfileWorkbookInput } from './profile-workbook.js';

/** The profile's workbook written in a worker thread (profile-export.ts starts it). */
serveWorker((input: ProfileWorkbookInput) => profileWorkbookBytes(input));
