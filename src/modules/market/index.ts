export { registerMarketPages } from './market.pages.js';
export { registerOwnShop, registerVillageSeller, decideSeller } from './sellers.service.js';
export { addProduct } from './products.service.js';
export { placeOrder, buyerOf } from './orders.service.js';
