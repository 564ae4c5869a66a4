import { parsePublicUrls } from '../config.js';

/**
 * The scheme and host to put in links that leave the page (a letter's QR code). With
 * BALAI_PUBLIC_URL set — always in production — the request's Host header is used only when
 * it is one of the listed addresses, otherwise the first of them: whoever sends a request
 * chooses its Host. Without it (development), the address the request came to.
 */
export function publicOrigin(c: { req: { url: string; header(name: string): string | undefined } }): string {
  const listed = parsePublicUrls(process.env.BALAI_PUBLIC_URL);
  if (!listed.length) return new URL(c.req.url).origin;
  const host = (c.req.header('host') ?? '').toLowerCase();
  return listed.find((origin) => new URL(origin).host === host) ?? listed[0]!;
}
