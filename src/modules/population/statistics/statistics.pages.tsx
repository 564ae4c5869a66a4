import type { Router } from '../../../platform/http/router.js';
import { privateFile, XLSX } from '../../../platform/http/download.js';
import { access } from '../../../platform/access/route-access.js';
import { getPublicVillageStatistics, getVillageStatistics } from './statistics.service.js';
import { PublicVillagePage, StatisticsPage } from './views/statistics-page.js';
import { statisticsWorkbook } from './views/statistics-workbook.js';


export function registerStatisticsPages(app: Router) {
  // ?wilayah=<area id>&tanggal=YYYY-MM-DD: the same filter for the page and its workbook.
  app.get('/desa/:code/statistik', access({ permission: 'population.statistics', scope: 'village' }), async (c) => {
    const stats = await getVillageStatistics(c.get('ctx'), c.req.param('code'), { area: c.req.query('wilayah'), asOf: c.req.query('tanggal') });
    return c.html(<StatisticsPage c={c} stats={stats} />);
  });

  // Counts only, so no personal-data audit; access is checked by the same use case as the page.
  app.get('/desa/:code/statistik.xlsx', access({ permission: 'population.statistics', scope: 'village' }), async (c) => {
    const stats = await getVillageStatistics(c.get('ctx'), c.req.param('code'), { area: c.req.query('wilayah'), asOf: c.req.query('tanggal') });
    const bytes = await statisticsWorkbook(stats, c.get('lang'));
    const name = `statistik-penduduk-${stats.village.code.replace(/\./g, '')}${stats.area ? `-wilayah-${stats.area.id}` : ''}-${stats.asOf}.xlsx`;
    return privateFile(c, bytes, { type: XLSX, name });
  });

  app.get('/publik/desa/:code', access('public'), async (c) => {
    const stats = await getPublicVillageStatistics(c.get('ctx'), c.req.param('code'));
    // Counts for everyone: a proxy may keep them a few minutes, but never a copy whose
    // page frame names the officer who happened to be logged in.
    const cache = c.get('session') ? 'private, no-store' : 'public, max-age=300';
    return c.html(<PublicVillagePage c={c} stats={stats} />, 200, { 'cache-control': cache, vary: 'Cookie' });
  });
}
