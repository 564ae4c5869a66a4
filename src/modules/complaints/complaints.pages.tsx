import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import { allowLargeUpload } from '../../platform/http/app.js';
import { noStore, privateFile } from '../../platform/http/download.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import { idParam } from '../../platform/http/id-param.js';
import type { Router } from '../../platform/http/router.js';
import { todayInWib } from '../../platform/format/format.js';
import { t } from '../../platform/i18n/i18n.js';
import { activeVillage } from '../villages/index.js';
import {
  complainAsCitizen, complainInPublic, complaintDetail, complaintList, complaintPhoto, myComplaintPhoto, handleComplaint, myComplaint, myComplaints, publicComplaintList, trackComplaint,
} from './complaints.service.js';
import { newQuestion } from './human-check.js';
import { KioskComplaintPage, KioskComplaintSentPage } from './views/kiosk-complaint.js';
import { ComplaintFollowPage, ComplaintListPage, ComplaintPage, MyComplaintsPage, PublicComplaintForm, PublicComplaintsPage } from './views/complaint-pages.js';

type Status = 200 | 400 | 403 | 404 | 409 | 413 | 415 | 429;
const statusOf = (s: number): Status => ([400, 403, 404, 409, 413, 415, 429].includes(s) ? (s as Status) : 400);

/** The fields of a multipart form as text, and its photo. */
async function complaintForm(c: Context<AppEnv>) {
  const body = await c.req.parseBody();
  const fields = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  const photo = body.photo instanceof File && body.photo.size > 0 ? new Uint8Array(await body.photo.arrayBuffer()) : null;
  return { fields, photo };
}

/**
 * /desa/<code>/pengaduan: the officers' list and each complaint; /warga/pengaduan: a citizen's
 * form and their complaints; /publik/desa/<code>/pengaduan: the public list, form and tracking.
 */
