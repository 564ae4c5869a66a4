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
