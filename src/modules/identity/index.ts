export {
  resolveSession, login, logout, changePassword, LOGIN_LIMITS, LOGIN_WINDOW_MINUTES, CITIZEN_SESSION_HOURS,
  startCitizenSession, endCitizenSessions, toCitizenActor, currentActor,
} from './auth.service.js';
export { clearAccountAttempts } from '../../platform/attempts.js';
export { reserveGuess, settleSuccess, sweepStaleAttempts } from './lockout.js';
export { setSessionCookie, clearSessionCookie, sessionToken } from './session-cookie.js';
export { decoyHash, verifyPassword } from './password.js';
export { createAccount, listAccounts, createAdminFromCli, prepareCredentials, insertAccount, usernameTaken } from './accounts.service.js';
export { hashPassword } from './password.js';
export { findUserByUsername } from './identity.repository.js';
export { registerIdentityRoutes } from './identity.routes.js';
export { registerIdentityPages } from './identity.pages.js';
export { deactivateAccount, reactivateAccount, issueResetCode, useResetCode, listUnusedAccounts, mayManage, RESET_CODE_HOURS, UNUSED_DAYS } from './account-lifecycle.service.js';
