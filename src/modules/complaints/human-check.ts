import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/**
 * A small sum a person answers at a glance and a form-filling bot does not, with no third
 * party (the phones are slow, the machines may be offline): the question and when it was
 * asked travel in the form, signed with a secret of this installation, so any process can
 * check the answer. It holds for an hour; the per-address and per-phone limits do the rest.
 */
const VALID_MS = 60 * 60 * 1000;
let cached: { db: Kysely<Database>; key: string } | null = null;

async function secret(db: Kysely<Database>): Promise<string> {
  if (cached?.db === db) return cached.key;
  await sql`insert into server_secrets (name, value) values ('complaint_question', ${randomBytes(32).toString('hex')}) on conflict (name) do nothing`.execute(db);
  const row = await sql<{ value: string }>`select value from server_secrets where name = 'complaint_question'`.execute(db);
  cached = { db, key: row.rows[0]!.value };
  return cached.key;
}

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
