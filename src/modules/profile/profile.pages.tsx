import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import { noStore, privateFile, XLSX } from '../../platform/http/download.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import type { Router } from '../../platform/http/router.js';
import { profileDashboard } from './figures.service.js';
import { profileWorkbook } from './profile-export.js';
import { saveProfileValue, villageProfile } from './profile.service.js';
import { ProfileFiguresPage, ProfilePage, profilePath, type ProfileMsg } from './views/pages.js';

type Status = 200 | 400 | 403 | 404 | 409;
const statusOf = (s: number): Status => ([400, 403, 404, 409].includes(s) ? (s as Status) : 400);

/**
 * The ministries' village profile (issue 19, item 4). /desa/<kode>/profil-desa?tahun= (the page:
 * items to type, then every section with its sources), its .xlsx (one sheet per ministry screen),
 * /profil-desa/isian (type or correct one item); the levels above: /pantau/<kode>/profil-desa.
 */
export function registerProfilePages(app: Router) {
  const read = access({ permission: 'profile.read', scope: 'village' }, { login: '/masuk' });
  const readFile = access({ permission: 'profile.read', scope: 'village' });
  const write = access({ permission: 'profile.write', scope: 'village' });
  const figures = access({ permission: 'monitoring.read', scope: 'village' }, { login: '/masuk' });
  const code = (c: Context<AppEnv>) => c.req.param('code')!;

  const page = async (c: Context<AppEnv>, year: string | undefined, msg: ProfileMsg, status: Status = 200) => {
    noStore(c);
    return c.html(<ProfilePage c={c} p={await villageProfile(c.get('ctx'), code(c), year)} msg={msg} />, status);
  };
  app.get('/desa/:code/profil-desa', read, (c) => page(c, c.req.query('tahun'), { ok: c.req.query('ok') }));
  app.get('/desa/:code/profil-desa.xlsx', readFile, async (c) => {
    const file = await profileWorkbook(c.get('ctx'), code(c), c.req.query('tahun'));
    return privateFile(c, file.bytes, { type: XLSX, name: file.name });
  });
  app.post('/desa/:code/profil-desa/isian', write, async (c) => {
    const f = await formFields(c);
    try {
      const saved = await saveProfileValue(c.get('ctx'), code(c), f);
      return c.redirect(`${profilePath(code(c))}?tahun=${encodeURIComponent(f.tahun ?? '')}&ok=${saved.changed ? '1' : 'sama'}#isian-${encodeURIComponent(f.indikator ?? '')}`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      // A refused year cannot show its own page: the page of this year says why.
      const year = p.field === 'tahun' ? undefined : f.tahun;
      return page(c, year, { error: p.message, item: f.indikator, value: f.nilai }, statusOf(p.status));
    }
  });
  app.get('/pantau/:code/profil-desa', figures, async (c) => c.html(<ProfileFiguresPage c={c} d={await profileDashboard(c.get('ctx'), code(c), c.req.query('tahun'))} />));
}
