import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import { allowLargeUpload } from '../../platform/http/app.js';
import { privateFile } from '../../platform/http/download.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import { idParam } from '../../platform/http/id-param.js';
import type { Router } from '../../platform/http/router.js';
import { todayInWib } from '../../platform/format/format.js';
import { t } from '../../platform/i18n/i18n.js';
import { addPublicBudgetSection } from '../budget/index.js';
import { provideMusdesusList } from '../planning/index.js';
import { musdesusList, programmeOfMeeting } from './musdesus-list.js';
import { payoutPhoto, recordPayout } from './payout.service.js';
import { addRecipient, adoptList, createProgramme, generateCandidates, openMusdesus, programmeDetail, programmeList, removeRecipient } from './programme.service.js';
import { publicAidTotals } from './public-totals.js';
import { ProgrammeListPage, ProgrammePage } from './views/programme-pages.js';
import { PublicAid } from './views/public-aid.js';
import { WELFARE_TEXT, WelfarePage } from './views/welfare-pages.js';
import { importWelfare, previewWelfare, welfareSummary } from './welfare-import.service.js';

type Status = 200 | 400 | 403 | 404 | 409 | 413 | 415 | 422 | 429;
const statusOf = (s: number): Status => ([400, 403, 404, 409, 413, 415, 422, 429].includes(s) ? (s as Status) : 400);

/**
 * /desa/<code>/bansos: the village's aid programmes; /bansos/<id>: one programme, its list,
 * musdesus and payouts; /bansos/dtsen: the welfare ranks (DTSEN/DTKS) the rules read.
 */
