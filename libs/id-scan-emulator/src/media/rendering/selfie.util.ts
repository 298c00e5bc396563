import type { JimpInstance } from 'jimp';
import { fillRect, strokeRect } from './bitmap-drawing.util';
import { getFont, printText } from './bitmap-font.util';
import { encodeImage } from './image-codec.util';
import { personPicture } from './person-picture.util';
import type { SelfieInput } from './rendering.interface';

// Per-pixel code reads these from module constants: a global lookup per call costs a microsecond inside
// sandboxed hosts such as Jest's VM contexts, which turns a 5 ms fill into a second.
const { abs, min, round, sin } = Math;

/** Width of the selfie file. */
export const SELFIE_WIDTH = 480;

/** Height of the selfie file (a phone's front camera, portrait). */
export const SELFIE_HEIGHT = 640;

/** A room behind the person, unlike the plain studio background of the document portrait. */
const ROOM: [number, number] = [0xf3e6d3, 0xb9a58c];

/**
 * Renders the liveness selfie: the uploaded photo or the generated face in front of a room. When `live` is
 * `false` it shows what a failed liveness check catches, a photo of a screen: the picture is cold-tinted,
 * striped with scan lines and framed by a device bezel with a glare. JPEG by default.
 */
export async function renderSelfie(input: SelfieInput): Promise<Buffer> {
  const [image, font] = await Promise.all([
    personPicture(input.identity, input.photo, SELFIE_WIDTH, SELFIE_HEIGHT, {
      samePerson: input.samePerson,
      backdrop: ROOM,
    }),
    getFont(16, 0xffffff),
  ]);
  if (!input.live) {
    presentScreenReplay(image);
  }
  fillRect(image, { x: 0, y: SELFIE_HEIGHT - 30, w: SELFIE_WIDTH, h: 30 }, 0x000000, 0.55);
  printText(
    image,
    { font },
    12,
    SELFIE_HEIGHT - 25,
    input.live ? 'LIVE CAPTURE - ID SCAN EMULATOR' : 'SCREEN REPLAY - ID SCAN EMULATOR',
  );
  return encodeImage(image, input.format);
}

function presentScreenReplay(image: JimpInstance): void {
  const { data, width, height } = image.bitmap;
  for (let y = 0; y < height; y++) {
    // Scan lines and a slow moiré band: the pattern a camera picks up from a display.
    const line = y % 4 < 2 ? 0.82 : 1;
    const moire = 0.92 + 0.08 * sin(y / 9);
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const grey = 0.3 * data[i] + 0.59 * data[i + 1] + 0.11 * data[i + 2];
      // A diagonal glare across the glass.
      const distance = abs(x - width * (0.55 - (0.4 * y) / height)) / 70;
      const glare = distance < 1 ? 0.18 * (1 - distance) : 0;
      const r = grey * 0.55 * line * moire;
      const g = grey * 0.8 * line * moire + 20;
      const b = min(255, grey * line * moire + 45);
      data[i] = round(r + (255 - r) * glare);
      data[i + 1] = round(g + (255 - g) * glare);
      data[i + 2] = round(b + (255 - b) * glare);
    }
  }
  strokeRect(image, { x: 0, y: 0, w: width, h: height }, 22, 0x111111);
  fillRect(image, { x: width / 2 - 40, y: 6, w: 80, h: 8 }, 0x333333);
}
