import { randomBytes } from 'node:crypto';

export const STATUS_LABEL = {
  requested: { id: 'Diajukan', en: 'Requested' },
  checked: { id: 'Diperiksa', en: 'Checked' },
  signed: { id: 'Ditandatangani', en: 'Signed' },
  ready: { id: 'Siap diambil', en: 'Ready' },
  collected: { id: 'Sudah diambil', en: 'Collected' },
  rejected: { id: 'Ditolak', en: 'Rejected' },
} as const;

/** Scheme and host for the QR code's link: never an unlisted Host header (see publicOrigin). */
export { publicOrigin as requestOrigin } from '../../platform/http/public-origin.js';

/** A signed letter's public code: 12 characters, 72 random bits. */
export const newVerifyCode = () => randomBytes(9).toString('base64url');
