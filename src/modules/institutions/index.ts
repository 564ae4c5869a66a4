export { registerInstitutionPages } from './institutions.pages.js';
export { publicInstitutions, refreshInstitutionRollup } from './institutions.service.js';
export { INSTITUTION_KINDS, TRAINING_TOPICS } from './kinds.js';
export { registerInstitutionRoutes } from './institutions.routes.js';
