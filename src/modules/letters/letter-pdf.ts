import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { renderLetterPdf } from '../../platform/pdf/letter-pdf.js';
import { findLogo } from '../villages/index.js';
import type { IssuedLetter } from './issue.js';

type Q = Kysely<Database> | Transaction<Database>;

export const verificationUrl = (baseUrl: string, code: string) => `${baseUrl.replace(/\/$/, '')}/v/${code}`;

/** An issued letter as PDF, drawn from its frozen text with the village's logo and its QR code. */
export async function drawIssuedLetter(db: Q, village: string, issued: IssuedLetter, verify: { baseUrl: string; code: string }, createdAt?: Date): Promise<Buffer> {
  const logo = await findLogo(db, village);
  return renderLetterPdf({
    paper: issued.paper,
    letterhead: { ...issued.letterhead, ...(logo?.logo ? { logo: Buffer.from(logo.logo) } : {}) },
    title: issued.title,
    number: issued.number,
    opening: issued.opening,
    identity: issued.identity,
    paragraphs: issued.paragraphs,
    ...(issued.validUntil ? { validUntil: issued.validUntil } : {}),
    place: issued.place,
    dateText: issued.dateText,
    signature: issued.signature,
    qr: { url: verificationUrl(verify.baseUrl, verify.code) },
  }, { createdAt });
}
