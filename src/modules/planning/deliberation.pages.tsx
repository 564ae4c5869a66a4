import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import type { AppEnv } from '../../platform/http/env.js';
import { noStore, privateFile } from '../../platform/http/download.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import { idParam } from '../../platform/http/id-param.js';
import type { Router } from '../../platform/http/router.js';
import { todayInWib } from '../../platform/format/format.js';
import { t } from '../../platform/i18n/i18n.js';
import { runInWorker } from '../../platform/workers/run.js';
import {
  addAttendees, closeMeeting, deliberationOverview, getMeeting, minutesContext, myProposals, proposeAsCitizen, recordProposal, removeAttendee, saveMinutes, saveScores, startMeeting, withdrawProposal,
} from './deliberation.service.js';
import { CitizenProposalsPage } from './views/citizen-proposals.js';
import { DeliberationPage, MeetingPage } from './views/deliberation-pages.js';
import { MINUTES_PDF_WORKER, minutesInput } from './views/minutes-input.js';
import type { PageMessages } from './views/plan-pages.js';

type Status = 200 | 400 | 403 | 404 | 409;
const statusOf = (s: number): Status => ([400, 403, 404, 409].includes(s) ? (s as Status) : 400);

/**
 * /desa/<code>/musyawarah: the year's proposals and the village's meetings, with the forms to
 * record a proposal and start a meeting; /desa/<code>/musyawarah/<id>: one meeting — attendance
 * from the register, scores, minutes, closing with the priority list — and its berita acara.
 */
export function registerDeliberationPages(app: Router) {
  const read = access({ permission: 'planning.read', scope: 'village' });
  const write = access({ permission: 'planning.write', scope: 'village' });
  const code = (c: Context<AppEnv>) => c.req.param('code')!;
  const ok = (c: Context<AppEnv>) => (c.req.query('ok') ? t(c.get('lang'), 'budget.saved') : undefined);

  const overview = async (c: Context<AppEnv>, msg: PageMessages = {}, status: Status = 200, year?: string) => {
    const today = todayInWib();
    const view = await deliberationOverview(c.get('ctx'), code(c), year ?? c.req.query('tahun'), today);
    return c.html(<DeliberationPage c={c} view={view} msg={msg} today={today} />, status);
  };
  const meetingPage = async (c: Context<AppEnv>, msg: PageMessages = {}, status: Status = 200) =>
    c.html(<MeetingPage c={c} view={await getMeeting(c.get('ctx'), code(c), idParam(c))} msg={msg} />, status);

  app.get('/desa/:code/musyawarah', read, (c) => overview(c, { ok: ok(c) }));
  /** A form on the overview: done, back to the year; refused, the page with the reason and what was typed. */
  const onOverview = (path: string, work: (c: Context<AppEnv>, f: Record<string, string>) => Promise<{ id?: number } | void>, toMeeting = false) =>
    app.post(`/desa/:code/musyawarah${path}`, write, async (c) => {
      const f = await formFields(c);
      try {
        const done = await work(c, f);
        if (toMeeting && done?.id) return c.redirect(`/desa/${code(c)}/musyawarah/${done.id}?ok=1`, 303);
        return c.redirect(`/desa/${code(c)}/musyawarah?tahun=${encodeURIComponent(f.year ?? '')}&ok=1`, 303);
      } catch (err) {
        const p = formProblem(c, err);
        return overview(c, { error: p.message, values: f }, statusOf(p.status), f.year);
      }
    });
  onOverview('', (c, f) => startMeeting(c.get('ctx'), code(c), f), true);
  onOverview('/usulan', (c, f) => recordProposal(c.get('ctx'), code(c), f));
  app.post('/desa/:code/musyawarah/usulan/:id{[0-9]+}/tarik', write, async (c) => {
    const f = await formFields(c);
    try {
      await withdrawProposal(c.get('ctx'), code(c), idParam(c), f.reason);
      return c.redirect(`/desa/${code(c)}/musyawarah?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return overview(c, { error: p.message }, statusOf(p.status));
    }
  });

  app.get('/desa/:code/musyawarah/:id{[0-9]+}', read, (c) => meetingPage(c, { ok: ok(c) }));
  const step = (path: string, work: (c: Context<AppEnv>, f: Record<string, string>) => Promise<unknown>, keepValues = true) =>
    app.post(`/desa/:code/musyawarah/:id{[0-9]+}/${path}`, write, async (c) => {
      const f = await formFields(c);
      try {
        await work(c, f);
        return c.redirect(`/desa/${code(c)}/musyawarah/${idParam(c)}?ok=1`, 303);
      } catch (err) {
        const p = formProblem(c, err);
        return meetingPage(c, { error: p.message, values: keepValues ? f : undefined }, statusOf(p.status));
      }
    });
  step('peserta', (c, f) => addAttendees(c.get('ctx'), code(c), idParam(c), f));
  step('peserta/:attendee{[0-9]+}/hapus', (c) => removeAttendee(c.get('ctx'), code(c), idParam(c), idParam(c, 'attendee')), false);
  step('skor', (c, f) => saveScores(c.get('ctx'), code(c), idParam(c), f));
  step('notulen', (c, f) => saveMinutes(c.get('ctx'), code(c), idParam(c), f));
  step('tutup', (c) => closeMeeting(c.get('ctx'), code(c), idParam(c)), false);

  // A citizen's proposals, from self-service.
  const citizen = access({ permission: 'self.proposals' }, { login: '/warga/masuk', message: 'citizen.only_citizen' });
  const citizenPage = async (c: Context<AppEnv>, msg: PageMessages = {}, status: Status = 200) => {
    noStore(c);
    return c.html(<CitizenProposalsPage c={c} view={await myProposals(c.get('ctx'))} today={todayInWib()} msg={msg} />, status);
  };
  app.get('/warga/usulan', citizen, (c) => citizenPage(c, { ok: c.req.query('terkirim') ? t(c.get('lang'), 'planning.proposal_sent') : undefined }));
  app.post('/warga/usulan', citizen, async (c) => {
    const f = await formFields(c);
    try {
      await proposeAsCitizen(c.get('ctx'), f);
      return c.redirect('/warga/usulan?terkirim=1', 303);
    } catch (err) {
      const p = formProblem(c, err);
      return citizenPage(c, { error: p.message, values: f }, statusOf(p.status));
    }
  });

  // The berita acara of a closed meeting, drawn in a worker thread; it lists names, so never cached.
  app.get('/desa/:code/musyawarah/:id{[0-9]+}/berita-acara.pdf', read, async (c) => {
    const { view, regions, signers, list } = await minutesContext(c.get('ctx'), code(c), idParam(c));
    const bytes = await runInWorker<Uint8Array>(MINUTES_PDF_WORKER, minutesInput(view, regions, signers, list), { timeoutMs: 60_000, memoryMb: 256 });
    return privateFile(c, bytes, { type: 'application/pdf', name: `berita-acara-${view.village.village_code.replace(/\./g, '')}-${view.meeting.id}.pdf`, inline: true });
  });
}
