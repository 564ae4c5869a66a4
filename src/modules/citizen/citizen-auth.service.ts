import type { Actor } from '../../platform/access/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { AppError, badRequest } from '../../platform/http/errors.js';
import {
  decoyHash, LOGIN_LIMITS, reserveGuess, settleSuccess, startCitizenSession, toCitizenActor, verifyPassword,
} from '../identity/index.js';
import { normalizeRegionCode } from '../regions/index.js';
import * as repo from './citizen.repository.js';
import { INPUT_LABEL } from './citizen.schema.js';
import { nikLoginKey } from './pin.service.js';

/**
 * Officers' limits for one NIK from one address and for one address; and, since a PIN has
 * only a million values, one NIK from all addresses together is locked after 10 failures.
 */
export const CITIZEN_LOGIN_LIMITS = { pair: LOGIN_LIMITS.pair, ip: LOGIN_LIMITS.ip, nik: 10 } as const;

export interface CitizenLoginResult {
  token: string;
  expiresAt: Date;
  actor: Actor;
}

/**
 * Logs a citizen in with NIK and PIN. Whatever is wrong — unknown NIK, no PIN, wrong PIN,
 * moved away, or another village's kiosk — the answer and its timing are the same, so the
 * page tells nobody whose NIK is registered here.
 */
export async function loginCitizen(
  ctx: UseCaseContext,
  nikInput: string,
  pinInput: string,
  options: { villageCode?: string; userAgent?: string; sessionSeconds?: number } = {},
): Promise<CitizenLoginResult> {
  const db = ctx.db.kysely;
  const nik = nikInput.replace(/[\s.-]/g, ''); // typed from the card, maybe with spaces
  const pin = pinInput.trim();
  if (!/^\d{16}$/.test(nik)) throw badRequest('citizen.nik_format', 'nik', { field: INPUT_LABEL.nik![ctx.lang] });
  if (!/^\d{6}$/.test(pin)) throw badRequest('citizen.pin_format', 'pin', { field: INPUT_LABEL.pin![ctx.lang] });

  const key = nikLoginKey(nik);
  const holder = await repo.findCitizenByNik(db, nik);
  // A NIK is printed on every photocopied KTP: strangers know it. The lock for one NIK from
  // all addresses together spares the addresses the citizen logged in from before.
  await reserveGuess(db, key, ctx.ip, {
    limits: { pair: CITIZEN_LOGIN_LIMITS.pair, ip: CITIZEN_LOGIN_LIMITS.ip, account: CITIZEN_LOGIN_LIMITS.nik },
    locked: 'citizen.locked',
    owner: holder ? { subject: `resident:${holder.id}`, login: 'citizen.login' } : null,
  });
  // Verify against a decoy when there is no PIN, so an unknown NIK takes as long as a known one.
  const pinOk = holder?.pin_hash ? await verifyPassword(holder.pin_hash, pin) : (await verifyPassword(await decoyHash(), pin), false);
  const kiosk = options.villageCode ? normalizeRegionCode(options.villageCode) : null;
  const ok =
    holder && pinOk && repo.PRESENT.includes(holder.life_status) && !holder.nik_temporary && (!options.villageCode || kiosk === holder.village_code);
  if (!ok) {
    // Never the NIK in the log: the resident when known, otherwise nobody.
    await recordAudit(
      db,
      { ...ctx, actor: null },
      {
        action: 'citizen.login_failed',
        outcome: 'failed',
        villageCode: holder?.village_code ?? null,
        subject: holder ? `resident:${holder.id}` : null,
        detail: options.villageCode ? { kiosk: kiosk ?? options.villageCode.slice(0, 20) } : {},
      },
      holder ? `warga:${holder.id}` : 'anonim',
    );
    throw new AppError(401, 'invalid_credentials', 'citizen.invalid', {}, 'pin');
  }

  const actor = toCitizenActor(holder);
  const session = await db.transaction().execute(async (trx) => {
    await settleSuccess(trx, key, ctx.ip);
    const s = await startCitizenSession(trx, { villageCode: holder.village_code, residentId: holder.id, ip: ctx.ip, userAgent: options.userAgent, seconds: options.sessionSeconds });
    await repo.touchLastLogin(trx, holder.village_code, holder.id);
    await recordAudit(trx, { ...ctx, actor }, { action: 'citizen.login', villageCode: holder.village_code, subject: `resident:${holder.id}`, detail: kiosk ? { kiosk } : {} });
    return s;
  });
  return { ...session, actor };
}
