import { recordAudit } from '../../platform/audit/audit.js';
import { loadConfig } from '../../platform/config.js';
import type { UseCaseContext } from '../../platform/context.js';
import { EsignError, esignProviderFromEnv, type EsignProvider } from '../../platform/esign/provider.js';
import { trustListFromEnv, type TrustList } from '../../platform/esign/trust.js';
import { verifyPdfSignature } from '../../platform/esign/verify.js';
import { AppError, badRequest, conflict } from '../../platform/http/errors.js';
import type { IssuedLetter, Signer } from './issue.js';
import { newVerifyCode } from './letters.common.js';
import { drawIssuedLetter } from './letter-pdf.js';

/**
 * Issuing a letter whose type requires a certified electronic signature. The signature covers
 * the PDF's bytes, and the PDF prints the number; the number must stay gapless (taken in the
 * signing transaction, which a failure rolls back). Holding that transaction (and on the
 * embedded database, every other request) while BSrE answers over the network is what this
 * avoids: the letter is drawn with the number it would get and signed outside any
 * transaction; the transaction then takes the number and commits only if it is that one and
 * the letter's text is unchanged, else it rolls back and the signing is done again (twice
 * more at most). A failed signing writes nothing but an audit entry: no number, no letter.
 * Nor does a signature that verifies but does not chain to the server's trust list.
 */

let fromEnv: EsignProvider | null | undefined;
/** The provider this server is configured with (platform/esign/provider.ts), read once. */
export function configuredEsign(): EsignProvider | null {
  if (fromEnv === undefined) fromEnv = esignProviderFromEnv(process.env, loadConfig().dataDir);
  return fromEnv;
}

let trustFromEnv: TrustList | undefined;
/** The server's trust list (platform/esign/trust.ts) for the configured provider, read once. */
export function configuredTrust(): TrustList {
  trustFromEnv ??= trustListFromEnv(process.env, loadConfig().dataDir, configuredEsign());
  return trustFromEnv;
}

/** The number or the text changed between the signing and the transaction: sign again. */
export class DraftMoved extends Error {}

/** What the signing transaction checks and stores. */
export interface CertifiedSignature {
  number: string;
  /** The issued text as signed (JSON), to compare with what the transaction builds. */
  issued: string;
  verifyCode: string;
  at: Date;
  pdf: Uint8Array;
  provider: EsignProvider['name'];
  /** The signature's SHA-256, checked again at every verification. */
  signatureSha256: string;
}

export interface CertifiedOptions {
  /** Typed by the official at signing; never stored. */
  passphrase?: string;
  /** Tests and the pages pass one; otherwise the configured provider. */
  esign?: EsignProvider | null;
  /** The address printed in the QR code (the request's public origin). */
  baseUrl?: string;
  /** Tests pass one; otherwise the configured trust list. */
  trust?: TrustList;
}

const MESSAGES = {
  wrong_passphrase: (e: EsignError) => badRequest('esign.wrong_passphrase', 'passphrase', { reason: e.detail }),
  not_registered: () => new AppError(422, 'esign_failed', 'esign.not_registered'),
  no_nik: () => new AppError(422, 'esign_failed', 'esign.no_nik'),
  refused: (e: EsignError) => new AppError(422, 'esign_failed', 'esign.refused', { reason: e.detail || '-' }),
  unavailable: (e: EsignError) => new AppError(422, 'esign_unavailable', 'esign.unavailable', { reason: e.detail || '-' }),
  invalid_result: () => new AppError(422, 'esign_failed', 'esign.invalid_result'),
} as const;
const NAME_MAX = 100;

export async function issueCertified<R>(
  ctx: UseCaseContext,
  village: string,
  letterId: number,
  options: CertifiedOptions,
  draft: () => Promise<{ number: string; issued: IssuedLetter; signer: Signer; organisation: string }>,
  commit: (signature: CertifiedSignature) => Promise<R>,
): Promise<R> {
  const passphrase = options.passphrase ?? '';
  if (!passphrase.trim()) throw badRequest('esign.passphrase_required', 'passphrase');
  if (passphrase.length > 200) throw badRequest('validation.too_long', 'passphrase', { field: 'Passphrase', max: 200 });
  const provider = options.esign === undefined ? configuredEsign() : options.esign;
  if (!provider) throw conflict('esign.not_connected');
  const baseUrl = options.baseUrl ?? loadConfig().publicUrls[0] ?? 'http://localhost:3000';
  const failed = (reason: string) =>
    recordAudit(ctx.db.kysely, ctx, { action: 'letter.esign', outcome: 'failed', villageCode: village, subject: `letter:${letterId}`, detail: { provider: provider.name, reason } });
  const trust = options.trust ?? configuredTrust();
  // With nothing to check a certified signature against, nothing is sent (the passphrase neither).
  if (!provider.testMode && !trust.anchors().length) {
    await failed('trust_list_empty');
    throw new AppError(422, 'esign_failed', 'esign.trust_list_empty');
  }

  for (let attempt = 1; ; attempt++) {
    const d = await draft();
    const verifyCode = newVerifyCode();
    const at = new Date();
    const pdf = await drawIssuedLetter(ctx.db.kysely, village, d.issued, { baseUrl, code: verifyCode }, at);
    let signed: Uint8Array;
    try {
      signed = await provider.sign({
        pdf, passphrase, at,
        signer: { nik: d.signer.nik ?? null, name: d.signer.name, title: d.issued.signature.signerTitle, organisation: d.organisation },
        reason: `${d.issued.title} nomor ${d.number}`, location: d.issued.letterhead.village,
      });
    } catch (err) {
      if (!(err instanceof EsignError)) throw err;
      await failed(err.kind);
      throw MESSAGES[err.kind](err);
    }
    // What the provider sent back is checked as /v/<code> will check it, before anything is issued.
    const check = verifyPdfSignature(signed, { trust });
    if (!check.valid) {
      await failed(`invalid_result:${check.problem}`);
      throw MESSAGES.invalid_result();
    }
    if (!check.trusted) {
      const issuer = (check.issuerName || '-').slice(0, NAME_MAX);
      await failed(`untrusted:${issuer}`);
      throw new AppError(422, 'esign_failed', 'esign.untrusted', { issuer });
    }
    try {
      return await commit({ number: d.number, issued: JSON.stringify(d.issued), verifyCode, at, pdf: signed, provider: provider.name, signatureSha256: check.signatureSha256! });
    } catch (err) {
      if (!(err instanceof DraftMoved)) throw err;
      if (attempt >= 3) throw conflict('esign.number_moved');
    }
  }
}
