import type { Context } from 'hono';
import { privateFile, XLSX } from '../../platform/http/download.js';
import { randomUUID } from 'node:crypto';
import { can } from '../../platform/access/access.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import { idParam, parseId } from '../../platform/http/id-param.js';
import { isCalendarDate } from '../../platform/http/validation.js';
import type { Router } from '../../platform/http/router.js';
import { access } from '../../platform/access/route-access.js';
import { todayInWib } from '../../platform/format/format.js';
import { findRegion } from '../regions/index.js';
import { villageScope } from '../villages/index.js';
import { addResidentPanel, recordedDeath, residentForLetter } from '../population/index.js';
import { exportArchive, letterFigures, letterPdf, verifyLetter } from './documents.service.js';
import { fieldInputName } from './fields.js';
import { requestOrigin } from './letters.common.js';
import { listLetters as listResidentLetterRows, villageLetterTypes } from './letters.repository.js';
import { formatLetterNumber } from './numbering.js';
import { checkAndSignLetter, checkLetter, getLetter, listLetters, markCollected, markReady, PAGE_SIZE, previewLetter, rejectLetter, requestLetter, revokeLetter, signLetter } from './requests.service.js';
import { getLetterSettings, saveLetterSettings } from './settings.service.js';
import { findType, listLetterTypes, previewLetterType, resetLetterType, saveLetterType, villageTypes } from './types.service.js';
import { FiguresPage, LetterPage, QueuePage, RequestFormPage, ResidentLettersPanel, SettingsPage, TypeFormPage, TypesPage, typeFormValues, type EsignStatus } from './views/officer-pages.js';
import { configuredEsign } from './certified.js';
import { VerifyPage } from './views/verify-page.js';
import { words } from './views/words.js';
import { verifyRateLimit } from '../../platform/http/rate-limit.js';

const listResidentLetters = (db: Parameters<typeof listResidentLetterRows>[0], village: string, residentId: number) =>
  listResidentLetterRows(db, village, { residentIds: [residentId], limit: 20, offset: 0 });

/** `isian.x` form names back to the type's field names. */
export function letterFieldsFromForm(form: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) if (k.startsWith('isian.')) out[k.slice(6)] = v;
  return out;
}

const STEP_PATHS = { periksa: checkLetter, siap: markReady, diambil: markCollected } as const;
const SIGN_PATHS = { tandatangani: signLetter, terbitkan: checkAndSignLetter } as const;
const REASON_PATHS = { tolak: rejectLetter, cabut: revokeLetter } as const;
const NOTICE = { periksa: 'Permohonan ditandai sudah diperiksa.', tandatangani: 'Surat ditandatangani dan diberi nomor.', terbitkan: 'Permohonan diperiksa, surat ditandatangani dan diberi nomor.', unduh: 'Surat ditandatangani dan diberi nomor; warga dapat langsung mengunduhnya.', siap: 'Surat ditandai siap diambil; warga diberi tahu.', diambil: 'Surat ditandai sudah diambil.', tolak: 'Permohonan ditolak; warga diberi tahu alasannya.', cabut: 'Surat dicabut.' } as const;

const configure = access({ permission: 'letters.configure', scope: 'village' });
/** What the pages say about signing: the configured provider's name and mode, or none. */
const esignStatus = (): EsignStatus => {
  const p = configuredEsign();
  return p ? { name: p.name, testMode: p.testMode } : null;
};
// One door for every step; the use case behind it checks the step's own permission (the head signs, the desk checks).
const anyLetterStep = access({ anyOf: (['letters.check', 'letters.sign', 'letters.revoke'] as const).map((permission) => ({ permission, scope: 'village' as const })) });

