import { authorize } from '../../platform/access/access.js';
import { CREATABLE_ROLES } from '../../platform/access/permissions.js';
import { ROLE_LABEL, ROLE_LEVEL, type Role } from '../../platform/access/roles.js';
import { recordAudit, writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { findRegion, parseRegionCodeOrFail } from '../regions/index.js';
import { findVillage } from '../villages/index.js';
import type { CreateAccountInput } from './identity.schema.js';
import * as repo from './identity.repository.js';
import { checkNewPassword, hashPassword } from './password.js';

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;
const LEVEL_NAME = { 1: 'provinsi', 2: 'kabupaten/kota', 3: 'kecamatan', 4: 'desa/kelurahan' } as const;

/** Create an account of a lower role, placed on a region inside the actor's own scope. */
export async function createAccount(ctx: UseCaseContext, input: CreateAccountInput) {
  const role = input.role as Role;
  const regionCode = role === 'national_admin' ? '' : parseRegionCodeOrFail(input.region_code ?? '', 'region_code');
  const actor = authorize(ctx.actor, 'account.create', regionCode === '' ? undefined : regionCode);
  if (regionCode === '' && actor.regionCode !== '') throw forbidden();
  if (!CREATABLE_ROLES[actor.role].includes(role))
    throw new AppError(403, 'forbidden', 'account.role_not_allowed', { role: ROLE_LABEL[role][ctx.lang] }, 'role');
  await checkPlacement(ctx.db, role, regionCode, ctx.lang);
  const username = validateUsername(input.username);
  checkNewPassword(input.password, username);
  const passwordHash = await hashPassword(input.password);
  return writeWithAudit(ctx, async (trx, audit) => {
    if (await repo.findUserByUsername(trx, username)) throw conflict('account.username_taken', 'username', { username });
    const user = await repo.insertUser(trx, {
      username,
      password_hash: passwordHash,
      full_name: input.full_name,
      role,
      region_code: regionCode,
      position_title: input.position_title ?? null,
      nip: input.nip ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      created_by: actor.id,
    });
    await audit({
      action: 'account.create',
      subject: `user:${user.id}`,
      regionCode: regionCode || null,
      villageCode: ROLE_LEVEL[role] === 4 ? regionCode : null,
      detail: { username, role },
    });
    return { id: user.id, username, role, region_code: regionCode };
  });
}

/**
 * A username and password checked and the password hashed, for an account another module makes
 * with its own record (a fertiliser kiosk's): the same rules as the accounts page.
 */
export async function prepareCredentials(usernameInput: string, password: string) {
  const username = validateUsername(usernameInput);
  checkNewPassword(password, username);
  return { username, passwordHash: await hashPassword(password) };
}
export { insertUser as insertAccount, findUserByUsername as usernameTaken } from './identity.repository.js';

function validateUsername(input: string): string {
  const username = input.trim().toLowerCase();
  if (!USERNAME.test(username)) throw badRequest('account.username_format', 'username');
  return username;
}

async function checkPlacement(db: Db, role: Role, regionCode: string, lang: 'id' | 'en') {
  const level = ROLE_LEVEL[role];
  if (level === 0) return;
  const region = await findRegion(db.kysely, regionCode);
  if (!region) throw notFound('region.not_found', { code: regionCode });
  if (region.level !== level)
    throw badRequest('account.region_level', 'region_code', { role: ROLE_LABEL[role][lang], level: LEVEL_NAME[level] });
  if (level === 4 && !(await findVillage(db.kysely, regionCode))) throw badRequest('account.village_not_active', 'region_code', { code: regionCode });
}

/** Accounts inside the actor's scope. */
export async function listAccounts(ctx: UseCaseContext) {
  const actor = authorize(ctx.actor, 'account.read');
  return repo.listUsersWithin(ctx.db.kysely, actor.regionCode);
}

/**
 * For `balai create-admin` on the server itself: whoever runs it owns the machine, so
 * there is no actor to check. The account is audited as made by the command line.
 */
export async function createAdminFromCli(db: Db, input: { username: string; password: string; fullName: string; role: 'national_admin' | 'province_admin'; regionCode: string }) {
  const username = validateUsername(input.username);
  checkNewPassword(input.password, username);
  const regionCode = input.role === 'national_admin' ? '' : parseRegionCodeOrFail(input.regionCode, 'region');
  await checkPlacement(db, input.role, regionCode, 'id');
  const passwordHash = await hashPassword(input.password);
  const ctx = { db, actor: null, ip: 'cli', lang: 'id' as const };
  return db.kysely.transaction().execute(async (trx) => {
    if (await repo.findUserByUsername(trx, username)) throw conflict('account.username_taken', 'username', { username });
    const user = await repo.insertUser(trx, { username, password_hash: passwordHash, full_name: input.fullName, role: input.role, region_code: regionCode, position_title: null, nip: null, email: null, phone: null, created_by: null });
    await recordAudit(trx, ctx, { action: 'account.create', subject: `user:${user.id}`, regionCode: regionCode || null, detail: { username, role: input.role, via: 'cli' } }, 'cli');
    return user;
  });
}
