import type { Router } from '../../../platform/http/router.js';
import { privateFile, XLSX } from '../../../platform/http/download.js';
import { access } from '../../../platform/access/route-access.js';
import { createHash } from 'node:crypto';
import { RenderedCache } from '../../../platform/http/rendered-cache.js';
import { populationVersion } from '../population-version.js';
import {
  countPublicVillageStatistics, countVillageStatistics, getVillageStatistics, householdFigures, publicVillageRequest, villageStatisticsRequest, type PublicVillageRequest, type VillageStatisticsRequest,
} from './statistics.service.js';
import { PublicVillageFigures, PublicVillagePage, StatisticsFigures, StatisticsPage } from './views/statistics-page.js';
import { statisticsWorkbook } from './views/statistics-workbook.js';


/**
 * The statistics page's figures (counts only, ~120 KB of tables and charts at a big village),
 * kept by everything they are made of: the village's population version, the area, the day,
 * the language, exact or with small cells hidden, and the area names (renaming an RT moves no
 * population version). Rendering them took about half of the page's time.
 */
const figures = new RenderedCache(16_000_000);

function figuresKey(request: VillageStatisticsRequest, version: string, lang: string) {
  const areas = createHash('sha1').update(request.areas.map((a) => `${a.id}:${a.label}`).join('\n')).digest('base64url');
  return [request.village.code, version, request.area?.id ?? '', request.asOf, lang, request.exact ? 'exact' : 'masked', areas].join('|');
}

/** The public page's figures are kept the same way (the same counts for everyone; no area among them). */
const publicKey = (request: PublicVillageRequest, version: string, lang: string) => ['public', request.village.code, version, request.asOf, lang].join('|');

export function registerStatisticsPages(app: Router) {
  // ?wilayah=<area id>&tanggal=YYYY-MM-DD: the same filter for the page and its workbook.
  app.get('/desa/:code/statistik', access({ permission: 'population.statistics', scope: 'village' }), async (c) => {
    const ctx = c.get('ctx');
    const request = await villageStatisticsRequest(ctx, c.req.param('code'), { area: c.req.query('wilayah'), asOf: c.req.query('tanggal') });
    // The version first: figures counted after it are never older than it says.
    const version = await populationVersion(ctx.db.kysely, request.village.code);
    const lang = c.get('lang');
    const [html, households] = await Promise.all([
      figures.get(figuresKey(request, version, lang), async () => String(await (<StatisticsFigures stats={await countVillageStatistics(ctx, request)} lang={lang} />).toString())),
      // Households move without the population version: read fresh, beside the kept figures.
      householdFigures(ctx, request),
    ]);
    return c.html(<StatisticsPage c={c} stats={request} figures={html} households={households} />);
  });

  // Counts only, so no personal-data audit; access is checked by the same use case as the page.
  app.get('/desa/:code/statistik.xlsx', access({ permission: 'population.statistics', scope: 'village' }), async (c) => {
    const stats = await getVillageStatistics(c.get('ctx'), c.req.param('code'), { area: c.req.query('wilayah'), asOf: c.req.query('tanggal') });
    const bytes = await statisticsWorkbook(stats, c.get('lang'));
    const name = `statistik-penduduk-${stats.village.code.replace(/\./g, '')}${stats.area ? `-wilayah-${stats.area.id}` : ''}-${stats.asOf}.xlsx`;
    return privateFile(c, bytes, { type: XLSX, name });
  });

  app.get('/publik/desa/:code', access('public'), async (c) => {
    const ctx = c.get('ctx');
    const request = await publicVillageRequest(ctx, c.req.param('code'));
    const version = await populationVersion(ctx.db.kysely, request.village.code);
    const lang = c.get('lang');
    const html = await figures.get(publicKey(request, version, lang), async () =>
      String(await (<PublicVillageFigures stats={await countPublicVillageStatistics(ctx, request)} lang={lang} />).toString()));
    // Counts for everyone: a proxy may keep them a few minutes, but never a copy whose
    // page frame names the officer who happened to be logged in.
    const cache = c.get('session') ? 'private, no-store' : 'public, max-age=300';
    return c.html(<PublicVillagePage c={c} village={request.village} figures={html} />, 200, { 'cache-control': cache, vary: 'Cookie' });
  });
}
