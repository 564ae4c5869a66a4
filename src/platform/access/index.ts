export * from './access.js';
export * from './permissions.js';
export * from './roles.js';
export * from './route-access.js';
