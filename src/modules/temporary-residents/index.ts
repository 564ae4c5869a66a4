export { registerTemporaryResidentPages } from './temporary-residents.pages.js';
export { recordStay, recordDeparture, correctStay } from './register.service.js';
export { countStays, stayRows, identityOf, hostText, citizenshipText, type StayRow } from './rows.js';
