import { photoFormat, probePhoto } from '../media/rendering/image-header.util';
import { withinPhotoBounds } from '../media/rendering/photo-bounds.util';

/** Why an uploaded picture is refused (the task page's error codes). */
export type PhotoProblem = 'unsupported_file' | 'unreadable_image' | 'image_too_large';

const MEDIA_TYPES = { jpeg: 'image/jpeg', png: 'image/png' } as const;

/**
 * Checks an upload without decoding it: JPEG or PNG by its bytes (the declared media type must agree), and a
 * header that states a non-empty size within the photo bounds (25 megapixels, 8000 pixels a side). Returns the
 * problem, or `undefined` for a usable picture. The header is read by the same code as the renderers read it, so
 * an accepted upload is one they draw.
 */
export function checkPhoto(data: Buffer, declaredType: string): PhotoProblem | undefined {
  const format = photoFormat(data);
  if (!format || declaredType !== MEDIA_TYPES[format]) return 'unsupported_file';
  const info = probePhoto(data);
  if (!info) return 'unreadable_image';
  // A few hundred kilobytes can declare a picture that decodes to gigabytes: refused on the header alone.
  return withinPhotoBounds(info) ? undefined : 'image_too_large';
}
