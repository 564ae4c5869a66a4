import { authorize } from '../../platform/access/access.js';
import type { Permission } from '../../platform/access/permissions.js';
import type { UseCaseContext } from '../../platform/context.js';
import { notFound } from '../../platform/http/errors.js';
import { parseRegionCodeOrFail } from '../regions/index.js';
import { findVillage } from '../villages/index.js';

/** Access first: the permission in this village, and the village must be on Balai. Returns the dotted code. */
export async function letterScope(ctx: UseCaseContext, input: string, permission: Permission): Promise<string> {
  const code = parseRegionCodeOrFail(input);
  authorize(ctx.actor, permission, code);
  if (!(await findVillage(ctx.db.kysely, code))) throw notFound('village.not_active', { code });
  return code;
}

/** The users-table id of an officer actor, for the *_by columns (a citizen is recorded as the requester instead). */
export const officerId = (ctx: UseCaseContext): number | null => (ctx.actor && ctx.actor.kind === 'user' ? ctx.actor.id : null);

export const STATUS_LABEL = {
  requested: { id: 'Diajukan', en: 'Requested' },
  checked: { id: 'Diperiksa', en: 'Checked' },
  signed: { id: 'Ditandatangani', en: 'Signed' },
  ready: { id: 'Siap diambil', en: 'Ready' },
  collected: { id: 'Sudah diambil', en: 'Collected' },
  rejected: { id: 'Ditolak', en: 'Rejected' },
} as const;

/** Scheme and host the user reached us on, for the QR code's link (BALAI_PUBLIC_URL wins when set). */
export function requestOrigin(c: { req: { url: string } }): string {
  return process.env.BALAI_PUBLIC_URL || new URL(c.req.url).origin;
}
