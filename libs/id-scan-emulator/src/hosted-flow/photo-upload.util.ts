import { photoFormat, probePhoto } from '../media/rendering/image-header.util';

/** Why an uploaded picture is refused (the task page's error codes). */
export type PhotoProblem = 'unsupported_file' | 'unreadable_image';

const MEDIA_TYPES = { jpeg: 'image/jpeg', png: 'image/png' } as const;

/**
 * Checks an upload without decoding it: JPEG or PNG by its bytes (the declared media type must agree), and a
 * header that states a non-empty size. Returns the problem, or `undefined` for a usable picture. The header is
 * read by the same code as the renderers read it, so an accepted upload is one they draw.
 */
export function checkPhoto(data: Buffer, declaredType: string): PhotoProblem | undefined {
  const format = photoFormat(data);
  if (!format || declaredType !== MEDIA_TYPES[format]) return 'unsupported_file';
  return probePhoto(data) ? undefined : 'unreadable_image';
}
