import type { Context } from 'hono';
import { privateFile } from '../../platform/http/download.js';
import { can } from '../../platform/access/access.js';
import { access } from '../../platform/access/route-access.js';
import type { AppEnv } from '../../platform/http/env.js';
import { idParam } from '../../platform/http/id-param.js';
import type { Router } from '../../platform/http/router.js';
import { todayInWib } from '../../platform/format/format.js';
import { addResidentPanel, type ResidentPanel } from '../population/index.js';
import { subjectDataPdf } from './subject-data-pdf.js';
import { exportMyData, exportResidentData, type SubjectData, type SubjectDataFormat } from './subject-data.service.js';
import { words } from './words.js';

/** No name or NIK in the file name: it ends up in download folders and logs. */
const fileName = (data: SubjectData, format: SubjectDataFormat) => `data-pribadi-${data.controller.village_code}-${data.resident.id}-${todayInWib()}.${format}`;

async function send(c: Context<AppEnv>, data: SubjectData, format: SubjectDataFormat) {
  const name = fileName(data, format);
  if (format === 'json') return privateFile(c, JSON.stringify(data, null, 2), { type: 'application/json; charset=utf-8', name });
  return privateFile(c, await subjectDataPdf(data, c.get('lang')), { type: 'application/pdf', name });
}

/** The resident page's section for officers who may export: the person's data, on their request. */
const exportPanel: ResidentPanel = (c, r) => {
  if (!can(c.get('ctx').actor, 'population.export', r.village)) return null;
  const w = words(c.get('lang'));
  const base = `/desa/${r.village}/penduduk/${r.id}/data-pribadi`;
  return (
    <section class="card" id="data-pribadi">
      <h2>{w.panelTitle}</h2>
      <p class="muted">{w.panelHint}</p>
      <p><a href={`${base}.pdf`}>PDF</a> · <a href={`${base}.json`}>JSON</a></p>
      <p><small><a href="/panduan/data-pribadi">{w.guide}</a> · <a href="/panduan/pelanggaran-data">{w.guideLink}</a></small></p>
    </section>
  );
};

export function registerPrivacyPages(app: Router) {
  addResidentPanel(exportPanel);
  const officer = access({ permission: 'population.export', scope: 'village' });
  for (const format of ['json', 'pdf'] as const) {
    app.get(`/desa/:code/penduduk/:id{[0-9]+}/data-pribadi.${format}`, officer, async (c) =>
      send(c, await exportResidentData(c.get('ctx'), c.req.param('code'), idParam(c), format), format));
    app.get(`/warga/data/unduh.${format}`, access({ permission: 'self.read' }, { login: '/warga/masuk', message: 'citizen.only_citizen' }), async (c) =>
      send(c, await exportMyData(c.get('ctx'), format), format));
  }
}
