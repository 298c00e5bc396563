import type { PhotoInfo } from './image-header.util';

/**
 * Largest picture, in pixels, the emulator takes: 25 megapixels, more than any phone camera's default. A small
 * file can declare huge dimensions (a 200 KB PNG of 48 megapixels decodes to 190 MB), so this is checked on the
 * header, before anything decodes it.
 */
export const MAX_PHOTO_PIXELS = 25_000_000;

/** Longest side, in pixels, the emulator takes, whatever the pixel count: a 1 x 30 000 strip is no photo. */
export const MAX_PHOTO_SIDE = 8000;

/** Accepted uploads are scaled once to fit this box; every render then works on the small copy. */
export const PHOTO_WORKING_SIZE = 1200;

/** Whether a picture whose header says `info` is small enough to decode. */
export function withinPhotoBounds(info: Pick<PhotoInfo, 'width' | 'height'>): boolean {
  return info.width <= MAX_PHOTO_SIDE && info.height <= MAX_PHOTO_SIDE && info.width * info.height <= MAX_PHOTO_PIXELS;
}
