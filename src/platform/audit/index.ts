export * from './audit.js';
export * from './access-log.js';
