export { registerCitizenPages } from './citizen.pages.js';
export { loginCitizen, CITIZEN_LOGIN_LIMITS, type CitizenLoginResult } from './citizen-auth.service.js';
export { issuePin, hasPin, isWeakPin, generatePin, setDemoPin } from './pin.service.js';
export { myData, requestCorrection, myCorrections, citizenOf, type MyData } from './self.service.js';
export { listCorrectionRequests, closeCorrectionRequest } from './corrections.service.js';
export { CORRECTION_FIELDS, CORRECTION_FIELD_LABEL } from './citizen.schema.js';
export { selfServiceDossier } from './dossier.js';
export { addCitizenHomeLink, type CitizenHomeLink } from './home-links.js';
