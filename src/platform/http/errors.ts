import type { MessageKey, Params } from '../i18n/i18n.js';

/** An error meant for the user: an HTTP status, a stable code, a translatable message and the field at fault. */
export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429,
    readonly code: string,
    readonly key: MessageKey,
    readonly params: Params = {},
    readonly field?: string,
  ) {
    super(`${code}: ${key}`);
  }
}

export const badRequest = (key: MessageKey, field?: string, params: Params = {}) =>
  new AppError(400, 'invalid_input', key, { field: field ?? '', ...params }, field);
export const unauthenticated = () => new AppError(401, 'unauthenticated', 'error.unauthenticated');
export const forbidden = (key: MessageKey = 'error.forbidden', params: Params = {}) =>
  new AppError(403, 'forbidden', key, params);
export const notFound = (key: MessageKey = 'error.not_found', params: Params = {}) =>
  new AppError(404, 'not_found', key, params);
export const conflict = (key: MessageKey, field?: string, params: Params = {}) =>
  new AppError(409, 'conflict', key, { field: field ?? '', ...params }, field);
export const tooManyRequests = (key: MessageKey, params: Params = {}) =>
  new AppError(429, 'rate_limited', key, params);

/** The SQLSTATE of `balai_server_only()` (migration 0064): a village copy refusing work that is done on the server. */
export const SERVER_ONLY_SQLSTATE = 'BL001';
