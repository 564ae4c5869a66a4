import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import { ROLE_LABEL } from '../../platform/access/roles.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import { idParam } from '../../platform/http/id-param.js';
import type { Router } from '../../platform/http/router.js';
import { Csrf, Layout, Notice } from '../../platform/http/views/layout.js';
import { t } from '../../platform/i18n/i18n.js';
import { listOfficials, POSITIONS, saveOfficial, signingMode, type OfficialInput } from './officials.js';

const TEXT = {
  id: {
    title: 'Perangkat desa', intro: 'Pejabat yang menandatangani surat. Kepala Desa menandatangani sendiri, Sekretaris Desa a.n. Kepala Desa, dan pejabat yang ditunjuk Kepala Desa u.b. Akun yang tidak ditautkan ke pejabat tidak dapat menandatangani surat.',
    name: 'Nama', staff: 'NIP/NIPD', position: 'Jabatan', printedTitle: 'Sebutan jabatan (dicetak di surat)', account: 'Akun', none: '— tanpa akun —',
    ub: 'Boleh menandatangani u.b. (ditunjuk Kepala Desa)', ubHeadOnly: 'Hanya Kepala Desa yang dapat mengubah ini.', active: 'Aktif', inactive: 'tidak aktif',
    add: 'Tambah pejabat', save: 'Simpan', edit: 'Ubah', empty: 'Belum ada pejabat tercatat.', signs: 'Menandatangani',
    self: 'sendiri', an: 'a.n. Kepala Desa', ubShort: 'u.b.', no: 'tidak',
    nik: 'NIK (untuk tanda tangan elektronik BSrE)', nikKept: 'NIK tercatat {nik}; kosongkan bila tidak berubah.', nikShort: 'NIK TTE',
  },
  en: {
    title: 'Village officials', intro: 'The officials who sign letters. The head signs himself, the secretary on behalf of the head (a.n.), and officials the head names sign u.b. An account not linked to an official cannot sign letters.',
    name: 'Name', staff: 'NIP/NIPD', position: 'Position', printedTitle: 'Position as printed on letters', account: 'Account', none: '— no account —',
    ub: 'May sign u.b. (named by the head)', ubHeadOnly: 'Only the village head can change this.', active: 'Active', inactive: 'inactive',
    add: 'Add an official', save: 'Save', edit: 'Edit', empty: 'No officials recorded yet.', signs: 'Signs',
    self: 'himself', an: 'a.n. the head', ubShort: 'u.b.', no: 'no',
    nik: 'NIK (for the BSrE electronic signature)', nikKept: 'NIK {nik} is recorded; leave empty to keep it.', nikShort: 'e-signature NIK',
  },
} as const;

type View = Awaited<ReturnType<typeof listOfficials>>;
type Official = View['officials'][number];

function OfficialForm({ c, code, view, o, values }: { c: Context<AppEnv>; code: string; view: View; o?: Official; values?: Record<string, string> }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const v = values ?? (o ? { name: o.name, staff_number: o.staff_number ?? '', position: o.position, position_title: o.position_title, user_id: o.user_id ? String(o.user_id) : '', signs_ub: o.signs_ub ? 'on' : '', active: o.active ? 'on' : '' } : { active: 'on' });
  return (
    <form method="post" action={`/desa/${code}/perangkat${o ? `/${o.id}` : ''}`}>
      <Csrf c={c} />
      <label>{w.name} *<input name="name" required maxlength={120} value={v.name ?? ''} autocomplete="off" /></label>
      <label>{w.staff}<input name="staff_number" inputmode="numeric" maxlength={30} value={v.staff_number ?? ''} autocomplete="off" /></label>
      <label>{w.position} *
        <select name="position" required>{Object.entries(POSITIONS).map(([k, label]) => <option value={k} selected={v.position === k}>{label[lang]}</option>)}</select>
      </label>
      <label>{w.printedTitle}<input name="position_title" maxlength={80} value={v.position_title ?? ''} placeholder="Kaur Umum dan Perencanaan" /></label>
      {/* Never shown back whole: empty keeps the recorded NIK (guide tanda-tangan-elektronik). */}
      <label>{w.nik}<input name="nik" inputmode="numeric" maxlength={16} pattern="[0-9]{16}" value={values?.nik ?? ''} autocomplete="off" /></label>
      {o?.nik_masked && <small>{w.nikKept.replace('{nik}', o.nik_masked)}</small>}
      <label>{w.account}
        <select name="user_id">
          <option value="">{w.none}</option>
          {view.accounts.map((a) => <option value={String(a.id)} selected={v.user_id === String(a.id)}>{a.full_name} ({a.username}, {ROLE_LABEL[a.role as keyof typeof ROLE_LABEL]?.[lang] ?? a.role})</option>)}
        </select>
      </label>
      <label class="check"><input type="checkbox" name="signs_ub" checked={v.signs_ub === 'on'} disabled={!view.canDelegate} /> {w.ub}</label>
      {!view.canDelegate && <small>{w.ubHeadOnly}</small>}
      {/* A disabled box is not posted: keep the stored choice for those who may not change it. */}
      {!view.canDelegate && v.signs_ub === 'on' && <input type="hidden" name="signs_ub" value="on" />}
      <label class="check"><input type="checkbox" name="active" checked={v.active === 'on'} /> {w.active}</label>
      <button type="submit">{o ? w.save : w.add}</button>
    </form>
  );
}

