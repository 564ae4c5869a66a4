import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { tooManyRequests } from '../../platform/http/errors.js';
import type { MessageKey } from '../../platform/i18n/i18n.js';
import * as counters from '../../platform/attempts.js';
import { hasLoggedInFrom } from './identity.repository.js';
import { repeatEvery } from '../../platform/repeat.js';

export const LOGIN_WINDOW_MINUTES = 15;
/** How long an address where the account logged in before stays "known" for the lock-out. */
export const KNOWN_ADDRESS_DAYS = 90;

export interface LockoutRule {
  /** Failures allowed in the window: one account from one address; one address; one account from anywhere. */
  limits: { pair: number; ip: number; account: number };
  /** The message when the account (not the address) is locked. */
  locked: MessageKey;
  /**
   * Whose account it is (`user:5`, `resident:9`; null when nobody's) and the action of their
   * logins in the audit log. An address they logged in from in the last KNOWN_ADDRESS_DAYS is
   * spared the per-account limit, so a stranger with many addresses cannot lock the owner out.
   */
  owner: { subject: string; login: 'auth.login' | 'citizen.login' } | null;
}

const knownAddress = (db: Kysely<Database>, owner: LockoutRule['owner'], ip: string) =>
  owner !== null && hasLoggedInFrom(db, owner.subject, owner.login, ip, new Date(Date.now() - KNOWN_ADDRESS_DAYS * 86_400_000));

/**
 * Reserves one guess of a password or PIN before it is verified, or refuses with 429.
 * The count is taken and raised in one statement, so of any number of concurrent guesses at
 * most the limit are ever verified; a refused guess is given back, since it was never tried.
 * Keep the reservation on a failure; `settleSuccess` after a success.
 */
export async function reserveGuess(db: Kysely<Database>, account: string, ip: string, rule: LockoutRule): Promise<void> {
  const n = await counters.reserveAttempt(db, 'login', account, ip, LOGIN_WINDOW_MINUTES * 60);
  const refusal: MessageKey | null =
    n.ip > rule.limits.ip ? 'auth.ip_locked'
    : n.pair > rule.limits.pair ? rule.locked
    : n.account > rule.limits.account && !(await knownAddress(db, rule.owner, ip)) ? rule.locked
    : null;
  if (!refusal) return;
  await counters.releaseAttempt(db, 'login', account, ip);
  throw tooManyRequests(refusal, { minutes: LOGIN_WINDOW_MINUTES });
}

/** The right password: this account's failures from this address stop counting. */
export const settleSuccess = (db: Kysely<Database> | Transaction<Database>, account: string, ip: string) =>
  counters.clearAttempts(db, 'login', account, ip);

/** The key an officer's guesses are counted under: the username, as typed, lower case. */
export const accountKey = (username: string) => `u:${username.toLowerCase()}`;

/** Every hour, drops counters whose window ended a day ago; returns the stop. */
export function sweepStaleAttempts(db: { kysely: Kysely<Database> }, everyMs = 3600_000): () => void {
  return repeatEvery(everyMs, () => counters.deleteStaleAttempts(db.kysely, new Date(Date.now() - 86_400_000)));
}
