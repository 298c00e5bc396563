import { PNGFilterType } from 'jimp';
import type { JimpInstance } from 'jimp';
import type { RenderedImageFormat } from './rendering.interface';

/** JPEG quality of every rendered image: sharp text at half the PNG size. */
const JPEG_QUALITY = 85;

/** Encodes `image` as JPEG (default) or PNG. */
export function encodeImage(
  image: JimpInstance,
  format: RenderedImageFormat = 'jpeg',
): Promise<Buffer> {
  return format === 'png'
    ? // One fixed filter instead of trying all five per row: a third of the time, a tenth more bytes.
      image.getBuffer('image/png', { filterType: PNGFilterType.SUB })
    : image.getBuffer('image/jpeg', { quality: JPEG_QUALITY });
}

/** The media type of a rendered image format. */
export function imageMediaType(
  format: RenderedImageFormat = 'jpeg',
): 'image/jpeg' | 'image/png' {
  return format === 'png' ? 'image/png' : 'image/jpeg';
}
