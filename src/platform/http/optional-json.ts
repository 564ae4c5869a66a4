import type { MiddlewareHandler } from 'hono';

/**
 * For a route whose JSON body is optional: an empty body read as `{}`. The OpenAPI validator
 * parses any request sent as JSON, and a client that posts nothing with a JSON content type (as
 * the sign call was before it took a passphrase) would get "not valid JSON" instead of the action.
 */
export const emptyJsonAsObject: MiddlewareHandler = async (c, next) => {
  // Hono keeps each body as the promise of it (its type says the value).
  if ((await c.req.text()).trim() === '') (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve('{}');
  await next();
};
