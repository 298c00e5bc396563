import type { JimpInstance } from 'jimp';
import { decodeImage } from './image-codec.util';
import { MAX_PHOTO_PIXELS, PHOTO_WORKING_SIZE } from './photo-bounds.util';

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

/**
 * Remembers `image` as the decoded form of `data` (a working copy made elsewhere, already oriented and within the
 * working box), so that renders of `data` never decode it on the event loop.
 */
export function rememberPhoto(data: Buffer, image: JimpInstance): void {
  decoded.set(data, Promise.resolve(image));
}

async function decode(data: Buffer): Promise<JimpInstance | undefined> {
  // A corrupt upload is the person's mistake, not a server error: the generated picture stands in for it.
  const image = await decodeImage(data, MAX_PHOTO_PIXELS);
  if (image && (image.width > PHOTO_WORKING_SIZE || image.height > PHOTO_WORKING_SIZE)) {
    image.scaleToFit({ w: PHOTO_WORKING_SIZE, h: PHOTO_WORKING_SIZE });
  }
  return image;
}
