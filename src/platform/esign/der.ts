/**
 * Just enough DER to read a CMS signature: each element with its exact byte span. Checking a
 * signature needs the signed attributes' bytes exactly as the signer encoded them, which a
 * parse-and-re-encode (node-forge's asn1) does not promise. Indefinite lengths (BER) are refused.
 */

export class DerError extends Error {}

export interface Tlv {
  tag: number;
  start: number;
  /** Where the content starts. */
  body: number;
  end: number;
}

export function readTlv(buf: Uint8Array, at: number, limit = buf.length): Tlv {
  if (at + 2 > limit) throw new DerError('truncated');
  const tag = buf[at]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag number');
  let length = buf[at + 1]!;
  let body = at + 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n === 0 || n > 4) throw new DerError('indefinite or huge length');
    if (body + n > limit) throw new DerError('truncated');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + buf[body++]!;
  }
  const end = body + length;
  if (end > limit) throw new DerError('truncated');
  return { tag, start: at, body, end };
}

export function childrenOf(buf: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.body; at < parent.end; ) {
    const child = readTlv(buf, at, parent.end);
    out.push(child);
    at = child.end;
  }
  return out;
}

/** The one child with `tag`, or an error naming what was expected. */
export function expect(t: Tlv | undefined, tag: number, what: string): Tlv {
  if (!t || t.tag !== tag) throw new DerError(`expected ${what}`);
  return t;
}

export const bytesOf = (buf: Uint8Array, t: Tlv) => buf.subarray(t.body, t.end);

/** An OBJECT IDENTIFIER as dotted text. */
export function oidOf(buf: Uint8Array, t: Tlv): string {
  const b = bytesOf(buf, expect(t, 0x06, 'an object identifier'));
  if (!b.length) throw new DerError('empty object identifier');
  const parts: number[] = [];
  let value = 0;
  for (const byte of b) {
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) throw new DerError('object identifier too long');
    if (!(byte & 0x80)) {
      if (!parts.length) parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** UTCTime or GeneralizedTime (whole seconds, Z), as the CMS signing time is written. */
export function timeOf(buf: Uint8Array, t: Tlv): Date | null {
  const s = Buffer.from(bytesOf(buf, t)).toString('latin1');
  const m = t.tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s) : t.tag === 0x18 ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d{1,9})?Z$/.exec(s) : null;
  if (!m) return null;
  let year = Number(m[1]);
  if (t.tag === 0x17) year += year < 50 ? 2000 : 1900;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}
