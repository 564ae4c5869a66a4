export { registerNotificationPages } from './notifications.pages.js';
export { maskRecipient } from './mask.js';
