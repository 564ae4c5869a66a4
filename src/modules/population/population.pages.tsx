import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.js';
import { AppError, badRequest } from '../../platform/http/errors.js';
import { formProblem, parseForm } from '../../platform/http/forms.js';
import { idParam } from '../../platform/http/id-param.js';
import type { Router } from '../../platform/http/router.js';
import { access } from '../../platform/access/route-access.js';
import { privateFile, XLSX } from '../../platform/http/download.js';
import { t } from '../../platform/i18n/i18n.js';
import { recordBirth, recordDeath, recordMoveIn, recordStatusEvent } from './events.service.js';
import { codeLabel, HEAD_OF_FAMILY, HOLDS_NIK } from './codes.js';
import { changeHead, findFamilyIdByKk, getFamily, listFamilies, splitFamily } from './families.service.js';
import { villageScope, todayInWib } from './population.common.js';
import { findAreas } from './population.repository.js';
import { renderResidentPanels } from './resident-panels.js';
import { BirthInput, ChangeHeadInput, CorrectionInput, DeathInput, ListQuery, MoveOutInput, NewResidentInput, SimpleEventInput, SplitFamilyInput } from './population.schema.js';
import { monthlyPopulationReport } from './report.service.js';
import { correctionFromForm } from './correction-form.js';
import { CorrectionConflict, correctResident, getResident, getResidentPhoto, listResidents, type ReadPurpose, registerResident, residentAccessLog, setResidentPhoto } from './residents.service.js';
import { FamiliesPage, FamilyPage } from './views/family-pages.js';
import { MonthlyReportPage } from './views/monthly-report-page.js';
import { monthlyReportWorkbook } from './views/monthly-report-workbook.js';
import { ResidentListPage } from './views/list-page.js';
import { ResidentFormPage } from './views/resident-form-page.js';
import { DeathConfirmPage } from './views/death-page.js';
import { words } from './views/words.js';
import { AccessLogPage, DONE_MESSAGE, ResidentPage, type Done } from './views/resident-page.js';
import type { ConflictState } from './views/correction-conflict.js';

const parse = parseForm;

/** Form fields as strings; a repeated field (checkboxes) as a list. */
async function fields(c: Context<AppEnv>): Promise<Record<string, string | string[]>> {
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf') continue;
    if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
    else if (typeof v === 'string') out[k] = v;
  }
  return out;
}
const str = (f: Record<string, string | string[]>) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, Array.isArray(v) ? v[0] ?? '' : v])) as Record<string, string>;

const EVENT_PATH = { kematian: ['death', DeathInput], 'pindah-keluar': ['move_out', MoveOutInput], hilang: ['lost', SimpleEventInput], pergi: ['temporary_departure', SimpleEventInput], kembali: ['return', SimpleEventInput] } as const;

