import type { JimpInstance } from 'jimp';
import type { Rgb } from './bitmap-drawing.util';
import { hashOf } from './bitmap-drawing.util';
import { createGeneratedFace } from './generated-face.util';
import { loadPhoto } from './photo.util';
import type { RenderedIdentity } from './rendering.interface';

/** The seed of everything drawn for `identity`, so the document, portrait and selfie show the same person. */
export function identitySeed(identity: RenderedIdentity): number {
  return hashOf(`${identity.surname}|${identity.givenNames}|${identity.dateOfBirth}|${identity.documentNumber}`);
}

/** Options of {@link personPicture}. */
export interface PersonPictureOptions {
  /** `false` draws someone else than the identity's holder. @default true */
  samePerson?: boolean;
  /** Background of a generated face (top and bottom colours). */
  backdrop?: [Rgb, Rgb];
}

/**
 * The person's picture at `width` x `height`: the uploaded photo, cropped to fill, when it is a readable JPEG or
 * PNG; otherwise the generated face of the identity's holder.
 */
export async function personPicture(
  identity: RenderedIdentity,
  photo: Buffer | undefined,
  width: number,
  height: number,
  options: PersonPictureOptions = {},
): Promise<JimpInstance> {
  const uploaded = await loadPhoto(photo);
  if (uploaded) {
    uploaded.cover({ w: width, h: height });
    return uploaded;
  }
  const seed = identitySeed(identity) ^ (options.samePerson === false ? 0x2f6b1a3d : 0);
  return createGeneratedFace(width, height, seed, options.backdrop);
}
