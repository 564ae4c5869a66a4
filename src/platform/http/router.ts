import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env.js';
import { zodIssueToError } from './validation.js';

/** A module's router: invalid input becomes our error, naming the field, in the user's language. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) throw zodIssueToError(result.error, c.get('lang'));
    },
  });
}
export type Router = ReturnType<typeof createRouter>;
