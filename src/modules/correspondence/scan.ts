import { AppError } from '../../platform/http/errors.js';
import { webPhoto } from '../../platform/images/web-photo.js';

/**
 * A letter's scan as it is kept: a PDF from the office's scanner as sent (recognised by its
 * header and its end marker, never parsed here), or a photo from a phone re-encoded without its
 * metadata (the phone's GPS position). Anything else is refused, naming the field.
 */
export const SCAN_MAX_BYTES = 10 * 1024 * 1024;
export type Scan = { bytes: Uint8Array; type: 'application/pdf' | 'image/jpeg' };

const ascii = (b: Uint8Array) => Buffer.from(b).toString('latin1');

export async function checkScan(file: Uint8Array, field = 'scan'): Promise<Scan> {
  if (file.length > SCAN_MAX_BYTES) throw new AppError(413, 'file_too_large', 'mail.scan_size', { limit: '10 MB' }, field);
  if (ascii(file.subarray(0, 5)) === '%PDF-') {
    // A whole PDF ends with %%EOF (a few bytes of line ends may follow); a cut-off upload does not.
    if (!ascii(file.subarray(Math.max(0, file.length - 1024))).includes('%%EOF')) throw new AppError(415, 'unsupported_file', 'mail.scan_broken', {}, field);
    return { bytes: file, type: 'application/pdf' };
  }
  const photo = await webPhoto(file, false);
  if (photo === 'not_a_photo') throw new AppError(415, 'unsupported_file', 'mail.scan_type', {}, field);
  if (photo === 'too_large') throw new AppError(413, 'file_too_large', 'mail.scan_pixels', {}, field);
  return { bytes: photo.bytes, type: 'image/jpeg' };
}
