export { resolveSession, login, logout, changePassword, LOGIN_LIMITS } from './auth.service.js';
export { createAccount, listAccounts, createAdminFromCli } from './accounts.service.js';
export { hashPassword } from './password.js';
export { findUserByUsername } from './identity.repository.js';
export { registerIdentityRoutes } from './identity.routes.js';
export { registerIdentityPages } from './identity.pages.js';
