export {
  activateVillage, getVillage, updateVillageProfile, setVillageLogo, getVillageLogo, addVillageArea,
  browseRegion, listActivatedVillages, detectImageType,
} from './villages.service.js';
export { findVillage, backdateActivation, findLogo, provincesWithVillages } from './villages.repository.js';
export { registerVillageRoutes } from './villages.routes.js';
export { registerVillagePages } from './villages.pages.js';
export { activeVillage, villageInScope, villageScope } from './village-scope.js';
export { listOfficials, saveOfficial, signerOfUser, activeHead, activeOfficial, activeOfficials, registerSignature, POSITIONS, type OfficialSigner, type OfficialInput } from './officials.js';
export { registerOfficialPages } from './officials.pages.js';
