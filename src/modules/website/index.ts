export { registerWebsitePages } from './site.pages.js';
export { siteRequest } from './domains.js';
export { registerWebsiteRoutes } from './site.routes.js';
export { resolveSite, type SiteContext } from './public-site.service.js';
export { SiteLayout, SITE_TEXT, siteOrigin } from './views/site-layout.js';
export { SITE_HEADERS } from './views/public-pages.js';
