import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import { idParam } from '../../platform/http/id-param.js';
import type { Router } from '../../platform/http/router.js';
import { t } from '../../platform/i18n/i18n.js';
import { findRegion, parseRegionCodeOrFail } from '../regions/index.js';
import { titleCase } from '../../platform/format/format.js';
import { addParcel, endParcel, farmerPage, listFarmers, recordCrop, registerFarmer, updateFarmer } from './farmers.service.js';
import { addGroupMember, createGroup, endGroupMember, groupPage, groupsPage, setGapoktan, setGroupLeader } from './groups.service.js';
import { addRdkkLine, advanceRdkk, draftRdkk, rdkkPage, rdkkQueue, regenerateRdkk, removeRdkkLine, returnRdkk } from './rdkk.service.js';
import { FarmerPage, FarmersPage } from './views/farmer-pages.js';
import { GroupPage, GroupsPage } from './views/group-pages.js';
import { RdkkPage, RdkkQueuePage } from './views/rdkk-pages.js';

type Status = 200 | 400 | 403 | 404 | 409;
const statusOf = (s: number): Status => ([400, 403, 404, 409].includes(s) ? (s as Status) : 400);
type Msg = { ok?: string; error?: string; values?: Record<string, string>; form?: string };
type Handler = (c: Context<AppEnv>, f: Record<string, string>) => Promise<string | void>;

/**
 * The village office's farmer pages: /desa/<code>/petani (farmers, registration), a farmer,
 * /petani/poktan (groups), a group, /petani/rdkk/<id> (a plan and its steps); /pantau/<code>/rdkk
 * is the queue of plans waiting for the PPL, the district or the regency.
 */
