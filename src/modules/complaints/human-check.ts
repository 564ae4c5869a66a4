import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { serverSecret } from '../../platform/secrets.js';

/**
 * A small sum a person answers at a glance and a form-filling bot does not, with no third
 * party (the phones are slow, the machines may be offline): the question and when it was
 * asked travel in the form, signed with a secret of this installation, so any process can
 * check the answer. It holds for an hour; the per-address and per-phone limits do the rest.
 */
const VALID_MS = 60 * 60 * 1000;
const secret = (db: Kysely<Database>) => serverSecret(db, 'complaint_question');

const sign = (key: string, body: string) => createHmac('sha256', key).update(body).digest('hex').slice(0, 32);

export interface Question { text: string; token: string }

export async function newQuestion(db: Kysely<Database>, now = Date.now()): Promise<Question> {
  const [a, b] = [randomInt(2, 10), randomInt(2, 10)];
  const body = `${a}.${b}.${now}`;
  return { text: `${a} + ${b}`, token: `${body}.${sign(await secret(db), body)}` };
}

/** True when the token is ours, not older than an hour, and the answer is its sum. */
export async function answered(db: Kysely<Database>, token: string | undefined, answer: string | undefined, now = Date.now()): Promise<boolean> {
  const parts = (token ?? '').split('.');
  if (parts.length !== 4 || !parts.slice(0, 3).every((p) => /^\d{1,15}$/.test(p)) || !/^[0-9a-f]{32}$/.test(parts[3]!)) return false;
  const [a, b, at, mac] = parts as [string, string, string, string];
  const expected = Buffer.from(sign(await secret(db), `${a}.${b}.${at}`));
  if (!timingSafeEqual(expected, Buffer.from(mac))) return false;
  if (now - Number(at) > VALID_MS || Number(at) > now + 60_000) return false;
  return (answer ?? '').trim() === String(Number(a) + Number(b));
}
