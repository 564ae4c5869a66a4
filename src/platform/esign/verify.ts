import { constants, createHash, verify, X509Certificate } from 'node:crypto';
import { bytesOf, childrenOf, DerError, expect, oidOf, readTlv, timeOf } from './der.js';
import { chainToTrusted, commonNameOf, type TrustList } from './trust.js';

/**
 * Checks the last signature of a signed PDF, in code (no `pdfsig` on the request path): the
 * /ByteRange must cover the whole file but the signature itself, the SHA digest of those bytes
 * must be the one the signer signed (messageDigest), and the signed attributes must verify
 * under the public key of a certificate the signature carries, and that certificate under its
 * issuer's key when the issuer rides along. What no digest covers (the certificates and other
 * bytes inside /Contents) is held by the signature's SHA-256 kept at issuing. Node's X509Certificate and
 * crypto.verify do the cryptography (RSA and EC keys alike: node-forge reads RSA keys only and
 * has no PKCS#7 verification); der.ts reads the structure with exact byte spans.
 *
 * `valid` says the bytes are intact and the signature verifies; `trusted` says, apart from it,
 * that the signer's certificate chains to the trust list (trust.ts): a certificate authority
 * anyone can make verifies just as well.
 */

export type SignatureProblem =
  | 'no_signature' | 'not_whole_file' | 'digest_mismatch' | 'bad_signature' | 'bad_certificate' | 'signature_changed' | 'certificate_not_valid_then' | 'malformed' | 'unsupported';

export interface PdfSignatureCheck {
  valid: boolean;
  /** Valid, and the signer's certificate chains to a certificate of the trust list given. */
  trusted: boolean;
  /** The common name of the trusted certificate the chain ends at. */
  trustAnchor?: string;
  problem?: SignatureProblem;
  /** The signing certificate's subject: common name, title, organisation. */
  signerName?: string;
  signerTitle?: string;
  organisation?: string;
  /** The common name of who issued the signing certificate. */
  issuerName?: string;
  /** The signing time the signer signed (CMS signingTime). */
  signedAt?: Date;
  /** SHA-256 of the whole signature (CMS, certificates included), hex: kept at signing, compared at every check. */
  signatureSha256?: string;
}

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
} as const;

const DIGESTS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
/** Signature algorithms as RSA PKCS#1 v1.5 or ECDSA (the digest comes from the signer info). */
const RSA = new Set(['1.2.840.113549.1.1.1', '1.2.840.113549.1.1.5', '1.2.840.113549.1.1.11', '1.2.840.113549.1.1.12', '1.2.840.113549.1.1.13']);
const ECDSA = new Set(['1.2.840.10045.2.1', '1.2.840.10045.4.1', '1.2.840.10045.4.3.2', '1.2.840.10045.4.3.3', '1.2.840.10045.4.3.4']);

const fail = (problem: SignatureProblem): PdfSignatureCheck => ({ valid: false, trusted: false, problem });

/** `C=ID\nO=…\nCN=…` (Node's form of a name) → its parts. */
function nameParts(dn: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of dn.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] ??= line.slice(eq + 1);
  }
  return out;
}

/** The four numbers of the last /ByteRange, or null when it is missing or not plain numbers. */
function byteRangeOf(pdf: Buffer): number[] | null {
  const at = pdf.lastIndexOf('/ByteRange');
  if (at < 0) return null;
  const open = pdf.indexOf('[', at);
  const close = open < 0 ? -1 : pdf.indexOf(']', open);
  if (open < 0 || open - at > 20 || close < 0 || close - open > 80) return null;
  const parts = pdf.subarray(open + 1, close).toString('latin1').trim().split(/\s+/);
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,12}$/.test(p))) return null;
  return parts.map(Number);
}

const normalSerial = (hex: string) => hex.toUpperCase().replace(/^0+/, '');

/**
 * `signatureSha256`: the signature's hash when the letter was issued. The signature's own bytes
 * (its certificates, its unsigned parts) sit in /Contents, which no digest covers: a certificate
 * renamed there would otherwise still verify with its unchanged key.
 */
export function verifyPdfSignature(input: Uint8Array, options: { signatureSha256?: string; trust?: TrustList } = {}): PdfSignatureCheck {
  const check = verifySignature(input, options.trust);
  if (check.valid && options.signatureSha256 !== undefined && check.signatureSha256 !== options.signatureSha256) {
    const changed: PdfSignatureCheck = { ...check, valid: false, trusted: false, problem: 'signature_changed' };
    delete changed.trustAnchor;
    return changed;
  }
  return check;
}

function verifySignature(input: Uint8Array, trust: TrustList | undefined): PdfSignatureCheck {
  const pdf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const range = byteRangeOf(pdf);
  if (!range) return fail(pdf.includes('/ByteRange') ? 'malformed' : 'no_signature');
  const [a, b, c, d] = range as [number, number, number, number];
  // The signed bytes are everything but the signature's own hex string: nothing before, between or after.
  const rest = pdf.subarray(c + d);
  if (a !== 0 || b <= 0 || c <= b + 2 || c + d > pdf.length || rest.some((x) => x !== 0x0a && x !== 0x0d) || rest.length > 2) return fail('not_whole_file');
  if (pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e) return fail('not_whole_file');
  const hex = pdf.subarray(b + 1, c - 1).toString('latin1');
  if (hex.length % 2 || !/^[0-9A-Fa-f]*$/.test(hex)) return fail('malformed');
  const der = Buffer.from(hex, 'hex');
  try {
    // After the signature only the placeholder's zero padding may follow.
    const end = readTlv(der, 0).end;
    if (der.subarray(end).some((x) => x !== 0)) return fail('malformed');
    const check = checkCms(der.subarray(0, end), trust, (algorithm) => createHash(algorithm).update(pdf.subarray(a, b)).update(pdf.subarray(c, c + d)).digest());
    return check.valid ? { ...check, signatureSha256: createHash('sha256').update(der.subarray(0, end)).digest('hex') } : check;
  } catch (err) {
    if (err instanceof DerError) return fail('malformed');
    throw err;
  }
}

