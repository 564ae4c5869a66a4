import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import { noStore } from '../../platform/http/download.js';
import { allowLargeUpload } from '../../platform/http/app.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import type { Router } from '../../platform/http/router.js';
import { t } from '../../platform/i18n/i18n.js';
import { candidatePhoto, createElection, electionOverview, listElections, recordDisqualification, saveCandidate, saveStation, updateSchedule } from './setup.service.js';
import { committeeVoterList, decideObjection, fileObjection, freezeDpt, makeDps, publicVoterList, withdrawDisqualification } from './voter-lists.service.js';
import { CommitteeListPage, ElectionsPage, electionsBase, OverviewPage, PublicListPage, type SetupMsg } from './views/setup-pages.js';

type Status = 200 | 400 | 404 | 409 | 413 | 415;
const statusOf = (s: number): Status => ([400, 404, 409, 413, 415].includes(s) ? (s as Status) : 400);

/** A form's text fields, a repeated one (ticked areas) as a list. */
async function formLists(c: Context<AppEnv>) {
  const body = await c.req.parseBody({ all: true });
  const fields: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf') continue;
    const values = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
    lists[k] = values;
    if (values[0] !== undefined) fields[k] = values[0];
  }
  return { fields, lists };
}

/**
 * The committee's pages of the village head election (Pilkades): /desa/<kode>/pilkades (the
 * elections, a new one), /desa/<kode>/pilkades/<id> (set-up: schedule, TPS, candidates, court
 * disqualifications; the DPS and the DPT), /desa/<kode>/pilkades/<id>/pemilih (the lists and
 * objections). Read with election.read, written with election.manage. Public: the published list
 * (/dps, names and masked NIKs) and the candidates' photos. Voting day is voting.pages.tsx's.
 */
