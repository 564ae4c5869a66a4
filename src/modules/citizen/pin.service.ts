import { createHash, randomInt } from 'node:crypto';
import { userIdOf } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import { clearAccountAttempts, endCitizenSessions, hashPassword } from '../identity/index.js';
import { codeLabel, villageScope } from '../population/index.js';
import * as repo from './citizen.repository.js';

export const PIN_LENGTH = 6;
/** The key a citizen's login attempts are counted under: a hash, so the counters hold no NIK. */
export const nikLoginKey = (nik: string) => `nik:${createHash('sha256').update(nik).digest('hex').slice(0, 32)}`;

/**
 * A PIN anyone could guess first: one digit repeated, a run up or down, a repeated pair or
 * triple, or a date the person is known by (birth date in the usual orders, the NIK's
 * date digits, the NIK's last six).
 */
export function isWeakPin(pin: string, person: { nik?: string | null; birth_date?: string | null } = {}): boolean {
  if (!/^\d{6}$/.test(pin)) return true;
  if (/^(\d)\1{5}$/.test(pin) || /^(\d\d)\1\1$/.test(pin) || /^(\d{3})\1$/.test(pin)) return true;
  if ('01234567890'.includes(pin) || '09876543210'.includes(pin)) return true;
  const known = new Set<string>();
  if (person.birth_date) {
    const [y, m, d] = person.birth_date.split('-') as [string, string, string];
    const yy = y.slice(2);
    for (const s of [d + m + yy, yy + m + d, m + d + yy]) known.add(s);
  }
  if (person.nik && person.nik.length === 16) {
    known.add(person.nik.slice(6, 12));
    known.add(person.nik.slice(10));
  }
  return known.has(pin);
}

/** Six random digits from the system's CSPRNG, drawn again while weak. */
export function generatePin(person: { nik?: string | null; birth_date?: string | null } = {}): string {
  for (;;) {
    const pin = String(randomInt(0, 10 ** PIN_LENGTH)).padStart(PIN_LENGTH, '0');
    if (!isWeakPin(pin, person)) return pin;
  }
}

/**
 * Issues (or resets) a resident's self-service PIN at the village office. The PIN is
 * returned this once and stored only as an argon2 hash; the resident's sessions end and
 * their failed-login count is cleared, so a reset also unlocks them.
 */
export async function issuePin(ctx: UseCaseContext, villageInput: string, residentId: number): Promise<{ pin: string; name: string; reset: boolean; village: string }> {
  const village = await villageScope(ctx, villageInput, 'citizen.pin');
  const resident = await repo.findResidentForPin(ctx.db.kysely, village, residentId);
  if (!resident) throw notFound('population.resident_not_found');
  if (!repo.PRESENT.includes(resident.life_status))
    throw conflict('citizen.pin_not_present', undefined, { status: codeLabel('lifeStatus', resident.life_status) });
  if (resident.nik_temporary) throw conflict('citizen.pin_no_nik');
  const pin = generatePin(resident);
  const pinHash = await hashPassword(pin);
  const reset = await writeWithAudit(ctx, async (trx, audit) => {
    const before = await repo.findPin(trx, village, residentId);
    await repo.upsertPin(trx, { village_code: village, resident_id: residentId, pin_hash: pinHash, issued_by: userIdOf(ctx.actor) });
    await endCitizenSessions(trx, village, residentId);
    await clearAccountAttempts(trx, 'login', nikLoginKey(resident.nik));
    await audit({ action: 'citizen.pin_issued', villageCode: village, subject: `resident:${residentId}`, detail: { reset: Boolean(before) } });
    return Boolean(before);
  });
  return { pin, name: resident.name, reset, village };
}

/** When the resident's PIN was issued and last used, or null when they have none. */
export async function hasPin(ctx: UseCaseContext, villageInput: string, residentId: number) {
  const village = await villageScope(ctx, villageInput, 'citizen.pin');
  return (await repo.findPin(ctx.db.kysely, village, residentId)) ?? null;
}

/**
 * For the demo seed only: sets a known PIN without the checks above (a real PIN is never
 * chosen by hand). Not exported to any route.
 */
export async function setDemoPin(db: Db, village: string, residentId: number, pin: string): Promise<void> {
  await repo.upsertPin(db.kysely, { village_code: village, resident_id: residentId, pin_hash: await hashPassword(pin), issued_by: null });
}
