export { registerWebsitePages } from './site.pages.js';
export { siteRequest } from './domains.js';
export { registerWebsiteRoutes } from './site.routes.js';
