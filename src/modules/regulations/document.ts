import { badRequest } from '../../platform/http/errors.js';
import { checkScan } from '../correspondence/scan.js';

/**
 * A regulation's signed document: a PDF only (a scan or an export of the signed text), checked by
 * content the way an incoming letter's scan is — its header, its end marker, the size limit — by
 * the same check (correspondence/scan.ts). A photo is refused here rather than converted: the
 * Lembaran Desa keeps the document, not a picture of one page.
 */
export async function checkDocument(file: Uint8Array | null, field = 'document'): Promise<Uint8Array | null> {
  if (!file || file.length === 0) return null;
  if (Buffer.from(file.subarray(0, 5)).toString('latin1') !== '%PDF-') throw badRequest('regulation.document_type', field);
  return (await checkScan(file, field)).bytes;
}
