import { fillRect } from './bitmap-drawing.util';
import { getFont, printText, styledWidth } from './bitmap-font.util';
import { encodeImage } from './image-codec.util';
import { personPicture } from './person-picture.util';
import type { PortraitInput } from './rendering.interface';

/** Width of the portrait file. */
export const PORTRAIT_WIDTH = 360;

/** Height of the portrait file (the 35 x 45 mm passport photo ratio). */
export const PORTRAIT_HEIGHT = 450;

/**
 * Renders the portrait file cut from the document: the uploaded photo cropped to the passport-photo ratio, or the
 * same generated face as on the document, with a small "SPECIMEN" tag. JPEG by default.
 */
export async function renderPortrait(input: PortraitInput): Promise<Buffer> {
  const [image, font] = await Promise.all([
    personPicture(input.identity, input.photo, PORTRAIT_WIDTH, PORTRAIT_HEIGHT),
    getFont(12, 0xffffff),
  ]);
  const tag = 'SPECIMEN - ID SCAN EMULATOR';
  const width = styledWidth({ font }, tag);
  fillRect(image, { x: 0, y: PORTRAIT_HEIGHT - 24, w: width + 16, h: 24 }, 0xb91c1c, 0.85);
  printText(image, { font }, 8, PORTRAIT_HEIGHT - 21, tag);
  return encodeImage(image, input.format);
}
