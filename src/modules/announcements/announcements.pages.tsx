import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import { noStore } from '../../platform/http/download.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import type { Router } from '../../platform/http/router.js';
import { t } from '../../platform/i18n/i18n.js';
import { announcementPage, myAnnouncementChoice, sendAnnouncement, setAnnouncementChoice } from './announcements.service.js';
import { AnnouncementsPage, MyAnnouncementsPage } from './views/announcement-pages.js';

type Status = 200 | 400 | 403 | 404 | 409;
const statusOf = (s: number): Status => ([400, 403, 404, 409].includes(s) ? (s as Status) : 400);

/** /desa/<code>/pengumuman: send one and see what was delivered; /warga/pengumuman: a citizen stops or resumes them. */
export function registerAnnouncementPages(app: Router) {
  const send = access({ permission: 'announcements.send', scope: 'village' });
  const citizen = access({ permission: 'self.announcements' }, { login: '/warga/masuk', message: 'citizen.only_citizen' });
  const code = (c: Context<AppEnv>) => c.req.param('code')!;
  const page = async (c: Context<AppEnv>, msg: Parameters<typeof AnnouncementsPage>[0]['msg'] = {}, status: Status = 200) =>
    c.html(<AnnouncementsPage c={c} view={await announcementPage(c.get('ctx'), code(c))} msg={msg} />, status);

  app.get('/desa/:code/pengumuman', send, (c) => page(c, { ok: c.req.query('ok') ? t(c.get('lang'), 'announcements.sent') : undefined }));
  app.post('/desa/:code/pengumuman', send, async (c) => {
    const f = await formFields(c);
    try {
      await sendAnnouncement(c.get('ctx'), code(c), f);
      return c.redirect(`/desa/${code(c)}/pengumuman?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return page(c, { error: p.message, values: f }, statusOf(p.status));
    }
  });

  app.get('/warga/pengumuman', citizen, async (c) => {
    noStore(c);
    return c.html(<MyAnnouncementsPage c={c} view={await myAnnouncementChoice(c.get('ctx'))} saved={c.req.query('ok') === '1'} />);
  });
  app.post('/warga/pengumuman', citizen, async (c) => {
    const f = await formFields(c);
    await setAnnouncementChoice(c.get('ctx'), f.receive === '1');
    return c.redirect('/warga/pengumuman?ok=1', 303);
  });
}
