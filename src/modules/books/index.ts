export { registerBookPages } from './books.pages.js';
export { DERIVED_BOOKS, SHELF } from './catalogue.js';