export function registerFarmerOfficePages(app: Router) {
  const read = access({ permission: 'farmers.read', scope: 'village' }, { login: '/masuk' });
  const write = access({ permission: 'farmers.write', scope: 'village' });
  const draft = access({ permission: 'farmers.rdkk.draft', scope: 'village' });
  // Sent back by whoever holds the next step: the district (submitted) or the regency (verified).
  const sendBack = access({ anyOf: [{ permission: 'farmers.rdkk.verify', scope: 'village' }, { permission: 'farmers.rdkk.approve', scope: 'village' }] });
  const code = (c: Context<AppEnv>) => c.req.param('code')!;
  const saved = (c: Context<AppEnv>) => (c.req.query('ok') ? t(c.get('lang'), 'farmers.saved') : undefined);

  const farmersView = async (c: Context<AppEnv>, msg: Msg = {}, status: Status = 200) =>
    c.html(<FarmersPage c={c} view={await listFarmers(c.get('ctx'), code(c), { q: c.req.query('q'), page: c.req.query('page') })} msg={msg} />, status);
  const farmerView = async (c: Context<AppEnv>, msg: Msg = {}, status: Status = 200) =>
    c.html(<FarmerPage c={c} view={await farmerPage(c.get('ctx'), code(c), idParam(c))} msg={msg} />, status);
  const groupsView = async (c: Context<AppEnv>, msg: Msg = {}, status: Status = 200) =>
    c.html(<GroupsPage c={c} view={await groupsPage(c.get('ctx'), code(c))} msg={msg} />, status);
  const groupView = async (c: Context<AppEnv>, msg: Msg = {}, status: Status = 200) =>
    c.html(<GroupPage c={c} view={await groupPage(c.get('ctx'), code(c), idParam(c))} msg={msg} />, status);
  const rdkkView = async (c: Context<AppEnv>, msg: Msg = {}, status: Status = 200) =>
    c.html(<RdkkPage c={c} view={await rdkkPage(c.get('ctx'), code(c), idParam(c))} msg={msg} />, status);

  /** A form's POST: on success to `done` (or the path it returns), else the page again with the message and what was typed. */
  const post = (path: string, gate: ReturnType<typeof access>, work: Handler, done: (c: Context<AppEnv>) => string, again: (c: Context<AppEnv>, msg: Msg, status: Status) => Promise<Response>, form?: string) =>
    app.post(path, gate, async (c) => {
      const f = await formFields(c);
      try {
        const to = await work(c, f);
        return c.redirect(`${to ?? done(c)}?ok=1`, 303);
      } catch (err) {
        const p = formProblem(c, err);
        return again(c, { error: p.message, values: f, form }, statusOf(p.status));
      }
    });

  app.get('/desa/:code/petani', read, (c) => farmersView(c, { ok: saved(c) }));
  post('/desa/:code/petani', write, async (c, f) => `/desa/${code(c)}/petani/${(await registerFarmer(c.get('ctx'), code(c), f)).id}`, (c) => `/desa/${code(c)}/petani`, farmersView);
  app.get('/desa/:code/petani/:id{[0-9]+}', read, (c) => farmerView(c, { ok: saved(c) }));
  const farmer = (c: Context<AppEnv>) => `/desa/${code(c)}/petani/${idParam(c)}`;
  post('/desa/:code/petani/:id{[0-9]+}/lahan', write, async (c, f) => { await addParcel(c.get('ctx'), code(c), idParam(c), f); }, farmer, farmerView, 'parcel');
  post('/desa/:code/petani/:id{[0-9]+}/lahan/:parcel{[0-9]+}/akhiri', write, async (c) => { await endParcel(c.get('ctx'), code(c), idParam(c), idParam(c, 'parcel')); }, farmer, farmerView);
  post('/desa/:code/petani/:id{[0-9]+}/tanam', write, async (c, f) => { await recordCrop(c.get('ctx'), code(c), idParam(c), f); }, farmer, farmerView, 'crop');
  post('/desa/:code/petani/:id{[0-9]+}/ubah', write, async (c, f) => { await updateFarmer(c.get('ctx'), code(c), idParam(c), f); }, farmer, farmerView);

  app.get('/desa/:code/petani/poktan', read, (c) => groupsView(c, { ok: saved(c) }));
  post('/desa/:code/petani/poktan', write, async (c, f) => `/desa/${code(c)}/petani/poktan/${(await createGroup(c.get('ctx'), code(c), f)).id}`, (c) => `/desa/${code(c)}/petani/poktan`, groupsView);
  app.get('/desa/:code/petani/poktan/:id{[0-9]+}', read, (c) => groupView(c, { ok: saved(c) }));
  const group = (c: Context<AppEnv>) => `/desa/${code(c)}/petani/poktan/${idParam(c)}`;
  post('/desa/:code/petani/poktan/:id{[0-9]+}/anggota', write, async (c, f) => { await addGroupMember(c.get('ctx'), code(c), idParam(c), f); }, group, groupView);
  post('/desa/:code/petani/poktan/:id{[0-9]+}/anggota/:member{[0-9]+}/keluar', write, async (c) => { await endGroupMember(c.get('ctx'), code(c), idParam(c), idParam(c, 'member')); }, group, groupView);
  post('/desa/:code/petani/poktan/:id{[0-9]+}/ketua', write, async (c, f) => { await setGroupLeader(c.get('ctx'), code(c), idParam(c), f); }, group, groupView);
  post('/desa/:code/petani/poktan/:id{[0-9]+}/gapoktan', write, async (c, f) => { await setGapoktan(c.get('ctx'), code(c), idParam(c), f); }, group, groupView);
  post('/desa/:code/petani/poktan/:id{[0-9]+}/rdkk', draft, async (c, f) => `/desa/${code(c)}/petani/rdkk/${(await draftRdkk(c.get('ctx'), code(c), idParam(c), f)).id}`, group, groupView);

  app.get('/desa/:code/petani/rdkk/:id{[0-9]+}', read, (c) => rdkkView(c, { ok: saved(c) }));
  const plan = (c: Context<AppEnv>) => `/desa/${code(c)}/petani/rdkk/${idParam(c)}`;
  post('/desa/:code/petani/rdkk/:id{[0-9]+}/hitung-ulang', draft, async (c) => { await regenerateRdkk(c.get('ctx'), code(c), idParam(c)); }, plan, rdkkView);
  post('/desa/:code/petani/rdkk/:id{[0-9]+}/baris', draft, async (c, f) => { await addRdkkLine(c.get('ctx'), code(c), idParam(c), f); }, plan, rdkkView);
  post('/desa/:code/petani/rdkk/:id{[0-9]+}/hapus-baris', draft, async (c, f) => { await removeRdkkLine(c.get('ctx'), code(c), idParam(c), f); }, plan, rdkkView);
  post('/desa/:code/petani/rdkk/:id{[0-9]+}/ajukan', draft, async (c) => { await advanceRdkk(c.get('ctx'), code(c), idParam(c), 'submit'); }, plan, rdkkView);
  post('/desa/:code/petani/rdkk/:id{[0-9]+}/verifikasi', access({ permission: 'farmers.rdkk.verify', scope: 'village' }), async (c) => { await advanceRdkk(c.get('ctx'), code(c), idParam(c), 'verify'); }, plan, rdkkView);
  post('/desa/:code/petani/rdkk/:id{[0-9]+}/setujui', access({ permission: 'farmers.rdkk.approve', scope: 'village' }), async (c) => { await advanceRdkk(c.get('ctx'), code(c), idParam(c), 'approve'); }, plan, rdkkView);
  post('/desa/:code/petani/rdkk/:id{[0-9]+}/kembalikan', sendBack, async (c, f) => { await returnRdkk(c.get('ctx'), code(c), idParam(c), f); }, plan, rdkkView);

  app.get('/pantau/:code/rdkk', access({ permission: 'farmers.read', scope: 'village' }, { login: '/masuk' }), async (c) => {
    const view = await rdkkQueue(c.get('ctx'), code(c));
    const region = await findRegion(c.get('ctx').db.kysely, parseRegionCodeOrFail(code(c)));
    return c.html(<RdkkQueuePage c={c} view={view} regionName={region ? titleCase(region.name) : view.code} />);
  });
}
