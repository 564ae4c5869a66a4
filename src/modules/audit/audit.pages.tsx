import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import { privateFile, XLSX } from '../../platform/http/download.js';
import type { AppEnv } from '../../platform/http/env.js';
import type { Router } from '../../platform/http/router.js';
import { exportAudit, isVillageActor, regionAudit, villageAudit, type AuditQuery } from './audit.service.js';
import { AuditPage } from './views/audit-page.js';

const read = access({ permission: 'audit.read', scope: 'village' });
const query = (c: Context<AppEnv>): AuditQuery => c.req.query();
const sameQuery = (c: Context<AppEnv>) => new URL(c.req.url).search;

/**
 * The audit log of a village (its head and secretary: everything) and of a region (the officers
 * above: metadata only). Each officer lands on the view that is theirs: a village officer on the
 * village page, an officer above on the region page of the same code.
 */
export function registerAuditPages(app: Router) {
  app.get('/desa/:code/audit', read, async (c) => {
    const ctx = c.get('ctx');
    if (!isVillageActor(ctx.actor)) return c.redirect(`/pantau/${c.req.param('code')}/audit${sameQuery(c)}`, 302);
    const d = await villageAudit(ctx, c.req.param('code'), query(c));
    return c.html(<AuditPage c={c} view="village" {...d} />);
  });

  app.get('/pantau/:code/audit', read, async (c) => {
    const ctx = c.get('ctx');
    if (isVillageActor(ctx.actor) && c.req.param('code') === ctx.actor!.regionCode) return c.redirect(`/desa/${ctx.actor!.regionCode}/audit${sameQuery(c)}`, 302);
    const d = await regionAudit(ctx, c.req.param('code'), query(c));
    return c.html(<AuditPage c={c} view="region" {...d} />);
  });

  app.get('/desa/:code/audit.xlsx', read, async (c) => {
    const ctx = c.get('ctx');
    const file = await exportAudit(ctx, isVillageActor(ctx.actor) ? 'village' : 'region', c.req.param('code'), query(c));
    return privateFile(c, file.bytes, { type: XLSX, name: file.fileName });
  });

  app.get('/pantau/:code/audit.xlsx', read, async (c) => {
    const file = await exportAudit(c.get('ctx'), 'region', c.req.param('code'), query(c));
    return privateFile(c, file.bytes, { type: XLSX, name: file.fileName });
  });
}
