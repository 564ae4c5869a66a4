export { registerTourismPages } from './tourism.pages.js';
export { addListing } from './listings.service.js';
