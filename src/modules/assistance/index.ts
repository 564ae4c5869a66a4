export { registerAssistancePages } from './assistance.pages.js';
export { registerAssistanceRoutes } from './assistance.routes.js';
export { createProgramme, generateCandidates, addRecipient, removeRecipient, openMusdesus, adoptList, programmeDetail } from './programme.service.js';
export { recordPayout } from './payout.service.js';
export { previewWelfare, importWelfare } from './welfare-import.service.js';
export { refreshAllRollups as refreshAidRollups } from './assistance.repository.js';
