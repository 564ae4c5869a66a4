import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import { checkNewPassword, hashPassword, verifyPassword } from './password.js';

const reason = (pw: string, user = 'hanura') => {
  try {
    checkNewPassword(pw, user);
    return 'ok';
  } catch (e) {
    return (e as AppError).key;
  }
};

describe('password rules (length over composition)', () => {
  it('asks for length, not for symbols', () => {
    expect(reason('short1!')).toBe('auth.password_too_short');
    expect(reason('kopi susu di balai desa')).toBe('ok');
    expect(reason('alllowercaseletters')).toBe('ok');
  });

  it('refuses common and trivial passwords', () => {
    expect(reason('password123')).toBe('auth.password_common');
    expect(reason('Bismillah123')).toBe('auth.password_common');
    expect(reason('aaaaaaaaaaaa')).toBe('auth.password_common');
    expect(reason('1234567890')).toBe('auth.password_common');
    expect(reason('operator.hanura', 'operator.hanura')).toBe('auth.password_same_as_username');
  });

  it('hashes with argon2id and verifies', async () => {
    const h = await hashPassword('kopi susu di balai desa');
    expect(h.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(h, 'kopi susu di balai desa')).toBe(true);
    expect(await verifyPassword(h, 'kopi susu di balai kota')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
});
