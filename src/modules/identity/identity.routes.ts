import { createRoute, z } from '@hono/zod-openapi';
import type { AppServices } from '../../platform/http/env.js';
import { unauthenticated } from '../../platform/http/errors.js';
import { errorResponse, jsonResponse } from '../../platform/http/openapi.js';
import type { Router } from '../../platform/http/router.js';
import { access } from '../../platform/access/route-access.js';
import { createAccount, listAccounts } from './accounts.service.js';
import { changePassword, login, logout } from './auth.service.js';
import { ActorSchema, ChangePasswordInput, CreateAccountInput, LoginInput } from './identity.schema.js';
import { clearSessionCookie, sessionToken, setSessionCookie } from './session-cookie.js';

const tags = ['Akun'];
const json = jsonResponse;
const err = errorResponse;

export function registerIdentityRoutes(app: Router, services: AppServices) {
  app.openapi(
    createRoute({
      middleware: [access('public')],
      method: 'post', path: '/api/v1/auth/login', tags, summary: 'Log in; sets the session cookie',
      request: { body: { content: { 'application/json': { schema: LoginInput } }, required: true } },
      responses: { 200: json(z.object({ data: ActorSchema }), 'Logged in'), 400: err('Bad input'), 401: err('Wrong username or password'), 429: err('Locked for a while') },
    }),
    async (c) => {
      const { username, password } = c.req.valid('json');
      const { token, actor } = await login(c.get('ctx'), username, password, c.req.header('user-agent'));
      setSessionCookie(c, token, services.secureCookies);
      return c.json({ data: { id: actor.id, username: actor.username, full_name: actor.fullName, role: actor.role, region_code: actor.regionCode } }, 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [access('signed-in')],
      method: 'post', path: '/api/v1/auth/logout', tags, summary: 'Log out (everywhere=true ends every session of the account)',
      request: { query: z.object({ everywhere: z.enum(['true', 'false']).optional() }) },
      responses: { 204: { description: 'Logged out' }, 401: err('Not logged in') },
    }),
    async (c) => {
      await logout(c.get('ctx'), sessionToken(c), c.req.valid('query').everywhere === 'true');
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      middleware: [access('signed-in')],
      method: 'get', path: '/api/v1/auth/me', tags, summary: 'Who is logged in',
      responses: { 200: json(z.object({ data: ActorSchema }), 'The account'), 401: err('Not logged in') },
    }),
    async (c) => {
      const actor = c.get('ctx').actor;
      if (!actor) throw unauthenticated();
      return c.json({ data: { id: actor.id, username: actor.username, full_name: actor.fullName, role: actor.role, region_code: actor.regionCode } }, 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [access('officer')],
      method: 'post', path: '/api/v1/auth/password', tags, summary: 'Change my password (ends my other sessions)',
      request: { body: { content: { 'application/json': { schema: ChangePasswordInput } }, required: true } },
      responses: { 204: { description: 'Changed' }, 400: err('Bad input'), 401: err('Not logged in') },
    }),
    async (c) => {
      const b = c.req.valid('json');
      await changePassword(c.get('ctx'), sessionToken(c), b.current_password, b.new_password, b.confirm_password);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      middleware: [access({ permission: 'account.read' })],
      method: 'get', path: '/api/v1/accounts', tags, summary: 'Accounts within my scope',
      responses: {
        200: json(z.object({ data: z.array(z.object({ id: z.number(), username: z.string(), full_name: z.string(), role: z.string(), region_code: z.string(), active: z.boolean() })) }), 'Accounts'),
        401: err('Not logged in'), 403: err('Not allowed'),
      },
    }),
    async (c) => {
      const rows = await listAccounts(c.get('ctx'));
      return c.json({ data: rows.map(({ id, username, full_name, role, region_code, active }) => ({ id, username, full_name, role, region_code, active })) }, 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [access({ permission: 'account.create' })],
      method: 'post', path: '/api/v1/accounts', tags, summary: 'Create an account of a lower role within my scope',
      request: { body: { content: { 'application/json': { schema: CreateAccountInput } }, required: true } },
      responses: {
        201: json(z.object({ data: z.object({ id: z.number(), username: z.string(), role: z.string(), region_code: z.string() }) }), 'Created'),
        400: err('Bad input'), 401: err('Not logged in'), 403: err('Not allowed'), 409: err('Username taken'),
      },
    }),
    async (c) => c.json({ data: await createAccount(c.get('ctx'), c.req.valid('json')) }, 201),
  );
}
