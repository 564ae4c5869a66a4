import type { Context } from 'hono';
import { noStore, privateFile } from '../../platform/http/download.js';
import { randomUUID } from 'node:crypto';
import type { AppEnv, AppServices } from '../../platform/http/env.js';
import { AppError } from '../../platform/http/errors.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import { idParam } from '../../platform/http/id-param.js';
import type { Router } from '../../platform/http/router.js';
import { access } from '../../platform/access/route-access.js';
import { t } from '../../platform/i18n/i18n.js';
import { loginCitizen } from '../citizen/index.js';
import { clearSessionCookie, logout, sessionToken, setSessionCookie } from '../identity/index.js';
import { HOLDS_NIK, residentForLetter } from '../population/index.js';
import { parseRegionCodeOrFail } from '../regions/index.js';
import { findVillage } from '../villages/index.js';
import { letterPdf } from './documents.service.js';
import { requestOrigin } from './letters.common.js';
import { letterFieldsFromForm } from './letters.pages.js';
import { getLetter, myLetters, requestLetter } from './requests.service.js';
import { settingsOf } from './settings.service.js';
import { findType, villageTypes } from './types.service.js';
import { CitizenLetterPage, CitizenRequestPage, MyLettersPage } from './views/citizen-pages.js';
import { KIOSK_IDLE_SECONDS, KioskFormPage, KioskMenuPage, KioskQueuedPage, KioskStartPage } from './views/kiosk-pages.js';

/** A kiosk visit: a few idle periods at most (7.5 minutes), then the next person starts clean. */
export const KIOSK_SESSION_SECONDS = KIOSK_IDLE_SECONDS * 5;

/** Letters a citizen may ask for themselves: active and open to online requests. */
const onlineTypes = async (c: Context<AppEnv>, village: string) => (await villageTypes(c.get('ctx').db.kysely, village)).filter((t) => t.active && t.online);

/** The citizen and their family members, as choices for "a letter for". */
async function familyChoices(c: Context<AppEnv>) {
  const actor = c.get('ctx').actor!;
  const db = c.get('ctx').db.kysely;
  const me = await residentForLetter(db, actor.regionCode, actor.residentId!);
  const present = me?.members.filter((m) => HOLDS_NIK.includes(m.life_status)) ?? [];
  return present.length ? present.map((m) => ({ id: m.id, name: m.name })) : [{ id: actor.residentId!, name: actor.fullName }];
}

/** Citizen pages: whoever is not logged in goes to the citizen login; an officer is told these are for citizens. */
const citizenPage = { login: '/warga/masuk', message: 'citizen.only_citizen' } as const;
/** Kiosk pages after login: only a citizen of this very village; anyone else back to the start screen (checked at the door). */
const kiosk = access({ permission: 'self.letters', scope: 'village' }, { redirect: '/anjungan/:code' });

