export { registerCorrespondencePages } from './correspondence.pages.js';
export { registerIncoming } from './incoming.service.js';
export { routeIncoming, markRouteDone } from './routing.service.js';
