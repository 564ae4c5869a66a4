export { registerFeedRoutes } from './feed.routes.js';
export { readFeed, type FeedEntry, type FeedPage } from './feed.service.js';
