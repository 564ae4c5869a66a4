import { createRoute } from '@hono/zod-openapi';
import { access } from '../../platform/access/route-access.js';
import { errorResponse, jsonResponse } from '../../platform/http/openapi.js';
import type { Router } from '../../platform/http/router.js';
import { FeedPageSchema, FeedQuery } from './feed.schema.js';
import { readFeed } from './feed.service.js';

/** Whoever sees any of the feed's groups in their region: population or letter figures, the budget, the dashboards. */
const readers = access({
  anyOf: [{ permission: 'population.statistics' }, { permission: 'letters.statistics' }, { permission: 'budget.read' }, { permission: 'monitoring.read' }],
});

export function registerFeedRoutes(app: Router) {
  app.openapi(
    createRoute({
      middleware: [readers],
      method: 'get',
      path: '/api/v1/feed',
      tags: ['Umpan perubahan'],
      summary: 'Changes in your region since a cursor: population events, letters issued and revoked, budget postings',
      description:
        'Follow `next` until `more` is false, keep the last `next`, and ask again later with it. Entries come in a stable order and never twice; ' +
        'an entry is served once every transaction that could still add one before it has ended (a few seconds). Names and NIKs only with population.read ' +
        '(NIK masked without population.full_nik); such reads are logged. Guide: docs/panduan/umpan-perubahan.md.',
      request: { query: FeedQuery },
      responses: {
        200: jsonResponse(FeedPageSchema, 'A page of changes'),
        400: errorResponse('A cursor, kind, region or limit that is not valid (the field is named)'),
        401: errorResponse('Not logged in'),
        403: errorResponse('A region outside your scope, or a kind you may not read'),
      },
    }),
    async (c) => c.json(await readFeed(c.get('ctx'), c.req.valid('query')), 200),
  );
}