/** ContentInfo → SignedData → the first SignerInfo, checked against `digestOf` the signed bytes. */
function checkCms(der: Buffer, trust: TrustList | undefined, digestOf: (algorithm: string) => Buffer): PdfSignatureCheck {
  const info = expect(readTlv(der, 0), 0x30, 'ContentInfo');
  const [type, wrapped] = childrenOf(der, info);
  if (oidOf(der, type!) !== OID.signedData) return fail('unsupported');
  const signedData = expect(childrenOf(der, expect(wrapped, 0xa0, '[0] content'))[0], 0x30, 'SignedData');
  const parts = childrenOf(der, signedData);
  const encapsulated = expect(parts[2], 0x30, 'EncapsulatedContentInfo');
  // Detached: the content is the PDF's byte ranges, not inside the signature.
  if (childrenOf(der, encapsulated).length > 1) return fail('unsupported');
  const certificates: X509Certificate[] = [];
  const certSet = parts.find((p) => p.tag === 0xa0);
  for (const cert of certSet ? childrenOf(der, certSet) : []) {
    if (cert.tag !== 0x30) continue;
    try {
      certificates.push(new X509Certificate(der.subarray(cert.start, cert.end)));
    } catch {}
  }
  const signerInfos = expect(parts[parts.length - 1], 0x31, 'SignerInfos');
  const signer = childrenOf(der, expect(childrenOf(der, signerInfos)[0], 0x30, 'SignerInfo'));
  const sid = signer[1];
  if (!sid) throw new DerError('expected a signer identifier');
  const digestAlgorithm = DIGESTS[oidOf(der, childrenOf(der, expect(signer[2], 0x30, 'DigestAlgorithm'))[0]!)];
  const attrs = signer[3]?.tag === 0xa0 ? signer[3] : undefined;
  if (!digestAlgorithm || !attrs) return fail('unsupported');
  const signatureAlgorithm = oidOf(der, childrenOf(der, expect(signer[4], 0x30, 'SignatureAlgorithm'))[0]!);
  const signature = bytesOf(der, expect(signer[5], 0x04, 'signature'));
  if (!RSA.has(signatureAlgorithm) && !ECDSA.has(signatureAlgorithm)) return fail('unsupported');

  let messageDigest: Uint8Array | null = null;
  let signedAt: Date | undefined;
  for (const attr of childrenOf(der, attrs)) {
    const [attrType, values] = childrenOf(der, expect(attr, 0x30, 'Attribute'));
    const oid = oidOf(der, attrType!);
    const first = childrenOf(der, expect(values, 0x31, 'attribute values'))[0];
    if (oid === OID.messageDigest) messageDigest = bytesOf(der, expect(first, 0x04, 'messageDigest'));
    else if (oid === OID.signingTime && first) signedAt = timeOf(der, first) ?? undefined;
  }
  if (!messageDigest || !Buffer.from(messageDigest).equals(digestOf(digestAlgorithm))) return fail('digest_mismatch');

  // What was signed is the attributes as a SET (tag 0x31), not as the [0] they are stored under.
  const signed = Buffer.from(der.subarray(attrs.start, attrs.end));
  signed[0] = 0x31;
  const serial = sid.tag === 0x30 ? normalSerial(Buffer.from(bytesOf(der, expect(childrenOf(der, sid)[1], 0x02, 'serial number'))).toString('hex')) : null;
  const candidates = serial ? certificates.filter((c) => normalSerial(c.serialNumber) === serial) : certificates;
  const cert = candidates.find((c) => {
    try {
      return RSA.has(signatureAlgorithm)
        ? verify(digestAlgorithm, signed, { key: c.publicKey, padding: constants.RSA_PKCS1_PADDING }, signature)
        : verify(digestAlgorithm, signed, c.publicKey, signature);
    } catch {
      return false;
    }
  });
  if (!cert) return fail('bad_signature');
  // The certificate must verify under its issuer's key when the issuer rides along (as it does from BSrE and the test provider).
  const issuer = certificates.find((c) => c !== cert && cert.checkIssued(c));
  if (issuer && !cert.verify(issuer.publicKey)) return fail('bad_certificate');
  const subject = nameParts(cert.subject);
  const result: PdfSignatureCheck = {
    valid: true,
    trusted: false,
    signerName: subject.CN ?? subject.O ?? '',
    ...(subject.title ? { signerTitle: subject.title } : {}),
    ...(subject.O ? { organisation: subject.O } : {}),
    issuerName: commonNameOf(cert.issuer),
    ...(signedAt ? { signedAt } : {}),
  };
  if (signedAt && (signedAt < new Date(cert.validFrom) || signedAt > new Date(cert.validTo))) return { ...result, valid: false, problem: 'certificate_not_valid_then' };
  // Every link valid at the signing time the signature states (now, when it states none).
  const anchor = trust ? chainToTrusted(cert, certificates, trust.anchors(), signedAt ?? new Date()) : null;
  return anchor ? { ...result, trusted: true, trustAnchor: commonNameOf(anchor.subject) } : result;
}
