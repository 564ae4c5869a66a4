import sharp from 'sharp';

/**
 * A photo from a phone made fit for the web: turned upright, at most 1280 px on its longer
 * side, JPEG. Its metadata (EXIF: the phone, the time and above all the GPS position) is
 * dropped unless `keepMetadata`. sharp (libvips) decodes outside the event loop, in its own
 * threads; one image at a time per process and one thread per image, so a batch of uploads
 * never takes both cores from the other users. A file that is not a JPEG, PNG or WebP photo,
 * or that unpacks to more than 40 megapixels (a "decompression bomb"), is refused.
 */
export const MAX_SIDE = 1280;
const MAX_PIXELS = 40_000_000;

sharp.concurrency(1);

let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

/** A small copy of a photo already made fit by webPhoto, for grids and lists on a phone. */
export function thumbnail(jpeg: Uint8Array, side = 360): Promise<Uint8Array> {
  return oneAtATime(async () => new Uint8Array(await sharp(jpeg).resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 70 }).toBuffer()));
}

export type PhotoProblem = 'not_a_photo' | 'too_large';

export async function webPhoto(input: Uint8Array, keepMetadata: boolean): Promise<{ bytes: Uint8Array; width: number; height: number } | PhotoProblem> {
  // Recognised by content, not by the name or the type the browser sent.
  const jpeg = input[0] === 0xff && input[1] === 0xd8 && input[2] === 0xff;
  const png = input[0] === 0x89 && input[1] === 0x50 && input[2] === 0x4e && input[3] === 0x47;
  const webp = Buffer.from(input.subarray(0, 4)).toString('latin1') === 'RIFF' && Buffer.from(input.subarray(8, 12)).toString('latin1') === 'WEBP';
  if (!jpeg && !png && !webp) return 'not_a_photo';
  return oneAtATime(async () => {
    try {
      let image = sharp(input, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate().resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true });
      if (keepMetadata) image = image.keepExif();
      const { data, info } = await image.jpeg({ quality: 80, mozjpeg: false }).toBuffer({ resolveWithObject: true });
      return { bytes: new Uint8Array(data), width: info.width, height: info.height };
    } catch (err) {
      return /pixel limit/i.test(String(err)) ? 'too_large' : 'not_a_photo';
    }
  });
}
