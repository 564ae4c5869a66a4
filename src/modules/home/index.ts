export { registerHomePage } from './home.pages.js';
export { GettingStarted, VillageStarting } from './getting-started.js';
