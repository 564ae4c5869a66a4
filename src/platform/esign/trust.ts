import { X509Certificate } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { EsignProvider } from './provider.js';

/**
 * The trust list (daftar tepercaya): the root and intermediate CA certificates whose
 * signatures Balai accepts as certified. A signature that verifies but whose certificate does
 * not chain to one of these is intact, not trusted: anyone can make a certificate authority
 * named "BSrE". The administrator places the certificates (PEM, or DER as .cer/.crt) in
 * `BALAI_ESIGN_TRUST_DIR`, by default `DATA_DIR/esign/tepercaya/`; they are read once per
 * process. With the test provider its own authority is trusted too, so the demo and tests work.
 */

export interface TrustList {
  /** The folder read (shown to the administrator, never to the public). */
  dir: string;
  /** The certificates read from the folder. */
  fromFolder: readonly X509Certificate[];
  /** Files in the folder that held no readable certificate. */
  skipped: readonly string[];
  /** The folder's certificates and, with the test provider, its authority. */
  anchors(): readonly X509Certificate[];
}

const MAX_FILES = 200;
const MAX_FILE_BYTES = 1024 * 1024;
/** Links from the signer's certificate to the anchor at most: BSrE's chains are two or three. */
export const MAX_CHAIN = 5;
const BEGIN = '-----BEGIN CERTIFICATE-----';
const END = '-----END CERTIFICATE-----';

/** Every CERTIFICATE block of a PEM text (others, such as a private key, are passed over). */
function pemCertificates(text: string): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (let at = text.indexOf(BEGIN); at >= 0; at = text.indexOf(BEGIN, at + BEGIN.length)) {
    const end = text.indexOf(END, at);
    if (end < 0) break;
    out.push(new X509Certificate(text.slice(at, end + END.length)));
  }
  return out;
}

/** The certificates of one file: PEM blocks, or one DER certificate. */
function certificatesOf(bytes: Buffer): X509Certificate[] {
  const text = bytes.toString('latin1');
  return text.includes(BEGIN) ? pemCertificates(text) : [new X509Certificate(bytes)];
}

/** The folder's certificates; a missing folder is an empty list. `extra` adds anchors found later (the test provider's). */
export function loadTrustList(dir: string, extra: () => readonly X509Certificate[] = () => []): TrustList {
  const fromFolder: X509Certificate[] = [];
  const skipped: string[] = [];
  let names: string[] = [];
  try {
    if (existsSync(dir)) names = readdirSync(dir).filter((n) => !n.startsWith('.') && /\.(pem|crt|cer)$/i.test(n)).sort().slice(0, MAX_FILES);
  } catch {
    console.warn(`[balai] Daftar tepercaya TTE: ${dir} bukan folder yang dapat dibaca; daftar kosong. (Trust list: folder unreadable.)`);
  }
  for (const name of names) {
    const file = join(dir, name);
    try {
      const st = statSync(file);
      if (!st.isFile() || st.size > MAX_FILE_BYTES) throw new Error('not a small file');
      const certs = certificatesOf(readFileSync(file));
      if (!certs.length) throw new Error('no certificate');
      fromFolder.push(...certs);
    } catch {
      skipped.push(name);
    }
  }
  if (skipped.length) console.warn(`[balai] Daftar tepercaya TTE: berkas ${skipped.join(', ')} di ${dir} bukan sertifikat yang dapat dibaca; dilewati. (Trust list: unreadable files skipped.)`);
  return { dir, fromFolder, skipped, anchors: () => [...fromFolder, ...extra()] };
}

/** The test provider's authority, read from its file once it exists (its first signing makes it, in the worker). */
function authorityAnchor(file: string): () => readonly X509Certificate[] {
  let known: X509Certificate[] | null = null;
  return () => {
    if (known) return known;
    try {
      return existsSync(file) ? (known = pemCertificates(readFileSync(file, 'latin1'))) : [];
    } catch {
      return [];
    }
  };
}

/** The trust list this server is configured with, for the provider it uses. */
export function trustListFromEnv(env: NodeJS.ProcessEnv, dataDir: string, provider: EsignProvider | null): TrustList {
  const dir = env.BALAI_ESIGN_TRUST_DIR?.trim() || join(dataDir, 'esign', 'tepercaya');
  return loadTrustList(dir, provider?.testMode && provider.authorityFile ? authorityAnchor(provider.authorityFile) : undefined);
}

/** `C=ID\nO=…\nCN=…` → its common name, else its organisation. */
export function commonNameOf(dn: string): string {
  let o = '';
  for (const line of dn.split('\n')) {
    if (line.startsWith('CN=')) return line.slice(3);
    if (!o && line.startsWith('O=')) o = line.slice(2);
  }
  return o;
}

const validAt = (c: X509Certificate, at: Date) => at >= new Date(c.validFrom) && at <= new Date(c.validTo);

/** `issuer` signed `cert`: the names (and key identifiers) match and the signature verifies under its key. */
function issued(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/**
 * The chain from the signer's certificate through the certificates the signature carries up
 * to a trusted one, each link checked (issued by, signature under the issuer's key, valid at
 * `at`, an intermediate a CA): the anchor reached, or null. The carried certificates are only
 * the way there: one renamed "BSrE" but not signed by a trusted key leads nowhere.
 */
export function chainToTrusted(cert: X509Certificate, carried: readonly X509Certificate[], anchors: readonly X509Certificate[], at: Date): X509Certificate | null {
  if (!anchors.length) return null;
  const seen = new Set<X509Certificate>([cert]);
  let current = cert;
  for (let link = 0; link < MAX_CHAIN; link++) {
    const pinned = anchors.find((a) => a.raw.equals(current.raw));
    if (pinned) return pinned;
    const anchor = anchors.find((a) => validAt(a, at) && issued(current, a));
    if (anchor) return anchor;
    const next = carried.find((c) => !seen.has(c) && c.ca && validAt(c, at) && issued(current, c));
    if (!next) return null;
    seen.add(next);
    current = next;
  }
  return null;
}
