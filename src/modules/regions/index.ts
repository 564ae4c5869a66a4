export { normalizeRegionCode, regionKind, regionLevel, parentCode, ancestorCodes, KIND_LABEL, regionTitle } from './region-code.js';
export { getRegion, getRegionWithChildren, listProvinces, searchRegions, parseRegionCodeOrFail } from './regions.service.js';
export { ensureRegionsLoaded } from './load-regions.js';
export { findRegion, findRegions, regionTrail, totalsBelow, type RegionRow, type RegionWithTotals } from './regions.repository.js';
export { registerRegionRoutes } from './regions.routes.js';
