export { registerAssetPages } from './assets.pages.js';
export { addItem, disposeItem, changeCondition } from './items.service.js';
export { addParcel, addHolding } from './land.service.js';
