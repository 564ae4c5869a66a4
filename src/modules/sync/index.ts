export { registerSyncRoutes } from './sync.routes.js';
export { registerSyncPages } from './sync.pages.js';
export { startSyncSchedule } from './schedule.js';
export { assertLettersSignedHere, lettersAreSignedAtCopy } from './sync-keys.js';
export { SYNC_HELP, syncCommand } from './sync.command.js';
export { ensureCapture } from './copy-sync.js';
