export { registerOfflineRoutes } from './offline.routes.js';
export { deviceKey, KEY_PERIOD_MS } from './device-key.js';
