import type { Context } from 'hono';
import { noStore } from '../../platform/http/download.js';
import { can } from '../../platform/access/access.js';
import type { AppEnv, AppServices } from '../../platform/http/env.js';
import { AppError } from '../../platform/http/errors.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import { idParam } from '../../platform/http/id-param.js';
import type { Router } from '../../platform/http/router.js';
import { access } from '../../platform/access/route-access.js';
import { Layout, Notice } from '../../platform/http/views/layout.js';
import { t } from '../../platform/i18n/i18n.js';
import { CITIZEN_SESSION_HOURS, setSessionCookie } from '../identity/index.js';
import { addResidentPanel, type ResidentPanel } from '../population/index.js';
import { PRESENT } from './citizen.repository.js';
import { CORRECTION_STATUSES, type CorrectionStatus } from './citizen.schema.js';
import { loginCitizen } from './citizen-auth.service.js';
import { closeCorrectionRequest, listCorrectionRequests } from './corrections.service.js';
import { hasPin, issuePin } from './pin.service.js';
import { citizenOf, myCorrections, myData, requestCorrection } from './self.service.js';
import { citizenHomeLinks } from './home-links.js';
import { registerCitizenAccessLogPage } from './access-log.pages.js';
import { CitizenDataPage, CitizenHomePage, CitizenLoginPage, CorrectionPage } from './views/citizen-pages.js';
import { CorrectionsPage, PinIssuedPage, PinPanel } from './views/officer-pages.js';
import { words } from './views/words.js';


/** The resident page's "Layanan mandiri" section, for officers who issue PINs. */
const pinPanel: ResidentPanel = async (c, r) => {
  const ctx = c.get('ctx');
  if (!can(ctx.actor, 'citizen.pin', r.village)) return null;
  const pin = await hasPin(ctx, r.village, r.id);
  return <PinPanel c={c} village={r.village} residentId={r.id} pin={pin} eligible={PRESENT.includes(r.life_status) && !r.nik_temporary} />;
};

/** Citizen pages: whoever is not logged in goes to the citizen login; an officer is told these are for citizens. */
const citizenPage = { login: '/warga/masuk', message: 'citizen.only_citizen' } as const;