export function registerElectionPages(app: Router) {
  const read = access({ permission: 'election.read', scope: 'village' }, { login: '/masuk' });
  const manage = access({ permission: 'election.manage', scope: 'village' });
  const pub = access('public');
  const code = (c: Context<AppEnv>) => c.req.param('code')!;
  const id = (c: Context<AppEnv>) => c.req.param('id')!;
  const here = (c: Context<AppEnv>) => `${electionsBase(code(c))}/${id(c)}`;

  const listPage = async (c: Context<AppEnv>, msg: SetupMsg, status: Status = 200) => {
    noStore(c);
    return c.html(<ElectionsPage c={c} view={await listElections(c.get('ctx'), code(c))} msg={msg} />, status);
  };
  app.get('/desa/:code/pilkades', read, (c) => listPage(c, { ok: c.req.query('ok') === '1' }));
  app.post('/desa/:code/pilkades', manage, async (c) => {
    const fields = await formFields(c);
    try {
      const { id: created } = await createElection(c.get('ctx'), code(c), fields);
      return c.redirect(`${electionsBase(code(c))}/${created}?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return listPage(c, { error: p.message, values: fields, form: 'create' }, statusOf(p.status));
    }
  });

  const overview = async (c: Context<AppEnv>, msg: SetupMsg, status: Status = 200) => {
    noStore(c);
    return c.html(<OverviewPage c={c} view={await electionOverview(c.get('ctx'), code(c), id(c))} msg={msg} />, status);
  };
  const okNotice = (c: Context<AppEnv>) => {
    const n = c.req.query('dps');
    return n !== undefined && /^\d{1,7}$/.test(n) ? t(c.get('lang'), 'election.dps_made', { count: Number(n) }) : undefined;
  };
  app.get('/desa/:code/pilkades/:id{[0-9]+}', read, (c) => overview(c, { ok: c.req.query('ok') === '1', notice: okNotice(c) }));

  /** A form step of the overview: done → back to it; refused → the overview with the message and what was typed. */
  const step = (path: string, form: (f: Record<string, string>) => string, run: (c: Context<AppEnv>, fields: Record<string, string>, lists: Record<string, string[]>) => Promise<string | void>) =>
    app.post(`/desa/:code/pilkades/:id{[0-9]+}/${path}`, manage, async (c) => {
      const { fields, lists } = await formLists(c);
      try {
        const query = await run(c, fields, lists);
        return c.redirect(`${here(c)}?ok=1${query ?? ''}`, 303);
      } catch (err) {
        const p = formProblem(c, err);
        return overview(c, { error: p.message, values: fields, form: form(fields) }, statusOf(p.status));
      }
    });
  step('jadwal', () => 'schedule', (c, f) => updateSchedule(c.get('ctx'), code(c), id(c), f));
  step('atur-tps', (f) => (f.station_id ? `station-${f.station_id}` : 'station'), async (c, f, l) => {
    await saveStation(c.get('ctx'), code(c), id(c), { ...f, tps_areas: l.tps_areas ?? [] });
  });
  step('cabut-hak', () => 'disqualify', (c, f) => recordDisqualification(c.get('ctx'), code(c), id(c), f));
  // A disqualification recorded by mistake, withdrawn (its form is the one of that resident's line).
  step('cabut-hak/batal', (f) => `withdraw-${f.resident_id ?? ''}`, async (c, f) => {
    await withdrawDisqualification(c.get('ctx'), code(c), id(c), f);
  });
  step('dps', () => 'dps', async (c) => `&dps=${(await makeDps(c.get('ctx'), code(c), id(c))).count}`);

  allowLargeUpload(/^\/desa\/[^/]+\/pilkades\/\d+\/calon$/);
  app.post('/desa/:code/pilkades/:id{[0-9]+}/calon', manage, async (c) => {
    const body = await c.req.parseBody();
    const fields = Object.fromEntries(Object.entries(body).filter(([k, v]) => typeof v === 'string' && k !== '_csrf')) as Record<string, string>;
    const file = body.candidate_photo;
    const photo = file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
    try {
      await saveCandidate(c.get('ctx'), code(c), id(c), fields, photo);
      return c.redirect(`${here(c)}?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return overview(c, { error: p.message, values: fields, form: fields.candidate_id ? `candidate-${fields.candidate_id}` : 'candidate' }, statusOf(p.status));
    }
  });
  app.get('/desa/:code/pilkades/:id{[0-9]+}/calon/:cid{[0-9]+}/foto', pub, async (c) => {
    const photo = await candidatePhoto(c.get('ctx'), code(c), id(c), c.req.param('cid'));
    return c.body(photo.bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': photo.type, 'cache-control': 'public, max-age=300', 'x-content-type-options': 'nosniff' });
  });

  // The published list: anyone may read it (names and masked NIKs only).
  app.get('/desa/:code/pilkades/:id{[0-9]+}/dps', pub, async (c) =>
    c.html(<PublicListPage c={c} view={await publicVoterList(c.get('ctx'), code(c), id(c), c.req.query('tps'))} />));

  const listsPage = async (c: Context<AppEnv>, msg: SetupMsg, status: Status = 200) => {
    noStore(c);
    return c.html(<CommitteeListPage c={c} view={await committeeVoterList(c.get('ctx'), code(c), id(c), c.req.query('tps'))} msg={msg} />, status);
  };
  app.get('/desa/:code/pilkades/:id{[0-9]+}/pemilih', read, (c) => listsPage(c, { ok: c.req.query('ok') === '1' }));
  const listStep = (path: string, form: (c: Context<AppEnv>) => string, run: (c: Context<AppEnv>, fields: Record<string, string>) => Promise<unknown>) =>
    app.post(`/desa/:code/pilkades/:id{[0-9]+}/${path}`, manage, async (c) => {
      const fields = await formFields(c);
      try {
        await run(c, fields);
        return c.redirect(`${here(c)}/pemilih?ok=1`, 303);
      } catch (err) {
        const p = formProblem(c, err);
        return listsPage(c, { error: p.message, values: fields, form: form(c) }, statusOf(p.status));
      }
    });
  listStep('tanggapan', () => 'objection', (c, f) => fileObjection(c.get('ctx'), code(c), id(c), f));
  listStep('tanggapan/:oid{[0-9]+}/putusan', (c) => `decide-${c.req.param('oid')}`, (c, f) => decideObjection(c.get('ctx'), code(c), id(c), c.req.param('oid')!, f));
  listStep('dpt', () => 'freeze', (c) => freezeDpt(c.get('ctx'), code(c), id(c)));
}
