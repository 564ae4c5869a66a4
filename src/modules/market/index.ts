export { registerMarketPages } from './market.pages.js';
export { registerOwnShop, registerVillageSeller, decideSeller } from './sellers.service.js';
export { addProduct, preparePhotos, MAX_PHOTOS } from './products.service.js';
export { parseCount, parsePhone } from './catalog.js';
export { placeOrder, buyerOf } from './orders.service.js';
export { inquire, payTransaction } from './agent.service.js';
export { testAgentProvider } from './agent-provider.js';