export function registerCitizenPages(app: Router, services: AppServices) {
  addResidentPanel(pinPanel);
  registerCitizenAccessLogPage(app);

  // --- the citizen's side ---------------------------------------------------------------

  /** Someone not logged in is sent to the citizen login rather than shown an error. */
  const anonymous = (c: Context<AppEnv>) => (c.get('ctx').actor ? null : c.redirect('/warga/masuk'));

  app.get('/warga/masuk', access('public'), (c) => {
    if (c.get('ctx').actor?.kind === 'citizen') return c.redirect('/warga');
    return c.html(<CitizenLoginPage c={c} />);
  });

  app.post('/warga/masuk', access('public'), async (c) => {
    const f = await formFields(c);
    try {
      const { token } = await loginCitizen(c.get('ctx'), f.nik ?? '', f.pin ?? '', { userAgent: c.req.header('user-agent') });
      setSessionCookie(c, token, services.secureCookies, CITIZEN_SESSION_HOURS);
      return c.redirect('/warga', 303);
    } catch (err) {
      // Wrong NIK/PIN (401), bad input (400), locked (429): the form again, never the PIN typed.
      if (!(err instanceof AppError) || err.status === 403) throw err;
      return c.html(
        <CitizenLoginPage c={c} error={t(c.get('lang'), err.key, err.params)} field={err.field} nik={(f.nik ?? '').slice(0, 20)} />,
        err.status as 400,
      );
    }
  });

  app.get('/warga', access({ permission: 'self.read' }, citizenPage), async (c) => {
    const away = anonymous(c);
    if (away) return away;
    const ctx = c.get('ctx');
    const [data, links] = await Promise.all([myData(ctx), citizenHomeLinks(ctx, citizenOf(ctx), c.get('lang'))]);
    noStore(c);
    return c.html(<CitizenHomePage c={c} data={data} links={links} />);
  });

  app.get('/warga/data', access({ permission: 'self.read' }, citizenPage), async (c) => {
    const away = anonymous(c);
    if (away) return away;
    const data = await myData(c.get('ctx'));
    noStore(c);
    return c.html(<CitizenDataPage c={c} data={data} />);
  });

  const correctionPage = async (c: Context<AppEnv>, extra: { error?: string; field?: string; ok?: string; values?: Record<string, string> } = {}, status = 200) => {
    const ctx = c.get('ctx');
    const [data, requests] = await Promise.all([myData(ctx), myCorrections(ctx)]);
    noStore(c);
    return c.html(<CorrectionPage c={c} data={data} requests={requests} {...extra} />, status as 200);
  };

  app.get('/warga/perbaikan', access({ permission: 'self.read' }, citizenPage), (c) => {
    const away = anonymous(c);
    if (away) return away;
    return correctionPage(c, c.req.query('terkirim') ? { ok: t(c.get('lang'), 'citizen.correction_saved') } : {});
  });

  app.post('/warga/perbaikan', access({ permission: 'self.read' }, citizenPage), async (c) => {
    const f = await formFields(c);
    try {
      await requestCorrection(c.get('ctx'), f);
      // Post, then redirect: reloading the page does not send the request again.
      return c.redirect('/warga/perbaikan?terkirim=1', 303);
    } catch (err) {
      const p = formProblem(c, err);
      return correctionPage(c, { error: p.message, field: p.field, values: f }, p.status);
    }
  });

  // --- the village office's side --------------------------------------------------------

  app.post('/desa/:code/penduduk/:id{[0-9]+}/pin', access({ permission: 'citizen.pin', scope: 'village' }), async (c) => {
    const ctx = c.get('ctx');
    const code = c.req.param('code');
    const id = idParam(c);
    try {
      const issued = await issuePin(ctx, code, id);
      noStore(c);
      return c.html(<PinIssuedPage c={c} village={issued.village} residentId={id} name={issued.name} pin={issued.pin} reset={issued.reset} />);
    } catch (err) {
      const p = formProblem(c, err);
      const w = words(c.get('lang'));
      return c.html(
        <Layout c={c} title={w.pinTitle} guide="layanan-mandiri">
          <Notice kind="error">{p.message}</Notice>
          <p><a href={`/desa/${code}/penduduk/${id}`}>{w.backToResident}</a></p>
        </Layout>,
        p.status as 409,
      );
    }
  });

  const correctionsPage = async (c: Context<AppEnv>, extra: { ok?: string; error?: string; failedId?: number; values?: Record<string, string> } = {}, httpStatus = 200) => {
    const q = c.req.query('status');
    const status = (CORRECTION_STATUSES as readonly string[]).includes(q ?? '') ? (q as CorrectionStatus) : 'open';
    const list = await listCorrectionRequests(c.get('ctx'), c.req.param('code')!, status);
    return c.html(<CorrectionsPage c={c} village={list.village} status={status} items={list.items} {...extra} />, httpStatus as 200);
  };

  app.get('/desa/:code/perbaikan-data', access({ permission: 'citizen.pin', scope: 'village' }), (c) =>
    correctionsPage(c, c.req.query('ditutup') ? { ok: t(c.get('lang'), 'citizen.correction_closed') } : {}));

  app.post('/desa/:code/perbaikan-data/:id{[0-9]+}', access({ permission: 'citizen.pin', scope: 'village' }), async (c) => {
    const code = c.req.param('code');
    const id = idParam(c);
    const f = await formFields(c);
    try {
      const r = await closeCorrectionRequest(c.get('ctx'), code, id, f);
      return c.redirect(`/desa/${code}/perbaikan-data?ditutup=${r.id}`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return correctionsPage(c, { error: p.message, failedId: id, values: f }, p.status);
    }
  });
}
