import type { JimpInstance } from 'jimp';
import { decodeImage } from './image-codec.util';

/**
 * Largest picture, in pixels, the renderers decode (a 48-megapixel phone photo); larger ones are ignored, so a
 * small file that declares huge dimensions cannot exhaust memory.
 * @default 48_000_000
 */
export const MAX_PHOTO_PIXELS = 48_000_000;

// Decoded uploads are scaled down to this box once; every render then works on the small copy.
const WORKING_SIZE = 1200;

// One decode per uploaded buffer, however many images are rendered from it; the entry goes when the buffer does.
const decoded = new WeakMap<Buffer, Promise<JimpInstance | undefined>>();

/**
 * The uploaded picture decoded (EXIF orientation applied) and scaled to fit a working box, or `undefined` when it
 * is not a readable JPEG/PNG within {@link MAX_PHOTO_PIXELS}. Callers get their own copy to draw on.
 */
export async function loadPhoto(data: Buffer | undefined): Promise<JimpInstance | undefined> {
  if (!data) {
    return undefined;
  }
  let pending = decoded.get(data);
  if (!pending) {
    pending = decode(data);
    decoded.set(data, pending);
  }
  const photo = await pending;
  return photo?.clone();
}

async function decode(data: Buffer): Promise<JimpInstance | undefined> {
  // A corrupt upload is the person's mistake, not a server error: the generated picture stands in for it.
  const image = await decodeImage(data, MAX_PHOTO_PIXELS);
  if (image && (image.width > WORKING_SIZE || image.height > WORKING_SIZE)) {
    image.scaleToFit({ w: WORKING_SIZE, h: WORKING_SIZE });
  }
  return image;
}
