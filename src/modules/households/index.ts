export { registerHouseholdPages } from './households.pages.js';
export { createHousehold, addFamily, removeFamily, setHead, updateHousing, householdList, householdDetail } from './households.service.js';
export { refreshRollup as refreshHouseholdRollup } from './households.repository.js';
