import { ROLE_PERMISSIONS, type Permission } from '../../platform/access/permissions.js';
import type { Role } from '../../platform/access/roles.js';

/**
 * What an API token may be given, per permission:
 * - `read`: figures and records without personal data — ticked on the form by default;
 * - `personal`: reads of people's data (names, NIK, phones) — only when chosen, and each read is
 *   in the person's access log under the token;
 * - `write`: changes data — only when chosen;
 * - `never`: a person's own act (signing, approving, a PIN, accounts, tokens, checking in),
 *   which a program must not do in anyone's name.
 * A Record over every permission: a new permission fails to compile until it is placed here.
 */
export type GrantKind = 'read' | 'personal' | 'write' | 'never';

export const GRANT: Record<Permission, GrantKind> = {
  'region.browse': 'read',
  'village.activate': 'write',
  'village.profile.read': 'read',
  'village.profile.write': 'write',
  'account.read': 'never',
  'account.create': 'never',
  'account.manage': 'never',
  'token.manage': 'never',
  'audit.read': 'personal',
  'population.statistics': 'read',
  'population.read': 'personal',
  'population.full_nik': 'personal',
  'population.write': 'write',
  'population.import': 'write',
  'population.export': 'personal',
  'population.access_log': 'personal',
  'letters.read': 'personal',
  'letters.request': 'write',
  'letters.check': 'write',
  'letters.sign': 'never',
  'village.officials.delegate': 'never',
  'letters.revoke': 'write',
  'letters.configure': 'write',
  'letters.statistics': 'read',
  'citizen.pin': 'never',
  'notifications.read': 'personal',
  'notifications.retry': 'write',
  'self.read': 'never',
  'self.letters': 'never',
  'monitoring.read': 'read',
  'monitoring.index.write': 'write',
  'budget.read': 'read',
  'budget.write': 'write',
  'budget.verify': 'never',
  'budget.post': 'write',
  'budget.count_cash': 'never',
  'budget.approve': 'never',
  'self.proposals': 'never',
  'budget.caps': 'write',
  'planning.read': 'read',
  'planning.write': 'write',
  'planning.approve': 'never',
  'complaints.read': 'personal',
  'complaints.handle': 'write',
  'announcements.send': 'write',
  'self.announcements': 'never',
  'self.complaints': 'never',
  'assistance.read': 'personal',
  'institutions.read': 'personal',
  'institutions.write': 'write',
  'site.write': 'write',
  'farmers.read': 'personal',
  'farmers.write': 'write',
  'farmers.rdkk.draft': 'write',
  'farmers.rdkk.verify': 'never',
  'farmers.rdkk.approve': 'never',
  'farmers.kiosks': 'write',
  'farmers.redeem': 'never',
  'self.farmer': 'never',
  'market.verify': 'write',
  'market.manage': 'write',
  'market.agent': 'write',
  'market.agent_report': 'read',
  'self.shop': 'never',
  'mail.read': 'personal',
  'mail.write': 'write',
  'mail.route': 'write',
  'mail.queue': 'never',
  'survey.manage': 'write',
  'survey.fill': 'write',
  'survey.read': 'personal',
  'regulation.read': 'read',
  'regulation.manage': 'write',
  'assistance.write': 'write',
  'attendance.self': 'never',
  'attendance.manage': 'write',
  'guestbook.write': 'write',
  'guestbook.read': 'personal',
  'asset.read': 'personal',
  'asset.manage': 'write',
  'civil_registry.manage': 'write',
  'profile.read': 'read',
  'profile.write': 'write',
  // An election is run by people at the TPS, never by a machine client; its results are public.
  'election.read': 'personal',
  'election.manage': 'never',
  'election.tps': 'never',
};

export const GRANT_ORDER: readonly GrantKind[] = ['read', 'personal', 'write'];

/** What an account of this role may put on a token: its own permissions, less a person's own acts. */
export function grantable(role: Role): Permission[] {
  return [...ROLE_PERMISSIONS[role]].filter((p) => GRANT[p] !== 'never');
}

/** A token's permissions as they hold now: what it was given that its maker's role still has. */
export function effectivePermissions(given: readonly string[], makerRole: Role): Set<Permission> {
  const role = ROLE_PERMISSIONS[makerRole];
  return new Set(given.filter((p): p is Permission => role.has(p as Permission) && GRANT[p as Permission] !== undefined && GRANT[p as Permission] !== 'never'));
}
