export { registerCivilRegistryPages } from './civil-registry.pages.js';
export { exportChanges, reportFile } from './reports.service.js';
export { compareFile, applyCorrections } from './reconcile.service.js';
