import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { SignPdf, Signer } from '@signpdf/signpdf';
import { addSignaturePlaceholder } from './pdf-placeholder.js';
import type { EsignSigner } from './provider.js';

/**
 * The test provider's certificates ("mode uji"): a certificate authority made once per data
 * folder (DATA_DIR/tte-uji/penyedia-uji.pem, owner-only, never committed), and for each signing
 * a certificate in the official's name and position issued by it. The signature is a real
 * PKCS#7 detached signature (PAdES basic) that `pdfsig` and any PDF reader check; it is not
 * certified, because no PSrE vouches for this authority.
 */

const { pki } = forge;
const FILE = 'penyedia-uji.pem';

interface Authority {
  key: forge.pki.rsa.PrivateKey;
  cert: forge.pki.Certificate;
}

const authorities = new Map<string, Authority>();

const newRsaKey = () => pki.privateKeyFromPem(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string) as forge.pki.rsa.PrivateKey;
const publicOf = (key: forge.pki.rsa.PrivateKey) => pki.setRsaPublicKey(key.n, key.e);
const serial = () => `01${randomBytes(15).toString('hex')}`;
const utf8 = (shortName: string, value: string) => ({ shortName, value, valueTagClass: forge.asn1.Type.UTF8 as number });

/** The installation's authority: read, or made by the first process that needs it (others read the winner's). */
export function testAuthority(dir: string): Authority {
  const known = authorities.get(dir);
  if (known) return known;
  const file = join(dir, FILE);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const key = newRsaKey();
    const cert = pki.createCertificate();
    cert.publicKey = publicOf(key);
    cert.serialNumber = serial();
    cert.validity.notBefore = new Date(Date.now() - 86_400_000);
    cert.validity.notAfter = new Date(Date.now() + 20 * 365 * 86_400_000);
    const subject = [utf8('CN', `Balai Penyedia Uji ${randomBytes(4).toString('hex')}`), utf8('O', 'Balai (mode uji, bukan PSrE)'), { shortName: 'C', value: 'ID' }];
    cert.setSubject(subject);
    cert.setIssuer(subject);
    cert.setExtensions([{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }, { name: 'subjectKeyIdentifier' }]);
    cert.sign(key, forge.md.sha256.create());
    // Written whole under another name, then linked: a second process never reads half a file.
    const tmp = join(dir, `.${FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
    writeFileSync(tmp, pki.privateKeyToPem(key) + pki.certificateToPem(cert), { mode: 0o600, flag: 'wx' });
    try {
      linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      unlinkSync(tmp);
    }
  }
  const blocks = forge.pem.decode(readFileSync(file, 'utf8'));
  const block = (type: string) => forge.pem.encode(blocks.find((b) => b.type === type) ?? { type, body: '' });
  const authority = { key: pki.privateKeyFromPem(block('RSA PRIVATE KEY')) as forge.pki.rsa.PrivateKey, cert: pki.certificateFromPem(block('CERTIFICATE')) };
  authorities.set(dir, authority);
  return authority;
}

/** Keys per official, kept while the worker lives: making an RSA key is the slow part. */
const signerKeys = new Map<string, forge.pki.rsa.PrivateKey>();
function keyFor(id: string) {
  let key = signerKeys.get(id);
  if (!key) {
    if (signerKeys.size >= 100) signerKeys.clear();
    signerKeys.set(id, (key = newRsaKey()));
  }
  return key;
}

/** A certificate in the official's name and position, issued by the authority for this signing. */
export function issueSignerCertificate(ca: Authority, signer: EsignSigner, at: Date) {
  const key = keyFor(`${signer.name}\n${signer.title}\n${signer.organisation}`);
  const cert = pki.createCertificate();
  cert.publicKey = publicOf(key);
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(at.getTime() - 3600_000);
  cert.validity.notAfter = new Date(at.getTime() + 2 * 365 * 86_400_000);
  cert.setSubject([utf8('CN', signer.name), { type: '2.5.4.12', value: signer.title, valueTagClass: forge.asn1.Type.UTF8 as number }, utf8('O', signer.organisation), { shortName: 'C', value: 'ID' }]);
  cert.setIssuer(ca.cert.subject.attributes);
  cert.setExtensions([{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true }, { name: 'subjectKeyIdentifier' }]);
  cert.sign(ca.key, forge.md.sha256.create());
  return { key, cert };
}

/** PKCS#7 detached over what @signpdf/signpdf hands it: SHA-256, with the signing time signed. */
class ForgeSigner extends Signer {
  constructor(private readonly key: forge.pki.rsa.PrivateKey, private readonly chain: forge.pki.Certificate[]) {
    super();
  }
  override async sign(pdf: Buffer, signingTime?: Date): Promise<Buffer> {
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdf.toString('binary'));
    for (const c of this.chain) p7.addCertificate(c);
    p7.addSigner({
      key: this.key,
      certificate: this.chain[0]!,
      digestAlgorithm: forge.pki.oids.sha256!,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType!, value: forge.pki.oids.data },
        { type: forge.pki.oids.signingTime!, value: (signingTime ?? new Date()) as unknown as string },
        { type: forge.pki.oids.messageDigest! },
      ],
    });
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
  }
}

/** The PDF signed in the official's name with a certificate of this installation's authority. */
export async function signWithTestCertificate(input: { dir: string; pdf: Uint8Array; signer: EsignSigner; at: string; reason: string; location: string }): Promise<Uint8Array> {
  const at = new Date(input.at);
  const ca = testAuthority(input.dir);
  const { key, cert } = issueSignerCertificate(ca, input.signer, at);
  const prepared = addSignaturePlaceholder(input.pdf, { reason: input.reason, location: input.location, name: input.signer.name, at });
  const signed = await new SignPdf().sign(prepared, new ForgeSigner(key, [cert, ca.cert]), at);
  return new Uint8Array(signed.buffer, signed.byteOffset, signed.byteLength);
}
