export { registerFarmerPages } from './farmers.pages.js';
export { registerFarmerRoutes } from './farmers.routes.js';
export { registerFarmer, listFarmers, farmerPage, parseCardCode } from './farmers.service.js';
export { createGroup, addGroupMember, setGroupLeader } from './groups.service.js';
export { draftRdkk, advanceRdkk } from './rdkk.service.js';
export { registerKiosk, redeem, lookupCard } from './kiosks.service.js';
export { SEASONS, SEASON_LABEL, seasonOf } from './catalog.js';
export { farmerDashboard, type FarmerDashboard } from './figures.service.js';
