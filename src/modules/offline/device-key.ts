import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { serverSecret } from '../../platform/secrets.js';

/** A key lives for two periods: the one it was made in and the next, so a device never holds a key about to die. */
export const KEY_PERIOD_MS = 7 * 24 * 60 * 60 * 1000;

export interface DeviceKey {
  key_id: string;
  /** 32 bytes, base64url: AES-256-GCM on the device. */
  key: string;
  expires_at: string;
}

/**
 * The key an officer's devices seal their kept forms with (issue 15): derived from a secret of
 * this installation, the account and the week, so every process gives the same key without
 * storing it, a new week brings a new one, and after its expiry a device wipes what it sealed.
 */
export async function deviceKey(db: Kysely<Database>, userId: number, now = Date.now()): Promise<DeviceKey> {
  const period = Math.floor(now / KEY_PERIOD_MS);
  const key = createHmac('sha256', await serverSecret(db, 'device_key')).update(`${userId}:${period}`).digest('base64url');
  return { key_id: `${userId}.${period}`, key, expires_at: new Date((period + 2) * KEY_PERIOD_MS).toISOString() };
}