export function registerAssistancePages(app: Router) {
  // The musdesus's berita acara prints the list it adopted.
  provideMusdesusList(musdesusList);
  // The public budget page shows the year's aid: totals per programme and per dusun.
  addPublicBudgetSection(async (c, village, year) => {
    const programmes = await publicAidTotals(c.get('ctx'), village, year);
    return programmes.length ? <PublicAid c={c} programmes={programmes} /> : null;
  });
  allowLargeUpload(/^\/desa\/[^/]+\/bansos\/dtsen$/);
  allowLargeUpload(/^\/desa\/[^/]+\/bansos\/[0-9]+\/penyaluran$/);
  const read = access({ permission: 'assistance.read', scope: 'village' });
  const write = access({ permission: 'assistance.write', scope: 'village' });
  const code = (c: Context<AppEnv>) => c.req.param('code')!;
  type Msg = Parameters<typeof ProgrammePage>[0]['msg'];
  const listPage = async (c: Context<AppEnv>, msg: Msg = {}, status: Status = 200) =>
    c.html(<ProgrammeListPage c={c} view={await programmeList(c.get('ctx'), code(c))} msg={msg} />, status);
  const detailPage = async (c: Context<AppEnv>, msg: Msg = {}, status: Status = 200) =>
    c.html(<ProgrammePage c={c} view={await programmeDetail(c.get('ctx'), code(c), idParam(c), c.req.query('page'))} msg={msg} />, status);

  app.get('/desa/:code/bansos', read, (c) => listPage(c));
  app.post('/desa/:code/bansos', write, async (c) => {
    const f = await formFields(c);
    try {
      const { id } = await createProgramme(c.get('ctx'), code(c), f);
      return c.redirect(`/desa/${code(c)}/bansos/${id}`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return listPage(c, { error: p.message, values: f }, statusOf(p.status));
    }
  });
  app.get('/desa/:code/bansos/:id{[0-9]+}', read, (c) => detailPage(c, { ok: c.req.query('ok') ? t(c.get('lang'), 'assistance.saved') : undefined }));
  // A musdesus's meeting page links back to its programme.
  app.get('/desa/:code/bansos/musdesus/:meeting{[0-9]+}', read, async (c) => {
    const id = await programmeOfMeeting(c.get('ctx'), code(c), Number(c.req.param('meeting')));
    return c.redirect(`/desa/${code(c)}/bansos/${id}`, 303);
  });

  // Each step comes back to the programme with a notice, or says what was wrong on the same page.
  const step = (path: string, work: (c: Context<AppEnv>, f: Record<string, string>) => Promise<unknown>) =>
    app.post(`/desa/:code/bansos/:id{[0-9]+}${path}`, write, async (c) => {
      const f = await formFields(c);
      try {
        await work(c, f);
        return c.redirect(`/desa/${code(c)}/bansos/${idParam(c)}?ok=1`, 303);
      } catch (err) {
        const p = formProblem(c, err);
        return detailPage(c, { error: p.message, values: f }, statusOf(p.status));
      }
    });
  // The list built: the page itself says how many came on and how many another village already has (building it again changes nothing).
  app.post('/desa/:code/bansos/:id{[0-9]+}/calon', write, async (c) => {
    try {
      const done = await generateCandidates(c.get('ctx'), code(c), idParam(c), todayInWib());
      return detailPage(c, { ok: t(c.get('lang'), 'assistance.generated', { added: done.added, elsewhere: done.skippedElsewhere }) });
    } catch (err) {
      const p = formProblem(c, err);
      return detailPage(c, { error: p.message }, statusOf(p.status));
    }
  });
  step('/penerima', (c, f) => addRecipient(c.get('ctx'), code(c), idParam(c), f, todayInWib()));
  step('/penerima/:recipient{[0-9]+}/keluar', (c, f) => removeRecipient(c.get('ctx'), code(c), idParam(c), Number(c.req.param('recipient')), f.reason));
  step('/musdesus', (c, f) => openMusdesus(c.get('ctx'), code(c), idParam(c), f));
  step('/tetapkan', (c) => adoptList(c.get('ctx'), code(c), idParam(c)));

  app.post('/desa/:code/bansos/:id{[0-9]+}/penyaluran', write, async (c) => {
    // The photo is a file.
    const body = await c.req.parseBody();
    const one = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
    const values = { period: one('period'), paid_on: one('paid_on'), proof: one('proof'), note: one('note'), absent: one('absent') };
    const file = body.photo instanceof File && body.photo.size > 0 ? body.photo : null;
    try {
      await recordPayout(c.get('ctx'), code(c), idParam(c), values, file ? new Uint8Array(await file.arrayBuffer()) : null, todayInWib());
      return c.redirect(`/desa/${code(c)}/bansos/${idParam(c)}?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return detailPage(c, { error: p.message, values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v ?? ''])) }, statusOf(p.status));
    }
  });
  app.get('/desa/:code/bansos/:id{[0-9]+}/penyaluran/:payout{[0-9]+}/foto', read, async (c) => {
    const bytes = await payoutPhoto(c.get('ctx'), code(c), idParam(c), Number(c.req.param('payout')));
    return privateFile(c, bytes, { type: 'image/jpeg', name: `penyaluran-${c.req.param('payout')}.jpg`, inline: true });
  });

  // Welfare ranks: the list in use, a file checked in a preview, then imported whole.
  const welfarePage = async (c: Context<AppEnv>, extra: Omit<Parameters<typeof WelfarePage>[0], 'c' | 'view'> = {}, status: Status = 200) =>
    c.html(<WelfarePage c={c} view={await welfareSummary(c.get('ctx'), code(c))} {...extra} />, status);
  app.get('/desa/:code/bansos/dtsen', read, (c) => welfarePage(c, { msg: { ok: c.req.query('ok') ? WELFARE_TEXT[c.get('lang')].imported : undefined } }));
  app.post('/desa/:code/bansos/dtsen', write, async (c) => {
    const body = await c.req.parseBody();
    const file = body.file instanceof File && body.file.size > 0 ? body.file : null;
    try {
      const upload = file ? { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) } : null;
      const preview = await previewWelfare(c.get('ctx'), code(c), { source: typeof body.source === 'string' ? body.source : undefined }, upload);
      return welfarePage(c, { preview }, preview.problemCount ? 422 : 200);
    } catch (err) {
      const p = formProblem(c, err);
      return welfarePage(c, { msg: { error: p.message } }, statusOf(p.status));
    }
  });
  app.post('/desa/:code/bansos/dtsen/:id{[0-9]+}/impor', write, async (c) => {
    try {
      await importWelfare(c.get('ctx'), code(c), idParam(c));
      return c.redirect(`/desa/${code(c)}/bansos/dtsen?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return welfarePage(c, { msg: { error: p.message } }, statusOf(p.status));
    }
  });
}