const signsAs = (o: Official, lang: 'id' | 'en') => {
  const w = TEXT[lang];
  const mode = o.active ? signingMode(o) : null;
  return mode === 'self' ? w.self : mode === 'an' ? w.an : mode === 'ub' ? w.ubShort : w.no;
};

function OfficialsPage({ c, code, view, ok, error, values }: { c: Context<AppEnv>; code: string; view: View; ok?: string; error?: string; values?: Record<string, string> }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  return (
    <Layout c={c} title={w.title} guide="perangkat">
      {ok && <Notice kind="ok">{ok}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      <p>{w.intro}</p>
      {view.officials.length === 0 ? <p>{w.empty}</p> : (
        <ul class="plain officials">
          {view.officials.map((o) => (
            <li class="card">
              <strong>{o.name}</strong> · {o.position_title}{o.staff_number ? ` · ${o.staff_number}` : ''}{o.active ? '' : ` (${w.inactive})`}
              <br /><small>{w.signs}: {signsAs(o, lang)}{o.username ? ` · ${w.account}: ${o.username}` : ''}{o.nik_masked ? ` · ${w.nikShort}: ${o.nik_masked}` : ''}</small>
              <details>
                <summary>{w.edit}</summary>
                <OfficialForm c={c} code={code} view={view} o={o} />
              </details>
            </li>
          ))}
        </ul>
      )}
      <h2>{w.add}</h2>
      <OfficialForm c={c} code={code} view={view} values={values} />
    </Layout>
  );
}

const inputOf = (f: Record<string, string>): OfficialInput => ({
  name: f.name, staff_number: f.staff_number, position: f.position, position_title: f.position_title, user_id: f.user_id, signs_ub: f.signs_ub === 'on', active: f.active === 'on', nik: f.nik,
});

/** /desa/<code>/perangkat: the village's officials, kept by the head, the secretary and the operator. */
export function registerOfficialPages(app: Router) {
  const gate = access({ permission: 'village.profile.write', scope: 'village' });
  const page = async (c: Context<AppEnv>, extra: { ok?: string; error?: string; values?: Record<string, string> } = {}, status: 200 | 400 | 403 | 404 | 409 = 200) => {
    const view = await listOfficials(c.get('ctx'), c.req.param('code')!);
    return c.html(<OfficialsPage c={c} code={view.village} view={view} {...extra} />, status);
  };
  app.get('/desa/:code/perangkat', gate, (c) => page(c, { ok: c.req.query('ok') ? t(c.get('lang'), 'officials.saved') : undefined }));
  const save = (withId: boolean) => async (c: Context<AppEnv>) => {
    const f = await formFields(c);
    try {
      await saveOfficial(c.get('ctx'), c.req.param('code')!, inputOf(f), withId ? idParam(c) : undefined);
      return c.redirect(`/desa/${c.req.param('code')}/perangkat?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return page(c, { error: p.message, values: withId ? undefined : f }, [400, 403, 404, 409].includes(p.status) ? (p.status as 400) : 400);
    }
  };
  app.post('/desa/:code/perangkat', gate, save(false));
  app.post('/desa/:code/perangkat/:id{[0-9]+}', gate, save(true));
}