export function registerPopulationPages(app: Router) {
  const id = (c: Context<AppEnv>) => idParam(c);

  const residentList = async (c: Context<AppEnv>, query: Record<string, string>) => {
    const ctx = c.get('ctx');
    const page = await listResidents(ctx, c.req.param('code')!, parse(c, ListQuery, Object.fromEntries(Object.entries(query).filter(([, v]) => v !== ''))));
    return c.html(<ResidentListPage c={c} page={page} villageName={page.villageName} query={query} />);
  };
  app.get('/desa/:code/penduduk', access({ permission: 'population.read', scope: 'village' }), (c) => residentList(c, c.req.query()));
  // The search form posts: a NIK or a name typed into it stays out of the URL, which proxies,
  // browser history and access logs keep (docs/security.md). Filters alone still work as links.
  app.post('/desa/:code/penduduk', access({ permission: 'population.read', scope: 'village' }), async (c) => residentList(c, str(await fields(c))));

  const form = async (c: Context<AppEnv>, values?: Record<string, string>, problem?: { message: string; field?: string; status: number }) => {
    const ctx = c.get('ctx');
    const village = await villageScope(ctx, c.req.param('code')!, 'population.write');
    const areas = await findAreas(ctx.db.kysely, village);
    return c.html(
      <ResidentFormPage c={c} village={village} areas={areas} moveIn={c.req.query('jenis') === 'pindah-masuk'} values={values} error={problem?.message} field={problem?.field} />,
      (problem?.status ?? 200) as 200,
    );
  };
  app.get('/desa/:code/penduduk/baru', access({ permission: 'population.write', scope: 'village' }), (c) => form(c));
  app.post('/desa/:code/penduduk/baru', access({ permission: 'population.write', scope: 'village' }), async (c) => {
    const ctx = c.get('ctx');
    const code = c.req.param('code');
    const f = str(await fields(c));
    try {
      const input = parse(c, NewResidentInput, { ...f, family_id: f.family_kk ? await findFamilyIdByKk(ctx, code, f.family_kk) : null });
      const created = c.req.query('jenis') === 'pindah-masuk'
        ? await recordMoveIn(ctx, code, input, f.date ?? todayInWib(), f.from ?? '')
        : await registerResident(ctx, code, input);
      return c.redirect(`/desa/${code}/penduduk/${created.id}?ok=disimpan`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return form(c, f, p);
    }
  });

  const residentPage = async (c: Context<AppEnv>, notice: { error?: string; ok?: string; done?: Done; conflict?: ConflictState } = {}, status = 200, purpose: ReadPurpose = 'view') => {
    const ctx = c.get('ctx');
    const record = await getResident(ctx, c.req.param('code')!, id(c), purpose);
    const r = record.resident;
    const panels = await renderResidentPanels(c, { village: r.village_code, id: r.id, name: r.name, life_status: r.life_status, nik_temporary: r.nik_temporary });
    return c.html(<ResidentPage c={c} village={r.village_code} record={record} panels={panels} {...notice} />, status as 200);
  };
  // Every form posts, then redirects here (POST/redirect/GET): a refresh shows the page, never a second post.
  app.get('/desa/:code/penduduk/:id{[0-9]+}', access({ permission: 'population.read', scope: 'village' }), (c) => {
    const done = (c.req.query('disimpan') ? 'disimpan' : c.req.query('ok')) as Done | undefined;
    return residentPage(c, done && done in DONE_MESSAGE ? { ok: t(c.get('lang'), DONE_MESSAGE[done]), done } : {});
  });
  // Opened from a citizen's correction request: the read is logged with that purpose.
  app.get('/desa/:code/penduduk/:id{[0-9]+}/untuk-perbaikan', access({ permission: 'population.read', scope: 'village' }), (c) => residentPage(c, {}, 200, 'correction'));

  app.post('/desa/:code/penduduk/:id{[0-9]+}/peristiwa/:kind', access({ permission: 'population.write', scope: 'village' }), async (c) => {
    const entry = EVENT_PATH[c.req.param('kind') as keyof typeof EVENT_PATH];
    if (!entry) throw new AppError(404, 'not_found', 'error.not_found');
    const ctx = c.get('ctx');
    const code = c.req.param('code');
    const f = str(await fields(c));
    if (entry[0] === 'death') return deathStep(c, f);
    try {
      await recordStatusEvent(ctx, code, id(c), entry[0], parse(c, entry[1], f) as any);
      return c.redirect(`/desa/${code}/penduduk/${id(c)}?ok=peristiwa`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return residentPage(c, { error: p.message }, p.status);
    }
  });

  /**
   * A death cannot be undone: the form leads to a page that shows what will be recorded, asks
   * for the new head when the deceased headed a family with members, and only its button
   * ("Catat kematian") records it.
   */
  const deathStep = async (c: Context<AppEnv>, f: Record<string, string>) => {
    const ctx = c.get('ctx');
    const code = c.req.param('code')!;
    let input;
    try {
      input = parse(c, DeathInput, f);
    } catch (err) {
      const p = formProblem(c, err);
      return residentPage(c, { error: p.message }, p.status);
    }
    const record = await getResident(ctx, code, id(c));
    const confirm = (problem?: { message: string; status: number }) =>
      c.html(<DeathConfirmPage c={c} village={record.resident.village_code} record={record} values={f} error={problem?.message} />, (problem?.status ?? 200) as 200);
    if (f.confirm !== '1') {
      if (!HOLDS_NIK.includes(record.resident.life_status)) return residentPage(c, { error: t(c.get('lang'), 'population.not_present', { status: codeLabel('lifeStatus', record.resident.life_status) }) }, 400);
      return confirm();
    }
    const r = record.resident;
    const headWithMembers = r.family_relation === HEAD_OF_FAMILY && record.members.some((m) => m.id !== r.id && HOLDS_NIK.includes(m.life_status));
    if (headWithMembers && !input.new_head_id) return confirm({ message: t(c.get('lang'), 'validation.required', { field: words(c.get('lang')).deathNewHead }), status: 400 });
    try {
      await recordDeath(ctx, code, id(c), input);
      return c.redirect(`/desa/${code}/penduduk/${id(c)}?ok=kematian`, 303);
    } catch (err) {
      return confirm(formProblem(c, err));
    }
  };

  app.post('/desa/:code/penduduk/:id{[0-9]+}/koreksi', access({ permission: 'population.write', scope: 'village' }), async (c) => {
    const f = str(await fields(c));
    try {
      await correctResident(c.get('ctx'), c.req.param('code'), id(c), parse(c, CorrectionInput, correctionFromForm(f)));
      return c.redirect(`/desa/${c.req.param('code')}/penduduk/${id(c)}?ok=disimpan`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return residentPage(c, { error: p.message, ...(err instanceof CorrectionConflict ? { conflict: { items: err.conflicts, submitted: f } } : {}) }, p.status);
    }
  });

  app.post('/desa/:code/penduduk/:id{[0-9]+}/foto', access({ permission: 'population.write', scope: 'village' }), async (c) => {
    try {
      const file = (await c.req.parseBody()).photo;
      const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
      await setResidentPhoto(c.get('ctx'), c.req.param('code'), id(c), bytes);
      return c.redirect(`/desa/${c.req.param('code')}/penduduk/${id(c)}?ok=disimpan`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return residentPage(c, { error: p.message }, p.status);
    }
  });

  app.get('/desa/:code/penduduk/:id{[0-9]+}/foto', access({ permission: 'population.read', scope: 'village' }), async (c) => {
    const photo = await getResidentPhoto(c.get('ctx'), c.req.param('code'), id(c));
    return c.body(photo.bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': photo.type, 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff', 'content-disposition': 'inline; filename="foto"' });
  });

  app.get('/desa/:code/penduduk/:id{[0-9]+}/akses', access({ permission: 'population.access_log', scope: 'village' }), async (c) => {
    const ctx = c.get('ctx');
    const rows = await residentAccessLog(ctx, c.req.param('code'), id(c));
    const record = await getResident(ctx, c.req.param('code'), id(c), 'access_log');
    return c.html(<AccessLogPage c={c} village={record.resident.village_code} name={record.resident.name} id={id(c)} rows={rows} />);
  });

  const familyList = async (c: Context<AppEnv>, input: string | undefined, pageInput: string | undefined) => {
    const ctx = c.get('ctx');
    const q = input?.trim().slice(0, 100) || undefined;
    const page = Math.min(100_000, Math.max(1, Math.trunc(Number(pageInput)) || 1));
    const village = await villageScope(ctx, c.req.param('code')!, 'population.read');
    const found = await listFamilies(ctx, village, q, page);
    return c.html(<FamiliesPage c={c} village={village} found={found} q={q} />);
  };
  app.get('/desa/:code/keluarga', access({ permission: 'population.read', scope: 'village' }), (c) => familyList(c, c.req.query('q'), c.req.query('page')));
  // Searched by KK number or name: posted, so neither lands in a URL (nor do its next pages).
  app.post('/desa/:code/keluarga', access({ permission: 'population.read', scope: 'village' }), async (c) => {
    const form = str(await fields(c));
    return familyList(c, form.q, form.page);
  });

  const familyPage = async (c: Context<AppEnv>, notice: { error?: string; ok?: string; values?: Record<string, string> } = {}, status = 200, familyId = id(c)) => {
    const ctx = c.get('ctx');
    const village = await villageScope(ctx, c.req.param('code')!, 'population.read');
    const [data, areas] = await Promise.all([getFamily(ctx, village, familyId), findAreas(ctx.db.kysely, village)]);
    return c.html(<FamilyPage c={c} village={village} data={data} areas={areas} {...notice} />, status as 200);
  };
  app.get('/desa/:code/keluarga/:id{[0-9]+}', access({ permission: 'population.read', scope: 'village' }), (c) =>
    familyPage(c, c.req.query('ok') ? { ok: t(c.get('lang'), 'population.family_saved') } : {}));
  app.post('/desa/:code/keluarga/:id{[0-9]+}/kepala', access({ permission: 'population.write', scope: 'village' }), async (c) => {
    try {
      const f = str(await fields(c));
      await changeHead(c.get('ctx'), c.req.param('code'), id(c), parse(c, ChangeHeadInput, { ...f, new_head_id: Number(f.new_head_id) }));
      return c.redirect(`/desa/${c.req.param('code')}/keluarga/${id(c)}?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return familyPage(c, { error: p.message }, p.status);
    }
  });
  app.post('/desa/:code/keluarga/:id{[0-9]+}/pecah', access({ permission: 'population.write', scope: 'village' }), async (c) => {
    try {
      const f = await fields(c);
      const members = Array.isArray(f.member_ids) ? f.member_ids : f.member_ids ? [f.member_ids] : [];
      const input = parse(c, SplitFamilyInput, { ...str(f), member_ids: members.map(Number), new_head_id: Number(str(f).new_head_id) });
      const r = await splitFamily(c.get('ctx'), c.req.param('code'), id(c), input);
      return c.redirect(`/desa/${c.req.param('code')}/keluarga/${r.new_family_id}`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return familyPage(c, { error: p.message }, p.status);
    }
  });

  app.post('/desa/:code/kelahiran', access({ permission: 'population.write', scope: 'village' }), async (c) => {
    const f = str(await fields(c));
    const code = c.req.param('code');
    // The form sits on a family's page; without a family there is no page to show it again on.
    if (!/^[1-9][0-9]{0,9}$/.test(f.family_id ?? '')) throw badRequest('validation.required', 'family_id', { field: 'KK' });
    try {
      const created = await recordBirth(c.get('ctx'), code, parse(c, BirthInput, f));
      return c.redirect(`/desa/${code}/penduduk/${created.id}?ok=lahir`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return familyPage(c, { error: p.message, values: f }, p.status, Number(f.family_id));
    }
  });

  // ?tahun=YYYY&bulan=M (absent: this month), the same for the page and its workbook.
  const reportOf = (c: Context<AppEnv>) => {
    const today = todayInWib();
    const year = Number(c.req.query('tahun') ?? today.slice(0, 4));
    const month = Number(c.req.query('bulan') ?? today.slice(5, 7));
    return monthlyPopulationReport(c.get('ctx'), c.req.param('code')!, year, month);
  };
  app.get('/desa/:code/laporan-bulanan', access({ permission: 'population.statistics', scope: 'village' }), async (c) => {
    return c.html(<MonthlyReportPage c={c} report={await reportOf(c)} />);
  });
  // Counts only, so no personal-data audit; access is checked by the same use case as the page.
  app.get('/desa/:code/laporan-bulanan.xlsx', access({ permission: 'population.statistics', scope: 'village' }), async (c) => {
    const report = await reportOf(c);
    const name = `laporan-bulanan-${report.village.replace(/\./g, '')}-${report.year}-${String(report.month).padStart(2, '0')}.xlsx`;
    return privateFile(c, await monthlyReportWorkbook(report, c.get('lang')), { type: XLSX, name });
  });
}
