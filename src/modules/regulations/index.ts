export { registerRegulationPages } from './regulations.pages.js';
export { recordRegulation, revokeRegulation, correctRegulation } from './register.service.js';
