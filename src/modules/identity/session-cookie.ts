import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../../platform/http/app.js';
import { SESSION_HOURS } from './auth.service.js';

/** HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site posts), Secure behind HTTPS. */
export function setSessionCookie(c: Context, token: string, secure: boolean, hours = SESSION_HOURS) {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: hours * 3600 });
}

export function clearSessionCookie(c: Context) {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

export const sessionToken = (c: Context) => getCookie(c, SESSION_COOKIE) ?? '';
