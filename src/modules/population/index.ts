export { registerPopulationRoutes } from './population.routes.js';
export { registerResident, correctResident, getResident, listResidents, residentAccessLog } from './residents.service.js';
export { recordStatusEvent, recordBirth, recordMoveIn } from './events.service.js';
export { getFamily, listFamilies, changeHead, moveMember, splitFamily } from './families.service.js';
export { monthlyPopulationReport } from './report.service.js';
export { maskNik, parseNik, nikWarnings } from './nik.js';
export { CODE_LISTS, codeLabel } from './codes.js';
export { registerPopulationPages } from './population.pages.js';
export { findFamilyIdByKk } from './families.service.js';