export function registerSelfServicePages(app: Router, services: AppServices) {
  const id = (c: Context<AppEnv>) => idParam(c);

  // --- layanan mandiri on the citizen's phone -------------------------------------------

  app.get('/warga/surat', access({ permission: 'self.letters' }, citizenPage), async (c) => {
    const { village, rows } = await myLetters(c.get('ctx'));
    noStore(c);
    return c.html(<MyLettersPage c={c} rows={rows} types={await onlineTypes(c, village)} />);
  });

  const requestForm = async (c: Context<AppEnv>, values: Record<string, string> = {}, problem?: ReturnType<typeof formProblem>) => {
    const actor = c.get('ctx').actor!;
    const type = await findType(c.get('ctx').db.kysely, actor.regionCode, c.req.query('jenis') ?? '');
    if (!type.online || !type.active) throw new AppError(400, 'invalid_input', 'letters.not_online');
    noStore(c);
    return c.html(<CitizenRequestPage c={c} type={type} people={await familyChoices(c)} values={{ idempotency_key: randomUUID(), ...values }} problem={problem} />, (problem?.status ?? 200) as 200);
  };
  app.get('/warga/surat/baru', access({ permission: 'self.letters' }, citizenPage), (c) => requestForm(c));
  app.post('/warga/surat/baru', access({ permission: 'self.letters' }, citizenPage), async (c) => {
    const form = await formFields(c);
    try {
      const r = await requestLetter(c.get('ctx'), c.get('ctx').actor!.regionCode, { type: c.req.query('jenis') ?? '', resident_id: Number(form.resident_id) || undefined, fields: letterFieldsFromForm(form), idempotency_key: form.idempotency_key || undefined }, 'online');
      return c.redirect(`/warga/surat/${r.id}?terkirim=1`, 303);
    } catch (err) {
      return requestForm(c, form, formProblem(c, err));
    }
  });

  app.get('/warga/surat/:id{[0-9]+}', access({ permission: 'self.letters' }, citizenPage), async (c) => {
    const ctx = c.get('ctx');
    const view = await getLetter(ctx, ctx.actor!.regionCode, id(c), 'citizen');
    const settings = await settingsOf(ctx.db.kysely, view.village);
    noStore(c);
    return c.html(<CitizenLetterPage c={c} view={view} canDownload={settings.citizen_download} sent={c.req.query('terkirim') === '1'} />);
  });

  app.get('/warga/surat/:id{[0-9]+}/pdf', access({ permission: 'self.letters' }, citizenPage), async (c) => {
    const { pdf, filename } = await letterPdf(c.get('ctx'), c.get('ctx').actor!.regionCode, id(c), requestOrigin(c), 'citizen');
    return privateFile(c, pdf, { type: 'application/pdf', name: filename });
  });

  // --- anjungan: the touchscreen in the village hall -------------------------------------

  const kioskVillage = async (c: Context<AppEnv>) => {
    const code = parseRegionCodeOrFail(c.req.param('code')!);
    const v = await findVillage(c.get('ctx').db.kysely, code);
    if (!v) throw new AppError(404, 'not_found', 'village.not_active', { code });
    return { code, name: `${v.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${v.name}` };
  };
  /** Ends a citizen's kiosk session; an officer's session on the same browser is left alone. */
  const endSession = async (c: Context<AppEnv>) => {
    if (c.get('ctx').actor?.kind !== 'citizen') return;
    await logout(c.get('ctx'), sessionToken(c));
    clearSessionCookie(c);
  };

  app.get('/anjungan/:code', access('public'), async (c) => {
    const v = await kioskVillage(c);
    noStore(c);
    return c.html(<KioskStartPage c={c} code={v.code} village={v.name} />);
  });
  app.post('/anjungan/:code', access('public'), async (c) => {
    const v = await kioskVillage(c);
    const f = await formFields(c);
    noStore(c);
    try {
      // The kiosk session, on the server and in the cookie, lives only as long as a visit; the idle refresh ends it sooner.
      const { token } = await loginCitizen(c.get('ctx'), f.nik ?? '', f.pin ?? '', { villageCode: v.code, userAgent: 'anjungan', sessionSeconds: KIOSK_SESSION_SECONDS });
      setSessionCookie(c, token, services.secureCookies, KIOSK_SESSION_SECONDS / 3600);
      return c.redirect(`/anjungan/${v.code}/menu`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || err.status === 403) throw err;
      return c.html(<KioskStartPage c={c} code={v.code} village={v.name} error={t(c.get('lang'), err.key, err.params)} field={err.field} />, err.status as 400);
    }
  });
  app.get('/anjungan/:code/selesai', access('public'), async (c) => {
    const v = await kioskVillage(c);
    await endSession(c);
    return c.redirect(`/anjungan/${v.code}`, 303);
  });
  app.get('/anjungan/:code/menu', kiosk, async (c) => {
    const v = await kioskVillage(c);
    const { rows } = await myLetters(c.get('ctx'));
    const settings = await settingsOf(c.get('ctx').db.kysely, v.code);
    const ready = settings.citizen_download ? rows.filter((r) => r.status === 'ready' && !r.revoked_at) : [];
    noStore(c);
    return c.html(<KioskMenuPage c={c} code={v.code} village={v.name} types={await onlineTypes(c, v.code)} ready={ready} />);
  });
  app.get('/anjungan/:code/cetak/:id{[0-9]+}', kiosk, async (c) => {
    const v = await kioskVillage(c);
    const { pdf, filename } = await letterPdf(c.get('ctx'), v.code, id(c), requestOrigin(c), 'citizen');
    // Printed from a hidden frame of the kiosk's own page (web/kiosk.js), and framed by no other site.
    c.header('x-frame-options', 'SAMEORIGIN');
    c.header('content-security-policy', "default-src 'none'; frame-ancestors 'self'");
    return privateFile(c, pdf, { type: 'application/pdf', name: filename, inline: true });
  });
  const kioskForm = async (c: Context<AppEnv>, values: Record<string, string> = {}, problem?: ReturnType<typeof formProblem>) => {
    const v = await kioskVillage(c);
    const type = await findType(c.get('ctx').db.kysely, v.code, c.req.param('type')!);
    if (!type.online || !type.active) return c.redirect(`/anjungan/${v.code}/menu`, 303);
    noStore(c);
    return c.html(<KioskFormPage c={c} code={v.code} village={v.name} type={type} values={{ idempotency_key: randomUUID(), ...values }} problem={problem} />, (problem?.status ?? 200) as 200);
  };
  app.get('/anjungan/:code/surat/:type{[a-z][a-z0-9_]+}', kiosk, (c) => kioskForm(c));
  app.post('/anjungan/:code/surat/:type{[a-z][a-z0-9_]+}', kiosk, async (c) => {
    const v = await kioskVillage(c);
    const actor = c.get('ctx').actor!;
    const form = await formFields(c);
    try {
      const type = c.req.param('type')!;
      const r = await requestLetter(c.get('ctx'), v.code, { type, resident_id: actor.residentId, fields: letterFieldsFromForm(form), idempotency_key: form.idempotency_key || undefined }, 'kiosk');
      const title = (await findType(c.get('ctx').db.kysely, v.code, type)).title;
      // The ticket shows no personal data, and the session ends with it: the next person starts clean.
      const queue = 'queue_number' in r ? r.queue_number : null;
      await endSession(c);
      noStore(c);
      return c.html(<KioskQueuedPage c={c} code={v.code} village={v.name} queueNumber={queue} title={title} />);
    } catch (err) {
      return kioskForm(c, form, formProblem(c, err));
    }
  });
}

