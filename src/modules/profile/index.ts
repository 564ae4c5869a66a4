export { registerProfilePages } from './profile.pages.js';
export { villageProfile, saveProfileValue, profileYear } from './profile.service.js';
export { rebuildProfileRollup } from './rollup.js';
export { profileWorkbook } from './profile-export.js';
export { profileDashboard } from './figures.service.js';
export { SECTIONS, MANUAL_ITEMS, MANUAL_KEYS } from './catalog.js';