export function registerLetterPages(app: Router) {
  const id = (c: Context<AppEnv>) => idParam(c);
  addResidentPanel(async (c, r) => {
    const ctx = c.get('ctx');
    if (!can(ctx.actor, 'letters.read', r.village)) return null;
    const rows = await listResidentLetters(ctx.db.kysely, r.village, r.id);
    return <ResidentLettersPanel c={c} code={r.village} residentId={r.id} rows={rows} canRequest={can(ctx.actor, 'letters.request', r.village)} />;
  });

  app.get('/v/:verify', access('public'), verifyRateLimit(), async (c) => {
    const v = await verifyLetter(c.get('ctx').db, c.req.param('verify'));
    c.header('cache-control', 'no-store');
    c.header('x-robots-tag', 'noindex');
    return c.html(<VerifyPage c={c} v={v} />, v ? 200 : 404);
  });

  const queue = async (c: Context<AppEnv>, input: Record<string, string>) => {
    const ctx = c.get('ctx');
    const query: Record<string, string> = Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== '' && k !== '_csrf'));
    // The desk opens on what still needs doing; "Semua status" (all) shows everything.
    query.status ??= 'open';
    const page = await listLetters(ctx, c.req.param('code')!, query);
    const [types, region] = await Promise.all([listLetterTypes(ctx, page.village), findRegion(ctx.db.kysely, page.village)]);
    return c.html(<QueuePage c={c} code={page.village} villageName={region?.name ?? page.village} rows={page.rows} total={page.total} filter={page.filter} types={types.types} page={page.filter.page} pageSize={PAGE_SIZE} />);
  };
  app.get('/desa/:code/surat', access({ permission: 'letters.read', scope: 'village' }), (c) => queue(c, c.req.query()));
  // The search (a name, a NIK, a letter number) is posted, so it never lands in a URL.
  app.post('/desa/:code/surat', access({ permission: 'letters.read', scope: 'village' }), async (c) => queue(c, await formFields(c)));

  const archive = async (c: Context<AppEnv>, input: Record<string, string>) => {
    const query = Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== '' && k !== '_csrf' && k !== 'page'));
    const { buffer, filename } = await exportArchive(c.get('ctx'), c.req.param('code')!, query);
    return privateFile(c, buffer, { type: XLSX, name: filename });
  };
  app.get('/desa/:code/surat/arsip.xlsx', access({ permission: 'letters.read', scope: 'village' }), (c) => archive(c, c.req.query()));
  app.post('/desa/:code/surat/arsip.xlsx', access({ permission: 'letters.read', scope: 'village' }), async (c) => archive(c, await formFields(c)));

  const requestForm = async (c: Context<AppEnv>, values: Record<string, string> = {}, problem?: ReturnType<typeof formProblem>) => {
    const ctx = c.get('ctx');
    const village = await villageScope(ctx, c.req.param('code')!, 'letters.request');
    const types = (await listLetterTypes(ctx, village)).types;
    const code = c.req.query('jenis');
    const type = code ? await findType(ctx.db.kysely, village, code) : undefined;
    const residentId = parseId(c.req.query('penduduk')) ?? 0;
    const found = residentId ? await residentForLetter(ctx.db.kysely, village, residentId) : null;
    const subject = found ? { id: found.resident.id, name: found.resident.name } : undefined;
    // A death letter starts from what was recorded with the death: the officer checks, not retypes.
    const death = found && type?.rule === 'subject_dead' ? await recordedDeath(ctx.db.kysely, village, found.resident.id) : null;
    const relation = type?.fields.find((f) => f.name === 'hubungan_pelapor')?.options ?? [];
    const prefill: Record<string, string> = death
      ? { 'isian.tanggal_kematian': death.date, 'isian.tempat_kematian': death.place, 'isian.sebab_kematian': death.cause, 'isian.nama_pelapor': death.reporterName,
        ...(relation.includes(death.reporterRelation) ? { 'isian.hubungan_pelapor': death.reporterRelation } : {}) }
      : {};
    const v = { idempotency_key: randomUUID(), ...prefill, ...values };
    return c.html(<RequestFormPage c={c} code={village} types={types} type={type} subject={subject} values={v} problem={problem} />, (problem?.status ?? 200) as 200);
  };
  app.get('/desa/:code/surat/baru', access({ permission: 'letters.request', scope: 'village' }), (c) => requestForm(c));
  app.post('/desa/:code/surat/baru', access({ permission: 'letters.request', scope: 'village' }), async (c) => {
    const form = await formFields(c);
    try {
      const r = await requestLetter(c.get('ctx'), c.req.param('code'), { type: c.req.query('jenis') ?? '', nik: form.nik || undefined, resident_id: Number(form.resident_id) || undefined, fields: letterFieldsFromForm(form), idempotency_key: form.idempotency_key || undefined }, 'counter');
      return c.redirect(`/desa/${c.req.param('code')}/surat/${r.id}?ok=diajukan`, 303);
    } catch (err) {
      return requestForm(c, form, formProblem(c, err));
    }
  });

  const letterPage = async (c: Context<AppEnv>, notice?: string, problem?: ReturnType<typeof formProblem>) => {
    const ctx = c.get('ctx');
    const view = await getLetter(ctx, c.req.param('code')!, id(c), 'office');
    const v = view.village;
    const settings = await getLetterSettings(ctx, v);
    const allowed = { check: can(ctx.actor, 'letters.check', v), sign: can(ctx.actor, 'letters.sign', v), revoke: can(ctx.actor, 'letters.revoke', v), population: can(ctx.actor, 'population.read', v) };
    const checkAndSign = allowed.check && allowed.sign && settings.checker_may_sign;
    // Whoever checks or signs reads the letter as it will print before it is issued.
    const preview = allowed.check || allowed.sign ? await previewLetter(ctx, v, id(c)) : null;
    const ok = c.req.query('ok');
    const shown = notice ?? (ok === 'diajukan' ? `Permohonan tercatat${view.letter.queue_number ? ` dengan nomor antrian ${view.letter.queue_number}` : ''}.` : ok && ok in NOTICE ? NOTICE[ok as keyof typeof NOTICE] : undefined);
    return c.html(<LetterPage c={c} code={v} view={view} can={{ ...allowed, checkAndSign }} preview={preview} notice={shown} problem={problem} esign={esignStatus()} />, (problem?.status ?? 200) as 200);
  };
  app.get('/desa/:code/surat/:id{[0-9]+}', access({ permission: 'letters.read', scope: 'village' }), (c) => letterPage(c));
  app.post('/desa/:code/surat/:id{[0-9]+}/:action{[a-z]+}', anyLetterStep, async (c) => {
    const action = c.req.param('action');
    const ctx = c.get('ctx');
    try {
      let done: unknown;
      const form = await formFields(c);
      // The passphrase goes to the signing provider and nowhere else (never stored, never logged).
      if (Object.hasOwn(SIGN_PATHS, action)) done = await SIGN_PATHS[action as keyof typeof SIGN_PATHS](ctx, c.req.param('code'), id(c), { passphrase: form.passphrase, baseUrl: requestOrigin(c) });
      else if (Object.hasOwn(STEP_PATHS, action)) done = await STEP_PATHS[action as keyof typeof STEP_PATHS](ctx, c.req.param('code'), id(c));
      else if (Object.hasOwn(REASON_PATHS, action)) await REASON_PATHS[action as keyof typeof REASON_PATHS](ctx, c.req.param('code'), id(c), form.reason ?? '');
      else return c.notFound();
      // An online letter signed where downloads are on is with the citizen already: say so.
      const ok = (done as { status?: string } | undefined)?.status === 'ready' ? 'unduh' : action;
      return c.redirect(`/desa/${c.req.param('code')}/surat/${id(c)}?ok=${ok}`, 303);
    } catch (err) {
      return letterPage(c, undefined, formProblem(c, err));
    }
  });
  app.get('/desa/:code/surat/:id{[0-9]+}/pdf', access({ permission: 'letters.read', scope: 'village' }), async (c) => {
    const { pdf, filename } = await letterPdf(c.get('ctx'), c.req.param('code'), id(c), requestOrigin(c), 'office');
    return privateFile(c, pdf, { type: 'application/pdf', name: filename, inline: true });
  });

  app.get('/desa/:code/surat/jenis', access({ permission: 'letters.read', scope: 'village' }), async (c) => {
    const ctx = c.get('ctx');
    const { village, types } = await listLetterTypes(ctx, c.req.param('code'));
    const overridden = new Set((await villageLetterTypes(ctx.db.kysely, village)).map((r) => r.code));
    return c.html(<TypesPage c={c} code={village} types={types} overridden={overridden} />);
  });
  const typeForm = async (c: Context<AppEnv>, isNew: boolean, values?: Record<string, string>, extra: { problem?: ReturnType<typeof formProblem>; preview?: string[]; notice?: string } = {}) => {
    const ctx = c.get('ctx');
    const village = await villageScope(ctx, c.req.param('code')!, 'letters.configure');
    const type = isNew ? undefined : await findType(ctx.db.kysely, village, c.req.param('type')!);
    const v = values ?? (type ? typeFormValues(type) : { online: 'on', active: 'on', validity_days: '30', rule: 'subject_alive', classification: '470' });
    return c.html(<TypeFormPage c={c} code={village} type={type} isNew={isNew} values={v} {...extra} />, (extra.problem?.status ?? 200) as 200);
  };
  const saveType = (isNew: boolean) => async (c: Context<AppEnv>) => {
    const form = await formFields(c);
    const input = { ...form, code: isNew ? form.code ?? '' : c.req.param('type')!, online: form.online === 'on', active: form.active === 'on', validity_days: form.validity_days ?? '0', rule: (form.rule ?? 'none') as 'none', fields: form.fields ?? '', requirements: form.requirements ?? '', template: form.template ?? '', title: form.title ?? '', classification: form.classification ?? '', certified_signature: form.certified_signature === 'on' };
    const values = { ...form, code: input.code };
    try {
      if (form.do === 'preview') {
        const p = await previewLetterType(c.get('ctx'), c.req.param('code')!, input);
        return typeForm(c, isNew, values, { preview: p.paragraphs });
      }
      const r = await saveLetterType(c.get('ctx'), c.req.param('code')!, input, isNew ? 'create' : 'update');
      return c.redirect(`/desa/${c.req.param('code')}/surat/jenis/${r.code}?ok=1`, 303);
    } catch (err) {
      return typeForm(c, isNew, values, { problem: formProblem(c, err) });
    }
  };
  app.get('/desa/:code/surat/jenis/baru', configure, (c) => typeForm(c, true));
  app.post('/desa/:code/surat/jenis/baru', configure, saveType(true));
  app.get('/desa/:code/surat/jenis/:type{[a-z][a-z0-9_]+}', configure, (c) => typeForm(c, false, undefined, { notice: c.req.query('ok') ? words(c.get('lang')).saved : undefined }));
  app.post('/desa/:code/surat/jenis/:type{[a-z][a-z0-9_]+}', configure, saveType(false));
  app.post('/desa/:code/surat/jenis/:type{[a-z][a-z0-9_]+}/bawaan', configure, async (c) => {
    await resetLetterType(c.get('ctx'), c.req.param('code'), c.req.param('type'));
    return c.redirect(`/desa/${c.req.param('code')}/surat/jenis/${c.req.param('type')}?ok=1`, 303);
  });

  const settingsPage = async (c: Context<AppEnv>, values?: Parameters<typeof SettingsPage>[0]['settings'], extra: { problem?: ReturnType<typeof formProblem>; notice?: string } = {}) => {
    const ctx = c.get('ctx');
    const village = await villageScope(ctx, c.req.param('code')!, 'letters.configure');
    const settings = values ?? (await getLetterSettings(ctx, village));
    let example = '';
    try {
      example = formatLetterNumber(settings.number_pattern, { classification: '474.1', running: 7, villageCode: village, date: todayInWib(), typeCode: 'sktm' });
    } catch {}
    return c.html(<SettingsPage c={c} code={village} settings={settings} example={example} esign={esignStatus()} {...extra} />, (extra.problem?.status ?? 200) as 200);
  };
  app.get('/desa/:code/surat/pengaturan', configure, (c) => settingsPage(c, undefined, { notice: c.req.query('ok') ? words(c.get('lang')).saved : undefined }));
  app.post('/desa/:code/surat/pengaturan', configure, async (c) => {
    const form = await formFields(c);
    const input = { number_pattern: form.number_pattern ?? '', number_scope: form.number_scope as 'village_year', paper: form.paper as 'A4', citizen_download: form.citizen_download === 'on', staff_number_label: form.staff_number_label ?? '', checker_may_sign: form.checker_may_sign === 'on' };
    try {
      await saveLetterSettings(c.get('ctx'), c.req.param('code'), input);
      return c.redirect(`/desa/${c.req.param('code')}/surat/pengaturan?ok=1`, 303);
    } catch (err) {
      return settingsPage(c, input, { problem: formProblem(c, err) });
    }
  });

  app.get('/desa/:code/surat/angka', access({ permission: 'letters.statistics', scope: 'village' }), async (c) => {
    const ctx = c.get('ctx');
    const to = isCalendarDate(c.req.query('to') ?? '') ? c.req.query('to')! : todayInWib();
    const from = isCalendarDate(c.req.query('from') ?? '') ? c.req.query('from')! : `${to.slice(0, 8)}01`;
    const figures = await letterFigures(ctx, c.req.param('code'), from, to);
    // Officers above the village see the titles of the built-in and the village's own types, not the desk.
    const desk = can(ctx.actor, 'letters.read', figures.village);
    const titles = new Map<string, string>((await villageTypes(ctx.db.kysely, figures.village)).map((t) => [t.code, t.title]));
    return c.html(<FiguresPage c={c} code={figures.village} figures={figures} titles={titles} desk={desk} />);
  });
}

export { fieldInputName };
