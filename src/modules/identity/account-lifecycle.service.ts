import { createHash, randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import { authorize, regionWithin, type Actor } from '../../platform/access/access.js';
import { CREATABLE_ROLES, ROLE_PERMISSIONS } from '../../platform/access/permissions.js';
import { ROLE_LABEL, ROLE_LEVEL, STAFF_ROLES, type Role } from '../../platform/access/roles.js';
import { recordAudit, writeWithAudit, type Audit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { text } from '../../platform/http/text-input.js';
import * as repo from './identity.repository.js';
import { checkNewPassword, hashPassword } from './password.js';

/**
 * An account's life after it is made (issue 18, item 6): switched off and on again, a
 * forgotten password replaced through a one-time code, and the accounts nobody uses listed.
 * Who may: the holder of `account.manage` over the account's region, for the roles they may
 * create (CREATABLE_ROLES) — never their own account. Each step is one transaction with its
 * audit entry; switching off ends the account's sessions in that same transaction.
 */

/** How long a reset code works. */
export const RESET_CODE_HOURS = 24;
/** An account with no login for this long is listed as unused. */
export const UNUSED_DAYS = 90;

/** Roles that hold the accounts of their region: the last active one of a region is never switched off. */
const MANAGER_ROLES: readonly Role[] = STAFF_ROLES.filter((r) => ROLE_PERMISSIONS[r].has('account.manage'));

interface Account { id: number; username: string; role: string; region_code: string; active: boolean }

/** May the actor manage this account? Pure: the page uses it to offer the buttons, the use cases to refuse. */
export function mayManage(actor: Actor | null, account: Pick<Account, 'id' | 'role' | 'region_code'>): boolean {
  if (!actor || actor.kind !== 'user' || !ROLE_PERMISSIONS[actor.role].has('account.manage')) return false;
  return account.id !== actor.id && regionWithin(account.region_code, actor.regionCode) && CREATABLE_ROLES[actor.role].includes(account.role as Role);
}

const idOf = (input: string | number) => {
  const id = Number(input);
  if (!Number.isSafeInteger(id) || id < 1) throw notFound('account.not_found');
  return id;
};

/** The account, if the actor may manage it: one outside the scope is "not found", so its existence is not confirmed. */
async function managedAccount(trx: Transaction<Database>, ctx: UseCaseContext, actor: Actor, id: number): Promise<Account> {
  const account = await repo.findUserById(trx, id);
  if (!account || !regionWithin(account.region_code, actor.regionCode)) throw notFound('account.not_found');
  if (account.id === actor.id) throw new AppError(409, 'conflict', 'account.not_yourself');
  if (!mayManage(actor, account)) throw new AppError(403, 'forbidden', 'account.role_not_managed', { role: roleName(account.role, ctx) });
  return account;
}

const roleName = (role: string, ctx: UseCaseContext) => ROLE_LABEL[role as Role]?.[ctx.lang] ?? role;
const villageOf = (a: Account) => (ROLE_LEVEL[a.role as Role] === 4 ? a.region_code : null);
const reasonOf = (input: string | undefined) => text(input, 'alasan', 3, 200);

async function auditOn(audit: Audit, action: string, account: Account, detail: Record<string, unknown>) {
  await audit({ action, subject: `user:${account.id}`, regionCode: account.region_code || null, villageCode: villageOf(account), detail: { username: account.username, role: account.role, ...detail } });
}

/**
 * The last active village head of a village, or the last active account holder of a region
 * (the one who manages its accounts), is not switched off by mistake: nobody would be left
 * there to switch anyone back on.
 */
async function refuseIfLast(trx: Transaction<Database>, ctx: UseCaseContext, account: Account) {
  const role = account.role as Role;
  const guarded = role === 'village_head' ? ['village_head' as const] : MANAGER_ROLES.includes(role) ? MANAGER_ROLES : null;
  if (!guarded) return;
  const holders = await repo.lockActiveHolders(trx, account.region_code, guarded);
  if (holders.every((h) => Number(h.id) === account.id))
    throw conflict('account.last_holder', undefined, { role: roleName(role, ctx), region: account.region_code || 'Indonesia' });
}

/** Switches an account off: it cannot log in, and its open sessions end now, in the same transaction. */
export async function deactivateAccount(ctx: UseCaseContext, idInput: string | number, reasonInput: string | undefined) {
  const actor = authorize(ctx.actor, 'account.manage');
  const id = idOf(idInput);
  const reason = reasonOf(reasonInput);
  return writeWithAudit(ctx, async (trx, audit) => {
    const account = await managedAccount(trx, ctx, actor, id);
    if (!account.active) throw conflict('account.already_inactive', undefined, { username: account.username });
    await refuseIfLast(trx, ctx, account);
    await repo.setActive(trx, account.id, false);
    await repo.deleteSessionsOfUser(trx, account.id);
    await repo.voidResetCodes(trx, account.id);
    await auditOn(audit, 'account.deactivate', account, { reason });
    return { username: account.username };
  });
}

/** Switches an account on again. Its password is what it was; a forgotten one is reset separately. */
export async function reactivateAccount(ctx: UseCaseContext, idInput: string | number, reasonInput: string | undefined) {
  const actor = authorize(ctx.actor, 'account.manage');
  const id = idOf(idInput);
  const reason = reasonOf(reasonInput);
  return writeWithAudit(ctx, async (trx, audit) => {
    const account = await managedAccount(trx, ctx, actor, id);
    if (!(await repo.setActive(trx, account.id, true))) throw conflict('account.already_active', undefined, { username: account.username });
    await auditOn(audit, 'account.reactivate', account, { reason });
    return { username: account.username };
  });
}

// 32 letters and digits without 0/O and 1/I: a byte's low 5 bits pick one evenly; 20 of them are 100 bits.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 20;
const codeHash = (code: string) => createHash('sha256').update(`balai-reset:${code}`).digest('hex');

/** XXXXX-XXXXX-XXXXX-XXXXX: read out over the phone or copied, typed with or without the dashes. */
function newResetCode(): string {
  const chars = [...randomBytes(CODE_LENGTH)].map((b) => CODE_ALPHABET[b & 31]!).join('');
  return chars.match(/.{5}/g)!.join('-');
}

/** What was typed, as the code: case, spaces and dashes do not matter; anything else is not a code. */
function parseResetCode(input: string | undefined): string {
  let code = '';
  for (const ch of (input ?? '').toUpperCase()) {
    if (ch === '-' || ch === ' ') continue;
    if (!CODE_ALPHABET.includes(ch) || code.length >= CODE_LENGTH) throw badRequest('account.reset_code_invalid', 'reset_code');
    code += ch;
  }
  if (code.length !== CODE_LENGTH) throw badRequest('account.reset_code_invalid', 'reset_code');
  return code.match(/.{5}/g)!.join('-');
}

/**
 * A one-time code for an account whose owner lost the password: shown to the administrator
 * once (only its hash is kept), valid RESET_CODE_HOURS, used once. The old password stops
 * working now and the account's sessions end: whoever knew it is out.
 */
export async function issueResetCode(ctx: UseCaseContext, idInput: string | number, reasonInput: string | undefined) {
  const actor = authorize(ctx.actor, 'account.manage');
  const id = idOf(idInput);
  const reason = reasonOf(reasonInput);
  const code = newResetCode();
  const expiresAt = new Date(Date.now() + RESET_CODE_HOURS * 3600_000);
  // A hash no password matches (verifyPassword refuses what is not an argon2 hash).
  const locked = `!reset:${randomBytes(16).toString('hex')}`;
  return writeWithAudit(ctx, async (trx, audit) => {
    const account = await managedAccount(trx, ctx, actor, id);
    if (!account.active) throw conflict('account.reset_inactive', undefined, { username: account.username });
    // The account's row (a reference table on Citus) is written before the codes and sessions
    // spread over the workers: Citus runs those after it one shard at a time, never the other way round.
    await repo.setPasswordHash(trx, account.id, locked);
    await repo.voidResetCodes(trx, account.id);
    await repo.insertResetCode(trx, { code_hash: codeHash(code), user_id: account.id, created_by: actor.id, expires_at: expiresAt });
    await repo.deleteSessionsOfUser(trx, account.id);
    await auditOn(audit, 'account.password_reset', account, { reason, expires_at: expiresAt.toISOString() });
    return { code, username: account.username, expiresAt };
  });
}

/** The owner sets a new password with the code (no session: they cannot log in). The code is used up in the same UPDATE that checks it. */
export async function useResetCode(ctx: UseCaseContext, codeInput: string | undefined, next: string | undefined, confirm: string | undefined) {
  const hash = codeHash(parseResetCode(codeInput));
  const open = await repo.findOpenResetCode(ctx.db.kysely, hash);
  if (!open) {
    await recordAudit(ctx.db.kysely, ctx, { action: 'account.password_reset_failed', outcome: 'failed' });
    throw badRequest('account.reset_code_invalid', 'reset_code');
  }
  if (!open.active) throw new AppError(409, 'inactive', 'auth.inactive');
  checkNewPassword(next ?? '', open.username, 'new_password');
  if (next !== confirm) throw badRequest('auth.password_mismatch', 'confirm_password');
  const passwordHash = await hashPassword(next ?? '');
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const used = await repo.consumeResetCode(trx, hash);
    if (!used) throw badRequest('account.reset_code_invalid', 'reset_code');
    const userId = Number(used.user_id);
    await repo.setPasswordHash(trx, userId, passwordHash);
    await repo.deleteSessionsOfUser(trx, userId);
    const village = ROLE_LEVEL[open.role as Role] === 4 ? open.region_code : null;
    await recordAudit(trx, ctx, { action: 'account.password_reset_used', subject: `user:${userId}`, regionCode: open.region_code || null, villageCode: village }, open.username);
    return { username: open.username };
  });
}

/** Active accounts within the actor's scope with no login for UNUSED_DAYS (never logged in: made that long ago). */
export async function listUnusedAccounts(ctx: UseCaseContext) {
  const actor = authorize(ctx.actor, 'account.manage');
  const before = new Date(Date.now() - UNUSED_DAYS * 24 * 3600_000);
  const rows = await repo.listUnusedWithin(ctx.db.kysely, actor.regionCode, before);
  return rows.filter((r) => r.id !== actor.id);
}
