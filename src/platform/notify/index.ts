export * from './outbox.js';
export * from './channels.js';
export * from './channels-from-env.js';
export * from './worker.js';
