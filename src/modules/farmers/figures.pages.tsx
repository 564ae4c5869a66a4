import { access } from '../../platform/access/index.js';
import { privateFile, XLSX } from '../../platform/http/download.js';
import type { Router } from '../../platform/http/router.js';
import { farmerDashboard } from './figures.service.js';
import { FarmerFiguresPage } from './views/figures-page.js';
import { farmerWorkbook } from './views/figures-workbook.js';

// The same gate as the other dashboards: the region must lie inside the officer's scope
// ('nasional' is left to the use case, which allows it for the national administrator only).
const read = access({ permission: 'monitoring.read', scope: 'village' }, { login: '/masuk' });
const readFile = access({ permission: 'monitoring.read', scope: 'village' });

const fileCode = (code: string) => (code ? code.replace(/\./g, '') : 'nasional');

/** /pantau/<code>/petani: the farmer card's figures, with drill-down to the child regions and the Excel file. */
export function registerFarmerFigurePages(app: Router) {
  app.get('/pantau/:code/petani', read, async (c) => c.html(<FarmerFiguresPage c={c} d={await farmerDashboard(c.get('ctx'), c.req.param('code'), c.req.query('tahun'))} />));
  app.get('/pantau/:code/petani.xlsx', readFile, async (c) => {
    const d = await farmerDashboard(c.get('ctx'), c.req.param('code'), c.req.query('tahun'));
    // Counts only, but scoped to whoever asked: no proxy keeps it.
    return privateFile(c, await farmerWorkbook(d, c.get('lang')), { type: XLSX, name: `petani-${fileCode(d.scope.code)}-${d.year}.xlsx` });
  });
}
