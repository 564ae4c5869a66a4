export { registerAnnouncementPages } from './announcements.pages.js';