export function registerComplaintPages(app: Router) {
  for (const path of [/^\/warga\/pengaduan$/, /^\/publik\/desa\/[^/]+\/pengaduan\/kirim$/]) allowLargeUpload(path);
  const read = access({ permission: 'complaints.read', scope: 'village' });
  const handle = access({ permission: 'complaints.handle', scope: 'village' });
  const citizen = access({ permission: 'self.complaints' }, { login: '/warga/masuk', message: 'citizen.only_citizen' });
  const code = (c: Context<AppEnv>) => c.req.param('code')!;

  app.get('/desa/:code/pengaduan', read, async (c) =>
    c.html(<ComplaintListPage c={c} view={await complaintList(c.get('ctx'), code(c), c.req.query('status'), c.req.query('page'), todayInWib())} today={todayInWib()} />));
  const detailPage = async (c: Context<AppEnv>, msg: Parameters<typeof ComplaintPage>[0]['msg'] = {}, status: Status = 200) =>
    c.html(<ComplaintPage c={c} view={await complaintDetail(c.get('ctx'), code(c), idParam(c))} today={todayInWib()} msg={msg} />, status);
  app.get('/desa/:code/pengaduan/:id{[0-9]+}', read, (c) => detailPage(c, { ok: c.req.query('ok') ? t(c.get('lang'), 'complaints.saved') : undefined }));
  app.post('/desa/:code/pengaduan/:id{[0-9]+}/tindak', handle, async (c) => {
    const f = await formFields(c);
    try {
      await handleComplaint(c.get('ctx'), code(c), idParam(c), f);
      return c.redirect(`/desa/${code(c)}/pengaduan/${idParam(c)}?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return detailPage(c, { error: p.message, values: f }, statusOf(p.status));
    }
  });
  app.get('/desa/:code/pengaduan/:id{[0-9]+}/foto', read, async (c) =>
    privateFile(c, await complaintPhoto(c.get('ctx'), code(c), idParam(c)), { type: 'image/jpeg', name: `pengaduan-${idParam(c)}.jpg`, inline: true }));

  // A citizen's complaints, from self-service (and the kiosk, where a citizen is logged in by e-KTP).
  const minePage = async (c: Context<AppEnv>, msg: Parameters<typeof MyComplaintsPage>[0]['msg'] = {}, status: Status = 200) => {
    noStore(c);
    return c.html(<MyComplaintsPage c={c} view={await myComplaints(c.get('ctx'))} msg={msg} />, status);
  };
  app.get('/warga/pengaduan', citizen, (c) => minePage(c));
  app.post('/warga/pengaduan', citizen, async (c) => {
    const { fields, photo } = await complaintForm(c);
    try {
      const done = await complainAsCitizen(c.get('ctx'), fields, photo, todayInWib());
      return c.redirect(`/warga/pengaduan/${done.id}?terkirim=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return minePage(c, { error: p.message, values: fields }, statusOf(p.status));
    }
  });
  app.get('/warga/pengaduan/:id{[0-9]+}', citizen, async (c) => {
    noStore(c);
    return c.html(<ComplaintFollowPage c={c} view={await myComplaint(c.get('ctx'), idParam(c))} back="/warga/pengaduan" sent={c.req.query('terkirim') === '1'} />);
  });
  app.get('/warga/pengaduan/:id{[0-9]+}/foto', citizen, async (c) =>
    privateFile(c, await myComplaintPhoto(c.get('ctx'), idParam(c)), { type: 'image/jpeg', name: `pengaduan-${idParam(c)}.jpg`, inline: true }));

  // At the village hall's kiosk, a citizen logged in by e-KTP and PIN.
  const kiosk = access({ permission: 'self.complaints', scope: 'village' }, { redirect: '/anjungan/:code' });
  const kioskName = async (c: Context<AppEnv>) => {
    const v = await activeVillage(c.get('ctx'), code(c));
    return `${v.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${v.name}`;
  };
  app.get('/anjungan/:code/pengaduan', kiosk, async (c) => {
    noStore(c);
    return c.html(<KioskComplaintPage c={c} code={code(c)} village={await kioskName(c)} />);
  });
  app.post('/anjungan/:code/pengaduan', kiosk, async (c) => {
    const f = await formFields(c);
    noStore(c);
    try {
      const done = await complainAsCitizen(c.get('ctx'), f, null, todayInWib(), 'kiosk');
      return c.html(<KioskComplaintSentPage c={c} code={code(c)} village={await kioskName(c)} number={`${done.number}/${done.year}`} />);
    } catch (err) {
      const p = formProblem(c, err);
      return c.html(<KioskComplaintPage c={c} code={code(c)} village={await kioskName(c)} values={f} problem={p.message} />, statusOf(p.status));
    }
  });

  // For everyone: the list without names, the form, and a complaint followed by its code.
  const pub = access('public');
  app.get('/publik/desa/:code/pengaduan', pub, async (c) => c.html(<PublicComplaintsPage c={c} view={await publicComplaintList(c.get('ctx'), code(c), c.req.query('page'))} />));
  const formPage = async (c: Context<AppEnv>, msg: Parameters<typeof PublicComplaintForm>[0]['msg'] = {}, status: Status = 200) => {
    noStore(c);
    const village = await activeVillage(c.get('ctx'), code(c));
    return c.html(<PublicComplaintForm c={c} village={village} question={await newQuestion(c.get('ctx').db.kysely)} msg={msg} />, status);
  };
  app.get('/publik/desa/:code/pengaduan/kirim', pub, (c) => formPage(c));
  app.post('/publik/desa/:code/pengaduan/kirim', pub, async (c) => {
    const { fields, photo } = await complaintForm(c);
    try {
      const done = await complainInPublic(c.get('ctx'), code(c), fields, photo, todayInWib());
      noStore(c);
      // The code is shown once, on the page that answers the form: the sender keeps it.
      return c.html(<ComplaintFollowPage c={c} view={await trackComplaint(c.get('ctx'), code(c), done.trackingCode)} back={`/publik/desa/${code(c)}/pengaduan`} trackingCode={done.trackingCode} />);
    } catch (err) {
      const p = formProblem(c, err);
      const { sum: _s, question: _q, website: _w, ...kept } = fields;
      return formPage(c, { error: p.message, values: kept }, statusOf(p.status));
    }
  });
  app.get('/publik/desa/:code/pengaduan/lacak', pub, async (c) => {
    // No code typed: the list, with its box for the code.
    if (!c.req.query('tracking')) return c.redirect(`/publik/desa/${code(c)}/pengaduan`, 303);
    noStore(c);
    return c.html(<ComplaintFollowPage c={c} view={await trackComplaint(c.get('ctx'), code(c), c.req.query('tracking'))} back={`/publik/desa/${code(c)}/pengaduan`} />);
  });
}
