import { join } from 'node:path';
import { bsreProvider } from './bsre.js';
import { testEsignProvider } from './test-provider.js';

/**
 * A certified electronic signature (tanda tangan elektronik tersertifikasi) of one PDF, behind
 * one small interface: the PDF's bytes, the official who signs and the passphrase they typed
 * go in; the signed PDF comes out, or an `EsignError` that says why not.
 *
 * `BALAI_ESIGN_PROVIDER=bsre` (or `BALAI_BSRE_URL` set) selects BSSN's BSrE signing service;
 * without it the test provider ("mode uji": a certificate this installation made itself,
 * checkable but not certified) is used outside production, or with `BALAI_ESIGN_PROVIDER=uji`;
 * in production nothing is connected and a letter type that requires the signature says so.
 */

export interface EsignSigner {
  /** The official's NIK: BSrE finds the certificate by it. */
  nik: string | null;
  name: string;
  /** 'Kepala Desa Hanura' */
  title: string;
  /** 'Pemerintah Desa Hanura' */
  organisation: string;
}

export interface EsignRequest {
  pdf: Uint8Array;
  signer: EsignSigner;
  /** Typed by the official for this signing; never stored, never logged. */
  passphrase: string;
  /** The signing time written into the signature. */
  at: Date;
  reason: string;
  location: string;
}

export type EsignFailure = 'wrong_passphrase' | 'not_registered' | 'no_nik' | 'refused' | 'unavailable' | 'invalid_result';

/** Why a signing did not happen; `detail` is the provider's own words (never the passphrase). */
export class EsignError extends Error {
  constructor(readonly kind: EsignFailure, readonly detail = '') {
    super(`esign ${kind}${detail ? `: ${detail}` : ''}`);
  }
}

export interface EsignProvider {
  /** Stored with each signature: 'bsre' or 'uji'. */
  readonly name: 'bsre' | 'uji';
  /** True for the test provider: its signatures are not certified. */
  readonly testMode: boolean;
  /** The test provider's own authority (PEM), trusted while it is the provider (trust.ts). */
  readonly authorityFile?: string;
  sign(request: EsignRequest): Promise<Uint8Array>;
}

/** The provider the environment selects, or null when none is connected (production without one). */
export function esignProviderFromEnv(env: NodeJS.ProcessEnv, dataDir: string): EsignProvider | null {
  const chosen = env.BALAI_ESIGN_PROVIDER?.trim().toLowerCase() || (env.BALAI_BSRE_URL?.trim() ? 'bsre' : '');
  if (chosen === 'bsre') {
    const url = env.BALAI_BSRE_URL?.trim();
    const user = env.BALAI_BSRE_USER?.trim();
    const password = env.BALAI_BSRE_PASSWORD;
    if (!url || !user || !password) throw new Error('BALAI_ESIGN_PROVIDER=bsre needs BALAI_BSRE_URL, BALAI_BSRE_USER and BALAI_BSRE_PASSWORD');
    const seconds = Number(env.BALAI_BSRE_TIMEOUT_SECONDS ?? 60);
    return bsreProvider({ url, user, password, timeoutMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 60) * 1000 });
  }
  if (chosen && chosen !== 'uji') throw new Error(`BALAI_ESIGN_PROVIDER: "${chosen.slice(0, 20)}" is not bsre or uji`);
  if (chosen === 'uji' || env.NODE_ENV !== 'production') return testEsignProvider(join(dataDir, 'tte-uji'));
  return null;
}
