export { registerApiTokenPages } from './tokens.pages.js';
export { apiTokenBearer, tokenRefusedPath, TOKEN_REQUESTS_PER_MINUTE } from './bearer.js';
export { createApiToken, revokeApiToken, listApiTokens, TOKEN_PREFIX } from './tokens.service.js';
export { GRANT, grantable } from './grants.js';
