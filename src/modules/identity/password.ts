import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../platform/http/errors.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

export const MIN_PASSWORD_LENGTH = 10;

// argon2id with the library's defaults (19 MiB, 2 passes): about 8 ms a hash here.
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not tell which usernames exist. */
let decoy: Promise<string> | undefined;
export const decoyHash = () => (decoy ??= hashPassword('decoy-password-for-timing'));

/**
 * Current guidance (NIST SP 800-63B): length over composition, and no password that is
 * on a list of common ones. No rules about digits or symbols; long passphrases welcome.
 */
export function checkNewPassword(password: string, username: string, field = 'password'): void {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    throw new AppError(400, 'weak_password', 'auth.password_too_short', { min: MIN_PASSWORD_LENGTH }, field);
  const lower = password.toLowerCase();
  if (lower === username.toLowerCase()) throw new AppError(400, 'weak_password', 'auth.password_same_as_username', {}, field);
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(password) || isSequence(lower))
    throw new AppError(400, 'weak_password', 'auth.password_common', {}, field);
}

function isSequence(s: string): boolean {
  const a = '0123456789012345678901234567890abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz';
  const b = 'qwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjklzxcvbnm';
  return a.includes(s) || b.includes(s) || [...a].reverse().join('').includes(s);
}
